"""The areas of every day of a build, made tile by tile and remembered.

A :class:`Land` is the country areas are cut to (its outline) and its towns. It gives the
areas of a day's holdings by the method of :mod:`kr_map.territory`, made tile by tile
(:mod:`kr_map.tiles`): a tile's ground depends only on the holdings within reach of it, so it
is made once per distinct set of holdings near it (and kept in the store,
:mod:`kr_map.area_store`, across builds), and each area is joined from its tiles' pieces and
then simplified as a whole. ``docs/TERRITORY.md`` ("Made tile by tile", "Kept between
builds") says why the tiles give the areas the whole country at once gives.
"""

from __future__ import annotations

import hashlib
import json
import math
import threading
from collections.abc import Iterable, Mapping
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from kr_map import area_store, territory, tiles
from kr_map.area_store import AreaStore
from kr_map.territory import (
    KEEP_CLEAR_KM,
    REACH_KM,
    SETTLEMENT_KINDS,
    Area,
    Category,
    Holding,
    area_of,
    areas,
    country_outline,
    drawing_order,
    forget_unused,
    from_groups,
    geojson_of,
    ground,
    once,
    polygon_groups,
    to_km,
)

# per country and towns: areas, shapes, and the lock that lets one build use them at a time
# (the app builds in threads: one language's document beside another's)
_LANDS: dict[bytes, tuple[dict, dict, threading.Lock]] = {}
_LANDS_KEPT = 2  # datasets whose areas are kept (the app's data and one more)


def forget() -> None:
    """Forget the discs, unions and areas made so far (benchmarks time each build from cold)."""
    territory.forget()
    _LANDS.clear()


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
                forget_unused(self._shapes)
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
            for tile in tiles.near(*to_km(h.lon, h.lat), reach):
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
                for tile in tiles.near(*to_km(town[2], town[1]), KEEP_CLEAR_KM):
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
        for category in sorted(pieces, key=drawing_order):
            made_of = tuple(digest for digest, _ in pieces[category])
            if made_of not in self.joined:
                self.joined[made_of] = self._joined(made_of, [s for _, s in pieces[category]])
            if self.joined[made_of] is not None:
                out.append(area_of(category, holdings, self.joined[made_of]))
        return out

    def _joined(self, made_of: tuple[bytes, ...], shapes: list) -> dict[str, Any] | None:
        """Return the GeoJSON of an area joined from its pieces (read from the store when
        the same pieces were joined before, in any data version)."""
        store = self.land.store
        key = area_store.key_of(b"joined", made_of) if store is not None else b""
        parts = self._kept_groups(store, store.get(key)) if store is not None else None
        if parts is None:
            joined, made = tiles.join(shapes), []
            parts = polygon_groups(joined, self.polygons, made)
            if parts is None:
                return geojson_of(joined)
            if store is not None:
                for group in made:
                    rings = json.dumps(self.polygons[group], separators=(",", ":"))
                    store.put(area_store.key_of(b"polygons", group), rings.encode("utf-8"))
                store.put(key, area_store.encode_groups(parts))
        return from_groups(parts, self.polygons)

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
            category: once(memo, ("snapped", made_of), lambda s=shape: tiles.snap(s))
            for category, (shape, made_of) in ground(near, towns, clip, memo).items()
        }
        forget_unused(memo)
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
