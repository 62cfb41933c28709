"""Shared fixtures. One conftest for the whole suite: add sections, keep them independent."""

from __future__ import annotations

import os
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

TESTS = Path(__file__).parent
sys.path.insert(0, str(TESTS))  # fake_extract, importable by spawned workers as well


# --- stores (SQLite and PostgreSQL) ------------------------------------------------------------
# `make test` starts a throwaway PostgreSQL + PostGIS server (scripts/pg-test-server) and sets
# EVENTWIRE_TEST_PG. Without it the PostgreSQL cases skip locally, and FAIL under CI=true.


def _pg_url(dbname: str) -> str:
    parts = urlsplit(os.environ["EVENTWIRE_TEST_PG"])
    return urlunsplit(parts._replace(path=f"/{dbname}"))


def _pg_admin(sql: str) -> None:
    import psycopg

    with psycopg.connect(os.environ["EVENTWIRE_TEST_PG"], autocommit=True) as conn:
        conn.execute(sql)


@pytest.fixture(scope="session")
def pg_template() -> Iterator[str]:
    """A database with the store's schema, copied (fast) for each PostgreSQL test."""
    if not os.environ.get("EVENTWIRE_TEST_PG"):
        message = "EVENTWIRE_TEST_PG is unset: run the suite with `make test` (it starts PostgreSQL)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    from eventwire.store import open_store

    name = f"eventwire_tmpl_{os.getpid()}"
    _pg_admin(f"DROP DATABASE IF EXISTS {name}")
    _pg_admin(f"CREATE DATABASE {name}")
    open_store(_pg_url(name)).close()
    yield name
    _pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a fresh, empty store of each backend."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'events.db'}"
        return
    template = request.getfixturevalue("pg_template")
    name = f"eventwire_t_{uuid.uuid4().hex[:12]}"
    _pg_admin(f"CREATE DATABASE {name} TEMPLATE {template}")
    yield _pg_url(name)
    _pg_admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture
def store(store_url: str) -> Iterator[object]:
    """An open, empty store of each backend, closed after the test."""
    from eventwire.store import open_store

    opened = open_store(store_url)
    yield opened
    opened.close()


# --- the pipeline and the shared folder ----------------------------------------------------------

import datetime as _dt  # noqa: E402

ROOT = TESTS.parent
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
ERBIL = SHARED / "examples" / "erbil-rocket-attack.txt"
ERBIL_GOLD = SHARED / "examples" / "erbil-rocket-attack.gold.json"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The team's shared folder (benchmarks, reference article); CI puts it beside the repo."""
    assert SHARED.is_dir(), f"{SHARED} is missing: clone the project beside shared/ or set EVENTWIRE_SHARED"
    return SHARED


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once."""
    from eventwire.nlp import load

    return load()


@pytest.fixture(scope="session")
def erbil_result(shared):
    """The reference article, coded once for every test that reads it."""
    from eventwire.extract import extract
    from eventwire.read import read_text_article

    article = read_text_article(ERBIL.read_text("utf-8"), "erbil-rocket-attack", _dt.date(2021, 2, 16))
    return extract(article)
