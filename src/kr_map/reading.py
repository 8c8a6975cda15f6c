"""Reads the data folder's files as text, naming whatever stops a file from being read.

Each reader returns what it could read and a list of :class:`Problem`; a problem that
makes the whole file unusable (wrong encoding, a key column missing, ...) is marked
``blocking`` so that it is reported before the knock-on problems it would cause.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
import stat
from collections.abc import Collection
from dataclasses import replace
from pathlib import Path

from kr_map import schema as s
from kr_map import validation as v
from kr_map.i18n import N_, _
from kr_map.problems import Problem

# A cell longer than this is pasted by mistake (the longest quote is under 1,000 characters);
# it is reported at its row and column instead of breaking the whole file.
MAX_CELL_CHARS = 10_000
# Enough for any file the reader is given: the cell limit above does the checking.
_CSV_FIELD_LIMIT = 1 << 30
# No data file, seed or borders file comes near this (the bundled ones are under 100 kB, a
# synthetic 100,000-event table about 40 MB); a bigger one is refused before it is read.
MAX_FILE_BYTES = 100 * 1024 * 1024
BORDERS_FILE = "borders.geojson"
# How the user allows data files that are links to files outside their folder.
ALLOW_OUTSIDE_HINT = N_("pass --allow-outside (the app: KR_MAP_ALLOW_OUTSIDE=1) to read it anyway")


class FileRefused(Exception):
    """A file was not read because of what it is (not a regular file, too big, outside)."""


def read_input(path: Path, *, allow_outside: bool = False, limit: int = MAX_FILE_BYTES) -> bytes:
    """Return the bytes of a regular file lying in its own folder, at most ``limit`` of them.

    Raises :class:`FileRefused` for a device, a FIFO, a socket or a folder (never opened,
    so never a hang), for a file over ``limit`` bytes, and, unless ``allow_outside``, for
    a link that leads out of the folder the file is named in. ``OSError`` as ``open`` does.
    """
    _check_regular(os.stat(path).st_mode)
    if not allow_outside:
        _check_inside(path)
    # O_NONBLOCK: should the file be swapped for a FIFO after the check, opening it
    # still returns at once, and fstat below refuses it.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0))
    try:
        info = os.fstat(fd)
        _check_regular(info.st_mode)
        _check_size(info.st_size, limit)
        os.set_blocking(fd, True)
        chunks, total = [], 0
        while chunk := os.read(fd, 1 << 20):
            chunks.append(chunk)
            total += len(chunk)
            _check_size(total, limit)  # a file growing while it is read
        return b"".join(chunks)
    finally:
        os.close(fd)


def folder_fingerprint(*folders: Path) -> str:
    """Return a short hash of the files in ``folders``: names, sizes, times and inodes.

    Saving, replacing, adding or removing a file changes it; reading changes nothing.
    Only ``stat`` is called (never ``open``), so it is cheap and never waits.
    """
    entries = []
    for folder in folders:
        try:
            children = sorted(os.scandir(folder), key=lambda entry: entry.name)
        except OSError:
            entries.append(f"{folder}:missing")
            continue
        for entry in children:
            try:
                info = entry.stat()
            except OSError:
                info = None
            entries.append(
                f"{folder}/{entry.name}:"
                + (f"{info.st_size}:{info.st_mtime_ns}:{info.st_ino}" if info else "gone")
            )
    return hashlib.sha256("\n".join(entries).encode("utf-8")).hexdigest()[:12]


def _check_inside(path: Path) -> None:
    folder = path.absolute().parent
    if not path.resolve().is_relative_to(folder.resolve()):
        raise FileRefused(
            _(
                "is a link to a file outside its folder ({folder}/), so it was not read: "
                "copy the file into the folder, or {hint}"
            ).format(folder=folder.name, hint=_(ALLOW_OUTSIDE_HINT))
        )


def _check_regular(mode: int) -> None:
    if stat.S_ISDIR(mode):
        raise FileRefused(_("is a folder, not a file"))
    if not stat.S_ISREG(mode):
        raise FileRefused(
            _(
                "is not a regular file (a device, a pipe or a socket), so it was not read: "
                "put a saved file here"
            )
        )


def _check_size(size: int, limit: int) -> None:
    if size > limit:
        raise FileRefused(
            _(
                "is larger than the {megabytes} MB a data file may be, "
                "so it was not read: is it the right file?"
            ).format(megabytes=f"{limit / 1024 / 1024:,.0f}")
        )


def read_rows(
    path: Path, table: s.TableSchema, *, allow_outside: bool = False
) -> tuple[v.Rows, list[Problem]]:
    """Return the file's rows as text cells with their row numbers, and what was wrong."""
    label = file_label(path)
    text, problem = _read_text(path, label, what="CSV UTF-8", allow_outside=allow_outside)
    if problem:
        return [], [problem]
    try:
        lines = _csv_records(text)
    except csv.Error as exc:
        row, message = exc.args if len(exc.args) == 2 else (0, str(exc))
        message = _("is not a readable CSV file: {reason}").format(reason=message)
        return [], [Problem(label, row, "", message, True)]
    if not lines:
        message = _("is empty: the first row must name the columns")
        return [], [Problem(label, 1, "", message, True)]
    header = [cell.strip() for cell in lines[0]]
    problems = _header_problems(label, header, table)
    if problems:
        return [], problems
    rows: v.Rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            message = _("row has {cells} cells but the header has {columns} columns").format(
                cells=len(cells), columns=len(header)
            )
            problems.append(Problem(label, number, "", message))
            continue
        row = {h: c.strip() for h, c in zip(header, cells, strict=True)}
        for column, cell in row.items():
            message = _cell_problem(cell)
            if message:
                problems.append(Problem(label, number, column, message))
                row[column] = ""  # checked no further: its one problem is reported here
        rows.append((number, row))
    if not rows and table in s.TABLES:
        message = _("has column names but no rows: the map needs at least one")
        problems.append(Problem(label, 2, "", message, True))
    return rows, problems


