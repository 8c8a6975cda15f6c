"""`kr-map export`: the offline HTML map, and the events as CSV and GeoJSON."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import edtf
import pandas as pd
import pytest

from kr_map import cli, edtf_dates, intervals, model, offline, timeline
from kr_map.export import (
    CONTROL_COLUMNS,
    EVENT_COLUMNS,
    control_table,
    events_csv,
    events_geojson,
    events_table,
    export_html,
    geojson_text,
    movements_table,
    table_csv,
)
from kr_map.export_html import DATA_ELEMENT_ID, period_of
from kr_map.vocab import LAYERS, REGION_LAT, REGION_LON

from .hostile import mirror_translations

ROOT = Path(__file__).resolve().parents[1]
ATTACK = "<script>alert(1)</script>"
TEMPLATE_ATTACK = "`${alert(2)}` \\u0041 </div>"


def player_data(page: str) -> dict:
    """Return the JSON document the page's player reads, its lists per frame again."""
    match = re.search(
        rf'<script type="application/json" id="{DATA_ELEMENT_ID}">(.*?)</script>', page, re.S
    )
    assert match, "the page carries its frame data as JSON"
    return intervals.unpack(json.loads(match.group(1)))


def mount_options(page: str) -> dict:
    """Return the options the page mounts the player with (one player, one mount line)."""
    (options,) = re.findall(r"KrPlayer\.mount\(map_\w+, (\{.*?\})\);", page)
    return json.loads(options)


def frame_keys(page: str) -> list[str]:
    return [frame["key"] for frame in player_data(page)["frames"]]


@pytest.fixture(scope="module")
def full_page(dataset) -> str:
    return export_html(dataset)


def run(*argv: str) -> int:
    return cli.main(["export", *argv])


# --- The HTML map -------------------------------------------------------------------


def test_the_html_map_needs_nothing_from_the_internet(full_page):
    assert offline.external_urls(full_page) == []
    assert not re.search(r"<script[^>]*\bsrc=", full_page)
    assert not re.search(r"<link[^>]*\bhref=", full_page)


def test_the_html_map_carries_leaflet_inline(full_page):
    assert "Leaflet 1." in full_page  # leaflet.js's own banner
    assert ".leaflet-container" in full_page  # and its stylesheet
    assert "L.map(" in full_page


def test_every_year_from_1979_to_1999_has_a_frame(full_page, dataset):
    keys = frame_keys(full_page)
    for year in range(1979, 2000):
        assert str(year) in keys or f"{year}-01" in keys, year
    dense = model.dense_years(dataset)
    expected = [period_of(f).key for f in timeline.frames(1979, 1999, monthly=dense)]
    assert keys == expected
    assert "1989-10" in keys  # 1989 is dense: stepped month by month


def test_each_frame_refers_to_features_and_cards_the_document_holds(full_page):
    document = player_data(full_page)
    features, cards = document["features"], document["cards"]
    for frame in document["frames"]:
        for index in frame["features"]:
            feature = features[index]
            assert feature["layer"] in LAYERS
            assert all(0 <= card < len(cards) for card in feature.get("cards", []))
        assert set(frame["events"]) | set(frame["ongoing"]) <= set(document["events"])
    assert len(features) < sum(len(f["features"]) for f in document["frames"]) / 2  # stored once


def test_the_page_script_draws_nothing_itself_the_player_does(full_page):
    assert "window.KrPlayer" in full_page  # the one player, inline
    assert len(re.findall(r"KrPlayer\.mount\(map_", full_page)) == 1
    assert "L.marker(" not in full_page.split("KrPlayer.mount(map_")[1]
    assert mount_options(full_page)["docElement"] == DATA_ELEMENT_ID


def test_the_html_map_is_well_under_five_megabytes(full_page):
    assert len(full_page.encode("utf-8")) < 4_000_000


def test_from_and_to_limit_the_frames(dataset):
    keys = frame_keys(export_html(dataset, 1990, 1991))
    assert keys[0] == "1990"
    assert {key[:4] for key in keys} == {"1990", "1991"}


def test_layers_choose_what_the_player_shows_first_and_the_rest_stay_a_click_away(dataset):
    page = export_html(dataset, 1990, 1990, layers=("control", "battles"))
    assert mount_options(page)["layers"] == ["control", "battles"]
    assert player_data(page)["layers"] == list(LAYERS)


