"""The seed example: the Erbil rocket attack against its hand-coded answer, field by field.

Each field passes or fails (100 or 0 in the report); ``fields`` gives the share that pass.
"Any" lists pass when one predicted name contains one listed term on word boundaries.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from collections.abc import Iterable
from typing import Any, Optional

from .. import errors
from ..records import Actor, Article, Event, Result
from .corpus import code_articles, shared_file, with_timing
from .match import contains_words, latest_day, normalize, span_text
from .report import Case, Report

SPLITS = ("dev",)
NAME = "erbil-rocket-attack"


def load() -> tuple[Article, dict]:
    """The example article (publication date from the gold file) and its gold answer."""
    text = shared_file("examples", f"{NAME}.txt").read_text(encoding="utf-8")
    gold = json.loads(shared_file("examples", f"{NAME}.gold.json").read_text(encoding="utf-8"))
    published = dt.date.fromisoformat(gold["article"]["published"])
    return Article(id=NAME, text=text, published=published), gold


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def _names(actor: Actor, text: str) -> set[str]:
    return {normalize(n) for n in (actor.name, *actor.aliases, span_text(text, actor.span))} - {""}


def _any_term(names: Iterable[str], terms: Iterable[str]) -> bool:
    wanted = [normalize(t) for t in terms]
    return any(contains_words(name, term) for name in names for term in wanted)


def _count(value: Any) -> Optional[tuple[Optional[int], Optional[int]]]:
    return None if value is None else (value.min, value.max)


def check_fields(result: Result, gold: dict) -> dict[str, tuple[bool, Any, Any]]:
    """Field name -> (passes, expected, predicted)."""
    text = result.article.text
    want = gold["reported"][0]
    reported = [e for e in result.events if e.status == "reported"]
    background = [e for e in result.events if e.status == "background"]
    event: Optional[Event] = reported[0] if reported else None
    checks: dict[str, tuple[bool, Any, Any]] = {
        "one_reported_event": (len(reported) == 1, 1, len(reported)),
    }
    if event is None:
        event = Event(id="", status="reported", type="battle", subtype="", plover=None)  # type: ignore[arg-type]
    checks["type"] = (event.type == want["type"], want["type"], event.type)
    checks["subtype"] = (event.subtype == want["subtype"], want["subtype"], event.subtype)
    plover = (event.plover.event, event.plover.mode) if event.plover else None
    expected_plover = (want["plover"]["event"], want["plover"].get("mode"))
    checks["plover"] = (plover == expected_plover, expected_plover, plover)
    day = (event.date.start, event.date.end) if event.date else None
    expected_day = (dt.date.fromisoformat(want["date"]["start"]), dt.date.fromisoformat(want["date"]["end"]))
    checks["date"] = (day == expected_day, expected_day, day)
    loc, where = event.location, want["location"]
    km = (km_between(loc.lat, loc.lon, where["lat"], where["lon"])
          if loc and loc.lat is not None and loc.lon is not None else None)
    checks["location"] = (km is not None and km <= where["within_km"],
                          f"within {where['within_km']} km of {where['name']}",
                          None if km is None else f"{loc.name} ({km:.0f} km)")  # type: ignore[union-attr]
    perpetrators = event.actors_in("perpetrator")
    for i, perp in enumerate(want["perpetrators"]):
        terms = {normalize(n) for n in perp["names"]}
        same = [a for a in perpetrators if _names(a, text) & terms]
        ok = (bool(same) or perp.get("optional", False)) and all(
            a.attribution == perp["attribution"] for a in same)
        checks[f"perpetrator_{i + 1}"] = (ok, f"{perp['names'][0]} ({perp['attribution']})",
                                          [f"{a.name} ({a.attribution})" for a in same])
    for field, role in (("victims_any", "victim"), ("targets_any", "target")):
        names = {n for a in event.actors_in(role) for n in _names(a, text)}  # type: ignore[arg-type]
        checks[field] = (_any_term(names, want[field]), want[field], sorted(names))
    weapon_names = {normalize(n) for w in event.weapons for n in (w.name, span_text(text, w.span))}
    checks["weapons_any"] = (_any_term(weapon_names, want["weapons_any"]), want["weapons_any"],
                             sorted(weapon_names - {""}))
    counts = [w.count.min for w in event.weapons if w.count is not None]
    checks["weapon_count"] = (want["weapon_count"]["min"] in counts, want["weapon_count"]["min"], counts)
    for field in ("killed", "injured"):
        expected = (want[field]["min"], want[field]["max"])
        got = _count(getattr(event, field))
        checks[field] = (got == expected, expected, got)
    attack_day = expected_day[0]
    days = [latest_day(e) for e in background]
    before = len(background) >= 4 and all(d is not None and d < attack_day for d in days)
    checks["background_before_attack"] = (before, f">= 4, all before {attack_day}",
                                          [str(d) for d in days])
    return checks


def score(result: Result, gold: dict) -> Report:
    """One report: each field 100 (pass) or 0 (fail); every failure is a case."""
    checks = check_fields(result, gold)
    scores: dict[str, dict[str, float]] = {
        name: {"pass": 100.0 if ok else 0.0} for name, (ok, _, _) in checks.items()
    }
    passed = sum(ok for ok, _, _ in checks.values())
    scores["fields"] = {"passed": passed, "total": len(checks),
                        "percent": round(100 * passed / len(checks), 1)}
    cases = tuple(Case(NAME, name, "wrong", expected, predicted)
                  for name, (ok, expected, predicted) in checks.items() if not ok)
    return Report("seed", "dev", scores, 1, cases)


def run(split: str = "dev", errors: int = 0, limit: Optional[int] = None) -> Report:
    """Code the example and check it against its gold answer."""
    if split not in SPLITS:
        raise _split_error(split)
    article, gold = load()
    coded = code_articles([article])
    report = with_timing(score(coded.results[0], gold), coded)
    return report if errors else _without_cases(report)


def _without_cases(report: Report) -> Report:
    import dataclasses

    return dataclasses.replace(report, cases=())


def _split_error(split: str) -> errors.BenchmarkError:
    return errors.BenchmarkError(errors.E305.format(name="seed", split=split, splits=SPLITS))
