"""The knowledge base: actors, people nouns, target nouns and weapons, read from TOML files.

Each file is versioned data (``version = "YYYY.MM.N"``, a ``[meta]`` table with sources,
a ``source`` on every entry that has one). This module reads them once per process and
finds their entries in article text: ``actors().find(text)``, ``weapons().find(text)``,
``people().find(text)``, ``targets().find(text)``; ``get(name)`` looks one up.
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any, Optional

from .. import errors
from ..records import Span
from .arms import WeaponEntry, WeaponKB, WeaponMatch
from .phrases import (
    PhraseSet,
    fold,
    is_upper_case,
    key_variants,
    lookup_key,
    phrase_key,
)

__all__ = [
    "ActorEntry",
    "ActorKB",
    "Affiliation",
    "Match",
    "NounEntry",
    "NounKB",
    "WeaponEntry",
    "WeaponKB",
    "WeaponMatch",
    "actors",
    "people",
    "targets",
    "titles",
    "version",
    "versions",
    "weapons",
]

KINDS = (
    "armed_group",
    "state_force",
    "government",
    "political_party",
    "militia",
    "criminal_group",
    "international",
    "other",
)
RELATIONS = ("front_for", "backed_by", "faction_of", "allied_with", "successor_of")
AMBIGUOUS_RULES = ("upper", "upper_mixed")
FILES = ("actors", "people", "targets", "weapons")


@dataclass(frozen=True)
class Affiliation:
    """A tie from one actor to another, e.g. ``front_for`` Kata'ib Hezbollah."""

    relation: str
    actor: str


@dataclass(frozen=True)
class ActorEntry:
    """One armed group, state force, party or other actor, with every name it goes by."""

    name: str
    aliases: tuple[str, ...]
    kind: str
    countries: tuple[str, ...]
    affiliations: tuple[Affiliation, ...]
    source: str


@dataclass(frozen=True)
class NounEntry:
    """A common noun for people ("gunmen") or for a target ("embassy"), with its forms.

    ``side`` (people only) is the part such people usually play: perpetrator, victim or
    either; ``entity`` is individual, facility or object; ``category`` a finer group.
    """

    name: str
    forms: tuple[str, ...]
    entity: str
    category: str
    side: Optional[str] = None
    plural: Optional[str] = None


@dataclass(frozen=True)
class Match:
    """An entry found in text: the span, the text as written, the entry and the alias."""

    span: Span
    text: str
    entry: Any
    alias: str = ""


def _load(name: str) -> dict:
    path = resources.files(__name__) / f"{name}.toml"
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise errors.ModelMissingError(errors.E601.format(path=path)) from None
    except tomllib.TOMLDecodeError as exc:
        raise errors.KnowledgeError(errors.E602.format(path=path, reason=exc)) from None


def _invalid(file: str, entry: str, reason: str) -> errors.KnowledgeError:
    return errors.KnowledgeError(errors.E603.format(file=file, entry=entry, reason=reason))


