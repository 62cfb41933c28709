"""Derived incidents: stored events grouped by ``eventwire.dedup.cluster``, kept in the store.

Clusters never edit events: they are recomputed from all stored events and replace the
previous clustering in one transaction, so they can be re-run at any time.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from typing import Any

from ..records import to_dict
from . import Cluster, Filters, Store, StoredEvent


def cluster_events(events: Sequence[StoredEvent]) -> list[Cluster]:
    """Group events that report the same incident (one group per event without dedup)."""
    try:
        from ..dedup import cluster
    except ImportError:  # de-duplication not installed: every event is its own incident
        return [_cluster_of([e], e.data) for e in events]
    # dedup knows an article by its id; reader ids may repeat across files, content hashes not
    by_pair = {(e.article_hash, e.event.id): e for e in events}
    keyed = [dataclasses.replace(e, article_id=e.article_hash) for e in by_pair.values()]
    return [_from_incident(incident, by_pair) for incident in cluster(keyed)]


def refresh_clusters(store: Store) -> list[Cluster]:
    """Re-cluster every stored event and replace the stored clusters; returns them."""
    clusters = cluster_events(list(store.events(Filters(status=None))))
    store.save_clusters(clusters)
    return clusters


def _from_incident(incident: Any, by_pair: dict[tuple[str, str], StoredEvent]) -> Cluster:
    """Our Cluster from dedup's Incident: ``member_sources[i]`` is the article of ``members[i]``."""
    pairs = zip(incident.member_sources, incident.members, strict=True)
    members = [by_pair[pair] for pair in pairs]
    reader_id = {m.article_hash: m.article_id for m in members}
    data = to_dict(incident)
    for item in data.get("evidence") or ():
        if "article_id" in item:
            item["article_id"] = reader_id.get(item["article_id"], item["article_id"])
    for link in data.get("links") or ():  # "hash/event" → "article id/event", as in sources
        for side in ("a", "b"):
            h, _, event_id = str(link.get(side, "")).partition("/")
            link[side] = f"{reader_id.get(h, h)}/{event_id}"
    for name in ("sources", "members", "member_sources"):  # the Cluster keeps these, mapped
        data.pop(name, None)
    return _cluster_of(members, data)


def _cluster_of(members: Sequence[StoredEvent], data: dict[str, Any]) -> Cluster:
    keys = tuple(sorted(m.key for m in members))
    cluster_id = hashlib.sha1("|".join(keys).encode()).hexdigest()[:16]
    sources = tuple(sorted({m.article_id for m in members}))
    return Cluster(cluster_id, {**data, "id": cluster_id}, keys, sources)
