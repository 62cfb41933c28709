"""The event ontology (knowledge/ontology.toml): sub-types, their type and PLOVER code, triggers."""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from importlib import resources

from ..records import Plover


@dataclass(frozen=True)
class Subtype:
    name: str
    type: str
    plover: Plover
    rank: int


@dataclass(frozen=True)
class Trigger:
    """Words that evoke a sub-type, with the conditions under which they count."""

    words: tuple[str, ...]
    subtype: str
    pos: tuple[str, ...] = ()
    generic: bool = False
    harm: bool = False
    needs: frozenset[str] = frozenset()
    needs_target: bool = False


@dataclass(frozen=True)
class Ontology:
    version: str
    subtypes: dict[str, Subtype]
    single: dict[str, tuple[Trigger, ...]]  # one-word triggers by word
    phrases: tuple[tuple[str, Trigger], ...]  # multi-word triggers, longest first
    auxiliaries: frozenset[str]
    governors: frozenset[str]
    negations: frozenset[str]
    new_incident: tuple[str, ...]
    same_incident: tuple[str, ...]

    def subtype(self, name: str) -> Subtype:
        return self.subtypes[name]


@functools.lru_cache(maxsize=1)
def ontology() -> Ontology:
    """The packaged ontology, parsed once."""
    raw = tomllib.loads(
        resources.files("eventwire.knowledge").joinpath("ontology.toml").read_text("utf-8")
    )
    subtypes = {
        name: Subtype(
            name=name,
            type=spec["type"],
            plover=Plover(spec["plover"]["event"], spec["plover"].get("mode")),
            rank=spec["rank"],
        )
        for name, spec in raw["subtypes"].items()
    }
    single: dict[str, list[Trigger]] = {}
    phrases: list[tuple[str, Trigger]] = []
    for spec in raw["trigger"]:
        if spec["subtype"] not in subtypes:
            raise ValueError(f"ontology.toml: trigger names unknown sub-type {spec['subtype']!r}")
        trig = Trigger(
            words=tuple(spec["lemmas"]),
            subtype=spec["subtype"],
            pos=tuple(spec.get("pos", ())),
            generic=spec.get("generic", False),
            harm=spec.get("harm", False),
            needs=frozenset(spec.get("needs", ())),
            needs_target=spec.get("needs_target", False),
        )
        for word in trig.words:
            if " " in word:
                phrases.append((word, trig))
            else:
                single.setdefault(word, []).append(trig)
    phrases.sort(key=lambda p: -len(p[0]))
    mod = raw["modality"]
    disc = raw["discourse"]
    return Ontology(
        version=raw["version"],
        subtypes=subtypes,
        single={k: tuple(v) for k, v in single.items()},
        phrases=tuple(phrases),
        auxiliaries=frozenset(mod["auxiliaries"]),
        governors=frozenset(mod["governors"]),
        negations=frozenset(mod["negations"]),
        new_incident=tuple(disc["new_incident"]),
        same_incident=tuple(disc["same_incident"]),
    )
