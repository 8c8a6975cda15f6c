"""Areas of control drawn honestly: near held places, inside Cambodia, and only as sourced.

The sources name held places, never boundaries. So an area here is no front line: it is
the ground within a fixed distance of the places a side held on that day (see
:data:`REACH_KM`), cut to Cambodia's outline, and kept clear of every place another side
held and of every city or town the side is not recorded holding (the Khmer Rouge stopped
"around ten kilometers before" Battambang in April 1994: :data:`KEEP_CLEAR_KM`).

Each area carries the status of the holdings it stands for (:func:`kr_map.claims.status_on`):
``stated`` while a source vouches for them, ``inferred`` while only a declared inference
does, ``after`` once past their last attestation (drawn as an outline only), and
``contested`` where the live areas of two sides meet. Nothing is drawn for a holding before
its first attestation. The same inputs always give the same shapes (shapely, fixed
segments, rounded coordinates). ``docs/TERRITORY.md`` explains the method and its limits.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from shapely import geometry as g
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from kr_map import i18n

# How far an area reaches from a held place, by the place's kind (km). A province or region
# point stands for a wide area the sources do not bound; a base, town or temple for itself.
REACH_KM = {
    "base": 15.0,
    "town": 15.0,
    "city": 15.0,
    "mountain": 15.0,
    "temple": 10.0,
    "region": 30.0,
    "province": 30.0,
}
# Kept clear around a place another side holds, and around a city or town the side is not
# recorded holding: the seed's "around ten kilometers before the urban area" of Battambang.
KEEP_CLEAR_KM = 10.0
SETTLEMENT_KINDS = ("city", "town")
SMALLEST_KM2 = 1.0  # slivers smaller than this are dropped
_SIMPLIFY_KM = 0.3
_APART_KM = 2 * _SIMPLIFY_KM + 0.1  # polygons this far apart are simplified one by one
_DIGITS = 3  # about 100 m
_LAT0 = 12.5  # the projection's true-scale latitude, mid-Cambodia
_KM_PER_LAT = 110.574
_KM_PER_LON = 111.320 * math.cos(math.radians(_LAT0))
_KM_PER_DEGREE = np.array([_KM_PER_LON, _KM_PER_LAT])

TERRITORY_NOTE = i18n.N_(
    "The sources name held places, never boundaries. An area is the ground within {base} km "
    "of a base, town or city a side held ({province} km for a province or region, {temple} km "
    "for a temple), cut to Cambodia's border and kept {clear} km clear of places another side "
    "held and of cities and towns the side is not recorded holding. Filled: a source vouches "
    "for the holding at this date. Hatched: only a stated inference does. Outline only: after "
    "the last time a source mentions the holding. Cross-hatched: two sides' areas meet. No "
    "area is drawn before a holding is first attested. These are not front lines."
)


def territory_note() -> str:
    """Return how areas are drawn (the document's ``territoryNote``) in the language spoken."""
    lang = i18n.current()
    return i18n._(TERRITORY_NOTE).format(
        base=i18n.number(round(REACH_KM["base"]), lang),
        province=i18n.number(round(REACH_KM["province"]), lang),
        temple=i18n.number(round(REACH_KM["temple"]), lang),
        clear=i18n.number(round(KEEP_CLEAR_KM), lang),
    )


@dataclass(frozen=True)
class Holding:
    """A held place on a day, as the territory layer needs it."""

    place_id: str
    name: str
    kind: str
    lat: float
    lon: float
    faction: str
    status: str  # stated, inferred or after


@dataclass(frozen=True)
class Area:
    """One drawn area: a side (or the sides meeting there), a status and its shape."""

    factions: tuple[str, ...]
    status: str
    places: tuple[str, ...]  # the place ids it stands for
    geometry: dict[str, Any]  # GeoJSON, [lon, lat]


def to_km(lon: float, lat: float) -> tuple[float, float]:
    return lon * _KM_PER_LON, lat * _KM_PER_LAT


def _to_lonlat(x: float, y: float) -> tuple[float, float]:
    return x / _KM_PER_LON, y / _KM_PER_LAT


def country_outline(borders: Mapping[str, Any] | None, iso: str = "KH") -> BaseGeometry | None:
    """Return the country's outline in the layer's km plane, or None when it is not given."""
    for feature in (borders or {}).get("features", []):
        if feature.get("properties", {}).get("iso_a2") == iso and feature.get("geometry"):
            shape = g.shape(feature["geometry"])
            return shapely.transform(shape, lambda lonlat: lonlat * _KM_PER_DEGREE).buffer(0)
    return None


# A disc is a polygon of 4 x this many sides: at 30 km its edges stray at most 0.14 km from
# the circle, less than what the areas are simplified by (_SIMPLIFY_KM) before drawing, and
# every union, cut and clip costs in proportion to the vertices.
_QUAD_SEGMENTS = 8


@lru_cache(maxsize=65536)
def _disc(lat: float, lon: float, km: float) -> BaseGeometry:
    """Return the disc of ``km`` around a point (shapes are immutable: shared, made once)."""
    return g.Point(*to_km(lon, lat)).buffer(km, quad_segs=_QUAD_SEGMENTS)


# Unions are made per cell of this many degrees and remembered, so a day that differs from
# another by a few holdings only re-unites the discs of the cells where they lie.
_CELL_DEGREES = 0.5


@lru_cache(maxsize=65536)
def _cell_discs(points: frozenset[tuple[float, float]], km: float) -> BaseGeometry:
    return unary_union([_disc(lat, lon, km) for lat, lon in sorted(points)] or [g.Point()])


@lru_cache(maxsize=1024)
def _discs(points: frozenset[tuple[float, float]], km: float) -> BaseGeometry:
    """Return the union of the discs of ``km`` around points (the same set: made once)."""
    cells: dict[tuple[int, int], set[tuple[float, float]]] = {}
    for lat, lon in points:
        cells.setdefault((int(lat // _CELL_DEGREES), int(lon // _CELL_DEGREES)), set()).add(
            (lat, lon)
        )
    parts = [_cell_discs(frozenset(cells[c]), km) for c in sorted(cells)]
    return parts[0] if len(parts) == 1 else unary_union(parts or [g.Point()])


def forget() -> None:
    """Forget the discs and unions made so far (:func:`kr_map.land.forget` also the areas)."""
    for cached in (_disc, _cell_discs, _discs, _reach):
        cached.cache_clear()


def geojson_of(shape: BaseGeometry) -> dict[str, Any] | None:
    shape = shape.simplify(_SIMPLIFY_KM, preserve_topology=True)
    return _polygons_geojson([_rings(p) for p in getattr(shape, "geoms", [shape])])


def _rings(polygon: BaseGeometry) -> list[list[list[float]]] | None:
    """Return a simplified polygon's rings in [lon, lat], rounded; None for a sliver."""
    if not isinstance(polygon, g.Polygon) or polygon.area < SMALLEST_KM2:
        return None

    def ring(line) -> list[list[float]]:
        return np.round(shapely.get_coordinates(line) / _KM_PER_DEGREE, _DIGITS).tolist()

    return [ring(polygon.exterior), *[ring(i) for i in polygon.interiors]]


def _polygons_geojson(polygons: list[list | None]) -> dict[str, Any] | None:
    """Return GeoJSON of the polygons' rings (slivers, None, left out), None when none is left."""
    rings = [p for p in polygons if p is not None]
    if not rings:
        return None
    if len(rings) == 1:
        return {"type": "Polygon", "coordinates": rings[0]}
    return {"type": "MultiPolygon", "coordinates": rings}


def from_groups(parts: list[tuple[bytes, int]], memo: dict) -> dict[str, Any] | None:
    """Return the GeoJSON of an area from its polygons' (group, place in group) in ``memo``."""
    return _polygons_geojson([memo[group][i] for group, i in parts])


def polygon_groups(
    shape: BaseGeometry, memo: dict, made: list[bytes] | None = None
) -> list[tuple[bytes, int]] | None:
    """Return each polygon of a joined area as (its group's key, its place in the group),
    each group simplified once and its rings kept in ``memo`` (keys of the groups simplified
    here are added to ``made``); None in the case simplifying loses a polygon. With
    :func:`from_groups` it gives :func:`geojson_of` of the area, a polygon another day's area
    has too simplified once.

    Simplifying moves a line by at most :data:`_SIMPLIFY_KM`, so polygons further apart than
    twice that cannot meet whatever it does, and simplifying them one by one gives what
    simplifying them together gives; polygons closer than that are simplified together.
    """
    parts = shapely.get_parts(shape)
    wkb = shapely.to_wkb(parts).tolist()  # a polygon's bytes can be large: hashed below
    out: list = [None] * len(parts)
    for group in _neighbours(parts):
        together = [parts[i] for i in group]
        key = hashlib.blake2b(b"".join(wkb[i] for i in group), digest_size=16).digest()
        if key not in memo:
            joined = together[0] if len(together) == 1 else shapely.multipolygons(together)
            simple = joined.simplify(_SIMPLIFY_KM, preserve_topology=True)
            pieces = list(getattr(simple, "geoms", [simple]))
            if len(pieces) != len(together):  # never seen: topology kept keeps every polygon
                return None
            memo[key] = [_rings(p) for p in pieces]
            if made is not None:
                made.append(key)
        for place, i in enumerate(group):
            out[i] = (key, place)
    return out


def _neighbours(parts: np.ndarray) -> list[list[int]]:
    """Return the polygons in groups, each the polygons linked by lying within twice the
    simplification's reach of one another (a polygon far from every other: alone)."""
    group = list(range(len(parts)))  # union-find: each polygon's group leader

    def leader(i: int) -> int:
        while group[i] != i:
            group[i] = group[group[i]]
            i = group[i]
        return i

    if len(parts) > 1:
        tree = shapely.STRtree(parts)
        near = tree.query(parts, predicate="dwithin", distance=_APART_KM)
        for i, j in zip(*near.tolist(), strict=True):
            if i != j:
                group[leader(i)] = leader(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(parts)):
        groups.setdefault(leader(i), []).append(i)
    return list(groups.values())


def _keep_clear(
    own: frozenset[str],
    others: frozenset[tuple[float, float]],
    settlements: Iterable[tuple[str, float, float]],
    near: BaseGeometry,
) -> frozenset[tuple[float, float]]:
    """Return the places a side's area must keep clear of: others' places, towns it does not
    hold (their discs of :data:`KEEP_CLEAR_KM` are the ground it must not cover).

    ``own``: the ids of the places the side holds; ``others``: where the other sides hold
    places. Only the places whose discs touch ``near`` (the side's areas, in km) count: the
    others would not change what is cut away.
    """
    towns = {(lat, lon) for place_id, lat, lon in settlements if place_id not in own}
    west, south, east, north = near.bounds
    margin = KEEP_CLEAR_KM

    def touches(lat: float, lon: float) -> bool:
        x, y = to_km(lon, lat)
        return west - margin <= x <= east + margin and south - margin <= y <= north + margin

    boxed = sorted(p for p in others | towns if touches(*p))
    if not boxed:
        return frozenset()
    centres = shapely.points([to_km(lon, lat) for lat, lon in boxed])
    close = shapely.dwithin(near, centres, margin)
    return frozenset(p for p, near_it in zip(boxed, close, strict=True) if near_it)


Reach = tuple[tuple[float, frozenset[tuple[float, float]]], ...]  # (km, centres) per reach


@lru_cache(maxsize=1024)
def _reach(parts: Reach) -> BaseGeometry:
    """Return the union of the discs of each (km, centres) part (the same parts: made once)."""
    return unary_union([_discs(points, km) for km, points in parts] or [g.Point()])


Category = tuple[tuple[str, ...], str]  # (the side, or the two sides meeting; status)


def areas(
    holdings: list[Holding],
    settlements: Iterable[tuple[str, float, float]],
    outline: BaseGeometry | None,
    memo: dict | None = None,
) -> list[Area]:
    """Return the areas of one day: per side, its stated, inferred and after areas, and the
    contested ground where two sides' live (stated or inferred) areas meet (the whole
    country at once: :class:`kr_map.land.Land` makes the same areas tile by tile).

    ``settlements``: every city and town as (place id, lat, lon); ``memo``: a dict kept
    between days of the same outline, where a side's clipped areas and their GeoJSON are
    remembered (a day that differs in one side's holdings makes only that side's again).
    """
    memo = {} if memo is None else memo
    out = []
    for category, (shape, made_of) in ground(holdings, settlements, outline, memo).items():
        geometry = once(memo, ("geojson", made_of), lambda s=shape: geojson_of(s))
        if geometry is not None:
            out.append(area_of(category, holdings, geometry))
    return out


def area_of(category: Category, holdings: list[Holding], geometry: dict[str, Any]) -> Area:
    """Return the area of a category, standing for the places it names that day."""
    factions, status = category
    statuses = ("stated", "inferred") if status == "contested" else (status,)
    place_ids = [
        place_id
        for faction in factions
        for place_id in _sorted_if(
            status == "contested",
            [h.place_id for h in holdings
             if h.faction == faction and h.status in statuses and h.kind in REACH_KM],
        )
    ]  # fmt: skip
    return Area(factions, status, tuple(dict.fromkeys(place_ids)), geometry)


def _sorted_if(sort: bool, values: list[str]) -> list[str]:
    return sorted(set(values)) if sort else values


def ground(
    holdings: list[Holding],
    settlements: Iterable[tuple[str, float, float]],
    outline: BaseGeometry | None,
    memo: dict | None = None,
) -> dict[Category, tuple[BaseGeometry, tuple]]:
    """Return the ground of each area of one day before it is simplified, with a key for
    what it is made of, in drawing order: the contested ground of each two sides, then
    each side's stated, inferred and after ground (empty ground left out).

    The ground is made point by point (unions, cuts and clips), so the ground of a day
    inside a tile is the ground made from only the holdings and towns near that tile.
    """
    memo = {} if memo is None else memo
    settlements = list(settlements)
    centres: dict[tuple[str, str], dict[float, set[tuple[float, float]]]] = {}
    for h in holdings:
        if h.kind in REACH_KM:
            by_km = centres.setdefault((h.faction, h.status), {})
            by_km.setdefault(REACH_KM[h.kind], set()).add((h.lat, h.lon))
    parts: dict[tuple[str, str], Reach] = {
        key: tuple((km, frozenset(points)) for km, points in sorted(by_km.items()))
        for key, by_km in centres.items()
    }
    sides = sorted({faction for faction, _ in parts})
    clear: dict[str, frozenset[tuple[float, float]]] = {}
    for faction in sides:
        whole: dict[float, set[tuple[float, float]]] = {}
        for (f, _), part in parts.items():
            for km, points in part if f == faction else ():
                whole.setdefault(km, set()).update(points)
        side = tuple((km, frozenset(p)) for km, p in sorted(whole.items()))
        own = frozenset(h.place_id for h in holdings if h.faction == faction)
        others = frozenset((h.lat, h.lon) for h in holdings if h.faction != faction)
        # the memo serves one set of settlements (a tile's, or the country's): not in the key
        clear[faction] = once(memo, ("clear", side, own, others),
                               lambda s=side, o=own, t=others: _keep_clear(
                                   o, t, settlements, _reach(s)))  # fmt: skip
    clipped, ids = {}, {}  # ids: a small number per clipped area, to key what is made of it
    for (faction, status), part in parts.items():
        key = ("clipped", part, clear[faction])
        clipped[(faction, status)] = once(
            memo, key, lambda p=part, f=faction: _clip(_reach(p), clear[f], outline)
        )
        ids[(faction, status)] = _number(memo, key)
    # Every shape below is remembered by the clipped areas it is made of, so a day whose
    # holdings differ from another's for one side makes again only what that side touches.
    live_ids = {f: tuple(ids[k] for k in ids if k[0] == f and k[1] != "after") for f in sides}
    # Only what a drawn area needs is made: a side with no after ground needs no union of
    # every live area, a side with no stated ground no cut of the contested ground.
    live_made: dict[str, BaseGeometry] = {}

    def live(f: str) -> BaseGeometry:
        if f not in live_made:
            live_made[f] = once(memo, ("live", live_ids[f]),
                                 lambda: unary_union([clipped[k] for k in clipped
                                                      if k[0] == f and k[1] != "after"]
                                                     or [g.Point()]))  # fmt: skip
        return live_made[f]

    out: dict[Category, tuple[BaseGeometry, tuple]] = {}
    contested_all, contested_ids = [], []
    for i, first in enumerate(sides):
        for second in sides[i + 1 :]:
            key = ("meet", live_ids[first], live_ids[second])
            meet = once(memo, key, lambda a=first, b=second: _polygonal(
                live(a).intersection(live(b))))  # fmt: skip
            if not meet.is_empty:
                contested_all.append(meet)
                contested_ids.append(key)
                out[((first, second), "contested")] = (meet, key)
    contested_key = ("contested", tuple(contested_ids))

    def contested() -> BaseGeometry:
        return once(memo, contested_key, lambda: unary_union(contested_all)
                     if contested_all else g.Point())  # fmt: skip

    every_key = ("every live", tuple(live_ids[f] for f in sides))

    def every_live() -> BaseGeometry:
        return once(memo, every_key,
                     lambda: unary_union([live(f) for f in sides] or [g.Point()]))  # fmt: skip

    empty = g.Point()
    for faction in sides:
        stated_id, inferred_id, after_id = (ids.get((faction, s)) for s in _STATUSES)
        stated_key = ("stated", stated_id, contested_key)
        stated = empty if stated_id is None else once(
            memo, stated_key,
            lambda f=faction: clipped[(f, "stated")].difference(contested()))  # fmt: skip
        inferred_key = ("inferred", inferred_id, contested_key, stated_key)
        inferred = empty if inferred_id is None else once(
            memo, inferred_key, lambda f=faction, st=stated: clipped[(f, "inferred")]
            .difference(contested()).difference(st))  # fmt: skip
        after_key = ("after", after_id, every_key)
        after = empty if after_id is None else once(
            memo, after_key,
            lambda f=faction: clipped[(f, "after")].difference(every_live()))  # fmt: skip
        for status, shape, key in (("stated", stated, stated_key),
                                   ("inferred", inferred, inferred_key),
                                   ("after", after, after_key)):  # fmt: skip
            if not shape.is_empty:
                out[((faction,), status)] = (shape, key)
    return out


_STATUSES = ("stated", "inferred", "after")


def _clip(shape: BaseGeometry, clear, outline: BaseGeometry | None) -> BaseGeometry:
    """Return the shape without the discs kept clear, cut to the outline."""
    cut = shape.intersection(outline) if outline is not None else shape
    return cut.difference(_discs(clear, KEEP_CLEAR_KM)) if clear and not cut.is_empty else cut


def _number(memo: dict, key: tuple) -> int:
    """Return a small number standing for ``key`` (the same key, the same number)."""
    numbers = memo.setdefault("numbers", {})
    return numbers.setdefault(key, len(numbers))


def once(memo: dict, key: tuple, make):
    """Return ``make()``, made the first time ``key`` is asked for and then remembered
    (until :func:`forget_unused`)."""
    memo.setdefault(_USED, set()).add(key)
    if key not in memo:
        memo[key] = make()
    return memo[key]


_USED, _USED_BEFORE = "used", "used before"


def forget_unused(memo: dict) -> None:
    """Forget the shapes neither this set of holdings nor the one before it used: the next
    frame mostly reuses those, and a country's worth of shapes per frame would pile up."""
    used, before = memo.pop(_USED, set()), memo.pop(_USED_BEFORE, set())
    for key in [k for k in memo if k not in used and k not in before and k != "numbers"]:
        del memo[key]
    memo[_USED_BEFORE] = used


def _polygonal(shape: BaseGeometry) -> BaseGeometry:
    """Return the surface of a shape: its polygons, without the lines and points where two
    areas only touch (GEOS cannot subtract a collection that mixes them)."""
    if shape.geom_type in ("Polygon", "MultiPolygon"):
        return shape
    parts = [p for p in getattr(shape, "geoms", []) if p.geom_type in ("Polygon", "MultiPolygon")]
    return unary_union(parts) if parts else g.Point()


def drawing_order(category: Category) -> tuple:
    """Return where a category's area is drawn: contested ground first, then each side's."""
    factions, status = category
    if status == "contested":
        return (0, factions, 0)
    return (1, factions, _STATUSES.index(status))


def covers(geometry: Mapping[str, Any], lat: float, lon: float) -> bool:
    """Return True when a GeoJSON area covers a point (for checks and tests)."""
    return g.shape(geometry).covers(g.Point(lon, lat))
