"""Throughput and memory: `make bench` (``python -m eventwire.bench``).

Extraction is timed over a fixed sample (300 Wikipedia incident descriptions and 50 GVC
articles) against the bare spaCy small pipeline (``nlp.pipe``) on the same texts in the same
run; each stage's share of the time is measured too. Memory: the peak, and the resident size
after N and after 2N articles (``--articles`` cycles the sample) to show it stays flat.
De-duplication is timed on synthetic events (a million by default). Prints a table; ``--json``
also writes the figures.

Example: python -m eventwire.bench --articles 1000 --dedup-events 200000 --json bench.json
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import io
import itertools
import json
import os
import pstats
import random
import resource
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from .records import Actor, Article, Count, Event, EventDate, Evidence, Location, Plover

WIKI_SAMPLE = 300
GVC_SAMPLE = 50


def sample_articles(wiki: int = WIKI_SAMPLE, gvc: int = GVC_SAMPLE) -> list[Article]:
    """The fixed benchmark sample: the first ``wiki`` incident descriptions and ``gvc`` GVC articles."""
    from .evaluate.corpus import benchmark_file, read_jsonl

    out: list[Article] = []
    for row in read_jsonl(benchmark_file("wiki-incidents", "incidents_dev.jsonl")):
        if len(out) >= wiki:
            break
        day = dt.date.fromisoformat(row["date"]) if row.get("date") else None
        out.append(Article(id=row["id"], text=row["text"], published=day))
    for n, row in enumerate(read_jsonl(benchmark_file("gvc", "articles.jsonl"))):
        if n >= gvc:
            break
        out.append(Article(id=row["id"], text=row["text"], title=row.get("title"),
                           published=dt.date.fromisoformat(row["published"])))
    return out


def rss_mb() -> float:
    """Resident memory of this process now, in MiB (Linux /proc; the peak elsewhere)."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return peak_mb()


