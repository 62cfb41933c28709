"""Event detection: triggers from the ontology, with modality, habitual and anchoring uses left out."""

import pytest

from eventwire.extract.mentions import find_in_doc
from eventwire.extract.ontology import ontology
from eventwire.nlp import parse


def real(text):
    return [(m.text.lower(), m.subtype) for m in find_in_doc(parse(text), text)
            if not m.hypothetical and not m.habitual]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("A car bomb exploded near the market.", ("bomb", "remote_explosive_landmine_ied")),
        ("Rebels fired mortars at the base.", ("mortars", "shelling_artillery_missile_attack")),
        ("Gunmen kidnapped two engineers.", ("kidnapped", "abduction_forced_disappearance")),
        ("Police arrested 12 suspects.", ("arrested", "arrests")),
        ("Thousands of protesters rallied in the capital.", ("protesters", "peaceful_protest")),
        ("A drone strike hit a car near Mosul.", ("drone strike", "air_drone_strike")),
        ("Army troops and rebels clashed near the border.", ("clashed", "armed_clash")),
        ("Trump ordered several rounds of bombing raids on the militia.", ("bombing raids", "air_drone_strike")),
    ],
)
def test_triggers(text, expected):
    assert expected in real(text)


@pytest.mark.parametrize(
    "text",
    [
        "Trump threatened that any further attacks would prompt a mass bombing campaign.",
        "The group vowed to attack Western forces.",
        "Rocket attacks by pro-Iran militia have continued despite promises.",
        "The groups have cropped up in the last year claiming rocket attacks.",
    ],
)
def test_threats_and_patterns_are_not_incidents(text):
    assert real(text) == []


def test_anchor_phrases_only_date_another_event():
    found = real("Three days before Soleimani's assassination thousands of militants stormed the US embassy.")
    assert [s for _, s in found] == ["violent_demonstration"]


def test_upper_case_wire_text():
    text = "GUERRILLAS OF THE FMLN DYNAMITED A POWER TOWER IN USULUTAN."
    assert real(text), "upper-case text must yield triggers"


def test_every_trigger_names_a_known_subtype():
    onto = ontology()
    for triggers in onto.single.values():
        for trig in triggers:
            assert trig.subtype in onto.subtypes
    assert onto.subtype("shelling_artillery_missile_attack").plover.mode == "heavy-weapons"
