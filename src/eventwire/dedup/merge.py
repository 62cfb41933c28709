"""One incident from the event reports clustered together: fields reconciled conservatively."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Optional

from ..read.dateline import find_dateline
from ..records import (
    Actor,
    Casualty,
    Count,
    Event,
    EventDate,
    Evidence,
    Location,
    Plover,
    Weapon,
)
from .profile import PLACE_RANK

DATE_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
ATTRIBUTION_RANK = {"claimed": 0, "reported": 1, "accused": 2, "suspected": 3, None: 4}


@dataclass(frozen=True)
class StoredEvent:
    """An event as the store keeps it: which article reported it, and when that was published."""

    article_id: str
    published: Optional[dt.date]
    event: Event
    title: Optional[str] = None  # the article's headline, when known: a text clue for matching
    context: Optional[str] = None  # the article's lead (first paragraphs): words of its main story


@dataclass(frozen=True)
class Link:
    """Why two reports were joined: the pair, its score, and the reasons that made it."""

    a: str  # "article_id/event_id"
    b: str
    score: float
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class SourcedEvidence(Evidence):
    """Evidence of an incident field: the span points into the article ``article_id``."""

    article_id: str = ""


@dataclass(frozen=True)
class Incident:
    """One real-world incident: the SPEC event fields merged over every report of it."""

    id: str
    status: str
    type: str
    subtype: str
    plover: Plover
    date: Optional[EventDate]
    location: Optional[Location]
    actors: tuple[Actor, ...]
    weapons: tuple[Weapon, ...]
    killed: Optional[Count]
    injured: Optional[Count]
    casualties: tuple[Casualty, ...]
    evidence: tuple[SourcedEvidence, ...]
    confidence: float
    sources: tuple[str, ...]  # article ids, sorted
    members: tuple[str, ...]  # event ids of the member reports
    member_sources: tuple[str, ...]  # the article id of each member, aligned with ``members``
    links: tuple[Link, ...] = ()  # the joins that made this incident (empty for one report)
    score: Optional[float] = None  # the weakest join's score: how sure the merge is
    rules: str = ""  # version of knowledge/dedup.toml


def incident_id(items: Sequence[StoredEvent]) -> str:
    """Content hash of the member reports: the same members always give the same id."""
    keys = "\n".join(sorted(f"{s.article_id}/{s.event.id}" for s in items))
    return hashlib.sha1(keys.encode("utf-8")).hexdigest()[:16]


def merge(items: Sequence[StoredEvent], links: Sequence[Link], version: str) -> Incident:
    """Reconcile the reports of one incident: counts as the range of credible reports, the
    most precise date and place, every actor and weapon once (a claim kept over a rumour)."""
    items = sorted(items, key=lambda s: (s.article_id, s.event.id))
    lead = _lead(items)
    kinds = Counter(s.event.subtype for s in items)
    top = max(kinds.values())
    subtype = lead.event.subtype if kinds[lead.event.subtype] == top else sorted(
        k for k, v in kinds.items() if v == top)[0]
    etype = next(s.event.type for s in items if s.event.subtype == subtype)
    plover = next(s.event.plover for s in items if s.event.subtype == subtype)
    return Incident(
        id=incident_id(items),
        status="reported" if any(s.event.status == "reported" for s in items) else "background",
        type=etype,
        subtype=subtype,
        plover=plover,
        date=_date(items),
        location=_location(items),
        actors=_actors(items),
        weapons=_weapons(items),
        killed=reconcile([s.event.killed for s in items]),
        injured=reconcile([s.event.injured for s in items]),
        casualties=lead.event.casualties,
        evidence=tuple(
            SourcedEvidence(field=e.field, text=e.text, span=e.span, stage=e.stage, article_id=s.article_id)
            for s in items for e in s.event.evidence
        ),
        confidence=max(s.event.confidence for s in items),
        sources=tuple(sorted({s.article_id for s in items})),
        members=tuple(s.event.id for s in items),
        member_sources=tuple(s.article_id for s in items),
        links=tuple(sorted(links, key=lambda k: (-k.score, k.a, k.b))),
        score=min((k.score for k in links), default=None),
        rules=version,
    )


def reconcile(counts: Sequence[Optional[Count]]) -> Optional[Count]:
    """Counts over several reports: min the lowest report, max the highest (open if any is open).

    Reports that say nothing (None) do not count; a report of 0 does."""
    known = [c for c in counts if c is not None and c.min is not None]
    if not known:
        return None
    low = min(c.min for c in known)  # type: ignore[type-var]
    high = None if any(c.max is None for c in known) else max(max(c.max, c.min) for c in known)  # type: ignore[type-var]
    return Count(low, high)


def best_estimate(counts: Sequence[Optional[Count]]) -> Optional[int]:
    """The single figure to report for a merged count: the highest firm (min) figure of any
    report, since later reports carry the final toll (3 → 5 gives 5)."""
    known = [c.min for c in counts if c is not None and c.min is not None]
    return max(known) if known else None


def best_estimates(events: Sequence[Event]) -> tuple[Optional[int], Optional[int]]:
    """Killed and injured for a merged incident: each its ``best_estimate``, except that the
    wounded who died by a later report are no longer injured. Everyone shot is the most any
    one report counts; the injured are those of them not dead (at least as many as the report
    with the final toll still counts): "a boy shot, in critical condition" then "the boy has
    died" is one killed, none injured."""
    killed = best_estimate([e.killed for e in events])
    injured = best_estimate([e.injured for e in events])
    if not killed or not injured:
        return killed, injured
    firm = [((e.killed.min or 0) if e.killed else 0, (e.injured.min or 0) if e.injured else 0) for e in events]
    shot = max(k + i for k, i in firm)
    final = max(i for k, i in firm if k == killed)
    return killed, max(shot - killed, final)


