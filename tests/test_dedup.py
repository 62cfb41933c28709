"""Cross-article de-duplication on hand-built events."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from eventwire.dedup import StoredEvent, best_estimates, cluster, load_rules, reconcile
from eventwire.dedup.profile import compare, profile
from eventwire.records import Actor, Count, Event, EventDate, Evidence, Location, Plover

KABUL = dict(name="Kabul", admin1="Kabul", country="AF", lat=34.5281, lon=69.1723, geonameid=1138958)
JALALABAD = dict(name="Jalalabad", admin1="Nangarhar", country="AF", lat=34.4265, lon=70.4515, geonameid=1138336)
CHICAGO = dict(name="Chicago", admin1="Illinois", country="US", lat=41.85, lon=-87.65, geonameid=4887398)


def event(
    eid: str,
    day: dt.date | None = dt.date(2021, 3, 4),
    precision: str = "day",
    place: dict | None = None,
    place_precision: str = "city",
    killed: Count | None = None,
    injured: Count | None = None,
    type: str = "explosion_remote_violence",
    subtype: str = "remote_explosive_landmine_ied",
    actors: tuple[Actor, ...] = (),
    evidence: str = "",
    status: str = "reported",
) -> Event:
    return Event(
        id=eid,
        status=status,  # type: ignore[arg-type]
        type=type,  # type: ignore[arg-type]
        subtype=subtype,
        plover=Plover("ASSAULT", "explosives"),
        date=None if day is None else EventDate(day, None, precision),  # type: ignore[arg-type]
        location=None if place is None else Location(precision=place_precision, **place),  # type: ignore[arg-type]
        actors=actors,
        killed=killed,
        injured=injured,
        evidence=(Evidence("event", evidence, (0, len(evidence))),) if evidence else (),
    )


def stored(article: str, ev: Event, published: dt.date = dt.date(2021, 3, 5)) -> StoredEvent:
    return StoredEvent(article, published, ev)


TALIBAN = Actor("perpetrator", "Taliban", "organization", attribution="claimed")


@pytest.fixture
def one_strike() -> list[StoredEvent]:
    """The same roadside bomb in Kabul from three articles, worded and counted differently."""
    return [
        stored("a1", event("e1", place=KABUL, killed=Count(3, 3), injured=Count(7, 7),
                           evidence="A roadside bomb killed three people in Kabul on Thursday.")),
        stored("a2", event("e2", place=KABUL, killed=Count(5, None), injured=Count(9, 9),
                           actors=(TALIBAN,),
                           evidence="At least five were killed when an IED exploded in Kabul; the Taliban claimed it.")),
        stored("a3", event("e3", day=dt.date(2021, 3, 5), place=KABUL, place_precision="site",
                           killed=Count(4, 4), evidence="The death toll of the Kabul blast rose to four."),
               published=dt.date(2021, 3, 6)),
    ]


def test_same_strike_from_three_articles_is_one_incident(one_strike):
    incidents = cluster(one_strike)
    assert len(incidents) == 1
    inc = incidents[0]
    assert inc.sources == ("a1", "a2", "a3")
    assert set(inc.members) == {"e1", "e2", "e3"}
    assert inc.killed == Count(3, None)  # lowest report 3; "at least five" leaves the top open
    assert inc.injured == Count(7, 9)
    assert [a.name for a in inc.actors if a.role == "perpetrator"] == ["Taliban"]
    assert inc.actors[0].attribution == "claimed"
    assert inc.date.start == dt.date(2021, 3, 4)  # two reports say the 4th
    assert inc.location.precision == "site"  # the most precise place wins
    assert len(inc.links) == 2 and all(link.reasons for link in inc.links)
    assert {e.article_id for e in inc.evidence} == {"a1", "a2", "a3"}


def test_incident_ids_are_stable_under_input_order(one_strike):
    first = cluster(one_strike)
    shuffled = list(one_strike)
    random.Random(7).shuffle(shuffled)
    again = cluster(shuffled + shuffled[:1])  # a repeated report changes nothing
    assert [i.id for i in first] == [i.id for i in again]
    assert first == again


def test_two_shootings_in_one_city_a_week_apart_stay_apart():
    shooting = dict(type="violence_against_civilians", subtype="attack", place=CHICAGO)
    items = [
        stored("a1", event("e1", day=dt.date(2021, 3, 4), killed=Count(1, 1), **shooting,
                           evidence="Darnell Hayes, 24, was shot dead in the 6400 block of South "
                                    "Halsted Street on Thursday, police said.")),
        stored("a2", event("e2", day=dt.date(2021, 3, 11), killed=Count(1, 1), **shooting,
                           evidence="A 31-year-old man was shot and killed near 79th Street and "
                                    "Cottage Grove Avenue on Thursday, police said."),
               published=dt.date(2021, 3, 12)),
    ]
    assert len(cluster(items)) == 2


def test_reports_more_than_a_week_apart_never_join():
    text = "A man was shot dead on the South Side on Thursday, police said."
    shooting = dict(type="violence_against_civilians", subtype="attack", place=CHICAGO, evidence=text)
    items = [stored("a1", event("e1", day=dt.date(2021, 3, 4), **shooting)),
             stored("a2", event("e2", day=dt.date(2021, 3, 12), **shooting), published=dt.date(2021, 3, 13))]
    assert len(cluster(items)) == 2


def test_two_bombings_in_different_cities_the_same_day_stay_apart():
    items = [
        stored("a1", event("e1", place=KABUL, killed=Count(2, 2),
                           evidence="A car bomb exploded at a market in Kabul, killing two.")),
        stored("a2", event("e2", place=JALALABAD, killed=Count(2, 2),
                           evidence="A car bomb exploded at a market in Jalalabad, killing two.")),
    ]
    assert len(cluster(items)) == 2


def test_a_place_conflict_the_texts_explain_is_only_a_penalty():
    """Both reports name Jalalabad; one geocoder read put it in Kabul: strong text may still join."""
    text = "A car bomb exploded at the Jalalabad market of Haji Qadir, killing Mohammad Nabi Rahimi."
    items = [stored("a1", event("e1", place=KABUL, killed=Count(2, 2), evidence=text)),
             stored("a2", event("e2", place=JALALABAD, killed=Count(2, 2), evidence=text))]
    [inc] = cluster(items)
    assert any("over 25" in r for r in inc.links[0].reasons)


def test_one_killed_versus_twelve_is_two_incidents():
    items = [
        stored("a1", event("e1", place=KABUL, killed=Count(1, 1))),
        stored("a2", event("e2", place=KABUL, killed=Count(12, 12))),
    ]
    assert len(cluster(items)) == 2


def test_events_of_one_article_never_merge_alone():
    items = [stored("a1", event("e1", place=KABUL)), stored("a1", event("e2", place=KABUL))]
    assert len(cluster(items)) == 2


def test_an_article_that_told_one_incident_twice_joins_it_twice():
    """a1 told the bombing twice ("a bomb killed three" ... "the Kabul blast"); a2 matches the
    second telling best. Both of a1's events join a2's, as one incident with two sources; a1's
    tally of the week, with other tolls, stays apart."""
    said = "A roadside bomb killed three people in Kabul on Thursday, police said."
    items = [
        stored("a1", event("e1", place=KABUL, killed=Count(3, 3), evidence="Three people were killed on Thursday.")),
        stored("a1", event("e2", place=KABUL, killed=Count(3, 3), evidence=said)),
        stored("a1", event("e3", place=KABUL, killed=Count(9, 9), injured=Count(27, 27), status="background",
                           evidence="Nine people were killed in bombings in Kabul this week.")),
        stored("a2", event("e4", place=KABUL, killed=Count(3, 3), evidence=said)),
    ]
    by_member = {m: inc for inc in cluster(items) for m in inc.members}
    assert by_member["e1"] is by_member["e2"] is by_member["e4"]
    assert by_member["e4"].sources == ("a1", "a2")
    assert by_member["e3"].members == ("e3",)


@pytest.mark.parametrize(
    "other, verdict",
    [
        (dict(day=dt.date(2021, 3, 1), precision="month"), "overlap"),  # March covers the 4th
        (dict(day=dt.date(2021, 3, 1), precision="week"), "overlap"),  # the week of 1-7 March
        (dict(day=dt.date(2021, 3, 8), precision="week"), "conflict"),  # 8-14 March misses the 4th
        (dict(day=dt.date(2021, 3, 5), precision="day"), "overlap"),  # a day of slack
        (dict(day=dt.date(2021, 3, 7), precision="day"), "conflict"),  # 3 days: only at a cost
        (dict(day=dt.date(2021, 1, 1), precision="month"), "apart"),  # January: never
        (dict(day=dt.date(2021, 3, 15), precision="day"), "apart"),
    ],
)
def test_date_overlap_respects_precision(other, verdict):
    rules = load_rules()
    a = profile(0, "a1", dt.date(2021, 3, 5), event("e1", place=KABUL), None, rules)
    b = profile(1, "a2", dt.date(2021, 3, 20), event("e2", place=KABUL, **other), None, rules)
    result = compare(a, b, rules)
    if verdict == "apart":
        assert result is None
    else:
        assert result is not None
        assert any("days apart" in r for r in result[1]) is (verdict == "conflict")


@pytest.mark.parametrize(
    "precision, km_east, joins",
    [("city", 20, True), ("city", 40, False), ("near_city", 40, True), ("near_city", 70, False)],
)
def test_distance_limit_follows_place_precision(precision, km_east, joins):
    rules = load_rules()
    moved = dict(KABUL, geonameid=None, lon=KABUL["lon"] + km_east / (111.32 * 0.8240))
    a = profile(0, "a1", None, event("e1", place=dict(KABUL, geonameid=None)), None, rules)
    b = profile(1, "a2", None, event("e2", place=dict(moved, name="Surobi"), place_precision=precision), None, rules)
    assert (compare(a, b, rules) is not None) is joins


def test_country_only_needs_other_evidence():
    country = dict(name="Afghanistan", country="AF")
    bare = [stored("a1", event("e1", place=country, place_precision="country")),
            stored("a2", event("e2", place=country, place_precision="country"))]
    assert len(cluster(bare)) == 2
    named = (Actor("victim", "Abdul Rahman Qadiri", "individual"),)
    text = "A bomb killed provincial official Abdul Rahman Qadiri."
    rich = [stored("a1", event("e1", place=country, place_precision="country", actors=named, evidence=text)),
            stored("a2", event("e2", place=country, place_precision="country", actors=named, evidence=text))]
    assert len(cluster(rich)) == 1


def test_background_mention_joins_the_incident_it_recalls():
    victim = (Actor("victim", "Christopher Roupe", "individual"),)
    shooting = dict(type="violence_against_civilians", subtype="attack", place=CHICAGO, actors=victim)
    items = [
        stored("a1", event("e1", killed=Count(1, 1), **shooting, evidence="Christopher Roupe was shot.")),
        stored("a2", event("e2", status="background", killed=Count(1, 1), **shooting,
                           evidence="Roupe, 17, was shot in February."), published=dt.date(2021, 3, 20)),
    ]
    [inc] = cluster(items)
    assert inc.status == "reported" and inc.sources == ("a1", "a2")


def test_incompatible_types_stay_apart():
    items = [stored("a1", event("e1", place=KABUL)),
             stored("a2", event("e2", place=KABUL, type="strategic_development", subtype="arrests"))]
    assert len(cluster(items)) == 2


def test_reconcile_counts():
    assert reconcile([Count(3, 3), Count(5, 5), None]) == Count(3, 5)
    assert reconcile([Count(0, 0), Count(2, None)]) == Count(0, None)
    assert reconcile([None, None]) is None


@pytest.mark.slow
def test_blocking_finds_every_pair_an_exhaustive_search_finds():
    from eventwire.bench import synthetic_events
    from eventwire.dedup import candidate_pairs, common_names

    rules = load_rules()
    items, _ = synthetic_events(1500, seed=11)
    profiles = [profile(i, s.article_id, s.published, s.event, None, rules) for i, s in enumerate(items)]
    common = common_names(profiles)
    blocked = {(i, j) for _, i, j, _ in candidate_pairs(profiles, rules, common)}
    exhaustive = set()
    for i in range(len(profiles)):
        for j in range(i + 1, len(profiles)):
            result = compare(profiles[i], profiles[j], rules, common)
            if result is not None and result[0] >= rules.score["threshold"]:
                exhaustive.add((i, j))
    assert blocked == exhaustive


def test_synthetic_reports_cluster_back_into_their_incidents():
    from eventwire.bench import dedup_run

    figures = dedup_run(3000)
    assert figures["pair_precision"] >= 95.0
    assert figures["pair_recall"] >= 95.0


@pytest.mark.parametrize("reports, expected", [
    ([(None, 1), (1, None)], (1, 0)),  # shot, critical; then died: one killed, none injured
    ([(0, 1), (1, 0)], (1, 0)),
    ([(1, 2), (2, 1)], (2, 1)),  # one of two wounded died
    ([(1, 3), (1, None)], (1, 3)),  # a later report silent on the wounded takes none away
    ([(3, 7), (5, 9), (4, None)], (5, 9)),  # the final toll, and the final report's wounded
])
def test_best_estimates_move_the_wounded_who_died(reports, expected):
    events = [event(f"e{i}", killed=None if k is None else Count(k, k), injured=None if w is None else Count(w, w))
              for i, (k, w) in enumerate(reports)]
    assert best_estimates(events) == expected


def test_the_place_most_reports_name_breaks_a_tie():
    """One report took the bureau's town, one the incident's; the leads of both name the latter."""
    from eventwire.dedup.merge import merge

    benton = dict(name="Benton", admin1="Arkansas", country="US", lat=34.5645, lon=-92.5868, geonameid=4101241)
    rock = dict(name="Little Rock", admin1="Arkansas", country="US", lat=34.7465, lon=-92.2896, geonameid=4119403)
    a = StoredEvent("a1", dt.date(2015, 11, 18), event("e1", place=rock), "Child dead after being shot",
                    "LITTLE ROCK, Ark. - A two-year-old boy has died. Benton police were called to the home.")
    b = StoredEvent("a2", dt.date(2015, 11, 18), event("e2", place=benton), "Benton police investigating",
                    "BENTON, Ark. - Benton police are investigating the shooting death of a 2-year-old.")
    for items in ([a, b], [b, a]):
        assert merge(items, (), "test").location.name == "Benton"


def test_the_event_sentences_place_beats_a_dateline_on_a_tie():
    """One report filed from the courthouse town codes its dateline; the other names the
    incident's town; both leads name both towns: the place the sentences gave wins."""
    from eventwire.dedup.merge import merge

    salem = dict(name="Salem", admin1="Massachusetts", country="US", lat=42.5195, lon=-70.8967, geonameid=4950065)
    beverly = dict(name="Beverly", admin1="Massachusetts", country="US", lat=42.5584, lon=-70.8800, geonameid=4929023)
    lead = "SALEM, Mass. \u2014 A 19-year-old Beverly man has been held without bail after a shooting."
    a = StoredEvent("a1", dt.date(2016, 3, 1), event("e1", place={**salem, "text": "SALEM", "span": (0, 5)}),
                    "Man held in fatal shooting", lead)
    text = "BEVERLY, Mass. (AP) \u2014 A man turned himself in to Salem police after a shooting in a Beverly home."
    at = text.rindex("Beverly")
    b = StoredEvent("a2", dt.date(2016, 3, 1),
                    event("e2", place={**beverly, "text": "Beverly", "span": (at, at + 7)}),
                    "Man turns himself in", text)
    for items in ([a, b], [b, a]):
        assert merge(items, (), "test").location.name == "Beverly"
