"""Assembly: one event per incident, history apart, several incidents in one report."""

import datetime as dt

import pytest

from eventwire.extract import extract_text
from eventwire.records import Count

PUBLISHED = dt.date(2021, 3, 10)


def test_mentions_of_one_incident_become_one_event():
    text = (
        "A car bomb exploded outside a police station in Kirkuk on Tuesday, killing four officers. "
        "The blast also wounded 11 people, officials said. "
        "The Islamic State claimed responsibility for the bombing."
    )
    result = extract_text(text, PUBLISHED)
    reported = [e for e in result.events if e.status == "reported"]
    assert len(reported) == 1
    (event,) = reported
    assert event.subtype == "remote_explosive_landmine_ied"
    assert event.killed.min == 4 and event.injured.min == 11
    assert any(a.attribution == "claimed" for a in event.actors_in("perpetrator"))
    assert event.date.start == dt.date(2021, 3, 9) and event.date.precision == "day"


def test_dated_history_is_background():
    text = (
        "Gunmen killed two farmers in Zamfara on Monday. "
        "In January 2019, bandits killed 30 villagers in the same district."
    )
    result = extract_text(text, PUBLISHED)
    statuses = sorted(e.status for e in result.events)
    assert statuses == ["background", "reported"]
    background = next(e for e in result.events if e.status == "background")
    assert background.date.start.year == 2019 and background.killed.min == 30


def test_separate_incidents_in_one_report():
    text = (
        "SAN SALVADOR, 3 JAN 90 -- TERRORISTS KIDNAPPED 50 PEASANTS IN SAN MIGUEL DEPARTMENT ON 30 DECEMBER. "
        "MEANWHILE, A BOMB EXPLODED AT A BANK IN SANTA ANA YESTERDAY, WOUNDING TWO GUARDS."
    )
    result = extract_text(text)
    kinds = sorted(e.subtype for e in result.events if e.status == "reported")
    assert kinds == ["abduction_forced_disappearance", "remote_explosive_landmine_ied"]


def test_nothing_violent_gives_no_event():
    result = extract_text("The central bank raised interest rates by half a point on Tuesday.", PUBLISHED)
    assert result.events == ()


def test_suicide_bomber_counts_among_the_dead():
    result = extract_text("A suicide bomber killed 12 people at a market in Baghdad on Friday.", PUBLISHED)
    (event,) = result.events
    assert event.killed.min == 13
    assert [c.count.min for c in event.casualties if c.side == "perpetrator"] == [1]


@pytest.mark.parametrize("lived", [
    "the girl was taken to a hospital, where she is in stable condition.",
    "the girl is in stable but serious condition at a hospital.",
    "the girl is currently in stable but serious condition in a Fargo hospital.",
    "her injuries were not expected to be life-threatening.",
    "the girl was recovering and is now out of the hospital.",
])
def test_one_person_shot_who_lived_is_injured(lived):
    """GVA counts everyone shot and not killed: a shot victim the article says is alive."""
    text = ("A 10-year-old girl was shot in her bedroom on Thursday night in Minneapolis. Police said "
            "the girl was taken to a hospital, where she is in stable condition.")
    text = text.replace("the girl was taken to a hospital, where she is in stable condition.", lived)
    (event,) = extract_text(text, PUBLISHED).events
    assert (event.killed, event.injured) == (None, Count(1, 1))
    (hurt,) = [c for c in event.casualties if c.effect == "injured"]
    assert text[hurt.span[0] : hurt.span[1]] == "was shot"
    # without word that the victim lived, no count is told ("is survived by" is a death's)
    text = text.replace(lived, "the girl was taken to a hospital. She is survived by her mother.")
    (event,) = extract_text(text, PUBLISHED).events
    assert event.injured is None


def test_regression_one_weapon_per_head_word_with_the_largest_count():
    text = ("More than a dozen 107mm rockets were fired at the airport on Monday. "
            "Three rockets hit the terminal, officials said.")
    (event,) = [e for e in extract_text(text, PUBLISHED).events if e.status == "reported"]
    assert [(w.name, w.class_, w.count.min) for w in event.weapons] == [("107mm rockets", "rocket", 13)]


