"""The store over SQL, shared by the SQLite and PostgreSQL backends.

Statements are written once with ``?`` placeholders; a backend says how to run them, how to
open a transaction, and how it stores JSON and dates. Every article's results are written in
one transaction, so a killed ingest never leaves half an article behind.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
from collections.abc import Iterator, Sequence
from typing import Any, Optional

from ..read.lead import LEAD_CHARS, lead_text
from ..records import Article, Event, Result, to_dict
from . import Cluster, Correction, Filters, StoredEvent, StoredFailure
from .codec import event_from_dict
from .migrations import pending

EVENT_COLUMNS = (
    "key", "event_id", "article_hash", "article_id", "status", "type", "subtype",
    "date_start", "date_end", "date_precision", "country", "admin1", "place", "lat", "lon",
    "killed_min", "killed_max", "injured_min", "injured_max", "confidence", "data",
)  # fmt: skip


def event_key(content_hash: str, event: Event) -> str:
    """The store id of an event: the article's content hash joined with the event's own id."""
    return hashlib.sha1(f"{content_hash}:{event.id}".encode()).hexdigest()[:20]


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class SQLStore:
    """Store operations in portable SQL; subclasses supply the connection and its dialect."""

    dialect = "sql"
    url = ""

    # --- what a backend provides --------------------------------------------------------

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        raise NotImplementedError

    def transaction(self) -> contextlib.AbstractContextManager[None]:
        raise NotImplementedError

    def to_json(self, value: Any) -> Any:
        return json.dumps(value, ensure_ascii=False, sort_keys=True)

    def from_json(self, value: Any) -> Any:
        return json.loads(value) if isinstance(value, (str, bytes)) else value

    def to_date(self, value: Optional[dt.date]) -> Any:
        return value.isoformat() if value else None

    def to_time(self, value: dt.datetime) -> Any:
        return value.isoformat()

    def close(self) -> None:
        raise NotImplementedError

    # --- schema --------------------------------------------------------------------------

    def migrate(self) -> list[str]:
        """Apply the migrations this store lacks; returns their names."""
        with self.transaction():
            self.lock_schema()
            self.execute(
                "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
            applied = {row[0] for row in self.execute("SELECT name FROM migrations").fetchall()}
            done = []
            for migration in pending(applied):
                migration(self.execute, self.dialect)
                self.execute(
                    "INSERT INTO migrations (name, applied_at) VALUES (?, ?)",
                    (migration.__name__, _now().isoformat()),
                )
                done.append(migration.__name__)
        return done

    def lock_schema(self) -> None:
        """Keep two processes from migrating at once (the transaction itself does, in SQLite)."""

    # --- writes --------------------------------------------------------------------------

    def has_article(self, content_hash: str) -> bool:
        """True when an article with this content hash is stored."""
        row = self.execute("SELECT 1 FROM articles WHERE hash = ?", (content_hash,)).fetchone()
        return row is not None

    def save_result(self, result: Result, content_hash: str) -> int:
        """Store one article and its events in one transaction; returns the number of events."""
        a = result.article
        with self.transaction():
            self.execute(
                """INSERT INTO articles (hash, id, text, title, published, source, url, language,
                       ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (hash) DO NOTHING""",
                (content_hash, a.id, a.text, a.title, self.to_date(a.published), a.source,
                 a.url, a.language, self.to_time(_now())),
            )  # fmt: skip
            self.execute("DELETE FROM events WHERE article_hash = ?", (content_hash,))
            for event in result.events:
                self._upsert_event(event, content_hash, a.id)
            self.execute("DELETE FROM failures WHERE article_hash = ?", (content_hash,))
        return len(result.events)

    def _upsert_event(self, event: Event, content_hash: str, article_id: str) -> None:
        data = to_dict(event)
        date, place = event.date, event.location
        killed, injured = event.killed, event.injured
        values = (
            event_key(content_hash, event), event.id, content_hash, article_id, event.status,
            event.type, event.subtype,
            self.to_date(date.start if date else None), self.to_date(date.end if date else None),
            date.precision if date else None,
            place.country if place else None, place.admin1 if place else None,
            place.name if place else None, place.lat if place else None,
            place.lon if place else None,
            killed.min if killed else None, killed.max if killed else None,
            injured.min if injured else None, injured.max if injured else None,
            event.confidence, self.to_json(data),
        )  # fmt: skip
        marks = ", ".join("?" for _ in EVENT_COLUMNS)
        updates = ", ".join(f"{c} = excluded.{c}" for c in EVENT_COLUMNS[1:])
        self.execute(
            f"INSERT INTO events ({', '.join(EVENT_COLUMNS)}) VALUES ({marks}) "
            f"ON CONFLICT (key) DO UPDATE SET {updates}",
            values,
        )

    def save_failure(self, failure: StoredFailure) -> None:
        """Record why an article failed; the same failure recorded twice is kept once."""
        key = hashlib.sha1(
            f"{failure.article_hash or failure.article_id}:{failure.stage}".encode()
        ).hexdigest()[:20]
        with self.transaction():
            self.execute(
                """INSERT INTO failures (key, article_id, article_hash, stage, reason, failed_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT (key) DO UPDATE SET reason = excluded.reason,
                       failed_at = excluded.failed_at""",
                (key, failure.article_id, failure.article_hash, failure.stage, failure.reason,
                 self.to_time(_now())),
            )  # fmt: skip

    def save_clusters(self, clusters: Sequence[Cluster]) -> None:
        """Replace the derived clusters with these, in one transaction (events stay untouched)."""
        with self.transaction():
            self.execute("DELETE FROM cluster_members")
            self.execute("DELETE FROM clusters")
            made = self.to_time(_now())
            for c in clusters:
                self.execute(
                    "INSERT INTO clusters (id, data, sources, made_at) VALUES (?, ?, ?, ?)",
                    (c.id, self.to_json(c.data), self.to_json(list(c.sources)), made),
                )
                for key in dict.fromkeys(c.members):
                    self.execute(
                        "INSERT INTO cluster_members (cluster_id, event_key) VALUES (?, ?)",
                        (c.id, key),
                    )

    def save_correction(self, correction: Correction) -> None:
        """Record a reviewer's correction; events stay as coded.

        The same correction twice is kept once, as made the second time (so A, B, then A again
        ends on A)."""
        c = correction
        key = hashlib.sha1(
            json.dumps([c.event_key, c.field, c.value, c.reviewer], sort_keys=True).encode()
        ).hexdigest()[:20]
        with self.transaction():
            self.execute(
                """INSERT INTO corrections (id, event_key, field, value, reviewer, note, made_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT (id) DO UPDATE SET note = excluded.note,
                       made_at = excluded.made_at""",
                (key, c.event_key, c.field, self.to_json(c.value), c.reviewer, c.note,
                 self.to_time(_now())),
            )  # fmt: skip

    # --- reads ---------------------------------------------------------------------------

    def events(self, filters: Filters = Filters()) -> Iterator[StoredEvent]:
        """Stored events that pass the filters, in date order."""
        where, params = self._where(filters)
        rows = self.execute(
            f"""SELECT e.key, e.article_id, e.article_hash, a.published, e.data, a.source, a.title,
                       substr(a.text, 1, {LEAD_CHARS + 1})  -- one more: a longer text is cut
                FROM events e JOIN articles a ON a.hash = e.article_hash
                {where} ORDER BY e.date_start, e.key""",
            params,
        ).fetchall()
        needle = filters.actor.casefold() if filters.actor else None
        for key, article_id, content_hash, published, data, source, title, opening in rows:
            data = self.from_json(data)
            if needle and not _names_actor(data, needle):
                continue
            yield StoredEvent(
                key=key, article_id=article_id, article_hash=content_hash,
                published=_date(published), event=event_from_dict(data), data=data, source=source,
                title=title, context=lead_text(opening) if opening else None,
            )  # fmt: skip

    def _where(self, f: Filters) -> tuple[str, list[Any]]:
        clauses: list[str] = []
        params: list[Any] = []
        if f.start:
            clauses.append("COALESCE(e.date_end, e.date_start) >= ?")
            params.append(self.to_date(f.start))
        if f.end:
            clauses.append("e.date_start <= ?")
            params.append(self.to_date(f.end))
        for column, value in (("country", f.country), ("type", f.type), ("status", f.status)):
            if value:
                clauses.append(f"e.{column} = ?")
                params.append(value.upper() if column == "country" else value)
        if f.bbox:
            min_lon, min_lat, max_lon, max_lat = f.bbox
            clauses.append("e.lon BETWEEN ? AND ? AND e.lat BETWEEN ? AND ?")
            params += [min_lon, max_lon, min_lat, max_lat]
        return ("WHERE " + " AND ".join(clauses) if clauses else ""), params

    def articles(self) -> Iterator[tuple[str, Article]]:
        """Every stored article with its content hash."""
        rows = self.execute(
            "SELECT hash, id, text, title, published, source, url, language FROM articles ORDER BY hash"
        ).fetchall()
        for h, id, text, title, published, source, url, language in rows:
            yield h, Article(id, text, title, _date(published), source, url, language or "en")

    def failures(self) -> list[StoredFailure]:
        """Every recorded failure."""
        rows = self.execute(
            "SELECT article_id, article_hash, stage, reason FROM failures ORDER BY article_id"
        ).fetchall()
        return [StoredFailure(*row) for row in rows]

    def clusters(self) -> list[Cluster]:
        """The derived clusters of the last clustering run."""
        members: dict[str, list[str]] = {}
        for cluster_id, key in self.execute(
            "SELECT cluster_id, event_key FROM cluster_members ORDER BY cluster_id, event_key"
        ).fetchall():
            members.setdefault(cluster_id, []).append(key)
        rows = self.execute("SELECT id, data, sources FROM clusters ORDER BY id").fetchall()
        return [
            Cluster(id, self.from_json(data), tuple(members.get(id, ())), tuple(self.from_json(s)))
            for id, data, s in rows
        ]

    def corrections(self, event_key: Optional[str] = None) -> list[Correction]:
        """Reviewer corrections, oldest first; of one event when ``event_key`` is given."""
        where, params = ("WHERE event_key = ?", [event_key]) if event_key else ("", [])
        rows = self.execute(
            f"SELECT event_key, field, value, reviewer, note FROM corrections {where} "
            "ORDER BY made_at, id",
            params,
        ).fetchall()
        return [Correction(k, f, self.from_json(v), r, n) for k, f, v, r, n in rows]

    def counts(self) -> dict[str, int]:
        """Rows per table: articles, events, failures, clusters, corrections."""
        tables = ("articles", "events", "failures", "clusters", "corrections")
        return {t: self.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

    def check(self) -> list[str]:
        """Problems found in the stored data (empty when the store is intact)."""
        problems = []
        orphans = self.execute(
            "SELECT COUNT(*) FROM events e LEFT JOIN articles a ON a.hash = e.article_hash "
            "WHERE a.hash IS NULL"
        ).fetchone()[0]
        if orphans:
            problems.append(f"{orphans} events without their article")
        stale = self.execute(
            "SELECT COUNT(*) FROM cluster_members m LEFT JOIN events e ON e.key = m.event_key "
            "WHERE e.key IS NULL"
        ).fetchone()[0]
        if stale:
            problems.append(f"{stale} cluster members without their event (re-run clustering)")
        return problems + self.check_backend()

    def check_backend(self) -> list[str]:
        return []


def _date(value: Any) -> Optional[dt.date]:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value)[:10])


def _names_actor(data: dict[str, Any], needle: str) -> bool:
    for actor in data.get("actors") or ():
        names = [actor.get("name") or "", *(actor.get("aliases") or ())]
        if any(needle in n.casefold() for n in names):
            return True
    return False
