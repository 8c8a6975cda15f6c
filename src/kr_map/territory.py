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
import json
import math
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import shapely
from shapely import geometry as g
from shapely.geometry.base import BaseGeometry
from shapely.ops import unary_union

from kr_map import area_store, i18n, tiles
from kr_map.area_store import AreaStore

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


def _to_km(lon: float, lat: float) -> tuple[float, float]:
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
    return g.Point(*_to_km(lon, lat)).buffer(km, quad_segs=_QUAD_SEGMENTS)


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
    """Forget the discs, unions and areas made so far (benchmarks time each build from cold)."""
    for cached in (_disc, _cell_discs, _discs, _reach):
        cached.cache_clear()
    _LANDS.clear()


def _geojson(shape: BaseGeometry) -> dict[str, Any] | None:
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


def _from_groups(parts: list[tuple[bytes, int]], memo: dict) -> dict[str, Any] | None:
    """Return the GeoJSON of an area from its polygons' (group, place in group) in ``memo``."""
    return _polygons_geojson([memo[group][i] for group, i in parts])


def _polygon_groups(
    shape: BaseGeometry, memo: dict, made: list[bytes] | None = None
) -> list[tuple[bytes, int]] | None:
    """Return each polygon of a joined area as (its group's key, its place in the group),
    each group simplified once and its rings kept in ``memo`` (keys of the groups simplified
    here are added to ``made``); None in the case simplifying loses a polygon. With
    :func:`_from_groups` it gives :func:`_geojson` of the area, a polygon another day's area
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
        x, y = _to_km(lon, lat)
        return west - margin <= x <= east + margin and south - margin <= y <= north + margin

    boxed = sorted(p for p in others | towns if touches(*p))
    if not boxed:
        return frozenset()
    centres = shapely.points([_to_km(lon, lat) for lat, lon in boxed])
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
    country at once: :class:`Land` makes the same areas tile by tile).

    ``settlements``: every city and town as (place id, lat, lon); ``memo``: a dict kept
    between days of the same outline, where a side's clipped areas and their GeoJSON are
    remembered (a day that differs in one side's holdings makes only that side's again).
    """
    memo = {} if memo is None else memo
    out = []
    for category, (shape, made_of) in ground(holdings, settlements, outline, memo).items():
        geometry = _once(memo, ("geojson", made_of), lambda s=shape: _geojson(s))
        if geometry is not None:
            out.append(_area(category, holdings, geometry))
    return out


