"""Store throughput: `python -m eventwire.store.bench` (run by `make bench`).

Times, for each store (SQLite always; PostgreSQL when ``--pg URL`` or EVENTWIRE_TEST_PG is
set), the three things an ingest does besides extraction: committing coded articles (one
transaction each), skipping stored ones on a re-run, and exporting de-duplicated incidents.
Inputs are synthetic coded articles, so the figures measure the store, not the pipeline;
``--extract N`` also times a real end-to-end ingest of N Wikipedia descriptions into SQLite.

Example: python -m eventwire.store.bench --articles 2000 --json store-bench.json
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import os
import random
import tempfile
import time
from typing import Any

from ..records import Actor, Article, Count, Event, EventDate, Evidence, Location, Plover, Result
from . import article_hash, open_store

TOWNS = [("Erbil", "IQ", 36.19, 44.01), ("Mosul", "IQ", 36.34, 43.13), ("Kabul", "AF", 34.53, 69.17),
         ("Aleppo", "SY", 36.20, 37.16), ("Mogadishu", "SO", 2.04, 45.34)]  # fmt: skip


def synthetic_results(n: int, seed: int = 7) -> list[Result]:
    """``n`` coded articles of about 2,000 characters, two events each (one reported, one background)."""
    rng = random.Random(seed)
    results = []
    for i in range(n):
        town, country, lat, lon = rng.choice(TOWNS)
        day = dt.date(2020, 1, 1) + dt.timedelta(days=rng.randrange(700))
        text = f"Report {i}. Rockets hit {town} on {day:%A}, killing {i % 7} people. " * 30
        article = Article(id=f"bench-{i}", text=text, published=day + dt.timedelta(days=1))
        events = tuple(
            Event(
                id=f"e{i}-{k}", status="reported" if k == 0 else "background",
                type="explosion_remote_violence", subtype="shelling_artillery_missile_attack",
                plover=Plover("ASSAULT", "heavy-weapons"),
                date=EventDate(day, day, "day", day.strftime("%A"), (30, 36)),
                location=Location(town, None, country, lat, lon, None, "city", town, (20, 25)),
                actors=(Actor("perpetrator", f"Group {i % 40}", "organization", span=(0, 5)),),
                killed=Count(i % 7, i % 7), injured=Count(None, None),
                evidence=(Evidence("type", text[:60], (0, 60), "bench"),), confidence=0.8,
            )  # fmt: skip
            for k in range(2)
        )
        results.append(Result(article, events))
    return results


def time_store(url: str, results: list[Result]) -> dict[str, Any]:
    """Articles/s committed, articles/s skipped on a re-run, incidents/s exported."""
    from ..export import incidents, write_export

    store = open_store(url)
    started = time.perf_counter()
    for result in results:
        store.save_result(result, article_hash(result.article))
    write_s = time.perf_counter() - started
    started = time.perf_counter()
    skipped = sum(store.has_article(article_hash(r.article)) for r in results)
    skip_s = time.perf_counter() - started
    started = time.perf_counter()
    items = incidents(store)
    write_export("jsonl", items, io.StringIO())
    export_s = time.perf_counter() - started
    counts = store.counts()
    store.close()
    return {
        "store": url.split(":", 1)[0],
        "articles": len(results),
        "commit_articles_per_s": round(len(results) / write_s, 1),
        "skip_articles_per_s": round(skipped / skip_s, 1),
        "export_incidents": len(items),
        "export_s": round(export_s, 2),
        "events": counts["events"],
    }


def time_real_ingest(n: int, folder: str) -> dict[str, Any]:
    """An end-to-end ingest (extraction included) of the first ``n`` Wikipedia descriptions."""
    from ..evaluate.corpus import benchmark_file, read_jsonl
    from ..ingest import ingest

    path = os.path.join(folder, "wiki.jsonl")
    with open(path, "w", encoding="utf-8") as out:
        for k, row in enumerate(read_jsonl(benchmark_file("wiki-incidents", "incidents_dev.jsonl"))):
            if k >= n:
                break
            out.write(json.dumps({"id": row["id"], "text": row["text"], "published": row["date"]}) + "\n")
    store = open_store(f"sqlite:///{folder}/real.db")
    done = ingest([path], store)
    store.close()
    return {"store": "sqlite (with extraction)", "articles": done.stored,
            "articles_per_s": round(done.rate, 2), "events": done.events, "failures": done.failures}  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m eventwire.store.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="synthetic coded articles per store")
    parser.add_argument("--pg", default=os.environ.get("EVENTWIRE_TEST_PG"), help="PostgreSQL URL")
    parser.add_argument("--extract", type=int, default=0, help="also ingest N real articles")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args(argv)
    results = synthetic_results(args.articles)
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        rows.append(time_store(f"sqlite:///{folder}/bench.db", results))
        if args.pg:
            rows.append(time_store(args.pg, results))
        if args.extract:
            rows.append(time_real_ingest(args.extract, folder))
    for row in rows:
        print("  ".join(f"{k}={v}" for k, v in row.items()))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(rows, out, indent=2)


if __name__ == "__main__":
    main()