def peak_mb() -> float:
    """Peak resident memory of this process, in MiB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 1024 if sys.platform != "darwin" else peak / 2**20


def bare_spacy(texts: Sequence[str]) -> float:
    """Seconds the bare small pipeline takes over the texts (``nlp.pipe``)."""
    from .nlp import load

    nlp = load()
    list(nlp.pipe(texts[:5]))  # warm up
    started = time.perf_counter()
    for _ in nlp.pipe(texts):
        pass
    return time.perf_counter() - started


def extract_run(articles: Sequence[Article], total: int) -> dict[str, Any]:
    """Code ``total`` articles cycling the sample in the engine's batches; time the first pass
    stage by stage."""
    from .engine import BATCH, chunks
    from .extract import default_pipeline

    pipeline = default_pipeline()
    pipeline(articles[0])  # load every model before timing
    stage_seconds: dict[str, float] = {}
    first_pass = 0.0
    events = failed = done = 0
    rss: dict[int, float] = {}
    half = max(total // 2, 1)
    rest = (articles[n % len(articles)] for n in range(len(articles), total))
    for chunk in itertools.chain(chunks(articles, BATCH), chunks(rest, BATCH)):
        timing = done < len(articles)  # the first pass, whose chunks end with the sample
        started = time.perf_counter()
        codings = pipeline.many(chunk, stage_seconds if timing else None)
        if timing:
            first_pass += time.perf_counter() - started
        failed += sum(isinstance(c, Exception) for c in codings)
        events += sum(len(c.events) for c in codings if not isinstance(c, Exception))
        for n in range(done + 1, done + len(chunk) + 1):
            if n in (half, total):
                rss[n] = rss_mb()
        done += len(chunk)
    return {"seconds": first_pass, "stages": stage_seconds, "events": events,
            "failed": failed, "rss": rss}


def profile_top(articles: Sequence[Article], top: int = 15) -> str:
    """cProfile of coding the sample: the functions with the most cumulative time."""
    from .extract import extract

    profiler = cProfile.Profile()
    profiler.enable()
    for article in articles:
        try:
            extract(article)
        except Exception:
            pass
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(top)
    return out.getvalue()


# --- synthetic events for de-duplication --------------------------------------------------

_TYPES = [("violence_against_civilians", "attack"), ("explosion_remote_violence", "remote_explosive_landmine_ied"),
          ("explosion_remote_violence", "air_drone_strike"), ("battle", "armed_clash"),
          ("riot", "mob_violence"), ("protest", "peaceful_protest")]


def synthetic_events(n: int, seed: int = 5) -> tuple[list[Any], list[int]]:
    """``n`` stored events reporting about ``n / 1.8`` incidents in 60 countries over six years,
    each incident told 1-4 times with jittered dates, places, counts and precisions; returns the
    events and each one's true incident number."""
    from .dedup import StoredEvent

    rng = random.Random(seed)
    countries = [(f"C{c:02d}", rng.uniform(-40, 55), rng.uniform(-100, 120)) for c in range(60)]
    towns = [[(f"T{c}-{t}", lat + rng.uniform(-4, 4), lon + rng.uniform(-4, 4), 10_000 * c + t)
              for t in range(80)] for c, (_, lat, lon) in enumerate(countries)]
    groups = [f"Front {g}" for g in range(300)]
    first_day = dt.date(2015, 1, 1).toordinal()
    items: list[Any] = []
    truth: list[int] = []
    incident = 0
    plover = Plover("ASSAULT", "firearms")
    while len(items) < n:
        c = rng.randrange(60)
        code = countries[c][0]
        name, lat, lon, gid = towns[c][rng.randrange(80)]
        day = first_day + rng.randrange(6 * 365)
        etype, subtype = rng.choice(_TYPES)
        killed = rng.choice([0, 1, 1, 2, 3, 5, 8, 12, 20])
        group = rng.choice(groups)
        for r in range(min(rng.choice([1, 1, 1, 2, 2, 3, 4]), n - len(items))):
            jitter = rng.choice([0, 0, 0, 1])
            precision = rng.choice(["day"] * 8 + ["week", "month"])
            start = dt.date.fromordinal(day + jitter)
            if precision == "week":
                start = dt.date.fromordinal(day - rng.randrange(3))
            elif precision == "month":
                start = start.replace(day=1)
            place_precision = rng.choice(["city"] * 6 + ["near_city", "admin1"])
            dlat = rng.uniform(-0.1, 0.1) if place_precision == "near_city" else 0.0
            toll = killed + (rng.choice([0, 0, 1]) if killed else 0)
            words = f"{subtype} in {name} {group} killed {toll} {rng.choice(['market', 'road', 'village', 'checkpoint'])}"
            event = Event(
                id=f"e{len(items)}", status="reported", type=etype, subtype=subtype,  # type: ignore[arg-type]
                plover=plover, date=EventDate(start, None, precision),  # type: ignore[arg-type]
                location=Location(name, f"A{c}-{gid % 7}", code, lat + dlat, lon, gid, place_precision),  # type: ignore[arg-type]
                actors=(Actor("perpetrator", group, "organization", attribution="reported"),) if r % 2 else (),
                killed=Count(toll, toll), evidence=(Evidence("event", words, (0, len(words))),),
            )
            items.append(StoredEvent(f"a{incident}-{r}", dt.date.fromordinal(day + 1 + rng.randrange(3)), event))
            truth.append(incident)
        incident += 1
    return items, truth


