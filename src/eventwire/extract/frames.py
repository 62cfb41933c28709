"""Sentence frames: what one sentence says about violence — triggers, counts, actors, weapons, time.

Assembly (assemble.py) reads frames in text order and groups them into incidents.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any, Optional

from ..knowledge import weapons as weapon_kb
from ..pipeline import Coding
from ..records import Count, Span
from .actors import ActorMention, find_actors
from .counts import CountMention, find_counts, pattern_counts, roundup
from .mentions import Mention
from .numbers import find_quantities, parse_quantity
from .ontology import ontology

OLD_AFTER_DAYS = 30
"""An incident dated more than this many days before publication is history (background)."""


@dataclass(frozen=True)
class WeaponMention:
    name: str
    class_: str
    subtype_hint: Optional[str]
    plover_mode: Optional[str]
    count: Optional[Count]
    span: Span
    sentence_index: int


@dataclass(frozen=True)
class Frame:
    """One sentence, read for an event."""

    index: int
    span: Span
    mentions: tuple[Mention, ...]  # real triggers: not hypothetical, not habitual
    counts: tuple[CountMention, ...]
    actors: tuple[ActorMention, ...]
    weapons: tuple[WeaponMention, ...]
    dates: tuple[Any, ...]  # DateMention inside the sentence
    subtype: Optional[str]  # the sentence's event sub-type, if it tells of an event
    generic: bool  # the sub-type is a default (generic trigger or casualty words only)
    anaphor: bool  # "the attack", "the bombardment": refers back to an incident
    new_marker: bool  # "meanwhile", "in another attack": starts a new incident
    old: Optional[bool]  # dated history (True), dated current (False), undated (None)
    past_perfect: bool
    bombers: tuple[Count, ...] = ()  # "three suicide bombers": how many attackers died
    towns: frozenset[str] = frozenset()  # places of city or site level named in the sentence

    @property
    def is_event(self) -> bool:
        return self.subtype is not None

    @property
    def anchor(self) -> int:
        return self.mentions[0].trigger[0] if self.mentions else self.span[0]


_ACT_WORDS = re.compile(
    r"(?:ing|ings|explosions?|blasts?|shots?|fire|shoot-?outs?|attacks?|torture|strikes?|raids?|gunfire)$",
    re.IGNORECASE,
)
"""Weapon-list words that name the act, not the instrument ("bombing", "opened fire")."""


def _weapons(text: str, span: Span, index: int) -> tuple[WeaponMention, ...]:
    found = []
    for m in weapon_kb().find(text[span[0] : span[1]]):
        if _ACT_WORDS.search(m.text.strip()) and not re.search(r"\b(?:rifle|gun|grenade|bomb|rocket|mortar|missile)s?\b\s*$", m.text, re.I):
            continue
        count = None
        if m.count_text:
            q = parse_quantity(m.count_text)
            count = q.count if q else None
        start, end = span[0] + m.span[0], span[0] + m.span[1]
        name = text[start:end]
        if m.count_span:
            cs = (span[0] + m.count_span[0], span[0] + m.count_span[1])
            if cs[0] <= start < cs[1]:
                start = cs[1]
                name = text[start:end].strip()
        found.append(
            WeaponMention(
                name=name.strip(), class_=m.entry.class_, subtype_hint=m.entry.subtype_hint,
                plover_mode=m.entry.plover_mode, count=count, span=(start, end), sentence_index=index,
            )
        )
    return tuple(found)


def _is_old(mention: Any, published: Optional[dt.date]) -> bool:
    if mention.past_marker or mention.anchor:
        return True
    return published is not None and mention.end < published - dt.timedelta(days=OLD_AFTER_DAYS)


def _subtype(mentions: tuple[Mention, ...], weapons: tuple[WeaponMention, ...], counts: tuple[CountMention, ...]) -> tuple[Optional[str], bool]:
    onto = ontology()
    specific = [m.subtype for m in mentions if not m.generic and not m.harm]
    counted = any(m.harm for m in mentions) and any(not c.vague and (c.count.min or 0) > 0 for c in counts)
    if counted and all(s == "looting_property_destruction" for s in specific):
        # "the bus was destroyed, killing 10 soldiers": the deaths tell what happened, the
        # wreck is part of it, not a strategic development of its own
        specific = []
    hints = [w.subtype_hint for w in weapons if w.subtype_hint]
    if specific:
        best = min(specific, key=lambda s: onto.subtype(s).rank)
        # A weapon refines a plain attack ("attack ... with rockets") but not a clash.
        if hints and onto.subtype(best).type == "violence_against_civilians" and best == "attack":
            return min(hints, key=lambda s: onto.subtype(s).rank), False
        return best, False
    if any(m.generic and not m.harm for m in mentions):
        if hints:
            return min(hints, key=lambda s: onto.subtype(s).rank), False
        return "attack", True
    if any(m.harm for m in mentions) and any(not c.vague and (c.count.min or 0) > 0 for c in counts):
        if hints:
            return min(hints, key=lambda s: onto.subtype(s).rank), True
        return "attack", True
    return None, True


def read_frames(coding: Coding) -> tuple[Frame, ...]:
    """One Frame per sentence of the article."""
    doc = coding.doc
    text = coding.article.text
    published = coding.article.published
    onto = ontology()
    by_sentence: dict[int, list[Mention]] = {}
    for m in coding.mentions:
        by_sentence.setdefault(m.sentence_index, []).append(m)
    frames = []
    for index, sent in enumerate(doc.sents):
        span = (sent.start_char, sent.end_char)
        dates = tuple(d for d in coding.dates if span[0] <= d.span[0] < span[1])
        # Triggers inside a time expression ("three days before the assassination") are anchors.
        real = tuple(
            m for m in by_sentence.get(index, ())
            if not m.hypothetical and not m.habitual
            and not any(d.span[0] <= m.trigger[0] < d.span[1] for d in dates)
        )
        counts = tuple(find_counts(sent, index, text)) if real else ()
        if real:
            counts += tuple(pattern_counts(sent, index, text, {c.effect for c in counts}))
            counts = roundup(sent.text, counts)
        weapons = _weapons(text, span, index) if real else ()
        subtype, generic = _subtype(real, weapons, counts)
        if generic:
            weapons = ()  # "the first warning shot": a bare "attack" sentence names no weapon
        low = text[span[0] : span[1]].lower()
        anaphor = any(re.search(r"\b%s\b" % re.escape(p), low) for p in onto.same_incident)
        new_marker = any(low.startswith(p) or f" {p} " in low[:60] for p in onto.new_incident)
        actors = tuple(find_actors(sent, index, text, subtype is not None or anaphor))
        old: Optional[bool] = None
        if dates:
            anchor = real[0].trigger[0] if real else span[0]
            nearest = min(dates, key=lambda d: abs(d.span[0] - anchor))
            old = _is_old(nearest, published)
        bombers = tuple(
            q.count for q in find_quantities(text[span[0] : span[1]])
            if re.match(r"\s*suicide\s+(?:car\s+)?bombers?\b", text[span[0] + q.span[1] : span[1]], re.IGNORECASE)
        )
        towns = frozenset(
            t.place.name for t in coding.toponyms
            if span[0] <= t.span[0] < span[1] and t.place is not None
            and getattr(t.place, "feature", "") in ("city", "site", "airport")
        )
        frames.append(
            Frame(
                index=index, span=span, mentions=real, counts=counts, actors=actors,
                weapons=weapons, dates=dates, subtype=subtype, generic=generic,
                anaphor=anaphor, new_marker=new_marker, old=old,
                past_perfect=any(m.past_perfect for m in real), bombers=bombers, towns=towns,
            )
        )
    return tuple(frames)
