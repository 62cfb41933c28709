"""MUC-4 adapter: GRIT-style role fillers, plus incident date, place and killed/injured.

The pipeline reads the original upper-case wire text (``muc4_train_dev.jsonl``), its
dateline giving the publication date; the role-filler gold comes from GRIT's
``grit_{dev,train}.json`` (same docids). Only the events MUC-4 would template are counted
(``match.is_terrorist_incident``).

Date and place are document-level F1: the distinct dates (places) of the counted events against
the distinct values of the gold templates, each gold value matched once. A gold value that only
optional templates give is no miss when unmatched (MUC-4's own convention), but a hit when
matched. A date overlaps the gold day or range; '- 08 JAN 90' (on or before) is read as the 60
days up to that day. A place matches when its name equals any named level of the gold location.

Killed/injured, a document-level rule: a document is scored when it has exactly one required
(non-optional) template whose human-target effects are given. Gold killed is the sum of the
numbers of the victims whose first listed effect is DEATH (0 when none is), injured the same
for INJURY; a DEATH/INJURY victim without a plain number (PLURAL, a range) makes that count
unscorable. The prediction is the largest ``min`` over the counted reported events, minus the
attackers among the dead (casualties with side "perpetrator"), since MUC-4's victims exclude
them. No figure predicted (null: the text says nothing) compares as 0, because MUC-4 records
0 exactly where the victims' effects name no death (injury); it is wrong against any other gold.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Optional

from .. import errors
from ..read import read_text_article
from ..records import Article, Event, Result
from .corpus import benchmark_file, code_articles, read_jsonl, sample, with_timing
from .match import (
    ROLES,
    Tally,
    dates_overlap,
    entity_agrees,
    muc4_events,
    normalize,
    place_names,
    role_entities,
    tally,
    victims_count,
)
from .report import Case, Report

SPLITS = ("dev", "train")
_MONTHS = {m: i for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split(), 1)}
_DAY = re.compile(r"(?:(\d{1,2})\s+)?([A-Z]{3})[A-Z]*\.?\s+(\d{2}|\d{4})\b")
_DATELINE_DAY = re.compile(r"\b(\d{1,2})\s+([A-Z]{3})[A-Z]*\s+(\d{2})\b")
_OPEN_RANGE_DAYS = 60  # "- 08 JAN 90": on or before that day, within MUC-4's two months


DayRange = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class Gold:
    """What the templates and GRIT say about one document."""

    docid: str
    roles: dict[str, list[list[str]]]  # role -> entities -> mentions
    dates: tuple[tuple[tuple[DayRange, ...], bool], ...] = ()  # (alternatives, optional)
    places: tuple[tuple[frozenset[str], bool], ...] = ()  # (level names, optional)
    killed: Optional[int] = None
    injured: Optional[int] = None


@dataclass(frozen=True)
class Scored:
    """One document's tallies and the cases behind them."""

    roles: dict[str, Tally]
    date: Tally
    place: Tally
    killed: Optional[tuple[Optional[int], int]]  # (predicted, gold) when scorable
    injured: Optional[tuple[Optional[int], int]]
    cases: tuple[Case, ...] = field(default=())


# --- Gold -------------------------------------------------------------------------------------


def _year(text: str) -> int:
    value = int(text)
    return value + 1900 if value < 100 else value


def parse_day(text: str, end: bool = False) -> Optional[DayRange]:
    """A MUC date such as '30 DEC 89' (a day) or 'DEC 89' (the whole month)."""
    m = _DAY.search(text.upper())
    if not m or m.group(2) not in _MONTHS:
        return None
    year, month = _year(m.group(3)), _MONTHS[m.group(2)]
    try:
        if m.group(1):
            day = dt.date(year, month, int(m.group(1)))
            return day, day
        first = dt.date(year, month, 1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return first, last
    except ValueError:
        return None


def parse_muc_date(raw: str) -> tuple[DayRange, ...]:
    """The alternatives of a MUC incident date: '30 DEC 89', '08 JAN 90 - 09 JAN 90',
    '- 08 JAN 90' (on or before, within 60 days), '(...) / (...)'."""
    found: list[DayRange] = []
    for alternative in raw.split("/"):
        part = alternative.strip().strip("()").strip()
        if not part or part == "*":
            continue
        if "-" in part:
            left, _, right = part.partition("-")
            start, end = parse_day(left), parse_day(right)
            if start and end:
                found.append((start[0], end[1]))
            elif end and not left.strip():
                found.append((end[1] - dt.timedelta(days=_OPEN_RANGE_DAYS), end[1]))
            elif start or end:
                found.append(start or end)  # type: ignore[arg-type]
            continue
        day = parse_day(part)
        if day:
            found.append(day)
    return tuple(found)


def parse_muc_place(raw: str) -> frozenset[str]:
    """Every named level of a MUC location: 'EL SALVADOR: SAN MIGUEL (DEPARTMENT): ...'."""
    names: set[str] = set()
    for alternative in raw.split("/"):
        for level in re.split(r":|\s-\s", alternative):
            name = normalize(re.sub(r"\([^)]*\)", " ", level))
            if name:
                names.add(name)
    return frozenset(names)


def _number(value: object) -> Optional[int]:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, str) and value.strip().isdigit():
        return int(value.strip())
    return None


