"""Normalisation and matching shared by every benchmark scorer.

Names are compared after ``normalize``: lower case, accents and punctuation removed, spaces
collapsed, no leading article. Sets are matched one-to-one (each gold item at most once) with
a maximum bipartite matching, so the order of predictions never changes a score.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Optional, TypeVar

from ..records import Actor, Event, Location, Result, Weapon

P = TypeVar("P")
G = TypeVar("G")

_ARTICLES = ("the", "a", "an")
_PUNCT = re.compile(r"[^\w\s]|_")
_SPACE = re.compile(r"\s+")

ROLES = ("PerpInd", "PerpOrg", "Target", "Victim", "Weapon")
"""The five MUC-4 role-filler slots in GRIT's format."""


def normalize(text: Optional[str]) -> str:
    """Lower case, no accents, punctuation as space, one space between words, no leading article."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    folded = _SPACE.sub(" ", _PUNCT.sub(" ", folded)).strip()
    words = folded.split(" ")
    while len(words) > 1 and words[0] in _ARTICLES:
        words = words[1:]
    return " ".join(words)


def contains_words(outer: str, inner: str) -> bool:
    """True when the normalized ``inner`` occurs in ``outer`` on word boundaries."""
    if not inner:
        return False
    return f" {inner} " in f" {outer} "


@dataclass(frozen=True)
class Tally:
    """Counts for precision/recall: matched, predicted and gold items."""

    matched: int = 0
    predicted: int = 0
    gold: int = 0

    def __add__(self, other: Tally) -> Tally:
        return Tally(
            self.matched + other.matched, self.predicted + other.predicted, self.gold + other.gold
        )

    def scores(self) -> dict[str, float]:
        """Precision, recall and F1 in percent (0 where undefined), with the raw counts."""
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {
            "precision": round(100 * p, 1),
            "recall": round(100 * r, 1),
            "f1": round(100 * f, 1),
            "matched": self.matched,
            "predicted": self.predicted,
            "gold": self.gold,
        }


def pair_up(
    predicted: Sequence[P], gold: Sequence[G], agrees: Callable[[P, G], bool]
) -> list[tuple[int, int]]:
    """A largest one-to-one set of (predicted index, gold index) pairs that agree."""
    edges = [[g for g in range(len(gold)) if agrees(p, gold[g])] for p in predicted]
    owner: dict[int, int] = {}  # gold index -> predicted index

    def claim(p: int, seen: set[int]) -> bool:
        for g in edges[p]:
            if g in seen:
                continue
            seen.add(g)
            if g not in owner or claim(owner[g], seen):
                owner[g] = p
                return True
        return False

    for p in range(len(predicted)):
        claim(p, set())
    return sorted((p, g) for g, p in owner.items())


def tally(
    predicted: Sequence[P],
    gold: Sequence[G],
    agrees: Callable[[P, G], bool],
    optional: Sequence[bool] = (),
) -> tuple[Tally, list[tuple[int, int]]]:
    """Match one document's items; an unmatched gold item flagged optional is no miss."""
    pairs = pair_up(predicted, gold, agrees)
    hit = {g for _, g in pairs}
    flags = list(optional) or [False] * len(gold)
    gold_count = sum(1 for g in range(len(gold)) if g in hit or not flags[g])
    return Tally(len(pairs), len(predicted), gold_count), pairs


# --- Predicted entities -----------------------------------------------------------------------


@dataclass(frozen=True)
class Entity:
    """One predicted role filler: its canonical name and every normalized string naming it."""

    name: str
    names: frozenset[str]
    span: Optional[tuple[int, int]] = None


def span_text(text: str, span: Optional[tuple[int, int]]) -> str:
    """The article text under a span, or '' when there is none."""
    if not span:
        return ""
    return text[span[0] : span[1]]


def actor_role(actor: Actor) -> str:
    """The MUC-4 slot of a SPEC actor: organizations that perpetrate are PerpOrg."""
    if actor.role == "perpetrator":
        return "PerpOrg" if actor.entity == "organization" else "PerpInd"
    return "Victim" if actor.role == "victim" else "Target"


def role_entities(events: Iterable[Event], text: str) -> dict[str, list[Entity]]:
    """Per MUC-4 role, one entity per distinct canonical name, its names merged over events."""
    found: dict[str, dict[str, Entity]] = {role: {} for role in ROLES}

    def add(role: str, name: str, others: Iterable[str], span: Optional[tuple[int, int]]) -> None:
        key = normalize(name) or normalize(span_text(text, span))
        if not key:
            return
        names = {normalize(n) for n in (name, *others, span_text(text, span))} - {""}
        old = found[role].get(key)
        if old is not None:
            names |= old.names
            span = old.span or span
        found[role][key] = Entity(old.name if old else name, frozenset(names), span)

    for event in events:
        for actor in event.actors:
            add(actor_role(actor), actor.name, actor.aliases, actor.span)
        for weapon in event.weapons:
            add("Weapon", weapon.name, (), weapon.span)
    return {role: list(by_name.values()) for role, by_name in found.items()}


def weapon_names(weapon: Weapon, text: str) -> set[str]:
    """The normalized name and span text of a weapon."""
    return {normalize(weapon.name), normalize(span_text(text, weapon.span))} - {""}


def entity_agrees(entity: Entity, mentions: Sequence[str]) -> bool:
    """A predicted entity is right when one of its names equals one of the gold mentions."""
    return any(normalize(m) in entity.names for m in mentions)


# --- Events, dates, places ----------------------------------------------------------------------

BACKGROUND_HORIZON_DAYS = 60


def latest_day(event: Event) -> Optional[dt.date]:
    """The last day an event's date allows, or None when it has no date."""
    if event.date is None:
        return None
    return event.date.end or event.date.start


def is_terrorist_incident(event: Event, published: Optional[dt.date]) -> bool:
    """MUC-4's scope: no battles or protests, no other strategic developments than looting or
    destruction, and no background history over 60 days before publication."""
    if event.type in ("battle", "protest"):
        return False
    if event.type == "strategic_development" and event.subtype != "looting_property_destruction":
        return False
    if event.status == "background" and published is not None:
        last = latest_day(event)
        if last is not None and (published - last).days > BACKGROUND_HORIZON_DAYS:
            return False
    return True


def muc4_events(result: Result) -> list[Event]:
    """The events of a result that the MUC-4 adapter counts."""
    return [e for e in result.events if is_terrorist_incident(e, result.article.published)]


def dates_overlap(
    a: tuple[Optional[dt.date], Optional[dt.date]], b: tuple[Optional[dt.date], Optional[dt.date]]
) -> bool:
    """True when two closed day ranges share a day; a missing end repeats the start."""
    a_start, a_end = a[0] or a[1], a[1] or a[0]
    b_start, b_end = b[0] or b[1], b[1] or b[0]
    if None in (a_start, a_end, b_start, b_end):
        return False
    return a_start <= b_end and b_start <= a_end  # type: ignore[operator]


def victims_count(event: Optional[Event], effect: str) -> Optional[int]:
    """``min`` killed (or injured) less the attackers among them (side "perpetrator"): the
    benchmarks count victims only. None when the event gives no figure."""
    if event is None:
        return None
    count = getattr(event, effect)
    if count is None or count.min is None:
        return None
    attackers = sum(
        c.count.min or 0 for c in event.casualties if c.effect == effect and c.side == "perpetrator"
    )
    return max(0, count.min - attackers)


def place_names(location: Optional[Location]) -> set[str]:
    """The normalized place name of a predicted location (its text when it has no name)."""
    if location is None:
        return set()
    return {normalize(location.name or location.text)} - {""}