def dedup_run(n: int) -> dict[str, Any]:
    """Cluster ``n`` synthetic events: events per minute (wall clock, and per CPU minute for a
    shared machine), and pair precision/recall against the true incidents."""
    from .dedup import cluster

    t0 = time.perf_counter()
    items, truth = synthetic_events(n)
    made = time.perf_counter() - t0
    started, cpu = time.perf_counter(), time.process_time()
    incidents = cluster(items)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    where = {(a, e): k for k, inc in enumerate(incidents) for a, e in zip(inc.member_sources, inc.members, strict=True)}
    predicted = [where[(s.article_id, s.event.id)] for s in items]
    cells: Counter[tuple[int, int]] = Counter(zip(predicted, truth, strict=True))
    pairs = lambda counts: sum(v * (v - 1) // 2 for v in counts)  # noqa: E731
    both = pairs(cells.values())
    ours = pairs(Counter(predicted).values())
    gold = pairs(Counter(truth).values())
    sizes: defaultdict[int, int] = defaultdict(int)
    for inc in incidents:
        sizes[len(inc.members)] += 1
    return {"events": n, "seconds": round(seconds, 1), "events_per_minute": round(60 * n / seconds),
            "cpu_seconds": round(cpu, 1), "events_per_cpu_minute": round(60 * n / max(cpu, 1e-9)),
            "generate_seconds": round(made, 1), "incidents": len(incidents),
            "true_incidents": len(set(truth)),
            "pair_precision": round(100 * both / ours, 1) if ours else 0.0,
            "pair_recall": round(100 * both / gold, 1) if gold else 0.0}


def main(argv: Sequence[str] | None = None) -> dict[str, Any]:
    parser = argparse.ArgumentParser(prog="python -m eventwire.bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2 * (WIKI_SAMPLE + GVC_SAMPLE),
                        help="articles to code for the memory check, cycling the sample (2N; RSS is read at N and 2N)")
    parser.add_argument("--dedup-events", type=int, default=1_000_000, help="synthetic events to cluster (0 skips)")
    parser.add_argument("--skip-extract", action="store_true", help="time de-duplication only")
    parser.add_argument("--profile", action="store_true", help="also print cProfile's top functions")
    parser.add_argument("--json", metavar="PATH", help="write the figures as JSON to PATH")
    args = parser.parse_args(argv)
    figures: dict[str, Any] = {"python": sys.version.split()[0]}
    if not args.skip_extract:
        articles = sample_articles()
        texts = [a.text for a in articles]
        bare = bare_spacy(texts)
        run = extract_run(articles, max(args.articles, len(articles)))
        figures["extract"] = {
            "articles": len(articles), "characters": sum(map(len, texts)),
            "bare_spacy_docs_per_s": round(len(texts) / bare, 1),
            "extract_docs_per_s": round(len(texts) / run["seconds"], 1),
            "ratio_to_bare_spacy": round(bare / run["seconds"], 3),
            "events": run["events"], "failed": run["failed"],
            "stages_seconds": {k: round(v, 2) for k, v in sorted(run["stages"].items(), key=lambda kv: -kv[1])},
            "rss_mb_after": {str(k): round(v, 1) for k, v in run["rss"].items()},
        }
        if args.profile:
            figures["profile"] = profile_top(articles[:80])
    if args.dedup_events:
        figures["dedup"] = dedup_run(args.dedup_events)
    figures["peak_rss_mb"] = round(peak_mb(), 1)
    print(table(figures))
    if args.json:
        with open(args.json, "w", encoding="utf-8") as out:
            json.dump(figures, out, indent=2)
    return figures


def table(figures: dict[str, Any]) -> str:
    """The figures as a plain two-column table."""
    rows: list[tuple[str, str]] = []
    for section in ("extract", "dedup"):
        for key, value in figures.get(section, {}).items():
            if isinstance(value, dict):
                value = ", ".join(f"{k}: {v}" for k, v in value.items())
            rows.append((f"{section}.{key}", str(value)))
    rows.append(("peak_rss_mb", str(figures["peak_rss_mb"])))
    width = max(len(k) for k, _ in rows)
    text = "\n".join(f"{k.ljust(width)}  {v}" for k, v in rows)
    return text + ("\n\n" + figures["profile"] if "profile" in figures else "")


if __name__ == "__main__":
    main()
