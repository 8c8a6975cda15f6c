"""Checks across cells, rows and tables: references, date order, region, quotes in seeds."""

from __future__ import annotations

import re
from collections.abc import Mapping

from kr_map import vocab
from kr_map.dates import DateFormatError, parse_interval, period_of, precision_problem
from kr_map.problems import Problem
from kr_map.schema import TableSchema, split_list

Row = dict[str, str]
Rows = list[tuple[int, Row]]  # (spreadsheet row number, cells)


def check_cells(schema: TableSchema, rows: Rows) -> list[Problem]:
    """Return a problem for every cell whose value does not fit its column."""
    problems = []
    for number, row in rows:
        for field in schema.fields:
            if field.name not in row:
                continue
            message = field.check(row[field.name])
            if message:
                problems.append(Problem(schema.file, number, field.name, message))
    return problems


def check_unique_keys(schema: TableSchema, rows: Rows) -> list[Problem]:
    """Return a problem for every repeated id in the table's key column."""
    if schema.key is None:
        return []
    seen: dict[str, int] = {}
    problems = []
    for number, row in rows:
        key = row.get(schema.key, "")
        if key in seen:
            message = f"duplicate {schema.key} {key!r} (first used in row {seen[key]})"
            problems.append(Problem(schema.file, number, schema.key, message))
        elif key:
            seen[key] = number
    return problems


def check_references(
    schema: TableSchema, rows: Rows, keys: Mapping[str, set[str]]
) -> list[Problem]:
    """Return a problem for every id that names a row missing from the table it refers to."""
    problems = []
    for field in schema.fields:
        if field.refers_to is None or field.refers_to not in keys:
            continue
        known = keys[field.refers_to]
        for number, row in rows:
            value = row.get(field.name, "")
            ids = split_list(value) if field.kind == "list" else [value] if value else []
            for unknown in (i for i in ids if i not in known):
                message = (
                    f"unknown {field.refers_to[:-1]} id {unknown!r}: not in {field.refers_to}.csv"
                )
                problems.append(Problem(schema.file, number, field.name, message))
    return problems


def check_coordinates(schema: TableSchema, rows: Rows) -> list[Problem]:
    """Return problems for places with no, impossible or out-of-region coordinates."""
    problems = []
    lo_lat, hi_lat = vocab.REGION_LAT
    lo_lon, hi_lon = vocab.REGION_LON
    for number, row in rows:
        lat, lon = row.get("lat", ""), row.get("lon", "")
        if not lat or not lon:
            message = "has no coordinates yet: run `kr-map geocode` or enter lat and lon"
            problems.append(Problem(schema.file, number, "lat" if not lat else "lon", message))
            continue
        for column, text, low, high in (("lat", lat, lo_lat, hi_lat), ("lon", lon, lo_lon, hi_lon)):
            try:
                value = float(text)
            except ValueError:
                continue  # already reported by the cell check
            if not low <= value <= high:
                message = (
                    f"`{column}` {value} is outside the map's region ({low} to {high}); "
                    "check that lat and lon are not swapped"
                )
                problems.append(Problem(schema.file, number, column, message))
    return problems


def check_dates(schema: TableSchema, rows: Rows, start: str, end: str | None) -> list[Problem]:
    """Return problems where a date does not fit its precision or ends before it starts."""
    problems = []
    for number, row in rows:
        precision = row.get("precision", "")
        for column in (start, end):
            if column is None or not row.get(column):
                continue
            try:
                span = parse_interval(row[column])
            except DateFormatError:
                continue  # already reported by the cell check
            message = _precision_message(precision, row[column], span, column == end)
            if message:
                problems.append(Problem(schema.file, number, column, message))
        problems += _order_problems(schema, number, row, start, end)
    return problems


def _precision_message(precision: str, text: str, span, is_end: bool) -> str | None:
    if precision not in ("day", "month", "season", "year", "range"):
        return None  # reported by the cell check
    if span.detail == "range" and precision != "range":
        return f"an interval like {text!r} needs precision 'range', got {precision!r}"
    if span.detail == "range":
        return None
    return precision_problem(precision, text, span, is_end=is_end)


def _order_problems(
    schema: TableSchema, number: int, row: Row, start: str, end: str | None
) -> list[Problem]:
    if end is None or not row.get(end) or not row.get(start):
        return []
    try:
        first, last = parse_interval(row[start]), parse_interval(row[end])
        period_of(row[start], row[end], row.get("precision", ""))
    except DateFormatError:
        return []
    if last.last < first.first:
        message = f"`{end}` {row[end]} is before `{start}` {row[start]}"
        return [Problem(schema.file, number, end, message)]
    return []


