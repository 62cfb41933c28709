"""Reviewer corrections applied on read: field fixes, "not an event", merged and split incidents.

Corrections live in the store's corrections table, apart from machine output, keyed by the
event's store key (a content hash), so they survive re-ingest and re-clustering. They are
replayed oldest first over the machine record every time an event or incident is read.
"""

from __future__ import annotations

import copy
import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Optional

from .. import errors
from ..store import Cluster, Correction, Filters, Store, StoredEvent
from ..store.codec import event_from_dict

EDITABLE = (
    "type", "subtype", "status", "date", "location", "actors", "weapons", "killed", "injured",
    "casualties", "plover",
)  # fmt: skip
TYPES = (
    "battle", "explosion_remote_violence", "violence_against_civilians", "protest", "riot",
    "strategic_development",
)  # fmt: skip
STATUSES = ("reported", "background", "not_event")
NOT_EVENT = "not_event"  # the status a reviewer gives a record that reports no event
INCIDENT = "incident"  # the correction field that moves an event to another incident


@dataclass(frozen=True)
class ReviewedEvent:
    """A stored event as a reader sees it: corrections applied, with its incident."""

    stored: Report
    data: dict[str, Any]  # the event in the JSON contract, corrected
    corrected: tuple[str, ...]  # the fields a reviewer changed
    incident: str  # the incident id (corrected grouping)


def check_correction(field: str, value: Any) -> None:
    """Raise ValueError with a message that says how to fix a correction a reviewer sent."""
    if field not in EDITABLE:
        raise ValueError(errors.E204.format(field=field, fields=", ".join(EDITABLE)))
    if field == "type" and value not in TYPES:
        raise ValueError(errors.E207.format(field=field, reason=f"use one of {', '.join(TYPES)}"))
    if field == "status" and value not in STATUSES:
        raise ValueError(
            errors.E207.format(field=field, reason=f"use one of {', '.join(STATUSES)}")
        )
    if field in ("killed", "injured") and value is not None:
        ok = isinstance(value, dict) and all(
            isinstance(value.get(k), (int, type(None))) and (value.get(k) or 0) >= 0
            for k in ("min", "max")
        )
        if not ok:
            raise ValueError(
                errors.E207.format(field=field, reason='give {"min": n, "max": n} or null')
            )
    if field in ("date", "location", "plover") and not isinstance(value, (dict, type(None))):
        raise ValueError(errors.E207.format(field=field, reason="give an object or null"))
    if field in ("actors", "weapons", "casualties") and not isinstance(value, list):
        raise ValueError(errors.E207.format(field=field, reason="give a list"))


def apply_fields(
    data: dict[str, Any], corrections: Iterable[Correction]
) -> tuple[dict[str, Any], tuple[str, ...]]:
    """The event with its field corrections replayed oldest first, and the fields they changed."""
    out = copy.deepcopy(data)
    changed: list[str] = []
    for c in corrections:
        if c.field in EDITABLE:
            out[c.field] = copy.deepcopy(c.value)
            if c.field not in changed:
                changed.append(c.field)
    return out, tuple(changed)


def incident_labels(
    clusters: Sequence[Cluster], corrections: Sequence[Correction]
) -> dict[str, str]:
    """Event key → incident id: machine clusters, then merges and splits replayed in order."""
    label = {key: c.id for c in clusters for key in c.members}
    for c in corrections:
        if c.field != INCIDENT:
            continue
        join = c.value.get("join") if isinstance(c.value, dict) else None
        if join:
            label.setdefault(join, f"own:{join}")
        label[c.event_key] = label[join] if join else f"own:{c.event_key}"
    groups: dict[str, list[str]] = {}
    for key, group in label.items():
        groups.setdefault(group, []).append(key)
    machine = {c.id: set(c.members) for c in clusters}
    ids = {}
    for group, members in groups.items():
        # an unchanged machine cluster keeps its id; a reviewed group is named by its members
        same = machine.get(group) == set(members)
        ids.update({key: group if same else _group_id(members) for key in members})
    return ids


