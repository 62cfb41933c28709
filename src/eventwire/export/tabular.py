"""Flat rows with ACLED-compatible column names plus eventwire's own, for CSV and Parquet."""

from __future__ import annotations

import csv
import functools
import tomllib
from collections.abc import Sequence
from importlib import resources
from typing import IO, Any, Optional

ACLED_COLUMNS = (
    "event_date", "year", "time_precision", "event_type", "sub_event_type", "actor1",
    "assoc_actor_1", "actor2", "country", "admin1", "location", "latitude", "longitude",
    "geo_precision", "source", "notes", "fatalities",
)  # fmt: skip
OWN_COLUMNS = (
    "injured_min", "injured_max", "killed_max", "claimed_by", "suspected", "status",
    "incident_id", "sources",
)  # fmt: skip
COLUMNS = ACLED_COLUMNS + OWN_COLUMNS


@functools.lru_cache(maxsize=1)
def acled_names() -> dict[str, Any]:
    """The ACLED name tables of ``knowledge/acled.toml``, read once."""
    text = resources.files("eventwire.knowledge").joinpath("acled.toml").read_text("utf-8")
    return tomllib.loads(text)


@functools.lru_cache(maxsize=256)
def country_name(code: Optional[str]) -> Optional[str]:
    """The English short name of an ISO 3166-1 alpha-2 code (the code itself if unknown)."""
    if not code:
        return None
    import pycountry

    found = pycountry.countries.get(alpha_2=code.upper())
    return getattr(found, "common_name", None) or getattr(found, "name", None) or code


def incident_row(incident: Any) -> dict[str, Any]:
    """One flat row for an incident; unknown values are None (an empty CSV cell)."""
    d, names = incident.data, acled_names()
    date = d.get("date") or {}
    place = d.get("location") or {}
    killed = d.get("killed") or {}
    injured = d.get("injured") or {}
    actors = d.get("actors") or []
    perpetrators = [a for a in actors if a.get("role") == "perpetrator"]
    others = [a for a in actors if a.get("role") in {"victim", "target"}]
    start = date.get("start")
    return {
        "event_date": start,
        "year": int(start[:4]) if start else None,
        "time_precision": names["time_precision"].get(date.get("precision") or ""),
        "event_type": names["event_type"].get(d.get("type"), d.get("type")),
        "sub_event_type": names["sub_event_type"].get(d.get("subtype"), d.get("subtype")),
        "actor1": perpetrators[0]["name"] if perpetrators else None,
        "assoc_actor_1": "; ".join(a["name"] for a in perpetrators[1:]) or None,
        "actor2": others[0]["name"] if others else None,
        "country": country_name(place.get("country")),
        "admin1": place.get("admin1"),
        "location": place.get("name"),
        "latitude": place.get("lat"),
        "longitude": place.get("lon"),
        "geo_precision": names["geo_precision"].get(place.get("precision") or ""),
        "source": "; ".join(incident.outlets),
        "notes": _notes(d),
        "fatalities": killed.get("min"),
        "injured_min": injured.get("min"),
        "injured_max": injured.get("max"),
        "killed_max": killed.get("max"),
        "claimed_by": _named(perpetrators, {"claimed"}),
        "suspected": _named(perpetrators, {"suspected", "accused"}),
        "status": d.get("status"),
        "incident_id": incident.id,
        "sources": "; ".join(incident.sources),
    }


def _named(actors: list[dict[str, Any]], attributions: set[str]) -> Optional[str]:
    return "; ".join(a["name"] for a in actors if a.get("attribution") in attributions) or None


def _notes(d: dict[str, Any]) -> Optional[str]:
    """The sentence the event was found in: the evidence for its type, else the first one."""
    evidence = d.get("evidence") or []
    for item in evidence:
        if item.get("field") == "type":
            return item.get("text")
    return evidence[0].get("text") if evidence else None


def write_csv(items: Sequence[Any], out: IO[str]) -> None:
    """A CSV file with a header row of ``COLUMNS``."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    for incident in items:
        writer.writerow(incident_row(incident))
