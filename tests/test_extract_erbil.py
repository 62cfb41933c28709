"""The reference article against its hand-coded answer (shared/examples/erbil-rocket-attack.gold.json)."""

from __future__ import annotations

import datetime as dt
import json
import math

import pytest

from conftest import ERBIL_GOLD


@pytest.fixture(scope="module")
def gold():
    return json.loads(ERBIL_GOLD.read_text("utf-8"))


@pytest.fixture(scope="module")
def reported(erbil_result):
    events = [e for e in erbil_result.events if e.status == "reported"]
    assert len(events) == 1, [(e.type, e.subtype, e.date) for e in events]
    return events[0]


def _km(lat1, lon1, lat2, lon2):
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371 * 2 * math.asin(math.sqrt(a))


def _norm(name: str) -> str:
    return name.lower().replace("’", "'").replace("ʼ", "'")


def test_type_subtype_plover(reported, gold):
    g = gold["reported"][0]
    assert reported.type == g["type"]
    assert reported.subtype == g["subtype"]
    assert (reported.plover.event, reported.plover.mode) == (g["plover"]["event"], g["plover"]["mode"])


def test_date(reported, gold):
    g = gold["reported"][0]["date"]
    assert reported.date.start.isoformat() == g["start"]
    assert reported.date.end.isoformat() == g["end"]
    assert reported.date.precision == g["precision"]


def test_place(reported, gold):
    g = gold["reported"][0]["location"]
    loc = reported.location
    assert loc.country == g["country"]
    assert loc.precision in ("site", "city")
    assert _km(loc.lat, loc.lon, g["lat"], g["lon"]) <= g["within_km"]


def test_counts(reported, gold):
    g = gold["reported"][0]
    assert (reported.killed.min, reported.killed.max) == (g["killed"]["min"], g["killed"]["max"])
    assert reported.injured.min == g["injured"]["min"]
    assert reported.injured.max == g["injured"]["max"]


def test_perpetrators_and_attribution(reported, gold):
    perps = reported.actors_in("perpetrator")
    for g in gold["reported"][0]["perpetrators"]:
        names = {_norm(n) for n in g["names"]}
        found = [a for a in perps if {_norm(a.name), *map(_norm, a.aliases)} & names]
        assert found, f"missing perpetrator {g['names'][0]}"
        assert found[0].attribution == g["attribution"]
        assert found[0].entity == g["entity"]
    suspected = [a for a in perps if a.attribution == "suspected"]
    assert all(a.attributed_by for a in suspected)


def test_victims_targets_weapons(reported, gold):
    g = gold["reported"][0]
    victims = " ".join(a.name.lower() for a in reported.actors_in("victim"))
    targets = " ".join(a.name.lower() for a in reported.actors_in("target"))
    assert any(v in victims for v in g["victims_any"])
    assert any(t in targets for t in g["targets_any"])
    weapons = [w for w in reported.weapons if w.name.lower() in g["weapons_any"]]
    assert weapons
    assert max(w.count.min for w in weapons if w.count) == g["weapon_count"]["min"]


def test_background_history(erbil_result, reported):
    background = [e for e in erbil_result.events if e.status == "background"]
    dated = [e for e in background if e.date is not None]
    assert len(dated) >= 4
    assert all(e.date.end < dt.date(2021, 2, 15) for e in dated)
    kinds = {e.subtype for e in background}
    assert {"air_drone_strike", "arrests"} <= kinds


def test_every_span_points_at_its_text(erbil_result):
    text = erbil_result.article.text
    for event in erbil_result.events:
        for ev in event.evidence:
            assert text[ev.span[0] : ev.span[1]] == ev.text
        for actor in event.actors:
            assert actor.span is None or 0 <= actor.span[0] < actor.span[1] <= len(text)


def test_ids_are_stable(erbil_result):
    from eventwire.extract import extract

    again = extract(erbil_result.article)
    assert [e.id for e in again.events] == [e.id for e in erbil_result.events]
    assert len({e.id for e in erbil_result.events}) == len(erbil_result.events)
