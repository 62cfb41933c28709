"""The JSON API of `eventwire serve`, on SQLite and PostgreSQL, with hand-built events."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from fastapi.testclient import TestClient

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
from eventwire.store import Cluster, Filters, article_hash, open_store
from eventwire.web.app import create_app

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
ERBIL = Location("Erbil", "Erbil", "IQ", 36.19, 44.01, 95446, "city", "Erbil")
MOSUL = Location("Mosul", "Nineveh", "IQ", 36.34, 43.13, 99072, "city", "Mosul")
KABUL = Location("Kabul", "Kabul", "AF", 34.53, 69.17, 1138958, "city", "Kabul")


def _event(id, type, day, place, actor=None, killed=None, status="reported", text=""):
    actors = (
        (Actor("perpetrator", actor, "organization", (), "claimed", span=(0, len(actor))),)
        if actor
        else ()
    )
    return Event(
        id=id, status=status, type=type, subtype="attack", plover=Plover("ASSAULT"),
        date=EventDate(day, day, "day", None, None), location=place, actors=actors,
        killed=Count(killed, killed) if killed is not None else None,
        evidence=(Evidence("type", text[:6], (0, 6)),),
    )  # fmt: skip


ARTICLES = {
    # name: (text, published, event)
    "erbil-1": ("Guardians of Blood fired rockets at Erbil airport.", "2021-02-16",
                ("explosion_remote_violence", "2021-02-15", ERBIL, "Guardians of Blood", 1)),
    "erbil-2": ("Rocket attack on the airport of Erbil, officials said.", "2021-02-16",
                ("explosion_remote_violence", "2021-02-15", ERBIL, None, 1)),
    "mosul": ("Islamic State clashed in Mosul with the army.", "2021-03-02",
              ("battle", "2021-03-01", MOSUL, "Islamic State", 4)),
    "kabul": ("Gunmen shot civilians in Kabul overnight.", "2021-05-11",
              ("violence_against_civilians", "2021-05-10", KABUL, "Gunmen", 3)),
    "history": ("In 2019 a bombing in Kabul killed many.", "2021-05-12",
                ("explosion_remote_violence", "2019-01-01", KABUL, None, 9)),
}  # fmt: skip


def _result(name: str) -> Result:
    text, published, (type, day, place, actor, killed) = ARTICLES[name]
    status = "background" if name == "history" else "reported"
    article = Article(
        name, text, f"Report {name}", dt.date.fromisoformat(published), source=f"outlet-{name}"
    )
    at = text.index(place.name)  # the location's span points at its name in this text
    place = dataclasses.replace(place, span=(at, at + len(place.name)))
    event = _event(
        f"ev-{name}", type, dt.date.fromisoformat(day), place, actor, killed, status, text
    )
    return Result(article, (event,))


@pytest.fixture
def filled(store_url):
    """The store with five reports, clustered: the two Erbil reports are one incident."""
    store = open_store(store_url)
    for name in ARTICLES:
        result = _result(name)
        store.save_result(result, article_hash(result.article))
    keys = {e.article_id: e.key for e in store.events(Filters(status=None))}
    erbil = (keys["erbil-1"], keys["erbil-2"])
    alone = [
        Cluster(f"c-{n}", {"id": f"c-{n}"}, (keys[n],), (n,)) for n in ("mosul", "kabul", "history")
    ]
    store.save_clusters(
        [Cluster("c-erbil", {"id": "c-erbil"}, erbil, ("erbil-1", "erbil-2")), *alone]
    )
    store.close()
    return store_url, keys


@pytest.fixture
def client(filled):
    url, keys = filled
    with TestClient(create_app(url, TOKEN)) as c:
        c.keys = keys
        yield c


def _ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [item["article_id"] for item in response.json()["items"]]


def test_list_in_date_order_without_background(client):
    body = client.get("/api/events").json()
    assert body["total"] == 4
    assert [i["article_id"] for i in body["items"]] == ["erbil-1", "erbil-2", "mosul", "kabul"]
    item = body["items"][2]
    assert item["title"] == "Report mosul" and item["source"] == "outlet-mosul"
    assert item["published"] == "2021-03-02" and item["event"]["type"] == "battle"


def test_paging(client):
    body = client.get("/api/events", params={"limit": 2, "offset": 1}).json()
    assert (body["total"], body["offset"], body["limit"]) == (4, 1, 2)
    assert [i["article_id"] for i in body["items"]] == ["erbil-2", "mosul"]
    assert client.get("/api/events", params={"offset": 10}).json()["items"] == []
    assert client.get("/api/events", params={"limit": 0}).status_code == 422


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"start": "2021-03-01"}, ["mosul", "kabul"]),
        ({"end": "2021-03-01"}, ["erbil-1", "erbil-2", "mosul"]),
        ({"start": "2021-02-20", "end": "2021-04-01"}, ["mosul"]),
        ({"country": "af"}, ["kabul"]),
        ({"type": "battle"}, ["mosul"]),
        ({"actor": "guardians"}, ["erbil-1"]),
        ({"bbox": "43,36,44.5,36.3"}, ["erbil-1", "erbil-2"]),
        ({"q": "airport"}, ["erbil-1", "erbil-2"]),
        ({"q": "gunmen", "country": "AF"}, ["kabul"]),
        ({"status": "background"}, ["history"]),
        ({"status": "all", "country": "AF"}, ["history", "kabul"]),
    ],
)
def test_filters(client, params, expected):
    assert _ids(client.get("/api/events", params=params)) == expected


def test_bad_filters_say_what_to_send(client):
    response = client.get("/api/events", params={"bbox": "1,2,3"})
    assert response.status_code == 422 and "min_lon" in response.json()["detail"]
    assert client.get("/api/events", params={"start": "yesterday"}).status_code == 422


def test_event_detail_has_text_spans_and_other_reports(client):
    key = client.keys["erbil-1"]
    body = client.get(f"/api/events/{key}").json()
    text = body["article"]["text"]
    assert text == ARTICLES["erbil-1"][0]
    marks = {(m["field"], text[m["span"][0] : m["span"][1]]) for m in body["highlights"]}
    assert marks == {
        ("type", "Guardi"),
        ("perpetrator", "Guardians of Blood"),
        ("location", "Erbil"),
    }
    assert [s["article_id"] for s in body["sources"]] == ["erbil-2"]
    assert (
        body["incident"] == client.get(f"/api/events/{client.keys['erbil-2']}").json()["incident"]
    )
    assert client.get(f"/api/events/{client.keys['mosul']}").json()["sources"] == []
    missing = client.get("/api/events/nope")
    assert missing.status_code == 404 and "GET /api/events" in missing.json()["detail"]


def test_stats(client):
    body = client.get("/api/stats").json()
    assert body["total"] == 4
    assert body["by_day"] == {"2021-02-15": 2, "2021-03-01": 1, "2021-05-10": 1}
    assert body["by_type"] == {
        "explosion_remote_violence": 2,
        "battle": 1,
        "violence_against_civilians": 1,
    }
    assert body["by_country"] == {"IQ": 3, "AF": 1}
    assert client.get("/api/stats", params={"country": "AF", "status": "all"}).json()["by_day"] == {
        "2019-01-01": 1, "2021-05-10": 1,
    }  # fmt: skip


def test_writes_need_the_token(filled):
    url, keys = filled
    body = {"field": "killed", "value": {"min": 2, "max": 2}, "reviewer": "ana"}
    path = f"/api/events/{keys['mosul']}/corrections"
    with TestClient(create_app(url, None)) as read_only:
        response = read_only.post(path, json=body, headers=AUTH)
        assert response.status_code == 403 and "--token" in response.json()["detail"]
        assert read_only.get("/api/config").json()["writable"] is False
    with TestClient(create_app(url, TOKEN)) as c:
        assert c.post(path, json=body).status_code == 401
        assert c.post(path, json=body, headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert (
            c.post(
                "/api/incidents/merge",
                json={"events": [keys["mosul"], keys["kabul"]], "reviewer": "x"},
            ).status_code
            == 401
        )
        assert (
            c.post(f"/api/events/{keys['mosul']}/not-event", json={"reviewer": "x"}).status_code
            == 401
        )
        assert c.post("/api/code", json={"text": "x", "save": True}).status_code == 401
    assert open_store(url).corrections() == []


def test_correction_is_applied_audited_and_survives_reingest(client, filled):
    url, keys = filled
    key = keys["mosul"]
    body = {
        "field": "killed",
        "value": {"min": 7, "max": 8},
        "reviewer": "ana",
        "note": "AP says 7-8",
    }
    response = client.post(f"/api/events/{key}/corrections", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    shown = response.json()
    assert shown["event"]["killed"] == {"min": 7, "max": 8} and shown["corrected"] == ["killed"]
    assert shown["machine"]["killed"] == {"min": 4, "max": 4}
    (entry,) = client.get(f"/api/events/{key}/corrections").json()
    assert (entry["field"], entry["before"], entry["after"], entry["reviewer"], entry["note"]) == (
        "killed", {"min": 4, "max": 4}, {"min": 7, "max": 8}, "ana", "AP says 7-8",
    )  # fmt: skip
    assert dt.datetime.fromisoformat(entry["at"]).year >= 2024
    # re-ingest the same article and re-cluster: the correction still applies
    store = open_store(url)
    store.save_result(_result("mosul"), article_hash(_result("mosul").article))
    store.save_clusters([])
    store.close()
    item = next(i for i in client.get("/api/events").json()["items"] if i["id"] == key)
    assert item["event"]["killed"] == {"min": 7, "max": 8}
    assert client.get("/api/corrections").json()[0]["event"] == key


def test_corrected_type_moves_the_event_between_filters(client):
    key = client.keys["kabul"]
    body = {"field": "type", "value": "battle", "reviewer": "ana"}
    assert client.post(f"/api/events/{key}/corrections", json=body, headers=AUTH).status_code == 201
    assert _ids(client.get("/api/events", params={"type": "battle"})) == ["mosul", "kabul"]
    assert _ids(client.get("/api/events", params={"type": "violence_against_civilians"})) == []
    assert client.get("/api/stats").json()["by_type"]["battle"] == 2


def test_bad_corrections_are_refused(client):
    path = f"/api/events/{client.keys['kabul']}/corrections"
    bad_field = client.post(path, json={"field": "id", "value": "x", "reviewer": "a"}, headers=AUTH)
    assert bad_field.status_code == 422 and "killed" in bad_field.json()["detail"]
    bad_type = client.post(
        path, json={"field": "type", "value": "picnic", "reviewer": "a"}, headers=AUTH
    )
    assert bad_type.status_code == 422
    bad_count = client.post(
        path, json={"field": "killed", "value": {"min": -1}, "reviewer": "a"}, headers=AUTH
    )
    assert bad_count.status_code == 422
    no_reviewer = client.post(path, json={"field": "type", "value": "battle"}, headers=AUTH)
    assert no_reviewer.status_code == 422
    unknown = client.post(
        "/api/events/nope/corrections",
        json={"field": "type", "value": "battle", "reviewer": "a"},
        headers=AUTH,
    )
    assert unknown.status_code == 404


def test_not_an_event(client):
    key = client.keys["kabul"]
    response = client.post(f"/api/events/{key}/not-event", json={"reviewer": "ana"}, headers=AUTH)
    assert response.status_code == 201 and response.json()["event"]["status"] == "not_event"
    assert "kabul" not in _ids(client.get("/api/events"))
    assert _ids(client.get("/api/events", params={"status": "not_event"})) == ["kabul"]


def test_merge_and_split_incidents(client):
    k = client.keys
    incident = client.get(f"/api/events/{k['erbil-1']}").json()["incident"]
    response = client.post(
        "/api/incidents/merge",
        json={"events": [k["erbil-1"], k["mosul"]], "reviewer": "ana"},
        headers=AUTH,
    )
    assert response.status_code == 201
    merged = response.json()
    assert sorted(s["article_id"] for s in merged["sources"]) == ["erbil-2", "mosul"]
    assert merged["incident"] != incident
    response = client.post(
        "/api/incidents/split", json={"events": [k["erbil-2"]], "reviewer": "ana"}, headers=AUTH
    )
    assert response.status_code == 201 and response.json()["sources"] == []
    items = {i["article_id"]: i["incident"] for i in client.get("/api/events").json()["items"]}
    assert items["erbil-1"] == items["mosul"] != items["erbil-2"]
    assert len(set(items.values())) == 3
    too_few = client.post(
        "/api/incidents/merge", json={"events": [k["mosul"]], "reviewer": "ana"}, headers=AUTH
    )
    assert too_few.status_code == 422


def test_code_box_codes_and_saves(client, monkeypatch):
    import eventwire.extract
    import fake_extract

    monkeypatch.setattr(eventwire.extract, "extract", fake_extract.extract)
    text = "A rocket hit Erbil, killing one. <script>alert(1)</script>"
    body = client.post("/api/code", json={"text": text, "published": "2021-02-16"}).json()
    assert body["saved"] == 0 and body["article"]["text"] == text
    (event,) = body["events"]
    assert (
        event["event"]["location"]["name"] == "Erbil" and event["highlights"][0]["field"] == "type"
    )
    assert client.get("/api/events", params={"q": "script"}).json()["total"] == 0
    saved = client.post(
        "/api/code", json={"text": text, "published": "2021-02-16", "save": True}, headers=AUTH
    )
    assert saved.status_code == 200 and saved.json()["saved"] == 1
    assert client.get("/api/events", params={"q": "rocket killing"}).json()["total"] == 1
    assert client.post("/api/code", json={"text": "   "}).status_code == 422


def test_safety_headers_body_limit_and_openapi(client):
    response = client.get("/api/config")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    big = client.post("/api/code", json={"text": "x" * (2 * 1024 * 1024 + 10)})
    assert big.status_code == 413 and "bytes" in big.json()["detail"]

    def chunks():  # no Content-Length: the limit is counted as the body streams in
        for _ in range(3):
            yield b"x" * (1024 * 1024)

    streamed = client.post(
        "/api/code", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert streamed.status_code == 413
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/events", "/api/events/{key}", "/api/stats", "/api/code",
                 "/api/events/{key}/corrections", "/api/incidents/merge", "/api/incidents/split"):  # fmt: skip
        assert path in paths
    assert client.get("/docs").status_code == 404  # Swagger UI would load scripts from a CDN


def test_exports_apply_corrections(client, filled):
    from eventwire.export import incidents

    url, k = filled
    fix = {"field": "killed", "value": {"min": 7, "max": 8}, "reviewer": "ana"}
    client.post(f"/api/events/{k['mosul']}/corrections", json=fix, headers=AUTH)
    client.post(f"/api/events/{k['kabul']}/not-event", json={"reviewer": "ana"}, headers=AUTH)
    store = open_store(url)
    try:
        before = {i.id: i.sources for i in incidents(store)}
        assert before == {"c-erbil": ("erbil-1", "erbil-2"), "c-mosul": ("mosul",)}
        (mosul,) = [i for i in incidents(store) if i.id == "c-mosul"]
        assert mosul.data["killed"] == {"min": 7, "max": 8}
        merge = {"events": [k["erbil-1"], k["mosul"]], "reviewer": "ana"}
        assert client.post("/api/incidents/merge", json=merge, headers=AUTH).status_code == 201
        (merged,) = incidents(store)
        assert merged.sources == ("erbil-1", "erbil-2", "mosul")
        assert merged.data["killed"] == {"min": 7, "max": 8}  # a reviewer's value wins
        raw = incidents(store, Filters(status=None), dedup=False)
        assert {i.data["status"] for i in raw} == {"reported", "background", "not_event"}
    finally:
        store.close()


def test_serve_binds_to_localhost_with_the_token(monkeypatch):
    import uvicorn
    from typer.testing import CliRunner

    from eventwire.cli import app

    seen = {}
    monkeypatch.setattr(
        uvicorn, "run", lambda app, host, port, **kw: seen.update(app=app, host=host, port=port)
    )
    monkeypatch.setenv("EVENTWIRE_TOKEN", "from-env")
    result = CliRunner().invoke(app, ["serve", "--db", "sqlite:///:memory:", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert (seen["host"], seen["port"]) == ("127.0.0.1", 8123)
    with TestClient(seen["app"]) as c:
        assert c.get("/api/config").json()["writable"] is True
        assert "<title>eventwire" in c.get("/").text


def test_highlights_label_each_span_once_in_text_order():
    from eventwire.web.app import highlights

    event = {
        "evidence": [
            {"field": "type", "span": [0, 6]},
            {"field": "actors.perpetrator", "span": [0, 6]},
            {"field": "actors.target", "span": [20, 30]},
            {"field": "killed", "span": [5, 2]},  # empty span: dropped
        ],
        "actors": [{"role": "perpetrator", "span": [0, 6]}, {"role": "victim", "span": None}],
        "location": {"span": [12, 17]},
        "casualties": [{"effect": "killed", "span": [40, 43]}],
    }
    assert [(m["field"], m["span"]) for m in highlights(event)] == [
        ("perpetrator", [0, 6]),
        ("type", [0, 6]),
        ("location", [12, 17]),
        ("actors.target", [20, 30]),
        ("killed", [40, 43]),
    ]


def test_going_back_to_an_earlier_value_sticks(client):
    path = f"/api/events/{client.keys['mosul']}/corrections"
    for value in ("battle", "riot", "battle"):
        body = {"field": "type", "value": value, "reviewer": "ana"}
        assert client.post(path, json=body, headers=AUTH).status_code == 201
    assert client.get(f"/api/events/{client.keys['mosul']}").json()["event"]["type"] == "battle"
    assert _ids(client.get("/api/events", params={"type": "riot"})) == []
