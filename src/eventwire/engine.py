"""Batch engines: articles in, coded results out. The pipeline never knows which engine runs it.

An engine is anything with ``run(articles) -> Iterator[Outcome]``. ``LocalEngine`` codes in
this process or in worker processes (spawn, the spaCy model loaded once per worker); a Dask
engine for clusters slots in beside it with the same method.
"""

from __future__ import annotations

import concurrent.futures as futures
import importlib
import multiprocessing
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Optional, Protocol

from . import errors
from .records import Article, Result

DEFAULT_EXTRACTOR = "eventwire.extract:extract"


@dataclass(frozen=True)
class Outcome:
    """What coding one article gave: its result, or the reason it failed."""

    article: Article
    result: Optional[Result] = None
    reason: Optional[str] = None
    fatal: bool = False  # a missing model: every other article would fail the same way


class Engine(Protocol):
    def run(self, articles: Iterable[Article]) -> Iterator[Outcome]: ...


def load_extractor(name: str) -> Callable[[Article], Result]:
    """The function named ``module:function`` (default: the eventwire pipeline)."""
    module, _, function = name.partition(":")
    return getattr(importlib.import_module(module), function)


def code_article(extractor: Callable[[Article], Result], article: Article) -> Outcome:
    """Run the extractor on one article, turning any error into a failed Outcome."""
    try:
        return Outcome(article, result=extractor(article))
    except errors.ModelMissingError as exc:
        return Outcome(article, reason=str(exc), fatal=True)
    except Exception as exc:  # one bad article never stops a batch
        return Outcome(article, reason=f"could not be coded ({type(exc).__name__}: {exc})")


class LocalEngine:
    """Code articles here (``workers`` <= 1) or in ``workers`` spawned processes."""

    def __init__(self, workers: int = 1, extractor: str = DEFAULT_EXTRACTOR):
        self.workers = max(1, workers)
        self.extractor = extractor

    def run(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        if self.workers == 1:
            extract = load_extractor(self.extractor)
            for article in articles:
                yield code_article(extract, article)
            return
        yield from self._run_pool(articles)

    def _run_pool(self, articles: Iterable[Article]) -> Iterator[Outcome]:
        # Only a few articles per worker are in flight: a kill loses little, memory stays flat.
        window = self.workers * 4
        context = multiprocessing.get_context("spawn")
        with futures.ProcessPoolExecutor(
            self.workers, mp_context=context, initializer=_start_worker, initargs=(self.extractor,)
        ) as pool:
            pending: set[futures.Future[Outcome]] = set()
            for article in articles:
                pending.add(pool.submit(_code_in_worker, article))
                if len(pending) >= window:
                    done, pending = futures.wait(pending, return_when=futures.FIRST_COMPLETED)
                    yield from (f.result() for f in done)
            for f in futures.as_completed(pending):
                yield f.result()


_worker_extract: Optional[Callable[[Article], Result]] = None


def _start_worker(extractor: str) -> None:
    global _worker_extract
    _worker_extract = load_extractor(extractor)
    if extractor == DEFAULT_EXTRACTOR:
        try:  # load spaCy now, once per worker, not inside the first article
            from .nlp import load

            load()
        except errors.ModelMissingError:
            pass  # reported per article by code_article


def _code_in_worker(article: Article) -> Outcome:
    assert _worker_extract is not None
    return code_article(_worker_extract, article)
