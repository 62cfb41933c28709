"""Exports of the store: incidents (de-duplicated events with their sources) in five formats.

``incidents(store, filters)`` selects and groups; ``write_export(format, incidents, out)``
writes one of ``FORMATS`` to a text or binary stream.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import IO, Any

from .. import errors
from ..store import Filters, Store, StoredEvent
from ..store.clusters import refresh_clusters

FORMATS = ("jsonl", "csv", "geojson", "parquet", "plover")
BINARY_FORMATS = frozenset({"parquet"})


@dataclass(frozen=True)
class Incident:
    """One incident: the (merged) event in the JSON contract and every report of it."""

    id: str
    data: dict[str, Any]
    sources: tuple[str, ...]  # article ids
    members: tuple[StoredEvent, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        """The outlets that reported it (the article id where the outlet is unknown)."""
        return tuple(sorted({m.source or m.article_id for m in self.members}))


def incidents(store: Store, filters: Filters = Filters(), dedup: bool = True) -> list[Incident]:
    """The incidents whose events pass ``filters``; with ``dedup=False``, one per raw event."""
    if store.corrections():  # reviewers' corrections apply to exports too (see web/review.py)
        from ..web.review import reviewed_incidents

        return reviewed_incidents(store, filters, dedup)
    events = list(store.events(filters))
    if not dedup:
        return [Incident(e.key, {**e.data, "id": e.key}, (e.article_id,), (e,)) for e in events]
    clusters = store.clusters()
    cluster_of = {key: c for c in clusters for key in c.members}
    if any(e.key not in cluster_of for e in events):  # new events since the last clustering
        clusters = refresh_clusters(store)
        cluster_of = {key: c for c in clusters for key in c.members}
    chosen: dict[str, list[StoredEvent]] = {}
    for e in events:
        chosen.setdefault(cluster_of[e.key].id, []).append(e)
    by_id = {c.id: c for c in clusters}
    return [
        Incident(cid, by_id[cid].data, by_id[cid].sources, tuple(members))
        for cid, members in chosen.items()
    ]


def write_export(format: str, items: Sequence[Incident], out: IO[Any]) -> None:
    """Write ``items`` to ``out`` (a binary stream for parquet, text for the others)."""
    if format == "jsonl":
        from .jsonl import write_jsonl as writer
    elif format == "csv":
        from .tabular import write_csv as writer
    elif format == "geojson":
        from .geojson import write_geojson as writer
    elif format == "parquet":
        from .parquet import write_parquet as writer
    elif format == "plover":
        from .plover import write_plover as writer
    else:
        raise errors.StoreError(errors.E106.format(format=format))
    writer(items, out)


__all__ = ["BINARY_FORMATS", "FORMATS", "Incident", "incidents", "write_export"]
