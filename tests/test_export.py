"""Exports: incidents with their sources in jsonl, csv, geojson, parquet and plover, both stores."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from eventwire.cli import app
from eventwire.engine import LocalEngine
from eventwire.export import incidents, write_export
from eventwire.export.tabular import COLUMNS
from eventwire.ingest import ingest
from eventwire.records import json_schema
from eventwire.store import Filters
from eventwire.store.clusters import refresh_clusters

TESTS = Path(__file__).parent
REFERENCE = Path(__file__).parents[2] / "shared" / "examples" / "erbil-rocket-attack.txt"
ERBIL_SOURCES = ["dailymail", "long", "wire"]


@pytest.fixture
def filled(store, tmp_path):
    """Three differently worded reports of the Erbil strike and one of a Mosul bombing."""
    reports = [
        ("dailymail", REFERENCE, "2021-02-16"),
        ("wire", TESTS / "data" / "erbil-wire.txt", "2021-02-16"),
        ("long", TESTS / "data" / "erbil-long.txt", "2021-02-16"),
    ]
    lines = [
        {"id": id, "published": day, "text": path.read_text(encoding="utf-8"), "source": f"{id} news"}
        for id, path, day in reports
    ] + [{"id": "mosul", "published": "2021-03-05", "text": "A car bomb in Mosul killed one."}]
    corpus = tmp_path / "erbil.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    done = ingest([str(corpus)], store, engine=LocalEngine(1, "fake_extract:extract"))
    assert done.stored == 4
    return store


def _export(format: str, items) -> str:
    out = io.StringIO()
    write_export(format, items, out)
    return out.getvalue()


def test_three_reports_export_as_one_incident_with_all_sources(filled):
    records = [json.loads(line) for line in _export("jsonl", incidents(filled)).splitlines()]
    assert sorted(r["sources"] for r in records) == [ERBIL_SOURCES, ["mosul"]]
    erbil = next(r for r in records if r["sources"] == ERBIL_SOURCES)
    assert (erbil["killed"], erbil["injured"]) == ({"min": 1, "max": 1}, {"min": 9, "max": None})
    assert {e["article_id"] for e in erbil["evidence"]} == set(ERBIL_SOURCES)
    event_schema = {**json_schema()["$defs"]["Event"], "$defs": json_schema()["$defs"]}
    for record in records:
        jsonschema.validate(record, event_schema)


def test_no_dedup_gives_raw_events(filled):
    items = incidents(filled, dedup=False)
    assert sorted(i.sources for i in items) == [("dailymail",), ("long",), ("mosul",), ("wire",)]


def test_clustering_is_rerunnable_and_leaves_events_alone(filled):
    before = sorted((e.key, json.dumps(e.data, sort_keys=True)) for e in filled.events(Filters(status=None)))
    first = sorted(refresh_clusters(filled), key=lambda c: c.id)
    assert sorted(refresh_clusters(filled), key=lambda c: c.id) == first == filled.clusters()
    after = sorted((e.key, json.dumps(e.data, sort_keys=True)) for e in filled.events(Filters(status=None)))
    assert after == before


def test_csv_has_acled_columns_and_our_own(filled):
    rows = list(csv.DictReader(io.StringIO(_export("csv", incidents(filled)))))
    assert list(rows[0]) == list(COLUMNS)
    assert list(COLUMNS[:17]) == (
        "event_date year time_precision event_type sub_event_type actor1 assoc_actor_1 actor2 "
        "country admin1 location latitude longitude geo_precision source notes fatalities"
    ).split()
    erbil = next(r for r in rows if r["sources"] == "dailymail; long; wire")
    assert {k: erbil[k] for k in (
        "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
        "country", "admin1", "location", "latitude", "longitude", "geo_precision", "source",
        "fatalities", "injured_min", "injured_max", "killed_max", "claimed_by", "suspected",
        "status",
    )} == {  # fmt: skip
        "event_date": "2021-02-15", "year": "2021", "time_precision": "1",
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Shelling/artillery/missile attack", "actor1": "Guardians of Blood",
        "country": "Iraq", "admin1": "Erbil", "location": "Erbil", "latitude": "36.19",
        "longitude": "44.01", "geo_precision": "1",
        "source": "dailymail news; long news; wire news", "fatalities": "1",
        "injured_min": "9", "injured_max": "", "killed_max": "1",
        "claimed_by": "Guardians of Blood", "suspected": "", "status": "reported",
    }  # fmt: skip
    assert len(rows) == 2


def test_geojson_is_a_feature_collection_of_every_located_incident(filled):
    items = incidents(filled)
    collection = json.loads(_export("geojson", items))
    assert collection["type"] == "FeatureCollection"
    located = [i for i in items if i.data["location"] and i.data["location"]["lat"] is not None]
    assert len(collection["features"]) == len(located) == 2
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90
    points = {tuple(f["properties"]["sources"]): f["geometry"]["coordinates"] for f in collection["features"]}
    assert points == {tuple(ERBIL_SOURCES): [44.01, 36.19], ("mosul",): [43.13, 36.34]}


def test_parquet_round_trips(filled, tmp_path):
    import pyarrow.parquet as pq

    items = incidents(filled)
    with open(tmp_path / "out.parquet", "wb") as out:
        write_export("parquet", items, out)
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.num_rows == 2
    assert table.column_names == [*COLUMNS, "record"]
    assert str(table.schema.field("fatalities").type) == "int64"
    records = sorted(json.loads(r)["sources"] for r in table.column("record").to_pylist())
    assert records == [ERBIL_SOURCES, ["mosul"]]


def test_plover_records(filled):
    records = [json.loads(line) for line in _export("plover", incidents(filled)).splitlines()]
    erbil = next(r for r in records if r["sources"] == ERBIL_SOURCES)
    assert {k: erbil[k] for k in ("date", "event_type", "mode", "actor", "actor_attribution", "recipient")} == {
        "date": "2021-02-15", "event_type": "ASSAULT", "mode": "heavy-weapons",
        "actor": "Guardians of Blood", "actor_attribution": "claimed", "recipient": None,
    }  # fmt: skip
    assert erbil["location"]["country"] == "Iraq" and erbil["location"]["resolution"] == "city"


def test_filters_select_incidents(filled):
    assert [i.sources for i in incidents(filled, Filters(bbox=(43.0, 36.0, 43.5, 36.5)))] == [("mosul",)]
    assert [i.sources for i in incidents(filled, Filters(actor="guardians"))] == [tuple(ERBIL_SOURCES)]
    assert incidents(filled, Filters(country="SY")) == []


def test_a_new_article_is_clustered_before_export(filled, tmp_path):
    refresh_clusters(filled)
    extra = tmp_path / "late.jsonl"
    extra.write_text(json.dumps({"id": "late", "published": "2021-02-16",
                                 "text": "Rockets hit Erbil late on Monday, killing a contractor."}) + "\n")  # fmt: skip
    ingest([str(extra)], filled, engine=LocalEngine(1, "fake_extract:extract"))
    sources = sorted(i.sources for i in incidents(filled))
    assert sources == [("dailymail", "late", "long", "wire"), ("mosul",)]


def test_export_command(filled, tmp_path):
    runner = CliRunner()
    out = tmp_path / "iraq.csv"
    args = ["export", "--db", filled.url, "--format", "csv", "--country", "IQ", "--from", "2021-02-01",
            "--to", "2021-02-28", "--output", str(out)]  # fmt: skip
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert [r["sources"] for r in rows] == ["dailymail; long; wire"]
    raw = runner.invoke(app, ["export", "--db", filled.url, "--no-dedup", "--format", "jsonl"])
    assert raw.exit_code == 0
    assert len([line for line in raw.stdout.splitlines() if line.startswith("{")]) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [(["--format", "xml"], "use jsonl, csv"), (["--bbox", "1,2,3"], "min_lon,min_lat,max_lon,max_lat")],
)
def test_export_command_explains_bad_options(tmp_path, args, message):
    result = CliRunner().invoke(app, ["export", "--db", f"sqlite:///{tmp_path / 'e.db'}", *args])
    assert result.exit_code == 2
    assert message in result.output