def test_the_same_data_gives_the_same_file(dataset):
    assert export_html(dataset, 1997, 1997) == export_html(dataset, 1997, 1997)


def test_a_frames_document_already_built_gives_the_same_file(dataset):
    # The app hands over its cached document, so the download is a render, not a rebuild.
    from kr_map import frames
    from kr_map.basemap import load_borders

    borders = load_borders(dataset.data_dir / "borders.geojson")
    document = frames.frames_document(dataset, 1989, 1990, borders=borders)
    assert export_html(dataset, 1989, 1990, document=document) == export_html(dataset, 1989, 1990)
    other = frames.frames_document(dataset, 1979, 1979, borders=borders)
    assert export_html(dataset, 1989, 1990, document=other) != export_html(dataset, 1989, 1990)


@pytest.mark.parametrize(
    ("first", "last", "layers"),
    [(1991, 1990, LAYERS), (1970, 1990, LAYERS), (1990, 2005, LAYERS), (1990, 1990, ("roads",))],
)
def test_impossible_requests_are_refused_with_a_reason(dataset, first, last, layers):
    with pytest.raises(ValueError, match=r"year|layer"):
        export_html(dataset, first, last, layers)


def retitle(data_dir: Path, titles: dict[str, str]) -> None:
    """Give events new titles in a copy of events.csv (other cells unchanged)."""
    path = data_dir / "events.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["title"] = titles.get(row["event_id"], row["title"])
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    mirror_translations(data_dir)  # their translations say the new titles too


def pailin_events(dataset) -> list[str]:
    return list(dataset.events[dataset.events["place_id"] == "pailin"]["event_id"])


def test_text_from_the_data_is_never_markup_in_the_html(data_copy, dataset):
    first, second = pailin_events(dataset)[:2]
    retitle(data_copy, {first: ATTACK, second: TEMPLATE_ATTACK})
    out = data_copy.parent / "map.html"
    assert run(str(out), "--data", str(data_copy), "--from", "1989", "--to", "1994") == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in page
    outside_json = re.sub(rf'id="{DATA_ELEMENT_ID}">.*?</script>', "", page, flags=re.S)
    assert "alert(2)" not in outside_json  # neither in the markup nor in the map's script
    document = player_data(page)
    titles = [event["title"] for event in document["events"].values()]
    assert ATTACK in titles and TEMPLATE_ATTACK in titles  # kept as text, shown with textContent


# --- CSV and GeoJSON ----------------------------------------------------------------


def test_the_csv_has_one_row_per_event_with_the_documented_columns(dataset):
    table = pd.read_csv(io.StringIO(events_csv(dataset)), dtype=str, keep_default_na=False)
    assert tuple(table.columns) == EVENT_COLUMNS
    assert len(table) == len(dataset.events)
    assert list(table["event_id"]) == list(dataset.events["event_id"])


def test_the_csv_joins_each_event_to_its_place(dataset):
    table = pd.read_csv(io.StringIO(events_csv(dataset)), dtype=str, keep_default_na=False)
    at_pailin = table[table["place_id"] == "pailin"].iloc[0]
    assert (at_pailin["place_name"], at_pailin["lat"], at_pailin["lon"]) == (
        "Pailin",
        "12.849",
        "102.6093",
    )
    unplaced = table[table["place_id"] == ""]
    assert len(unplaced) and (unplaced[["place_name", "lat", "lon"]] == "").all().all()


def test_the_csv_and_geojson_are_deterministic(dataset):
    assert events_csv(dataset) == events_csv(dataset)
    assert geojson_text(dataset) == geojson_text(dataset)


def test_the_geojson_is_an_rfc_7946_feature_collection(dataset):
    document = json.loads(geojson_text(dataset))
    assert document["type"] == "FeatureCollection"
    assert "crs" not in document
    for feature in document["features"]:
        assert feature["type"] == "Feature"
        assert set(feature) >= {"type", "geometry", "properties"}
        geometry = feature["geometry"]
        assert geometry is None or geometry["type"] in ("Point", "LineString")
        assert feature["properties"]["feature_type"] in ("event", "control", "movement")


