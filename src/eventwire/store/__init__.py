"""Event stores: one small interface, two backends (SQLite by default, PostgreSQL + PostGIS).

``open_store(url)`` picks the backend from the URL: ``sqlite:///events.db`` (or a bare path)
or ``postgresql://user@host/db``. Ids are content hashes and every write is an upsert, so an
ingest can be re-run or resumed without adding anything twice.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Optional, Protocol

from .. import errors
from ..records import Article, Event, Result


@dataclass(frozen=True)
class StoredEvent:
    """One machine-coded event as stored: the contract record plus where it came from."""

    key: str  # store id: unique per (article content, event id)
    article_id: str
    article_hash: str
    published: Optional[dt.date]
    event: Event
    data: dict[str, Any]  # the event in the JSON contract, as stored
    source: Optional[str] = None  # the article's outlet, when the reader knew it
    title: Optional[str] = None  # the article's headline (dedup uses it as a text clue)
    context: Optional[str] = None  # the article's lead (``read.lead``): dedup reads its words


@dataclass(frozen=True)
class StoredFailure:
    """An article that could not be read or coded, and why."""

    article_id: str
    article_hash: Optional[str]
    stage: str  # "read" or "extract"
    reason: str


@dataclass(frozen=True)
class Cluster:
    """A derived incident: the merged record and the store keys of the events it joins."""

    id: str
    data: dict[str, Any]  # the incident in the JSON contract (event fields)
    members: tuple[str, ...]  # StoredEvent.key of every member
    sources: tuple[str, ...]  # article ids of every member


@dataclass(frozen=True)
class Correction:
    """A reviewer's change to one field of a machine-coded event, stored apart from the event."""

    event_key: str
    field: str  # a contract field name, e.g. "killed" or "location"
    value: Any  # the corrected value, in its JSON form
    reviewer: Optional[str] = None
    note: Optional[str] = None


@dataclass(frozen=True)
class Filters:
    """What `eventwire export` selects; None means no limit on that field."""

    start: Optional[dt.date] = None  # events ending on or after this day
    end: Optional[dt.date] = None  # events starting on or before this day
    country: Optional[str] = None  # ISO 3166-1 alpha-2
    type: Optional[str] = None
    status: Optional[str] = "reported"
    actor: Optional[str] = None  # case-insensitive substring of an actor's name or alias
    bbox: Optional[tuple[float, float, float, float]] = None  # min lon, min lat, max lon, max lat


def parse_bbox(text: Optional[str]) -> Optional[tuple[float, float, float, float]]:
    """"min_lon,min_lat,max_lon,max_lat" as four floats; raises ValueError (message E108) otherwise."""
    if not text:
        return None
    try:
        box = tuple(float(v) for v in text.split(","))
    except ValueError:
        box = ()
    if len(box) != 4:
        raise ValueError(errors.E108.format(value=text))
    return box  # type: ignore[return-value]


class Store(Protocol):
    """What every backend offers; implemented by SQLStore for SQLite and PostgreSQL."""

    url: str

    def has_article(self, content_hash: str) -> bool: ...
    def save_result(self, result: Result, content_hash: str) -> int: ...
    def save_failure(self, failure: StoredFailure) -> None: ...
    def events(self, filters: Filters = Filters()) -> Iterator[StoredEvent]: ...
    def articles(self) -> Iterator[tuple[str, Article]]: ...
    def failures(self) -> list[StoredFailure]: ...
    def search(self, query: str, limit: int = 20) -> list[str]: ...
    def save_clusters(self, clusters: Sequence[Cluster]) -> None: ...
    def save_correction(self, correction: Correction) -> None: ...
    def corrections(self, event_key: Optional[str] = None) -> list[Correction]: ...
    def clusters(self) -> list[Cluster]: ...
    def counts(self) -> dict[str, int]: ...
    def check(self) -> list[str]: ...
    def close(self) -> None: ...


def article_hash(article: Article) -> str:
    """The content hash of an article: its text and publication date (same report → same hash)."""
    published = article.published.isoformat() if article.published else ""
    payload = f"{published}\n{article.text}".encode()
    return hashlib.sha1(payload).hexdigest()


def open_store(url: str) -> Store:
    """Open (and migrate) the store at ``url``: ``sqlite:///path.db`` or ``postgresql://...``."""
    if url.startswith(("postgresql://", "postgres://")):
        from .postgres import open_postgres

        return open_postgres(url)
    if url.startswith("sqlite:///") or "://" not in url:
        from .sqlite import open_sqlite

        return open_sqlite(url.removeprefix("sqlite:///"))
    raise errors.StoreError(errors.E101.format(url=url))


__all__ = [
    "Cluster",
    "Correction",
    "Filters",
    "Store",
    "StoredEvent",
    "StoredFailure",
    "article_hash",
    "open_store",
]
