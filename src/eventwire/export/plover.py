"""PLOVER JSON records (openeventdata/PLOVER data standard): one per incident, one per line.

Actor and recipient replace source and target; in a one-sided ASSAULT the victim (or else
the target) is the recipient.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

from .tabular import country_name

PRECISION = {"site": "exact", "city": "city", "near_city": "city", "admin2": "district",
             "admin1": "province", "country": "country"}  # fmt: skip


def plover_record(incident: Any) -> dict[str, Any]:
    """The PLOVER record of an incident."""
    d = incident.data
    plover = d.get("plover") or {}
    date = d.get("date") or {}
    place = d.get("location") or {}
    actors = d.get("actors") or []
    perpetrators = [a for a in actors if a.get("role") == "perpetrator"]
    recipients = [a for a in actors if a.get("role") == "victim"] or [
        a for a in actors if a.get("role") == "target"
    ]
    killed = d.get("killed") or {}
    injured = d.get("injured") or {}
    return {
        "id": incident.id,
        "date": date.get("start"),
        "date_resolution": date.get("precision"),
        "event_type": plover.get("event"),
        "mode": plover.get("mode"),
        "context": [c for c in (d.get("type"), d.get("subtype")) if c],
        "actor": perpetrators[0]["name"] if perpetrators else None,
        "actor_attribution": perpetrators[0].get("attribution") if perpetrators else None,
        "recipient": recipients[0]["name"] if recipients else None,
        "location": {
            "name": place.get("name"),
            "admin1": place.get("admin1"),
            "country": country_name(place.get("country")),
            "country_code": place.get("country"),
            "lat": place.get("lat"),
            "lon": place.get("lon"),
            "geonameid": place.get("geonameid"),
            "resolution": PRECISION.get(place.get("precision") or ""),
        },
        "fatalities": killed.get("min"),
        "injuries": injured.get("min"),
        "status": d.get("status"),
        "sources": list(incident.sources),
    }


def write_plover(items: Sequence[Any], out: IO[str]) -> None:
    """One PLOVER JSON record per line."""
    for incident in items:
        out.write(json.dumps(plover_record(incident), ensure_ascii=False) + "\n")