def _first(value: object) -> str:
    if isinstance(value, list):
        value = value[0] if value else ""
    return str(value or "").strip("() ")


def template_count(template: dict, effect_name: str) -> Optional[int]:
    """People with this effect (DEATH or INJURY) in one template; None when it cannot be told."""
    effects = [e for e in template.get("hum_tgt_effect", []) if _first(e.get("value")) != "*"]
    if not effects:
        return None
    numbers = template.get("hum_tgt_number", [])
    total = 0
    for effect in effects:
        if _first(effect.get("value")) != effect_name:
            continue
        who = set(effect.get("xref") or [])
        counts = [_number(n.get("value")) for n in numbers if who & set(n.get("xref") or [])]
        if not who or not counts or counts[0] is None:
            return None
        total += counts[0]
    return total


def gold_counts(templates: Sequence[dict]) -> tuple[Optional[int], Optional[int]]:
    """Document-level killed and injured under the rule in the module docstring."""
    required = [t for t in templates if not t.get("optional_template")]
    if len(required) != 1:
        return None, None
    return template_count(required[0], "DEATH"), template_count(required[0], "INJURY")


def make_gold(docid: str, templates: Sequence[dict], extracts: dict) -> Gold:
    """Gold for one document from its templates and its GRIT role fillers."""
    roles = {
        role: [[mention for mention, _ in entity] for entity in extracts.get(role, [])]
        for role in ROLES
    }
    dates, places = [], []
    for t in templates:
        optional = bool(t.get("optional_template"))
        for slot in t.get("incident_date", []):
            ranges = parse_muc_date(slot.get("raw", ""))
            if ranges:
                dates.append((ranges, optional))
        for slot in t.get("incident_location", []):
            names = parse_muc_place(slot.get("raw", ""))
            if names:
                places.append((names, optional))
    killed, injured = gold_counts(templates)
    return Gold(docid, roles, _distinct(dates), _distinct(places), killed, injured)


def _distinct(values: list) -> tuple:
    """Each gold value once; optional only when every template giving it is optional."""
    merged: dict = {}
    for value, optional in values:
        merged[value] = merged.get(value, True) and optional
    return tuple(merged.items())


def publication_date(text: str) -> Optional[dt.date]:
    """The dateline's day: 'SAN SALVADOR, 3 JAN 90 (...) --'."""
    m = _DATELINE_DAY.search(text[:200].upper())
    if not m or m.group(2) not in _MONTHS:
        return None
    try:
        return dt.date(_year(m.group(3)), _MONTHS[m.group(2)], int(m.group(1)))
    except ValueError:
        return None


