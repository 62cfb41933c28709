"""Where the benchmark data lives, how it is read, and how its articles are coded.

The data sits in ``shared/benchmarks/`` beside the repository (``../shared`` from its root,
as the Makefile's ``SHARED``); ``EVENTWIRE_BENCHMARKS`` points elsewhere.
"""

from __future__ import annotations

import dataclasses
import json
import os
import random
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .. import errors
from ..records import Article, Result
from .report import Report

_REPO = Path(__file__).resolve().parents[3]


def benchmark_dir() -> Path:
    """The folder holding every benchmark (muc4/, wiki-incidents/, ...)."""
    override = os.environ.get("EVENTWIRE_BENCHMARKS")
    if override:
        return Path(override)
    for root in (Path.cwd(), _REPO):
        candidate = root.parent / "shared" / "benchmarks"
        if candidate.is_dir():
            return candidate
    return _REPO.parent / "shared" / "benchmarks"


def shared_file(*parts: str) -> Path:
    """A file under the shared folder, or a BenchmarkError that says how to point at it."""
    path = benchmark_dir().parent.joinpath(*parts)
    if not path.is_file():
        raise errors.BenchmarkError(errors.E301.format(path=path))
    return path


def benchmark_file(*parts: str) -> Path:
    """A file under ``shared/benchmarks``, checked to exist."""
    return shared_file("benchmarks", *parts)


def read_jsonl(path: Path) -> Iterator[dict]:
    """The JSON objects of a one-object-per-line file."""
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield json.loads(line)
            except json.JSONDecodeError as exc:
                raise errors.BenchmarkError(
                    errors.E005.format(line=number, path=path, reason=exc.msg)
                ) from None


@dataclass(frozen=True)
class Coded:
    """The pipeline's results for a benchmark's articles, in input order, and what failed."""

    results: tuple[Result, ...]
    failed: tuple[str, ...]
    seconds: float


def code_articles(articles: Sequence[Article]) -> Coded:
    """Run the eventwire pipeline on the articles, in batches as ``eventwire ingest`` does; one
    failure never stops the run."""
    try:
        from ..engine import BATCH, chunks
        from ..extract import extract_batch
    except ImportError as exc:  # pragma: no cover - depends on the pipeline being installed
        raise errors.BenchmarkError(errors.E302.format(reason=exc)) from None
    started = time.perf_counter()
    results: list[Result] = []
    failed: list[str] = []
    for chunk in chunks(articles, BATCH):
        for article, result in zip(chunk, extract_batch(chunk), strict=True):
            if isinstance(result, (errors.ModelMissingError, errors.PipelineError)):
                raise result
            if isinstance(result, ImportError):
                raise errors.BenchmarkError(errors.E302.format(reason=result)) from None
            if isinstance(result, Exception):  # a crash on one article counts as no events for it
                failed.append(article.id)
                result = Result(article=article)
            results.append(result)
    return Coded(tuple(results), tuple(failed), time.perf_counter() - started)


def with_timing(report: Report, coded: Coded) -> Report:
    """The report with a ``run`` entry: seconds spent coding, articles that failed."""
    run = {"seconds": round(coded.seconds, 1), "failed": len(coded.failed)}
    return dataclasses.replace(report, scores={**report.scores, "run": run})


def sample(items: Sequence, limit: int, seed: int = 4) -> list:
    """A fixed random sample of ``limit`` items (the same every run), kept in input order."""
    if limit >= len(items):
        return list(items)
    keep = set(random.Random(seed).sample(range(len(items)), limit))
    return [item for i, item in enumerate(items) if i in keep]
