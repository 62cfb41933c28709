"""Actors and attribution on hand-written sentences."""

import pytest

from eventwire.extract.actors import find_actors
from eventwire.nlp import parse


def actors(text):
    doc = parse(text)
    found = []
    for i, sent in enumerate(doc.sents):
        found += [m.actor for m in find_actors(sent, i, text, True) if m.strength > 0]
    return found


def perps(text):
    return {(a.name, a.attribution) for a in actors(text) if a.role == "perpetrator"}


def test_claimed_by_front_group():
    text = "The bombardment was claimed by a shadowy group calling itself 'Guardians of Blood'."
    assert ("Saraya Awliya al-Dam", "claimed") in perps(text)


def test_suspected_sponsors_with_who_says_so():
    text = ("US and Iraqi security officials believe them to be front groups for prominent pro-Iran "
            "factions including Kataeb Hezbollah and Asaib Ahl al-Haq.")
    found = [a for a in actors(text) if a.role == "perpetrator"]
    assert {a.attribution for a in found} == {"suspected"}
    assert len(found) == 2 and all("officials" in a.attributed_by for a in found)


def test_accused_by_a_named_accuser():
    found = [a for a in actors("Washington blamed Kataib Hezbollah for the rocket attack.") if a.role == "perpetrator"]
    assert [(a.name, a.attribution, a.attributed_by) for a in found] == [("Kata'ib Hezbollah", "accused", "Washington")]


@pytest.mark.parametrize(
    "text,name",
    [
        ("ETA killed three bodyguards in San Sebastian.", "ETA"),
        ("Four gunmen from the Ulster Volunteer Force opened fire on the bar, killing five men.", "Ulster Volunteer Force"),
        ("An al-Shabaab attack on a village near Mandera left six dead.", "al-Shabaab"),
        ("Six soldiers were killed in an attack attributed to Boko Haram.", "Boko Haram"),
    ],
)
def test_reported_or_suspected_perpetrators(text, name):
    names = {n.lower() for n, _ in perps(text)}
    assert any(name.lower() in n or n in name.lower() for n in names), names


def test_the_one_hit_is_not_the_perpetrator():
    found = actors("US Ambassador Mark Lippert was injured in a knife attack.")
    assert all(a.role != "perpetrator" for a in found)


def test_sources_and_sponsors_are_not_perpetrators():
    text = "A rocket strike by a group believed to have links to Iran injured several Americans, US forces said."
    assert not any("Iran" in n for n, _ in perps(text))


def test_victims_and_targets_kept_apart():
    found = actors("Gunmen attacked a bus and killed two civilians.")
    roles = {(a.role, a.name, a.entity) for a in found}
    assert ("perpetrator", "Gunmen", "individual") in roles
    assert ("target", "bus", "object") in roles or ("target", "bus", "facility") in roles
    assert ("victim", "civilians", "individual") in roles


def test_regression_the_foe_in_a_fight_is_not_a_victim():
    found = actors("Rockets were fired at the base that hosts troops of the alliance fighting ISIS since 2014.")
    assert all(a.role != "victim" for a in found if a.entity == "organization")
