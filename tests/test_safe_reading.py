"""Every input is read by one safe reader: regular files only, inside their folder, capped.

A data folder can hold things that are not saved files: a link to ``/dev/zero`` (read for
ever), a FIFO (opening it waits for a writer for ever), a link to a file somewhere else on
the machine (whose cells would then be quoted to every visitor of the app), or a file far
too big. Each is refused before it is read, with ``file:0:: message``; the command line, the
export and the app say the same.

The commands run in a child process with a time limit and a memory cap, so a reader that
hangs or reads without end fails the test instead of stalling or exhausting the machine.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from kr_map.loader import load, validate
from kr_map.problems import DataError

from .conftest import DATA

MEMORY_CAP = 2 * 1024**3  # more than the CLI ever needs, far less than /dev/zero would take
TIME_LIMIT_S = 60


def _capped() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CAP, MEMORY_CAP))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """Run ``kr-map ARGS`` in a child process; a hang or a runaway read fails the test."""
    return subprocess.run(
        [sys.executable, "-m", "kr_map.cli", *args],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_S,
        preexec_fn=_capped,
        check=False,
    )


def replace_with_link(path: Path, target: Path | str) -> None:
    path.unlink()
    path.symlink_to(target)


def replace_with_fifo(path: Path) -> None:
    path.unlink()
    os.mkfifo(path)


def outside_copy(path: Path, elsewhere: Path) -> Path:
    """Move a data file somewhere else on the machine and leave a link in its place."""
    elsewhere.mkdir(exist_ok=True)
    moved = elsewhere / path.name
    moved.write_bytes(path.read_bytes())
    replace_with_link(path, moved)
    return moved


def large_sparse_file(path: Path) -> None:
    """Make ``path`` a file just over the size cap (sparse: it takes no disk space)."""
    with path.open("r+b") as handle:
        handle.truncate(100 * 1024 * 1024 + 1)  # reading.MAX_FILE_BYTES + 1


HOSTILE = [
    ("events.csv linked to /dev/zero", "events.csv", lambda p: replace_with_link(p, "/dev/zero"),
     "not a regular file"),
    ("places.csv linked to /dev/urandom", "places.csv",
     lambda p: replace_with_link(p, "/dev/urandom"), "not a regular file"),
    ("control.csv a FIFO", "control.csv", replace_with_fifo, "not a regular file"),
    ("borders.geojson a FIFO", "borders.geojson", replace_with_fifo, "not a regular file"),
    ("events.csv over the size cap", "events.csv", large_sparse_file, "larger than the"),
    ("story.csv a folder", "story.csv", lambda p: (p.unlink(), p.mkdir()), "a folder"),
]  # fmt: skip


@pytest.mark.parametrize(("name", "file", "breaks", "words"), HOSTILE, ids=[h[0] for h in HOSTILE])
@pytest.mark.parametrize("command", ["validate", "state", "export"])
def test_a_data_file_that_is_not_a_saved_file_is_refused_at_once(
    data_copy, tmp_path, name, file, breaks, words, command
):
    breaks(data_copy / file)
    args = {
        "validate": ["validate", str(data_copy)],
        "state": ["state", "--date", "1989-10-24", "--data", str(data_copy)],
        "export": ["export", str(tmp_path / "out.csv"), "--data", str(data_copy)],
    }[command]
    result = run_cli(*args)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    first = (result.stdout + result.stderr).splitlines()[0]
    assert first.startswith(f"data/{file}:0::"), first
    assert words in first


@pytest.mark.parametrize("target", ["/dev/zero", "fifo"])
def test_a_seed_that_is_not_a_saved_file_is_refused_at_once(data_copy, target):
    seed = data_copy.parent / "seeds" / "battle_of_pailin.txt"
    replace_with_fifo(seed) if target == "fifo" else replace_with_link(seed, target)
    result = run_cli("validate", str(data_copy))
    assert result.returncode == 1
    assert result.stdout.startswith("seeds/battle_of_pailin.txt:0:: is not a regular file")
    assert "Traceback" not in result.stderr


def test_a_link_out_of_the_data_folder_is_not_read_and_its_cells_are_not_quoted(data_copy):
    moved = outside_copy(data_copy / "events.csv", data_copy.parent / "elsewhere")
    moved.write_text(moved.read_text().replace("Battle of Pailin", "SECRET-CELL"))
    result = run_cli("validate", str(data_copy))
    assert result.returncode == 1
    assert result.stdout.startswith("data/events.csv:0:: is a link to a file outside its folder")
    assert "--allow-outside" in result.stdout
    assert str(moved.parent) not in result.stdout  # the target's path is not shown either
    with pytest.raises(DataError) as caught:
        load(data_copy)
    assert "SECRET-CELL" not in caught.value.report()


def test_allow_outside_reads_links_out_of_the_folder_when_the_user_asks(data_copy):
    outside_copy(data_copy / "events.csv", data_copy.parent / "elsewhere")
    outside_copy(data_copy.parent / "seeds" / "battle_of_pailin.txt", data_copy.parent / "other")
    assert run_cli("validate", "--allow-outside", str(data_copy)).returncode == 0
    assert load(data_copy, allow_outside=True).events.shape[0] > 0


def test_a_link_that_stays_inside_the_folder_is_read(data_copy):
    (data_copy / "events-2026.csv").write_bytes((data_copy / "events.csv").read_bytes())
    replace_with_link(data_copy / "events.csv", "events-2026.csv")
    _, problems = validate(data_copy)
    assert problems == []


def test_a_data_folder_reached_through_a_link_is_read(data_copy, tmp_path):
    (tmp_path / "link-to-data").symlink_to(data_copy)
    _, problems = validate(tmp_path / "link-to-data", data_copy.parent / "seeds")
    assert problems == []


def test_the_reader_refuses_a_fifo_without_opening_it_for_reading(tmp_path):
    from kr_map.reading import FileRefused, read_input

    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    with pytest.raises(FileRefused, match="not a regular file"):
        read_input(fifo)


def test_the_reader_refuses_a_file_that_is_larger_than_its_limit(tmp_path):
    from kr_map.reading import FileRefused, read_input

    path = tmp_path / "big.csv"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(FileRefused, match="larger than"):
        read_input(path, limit=1000)
    assert read_input(path, limit=1001) == b"x" * 1001


def test_the_bundled_data_is_read_byte_for_byte():
    from kr_map.reading import read_input

    assert read_input(DATA / "events.csv") == (DATA / "events.csv").read_bytes()


def run_module(module: str, *args: str) -> subprocess.CompletedProcess:
    """Run ``python -m MODULE ARGS`` in a child process, capped like :func:`run_cli`."""
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        capture_output=True,
        text=True,
        timeout=TIME_LIMIT_S,
        preexec_fn=_capped,
        check=False,
    )


NOT_SAVED_FILES = [
    ("a FIFO", replace_with_fifo),
    ("a link to /dev/zero", lambda p: replace_with_link(p, "/dev/zero")),
]


@pytest.mark.parametrize(("name", "breaks"), NOT_SAVED_FILES, ids=[n[0] for n in NOT_SAVED_FILES])
def test_geocode_refuses_a_places_file_that_is_not_a_saved_file_and_touches_nothing(
    data_copy, name, breaks
):
    places = data_copy / "places.csv"
    breaks(places)
    before = sorted(p.name for p in data_copy.iterdir())
    result = run_cli("geocode", "--data", str(data_copy), "--user-agent", "kr-map tests")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"error: {places}: is not a regular file"), result.stderr
    assert sorted(p.name for p in data_copy.iterdir()) == before  # no temp file, no new file
    assert places.is_fifo() if name == "a FIFO" else os.readlink(places) == "/dev/zero"


def test_geocode_reads_a_places_file_linked_out_of_its_folder_only_when_allowed(data_copy):
    moved = outside_copy(data_copy / "places.csv", data_copy.parent / "elsewhere")
    args = ["geocode", "--data", str(data_copy), "--user-agent", "kr-map tests", "--dry-run"]
    refused = run_cli(*args)
    assert refused.returncode == 2
    assert "is a link to a file outside its folder" in refused.stderr
    assert "--allow-outside" in refused.stderr
    allowed = run_cli(*args, "--allow-outside")
    assert allowed.returncode == 0, allowed.stderr
    assert f"Nothing to change; {data_copy / 'places.csv'} left as it was." in allowed.stdout
    assert moved.read_bytes() == (DATA / "places.csv").read_bytes()


@pytest.mark.parametrize(("name", "breaks"), NOT_SAVED_FILES, ids=[n[0] for n in NOT_SAVED_FILES])
@pytest.mark.parametrize("file", ["events.csv", "datapackage.json"])
def test_the_data_package_command_refuses_a_file_that_is_not_a_saved_file(
    data_copy, name, breaks, file
):
    (data_copy / "datapackage.json").write_bytes((DATA / "datapackage.json").read_bytes())
    breaks(data_copy / file)
    result = run_module("kr_map.datapackage", "--data", str(data_copy), "--check")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith(f"datapackage: data/{file}: is not a regular file")


def test_the_data_package_reads_a_table_linked_out_of_its_folder_only_when_allowed(data_copy):
    from kr_map.datapackage import DataPackageError, descriptor

    outside_copy(data_copy / "events.csv", data_copy.parent / "elsewhere")
    with pytest.raises(DataPackageError, match=r"^data/events\.csv: is a link to a file outside"):
        descriptor(data_copy)
    assert descriptor(data_copy, allow_outside=True) == descriptor(DATA)
