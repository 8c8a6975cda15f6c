"""The exports read back by the field's own tools: GDAL (pyogrio), geojson-validator, frictionless."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from frictionless import Resource

from kr_map.export import geojson_text, table_csv

pyogrio = pytest.importorskip("pyogrio")
shapely = pytest.importorskip("shapely")
geojson_validator = pytest.importorskip("geojson_validator")


@pytest.fixture(scope="module")
def exported(tmp_path_factory, dataset) -> Path:
    folder = tmp_path_factory.mktemp("exports")
    (folder / "kr-map.geojson").write_text(geojson_text(dataset), encoding="utf-8")
    for table in ("events", "control", "movements"):
        (folder / f"{table}.csv").write_text(table_csv(dataset, table), encoding="utf-8")
    return folder


def gdal_read(path: Path) -> tuple[dict, pd.DataFrame]:
    """Return GDAL's layer metadata and its features as a table with shapely geometries."""
    meta, _, geometry, values = pyogrio.raw.read(path)
    table = pd.DataFrame(dict(zip(meta["fields"], values, strict=True)))
    shapes = [None if g is None else shapely.from_wkb(g) for g in geometry]
    return meta, table.assign(geometry=shapes)


def test_gdal_reads_every_feature_of_the_geojson(exported, dataset):
    meta, frame = gdal_read(exported / "kr-map.geojson")
    assert meta["crs"] == "EPSG:4326"
    types = dict(zip(meta["fields"], meta["ogr_types"], strict=True))
    assert types["start"] == types["end"] == "OFTDate"  # what time-aware viewers animate
    expected = len(dataset.events) + len(dataset.control) + len(dataset.movements)
    assert len(frame) == expected
    kinds = frame["feature_type"].value_counts().to_dict()
    assert kinds == {"event": len(dataset.events), "control": len(dataset.control),
                     "movement": len(dataset.movements)}  # fmt: skip
    taken = frame[(frame["place_id"] == "pailin") & (frame["feature_type"] == "control")
                  & (frame["faction_id"] == "khmer_rouge")]  # fmt: skip
    assert "1989-10-24" in {str(value)[:10] for value in taken["start"]}
    point = taken["geometry"].iloc[0]
    assert (round(point.x, 4), round(point.y, 4)) == (102.6093, 12.849)
    moves = frame[frame["feature_type"] == "movement"]
    named = moves["to_place"].fillna("") != ""
    assert {shape.geom_type for shape in moves.loc[named, "geometry"]} == {"LineString"}
    assert {shape.geom_type for shape in moves.loc[~named, "geometry"]} == {"Point"}
    unplaced = frame[(frame["feature_type"] == "event") & frame["geometry"].isna()]
    assert len(unplaced) == int(dataset.events["place_id"].eq("").sum())


def test_geojson_validator_finds_no_invalid_geometry_or_criteria(exported):
    document = json.loads((exported / "kr-map.geojson").read_text(encoding="utf-8"))
    assert geojson_validator.validate_structure(document, check_crs=True) == {}
    problems = geojson_validator.validate_geometries(document)
    assert problems["invalid"] == {} and problems["problematic"] == {}, problems
    counted = sum(problems["count_geometry_types"].values())
    assert counted == sum(f["geometry"] is not None for f in document["features"])


@pytest.mark.parametrize(
    ("table", "rows_of"),
    [("events", "events"), ("control", "control"), ("movements", "movements")],
)
def test_frictionless_reads_each_csv_with_every_row(exported, dataset, table, rows_of):
    report = Resource(f"{table}.csv", basepath=str(exported)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = Resource(f"{table}.csv", basepath=str(exported)).read_rows()
    assert len(rows) == len(getattr(dataset, rows_of))


def test_frictionless_sees_the_fall_of_pailin_with_its_source(exported):
    rows = Resource("events.csv", basepath=str(exported)).read_rows()
    fall = next(row for row in rows if row["event_id"] == "fall_of_pailin_1989")
    assert str(fall["earliest"]) == "1989-10-24" and str(fall["edtf"]) == "1989-10-24"
    assert fall["source_url"] == "https://en.wikipedia.org/wiki/Battle_of_Pailin"
