"""JSON Lines: one incident per line, the SPEC contract plus ``sources`` (article ids)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any


def incident_record(incident: Any) -> dict[str, Any]:
    """The contract record of an incident: its event fields plus ``sources``."""
    return {**incident.data, "sources": list(incident.sources)}


def write_jsonl(items: Sequence[Any], out: IO[str]) -> None:
    """One JSON object per line."""
    for incident in items:
        out.write(json.dumps(incident_record(incident), ensure_ascii=False) + "\n")
