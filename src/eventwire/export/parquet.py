"""Parquet (pyarrow, optional extra ``parquet``): the CSV columns, typed, plus the full record."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

from .. import errors
from .jsonl import incident_record
from .tabular import COLUMNS, incident_row

INTEGERS = {"year", "time_precision", "geo_precision", "fatalities", "injured_min", "injured_max", "killed_max"}
FLOATS = {"latitude", "longitude"}


def write_parquet(items: Sequence[Any], out: IO[bytes]) -> None:
    """One Parquet table: a row per incident, with a ``record`` column holding its JSON."""
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise errors.StoreError(errors.E107) from None
    rows = [incident_row(i) for i in items]
    fields = [
        pa.field(c, pa.int64() if c in INTEGERS else pa.float64() if c in FLOATS else pa.string())
        for c in COLUMNS
    ] + [pa.field("record", pa.string())]
    columns = {c: [r[c] for r in rows] for c in COLUMNS}
    columns["record"] = [json.dumps(incident_record(i), ensure_ascii=False) for i in items]
    pq.write_table(pa.table(columns, schema=pa.schema(fields)), out)
