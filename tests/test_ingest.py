"""Ingest: skip what is stored, record failures and go on, survive SIGKILL, read WARC and feeds."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from eventwire.engine import LocalEngine, Outcome
from eventwire.ingest import Progress, ingest
from eventwire.records import Article
from eventwire.store import open_store

TESTS = Path(__file__).parent
FAKE = "fake_extract:extract"


def _jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def _corpus(tmp_path: Path, n: int) -> Path:
    towns = ["Erbil", "Mosul", "Basra"]
    return _jsonl(
        tmp_path / "corpus.jsonl",
        [
            {"id": f"doc-{i:03d}", "published": f"2021-02-{1 + i % 28:02d}",
             "text": f"Report {i}: rockets hit {towns[i % 3]}, killing one guard."}
            for i in range(n)
        ],  # fmt: skip
    )


def test_rerun_adds_nothing(store, tmp_path):
    corpus = _corpus(tmp_path, 12)
    first = ingest([str(corpus)], store, engine=LocalEngine(1, FAKE))
    assert (first.read, first.stored, first.events, first.skipped, first.failures) == (12, 12, 12, 0, 0)
    again = ingest([str(corpus)], store, engine=LocalEngine(1, FAKE))
    assert (again.read, again.stored, again.events, again.skipped, again.failures) == (12, 0, 0, 12, 0)
    assert store.counts()["articles"] == 12 and store.counts()["events"] == 12


def test_a_repeated_article_in_one_run_is_stored_once(store, tmp_path):
    record = {"id": "a", "published": "2021-02-16", "text": "Rockets hit Erbil."}
    corpus = _jsonl(tmp_path / "twice.jsonl", [record, {**record, "id": "a-copy"}])
    done = ingest([str(corpus)], store, engine=LocalEngine(1, FAKE))
    assert (done.stored, done.skipped) == (1, 1)


def test_failures_are_recorded_and_the_batch_goes_on(store, tmp_path):
    corpus = tmp_path / "mixed.jsonl"
    corpus.write_text(
        json.dumps({"id": "good-1", "text": "Rockets hit Erbil."}) + "\n"
        + "{not json\n"
        + json.dumps({"id": "poisoned", "text": "POISON in Mosul."}) + "\n"
        + json.dumps({"id": "empty", "text": "   "}) + "\n"
        + json.dumps({"id": "good-2", "text": "A bomb in Mosul."}) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    seen: list[Progress] = []
    done = ingest([str(corpus)], store, engine=LocalEngine(1, FAKE), on_progress=seen.append)
    assert (done.read, done.stored, done.failures) == (5, 2, 3)
    failures = {(f.article_id, f.stage) for f in store.failures()}
    assert failures == {("mixed:2", "read"), ("poisoned", "extract"), ("empty", "read")}
    reasons = {f.article_id: f.reason for f in store.failures()}
    assert "ValueError: poisoned test article" in reasons["poisoned"]
    assert "not valid JSON" in reasons["mixed:2"]
    assert seen[-1] == done
    ingest([str(corpus)], store, engine=LocalEngine(1, FAKE))  # a re-run retries, records once
    assert len(store.failures()) == 3


def test_worker_processes_give_the_same_store(tmp_path):
    corpus = _corpus(tmp_path, 8)
    stores = {}
    for workers in (1, 2):
        store = open_store(f"sqlite:///{tmp_path / f'w{workers}.db'}")
        done = ingest([str(corpus)], store, engine=LocalEngine(workers, FAKE))
        assert (done.stored, done.events) == (8, 8)
        stores[workers] = sorted((e.key, json.dumps(e.data, sort_keys=True)) for e in store.events())
        store.close()
    assert stores[1] == stores[2]


def test_a_missing_model_stops_the_batch(store):
    class MissingModel:
        def run(self, articles):
            for article in articles:
                yield Outcome(article, reason="model missing", fatal=True)

    from eventwire import errors
    from eventwire.ingest import ingest_items

    with pytest.raises(errors.ModelMissingError):
        ingest_items([Article("a", "Rockets hit Erbil.")], store, MissingModel())
    assert store.counts()["articles"] == 0


def test_feeds_and_web_archives_are_read(store, tmp_path):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "wire.rss").write_text(
        """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
        <item><title>Rockets hit Erbil</title><link>https://example.org/a</link>
        <guid>https://example.org/a</guid><pubDate>Tue, 16 Feb 2021 08:00:00 GMT</pubDate>
        <description>&lt;p&gt;Rockets struck &lt;b&gt;Erbil&lt;/b&gt;, killing one.&lt;/p&gt;</description>
        </item></channel></rss>""",
        encoding="utf-8",
    )
    page = (
        b"<html><head><title>Mosul blast</title></head><body><article><h1>Mosul blast</h1><p>"
        + b"A car bomb exploded at a market in Mosul on Sunday, killing a guard, police said. " * 3
        + b"</p></article></body></html>"
    )
    with open(tmp_path / "in" / "crawl.warc.gz", "wb") as out:
        writer = WARCWriter(out, gzip=True)
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.0")
        writer.write_record(
            writer.create_warc_record("https://example.org/mosul", "response", payload=io.BytesIO(page), http_headers=http)
        )
    done = ingest([str(tmp_path / "in")], store, engine=LocalEngine(1, FAKE))
    assert (done.stored, done.failures) == (2, 0)
    articles = {a.id: a for _, a in store.articles()}
    feed_item = articles["https://example.org/a"]
    assert feed_item.text == "Rockets struck Erbil, killing one."
    assert (feed_item.title, feed_item.source, str(feed_item.published)) == ("Rockets hit Erbil", "Wire", "2021-02-16")
    archived = articles["https://example.org/mosul"]
    assert "A car bomb exploded at a market in Mosul" in archived.text
    assert archived.url == "https://example.org/mosul"


INGEST_SCRIPT = """
import sys
sys.path.insert(0, {tests!r})
from eventwire.engine import LocalEngine
from eventwire.ingest import ingest
from eventwire.store import open_store
store = open_store({url!r})
ingest([{corpus!r}], store, engine=LocalEngine({workers}, "fake_extract:extract"))
store.close()
"""


def _run_ingest(url: str, corpus: Path, workers: int, delay: float) -> subprocess.Popen:
    code = INGEST_SCRIPT.format(tests=str(TESTS), url=url, corpus=str(corpus), workers=workers)
    env = {**os.environ, "EVENTWIRE_FAKE_DELAY": str(delay)}
    return subprocess.Popen([sys.executable, "-c", code], env=env, start_new_session=True)


@pytest.mark.slow
@pytest.mark.parametrize("workers", [1, 2])
def test_sigkill_mid_run_then_resume_stores_every_article_once(store_url, tmp_path, workers):
    corpus = _corpus(tmp_path, 60)
    watcher = open_store(store_url)
    process = _run_ingest(store_url, corpus, workers, delay=0.05)
    try:
        deadline = time.monotonic() + 120
        while watcher.counts()["articles"] < 10:
            assert process.poll() is None, "the ingest ended before it could be killed"
            assert time.monotonic() < deadline, "the ingest stored nothing in two minutes"
            time.sleep(0.05)
    finally:
        os.killpg(process.pid, signal.SIGKILL)  # the ingest and its worker processes
        process.wait()
    killed_at = watcher.counts()["articles"]
    assert 10 <= killed_at < 60
    resumed = _run_ingest(store_url, corpus, workers, delay=0.0)
    assert resumed.wait(timeout=300) == 0
    ids = [a.id for _, a in watcher.articles()]
    assert sorted(ids) == [f"doc-{i:03d}" for i in range(60)]
    events = list(watcher.events())
    assert sorted(e.article_id for e in events) == sorted(ids)
    assert watcher.check() == []
    watcher.close()