def _cell_problem(cell: str) -> str | None:
    """Return what makes a cell unusable as text (far too long, a NUL character), or None."""
    if len(cell) > MAX_CELL_CHARS:
        return _(
            "the cell holds {length} characters, more than the {limit} "
            "a cell may hold: was something pasted by mistake?"
        ).format(length=f"{len(cell):,}", limit=f"{MAX_CELL_CHARS:,}")
    if "\x00" in cell:
        return _(
            "the cell holds a NUL character (a zero byte), which is not text: "
            "retype the cell, or save the file again as CSV UTF-8"
        )
    return None


def _looks_like_utf16(raw: bytes) -> bool:
    """Return True for text saved as UTF-16: a BOM, or every other byte zero (Latin text)."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return True
    sample = raw[:4096]
    return len(sample) >= 2 and sample.count(0) * 4 >= len(sample)


def _read_text(
    path: Path, label: str, *, what: str, allow_outside: bool = False
) -> tuple[str, Problem | None]:
    """Return a file's text (UTF-8, BOM dropped), or the problem that stopped reading it."""
    try:
        raw = read_input(path, allow_outside=allow_outside)
    except FileRefused as exc:
        return "", Problem(label, 0, "", str(exc), True)
    except FileNotFoundError:
        return "", Problem(label, 0, "", _("file not found"), True)
    except OSError as exc:
        message = _("could not be read ({reason})").format(reason=exc.strerror or exc)
        return "", Problem(label, 0, "", message, True)
    if _looks_like_utf16(raw):
        message = _("is saved as UTF-16 text; save it as {encoding} instead").format(
            encoding=_(what)
        )
        return "", Problem(label, 1, "", message, True)
    try:
        return raw.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        row, column = _position_of_byte(raw, exc.start, path.suffix == ".csv")
        message = _(
            "is not UTF-8 text: byte {byte} here cannot be read "
            "(saved as Latin-1 or Windows-1252?); save it as {encoding}"
        ).format(byte=f"0x{raw[exc.start]:02x}", encoding=_(what))
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


# What else a spreadsheet separates a "CSV" file's columns with: semicolons where the language
# writes decimal commas (French Excel, LibreOffice in French), tabs from a copied table.
_SEPARATORS = {";": N_("semicolons (;)"), "\t": N_("tabs"), "|": N_("vertical bars (|)")}