def _lead(items: Sequence[StoredEvent]) -> StoredEvent:
    """The report that speaks for the incident: reported before background, then most confident."""
    return min(items, key=lambda s: (s.event.status != "reported", -s.event.confidence, s.article_id))


def _date(items: Sequence[StoredEvent]) -> Optional[EventDate]:
    dated = [s for s in items if s.event.date is not None and s.event.date.start is not None]
    if not dated:
        return None
    rank = min(DATE_RANK.get(s.event.date.precision or "day", 0) for s in dated)  # type: ignore[union-attr]
    best = [s for s in dated if DATE_RANK.get(s.event.date.precision or "day", 0) == rank]  # type: ignore[union-attr]
    # one vote per article: an article that told the incident twice is one report
    votes = Counter(day for _, day in {(s.article_id, s.event.date.start) for s in best})  # type: ignore[union-attr]
    top = max(votes.values())
    # ties go to the earliest-published report: the first story dates "Wednesday" most surely
    winner = min(
        (s for s in best if votes[s.event.date.start] == top),  # type: ignore[union-attr]
        key=lambda s: (s.published or dt.date.max, s.article_id),
    )
    return winner.event.date


def _location(items: Sequence[StoredEvent]) -> Optional[Location]:
    placed = [s for s in items if s.event.location is not None]
    if not placed:
        return None

    def rank(s: StoredEvent) -> int:
        return PLACE_RANK.get(s.event.location.precision or "", 6)  # type: ignore[union-attr]

    best_rank = min(rank(s) for s in placed)
    best = [s for s in placed if rank(s) == best_rank]
    votes = Counter(name for _, name in {(s.article_id, s.event.location.name) for s in best})  # type: ignore[union-attr]
    # headline and lead of each report
    texts = [f"{getattr(o, 'title', None) or ''} {getattr(o, 'context', None) or ''}" for o in items]

    def support(s: StoredEvent) -> int:
        """How many of the reports name this place in their headline or lead."""
        loc = s.event.location
        names = [n for n in {loc.name, loc.text} if n]  # type: ignore[union-attr]
        if not names:
            return 0
        word = re.compile("|".join(rf"\b{re.escape(n)}\b" for n in names), re.I)
        return sum(1 for t in texts if word.search(t))

    # most reports' choice; among equals the place most reports name (a bureau's town or a
    # hospital's city is named by one report, the incident's town by all), then a place the
    # event's sentences gave over one only a dateline gave (where the report was filed), then
    # confidence
    winner = min(best, key=lambda s: (-votes[s.event.location.name], -support(s),  # type: ignore[union-attr]
                                      _datelined(s), -s.event.confidence, s.article_id))
    return winner.event.location


def _datelined(s: StoredEvent) -> bool:
    """The report's place is only its dateline's town (where it was filed)."""
    loc = s.event.location
    lead = getattr(s, "context", None)
    if loc is None or loc.span is None or not lead:
        return False
    dl = find_dateline(lead, s.published)
    return dl is not None and dl.place_span[0] <= loc.span[0] < dl.place_span[1]


def _actors(items: Sequence[StoredEvent]) -> tuple[Actor, ...]:
    chosen: dict[tuple[str, str], Actor] = {}
    for s in items:
        for a in s.event.actors:
            key = (a.role, a.name.lower())
            old = chosen.get(key)
            if old is None or ATTRIBUTION_RANK[a.attribution] < ATTRIBUTION_RANK[old.attribution]:
                chosen[key] = a
    return tuple(chosen[k] for k in sorted(chosen))


def _weapons(items: Sequence[StoredEvent]) -> tuple[Weapon, ...]:
    chosen: dict[tuple[str, str], Weapon] = {}
    for s in items:
        for w in s.event.weapons:
            chosen.setdefault((w.class_, w.name.lower()), w)
    return tuple(chosen[k] for k in sorted(chosen))
