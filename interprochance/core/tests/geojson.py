"""Boundary files for tests: small squares inside Weiterstadt (WGS84)."""

from __future__ import annotations

import json
from typing import Any

# inside Weiterstadt's bounding box (8.5503–8.6335 E, 49.8808–49.9557 N)
SPOTS = [(8.58, 49.90), (8.565, 49.915), (8.60, 49.93), (8.62, 49.94), (8.56, 49.89)]


def square(lon: float, lat: float, d: float = 0.004) -> dict[str, Any]:
    """A Polygon, counter-clockwise as RFC 7946 wants it (the import turns it round)."""
    ring = [[lon, lat], [lon + d, lat], [lon + d, lat + d], [lon, lat + d], [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def feature(geometry: Any, **properties: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def collection(features: list[Any], **extra: Any) -> bytes:
    return json.dumps({"type": "FeatureCollection", **extra, "features": features}).encode()


def squares_for(areas: list[Any]) -> list[dict[str, Any]]:
    """One feature per area (by code), each a square at its own spot."""
    return [
        feature(square(*SPOTS[i % len(SPOTS)], d=0.004 - 0.0005 * (i // len(SPOTS))), code=a.code)
        for i, a in enumerate(areas)
    ]