class ActorKB:
    """The actor knowledge base: lookup by name or alias, and whole-word search in text.

    Ambiguous aliases ("IS", "ERP", "LeT") match only as written; those with the rule
    "upper_mixed" never match in all-caps wire text, where "IS" is the verb.
    """

    def __init__(self, entries: tuple[ActorEntry, ...], ambiguous: dict[str, str]) -> None:
        self.entries = entries
        self.ambiguous = ambiguous
        self._by_name = {e.name: e for e in entries}
        self._by_key: dict[str, tuple[ActorEntry, str]] = {}
        self._exact: dict[str, list[tuple[ActorEntry, str]]] = {}
        self._heads: dict[str, str] = {}
        for entry in entries:
            for alias in (entry.name, *entry.aliases):
                if alias in ambiguous:
                    key = lookup_key(phrase_key(alias))
                    self._exact.setdefault(key, []).append((entry, alias))
                    continue
                for variant in key_variants(phrase_key(alias)):
                    self._by_key.setdefault(lookup_key(variant), (entry, alias))
                head = re.split(r"[\s-]", alias, maxsplit=1)[0]
                if head in ambiguous and head != alias:  # "IS group" needs "IS" as written
                    self._heads[lookup_key(phrase_key(alias))] = head
        keys = [k for e in entries for a in (e.name, *e.aliases) for k in _alias_keys(a)]
        self._phrases = PhraseSet(keys)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def find(self, text: str) -> list[Match]:
        """Every actor mentioned in ``text``: whole words, longest first, no overlaps."""
        found = []
        for hit in self._phrases.scan(fold(text)):
            written = text[hit.start : hit.end]
            match = None
            for entry, alias in self._exact.get(hit.key, ()):
                if written != alias:
                    continue
                # "upper_mixed" aliases are skipped inside capitals: a wire story, or a
                # headline or transcript in capitals within a mixed-case story ("DO IS KEEP").
                if self.ambiguous[alias] == "upper_mixed" and _in_capitals(text, hit):
                    continue
                match = Match((hit.start, hit.end), written, entry, alias)
                break
            head = self._heads.get(hit.key)
            if head and (
                not written.startswith(head)
                or (self.ambiguous[head] == "upper_mixed" and _in_capitals(text, hit))
            ):
                continue
            if match is None and hit.key in self._by_key:
                entry, alias = self._by_key[hit.key]
                match = Match((hit.start, hit.end), written, entry, alias)
            if match is not None:
                found.append(match)
        return found

    def get(self, name: str) -> Optional[ActorEntry]:
        """The entry whose canonical name or any alias is ``name`` (any case), else None."""
        if name in self._by_name:
            return self._by_name[name]
        for entry, alias in self._exact.get(lookup_key(phrase_key(name)), ()):
            if alias == name:
                return entry
        return self._by_key.get(lookup_key(phrase_key(name)), (None, ""))[0]

    def resolve(self, text: str) -> Optional[ActorEntry]:
        """The one actor a longer phrase names ("the FMLN urban commandos", "Salvadoran
        army troops"): ``get`` first, else the entry every match in ``text`` agrees on."""
        entry = self.get(text)
        if entry is not None:
            return entry
        named = {m.entry.name: m.entry for m in self.find(text)}
        return next(iter(named.values())) if len(named) == 1 else None

    def affiliates(self, entry: ActorEntry) -> tuple[tuple[Affiliation, ActorEntry], ...]:
        """The actors ``entry`` is tied to (front for, backed by, faction of ...), resolved."""
        return tuple(
            (a, self._by_name[a.actor]) for a in entry.affiliations if a.actor in self._by_name
        )

    def related(self, entry: ActorEntry) -> tuple[tuple[Affiliation, ActorEntry], ...]:
        """The actors that name ``entry`` in their own affiliations (its fronts, factions)."""
        return tuple(
            (a, other)
            for other in self.entries
            for a in other.affiliations
            if a.actor == entry.name
        )


_WORD_BEFORE = re.compile(r"([A-Za-z]+)[^A-Za-z]*$")
_WORD_AFTER = re.compile(r"[^A-Za-z]*([A-Za-z]+)")


def _in_capitals(text: str, hit: Any) -> bool:
    """True when the words either side of a hit are in capitals, or the whole text is."""
    before = _WORD_BEFORE.search(text, max(0, hit.start - 30), hit.start)
    after = _WORD_AFTER.match(text, hit.end, hit.end + 30)
    for word in (before, after):
        if word and len(word.group(1)) > 1 and word.group(1).isupper():
            return True
    return is_upper_case(text)


class NounKB:
    """People or target nouns: lookup by any form, and whole-word search in text."""

    def __init__(self, entries: tuple[NounEntry, ...]) -> None:
        self.entries = entries
        self._by_key: dict[str, tuple[NounEntry, str]] = {}
        for entry in entries:
            for form in entry.forms:
                for variant in key_variants(phrase_key(form)):
                    self._by_key.setdefault(lookup_key(variant), (entry, form))
        self._phrases = PhraseSet(
            k for e in entries for f in e.forms for k in key_variants(phrase_key(f))
        )

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self):
        return iter(self.entries)

    def get(self, word: str) -> Optional[NounEntry]:
        """The entry for a word or lemma in any form or case ("Gunmen", "gunman"), else None."""
        return self._by_key.get(lookup_key(phrase_key(word)), (None, ""))[0]

    def find(self, text: str) -> list[Match]:
        """Every noun of this list in ``text``, longest first ("suicide bomber", not "bomber")."""
        return [
            Match((h.start, h.end), text[h.start : h.end], *self._by_key[h.key])
            for h in self._phrases.scan(fold(text))
        ]


def _alias_keys(alias: str) -> set[str]:
    return key_variants(phrase_key(alias))


