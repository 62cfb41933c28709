"""Cross-article de-duplication: reports of one incident from several articles become one.

``cluster(items)`` is pure: stored events in, ``Incident`` records out, nothing edited.
Two reports join when ``profile.compare`` scores them at the threshold of
``knowledge/dedup.toml`` and nothing rules the pair out. The score adds up explainable
points (kept on the incident's ``links``): date windows that overlap given their precision,
distance within the radius of the coarser place precision, the same type and sub-type, equal
counts, rare proper names both reports use (people, streets, towns: rare in the batch), and
the overlap of their words (evidence sentences, and for reported events the article's title
and lead). Vetoes: the same article, incompatible types, dates more than
a week apart, casualty figures too far apart (1 vs 12), and places in conflict unless one
report names the other's place (then a geocoding slip is likelier than two incidents, and the
conflict only costs points). A join of two groups also needs every cross pair free of a veto.
An article's own events were told apart by extraction, so an article joins one incident twice
only when its two events there could be one incident told twice ("a teen was shot Saturday"
... "the shooting in Watsonville"), scored without the words they share as one article.

Background events take part like reported ones: a follow-up story's "background" shooting
is how a later report names the incident, and an incident is ``reported`` when any member is.
Blocking keeps it near linear: reports meet only within neighbouring weeks and 1° cells (fine
places), the same country and week (coarse places), a shared rare name in neighbouring weeks,
or, for year-only and undated reports, a shared rare name in the same year.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Optional

from .merge import (
    Incident,
    Link,
    SourcedEvidence,
    StoredEvent,
    best_estimate,
    best_estimates,
    merge,
    reconcile,
)
from .profile import PLACE_RANK, Profile, Rules, compare, load_rules, profile

NAME_BUCKET_CAP = 200  # a name shared by more reports than this in one period blocks nothing


def cluster(items: Sequence[StoredEvent], rules: Optional[Rules] = None) -> list[Incident]:
    """Group event reports into incidents; every input event lands in exactly one incident."""
    rules = rules or load_rules()
    unique = _unique(items)
    profiles = [profile(i, s.article_id, s.published, s.event, getattr(s, "title", None), rules,
                        getattr(s, "context", None)) for i, s in enumerate(unique)]
    common = common_names(profiles)
    pairs = sorted(candidate_pairs(profiles, rules, common), key=lambda p: (-p[0], _key(unique, p[1]), _key(unique, p[2])))
    groups = _join(profiles, pairs, rules, unique, common)
    incidents = [merge([unique[i] for i in members], links, rules.version) for members, links in groups]
    return sorted(incidents, key=lambda n: (n.date.start.isoformat() if n.date and n.date.start else "", n.id))


def common_names(profiles: Sequence[Profile]) -> frozenset[str]:
    """Names in too many reports of the batch to tell incidents apart (more than 0.1%, at least 8)."""
    df: Counter[str] = Counter()
    for p in profiles:
        df.update(p.names)
    cap = max(8, len(profiles) // 1000)
    return frozenset(n for n, k in df.items() if k > cap)


def candidate_pairs(profiles: Sequence[Profile], rules: Rules, common: frozenset[str] = frozenset()
                    ) -> Iterable[tuple[float, int, int, tuple[str, ...]]]:
    """Every blocked pair that scores at the threshold: (score, i, j, reasons) with i < j.

    Blocks: fine places meet in neighbouring 1° cells and weeks; fine and coarse places of one
    country meet in neighbouring weeks; any two reports sharing a rare name meet in
    neighbouring weeks; year-only and undated reports meet others through names in a year."""
    threshold = rules.score["threshold"]
    fine: dict[tuple, list[int]] = defaultdict(list)
    fine_by_country: dict[tuple, list[int]] = defaultdict(list)
    area: dict[tuple, list[int]] = defaultdict(list)
    names: dict[tuple, list[int]] = defaultdict(list)
    kind = [_kind(p, rules) for p in profiles]
    weeks = [_weeks(p) if k not in ("year", "lost") else () for p, k in zip(profiles, kind, strict=True)]
    rare = [p.names - common for p in profiles]
    for p, k, ws in zip(profiles, kind, weeks, strict=True):
        for w in ws:
            if k == "fine":
                fine[(w, *_cell(p))].append(p.index)
                if p.country:
                    fine_by_country[(w, p.country)].append(p.index)
            elif k == "area":
                area[(w, p.country)].append(p.index)
            for n in rare[p.index]:
                names[(w, n)].append(p.index)
        for year in _years(p):
            for n in rare[p.index]:
                names[(year, n)].append(p.index)
    for p, k, ws in zip(profiles, kind, weeks, strict=True):
        i = p.index
        seen: set[int] = set()
        for j in _probe(p, k, ws, rare[i], fine, fine_by_country, area, names):
            if j in seen:
                continue
            seen.add(j)
            # every probe is symmetric except the name-in-a-year probes of year-only and undated
            # reports, which only they make: each pair is scored once
            if j <= i and not (k in ("year", "lost") and kind[j] not in ("year", "lost")):
                continue
            result = compare(p, profiles[j], rules, common)
            if result is not None and result[0] >= threshold:
                yield (result[0], min(i, j), max(i, j), result[1])


def _probe(p: Profile, k: str, ws: Sequence[int], rare: frozenset[str], fine, fine_by_country,
           area, names) -> Iterable[int]:
    if ws:
        span = range(ws[0] - 1, ws[-1] + 2)
        if k == "fine":
            cx, cy = _cell(p)
            for w in span:
                for dx in (-1, 0, 1):
                    for dy in (-1, 0, 1):
                        yield from fine.get((w, cx + dx, cy + dy), ())
                yield from area.get((w, p.country), ())
        elif k == "area":
            for w in span:
                yield from area.get((w, p.country), ())
                yield from fine_by_country.get((w, p.country), ())
        for w in span:
            for n in rare:
                bucket = names.get((w, n), ())
                if len(bucket) <= NAME_BUCKET_CAP:
                    yield from bucket
    elif k in ("year", "lost"):
        for year in _years(p):
            for n in rare:
                bucket = names.get((year, n), ())
                if len(bucket) <= NAME_BUCKET_CAP:
                    yield from bucket


def _kind(p: Profile, rules: Rules) -> str:
    """How a report is blocked: fine (a point), area (a country), none (no place), year (a
    coarse date), or lost (no date at all: it meets others only through a shared name)."""
    if p.lo is None:
        return "lost"
    if p.hi - p.lo > rules.coarse_days:  # type: ignore[operator]
        return "year"
    if p.lat is not None and p.place_rank <= PLACE_RANK["admin2"]:
        return "fine"
    return "area" if p.country else "none"


def _weeks(p: Profile) -> tuple[int, ...]:
    if p.lo is None:
        return ()
    return tuple(range(p.lo // 7, p.hi // 7 + 1))  # type: ignore[operator]


def _years(p: Profile) -> tuple[str, ...]:
    """Year keys for name blocking; every report also shares the key of undated ones."""
    if p.lo is None:
        return ("undated",)
    first, last = dt.date.fromordinal(p.lo).year, dt.date.fromordinal(p.hi).year  # type: ignore[arg-type]
    return ("undated", *(f"y{y}" for y in range(first, last + 1)))


def _cell(p: Profile) -> tuple[int, int]:
    return math.floor(math.degrees(p.lat)), math.floor(math.degrees(p.lon))  # type: ignore[arg-type]


def _key(unique: Sequence[StoredEvent], i: int) -> str:
    return f"{unique[i].article_id}/{unique[i].event.id}"


def _unique(items: Sequence[StoredEvent]) -> list[StoredEvent]:
    """The input without repeats of one (article, event), in a stable order."""
    seen: dict[tuple[str, str], StoredEvent] = {}
    for s in items:
        seen.setdefault((s.article_id, s.event.id), s)
    return [seen[k] for k in sorted(seen)]


def _join(profiles: Sequence[Profile], pairs, rules: Rules, unique, common: frozenset[str]) -> list[tuple[list[int], list[Link]]]:
    """Merge groups best pair first; a join needs no vetoed cross pair, and an article's two
    events in one incident must read as one incident told twice."""
    group = list(range(len(profiles)))
    members: dict[int, list[int]] = {i: [i] for i in group}
    articles: dict[int, set[str]] = {i: {p.article} for i, p in enumerate(profiles)}
    links: dict[int, list[Link]] = defaultdict(list)
    for score, i, j, reasons in pairs:
        gi, gj = group[i], group[j]
        if gi == gj:
            continue
        if len(members[gi]) > 1 or len(members[gj]) > 1 or articles[gi] & articles[gj]:
            if not all(_joinable(profiles[x], profiles[y], rules, common) for x in members[gi] for y in members[gj]):
                continue
        if len(members[gi]) < len(members[gj]):
            gi, gj = gj, gi
        for x in members[gj]:
            group[x] = gi
        members[gi].extend(members.pop(gj))
        articles[gi] |= articles.pop(gj)
        links[gi].extend(links.pop(gj, []))
        links[gi].append(Link(_key(unique, i), _key(unique, j), round(score, 3), reasons))
    return [(sorted(m), links.get(g, [])) for g, m in members.items()]


def _joinable(a: Profile, b: Profile, rules: Rules, common: frozenset[str]) -> bool:
    """Two members of groups about to join: nothing rules them out, and two events of one
    article score as one incident told twice."""
    if a.article != b.article:
        return compare(a, b, rules, common) is not None
    told_twice = compare(a, b, rules, common, one_article=True)
    return told_twice is not None and told_twice[0] >= rules.score["threshold"]


__all__ = [
    "Incident",
    "Link",
    "SourcedEvidence",
    "StoredEvent",
    "best_estimate",
    "best_estimates",
    "candidate_pairs",
    "cluster",
    "common_names",
    "load_rules",
    "reconcile",
]
