"""Reads the data folder's files as text, naming whatever stops a file from being read.

Each reader returns what it could read and a list of :class:`Problem`; a problem that
makes the whole file unusable (wrong encoding, a key column missing, ...) is marked
``blocking`` so that it is reported before the knock-on problems it would cause.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
from dataclasses import replace
from pathlib import Path

from kr_map import schema as s
from kr_map import validation as v
from kr_map.problems import Problem

# A cell longer than this is pasted by mistake (the longest quote is under 1,000 characters);
# it is reported at its row and column instead of breaking the whole file.
MAX_CELL_CHARS = 10_000
# Enough for any file the reader is given: the cell limit above does the checking.
_CSV_FIELD_LIMIT = 1 << 30
BORDERS_FILE = "borders.geojson"


def read_rows(path: Path, table: s.TableSchema) -> tuple[v.Rows, list[Problem]]:
    """Return the file's rows as text cells with their row numbers, and what was wrong."""
    label = file_label(path)
    text, problem = _read_text(path, label, what="CSV UTF-8")
    if problem:
        return [], [problem]
    try:
        lines = _csv_records(text)
    except csv.Error as exc:
        row, message = exc.args if len(exc.args) == 2 else (0, str(exc))
        return [], [Problem(label, row, "", f"is not a readable CSV file: {message}", True)]
    if not lines:
        return [], [Problem(label, 1, "", "is empty: the first row must name the columns", True)]
    header = [cell.strip() for cell in lines[0]]
    problems = _header_problems(label, header, table)
    if problems:
        return [], problems
    rows: v.Rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            message = f"row has {len(cells)} cells but the header has {len(header)} columns"
            problems.append(Problem(label, number, "", message))
            continue
        row = {h: c.strip() for h, c in zip(header, cells, strict=True)}
        for column, cell in row.items():
            if len(cell) > MAX_CELL_CHARS:
                message = (
                    f"the cell holds {len(cell):,} characters, more than the {MAX_CELL_CHARS:,} "
                    "a cell may hold: was something pasted by mistake?"
                )
                problems.append(Problem(label, number, column, message))
                row[column] = ""  # checked no further: its one problem is reported here
        rows.append((number, row))
    if not rows and table in s.TABLES:
        message = "has column names but no rows: the map needs at least one"
        problems.append(Problem(label, 2, "", message, True))
    return rows, problems


def _read_text(path: Path, label: str, *, what: str) -> tuple[str, Problem | None]:
    """Return a file's text (UTF-8, BOM dropped), or the problem that stopped reading it."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return "", Problem(label, 0, "", "file not found", True)
    except OSError as exc:
        return "", Problem(label, 0, "", f"could not be read ({exc.strerror or exc})", True)
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in raw[:4096]:
        message = f"is saved as UTF-16 text; save it as {what} instead"
        return "", Problem(label, 1, "", message, True)
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        row, column = _position_of_byte(raw, exc.start, path.suffix == ".csv")
        message = (
            f"is not UTF-8 text: byte 0x{raw[exc.start]:02x} here cannot be read "
            f"(saved as Latin-1 or Windows-1252?); save it as {what}"
        )
        return "", Problem(label, row, column, message, True)


def _csv_records(text: str) -> list[list[str]]:
    """Return the records of CSV text; ``csv.Error`` carries the row it happened at."""
    previous = csv.field_size_limit(_CSV_FIELD_LIMIT)
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        try:
            return list(reader)
        except csv.Error as exc:
            raise csv.Error(reader.line_num, str(exc)) from None
    finally:
        csv.field_size_limit(previous)


def _position_of_byte(raw: bytes, offset: int, is_csv: bool) -> tuple[int, str]:
    """Return the row and column (header name) a byte of the file lies in."""
    before = raw[:offset].decode("utf-8-sig", errors="replace")
    if not is_csv:
        return before.count("\n") + 1, ""
    try:
        records = _csv_records(before)
    except csv.Error:
        return before.count("\n") + 1, ""
    if not records or before.endswith(("\n", "\r")):
        return len(records) + 1, ""
    header = [cell.strip() for cell in records[0]]
    index = len(records[-1]) - 1
    column = header[index] if len(records) > 1 and index < len(header) else ""
    return len(records), column


def _header_problems(label: str, header: list[str], table: s.TableSchema) -> list[Problem]:
    """Return what is wrong with the header row: repeated or missing columns."""
    problems = []
    seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        if name and name in seen:
            message = (
                f"the column `{name}` appears twice (columns {seen[name]} and {position}); "
                "each column name must be used once"
            )
            problems.append(Problem(label, 1, name, message, True))
        seen.setdefault(name, position)
    problems += [
        Problem(label, 1, column, f"required column `{column}` is missing", column == table.key)
        for column in table.required_columns
        if column not in seen
    ]
    return problems


def file_label(path: Path) -> str:
    """Return how problems name a file: its folder and name, ``data/places.csv``."""
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def read_seeds(seeds_dir: Path) -> dict[str, str]:
    """Return the text of every readable seed document, by file name."""
    return read_seed_files(seeds_dir)[0]


def read_seed_files(seeds_dir: Path) -> tuple[dict[str, str | None], list[Problem]]:
    """Return every seed's text by file name (None if unreadable), and what was wrong."""
    if not seeds_dir.is_dir():
        message = (
            "folder not found: the seeds/ folder must sit beside the data folder "
            "(or pass --seeds PATH); quotes were not checked"
        )
        return {}, [Problem(f"{seeds_dir.name}/", 0, "", message, True)]
    seeds: dict[str, str | None] = {}
    problems = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text, problem = _read_text(path, file_label(path), what="plain text UTF-8")
        seeds[path.name] = None if problem else text
        if problem:
            problems.append(problem)
    return seeds, problems


def check_borders(path: Path) -> list[Problem]:
    """Return what stops ``borders.geojson`` from drawing the map's land and borders."""
    label = file_label(path)
    advice = "copy borders.geojson from the bundled data/ folder"
    text, problem = _read_text(path, label, what="UTF-8")
    if problem:
        return [replace(problem, message=f"{problem.message}: {advice}")]
    try:
        borders = json.loads(text)
    except json.JSONDecodeError as exc:
        message = f"is not valid GeoJSON (character {exc.colno}: {exc.msg}): {advice}"
        return [Problem(label, exc.lineno, "", message, True)]
    features = borders.get("features") if isinstance(borders, dict) else None
    if not isinstance(borders, dict) or borders.get("type") != "FeatureCollection":
        message = f"must be a GeoJSON FeatureCollection: {advice}"
        return [Problem(label, 1, "type", message, True)]
    broken = next(
        (
            number
            for number, f in enumerate(features or [], start=1)
            if not isinstance(f, dict)
            or not isinstance(f.get("properties"), dict)
            or not isinstance(f.get("geometry"), dict)
            or "coordinates" not in f["geometry"]
        ),
        None,
    )
    if not isinstance(features, list) or broken is not None:
        where = f"feature {broken}" if broken else "`features`"
        message = f"{where} is not a GeoJSON feature with properties and a geometry: {advice}"
        return [Problem(label, 1, "features", message, True)]
    return []
