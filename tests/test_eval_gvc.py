"""The GVC and ECB+ adapters' scoring on hand-built coded articles (no pipeline run)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire import errors
from eventwire.evaluate import ecbplus, gvc
from eventwire.records import (
    Actor,
    Article,
    Count,
    Event,
    EventDate,
    Evidence,
    Location,
    Plover,
    Result,
)

GARY = dict(name="Gary", admin1="Indiana", country="US", lat=41.5934, lon=-87.3464, geonameid=4920607)
TULSA = dict(name="Tulsa", admin1="Oklahoma", country="US", lat=36.154, lon=-95.9928, geonameid=4553433)


def shooting(eid: str, day: dt.date, place: dict, killed: int | None, injured: int | None,
             status: str = "reported", type: str = "violence_against_civilians") -> Event:
    text = f"Police said {killed} were killed and {injured} wounded in the shooting in {place['name']}."
    return Event(
        id=eid, status=status, type=type, subtype="attack" if type != "strategic_development" else "arrests",  # type: ignore[arg-type]
        plover=Plover("ASSAULT", "firearms"),
        date=EventDate(day, None, "day"), location=Location(precision="city", **place),
        actors=(Actor("victim", "Willie Lay", "individual"),) if place is GARY else (),
        killed=None if killed is None else Count(killed, killed),
        injured=None if injured is None else Count(injured, injured),
        evidence=(Evidence("event", text, (0, len(text))),),
    )


def result(aid: str, published: dt.date, *events: Event) -> Result:
    return Result(Article(aid, "text", title=None, published=published), events)


FEB12, FEB13 = dt.date(2014, 2, 12), dt.date(2014, 2, 13)
GOLD = [
    gvc.Gold("1", FEB12, "Gary", "Indiana", killed=0, injured=5, articles=("g1", "g2", "g3")),
    gvc.Gold("2", FEB12, "Tulsa", "Oklahoma", killed=1, injured=0, articles=("t1",)),
]
INCIDENT_OF = {"g1": "1", "g2": "1", "g3": "1", "t1": "2"}


def test_gvc_scores_pairs_and_fields():
    results = [
        result("g1", FEB13, shooting("a", FEB12, GARY, None, 4)),
        # a follow-up: the arrest is reported, the shooting is background; the toll grew to 5
        result("g2", dt.date(2014, 2, 20), shooting("b", FEB12, GARY, None, None, type="strategic_development"),
               shooting("c", FEB12, GARY, None, 5, status="background")),
        result("g3", FEB13, shooting("d", dt.date(2014, 2, 11), GARY, None, 5)),
        result("t1", FEB13, shooting("e", FEB12, TULSA, 1, None)),
    ]
    report = gvc.score(results, INCIDENT_OF, GOLD, "train", max_cases=5)
    assert report.scores["pairs"]["precision"] == 100.0
    assert report.scores["pairs"]["gold_pairs"] == 3
    assert report.scores["pairs"]["recall"] == pytest.approx(100.0)
    assert report.scores["killed"]["accuracy"] == 100.0  # no count is GVA's 0
    assert report.scores["injured"]["accuracy"] == 100.0  # the grown toll, 5
    assert report.scores["date"]["accuracy"] == 100.0
    assert report.scores["city"]["accuracy"] == 100.0


def test_gvc_article_without_events_is_a_miss():
    results = [result("g1", FEB13), result("g2", FEB13), result("g3", FEB13),
               result("t1", FEB13, shooting("e", FEB12, TULSA, 1, None))]
    report = gvc.score(results, INCIDENT_OF, GOLD, "train", max_cases=10)
    assert report.scores["pairs"]["recall"] == 0.0
    assert report.scores["killed"]["accuracy"] == 50.0
    assert any(c.doc == "1" and c.kind == "miss" for c in report.cases)


def test_lead_event_prefers_the_violent_reported_one():
    arrest = shooting("x", FEB12, GARY, None, None, type="strategic_development")
    background = shooting("y", FEB12, GARY, 1, None, status="background")
    assert gvc.lead_event([arrest, background]) is background
    assert gvc.lead_event([]) is None


@pytest.mark.parametrize(
    "gva, ours, same",
    [("Saint Louis (Hanley Hills)", "St. Louis", True), ("Fort Worth (Benbrook)", "Benbrook", True),
     ("Polk (county)", "Polk County", True), ("Chicago", "Chicago Heights", False),
     ("Bronx", "The Bronx", True), ("Theodore", "The Odore", False)],
)
def test_city_names(gva, ours, same):
    assert (gvc.fold_place(ours) in gvc.city_names(gva)) is same


def test_missing_benchmark_file_names_the_path(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_BENCHMARKS", str(tmp_path / "benchmarks"))
    with pytest.raises(errors.BenchmarkError, match="gvc/articles.jsonl"):
        gvc.load("train")
    with pytest.raises(errors.BenchmarkError, match="violent_articles.jsonl"):
        ecbplus.load()


def test_unknown_split_is_refused():
    with pytest.raises(errors.BenchmarkError, match="train, dev"):
        gvc.load("test")


def test_ecbplus_header_date():
    text = "http: / / www. example. com / news / 2009 / dec / 07 / prisoner - captured /\nTitle\nBody."
    assert ecbplus.header_date(text) == dt.date(2009, 12, 7)
    assert ecbplus.header_date("Waitrose in Wellington catches fire\n22 Jul 2013\nA fire.") == dt.date(2013, 7, 22)
    assert ecbplus.header_date("An Atlanta judge sentenced him on Saturday.") is None


def test_ecbplus_scores_within_topic_separation():

    results = [
        result("1_1ecb", FEB12, shooting("a", FEB12, TULSA, 2, None)),
        result("1_2ecb", FEB12, shooting("b", FEB12, TULSA, 2, None)),
        result("1_1ecbplus", dt.date(2015, 5, 1), shooting("c", dt.date(2015, 5, 1), TULSA, 2, None)),
    ]
    gold = {"1_1ecb": ("1", "1ecb"), "1_2ecb": ("1", "1ecb"), "1_1ecbplus": ("1", "1ecbplus")}
    report = ecbplus.score(results, gold)
    assert report.scores["pairs"]["f1"] == 100.0
    assert report.scores["separation"]["accuracy"] == 100.0


def test_a_split_incident_is_scored_by_its_earliest_published_report():
    # GVA lists the later report first; the reports fall into two incidents (Gary, Tulsa), one each
    gold = [gvc.Gold("1", FEB12, "Gary", "Indiana", killed=1, injured=0, articles=("late", "early"))]
    results = [
        result("late", dt.date(2014, 2, 20), shooting("a", FEB12, TULSA, 1, None)),
        result("early", FEB13, shooting("b", FEB12, GARY, 1, None)),
    ]
    report = gvc.score(results, {"late": "1", "early": "1"}, gold, "dev")
    assert report.scores["city"]["accuracy"] == 100.0
