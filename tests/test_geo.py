"""How far a camp lay from the border (kr_map/geo.py): the geodesic distance to the nearest
vertex of Cambodia's outline, measuring on the ellipsoid only the vertices that can be it."""

from __future__ import annotations

import json
import math
import random

from geopy.distance import geodesic

from kr_map import geo

from .conftest import ROOT


def test_the_nearest_vertex_is_the_one_every_vertex_measured_gives():
    vertices = geo.border_vertices(json.loads((ROOT / "data" / "borders.geojson").read_text()))
    assert len(vertices) > 100
    chance = random.Random(7)
    for _ in range(300):
        lat, lon = chance.uniform(9.5, 15.0), chance.uniform(102.0, 108.0)
        near = [v for v in vertices if abs(v[0] - lat) < 1.5 and abs(v[1] - lon) < 1.5]
        every = min((geodesic((lat, lon), v).km for v in near), default=math.inf)
        assert geo.distance_to_outline_km(lat, lon, vertices) == every, (lat, lon)


def test_a_point_far_from_the_outline_has_no_distance():
    assert geo.distance_to_outline_km(0.0, 0.0, [(12.0, 104.0)]) == math.inf
