"""Square tiles of the territory layer's km plane: which tiles a place reaches, their boxes,
and the ground of one day joined again from its pieces per tile.

A tile's areas depend only on the holdings near it, so a change of hands re-cuts only the
tiles within reach of the place that changed (``kr_map.land.Land``). Tiles are
aligned on whole multiples of :data:`TILE_KM` from the plane's origin, so their edges are
exact in floating point and two neighbours' pieces meet along the same line.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from functools import lru_cache

import shapely
from shapely import geometry as g
from shapely.geometry.base import BaseGeometry

# The tile's side (km). Smaller tiles re-cut less ground per change of hands but repeat the
# discs they share with their neighbours: on synthetic data, 40 km was fastest at 10,000
# events (~2,200 holdings) and 1.6x slower than the whole country at once at 100,000
# (every tile changing every frame); 80 km is within 15% of the best at 10,000 and even
# with the whole-country method at 100,000 (benchmarks/RESULTS.md).
TILE_KM = 80.0
Tile = tuple[int, int]  # (column, row): the tile's west and south edges over TILE_KM

# Pieces are snapped to this grid (km), so that the vertices two neighbours make on their
# shared edge, a rounding apart, become one: 1 m, far below the 300 m the areas are
# simplified by and the 100 m their coordinates are rounded to.
GRID_KM = 0.001


def near(x: float, y: float, km: float) -> Iterator[Tile]:
    """Return the tiles with a point within ``km`` of (x, y) (and a few corner tiles more:
    a square neighbourhood, never fewer)."""
    for column in range(math.floor((x - km) / TILE_KM), math.floor((x + km) / TILE_KM) + 1):
        for row in range(math.floor((y - km) / TILE_KM), math.floor((y + km) / TILE_KM) + 1):
            yield column, row


@lru_cache(maxsize=4096)
def box(tile: Tile) -> BaseGeometry:
    """Return the tile's square in the km plane."""
    column, row = tile
    return g.box(column * TILE_KM, row * TILE_KM, (column + 1) * TILE_KM, (row + 1) * TILE_KM)


def snap(piece: BaseGeometry) -> BaseGeometry:
    """Return a tile's piece of ground with its vertices on the :data:`GRID_KM` grid, its
    surface only (no line or point where two shapes merely touched)."""
    snapped = shapely.set_precision(piece, GRID_KM)
    if snapped.geom_type in ("Polygon", "MultiPolygon"):
        return snapped
    parts = shapely.get_parts(shapely.get_parts(snapped))  # collections, then multi-parts
    return g.MultiPolygon([p for p in parts if p.geom_type == "Polygon"])


def join(pieces: Sequence[BaseGeometry]) -> BaseGeometry:
    """Return the ground made of pieces that lie each in its own tile (their union).

    Pieces cut from the same shapes along the same tile edges meet edge to edge, which
    GEOS's coverage union joins in linear time; should they not (a vertex a rounding off),
    they are united in full on a 1 m grid.
    """
    if len(pieces) == 1:
        return pieces[0]
    try:
        joined = shapely.coverage_union_all(list(pieces))
        if joined.is_valid:
            return joined
    except shapely.errors.GEOSException:
        pass  # not edge to edge: the full union below
    return shapely.union_all(list(pieces), grid_size=GRID_KM)
