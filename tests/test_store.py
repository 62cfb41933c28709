"""The store interface, run against both backends (SQLite and PostgreSQL + PostGIS)."""

from __future__ import annotations

import datetime as dt

import pytest

from eventwire import errors
from eventwire.records import Article, Result
from eventwire.store import Cluster, Correction, Filters, StoredFailure, article_hash, open_store
from eventwire.store.migrations import MIGRATIONS
from fake_extract import extract

DAY = dt.date(2021, 2, 16)


def _article(id: str, text: str, published: dt.date = DAY, **meta: str) -> Article:
    return Article(id=id, text=text, published=published, **meta)


def _save(store, article: Article) -> Result:
    result = extract(article)
    store.save_result(result, article_hash(article))
    return result


def test_migrations_are_applied_once(store_url):
    first = open_store(store_url)
    assert first.migrate() == []  # opening already applied every migration
    names = [r[0] for r in first.execute("SELECT name FROM migrations ORDER BY applied_at, name")]
    assert sorted(names) == sorted(m.__name__ for m in MIGRATIONS)
    first.close()
    again = open_store(store_url)
    assert again.migrate() == []
    assert again.counts() == {"articles": 0, "events": 0, "failures": 0, "clusters": 0, "corrections": 0}
    again.close()


def test_event_round_trip_keeps_every_field(store):
    article = _article("wire-1", "Rockets hit Erbil, killing one. Guardians of Blood claimed it.", title="Erbil")
    result = _save(store, article)
    assert store.has_article(article_hash(article))
    (stored,) = list(store.events())
    assert stored.event == result.events[0]
    assert stored.article_id == "wire-1"
    assert stored.published == DAY
    assert stored.data["location"]["country"] == "IQ"
    assert (stored.title, stored.context) == ("Erbil", article.text)  # de-duplication reads both
    (pair,) = list(store.articles())
    assert pair == (article_hash(article), article)


def test_a_long_articles_events_carry_its_lead(store):
    """The lead de-duplication reads is the opening, cut at a sentence end, as evaluation cuts it."""
    text = "Rockets hit Erbil, killing one. " + "Officials said more. " * 200
    _save(store, _article("long", text))
    (stored,) = list(store.events())
    assert text.startswith(stored.context) and stored.context.endswith(".")
    assert 600 < len(stored.context) <= 1200


def test_writes_are_upserts(store):
    article = _article("wire-1", "Rockets hit Erbil, killing one.")
    _save(store, article)
    _save(store, article)
    store.save_failure(StoredFailure("bad", None, "read", "empty"))
    store.save_failure(StoredFailure("bad", None, "read", "empty"))
    assert store.counts() == {"articles": 1, "events": 1, "failures": 1, "clusters": 0, "corrections": 0}
    assert store.check() == []


def test_a_stored_article_clears_its_earlier_failure(store):
    article = _article("wire-1", "Rockets hit Erbil.")
    store.save_failure(StoredFailure("wire-1", article_hash(article), "extract", "model crashed"))
    _save(store, article)
    assert store.failures() == []


def test_same_text_under_two_dates_is_two_articles(store):
    _save(store, _article("a", "Rockets hit Erbil."))
    _save(store, _article("a", "Rockets hit Erbil.", dt.date(2021, 3, 1)))
    assert store.counts()["articles"] == 2
    assert store.counts()["events"] == 2


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (Filters(), ["erbil", "mosul", "nowhere"]),
        (Filters(country="iq"), ["erbil", "mosul"]),
        (Filters(start=dt.date(2021, 3, 1)), ["mosul", "nowhere"]),
        (Filters(start=dt.date(2021, 3, 1), end=dt.date(2021, 3, 30)), ["mosul"]),
        (Filters(end=dt.date(2021, 2, 28)), ["erbil"]),
        (Filters(bbox=(43.5, 36.0, 44.5, 36.5)), ["erbil"]),
        (Filters(actor="guardians"), ["erbil"]),
        (Filters(actor="awliyaa"), ["erbil"]),
        (Filters(type="battle"), []),
        (Filters(type="explosion_remote_violence", country="IQ"), ["erbil", "mosul"]),
        (Filters(status="background"), []),
    ],
)
def test_filters(store, filters, expected):
    _save(store, _article("erbil", "Rockets hit Erbil. Guardians of Blood claimed it."))
    _save(store, _article("mosul", "A car bomb in Mosul.", dt.date(2021, 3, 5)))
    _save(store, _article("nowhere", "Shelling somewhere.", dt.date(2021, 4, 1)))
    assert sorted(e.article_id for e in store.events(filters)) == expected


def test_full_text_search(store):
    _save(store, _article("erbil", "Rockets hit the airport in Erbil.", title="Airport attack"))
    _save(store, _article("mosul", "A car bomb exploded in Mosul."))
    assert store.search("rockets airport") == ["erbil"]
    assert store.search("bomb") == ["mosul"]
    assert store.search("Erbil") == ["erbil"]
    assert store.search("tanks") == []


def test_clusters_are_replaced_and_never_touch_events(store):
    _save(store, _article("a", "Rockets hit Erbil."))
    _save(store, _article("b", "Rockets struck Erbil."))
    keys = sorted(e.key for e in store.events())
    first = Cluster("c1", {"id": "c1", "type": "battle"}, tuple(keys), ("a", "b"))
    store.save_clusters([first])
    assert store.clusters() == [first]
    split = [Cluster("c2", {"id": "c2"}, (keys[0],), ("a",)), Cluster("c3", {"id": "c3"}, (keys[1],), ("b",))]
    store.save_clusters(split)
    assert store.clusters() == split
    assert store.counts()["events"] == 2
    assert all(e.data["type"] == "explosion_remote_violence" for e in store.events())


def test_unknown_url_says_what_to_use():
    with pytest.raises(errors.StoreError, match="sqlite:///"):
        open_store("mysql://localhost/events")


def test_unreachable_postgres_says_how_to_fix(tmp_path):
    with pytest.raises(errors.StoreError, match="Check the URL"):
        open_store(f"postgresql://nobody@/none?host={tmp_path}&connect_timeout=2")


@pytest.mark.parametrize("store_url", ["postgres"], indirect=True)
def test_postgres_events_carry_a_postgis_point(store):
    _save(store, _article("erbil", "Rockets hit Erbil."))
    row = store.execute("SELECT ST_X(geom), ST_Y(geom), ST_SRID(geom) FROM events").fetchone()
    assert row == (44.01, 36.19, 4326)


def test_corrections_live_beside_events(store):
    _save(store, _article("erbil", "Rockets hit Erbil, killing one."))
    (event,) = list(store.events())
    fix = Correction(event.key, "killed", {"min": 2, "max": 2}, "reviewer-1", "second death confirmed")
    store.save_correction(fix)
    store.save_correction(fix)
    assert store.corrections() == [fix]
    assert store.corrections(event.key) == [fix]
    assert store.corrections("other") == []
    (again,) = list(store.events())
    assert again.data["killed"] == {"min": 1, "max": 1}


def test_check_reports_stale_clusters(store):
    _save(store, _article("erbil", "Rockets hit Erbil."))
    (event,) = list(store.events())
    store.save_clusters([Cluster("c1", {"id": "c1"}, (event.key, "gone"), ("erbil",))])
    assert store.check() == ["1 cluster members without their event (re-run clustering)"]