def load(split: str = "dev") -> list[tuple[Article, Gold]]:
    """Articles (original text, dateline date) and gold of one split, in file order."""
    if split not in SPLITS:
        raise errors.BenchmarkError(errors.E305.format(name="muc4", split=split, splits=SPLITS))
    grit = {}
    with benchmark_file("muc4", f"grit_{split}.json").open(encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                record = json.loads(line)
                grit[record["docid"]] = record.get("extracts", {})
    pairs = []
    for record in read_jsonl(benchmark_file("muc4", "muc4_train_dev.jsonl")):
        if record.get("split") != split or record["docid"] not in grit:
            continue
        text = record["text"]
        article = read_text_article(text, record["docid"])
        if article.published is None:
            article = Article(id=article.id, text=text, published=publication_date(text))
        gold = make_gold(record["docid"], record.get("templates", []), grit[record["docid"]])
        pairs.append((article, gold))
    return pairs


# --- Scoring ----------------------------------------------------------------------------------


def _context(text: str, span: Optional[tuple[int, int]], width: int = 80) -> str:
    if not span:
        return ""
    start, end = max(0, span[0] - width), min(len(text), span[1] + width)
    return " ".join(text[start:end].split())


def _count(events: Sequence[Event], effect: str) -> Optional[int]:
    figures = [victims_count(e, effect) for e in events if e.status == "reported"]
    known = [f for f in figures if f is not None]
    return max(known) if known else None


def score_document(result: Result, gold: Gold, cases: bool = False) -> Scored:
    """Tallies of one document: roles, date, place and counts."""
    text = result.article.text
    events = muc4_events(result)
    entities = role_entities(events, text)
    found: list[Case] = []
    roles: dict[str, Tally] = {}
    for role in ROLES:
        predicted, mentions = entities[role], gold.roles.get(role, [])
        roles[role], pairs = tally(predicted, mentions, entity_agrees)
        if cases:
            hit_p, hit_g = {p for p, _ in pairs}, {g for _, g in pairs}
            for i, entity in enumerate(predicted):
                if i not in hit_p:
                    found.append(Case(gold.docid, role, "false_alarm", None, entity.name,
                                      _context(text, entity.span)))
            for i, entity_mentions in enumerate(mentions):
                if i not in hit_g:
                    found.append(Case(gold.docid, role, "miss", entity_mentions, None,
                                      _context(text, _find(text, entity_mentions[0]))))
    days = sorted({(e.date.start, e.date.end) for e in events if e.date and (e.date.start or e.date.end)},
                  key=str)
    date_tally, _ = tally(days, [d for d, _ in gold.dates],
                          lambda day, alts: any(dates_overlap(day, a) for a in alts),
                          [o for _, o in gold.dates])
    places = sorted({name for e in events for name in place_names(e.location)})
    place_tally, _ = tally(places, [p for p, _ in gold.places], lambda name, levels: name in levels,
                           [o for _, o in gold.places])
    killed = (_count(events, "killed") or 0, gold.killed) if gold.killed is not None else None
    injured = (_count(events, "injured") or 0, gold.injured) if gold.injured is not None else None
    if cases:
        for name, pair in (("killed", killed), ("injured", injured)):
            if pair and pair[0] != pair[1]:
                found.append(Case(gold.docid, name, "wrong", pair[1], pair[0]))
    return Scored(roles, date_tally, place_tally, killed, injured, tuple(found))


def _find(text: str, mention: str) -> Optional[tuple[int, int]]:
    at = text.lower().find(mention.lower())
    return (at, at + len(mention)) if at >= 0 else None


def accuracy(pairs: Sequence[tuple[Optional[int], int]]) -> dict[str, float]:
    """Exact accuracy in percent over scorable documents, with n."""
    right = sum(1 for predicted, gold in pairs if predicted == gold)
    return {"accuracy": round(100 * right / len(pairs), 1) if pairs else 0.0, "n": len(pairs)}


def score(results: Sequence[Result], golds: Sequence[Gold], split: str = "dev",
          errors: int = 0) -> Report:
    """The MUC-4 report of results against their gold, document by document."""
    roles, date, place = Tally(), Tally(), Tally()
    per_role = {role: Tally() for role in ROLES}
    killed, injured, cases = [], [], []
    for result, gold in zip(results, golds, strict=True):
        scored = score_document(result, gold, cases=errors > 0)
        for role, t in scored.roles.items():
            per_role[role] += t
            roles += t
        date += scored.date
        place += scored.place
        if scored.killed:
            killed.append(scored.killed)
        if scored.injured:
            injured.append(scored.injured)
        cases.extend(scored.cases)
    scores: dict[str, dict[str, float]] = {"roles": roles.scores()}
    scores.update({role: per_role[role].scores() for role in ROLES})
    scores.update(date=date.scores(), location=place.scores(),
                  killed=accuracy(killed), injured=accuracy(injured))
    return Report("muc4", split, scores, len(golds), tuple(_spread(cases, errors)))


def _spread(cases: Sequence[Case], limit: int) -> list[Case]:
    """Up to ``limit`` cases, misses and false alarms alternating, in document order."""
    misses = [c for c in cases if c.kind != "false_alarm"]
    alarms = [c for c in cases if c.kind == "false_alarm"]
    mixed = [c for pair in zip(misses, alarms, strict=False) for c in pair]
    rest = misses[len(alarms):] + alarms[len(misses):]
    return (mixed + rest)[:limit]


def run(split: str = "dev", errors: int = 0, limit: Optional[int] = None) -> Report:
    """Code the split's articles with the pipeline and score them."""
    pairs = load(split)
    if limit is not None:
        pairs = sample(pairs, limit)
    coded = code_articles([a for a, _ in pairs])
    report = score(coded.results, [g for _, g in pairs], split, errors)
    return with_timing(report, coded)

