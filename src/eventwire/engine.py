"""Batch engines: articles in, coded results out. The pipeline never knows which engine runs it.

An engine is anything with ``run(articles) -> Iterator[Outcome]``. ``LocalEngine`` codes in
this process or in worker processes (spawn, the spaCy model loaded once per worker); a Dask
engine for clusters slots in beside it with the same method.

An extractor is named ``module:function`` and codes one article. When the module also has
``function_batch`` (a list of articles in, a list of results or exceptions out), the engine
hands it small batches instead: spaCy parses a batch faster than its articles one by one.
"""

from __future__ import annotations

import concurrent.futures as futures
import importlib
import itertools
import multiprocessing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Optional, Protocol

from . import errors
from .records import Article, Result

DEFAULT_EXTRACTOR = "eventwire.extract:extract"
BATCH = 16
"""Articles coded together: enough for spaCy's batching, few enough that a kill loses little."""

Extractor = Callable[[Article], Result]
BatchExtractor = Callable[[Sequence[Article]], Sequence["Result | Exception"]]


@dataclass(frozen=True)
class Outcome:
    """What coding one article gave: its result, or the reason it failed."""

    article: Article
    result: Optional[Result] = None
    reason: Optional[str] = None
    fatal: bool = False  # a missing model: every other article would fail the same way


class Engine(Protocol):
    def run(self, articles: Iterable[Article]) -> Iterator[Outcome]: ...


def load_extractor(name: str) -> Extractor:
    """The function named ``module:function`` (default: the eventwire pipeline)."""
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(module), function)


def load_batch_extractor(name: str) -> Optional[BatchExtractor]:
    """``function_batch`` beside the extractor ``module:function``, if its module has one."""
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(module), f"{function}_batch", None)


def _failed(article: Article, exc: Exception) -> Outcome:
    if isinstance(exc, errors.ModelMissingError):
        return Outcome(article, reason=str(exc), fatal=True)
    return Outcome(article, reason=f"could not be coded ({type(exc).__name__}: {exc})")


def code_article(extractor: Extractor, article: Article) -> Outcome:
    """Run the extractor on one article, turning any error into a failed Outcome."""
    try:
        return Outcome(article, result=extractor(article))
    except Exception as exc:  # one bad article never stops a batch
        return _failed(article, exc)


def code_batch(extractor: Extractor, batch: Optional[BatchExtractor], articles: Sequence[Article]) -> list[Outcome]:
    """Code several articles, together when a batch extractor exists, else one by one."""
    if batch is None or len(articles) < 2:
        return [code_article(extractor, a) for a in articles]
    try:
        results = list(batch(articles))
    except Exception:  # the batch as a whole broke: code its articles alone
        return [code_article(extractor, a) for a in articles]
    return [_failed(a, r) if isinstance(r, Exception) else Outcome(a, result=r)
            for a, r in zip(articles, results, strict=True)]


def chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """The articles in lists of ``size`` (the last may be shorter), read lazily."""
    it = iter(articles)
    while chunk := list(itertools.islice(it, size)):
        yield chunk


class LocalEngine:
    """Code articles here (``workers`` <= 1) or in ``workers`` spawned processes."""

    def __init__(self, workers: int = 1, extractor: str = DEFAULT_EXTRACTOR, batch: int = BATCH):
        self.workers = max(1, workers)
        self.extractor = extractor
        self.batch = max(1, batch)

    def run(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        if self.workers == 1:
            extract, many = load_extractor(self.extractor), load_batch_extractor(self.extractor)
            for chunk in chunks(articles, self.batch):
                yield from code_batch(extract, many, chunk)
            return
        yield from self._run_pool(articles)

    def _run_pool(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        # Only two batches per worker are in flight: a kill loses little, memory stays flat.
        window = self.workers * 2
        context = multiprocessing.get_context("spawn")
        with futures.ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_start_worker, initargs=(self.extractor,)
        ) as pool:
            pending: set[futures.Future[list[Outcome]]] = set()
            for chunk in chunks(articles, self.batch):
                pending.add(pool.submit(_code_in_worker, chunk))
                if len(pending) >= window:
                    done, pending = futures.wait(pending, return_when=futures.FIRST_COMPLETED)
                    for f in done:
                        yield from f.result()
            for f in futures.as_completed(pending):
                yield from f.result()


_worker_extract: Optional[Extractor] = None
_worker_batch: Optional[BatchExtractor] = None


def _start_worker(extractor: str) -> None:
    global _worker_extract, _worker_batch
    _worker_extract = load_extractor(extractor)
    _worker_batch = load_batch_extractor(extractor)
    if extractor == DEFAULT_EXTRACTOR:
        try:  # load spaCy now, once per worker, not inside the first article
            from .nlp import load

            load()
        except errors.ModelMissingError:
            pass  # reported per article by code_article


def _code_in_worker(articles: list[Article]) -> list[Outcome]:
    assert _worker_extract is not None
    return code_batch(_worker_extract, _worker_batch, articles)