def _text_list(value: Any, file: str, name: str, field: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _invalid(file, name, f"'{field}' must be a list of strings")
    return tuple(value)


@functools.lru_cache(maxsize=1)
def actors() -> ActorKB:
    """The actor knowledge base (read once per process)."""
    data = _load("actors")
    entries = []
    for raw in data.get("actor", []):
        name = raw.get("name") or "?"
        kind = raw.get("kind")
        if kind not in KINDS:
            raise _invalid("actors", name, f"kind {kind!r} is not one of {', '.join(KINDS)}")
        affiliations = []
        for aff in raw.get("affiliations", []):
            if aff.get("relation") not in RELATIONS:
                raise _invalid("actors", name, f"relation must be one of {', '.join(RELATIONS)}")
            affiliations.append(Affiliation(aff["relation"], aff["actor"]))
        entries.append(
            ActorEntry(
                name=name,
                aliases=_text_list(raw.get("aliases"), "actors", name, "aliases"),
                kind=kind,
                countries=_text_list(raw.get("countries"), "actors", name, "countries"),
                affiliations=tuple(affiliations),
                source=raw.get("source", ""),
            )
        )
    ambiguous = {}
    for raw in data.get("ambiguous", []):
        rule = raw.get("rule", "upper")
        if rule not in AMBIGUOUS_RULES:
            raise _invalid("actors", raw.get("alias", "?"), f"rule must be {AMBIGUOUS_RULES}")
        ambiguous[raw["alias"]] = rule
    return ActorKB(tuple(entries), ambiguous)


def _plural(noun: str) -> str:
    """The regular English plural of a noun phrase's last word ("gas station" -> "...s")."""
    if noun.endswith(("s", "x", "z", "ch", "sh")):
        return noun + "es" if not noun.endswith("s") else noun
    if noun.endswith("y") and noun[-2:-1] not in ("a", "e", "i", "o", "u"):
        return noun[:-1] + "ies"
    return noun + "s"


def _nouns(
    file: str, table: str, entity_field: str, plurals: bool = False
) -> tuple[NounEntry, ...]:
    entries = []
    for raw in _load(file).get(table, []):
        name = raw.get("singular") or raw.get("plural")
        if not name:
            raise _invalid(file, "?", "every entry needs 'singular' or 'plural'")
        plural = raw.get("plural")
        forms = [f for f in (raw.get("singular"), plural) if f]
        aliases = list(_text_list(raw.get("aliases"), file, name, "aliases"))
        forms += aliases
        if plurals:  # target aliases are listed in the singular where the plural is regular
            forms += [_plural(a) for a in aliases if a[-1:].isalpha() and a[-1:].islower()]
        entries.append(
            NounEntry(
                name=name,
                forms=tuple(dict.fromkeys(forms)),
                entity=raw.get(entity_field, "individual"),
                category=raw.get("category", "other"),
                side=raw.get("side"),
                plural=plural,
            )
        )
    return tuple(entries)


@functools.lru_cache(maxsize=1)
def people() -> NounKB:
    """Nouns for unnamed people ("gunmen", "civilians", "soldiers") with a side hint."""
    return NounKB(_nouns("people", "noun", "entity"))


@functools.lru_cache(maxsize=1)
def titles() -> frozenset[str]:
    """Titles that precede a person's name ("President", "Colonel"), lower-cased."""
    return frozenset(t.lower() for t in _load("people").get("titles", []))


@functools.lru_cache(maxsize=1)
def targets() -> NounKB:
    """Facility and object nouns that attacks hit ("embassy", "power tower", "bus")."""
    return NounKB(_nouns("targets", "target", "type", plurals=True))


@functools.lru_cache(maxsize=1)
def weapons() -> WeaponKB:
    """Weapon names with class, PLOVER mode and event sub-type hint."""
    entries = []
    for raw in _load("weapons").get("weapon", []):
        name = raw.get("name") or "?"
        if not raw.get("class") or not raw.get("plover_mode"):
            raise _invalid("weapons", name, "'class' and 'plover_mode' are required")
        hint = raw.get("subtype_hint")
        entries.append(
            WeaponEntry(
                name=name,
                aliases=_text_list(raw.get("aliases"), "weapons", name, "aliases"),
                class_=raw["class"],
                plover_mode=raw["plover_mode"],
                subtype_hint=None if hint in (None, "", "none") else hint,
                source=raw.get("source"),
            )
        )
    return WeaponKB(tuple(entries))


@functools.lru_cache(maxsize=1)
def versions() -> dict[str, str]:
    """The version of each knowledge file, e.g. ``{"actors": "2026.11.1", ...}``."""
    return {name: str(_load(name).get("version", "0")) for name in FILES}


def version() -> str:
    """One version for the whole knowledge base: the newest of its files' versions."""
    return max(versions().values(), key=lambda v: tuple(int(p) for p in v.split(".")))
