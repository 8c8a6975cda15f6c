"""`kr-map validate` passes on the shipped data and names file, row and column on broken copies."""

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kr_map import loader
from kr_map.cli import main
from kr_map.problems import DataError
from kr_map.validation import normalise_space

from .conftest import DATA, SEEDS


def rewrite(path: Path, change) -> None:
    """Read a CSV as dicts, let ``change`` edit the rows and header, and write it back."""
    with path.open(encoding="utf-8", newline="") as handle:
        table = list(csv.DictReader(handle))
    fields = change(table, list(table[0]))
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(
            handle, fieldnames=fields, extrasaction="ignore", lineterminator="\n"
        )
        writer.writeheader()
        writer.writerows(table)


def edit_cell(path: Path, row: int, column: str, value: str) -> None:
    """Set one cell; ``row`` counted as a spreadsheet shows it (header is row 1)."""

    def change(table, fields):
        table[row - 2][column] = value
        return fields

    rewrite(path, change)


def drop_column(path: Path, column: str) -> None:
    rewrite(path, lambda table, fields: [f for f in fields if f != column])


def problems_of(data_dir: Path) -> list[str]:
    _, problems = loader.validate(data_dir)
    return [str(p) for p in problems]


def test_every_quote_is_word_for_word_in_its_seed():
    seeds = {p.name: normalise_space(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}
    checked = 0
    for table in ("control", "events", "movements"):
        with (DATA / f"{table}.csv").open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                assert normalise_space(row["quote"]) in seeds[row["seed"]], (table, row["quote"])
                checked += 1
    assert checked >= 50 + 15 + 8


def test_the_shipped_data_is_valid_and_above_the_floor(capsys):
    assert main(["validate"]) == 0
    assert "is valid" in capsys.readouterr().out
    data = loader.load(DATA, SEEDS)
    assert len(data.places) >= 25 and len(data.events) >= 50
    assert len(data.control) >= 15 and len(data.movements) >= 8


def test_missing_column_is_named(data_copy, capsys):
    drop_column(data_copy / "events.csv", "quote")
    assert main(["validate", str(data_copy)]) == 1
    assert "data/events.csv:1:quote: required column `quote` is missing" in capsys.readouterr().out


def test_validate_takes_the_folder_as_every_command_does_with_data(data_copy, capsys):
    """``--data`` is how state, export, geocode and handout take the folder: validate too."""
    drop_column(data_copy / "events.csv", "quote")
    assert main(["validate", "--data", str(data_copy)]) == 1
    assert "data/events.csv:1:quote:" in capsys.readouterr().out
    assert main(["validate", str(data_copy), "--data", str(data_copy)]) == 1  # the same folder
    capsys.readouterr()
    assert main(["validate", str(data_copy), "--data", str(DATA)]) == 2  # two: refused
    assert "two data folders given" in capsys.readouterr().err


def test_bad_date_names_file_row_and_column(data_copy):
    edit_cell(data_copy / "events.csv", 2, "start", "24/10/89")
    assert any(
        p.startswith("data/events.csv:2:start:") and "24/10/89" in p for p in problems_of(data_copy)
    )


def test_impossible_date_is_refused(data_copy):
    edit_cell(data_copy / "control.csv", 3, "since", "1989-02-30")
    assert any(p.startswith("data/control.csv:3:since:") for p in problems_of(data_copy))


def test_end_before_start_is_refused(data_copy):
    edit_cell(data_copy / "movements.csv", 2, "end", "1950")
    edit_cell(data_copy / "movements.csv", 2, "precision", "range")
    assert any(
        p.startswith("data/movements.csv:2:end:") and "before" in p for p in problems_of(data_copy)
    )


def test_unknown_place_is_named(data_copy):
    edit_cell(data_copy / "control.csv", 2, "place_id", "atlantis")
    found = problems_of(data_copy)
    assert "data/control.csv:2:place_id: unknown place id 'atlantis': not in places.csv" in found


def test_latitude_out_of_range_is_named(data_copy):
    edit_cell(data_copy / "places.csv", 2, "lat", "95.5")
    assert any(
        p.startswith("data/places.csv:2:lat:") and "outside" in p for p in problems_of(data_copy)
    )


def test_quote_not_in_seed_is_named(data_copy):
    edit_cell(data_copy / "events.csv", 4, "quote", "The Khmer Rouge won the 1993 election.")
    found = problems_of(data_copy)
    assert any(p.startswith("data/events.csv:4:quote:") and "word for word" in p for p in found)


def test_duplicate_id_is_named_with_its_first_use(data_copy):
    with (data_copy / "events.csv").open(encoding="utf-8", newline="") as handle:
        first_id = next(iter(csv.DictReader(handle)))["event_id"]
    edit_cell(data_copy / "events.csv", 5, "event_id", first_id)
    found = problems_of(data_copy)
    assert (
        f"data/events.csv:5:event_id: duplicate event_id '{first_id}' (first used in row 2)"
        in found
    )


def test_a_row_with_too_many_cells_is_reported_not_crashed(data_copy):
    with (data_copy / "places.csv").open("a", encoding="utf-8") as handle:
        handle.write("x,y,1,2,3,4,5,6,7,8,9,10\n")
    found = problems_of(data_copy)
    assert any(p.startswith("data/places.csv:") and "cells but the header has" in p for p in found)


def test_every_problem_is_reported_at_once(data_copy):
    edit_cell(data_copy / "events.csv", 2, "start", "soon")
    edit_cell(data_copy / "places.csv", 3, "lon", "abc")
    edit_cell(data_copy / "factions.csv", 2, "colour", "red")
    assert len(problems_of(data_copy)) >= 3


def test_loading_broken_data_raises_one_error_listing_all_problems(data_copy):
    edit_cell(data_copy / "events.csv", 2, "kind", "skirmish")
    with pytest.raises(DataError) as raised:
        loader.load(data_copy)
    assert "data/events.csv:2:kind:" in raised.value.report()


def test_validate_runs_as_a_command_without_a_traceback(data_copy):
    edit_cell(data_copy / "events.csv", 2, "place_id", "nowhere")
    run = subprocess.run(
        [sys.executable, "-m", "kr_map.cli", "validate", str(data_copy)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 1
    assert "data/events.csv:2:place_id:" in run.stdout
    assert "Traceback" not in run.stderr


def test_a_missing_file_is_a_problem_not_a_crash(data_copy, capsys):
    (data_copy / "movements.csv").unlink()
    assert main(["validate", str(data_copy)]) == 1
    assert "data/movements.csv:0:: file not found" in capsys.readouterr().out


def test_state_json_has_date_control_events_movements(capsys):
    assert main(["state", "--date", "1994-05-15", "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert {"date", "control", "events", "movements"} <= set(document)
    pailin = next(c for c in document["control"] if c["place_id"] == "pailin")
    assert pailin["faction_id"] == "khmer_rouge"
    assert {"place_id", "faction_id", "since", "seed", "quote"} <= set(pailin)
    assert all(e["start"][:4] <= "1994" for e in document["events"])


def test_state_refuses_a_bad_date_with_a_message(capsys):
    with pytest.raises(SystemExit) as stopped:
        main(["state", "--date", "24/10/89"])
    assert stopped.value.code == 2
    assert "must be a date like" in capsys.readouterr().err


def test_state_on_broken_data_says_to_run_validate(data_copy, capsys):
    edit_cell(data_copy / "events.csv", 2, "kind", "skirmish")
    assert main(["state", "--date", "1990", "--data", str(data_copy)]) == 1
    assert "kr-map validate" in capsys.readouterr().err


def test_a_direction_is_given_only_for_a_movement_without_a_destination(data_copy):
    rows = list(csv.DictReader((data_copy / "movements.csv").open(encoding="utf-8")))
    named = next(i for i, r in enumerate(rows) if r["to_place"]) + 2
    edit_cell(data_copy / "movements.csv", named, "toward_place", "thailand")
    problems = problems_of(data_copy)
    assert any(
        f"movements.csv:{named}:toward_place: `toward_place` is only for a movement" in p
        for p in problems
    )


def test_a_movement_may_leave_its_destination_blank_when_the_source_names_none(data_copy):
    rows = list(csv.DictReader((data_copy / "movements.csv").open(encoding="utf-8")))
    named = next(i for i, r in enumerate(rows) if r["to_place"]) + 2
    edit_cell(data_copy / "movements.csv", named, "to_place", "")
    assert problems_of(data_copy) == []
    moves = loader.load(data_copy).movements
    assert moves["open"].sum() == 1 + sum(1 for r in rows if not r["to_place"])
