"""Code a corpus into a store: read, skip what is stored, code the rest, commit per article.

Articles already stored (same content hash) are skipped, so a re-run or a resumed run adds
nothing twice. A failed article is recorded with its reason and the batch goes on.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Optional

from . import errors
from .engine import Engine, LocalEngine
from .read import Failure, read_paths
from .records import Article
from .store import Store, StoredFailure, article_hash


@dataclass(frozen=True)
class Progress:
    """Where an ingest stands; the CLI draws its progress bar from this."""

    read: int = 0  # articles read from the inputs
    skipped: int = 0  # already stored (or repeated in the inputs)
    stored: int = 0  # coded and committed in this run
    events: int = 0  # events committed in this run
    failures: int = 0  # unreadable or uncodable articles
    seconds: float = 0.0

    @property
    def rate(self) -> float:
        """Articles coded per second."""
        return self.stored / self.seconds if self.seconds else 0.0


def ingest(
    paths: Iterable[str],
    store: Store,
    published: Optional[dt.date] = None,
    engine: Optional[Engine] = None,
    on_progress: Optional[Callable[[Progress], None]] = None,
) -> Progress:
    """Code every new article under ``paths`` into ``store``; returns the final counts."""
    return ingest_items(read_paths(paths, published), store, engine, on_progress)


def ingest_items(
    items: Iterable[Article | Failure],
    store: Store,
    engine: Optional[Engine] = None,
    on_progress: Optional[Callable[[Progress], None]] = None,
) -> Progress:
    """Code an iterable of articles (or read failures) into ``store``."""
    engine = engine or LocalEngine()
    started = time.monotonic()
    state = Progress()
    tally: dict[str, int] = {"read": 0, "skipped": 0, "failures": 0}

    def report(state: Progress) -> Progress:
        state = replace(
            state, read=tally["read"], skipped=tally["skipped"], failures=tally["failures"],
            seconds=time.monotonic() - started,
        )  # fmt: skip
        if on_progress:
            on_progress(state)
        return state

    def fresh() -> Iterator[Article]:
        seen: set[str] = set()
        for item in items:
            tally["read"] += 1
            if isinstance(item, Failure):
                store.save_failure(StoredFailure(item.id, None, "read", item.reason))
                tally["failures"] += 1
                continue
            content = article_hash(item)
            if content in seen or store.has_article(content):
                tally["skipped"] += 1
                continue
            seen.add(content)
            yield item

    for outcome in engine.run(fresh()):
        article = outcome.article
        content = article_hash(article)  # recomputed: workers return copies
        if outcome.fatal:
            raise errors.ModelMissingError(outcome.reason or "")
        if outcome.result is None:
            store.save_failure(StoredFailure(article.id, content, "extract", outcome.reason or ""))
            tally["failures"] += 1
        else:
            state = replace(state, stored=state.stored + 1)
            state = replace(state, events=state.events + store.save_result(outcome.result, content))
        state = report(state)
    return report(state)  # once more: failures and skips after the last stored article
