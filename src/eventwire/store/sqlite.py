"""The SQLite store (the default): one file, WAL journal, FTS5 over article text."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from .. import errors
from .sql import SQLStore


class SQLiteStore(SQLStore):
    """An event store in one SQLite file; safe to kill at any moment (WAL, one txn per article)."""

    dialect = "sqlite"

    def __init__(self, path: str):
        self.url = f"sqlite:///{path}"
        self.path = path
        try:
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(path, isolation_level=None, timeout=60)
            self.connection.execute("PRAGMA journal_mode = WAL")
            self.connection.execute("PRAGMA synchronous = NORMAL")
            self.connection.execute("PRAGMA foreign_keys = ON")
        except (sqlite3.Error, OSError) as exc:
            raise errors.StoreError(errors.E102.format(path=path, reason=exc)) from None
        self._depth = 0

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.connection.execute(sql, tuple(params))

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.connection.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        else:
            self.connection.execute("COMMIT")
        finally:
            self._depth = 0

    def search(self, query: str, limit: int = 20) -> list[str]:
        """Ids of the articles whose title or text match every word of ``query``, best first."""
        terms = " ".join('"' + w.replace('"', '""') + '"' for w in query.split())
        if not terms:
            return []
        rows = self.execute(
            """SELECT a.id FROM articles_fts f JOIN articles a ON a.rowid = f.rowid
               WHERE articles_fts MATCH ? ORDER BY f.rank LIMIT ?""",
            (terms, limit),
        ).fetchall()
        return [r[0] for r in rows]

    def check_backend(self) -> list[str]:
        problems = []
        result = self.execute("PRAGMA integrity_check").fetchone()[0]
        if result != "ok":
            problems.append(f"SQLite integrity check: {result}")
        try:
            self.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        except sqlite3.DatabaseError as exc:
            problems.append(f"full-text index: {exc}")
        return problems

    def close(self) -> None:
        self.connection.close()


def open_sqlite(path: str) -> SQLiteStore:
    """Open the SQLite store at ``path``, creating and migrating it as needed."""
    store = SQLiteStore(path)
    try:
        store.migrate()
    except sqlite3.Error as exc:
        store.close()
        raise errors.StoreError(errors.E102.format(path=path, reason=exc)) from None
    return store