def test_nested_learned_fillers_of_one_role_name_one_actor():
    from eventwire.extract.assemble import _role_actors
    from eventwire.extract.roles import RoleSpan
    from eventwire.pipeline import Coding
    from eventwire.records import Article

    text = "URBAN GUERRILLAS ATTACKED THE BRIDGE. THE GUERRILLAS FLED. A PEASANT DIED; GUERRILLAS SHOT HIM."
    coding = Coding(article=Article(id="t", text=text))

    def span(role: str, words: str, start: int = 0) -> RoleSpan:
        at = text.index(words, start)
        return RoleSpan(role, words, (at, at + len(words)), 0.9)

    roles = [span("PerpInd", "GUERRILLAS", 40), span("PerpInd", "URBAN GUERRILLAS"),
             span("Target", "BRIDGE"), span("Victim", "PEASANT"), span("PerpInd", "GUERRILLAS", 70)]
    actors, weapons = _role_actors(coding, roles, ())
    assert [(a.role, a.name, a.aliases) for a in actors] == [
        ("perpetrator", "URBAN GUERRILLAS", ("GUERRILLAS",)),
        ("target", "BRIDGE", ()),
        ("victim", "PEASANT", ()),
    ]
    assert weapons == []


def test_regression_wreckage_with_deaths_stays_with_the_attack():
    text = (
        "Gunmen detonated a roadside bomb under an army truck near the border. "
        "The truck was destroyed and six soldiers were killed and nine injured."
    )
    result = extract_text(text, PUBLISHED)
    event = [e for e in result.events if e.status == "reported"][0]
    assert event.subtype == "remote_explosive_landmine_ied"
    assert event.killed.min == 6 and event.injured.min == 9


def test_learned_fillers_are_kept_as_noun_phrases():
    from eventwire.extract.assemble import _clean_fillers
    from eventwire.extract.roles import RoleSpan
    from eventwire.nlp import parse
    from eventwire.pipeline import Coding
    from eventwire.records import Article

    text = ("SUSPECTED URBAN GUERRILLAS BOMBED THE OFFICES OF THE NEWSPAPER. "
            "A GROUP OF FOUR ARMED MEN WOUNDED A GUARD.")
    coding = Coding(article=Article(id="t", text=text), doc=parse(text))

    def span(role: str, words: str) -> RoleSpan:
        at = text.index(words)
        return RoleSpan(role, words, (at, at + len(words)), 0.9)

    coding = coding.with_(roles=(
        span("PerpInd", "SUSPECTED"),  # no noun: a fragment, dropped
        span("PerpInd", "URBAN GUERRILLAS"),  # kept as it is
        span("Target", "OFFICES OF THE"),  # edge words that name nothing are trimmed
        span("PerpInd", "GROUP OF"),
        span("PerpInd", "FOUR"),  # a number alone names no one
        span("Victim", "A GUARD"),
    ))
    kept = [(r.role, r.text, text[r.span[0]:r.span[1]]) for r in _clean_fillers(coding)]
    assert kept == [
        ("PerpInd", "URBAN GUERRILLAS", "URBAN GUERRILLAS"),
        ("Target", "OFFICES", "OFFICES"),
        ("PerpInd", "GROUP", "GROUP"),
        ("Victim", "GUARD", "GUARD"),
    ]


def test_an_incident_told_again_after_the_charge_is_one_event():
    text = (
        "Bond set for teen charged in fatal Bridgeport shooting\n\n"
        "A 17-year-old boy has been charged with fatally shooting a 16-year-old boy Friday morning "
        "in the South Side Bridgeport neighborhood.\n\n"
        "Anthony Mendoza, 17, was charged with first-degree murder in connection with the death of "
        "16-year-old Christian Bandemer, according to Chicago Police.\n\n"
        "Bandemer was shot in the chest about 11:35 a.m. Friday in the 3500 block of South Parnell, "
        "according to Chicago Police.\n\n"
        "Bandemer was pronounced dead at the scene at 11:59 a.m., authorities said."
    )
    events = extract_text(text, published=dt.date(2016, 6, 5)).events
    reported = [e for e in events if e.status == "reported" and e.type == "violence_against_civilians"]
    assert len(reported) == 1 and reported[0].killed.min == 1