def incident_of(key: str, labels: dict[str, str]) -> str:
    """The incident id of an event (an event no clustering has seen is an incident alone)."""
    return labels.get(key) or _group_id([key])


def _group_id(keys: Sequence[str]) -> str:
    return hashlib.sha1("|".join(sorted(keys)).encode()).hexdigest()[:16]


def join_correction(
    key: str, join: Optional[str], reviewer: str, note: Optional[str]
) -> Correction:
    """A correction that moves event ``key`` into the incident of event ``join`` (None: alone)."""
    made = dt.datetime.now(dt.UTC).isoformat()  # keeps repeated moves apart
    return Correction(key, INCIDENT, {"join": join, "made": made}, reviewer, note)


def passes(data: dict[str, Any], f: Filters) -> bool:
    """True when a (corrected) event passes the filters, as the store's SQL would judge it."""
    date = data.get("date") or {}
    start, end = date.get("start"), date.get("end") or date.get("start")
    if f.start and (end is None or end < f.start.isoformat()):
        return False
    if f.end and (start is None or start > f.end.isoformat()):
        return False
    place = data.get("location") or {}
    if f.country and (place.get("country") or "").upper() != f.country.upper():
        return False
    if f.type and data.get("type") != f.type:
        return False
    if f.status and data.get("status") != f.status:
        return False
    if f.bbox:
        lat, lon = place.get("lat"), place.get("lon")
        min_lon, min_lat, max_lon, max_lat = f.bbox
        if (
            lat is None
            or lon is None
            or not (min_lon <= lon <= max_lon and min_lat <= lat <= max_lat)
        ):
            return False
    if f.actor:
        needle = f.actor.casefold()
        names = [
            n
            for a in data.get("actors") or ()
            for n in [a.get("name") or "", *(a.get("aliases") or ())]
        ]
        if not any(needle in n.casefold() for n in names):
            return False
    return True


@dataclass(frozen=True)
class Report:
    """One stored event as the pages need it: StoredEvent without the rebuilt Event record."""

    key: str
    article_id: str
    article_hash: str
    published: Optional[dt.date]
    data: dict[str, Any]
    source: Optional[str] = None
    title: Optional[str] = None


def reports(store: Store, filters: Filters = Filters()) -> list[Report]:
    """Stored events that pass ``filters`` (machine values), read without building records."""
    where = getattr(store, "_where", None)
    if where is None:  # a store that is not SQL: take its records
        return [
            Report(e.key, e.article_id, e.article_hash, e.published, e.data, e.source, e.title)
            for e in store.events(filters)
        ]
    clause, params = where(filters)  # the store's own filter SQL, so both judge alike
    rows = store.execute(  # type: ignore[attr-defined]
        f"""SELECT e.key, e.article_id, e.article_hash, a.published, e.data, a.source, a.title
            FROM events e JOIN articles a ON a.hash = e.article_hash
            {clause} ORDER BY e.date_start, e.key""",
        params,
    ).fetchall()
    decode = store.from_json  # type: ignore[attr-defined]
    out = []
    for key, article_id, content_hash, published, data, source, title in rows:
        if isinstance(published, str):
            published = dt.date.fromisoformat(published[:10])
        out.append(Report(key, article_id, content_hash, published, decode(data), source, title))
    return out


def reviewed_events(store: Store, filters: Filters = Filters()) -> list[ReviewedEvent]:
    """Events that pass ``filters`` once corrections are applied, in date order."""
    corrections = store.corrections()
    by_key: dict[str, list[Correction]] = {}
    for c in corrections:
        by_key.setdefault(c.event_key, []).append(c)
    labels = incident_labels(store.clusters(), corrections)
    fixed = {k for k, cs in by_key.items() if any(c.field in EDITABLE for c in cs)}
    # a correction can move an event into or out of the filters: then judge every event here
    chosen = reports(store, Filters(status=None) if fixed else filters)
    out = []
    for e in chosen:
        data, changed = apply_fields(e.data, by_key[e.key]) if e.key in by_key else (e.data, ())
        if passes(data, filters):
            out.append(ReviewedEvent(e, data, changed, incident_of(e.key, labels)))
    out.sort(key=lambda r: ((r.data.get("date") or {}).get("start") or "9999", r.stored.key))
    return out


