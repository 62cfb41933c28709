import datetime as dt
import json

import jsonschema

from eventwire.records import (
    Actor,
    Article,
    Casualty,
    Count,
    Event,
    EventDate,
    Plover,
    Result,
    Weapon,
    content_id,
    json_schema,
    to_dict,
)


def _event() -> Event:
    return Event(
        id="x", status="reported", type="explosion_remote_violence",
        subtype="shelling_artillery_missile_attack", plover=Plover("ASSAULT", "heavy-weapons"),
        date=EventDate(dt.date(2021, 2, 15), dt.date(2021, 2, 15), "day", "Monday evening", (10, 24)),
        actors=(Actor("perpetrator", "Saraya Awliya al-Dam", "organization", ("Guardians of Blood",), "claimed"),),
        weapons=(Weapon("107mm rockets", "rocket", Count(13, None), (0, 13)),),
        killed=Count(1, 1), injured=Count(14, None),
        casualties=(Casualty("injured", Count(9, 9), "people", "victim", (1, 2),
                             (Casualty("injured", Count(8, 8), "civilian contractors", "victim"),)),),
    )


def test_to_dict_follows_the_contract_names():
    d = to_dict(_event())
    assert d["weapons"][0]["class"] == "rocket"
    assert d["date"]["start"] == "2021-02-15"
    assert d["injured"] == {"min": 14, "max": None}
    assert d["casualties"][0]["includes"][0]["count"] == {"min": 8, "max": 8}


def test_output_validates_against_schema():
    result = Result(Article("a", "text", published=dt.date(2021, 2, 16)), (_event(),))
    doc = json.loads(json.dumps(to_dict(result)))
    jsonschema.validate(doc, json_schema())


def test_schema_rejects_a_wrong_type():
    result = to_dict(Result(Article("a", "text"), (_event(),)))
    result["events"][0]["type"] = "skirmish"
    try:
        jsonschema.validate(result, json_schema())
    except jsonschema.ValidationError:
        return
    raise AssertionError("schema accepted an unknown event type")


def test_content_id_is_stable_and_sensitive():
    assert content_id("a", 1) == content_id("a", 1)
    assert content_id("a", 1) != content_id("a", 2)


def test_count_addition_keeps_open_ends():
    assert Count(5, None) + Count(9, 9) == Count(14, None)
    assert Count(1, 1) + Count(2, 2) == Count(3, 3)