def _area(category: Category, holdings: list[Holding], geometry: dict[str, Any]) -> Area:
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
        clear[faction] = _once(memo, ("clear", side, own, others),
                               lambda s=side, o=own, t=others: _keep_clear(
                                   o, t, settlements, _reach(s)))  # fmt: skip
    clipped, ids = {}, {}  # ids: a small number per clipped area, to key what is made of it
    for (faction, status), part in parts.items():
        key = ("clipped", part, clear[faction])
        clipped[(faction, status)] = _once(
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
            live_made[f] = _once(memo, ("live", live_ids[f]),
                                 lambda: unary_union([clipped[k] for k in clipped
                                                      if k[0] == f and k[1] != "after"]
                                                     or [g.Point()]))  # fmt: skip
        return live_made[f]

    out: dict[Category, tuple[BaseGeometry, tuple]] = {}
    contested_all, contested_ids = [], []
    for i, first in enumerate(sides):
        for second in sides[i + 1 :]:
            key = ("meet", live_ids[first], live_ids[second])
            meet = _once(memo, key, lambda a=first, b=second: _polygonal(
                live(a).intersection(live(b))))  # fmt: skip
            if not meet.is_empty:
                contested_all.append(meet)
                contested_ids.append(key)
                out[((first, second), "contested")] = (meet, key)
    contested_key = ("contested", tuple(contested_ids))

    def contested() -> BaseGeometry:
        return _once(memo, contested_key, lambda: unary_union(contested_all)
                     if contested_all else g.Point())  # fmt: skip

    every_key = ("every live", tuple(live_ids[f] for f in sides))

    def every_live() -> BaseGeometry:
        return _once(memo, every_key,
                     lambda: unary_union([live(f) for f in sides] or [g.Point()]))  # fmt: skip

    empty = g.Point()
    for faction in sides:
        stated_id, inferred_id, after_id = (ids.get((faction, s)) for s in _STATUSES)
        stated_key = ("stated", stated_id, contested_key)
        stated = empty if stated_id is None else _once(
            memo, stated_key,
            lambda f=faction: clipped[(f, "stated")].difference(contested()))  # fmt: skip
        inferred_key = ("inferred", inferred_id, contested_key, stated_key)
        inferred = empty if inferred_id is None else _once(
            memo, inferred_key, lambda f=faction, st=stated: clipped[(f, "inferred")]
            .difference(contested()).difference(st))  # fmt: skip
        after_key = ("after", after_id, every_key)
        after = empty if after_id is None else _once(
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


def _once(memo: dict, key: tuple, make):
    """Return ``make()``, made the first time ``key`` is asked for and then remembered
    (until :func:`_forget_unused`)."""
    memo.setdefault(_USED, set()).add(key)
    if key not in memo:
        memo[key] = make()
    return memo[key]


_USED, _USED_BEFORE = "used", "used before"


def _forget_unused(memo: dict) -> None:
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


# per country and towns: areas, shapes, and the lock that lets one build use them at a time
# (the app builds in threads: one language's document beside another's)
_LANDS: dict[bytes, tuple[dict, dict, threading.Lock]] = {}
_LANDS_KEPT = 2  # datasets whose areas are kept (the app's data and one more)


class Land:
    """The country areas are cut to and its towns, with the areas of each day remembered.

    The areas are made tile by tile (:mod:`kr_map.tiles`): a tile's ground depends only on
    the holdings within reach of it, so it is made once per distinct set of holdings near
    it, and each area is joined from its tiles' pieces and then simplified as a whole.
    ``tiled=False`` makes them for the whole country at once (:func:`areas`), the method
    the tiles must agree with (tests) and the one they replaced (benchmarks).
    """

    def __init__(
        self,
        places,
        borders: Mapping[str, Any] | None,
        iso: str = "KH",
        tiled: bool = True,
        store: AreaStore | None = None,
    ) -> None:
        self.outline = country_outline(borders, iso)
        self.tiled = tiled
        self.store = store if tiled else None
        self.outline_digest = b"" if self.outline is None else _digest(self.outline.wkb)
        towns = places[places["kind"].isin(SETTLEMENT_KINDS)]
        self.settlements = [
            (str(pid), float(lat), float(lon))
            for pid, lat, lon in zip(towns["place_id"], towns["lat"], towns["lon"], strict=True)
        ]
        # the areas of each set of holdings, and the shapes and GeoJSON shared by the days:
        # kept for the process per country and towns, so the document in another language
        # (the same holdings, other words) draws no area again
        key = (None if self.outline is None else self.outline.wkb, tuple(self.settlements))
        digest = hashlib.sha256(repr((key, tiled)).encode("utf-8")).digest()
        if digest not in _LANDS:
            while len(_LANDS) >= _LANDS_KEPT:
                _LANDS.pop(next(iter(_LANDS)))
            _LANDS[digest] = ({}, {}, threading.Lock())
        self._memo, self._shapes, self._lock = _LANDS[digest]

    def areas_of(self, held) -> list[Area]:
        """Return the areas for a day's holdings: a control table with a ``status`` column,
        or its rows as records (``to_dict("records")``), made once per set of holdings."""
        rows = held.to_dict("records") if hasattr(held, "to_dict") else held
        key = tuple(sorted((str(r["place_id"]), str(r["faction_id"]), str(r["status"]))
                           for r in rows))  # fmt: skip
        with self._lock:
            return self._areas(key, rows)

    def _areas(self, key: tuple, rows) -> list[Area]:
        if key not in self._memo:
            holdings = _holdings(rows)
            if self.tiled:
                self._memo[key] = _Tiling(self, self._shapes).areas(holdings)
            else:
                self._memo[key] = areas(holdings, self.settlements, self.outline, self._shapes)
                _forget_unused(self._shapes)
        return self._memo[key]

    def tiles_to_cut(self, days: Iterable[list[dict]]) -> dict[tiles.Tile, list[list[Holding]]]:
        """Return, per tile, the sets of holdings near it whose ground neither this process
        nor the store has yet, in the days' order (``days``: each day's holdings as records)."""
        tiling, store = _Tiling(self, self._shapes), self.store
        missing: dict[tuple, list[Holding]] = {}  # each set of holdings once, first seen first
        for rows in days:
            for tile, near in _near_tiles(_holdings(rows)).items():
                key = tiling.key(tile, near)
                if key not in tiling.pieces:
                    missing.setdefault(key, near)
        stored = {key: tiling.stored_key(key[0], key) for key in missing}
        kept = store.kept(list(stored.values())) if store else set()
        work: dict[tiles.Tile, list[list[Holding]]] = {}
        for key, near in missing.items():
            if stored[key] not in kept:
                work.setdefault(key[0], []).append(near)
        return work

    def cut(self, work: Mapping[tiles.Tile, list[list[Holding]]]) -> None:
        """Cut the grounds of ``work`` (:meth:`tiles_to_cut`), tile after tile, into the store."""
        tiling = _Tiling(self, self._shapes)
        for tile, nears in work.items():
            for near in nears:
                tiling.ground_of(tile, near)


def _holdings(rows: Iterable[dict]) -> list[Holding]:
    """Return a day's holdings from its control records."""
    return [
        Holding(str(r["place_id"]), str(r["place_name"]), str(r["place_kind"]),
                float(r["place_lat"]), float(r["place_lon"]), str(r["faction_id"]),
                str(r["status"]))
        for r in rows
    ]  # fmt: skip


def _near_tiles(holdings: list[Holding]) -> dict[tiles.Tile, list[Holding]]:
    """Return the holdings near each tile whose ground they make (a tile with no place
    that reaches out, only places kept clear, has no ground)."""
    near: dict[tiles.Tile, list[Holding]] = {}
    for h in holdings:
        if math.isfinite(h.lat) and math.isfinite(h.lon):
            reach = max(REACH_KM.get(h.kind, 0.0), KEEP_CLEAR_KM)
            for tile in tiles.near(*_to_km(h.lon, h.lat), reach):
                near.setdefault(tile, []).append(h)
    return {tile: hs for tile, hs in near.items() if any(h.kind in REACH_KM for h in hs)}


class _Tiling:
    """The areas of a day made tile by tile, with what the tiles made kept in ``kept``."""

    def __init__(self, land: Land, kept: dict) -> None:
        self.land = land
        self.pieces: dict[tuple, dict] = kept.setdefault("tiles", {})
        self.joined: dict[tuple, dict[str, Any] | None] = kept.setdefault("joined", {})
        self.polygons: dict[bytes, list | None] = kept.setdefault("polygons", {})
        self.clips: dict[tiles.Tile, BaseGeometry] = kept.setdefault("clips", {})
        # per tile, the shapes its last sets of holdings made (a side's ground is made again
        # only when that side's holdings near the tile change)
        self.memos: dict[tiles.Tile, dict] = kept.setdefault("memos", {})
        if "towns" not in kept:
            kept["towns"] = {}
            for town in land.settlements:
                for tile in tiles.near(*_to_km(town[2], town[1]), KEEP_CLEAR_KM):
                    kept["towns"].setdefault(tile, []).append(town)
        self.towns: dict[tiles.Tile, list] = kept["towns"]

    def areas(self, holdings: list[Holding]) -> list[Area]:
        """Return the day's areas: each joined from its pieces in the tiles, then simplified."""
        near = _near_tiles(holdings)
        pieces: dict[Category, list[tuple[tuple, BaseGeometry]]] = {}
        for tile in sorted(near):
            for category, piece in self.ground_of(tile, near[tile]).items():
                pieces.setdefault(category, []).append(piece)
        out = []
        for category in sorted(pieces, key=_drawing_order):
            made_of = tuple(digest for digest, _ in pieces[category])
            if made_of not in self.joined:
                self.joined[made_of] = self._joined(made_of, [s for _, s in pieces[category]])
            if self.joined[made_of] is not None:
                out.append(_area(category, holdings, self.joined[made_of]))
        return out

    def _joined(self, made_of: tuple[bytes, ...], shapes: list) -> dict[str, Any] | None:
        """Return the GeoJSON of an area joined from its pieces (read from the store when
        the same pieces were joined before, in any data version)."""
        store = self.land.store
        key = area_store.key_of(b"joined", made_of) if store is not None else b""
        parts = self._kept_groups(store, store.get(key)) if store is not None else None
        if parts is None:
            joined, made = tiles.join(shapes), []
            parts = _polygon_groups(joined, self.polygons, made)
            if parts is None:
                return _geojson(joined)
            if store is not None:
                for group in made:
                    rings = json.dumps(self.polygons[group], separators=(",", ":"))
                    store.put(area_store.key_of(b"polygons", group), rings.encode("utf-8"))
                store.put(key, area_store.encode_groups(parts))
        return _from_groups(parts, self.polygons)

    def _kept_groups(self, store: AreaStore, value: bytes | None) -> list | None:
        """Return a stored area's polygon groups, each group's rings read into
        ``self.polygons`` (shared by every area that has them); None unless all are kept."""
        parts = area_store.decode_groups(value) if value is not None else None
        for group in dict.fromkeys(key for key, _ in parts or ()):
            if group not in self.polygons:
                kept = store.get(area_store.key_of(b"polygons", group))
                try:
                    rings = json.loads(kept) if kept is not None else None
                except ValueError:
                    rings = None
                if not isinstance(rings, list):
                    return None
                self.polygons[group] = rings
        if parts is not None and any(i >= len(self.polygons[key]) for key, i in parts):
            return None
        return parts

    @staticmethod
    def key(tile: tiles.Tile, near: list[Holding]) -> tuple:
        """Return what a tile's ground is made of in this process: its holdings."""
        return (tile, tuple(sorted((h.place_id, h.faction, h.status, h.kind, h.lat, h.lon)
                                   for h in near)))  # fmt: skip

    def stored_key(self, tile: tiles.Tile, key: tuple) -> bytes:
        """Return the store's key of a tile's ground: its holdings, towns and country."""
        towns = self.towns.get(tile, [])
        return area_store.key_of(b"ground", self.land.outline_digest, towns, key)

    def ground_of(self, tile: tiles.Tile, near: list[Holding]) -> dict:
        """Return the tile's ground, each piece named by the digest of its shape (made once
        per set of holdings near the tile: an area whose pieces are all another day's is
        joined once)."""
        key = self.key(tile, near)
        if key not in self.pieces:
            store, towns = self.land.store, self.towns.get(tile, [])
            stored = b""
            if store is not None:
                stored = self.stored_key(tile, key)
                value = store.get(stored)
                made = area_store.decode_ground(value) if value is not None else None
            if store is None or made is None:
                made = {category: (shapely.to_wkb(shape), shape)
                        for category, shape in self._cut(tile, near, towns).items()}  # fmt: skip
                if store is not None:
                    store.put(stored, area_store.encode_ground(
                        {category: wkb for category, (wkb, _) in made.items()}))  # fmt: skip
            self.pieces[key] = {c: (_digest(wkb), shape) for c, (wkb, shape) in made.items()}
        return self.pieces[key]

    def _cut(self, tile: tiles.Tile, near: list[Holding], towns: list) -> dict[Category, Any]:
        """Return the tile's ground from its holdings and towns, each piece snapped."""
        clip = self._clip(tile)
        if clip.is_empty:
            return {}
        memo = self.memos.setdefault(tile, {})
        # a piece the tile made for an earlier set of holdings is snapped once
        made = {
            category: _once(memo, ("snapped", made_of), lambda s=shape: tiles.snap(s))
            for category, (shape, made_of) in ground(near, towns, clip, memo).items()
        }
        _forget_unused(memo)
        return {category: piece for category, piece in made.items() if piece.area}

    def _clip(self, tile: tiles.Tile) -> BaseGeometry:
        if tile not in self.clips:
            outline = self.land.outline
            box = tiles.box(tile)
            self.clips[tile] = box if outline is None else box.intersection(outline)
        return self.clips[tile]


def _digest(wkb: bytes) -> bytes:
    """Return the name of a shape: equal WKB, equal shape, equal name."""
    return hashlib.blake2b(wkb, digest_size=16).digest()


def _drawing_order(category: Category) -> tuple:
    """Return where a category's area is drawn: contested ground first, then each side's."""
    factions, status = category
    if status == "contested":
        return (0, factions, 0)
    return (1, factions, _STATUSES.index(status))


def covers(geometry: Mapping[str, Any], lat: float, lon: float) -> bool:
    """Return True when a GeoJSON area covers a point (for checks and tests)."""
    return g.shape(geometry).covers(g.Point(lon, lat))
