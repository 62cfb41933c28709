"""Wiki and seed adapters, the registry, and the README results table, on hand-made data."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from eventwire import errors
from eventwire.cli import app
from eventwire.evaluate import muc4, registry, seed, table, wiki
from eventwire.evaluate.report import Report
from eventwire.records import (
    Actor,
    Article,
    Casualty,
    Count,
    Event,
    EventDate,
    Location,
    Plover,
    Result,
    Weapon,
)


def event(status="reported", **kw):
    return Event(id=f"e-{status}-{len(kw)}", status=status, type="explosion_remote_violence",
                 subtype="remote_explosive_landmine_ied", plover=Plover("ASSAULT", "explosives"),
                 **kw)


@pytest.mark.parametrize("n, text, found", [
    (7, "The seven crew members died.", True),
    (23, "One person was killed and 23 were wounded.", True),
    (1, "One person was killed.", True),
    (3, "13 people were killed.", False),  # 3 is not written on its own
    (1200, "1,200 were hurt.", True),
    (21, "twenty-one dead", True),
    (21, "twenty dead", False),
    (0, "A bomb explodes at the home of an MP.", False),
])
def test_number_in_text(n, text, found):
    assert wiki.number_in_text(n, text) is found


def test_make_incident_keeps_only_values_the_text_gives():
    record = {"id": "w1", "text": "Palestinian terrorists attacked a bus in Munich. One person was "
              "killed and 23 were wounded.", "dead": 1, "injured": 23,
              "location": "Munich, West Germany", "perpetrator": "PDFLP"}
    incident = wiki.make_incident(record)
    assert incident == wiki.Incident("w1", 1, 23, None, frozenset({"munich"}))


@pytest.mark.parametrize("predicted, gold, agrees", [
    ("ulster volunteer force", "ulster volunteer force", True),
    ("ulster volunteer force members", "ulster volunteer force", True),  # 3-word name inside
    ("provisional ira", "ira", False),  # one-word name: equality only
    ("ira", "ira", True),
    ("shining path", "path", False),
])
def test_names_agree(predicted, gold, agrees):
    assert wiki.names_agree(predicted, gold) is agrees


def test_wiki_score_by_hand():
    text = "A bomb planted by the Ulster Volunteer Force kills four people in Belfast."
    at = text.index("Ulster")
    first = event(
        actors=(Actor("perpetrator", "UVF", "organization", span=(at, at + 22)),),
        killed=Count(5, 5), casualties=(Casualty("killed", Count(1, 1), side="perpetrator"),),
        location=Location("Belfast", country="GB"),
    )
    later = event(killed=Count(9, 9))  # not the first reported event: not compared
    results = [
        Result(Article("w1", text), (first, later)),
        Result(Article("w2", "Gunmen kill two in Lima."), ()),  # nothing found
    ]
    gold = [wiki.Incident("w1", 4, None, "Ulster Volunteer Force", frozenset({"belfast"})),
            wiki.Incident("w2", 2, None, None, frozenset({"lima"}))]
    report = wiki.score(results, gold, errors=5)
    # killed: w1 5 - 1 attacker = 4 right, w2 nothing = wrong -> 50.0 of 2
    assert report.scores["killed"] == {"accuracy": 50.0, "n": 2}
    assert report.scores["injured"] == {"accuracy": 0.0, "n": 0}
    # perpetrator: the span text "Ulster Volunteer Force" equals the gold name
    assert report.scores["perpetrator"] == {"accuracy": 100.0, "n": 1}
    assert report.scores["place"] == {"accuracy": 50.0, "n": 2}
    assert {(c.doc, c.field) for c in report.cases} == {("w2", "killed"), ("w2", "place")}


@pytest.mark.parametrize("text, kw, effect, listed", [
    # "more than ninety wounded": SPEC stores min 91, the list writes 90 ("90+")
    ("Twenty-one were killed with more than ninety wounded.", {"injured": Count(91, None)}, "injured", 90),
    ("A bomb injured over 50 people.", {"injured": Count(51, None)}, "injured", 50),
    # a closed count, or an open one the text does not say "more than" of, stays as it is
    ("A bomb injured 51 people.", {"injured": Count(51, 51)}, "injured", 51),
    ("At least 51 people were injured.", {"injured": Count(51, None)}, "injured", 51),
    ("More than 10 were killed.", {"killed": Count(11, None)}, "killed", 10),
    ("A bomb injured nearly 50 people.", {"injured": Count(49, 49)}, "injured", 50),
    ("A bomb injured 49 people.", {"injured": Count(49, 49)}, "injured", 49),
    # the injured column carries the kidnapped when no one was wounded
    ("Gunmen abducted nine people.", {"casualties": (Casualty("kidnapped", Count(9, 9)),)}, "injured", 9),
    ("Gunmen abducted nine people and wounded two.",
     {"injured": Count(2, 2), "casualties": (Casualty("kidnapped", Count(9, 9)),)}, "injured", 2),
    ("Two gunmen were seized.", {"casualties": (Casualty("kidnapped", Count(2, 2), side="perpetrator"),)},
     "injured", None),
    ("Gunmen abducted nine people.", {"casualties": (Casualty("kidnapped", Count(9, 9)),)}, "killed", None),
])
def test_wiki_listed_count_follows_the_lists_conventions(text, kw, effect, listed):
    assert wiki.listed_count(event(**kw), effect, text) == listed


def test_wiki_main_event_is_the_first_violent_reported_one():
    arrest = Event(id="a", status="reported", type="strategic_development", subtype="arrests",
                   plover=Plover("ARREST", None))
    bombing = event(killed=Count(1, 1))
    earlier = event(status="background", killed=Count(5, 5))
    assert wiki.main_event(Result(Article("w", "x"), (earlier, arrest, bombing))) is bombing
    assert wiki.main_event(Result(Article("w", "x"), (earlier, arrest))) is arrest
    assert wiki.main_event(Result(Article("w", "x"), (earlier,))) is earlier
    assert wiki.main_event(Result(Article("w", "x"), ())) is None


def test_wiki_strict_counts_are_reported_beside_the_listed_ones():
    text = "Gunmen abducted nine people."
    found = event(casualties=(Casualty("kidnapped", Count(9, 9)),))
    report = wiki.score([Result(Article("w1", text), (found,))], [wiki.Incident("w1", None, 9, None, frozenset())])
    assert report.scores["injured"] == {"accuracy": 100.0, "n": 1}
    assert report.scores["injured_strict"] == {"accuracy": 0.0, "n": 1}


def test_wiki_place_by_country_code():
    result = Result(Article("w3", "x"), (event(location=Location(None, country="CO")),))
    assert wiki.place_named(result, frozenset({"colombia"}))
    assert not wiki.place_named(result, frozenset({"peru"}))


SEED_GOLD = {
    "reported": [{
        "type": "explosion_remote_violence", "subtype": "shelling_artillery_missile_attack",
        "plover": {"event": "ASSAULT", "mode": "heavy-weapons"},
        "date": {"start": "2021-02-15", "end": "2021-02-15"},
        "location": {"name": "Erbil", "lat": 36.2376, "lon": 43.9632, "within_km": 15},
        "perpetrators": [
            {"names": ["Guardians of Blood"], "attribution": "claimed"},
            {"names": ["Kataib Hezbollah"], "attribution": "suspected", "optional": True}],
        "victims_any": ["contractor"], "targets_any": ["airport"], "weapons_any": ["rocket"],
        "weapon_count": {"min": 13}, "killed": {"min": 1, "max": 1},
        "injured": {"min": 14, "max": None}}],
}


def test_seed_fields_by_hand():
    day = dt.date(2021, 2, 15)
    attack = Event(
        id="r", status="reported", type="explosion_remote_violence",
        subtype="shelling_artillery_missile_attack", plover=Plover("ASSAULT", "heavy-weapons"),
        date=EventDate(day, day, "day"), location=Location("Erbil", lat=36.19, lon=44.01),
        actors=(Actor("perpetrator", "Guardians of Blood", "organization", attribution="claimed"),
                Actor("victim", "civilian contractor", "individual"),
                Actor("target", "Erbil airport", "facility")),
        weapons=(Weapon("107mm rocket", "rocket", Count(13, None)),),
        killed=Count(1, 1), injured=Count(9, None))
    old = [event(status="background", date=EventDate(dt.date(2020, 1, 3), None, "day"))] * 3
    checks = seed.check_fields(Result(Article("s", "x"), (attack, *old)), SEED_GOLD)
    failed = {name for name, (ok, _, _) in checks.items() if not ok}
    # injured 9 is not 14+, and 3 background events are fewer than 4; the optional
    # perpetrator that is absent passes
    assert failed == {"injured", "background_before_attack"}
    report = seed.score(Result(Article("s", "x"), (attack, *old)), SEED_GOLD)
    # 15 fields: one_reported_event, type, subtype, plover, date, location, 2 perpetrators,
    # victims, targets, weapons, weapon_count, killed, injured, background: 13 pass = 86.7%
    assert report.scores["fields"] == {"passed": 13, "total": 15, "percent": 86.7}


def test_registry_names_every_benchmark_and_explains_missing_ones(monkeypatch):
    assert set(registry.BENCHMARKS) == {"muc4", "wiki", "seed", "gvc", "ecbplus"}
    with pytest.raises(errors.BenchmarkError, match="Unknown benchmark 'nope'"):
        registry.adapter("nope")
    assert {"muc4", "wiki", "seed"} <= set(registry.available())
    assert callable(registry.adapter("muc4").run)
    monkeypatch.setitem(registry.BENCHMARKS, "ghost", "a benchmark whose module is absent")
    with pytest.raises(errors.BenchmarkError, match="'ghost' benchmark adapter .* not installed"):
        registry.adapter("ghost")
    assert "ghost" not in registry.available()


def test_cli_unknown_benchmark_exits_cleanly():
    result = CliRunner().invoke(app, ["eval", "nope"])
    assert result.exit_code != 0
    assert isinstance(result.exception, errors.BenchmarkError)


def test_cli_help_has_an_example():
    result = CliRunner().invoke(app, ["eval", "--help"])
    assert result.exit_code == 0
    assert "Example: eventwire eval" in result.output


REPORT = Report("muc4", "dev", {"roles": {"precision": 50.0, "recall": 40.0, "f1": 44.4, "gold": 10},
                                "killed": {"accuracy": 75.0, "n": 4},
                                "run": {"seconds": 3.0, "failed": 0}}, 200)


def test_markdown_table_and_readme_markers(tmp_path):
    text = table.markdown([REPORT])
    assert "| muc4 | dev | 200 | roles | 50.0 | 40.0 | 44.4 | 10 |" in text
    assert "| muc4 | dev | 200 | killed | – | – | 75.0 | 4 |" in text
    assert "GRIT 54.5" in text
    assert "Coding time: muc4 3 s." in text
    readme = tmp_path / "README.md"
    readme.write_text("# eventwire\n\nIntro.\n", encoding="utf-8")
    table.write_readme(readme, "first\n")
    table.write_readme(readme, "second\n")  # replaces, never appends twice
    content = readme.read_text(encoding="utf-8")
    assert content == f"# eventwire\n\nIntro.\n\n{table.START}\nsecond\n{table.END}\n"


def test_real_muc4_dev_split_loads():
    pairs = muc4.load("dev")
    assert len(pairs) == 200
    with_roles = [g for _, g in pairs if any(g.roles.values())]
    assert len(with_roles) == 111  # GRIT dev: 111 documents hold at least one role filler
    article, gold = next((a, g) for a, g in pairs if a.id == "TST1-MUC3-0001")
    assert article.text.startswith("GUATEMALA CITY, 4 FEB 90")  # original upper-case text
    assert article.published == dt.date(1990, 2, 4)
    assert gold.roles["PerpOrg"] == [["guatemalan national revolutionary unity", "urng"]]


def test_json_output_is_in_percent():
    data = json.loads(table.as_json(REPORT))
    assert data["benchmark"] == "muc4" and data["roles"]["f1"] == 44.4


@pytest.fixture
def canned_pipeline(monkeypatch):
    """Replace the extraction pipeline by one canned event per article (the CLI wiring only)."""
    import eventwire.extract as extract_module

    def canned(article):
        return Result(article, (event(killed=Count(1, 1)),))

    monkeypatch.setattr(extract_module, "extract", canned)
    monkeypatch.setattr(extract_module, "extract_batch", lambda articles: [canned(a) for a in articles])


def test_cli_json_runs_an_adapter(canned_pipeline):
    result = CliRunner().invoke(app, ["eval", "seed", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["benchmark"] == "seed"
    assert data["killed"] == {"pass": 100.0}  # the canned 1 killed is the gold's 1
    assert data["subtype"] == {"pass": 0.0}  # the canned IED is not a rocket attack


def test_cli_table_with_a_sample(canned_pipeline):
    result = CliRunner().invoke(app, ["eval", "muc4", "--limit", "3", "--errors", "2"])
    assert result.exit_code == 0, result.output
    assert "muc4 (dev, 3 documents" in result.stdout
    assert "roles" in result.stdout and "killed" in result.stdout