def positions(geometry: dict) -> list[list[float]]:
    return [geometry["coordinates"]] if geometry["type"] == "Point" else geometry["coordinates"]


def test_geojson_coordinates_are_longitude_then_latitude_inside_the_region(dataset):
    features = events_geojson(dataset)["features"]
    for feature in features:
        if feature["geometry"] is None:
            continue
        for lon, lat in positions(feature["geometry"]):
            assert REGION_LON[0] <= lon <= REGION_LON[1] and REGION_LAT[0] <= lat <= REGION_LAT[1]
    pailin = next(f for f in features if f["properties"].get("place_id") == "pailin")
    assert pailin["geometry"]["coordinates"] == [102.6093, 12.849]


def test_geojson_has_every_event_and_every_movement(dataset):
    features = events_geojson(dataset)["features"]
    events = [f for f in features if f["properties"]["feature_type"] == "event"]
    moves = [f for f in features if f["properties"]["feature_type"] == "movement"]
    assert [f["id"] for f in events] == list(dataset.events["event_id"])
    assert len(moves) == len(dataset.movements)
    # a line where the source names the destination, else only the origin: no made-up route
    for move in moves:
        named = bool(move["properties"]["to_place"])
        assert move["geometry"]["type"] == ("LineString" if named else "Point")
    assert {"from_place", "to_place", "distance_km", "seed", "quote"} <= set(moves[0]["properties"])
    unplaced = [f for f in events if not f["properties"]["place_id"]]
    assert unplaced and all(f["geometry"] is None for f in unplaced)


def test_counts_are_numbers_and_missing_values_null_in_geojson(dataset):
    features = events_geojson(dataset)["features"]
    counted = [f["properties"] for f in features if f["properties"].get("people_low") is not None]
    assert counted and all(isinstance(p["people_low"], int) for p in counted)
    assert any(f["properties"].get("people_high", 0) is None for f in features)


# --- The command, as people run it -------------------------------------------------


def test_export_writes_the_format_its_name_asks_for(tmp_path, dataset, capsys):
    assert run(str(tmp_path / "events.csv")) == 0
    assert run(str(tmp_path / "events.geojson")) == 0
    assert run(str(tmp_path / "events.txt"), "--format", "csv") == 0
    csv_text = (tmp_path / "events.csv").read_text(encoding="utf-8")
    assert csv_text == events_csv(dataset) == (tmp_path / "events.txt").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "events.geojson").read_text(encoding="utf-8"))["features"]
    assert "Wrote" in capsys.readouterr().out


def test_export_html_from_the_command_line(tmp_path, capsys):
    out = tmp_path / "map.html"
    assert run(str(out), "--from", "1990", "--to", "1991", "--layers", "control,battles") == 0
    page = out.read_text(encoding="utf-8")
    assert offline.external_urls(page) == []
    assert {k[:4] for k in frame_keys(page)} == {"1990", "1991"}
    assert mount_options(page)["layers"] == ["control", "battles"]
    assert "needs no internet" in capsys.readouterr().out


def test_export_refuses_to_overwrite_without_force(tmp_path, capsys):
    out = tmp_path / "events.csv"
    out.write_text("my own notes\n", encoding="utf-8")
    assert run(str(out)) == 1
    assert out.read_text(encoding="utf-8") == "my own notes\n"
    assert "already exists; pass --force" in capsys.readouterr().err
    assert run(str(out), "--force") == 0
    assert out.read_text(encoding="utf-8").startswith("event_id,title,")


def test_export_writes_atomically_and_leaves_the_old_file_if_the_write_fails(
    tmp_path, monkeypatch, capsys
):
    out = tmp_path / "events.csv"
    out.write_text("old export\n", encoding="utf-8")

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("kr_map.atomic.os.replace", disk_full)
    assert run(str(out), "--force") == 1
    assert out.read_text(encoding="utf-8") == "old export\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["events.csv"]  # no temp file left
    assert "No space left on device" in capsys.readouterr().err