def other_separator(header: list[str], columns: Collection[str]) -> str | None:
    """Return the separator a header row of one cell is split by, if splitting it by that
    gives one of ``columns`` (``place_id;name;lat``: ``;``); otherwise None."""
    if len(header) != 1:
        return None
    for separator in _SEPARATORS:
        names = header[0].split(separator)
        if len(names) > 1 and any(name.strip() in columns for name in names):
            return separator
    return None


def separator_message(separator: str) -> str:
    """Return the advice for a file whose columns are separated by ``separator``."""
    return _(
        "the columns are separated by {separator}, not by commas (a spreadsheet set to a "
        "language that writes decimal commas saves CSV this way): save it as CSV UTF-8 "
        "(comma-separated), with full stops in the numbers"
    ).format(separator=_(_SEPARATORS[separator]))


def _header_problems(label: str, header: list[str], table: s.TableSchema) -> list[Problem]:
    """Return what is wrong with the header row: another separator than the comma, repeated
    or missing columns."""
    separator = other_separator(header, table.required_columns)
    if separator:
        return [Problem(label, 1, "", separator_message(separator), True)]
    problems = []
    seen: dict[str, int] = {}
    for position, name in enumerate(header, start=1):
        if name and name in seen:
            message = _(
                "the column `{column}` appears twice (columns {first} and {second}); "
                "each column name must be used once"
            ).format(column=name, first=seen[name], second=position)
            problems.append(Problem(label, 1, name, message, True))
        seen.setdefault(name, position)
    missing = N_("required column `{column}` is missing")
    problems += [
        Problem(label, 1, column, _(missing).format(column=column), column == table.key)
        for column in table.required_columns
        if column not in seen
    ]
    return problems


def file_label(path: Path) -> str:
    """Return how problems name a file: its folder and name, ``data/places.csv``."""
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def read_seeds(seeds_dir: Path, *, allow_outside: bool = False) -> dict[str, str]:
    """Return the text of every readable seed document, by file name."""
    return read_seed_files(seeds_dir, allow_outside=allow_outside)[0]


def read_seed_files(
    seeds_dir: Path, *, allow_outside: bool = False
) -> tuple[dict[str, str | None], list[Problem]]:
    """Return every seed's text by file name (None if unreadable), and what was wrong."""
    if not seeds_dir.is_dir():
        message = _(
            "folder not found: the seeds/ folder must sit beside the data folder "
            "(or pass --seeds PATH); quotes were not checked"
        )
        return {}, [Problem(f"{seeds_dir.name}/", 0, "", message, True)]
    seeds: dict[str, str | None] = {}
    problems = []
    for path in sorted(seeds_dir.glob("*.txt")):
        text, problem = _read_text(
            path, file_label(path), what=N_("plain text UTF-8"), allow_outside=allow_outside
        )
        seeds[path.name] = None if problem else text
        if problem:
            problems.append(problem)
    return seeds, problems


def check_borders(path: Path, *, allow_outside: bool = False) -> list[Problem]:
    """Return what stops ``borders.geojson`` from drawing the map's land and borders."""
    label = file_label(path)
    advice = _("copy borders.geojson from the bundled data/ folder")
    text, problem = _read_text(path, label, what="UTF-8", allow_outside=allow_outside)
    if problem:
        message = _("{problem}: {advice}").format(problem=problem.message, advice=advice)
        return [replace(problem, message=message)]
    try:
        borders = json.loads(text)
    except json.JSONDecodeError as exc:
        message = _("is not valid GeoJSON (character {column}: {reason}): {advice}").format(
            column=exc.colno, reason=exc.msg, advice=advice
        )
        return [Problem(label, exc.lineno, "", message, True)]
    features = borders.get("features") if isinstance(borders, dict) else None
    if not isinstance(borders, dict) or borders.get("type") != "FeatureCollection":
        message = _("must be a GeoJSON FeatureCollection: {advice}").format(advice=advice)
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
        message = _not_a_feature(broken).format(number=broken, advice=advice)
        return [Problem(label, 1, "features", message, True)]
    return []


def _not_a_feature(number: int | None) -> str:
    """Return the problem of a borders feature that cannot be drawn (``{number}``, ``{advice}``)."""
    if number:
        return _(
            "feature {number} is not a GeoJSON feature with properties and a geometry: {advice}"
        )
    return _("`features` is not a GeoJSON feature with properties and a geometry: {advice}")
