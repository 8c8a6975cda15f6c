"""Data too large for the map is refused at once, in words (issue 22: one million events)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kr_map import cli, limits
from kr_map.problems import DataError


def grow(events: Path, rows: int) -> None:
    """Append ``rows`` copies of the file's first data row (no parsing needed to count)."""
    first = events.read_bytes().split(b"\n")[1]
    with events.open("ab") as handle:
        handle.write((first + b"\n") * rows)


def test_rows_are_counted_by_line_ends_with_or_without_a_last_one(tmp_path):
    table = tmp_path / "t.csv"
    table.write_bytes(b"a,b\n1,2\n3,4\n")
    assert limits.data_rows(table) == 2
    table.write_bytes(b"a,b\n1,2\n3,4")
    assert limits.data_rows(table) == 2
    table.write_bytes(b"a,b\n")
    assert limits.data_rows(table) == 0


def test_the_bundled_data_is_within_the_limit(dataset):
    assert limits.too_large(dataset.data_dir) == []


def test_a_table_over_the_limit_is_refused_naming_the_file_the_limit_and_why(data_copy):
    grow(data_copy / "events.csv", 300)
    with pytest.raises(DataError) as caught:
        limits.check_size(data_copy, limit=250)
    (problem,) = caught.value.problems
    assert problem.file == "data/events.csv" and problem.row == 0
    assert "the map draws at most 250" in problem.message
    assert "too large for a browser tab" in problem.message
    assert "Split the rows" in problem.message


def test_the_export_says_so_before_loading_a_table_over_the_limit(data_copy, tmp_path, capsys):
    grow(data_copy / "events.csv", limits.MAX_EVENTS + 50_000)
    out = tmp_path / "map.html"
    code = cli.main(["export", str(out), "--data", str(data_copy)])
    error = capsys.readouterr().err
    assert code != 0 and not out.exists()
    assert "events.csv" in error and f"at most {limits.MAX_EVENTS:,}" in error
    assert "Traceback" not in error


def test_the_app_says_so_in_words_instead_of_loading(data_copy, monkeypatch):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from .conftest import ROOT

    grow(data_copy / "events.csv", 400)
    monkeypatch.setattr(limits, "MAX_EVENTS", 300)
    monkeypatch.setenv("KR_MAP_DATA", str(data_copy))
    st.cache_resource.clear()
    app = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    st.cache_resource.clear()
    assert not app.exception
    assert "cannot be drawn" in app.error[0].value
    (report,) = [c.value for c in app.code]
    assert "data/events.csv" in report and "the map draws at most 300" in report
