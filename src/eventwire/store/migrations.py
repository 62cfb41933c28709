"""The store schema as small named migrations, applied once each and recorded in ``migrations``.

Each migration is a function ``(execute, dialect)``; ``dialect`` is "sqlite" or "postgres".
Add a new function at the end of ``MIGRATIONS``: never edit one that has shipped.
"""

from __future__ import annotations

from collections.abc import Callable

Execute = Callable[[str], object]


def _types(dialect: str) -> dict[str, str]:
    if dialect == "postgres":
        return {"real": "DOUBLE PRECISION", "json": "JSONB", "date": "DATE", "time": "TIMESTAMPTZ"}
    return {"real": "REAL", "json": "TEXT", "date": "TEXT", "time": "TEXT"}


def core_tables(execute: Execute, dialect: str) -> None:
    """Articles, events (contract JSON plus indexed columns), failures, derived clusters."""
    t = _types(dialect)
    execute(
        f"""CREATE TABLE articles (
            hash TEXT PRIMARY KEY, id TEXT NOT NULL, text TEXT NOT NULL, title TEXT,
            published {t['date']}, source TEXT, url TEXT, language TEXT,
            ingested_at {t['time']} NOT NULL)"""
    )
    execute("CREATE INDEX articles_id ON articles (id)")
    execute(
        f"""CREATE TABLE events (
            key TEXT PRIMARY KEY,
            event_id TEXT NOT NULL,
            article_hash TEXT NOT NULL REFERENCES articles (hash) ON DELETE CASCADE,
            article_id TEXT NOT NULL,
            status TEXT NOT NULL, type TEXT NOT NULL, subtype TEXT,
            date_start {t['date']}, date_end {t['date']}, date_precision TEXT,
            country TEXT, admin1 TEXT, place TEXT, lat {t['real']}, lon {t['real']},
            killed_min INTEGER, killed_max INTEGER, injured_min INTEGER, injured_max INTEGER,
            confidence {t['real']},
            data {t['json']} NOT NULL)"""
    )
    for column in ("article_hash", "date_start", "date_end", "country", "type", "status"):
        execute(f"CREATE INDEX events_{column} ON events ({column})")
    execute("CREATE INDEX events_lat_lon ON events (lat, lon)")
    execute(
        f"""CREATE TABLE failures (
            key TEXT PRIMARY KEY, article_id TEXT NOT NULL, article_hash TEXT,
            stage TEXT NOT NULL, reason TEXT NOT NULL, failed_at {t['time']} NOT NULL)"""
    )
    execute(
        f"""CREATE TABLE clusters (
            id TEXT PRIMARY KEY, data {t['json']} NOT NULL, sources {t['json']} NOT NULL,
            made_at {t['time']} NOT NULL)"""
    )
    execute(
        """CREATE TABLE cluster_members (
            cluster_id TEXT NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
            event_key TEXT NOT NULL,
            PRIMARY KEY (cluster_id, event_key))"""
    )
    execute("CREATE INDEX cluster_members_event ON cluster_members (event_key)")


def corrections_table(execute: Execute, dialect: str) -> None:
    """Reviewer corrections, kept apart from machine output (which they never overwrite)."""
    t = _types(dialect)
    execute(
        f"""CREATE TABLE corrections (
            id TEXT PRIMARY KEY, event_key TEXT NOT NULL, field TEXT NOT NULL,
            value {t['json']}, reviewer TEXT, note TEXT, made_at {t['time']} NOT NULL)"""
    )
    execute("CREATE INDEX corrections_event ON corrections (event_key)")


def text_search(execute: Execute, dialect: str) -> None:
    """Full-text search over article titles and texts: FTS5 in SQLite, tsvector in PostgreSQL."""
    if dialect == "postgres":
        execute(
            """ALTER TABLE articles ADD COLUMN tsv tsvector GENERATED ALWAYS AS
               (to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED"""
        )
        execute("CREATE INDEX articles_tsv ON articles USING GIN (tsv)")
        return
    execute(
        """CREATE VIRTUAL TABLE articles_fts USING fts5(
            title, text, content='articles', content_rowid='rowid')"""
    )
    execute(
        """CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
            INSERT INTO articles_fts (rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END"""
    )
    execute(
        """CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
            INSERT INTO articles_fts (articles_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END"""
    )


def event_points(execute: Execute, dialect: str) -> None:
    """A PostGIS point per located event, indexed for map and bounding-box queries."""
    if dialect != "postgres":
        return
    execute("CREATE EXTENSION IF NOT EXISTS postgis")
    execute(
        """ALTER TABLE events ADD COLUMN geom geometry(Point, 4326) GENERATED ALWAYS AS
           (CASE WHEN lat IS NULL OR lon IS NULL THEN NULL
                 ELSE ST_SetSRID(ST_MakePoint(lon, lat), 4326) END) STORED"""
    )
    execute("CREATE INDEX events_geom ON events USING GIST (geom)")


MIGRATIONS: tuple[Callable[[Execute, str], None], ...] = (
    core_tables,
    corrections_table,
    text_search,
    event_points,
)


def pending(applied: set[str]) -> list[Callable[[Execute, str], None]]:
    """The migrations not yet recorded as applied, in order."""
    return [m for m in MIGRATIONS if m.__name__ not in applied]