def check_counts(schema: TableSchema, rows: Rows) -> list[Problem]:
    """Return problems where ``people_low`` is larger than ``people_high``."""
    problems = []
    for number, row in rows:
        low, high = row.get("people_low", ""), row.get("people_high", "")
        if low.isdigit() and high.isdigit() and int(low) > int(high):
            message = f"`people_low` {low} is larger than `people_high` {high}"
            problems.append(Problem(schema.file, number, "people_low", message))
    return problems


def normalise_space(text: str) -> str:
    """Return ``text`` with every run of whitespace folded to one space."""
    return " ".join(text.split())


def check_quotes(schema: TableSchema, rows: Rows, seeds: Mapping[str, str]) -> list[Problem]:
    """Return problems where the seed file is unknown or the quote is not verbatim in it."""
    folded = {name: normalise_space(text) for name, text in seeds.items()}
    problems = []
    for number, row in rows:
        seed, quote = row.get("seed", ""), row.get("quote", "")
        if not seed or not quote:
            continue  # reported as empty by the cell check
        if seed not in folded:
            message = f"seed {seed!r} is not a file in seeds/ (known: {', '.join(sorted(folded))})"
            problems.append(Problem(schema.file, number, "seed", message))
        elif normalise_space(quote) not in folded[seed]:
            shown = quote if len(quote) <= 60 else quote[:57] + "..."
            message = f"quote {shown!r} is not found word for word in {seed}"
            problems.append(Problem(schema.file, number, "quote", message))
    return problems


def check_distinct_ends(schema: TableSchema, rows: Rows) -> list[Problem]:
    """Return problems for movements that start and end at the same place."""
    return [
        Problem(schema.file, number, "to_place", "`to_place` is the same as `from_place`")
        for number, row in rows
        if row.get("from_place") and row.get("from_place") == row.get("to_place")
    ]


_STORY_DATE = re.compile(r"^\d{4}(?:-\d{2})?$")
# The map's years (model.FIRST_YEAR, model.LAST_YEAR); model imports the loader, which
# imports this module, so they cannot be imported from there.
STORY_YEARS = (1979, 1999)


def check_story(schema: TableSchema, rows: Rows) -> list[Problem]:
    """Return problems for story steps with a bad date, centre, zoom, layer or numbering."""
    problems = []
    for number, row in rows:
        for layer in split_list(row.get("layers", "")):
            if layer not in vocab.LAYERS:
                message = f"unknown layer {layer!r}: use {', '.join(vocab.LAYERS)}"
                problems.append(Problem(schema.file, number, "layers", message))
        zoom = row.get("zoom", "")
        if zoom.isdigit() and not 4 <= int(zoom) <= 14:
            problems.append(Problem(schema.file, number, "zoom", "`zoom` must be 4 to 14"))
        problems += _story_date_problems(schema, number, row.get("date", ""))
        problems += _story_centre_problems(schema, number, row)
    return problems + _story_numbering_problems(schema, rows)


def _story_date_problems(schema: TableSchema, number: int, text: str) -> list[Problem]:
    try:
        parse_interval(text)
    except DateFormatError:
        return []  # reported by the cell check
    if not _STORY_DATE.match(text):
        message = f"`date` must be a year like 1982 or a month like 1989-10, got {text!r}"
        return [Problem(schema.file, number, "date", message)]
    if not STORY_YEARS[0] <= int(text[:4]) <= STORY_YEARS[1]:
        message = f"`date` {text} is outside the map's years ({STORY_YEARS[0]} to {STORY_YEARS[1]})"
        return [Problem(schema.file, number, "date", message)]
    return []


def _story_centre_problems(schema: TableSchema, number: int, row: Row) -> list[Problem]:
    problems = []
    for column, (low, high) in (("lat", vocab.REGION_LAT), ("lon", vocab.REGION_LON)):
        try:
            value = float(row.get(column, ""))
        except ValueError:
            continue  # blank or not a number: reported by the cell check
        if not low <= value <= high:
            message = (
                f"`{column}` {value} is outside the map's region ({low} to {high}); "
                "check that lat and lon are not swapped"
            )
            problems.append(Problem(schema.file, number, column, message))
    return problems


def _story_numbering_problems(schema: TableSchema, rows: Rows) -> list[Problem]:
    steps = [(number, row.get("step", "")) for number, row in rows]
    if not all(step.isascii() and step.isdigit() for _, step in steps):
        return []  # reported by the cell check
    for expected, (number, step) in enumerate(sorted(steps, key=lambda s: int(s[1])), start=1):
        if int(step) != expected:
            message = f"steps must be numbered 1, 2, 3 ... without gaps: expected {expected}"
            return [Problem(schema.file, number, "step", message)]
    return []
