"""GeoJSON: a FeatureCollection with one Point per located incident (RFC 7946, lon before lat)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import IO, Any

from .tabular import incident_row


def feature_collection(items: Sequence[Any]) -> dict[str, Any]:
    """The FeatureCollection; incidents without coordinates are left out (they have no point)."""
    features = []
    for incident in items:
        place = incident.data.get("location") or {}
        if place.get("lat") is None or place.get("lon") is None:
            continue
        properties = incident_row(incident)
        properties["sources"] = list(incident.sources)
        features.append(
            {
                "type": "Feature",
                "id": incident.id,
                "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
                "properties": properties,
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write_geojson(items: Sequence[Any], out: IO[str]) -> None:
    """One FeatureCollection document."""
    json.dump(feature_collection(items), out, ensure_ascii=False)
    out.write("\n")
