"""Markers merged by grid cell when a frame holds more places than the map shows
(kr_map/scene.py grid_cells): the finest grid of doubling cells that leaves at most the limit."""

from __future__ import annotations

import numpy as np
import pytest

from kr_map import scene


def cells_at(lats: np.ndarray, lons: np.ndarray, size: float) -> int:
    return len({(int(a // size), int(o // size)) for a, o in zip(lats, lons, strict=True)})


@pytest.mark.parametrize("seed", range(20))
def test_the_finest_doubling_grid_that_leaves_at_most_the_limit(seed):
    rng = np.random.default_rng(seed)
    n = int(rng.integers(100, 3000))
    lats = np.round(rng.uniform(10, 14.7, n), int(rng.integers(1, 6)))
    lons = np.round(rng.uniform(102, 107.6, n), int(rng.integers(1, 6)))
    limit = int(rng.integers(5, 200))
    keys = scene.grid_cells([f"p{i}" for i in range(n)], lats, lons, limit)
    size = 0.05
    while cells_at(lats, lons, size) > limit:
        size *= 2
    assert len(set(keys)) == cells_at(lats, lons, size) <= limit
    expected = [f"{int(a // size)}:{int(o // size)}" for a, o in zip(lats, lons, strict=True)]
    assert keys == expected


def test_few_places_keep_their_own_keys():
    places = ["a", "b", "a"]
    coords = np.array([12.0, 12.5, 12.0])
    assert scene.grid_cells(places, coords, coords + 90, 2) == places