def test_export_never_writes_over_the_data_tables(data_copy, capsys):
    target = data_copy / "events.csv"
    before = target.read_text(encoding="utf-8")
    assert run(str(target), "--data", str(data_copy), "--force") == 1
    assert target.read_text(encoding="utf-8") == before
    assert "nothing is written there, even with --force" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "1991", "--to", "1990"], "--from 1991 is after --to 1990"),
        (["--layers", "control"], "only apply to the HTML map"),
    ],
)
def test_inconsistent_options_are_refused_with_a_message(tmp_path, capsys, argv, message):
    out = tmp_path / "events.csv"
    assert run(str(out), *argv) == 2
    assert message in capsys.readouterr().err
    assert not out.exists()


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--from", "1970"], "must be a year from 1979 to 1999, got '1970'"),
        (["--to", "2001"], "must be a year from 1979 to 1999"),
        (["--from", "soon"], "must be a year from 1979 to 1999"),
        (["--layers", "control,roads"], "unknown layer 'roads'"),
        (["--format", "pdf"], "invalid choice: 'pdf'"),
    ],
)
def test_bad_arguments_exit_with_a_usage_message(tmp_path, capsys, argv, message):
    with pytest.raises(SystemExit) as exit_info:
        run(str(tmp_path / "map.html"), *argv)
    assert exit_info.value.code == 2
    assert message in capsys.readouterr().err
    assert not (tmp_path / "map.html").exists()


def test_an_unknown_suffix_needs_a_format(tmp_path, capsys):
    assert run(str(tmp_path / "map.pdf")) == 2
    assert "pass --format" in capsys.readouterr().err


def test_a_missing_folder_is_reported(tmp_path, capsys):
    assert run(str(tmp_path / "no" / "such" / "map.csv")) == 1
    assert "does not exist" in capsys.readouterr().err


def test_broken_data_is_reported_and_nothing_is_written(data_copy, capsys):
    events = data_copy / "events.csv"
    events.write_text(events.read_text(encoding="utf-8").replace(",pailin,", ",nowhere,", 1))
    out = data_copy.parent / "events.csv"
    assert run(str(out), "--data", str(data_copy)) == 1
    assert "kr-map validate" in capsys.readouterr().err
    assert not out.exists()


def kr_map_command() -> list[str]:
    installed = shutil.which("kr-map")
    return [installed] if installed else [sys.executable, "-m", "kr_map.cli"]


