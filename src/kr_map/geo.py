"""Distances on the ellipsoid (geopy's geodesic): how far a camp lay from the border."""

from __future__ import annotations

import math
from collections.abc import Iterable

import pandas as pd
from geopy.distance import geodesic

# Vertices farther than this (in degrees, a cheap planar prefilter) are not measured.
_PREFILTER_DEGREES = 1.5


def border_vertices(borders: dict, iso_a2: str = "KH") -> list[tuple[float, float]]:
    """Return the (lat, lon) vertices of one country's outline in the bundled borders."""
    vertices: list[tuple[float, float]] = []
    for feature in borders.get("features", []):
        if feature.get("properties", {}).get("iso_a2") != iso_a2:
            continue
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            for ring in polygon:
                vertices.extend((lat, lon) for lon, lat in ring)
    return vertices


def distance_to_outline_km(
    lat: float, lon: float, vertices: Iterable[tuple[float, float]]
) -> float:
    """Return the geodesic distance in km from a point to the nearest outline vertex."""
    near = [
        v
        for v in vertices
        if abs(v[0] - lat) < _PREFILTER_DEGREES and abs(v[1] - lon) < _PREFILTER_DEGREES
    ]
    if not near:
        return math.inf
    return min(geodesic((lat, lon), vertex).km for vertex in near)


def with_border_distance(places: pd.DataFrame, borders: dict, iso_a2: str = "KH") -> pd.DataFrame:
    """Return the places with ``border_km``: how far each lies from Cambodia's border."""
    vertices = border_vertices(borders, iso_a2)
    distances = [
        round(distance_to_outline_km(lat, lon, vertices), 1)
        for lat, lon in zip(places["lat"], places["lon"], strict=True)
    ]
    return places.assign(border_km=distances)