def audit_log(
    store: Store, key: Optional[str] = None, known: Optional[Sequence[Report]] = None
) -> list[dict[str, Any]]:
    """Who changed what and when, with the value before and after each correction.

    ``known``: every stored event, when the caller has read them already."""
    corrections = store.corrections()
    times = _made_at(store)
    if not corrections:
        return []
    events = {e.key: e for e in (known or reports(store, Filters(status=None)))}
    current: dict[tuple[str, str], Any] = {}
    log = []
    for c, when in zip(corrections, times or [None] * len(corrections), strict=True):
        stored = events.get(c.event_key)
        slot = (c.event_key, c.field)
        if slot not in current:
            current[slot] = stored.data.get(c.field) if stored and c.field in EDITABLE else None
        before, after = current[slot], c.value
        current[slot] = after
        if key is None or c.event_key == key:
            log.append({
                "event": c.event_key, "field": c.field, "before": before, "after": after,
                "reviewer": c.reviewer, "note": c.note, "at": when,
            })  # fmt: skip
    return log


def _made_at(store: Store) -> Optional[list[str]]:
    """When each correction was made, in the order ``store.corrections()`` gives them."""
    execute = getattr(store, "execute", None)
    if execute is None:
        return None
    rows = execute("SELECT made_at FROM corrections ORDER BY made_at, id").fetchall()
    return [r[0].isoformat() if hasattr(r[0], "isoformat") else str(r[0]) for r in rows]


def reviewed_incidents(store: Store, filters: Filters = Filters(), dedup: bool = True) -> list[Any]:
    """The export's incidents with corrections applied: fixed fields, merges and splits."""
    from ..export import Incident
    from ..store.clusters import refresh_clusters

    rows = reviewed_events(store, filters)
    if not dedup:
        return [
            Incident(
                r.stored.key, {**r.data, "id": r.stored.key}, (r.stored.article_id,), (r.stored,)
            )
            for r in rows
        ]
    clusters = store.clusters()
    clustered = {key for c in clusters for key in c.members}
    if any(r.stored.key not in clustered for r in rows):  # new events since the last clustering
        clusters = refresh_clusters(store)
        rows = reviewed_events(store, filters)
    by_id = {c.id: c for c in clusters}
    every: dict[str, list[ReviewedEvent]] = {}
    for r in reviewed_events(store, Filters(status=None)):
        every.setdefault(r.incident, []).append(r)
    chosen: dict[str, list[ReviewedEvent]] = {}
    for r in rows:
        chosen.setdefault(r.incident, []).append(r)
    out = []
    for incident, members in chosen.items():
        group = every.get(incident, members)
        machine = by_id.get(incident)
        if machine:
            data = copy.deepcopy(machine.data)
        else:  # a reviewed group: the most confident report stands for it
            data = copy.deepcopy(max(group, key=lambda r: r.data.get("confidence") or 0).data)
        for r in group:
            for name in r.corrected:
                data[name] = copy.deepcopy(r.data[name])
        sources = (
            machine.sources if machine else tuple(sorted({r.stored.article_id for r in group}))
        )
        out.append(
            Incident(incident, {**data, "id": incident}, sources, tuple(r.stored for r in members))
        )
    return out


def _stored(r: ReviewedEvent) -> StoredEvent:
    """The export's member record, with the reviewer's corrections applied."""
    e = r.stored
    return StoredEvent(
        e.key, e.article_id, e.article_hash, e.published, event_from_dict(r.data), r.data,
        e.source, e.title,
    )  # fmt: skip