def test_the_installed_command_exports_geojson_and_reports_bad_input_without_traceback(tmp_path):
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    out = tmp_path / "events.geojson"
    done = subprocess.run(
        [*kr_map_command(), "export", str(out)], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["type"] == "FeatureCollection"
    again = subprocess.run(
        [*kr_map_command(), "export", str(out)], capture_output=True, text=True, env=env
    )
    assert again.returncode == 1
    assert "already exists" in again.stderr and "Traceback" not in again.stderr
    wrong = subprocess.run(
        [*kr_map_command(), "export", str(tmp_path / "m.html"), "--from", "1995", "--to", "1980"],
        capture_output=True,
        text=True,
        env=env,
    )
    assert wrong.returncode == 2
    assert "after --to" in wrong.stderr and "Traceback" not in wrong.stderr


# --- The whole story in the exports: control, movements, standard dates, sources ------


def read_table(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def test_the_control_timeline_csv_has_every_holding_with_its_start_end_and_source(dataset):
    table = read_table(table_csv(dataset, "control"))
    assert len(table) == len(dataset.control)
    assert set(CONTROL_COLUMNS) <= set(table.columns)
    pailin = table[(table["place_id"] == "pailin") & (table["since"] == "1989-10-24")].iloc[0]
    assert pailin["faction_id"] == "khmer_rouge" and pailin["previous_faction"] == "prk"
    assert (pailin["edtf"], pailin["earliest"], pailin["latest"]) == (
        "1989-10-24", "1989-10-24", "1989-10-24",
    )  # fmt: skip
    assert pailin["until"] == "1994-03-18"  # the government's capture, 18 or 19 March 1994
    assert pailin["until_basis"].startswith("inferred")
    assert pailin["source_url"] == "https://en.wikipedia.org/wiki/Battle_of_Pailin"
    assert pailin["seed"] == "battle_of_pailin.txt" and "Pailin" in pailin["quote"]
    retaken = table[(table["place_id"] == "pailin") & (table["precision"] == "range")].iloc[0]
    assert retaken["edtf"] == "1994-03-18/1994-03-19"
    assert (retaken["earliest"], retaken["latest"]) == ("1994-03-18", "1994-03-19")


def test_the_control_export_keeps_columns_the_control_model_adds(dataset):
    grown = dataclasses.replace(
        dataset, control=dataset.control.assign(basis="stated", last_attested="1998")
    )
    table = control_table(grown)
    assert list(table["basis"].unique()) == ["stated"]
    assert "last_attested" in table.columns and "attested" not in table.columns


def test_movements_csv_shows_distances_between_approximate_places_as_approximate(dataset):
    table = read_table(table_csv(dataset, "movements"))
    assert len(table) == len(dataset.movements)
    rough = table[table["distance_approximate"] == "True"]
    assert len(rough) and rough["distance"].str.startswith("≈ ").all()
    exact = table[table["distance_approximate"] == "False"]
    assert (~exact["distance"].str.startswith("≈")).all()
    assert set(table["source_url"]) <= {
        "https://en.wikipedia.org/wiki/Khmer_Rouge_insurgency",
        "https://en.wikipedia.org/wiki/Battle_of_Pailin",
    }


def test_every_exported_date_is_edtf_that_the_edtf_package_reads_back(dataset):
    tables = [events_table(dataset), movements_table(dataset), control_table(dataset)]
    for table in tables:
        for text, earliest, latest in zip(
            table["edtf"], table["earliest"], table["latest"], strict=True
        ):
            parsed = edtf.parse_edtf(text)
            assert edtf.struct_time_to_date(parsed.lower_strict()).isoformat() == earliest, text
            if not text.endswith("-24"):  # the package ends a winter in its own December
                assert edtf.struct_time_to_date(parsed.upper_strict()).isoformat() == latest, text
    seasons = set(events_table(dataset).query("precision == 'season'")["edtf"])
    assert {"1979-22", "1981-33", "1984-36", "1993-24"} <= seasons


@pytest.mark.parametrize(
    ("start", "end", "precision", "expected"),
    [
        ("1985-01", "", "month", "1985-01"),
        ("1984-11", "1985-04", "month", "1984-11/1985-04"),
        ("1979-06", "", "season", "1979-22"),
        ("1985-02", "", "season", "1985-02/1985-04"),
        ("1980", "1989", "range", "198X"),
        ("1979/1984", "", "range", "1979/1984"),
        ("1993-07-07", "1993", "range", "1993-07-07/1993-12-31"),
    ],
)
def test_each_precision_maps_to_edtf(start, end, precision, expected):
    assert edtf_dates.edtf_of(start, end, precision) == expected
    assert edtf_dates.edtf_date(start, end, precision).edtf == expected


def test_geojson_features_carry_iso_start_and_end_for_time_aware_viewers(dataset):
    features = events_geojson(dataset)["features"]
    fall = next(f for f in features if f["id"] == "fall_of_pailin_1989")["properties"]
    assert (fall["start"], fall["end"], fall["start_written"]) == (
        "1989-10-24", "1989-10-24", "1989-10-24",
    )  # fmt: skip
    holdings = [f for f in features if f["properties"]["feature_type"] == "control"]
    assert len(holdings) == len(dataset.control)
    kr_pailin = next(
        f["properties"] for f in holdings
        if f["properties"]["place_id"] == "pailin" and f["properties"]["since"] == "1989-10-24"
    )  # fmt: skip
    assert (kr_pailin["start"], kr_pailin["end"]) == ("1989-10-24", "1994-03-17")
    open_ended = [f for f in holdings if not f["properties"]["until"]]
    assert open_ended and all(f["properties"]["end"] is None for f in open_ended)


def test_export_of_one_table_and_refusal_to_write_among_the_sources(tmp_path, capsys):
    assert run(str(tmp_path / "control.csv"), "--table", "control") == 0
    assert read_table((tmp_path / "control.csv").read_text(encoding="utf-8"))["since"].size
    assert run(str(tmp_path / "all.csv"), "--table", "all") == 2
    seed = ROOT / "seeds" / "battle_of_pailin.txt"
    before = seed.read_bytes()
    assert run(str(seed), "--format", "csv", "--force") == 1
    assert seed.read_bytes() == before
    assert "nothing is written there, even with --force" in capsys.readouterr().err
    assert run(str(ROOT / "data" / "new-export.csv")) == 1
    assert not (ROOT / "data" / "new-export.csv").exists()
