"""A corpus of broken data folders: each one is refused with one clear, first problem.

Every case is a copy of the shipped data/ and seeds/ in ``tmp_path`` with one thing
broken, as a careless or hostile user might break it. For each, ``kr-map validate``,
``kr-map state`` and ``loader.load`` must: fail (exit 1 / ``DataError``), name the file
at fault first as ``file:row:column: message``, not show a traceback, print no partial
result, and leave every file of the user's exactly as it was.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from kr_map.cli import main
from kr_map.loader import load
from kr_map.problems import DataError

from .conftest import DATA, SEEDS


def read_table(path: Path) -> tuple[list[str], list[list[str]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        lines = list(csv.reader(handle))
    return lines[0], lines[1:]


def write_table(path: Path, header, rows, *, encoding: str = "utf-8") -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def set_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell, ``row`` as a spreadsheet counts it (header is row 1)."""
    header, rows = read_table(path)
    rows[row - 2][header.index(column)] = value
    write_table(path, header, rows)


def set_latin1_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell to text saved as Latin-1 (as an old spreadsheet would save it)."""
    set_cell(path, row, column, value)
    path.write_bytes(path.read_bytes().replace(value.encode(), value.encode("latin-1")))


def header_only(path: Path) -> None:
    header, _ = read_table(path)
    write_table(path, header, [])


def rename_column(path: Path, old: str, new: str) -> None:
    header, rows = read_table(path)
    header[header.index(old)] = new
    write_table(path, header, rows)


def reencode(path: Path, encoding: str) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode(encoding))


def resave_separated(path: Path, separator: str) -> None:
    """Save the table as a spreadsheet set to French saves "CSV": semicolons between the
    columns, decimal commas in the numbers, a BOM, CRLF (or tabs, from a copied table)."""
    header, rows = read_table(path)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(
        [[cell.replace(".", ",") if _number(cell) else cell for cell in row] for row in rows]
    )
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))


def _number(cell: str) -> bool:
    try:
        float(cell)
    except ValueError:
        return False
    return True


def drop_faction(path: Path, faction_id: str) -> None:
    header, rows = read_table(path)
    write_table(path, header, [r for r in rows if r[0] != faction_id])


def drop_story_step(path: Path, step: str) -> None:
    header, rows = read_table(path)
    write_table(path, header, [r for r in rows if r[0] != step])


def seed_not_utf8(seeds: Path) -> None:
    seed = seeds / "battle_of_pailin.txt"
    lines = seed.read_bytes().split(b"\n")
    lines[4] = b"Caf\xe9 " + lines[4]  # a Latin-1 e-acute on line 5
    seed.write_bytes(b"\n".join(lines))


@dataclass(frozen=True)
class Case:
    """One broken folder: how to break it, and the problem that must come first."""

    name: str
    breaks: Callable[[Path, Path], Path | None]  # (data, seeds) -> data path to give, or None
    file: str  # the file at fault ("{data}" stands for the data path given)
    row: int
    column: str
    words: str  # words the first message must contain
    most: int = 3  # at most this many problems: no cascade of knock-on errors


CASES = [
    Case("movements header only", lambda d, s: header_only(d / "movements.csv"),
         "data/movements.csv", 2, "", "no rows"),
    Case("control header only", lambda d, s: header_only(d / "control.csv"),
         "data/control.csv", 2, "", "no rows"),
    Case("seed not UTF-8", lambda d, s: seed_not_utf8(s),
         "seeds/battle_of_pailin.txt", 5, "", "not UTF-8", most=1),
    Case("seeds folder missing", lambda d, s: _remove_tree(s),
         "seeds/", 0, "", "folder not found", most=1),
    Case("data path is a file", lambda d, s: d / "places.csv",
         "{data}", 0, "", "is a file, not a folder", most=1),
    Case("data folder missing", lambda d, s: d.parent / "nowhere",
         "{data}", 0, "", "folder not found", most=1),
    Case("borders missing", lambda d, s: (d / "borders.geojson").unlink(),
         "data/borders.geojson", 0, "", "file not found", most=1),
    Case("borders corrupt", lambda d, s: _cut_short(d / "borders.geojson"),
         "data/borders.geojson", 3, "", "not valid GeoJSON", most=1),
    Case("borders not a feature collection",
         lambda d, s: _write(d / "borders.geojson", '{"type": "Point"}'),
         "data/borders.geojson", 1, "type", "FeatureCollection", most=1),
    Case("faction missing from factions.csv", lambda d, s: drop_faction(d / "factions.csv", "rgc"),
         "data/factions.csv", 9, "faction_id", "rgc", most=1),
    Case("story month 13", lambda d, s: set_cell(d / "story.csv", 3, "date", "1979-13"),
         "data/story.csv", 3, "date", "month 13", most=1),
    Case("story date a day", lambda d, s: set_cell(d / "story.csv", 3, "date", "1979-11-19"),
         "data/story.csv", 3, "date", "a year like 1982", most=1),
    Case("story steps with a gap", lambda d, s: drop_story_step(d / "story.csv", "2"),
         "data/story.csv", 3, "step", "expected 2", most=1),
    Case("story date a range (its 'month' read as 19)", lambda d, s: set_cell(d / "story.csv", 3, "date", "1984/1986"),
         "data/story.csv", 3, "date", "a year like 1982", most=1),
    Case("story date not a date", lambda d, s: set_cell(d / "story.csv", 3, "date", "spring 89"),
         "data/story.csv", 3, "date", "spring 89", most=1),
    Case("story date outside the map's years",
         lambda d, s: set_cell(d / "story.csv", 3, "date", "2005"),
         "data/story.csv", 3, "date", "1979 to 1999", most=1),
    Case("story latitude 95", lambda d, s: set_cell(d / "story.csv", 2, "lat", "95"),
         "data/story.csv", 2, "lat", "outside the map's region", most=1),
    Case("places.csv Latin-1",
         lambda d, s: set_latin1_cell(d / "places.csv", 6, "name", "Phnom Penh ré"),
         "data/places.csv", 6, "name", "not UTF-8", most=1),
    Case("places.csv UTF-16", lambda d, s: reencode(d / "places.csv", "utf-16"),
         "data/places.csv", 1, "", "UTF-16", most=1),
    Case("places.csv UTF-16 without a BOM", lambda d, s: reencode(d / "places.csv", "utf-16-le"),
         "data/places.csv", 1, "", "UTF-16", most=1),
    Case("factions.csv Latin-1",
         lambda d, s: set_latin1_cell(d / "factions.csv", 3, "name", "Fédération"),
         "data/factions.csv", 3, "name", "not UTF-8", most=1),
    Case("factions.csv UTF-16", lambda d, s: reencode(d / "factions.csv", "utf-16"),
         "data/factions.csv", 1, "", "UTF-16", most=1),
    Case("places.csv saved with semicolons and decimal commas (a French spreadsheet)",
         lambda d, s: resave_separated(d / "places.csv", ";"),
         "data/places.csv", 1, "", "separated by semicolons (;), not by commas", most=1),
    Case("events.csv saved with tabs", lambda d, s: resave_separated(d / "events.csv", "\t"),
         "data/events.csv", 1, "", "separated by tabs", most=1),
    Case("places.csv without its key column",
         lambda d, s: rename_column(d / "places.csv", "place_id", "id"),
         "data/places.csv", 1, "place_id", "missing", most=1),
    Case("factions.csv without its key column",
         lambda d, s: rename_column(d / "factions.csv", "faction_id", "id"),
         "data/factions.csv", 1, "faction_id", "missing", most=1),
    Case("duplicate column name", lambda d, s: rename_column(d / "events.csv", "summary", "title"),
         "data/events.csv", 1, "title", "appears twice", most=2),
    Case("a 1 MB field", lambda d, s: set_cell(d / "events.csv", 2, "title", "x" * 1_000_000),
         "data/events.csv", 2, "title", "1,000,000 characters", most=1),
    Case("a NUL byte in one cell",
         lambda d, s: set_cell(d / "events.csv", 3, "title", "Fall of\x00 Phnom Penh"),
         "data/events.csv", 3, "title", "NUL character", most=1),
    Case("a 1 MB quote", lambda d, s: set_cell(d / "control.csv", 4, "quote", "y" * 1_000_000),
         "data/control.csv", 4, "quote", "characters", most=1),
]  # fmt: skip


def _remove_tree(path: Path) -> None:
    for child in path.iterdir():
        child.unlink()
    path.rmdir()


def _write(path: Path, text: str) -> None:
    path.write_text(text, encoding="utf-8")


def _cut_short(path: Path) -> None:
    """Write a borders file that stops mid-way, as an interrupted copy would (line 3)."""
    path.write_text('{"type": "FeatureCollection", "features": [\n  {"type": "Feature",\n')


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.fixture(params=CASES, ids=lambda case: case.name)
def broken(request, tmp_path: Path):
    """Return (case, the data path to give, the expected file label) for a broken copy."""
    import shutil

    case: Case = request.param
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    given = case.breaks(tmp_path / "data", tmp_path / "seeds") or tmp_path / "data"
    return case, given, case.file.replace("{data}", str(given))


def expected_prefix(case: Case, label: str) -> str:
    return f"{label}:{case.row}:{case.column}: "


def test_load_raises_data_error_naming_the_file_at_fault_first(broken, tmp_path):
    case, given, label = broken
    before = snapshot(tmp_path)
    with pytest.raises(DataError) as caught:
        load(given)
    first = caught.value.problems[0]
    assert (first.file, first.row, first.column) == (label, case.row, case.column)
    assert case.words in first.message
    assert len(caught.value.problems) <= case.most, caught.value.report()
    assert snapshot(tmp_path) == before


def test_validate_exits_1_and_prints_the_cause_first(broken, tmp_path, capsys):
    case, given, label = broken
    before = snapshot(tmp_path)
    assert main(["validate", str(given)]) == 1
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].startswith(expected_prefix(case, label)), out
    assert case.words in lines[0]
    assert len(lines) <= case.most
    assert "Traceback" not in err and "Error:" not in err
    assert snapshot(tmp_path) == before


def test_state_exits_1_with_the_problem_and_prints_no_partial_answer(broken, tmp_path, capsys):
    case, given, label = broken
    before = snapshot(tmp_path)
    assert main(["state", "--date", "1989-10-24", "--data", str(given)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines()[0].startswith(expected_prefix(case, label)), err
    assert "Traceback" not in err
    assert snapshot(tmp_path) == before


def test_knock_on_unknown_place_ids_are_not_listed_when_places_csv_is_unreadable(data_copy):
    reencode(data_copy / "places.csv", "utf-16")
    with pytest.raises(DataError) as caught:
        load(data_copy)
    assert "unknown place id" not in caught.value.report()


def test_repeated_unknown_ids_are_grouped_in_one_line(data_copy):
    events = data_copy / "events.csv"
    header, rows = read_table(events)
    for row in rows[:6]:
        row[header.index("place_id")] = "atlantis"
    write_table(events, header, rows)
    with pytest.raises(DataError) as caught:
        load(data_copy)
    lines = [str(p) for p in caught.value.problems if "atlantis" in p.message]
    assert lines == [
        "data/events.csv:2:place_id: unknown place id 'atlantis': not in places.csv "
        "(also in 5 more rows: 3, 4, 5, 6, 7)"
    ]


def test_an_empty_story_is_allowed_but_an_empty_events_table_is_not(data_copy):
    header_only(data_copy / "story.csv")
    assert len(load(data_copy).story) == 0
    header_only(data_copy / "events.csv")
    with pytest.raises(DataError, match=r"events\.csv:2::"):
        load(data_copy)


@pytest.mark.parametrize("command", ["validate", "state"])
def test_the_real_command_shows_no_traceback_for_an_unreadable_seed(data_copy, command):
    seed_not_utf8(data_copy.parent / "seeds")
    args = (
        [str(data_copy)] if command == "validate" else ["--date", "1990", "--data", str(data_copy)]
    )
    result = subprocess.run(
        [sys.executable, "-m", "kr_map.cli", command, *args],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "seeds/battle_of_pailin.txt:5::" in result.stdout + result.stderr


def test_a_borders_file_that_is_valid_json_but_not_geojson_is_named():
    from kr_map.loader import check_borders

    assert check_borders(DATA / "borders.geojson") == []


def test_borders_problem_carries_the_json_line(tmp_path):
    from kr_map.loader import check_borders

    path = tmp_path / "borders.geojson"
    path.write_text('{\n  "type": "FeatureCollection",\n  "features": [,]\n}')
    (problem,) = check_borders(path)
    assert problem.row == 3 and "not valid GeoJSON" in problem.message
    path.write_text(json.dumps({"type": "FeatureCollection", "features": [{"type": "Feature"}]}))
    (problem,) = check_borders(path)
    assert problem.column == "features" and "feature 1" in problem.message


APP_CASES = ["borders corrupt", "places.csv UTF-16", "seed not UTF-8", "data path is a file"]


@pytest.fixture(params=APP_CASES)
def broken_for_app(request, tmp_path):
    import shutil

    case = next(c for c in CASES if c.name == request.param)
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    given = case.breaks(tmp_path / "data", tmp_path / "seeds") or tmp_path / "data"
    return case, given, case.file.replace("{data}", str(given))


def test_the_app_lists_the_problems_instead_of_a_traceback(broken_for_app, monkeypatch):
    from streamlit.testing.v1 import AppTest

    case, given, label = broken_for_app
    monkeypatch.setenv("KR_MAP_DATA", str(given))
    app = AppTest.from_file(str(DATA.parent / "app.py"), default_timeout=60).run()
    assert not app.exception
    assert len(app.error) == 1
    assert app.code[0].value.startswith(expected_prefix(case, label))
