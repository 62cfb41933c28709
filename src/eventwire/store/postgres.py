"""The PostgreSQL 15 + PostGIS store, through psycopg 3 (optional extra ``postgres``)."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator, Sequence
from typing import Any, Optional

from .. import errors
from .sql import SQLStore


class PostgresStore(SQLStore):
    """An event store in a PostgreSQL database; events carry a PostGIS point."""

    dialect = "postgres"

    def __init__(self, url: str):
        try:
            import psycopg
        except ImportError:
            raise errors.StoreError(errors.E103) from None
        self.url = url
        self._psycopg = psycopg
        try:
            self.connection = psycopg.connect(url, autocommit=True)
        except psycopg.Error as exc:
            raise errors.StoreError(errors.E104.format(url=url, reason=exc)) from None

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.connection.execute(sql.replace("?", "%s"), tuple(params))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        with self.connection.transaction():
            yield

    def lock_schema(self) -> None:
        self.execute("SELECT pg_advisory_xact_lock(4242)")

    def to_json(self, value: Any) -> Any:
        from psycopg.types.json import Jsonb

        return Jsonb(value)

    def from_json(self, value: Any) -> Any:
        return value  # psycopg decodes JSONB itself (a stored JSON string comes back as str)

    def to_date(self, value: Optional[dt.date]) -> Any:
        return value

    def to_time(self, value: dt.datetime) -> Any:
        return value

    def search(self, query: str, limit: int = 20) -> list[str]:
        """Ids of the articles whose title or text match ``query`` (web search syntax), best first."""
        rows = self.execute(
            """SELECT id FROM articles, websearch_to_tsquery('english', ?) q
               WHERE tsv @@ q ORDER BY ts_rank(tsv, q) DESC, id LIMIT ?""",
            (query, limit),
        ).fetchall()
        return [r[0] for r in rows]

    def check_backend(self) -> list[str]:
        bad = self.execute(
            "SELECT COUNT(*) FROM events WHERE lat IS NOT NULL AND lon IS NOT NULL AND geom IS NULL"
        ).fetchone()[0]
        return [f"{bad} located events without a PostGIS point"] if bad else []

    def close(self) -> None:
        self.connection.close()


def open_postgres(url: str) -> PostgresStore:
    """Connect to the PostgreSQL store at ``url`` and migrate it as needed."""
    store = PostgresStore(url)
    try:
        store.migrate()
    except store._psycopg.errors.FeatureNotSupported as exc:
        store.close()
        raise errors.StoreError(errors.E105.format(reason=exc)) from None
    except store._psycopg.errors.UndefinedFile as exc:
        store.close()
        raise errors.StoreError(errors.E105.format(reason=exc)) from None
    except store._psycopg.Error as exc:
        store.close()
        raise errors.StoreError(errors.E104.format(url=url, reason=exc)) from None
    return store
