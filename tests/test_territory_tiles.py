"""Areas made tile by tile are the areas of the whole-country method (issue 22).

A tile's ground depends only on the holdings within reach of it, so the map's areas are
made per tile, once per set of holdings near the tile, and joined. They must cover the
ground the whole-country method covers, up to what simplifying each outline by 0.3 km
moves, name the same places, and come out the same every time.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import shapely
from shapely.geometry import box, shape

from kr_map import frames, model, territory, tiles
from kr_map import land as lands
from kr_map.loader import borders_beside, load

from .conftest import DATA, ROOT

# How far simplifying may move an outline, in degrees of latitude (the coarser of the two).
SIMPLIFY_DEG = 0.3 / territory._KM_PER_LAT


def _synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _every_frames_holdings(dataset) -> list[list[dict]]:
    periods = [frames.period_of(f) for f in frames.frame_sequence(dataset)]
    held = model.Frames(dataset, periods)
    return [held.held_records(i) for i in range(len(periods))]


def _drawn(dataset, borders, tiled: bool) -> list[list[territory.Area]]:
    lands.forget()
    land = lands.Land(dataset.places, borders, tiled=tiled)
    return [land.areas_of(records) for records in _every_frames_holdings(dataset)]


def _assert_same_ground(tiled: list, whole: list) -> None:
    """Every frame: the same areas in the same order, standing for the same places, each
    within a band of the simplification tolerance along its outline of the other's."""
    assert len(tiled) == len(whole)
    for mine, theirs in zip(tiled, whole, strict=True):
        assert [(a.factions, a.status, a.places) for a in mine] == [
            (a.factions, a.status, a.places) for a in theirs
        ]
        for a, b in zip(mine, theirs, strict=True):
            # rounding to 0.001 degree may make a ring touch itself: buffer(0) mends it
            drawn, reference = shape(a.geometry).buffer(0), shape(b.geometry).buffer(0)
            apart = drawn.symmetric_difference(reference).area
            assert apart <= reference.length * SIMPLIFY_DEG, (a.factions, a.status)


def test_tiled_areas_cover_the_ground_of_the_whole_country_method_on_the_bundled_data(dataset):
    borders = borders_beside(DATA)
    tiled, whole = _drawn(dataset, borders, True), _drawn(dataset, borders, False)
    assert sum(len(areas) for areas in whole) > 100  # the bundled data draws areas
    _assert_same_ground(tiled, whole)


def test_tiled_areas_cover_the_ground_of_the_whole_country_method_on_synthetic_data(
    tmp_path: Path,
):
    data = _synthetic().generate(tmp_path / "synthetic", 400, n_places=1200)
    dataset = load(data)
    borders = borders_beside(data)
    tiled, whole = _drawn(dataset, borders, True), _drawn(dataset, borders, False)
    assert any(a.status == "contested" for areas in whole for a in areas)
    _assert_same_ground(tiled, whole)


def test_the_same_holdings_always_give_the_same_tiled_areas(dataset):
    borders = borders_beside(DATA)
    assert _drawn(dataset, borders, True) == _drawn(dataset, borders, True)


def _holding(place_id, lat, lon, faction, kind="base"):
    return {"place_id": place_id, "place_name": place_id, "place_kind": kind, "place_lat": lat,
            "place_lon": lon, "faction_id": faction, "status": "stated"}  # fmt: skip


def test_a_change_of_hands_cuts_again_only_the_tiles_within_reach_of_the_place(
    dataset, monkeypatch
):
    """Pailin changing hands in the west re-cuts no tile near Anlong Veng in the north."""
    anlong_veng = _holding("anlong_veng", 14.2306, 104.0847, "khmer_rouge")
    before = [anlong_veng, _holding("pailin", 12.849, 102.6093, "khmer_rouge")]
    after = [anlong_veng, _holding("pailin", 12.849, 102.6093, "rgc")]
    lands.forget()
    land = lands.Land(dataset.places, borders_beside(DATA))
    land.areas_of(before)
    cut: list[shapely.Geometry] = []
    made = lands.ground  # the method as land.py calls it
    monkeypatch.setattr(
        lands,
        "ground",
        lambda h, s, clip, memo=None: cut.append(clip) or made(h, s, clip, memo),
    )
    areas = land.areas_of(after)
    assert {a.factions for a in areas} == {("khmer_rouge",), ("rgc",)}
    pailin = shapely.Point(*territory.to_km(102.6093, 12.849))
    reach = territory.REACH_KM["base"]
    assert cut and all(clip.distance(pailin) <= reach for clip in cut)
    assert all(clip.area <= tiles.TILE_KM**2 + 1e-6 for clip in cut)  # a tile each


def test_pieces_that_do_not_meet_edge_to_edge_are_still_joined_into_one():
    west = box(0, 0, 40, 40)
    # the east piece's edge has a vertex the west piece lacks: not a coverage
    east = shapely.Polygon([(40, 0), (80, 0), (80, 40), (40, 40), (40, 20.0000001)])
    joined = tiles.join([west, east])
    assert joined.geom_type == "Polygon" and joined.area == pytest.approx(3200)
