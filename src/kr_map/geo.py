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
    return [(lat, lon) for ring in country_rings(borders, iso_a2) for lon, lat in ring]


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
    # Only the vertices a plane at this latitude puts near the nearest one are measured on
    # the ellipsoid: the plane is within 1% of it at this range, the margin is 5% and 1 km.
    across = math.cos(math.radians(lat))
    flat = [math.hypot(v[0] - lat, (v[1] - lon) * across) * _KM_PER_DEGREE for v in near]
    within = min(flat) * 1.05 + 1.0
    return min(geodesic((lat, lon), v).km for v, km in zip(near, flat, strict=True) if km <= within)


def with_border_distance(places: pd.DataFrame, borders: dict, iso_a2: str = "KH") -> pd.DataFrame:
    """Return the places with ``border_km``: how far each lies from Cambodia's border."""
    vertices = border_vertices(borders, iso_a2)
    distances = [
        round(distance_to_outline_km(lat, lon, vertices), 1)
        for lat, lon in zip(places["lat"], places["lon"], strict=True)
    ]
    return places.assign(border_km=distances)


# A point this close to its country's outline counts as inside it: the bundled line is
# simplified (Natural Earth 1:10m) and a border town may fall a little on the wrong side.
BORDER_TOLERANCE_KM = 1.5
_KM_PER_DEGREE = 111.32


def country_rings(borders: dict, iso_a2: str) -> list[list[tuple[float, float]]]:
    """Return the outer and inner rings of one country as lists of (lon, lat) pairs."""
    rings: list[list[tuple[float, float]]] = []
    for feature in borders.get("features", []):
        if feature.get("properties", {}).get("iso_a2") != iso_a2:
            continue
        geometry = feature["geometry"]
        polygons = geometry["coordinates"]
        if geometry["type"] == "Polygon":
            polygons = [polygons]
        for polygon in polygons:
            rings.extend([(float(x), float(y)) for x, y, *_ in ring] for ring in polygon)
    return rings


def _crossings(lon: float, lat: float, ring: list[tuple[float, float]]) -> int:
    # Even-odd rule: count the ring's edges crossed by a ray going east from the point.
    count = 0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
            count += 1
    return count


def inside(lat: float, lon: float, rings: list[list[tuple[float, float]]]) -> bool:
    """Return True when the point lies inside the area the rings enclose (holes excluded)."""
    return sum(_crossings(lon, lat, ring) for ring in rings) % 2 == 1


def _segment_km(lat: float, lon: float, a: tuple[float, float], b: tuple[float, float]) -> float:
    # A local flat projection is exact enough over the few kilometres this is used for.
    scale = math.cos(math.radians(lat))
    ax, ay = (a[0] - lon) * scale, a[1] - lat
    bx, by = (b[0] - lon) * scale, b[1] - lat
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    t = 0.0 if length == 0 else max(0.0, min(1.0, -(ax * dx + ay * dy) / length))
    return math.hypot(ax + t * dx, ay + t * dy) * _KM_PER_DEGREE


def distance_to_rings_km(lat: float, lon: float, rings: list[list[tuple[float, float]]]) -> float:
    """Return the distance in km from the point to the nearest edge of the rings."""
    best = math.inf
    for ring in rings:
        for a, b in zip(ring, ring[1:] + ring[:1], strict=True):
            if abs(a[1] - lat) > 1 and abs(b[1] - lat) > 1:
                continue  # a cheap prefilter: edges a degree away are not the nearest
            best = min(best, _segment_km(lat, lon, a, b))
    return best


Outlines = dict[str, list[list[tuple[float, float]]]]


def country_outlines(borders: dict) -> Outlines:
    """Return every bundled country's rings by ISO code, read once for many points."""
    codes = {f.get("properties", {}).get("iso_a2") for f in borders.get("features", [])}
    return {code: country_rings(borders, code) for code in sorted(c for c in codes if c)}


def country_of(lat: float, lon: float, outlines: Outlines) -> str | None:
    """Return the ISO code of the country the point lies in, or None (sea, elsewhere)."""
    return next((code for code, rings in outlines.items() if inside(lat, lon, rings)), None)


def outside_country_km(lat: float, lon: float, iso_a2: str, outlines: Outlines) -> float:
    """Return how far in km the point lies outside the country (0 when inside it)."""
    rings = outlines.get(iso_a2, [])
    if not rings or inside(lat, lon, rings):
        return 0.0
    return distance_to_rings_km(lat, lon, rings)
