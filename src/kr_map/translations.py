"""Translations of the data's own text: checked against their originals, shown beside them.

``data/translations.csv`` holds one row per (table, id, column, lang): the French or
Khmer of an event's summary, a story step's narrative, even a quote. The original stays
the source of truth: a translation is shown beside it, labelled as a translation (and as
unreviewed until a native speaker has reviewed it), never in its place.

A translation must say the same numbers and years as its original: "7,000 troops" may
become "7 000 soldats" or "៧.០០០ នាក់", never "70 000". Numbers are compared as values,
whatever digits (Khmer or Latin) and thousands separators write them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping

from kr_map import schema
from kr_map.problems import Problem
from kr_map.schema import TRANSLATIONS, TableSchema

# What may be translated, by table: text columns meant for readers (never ids or dates).
TRANSLATABLE = {
    "events": ("title", "summary", "quote"),
    "movements": ("summary", "quote"),
    "governments": ("name", "summary", "quote"),
    "story": ("title", "narrative", "content_note"),
    "factions": ("name", "short_name"),
}
# A number: digits of any script (\d is Unicode here), with thousands separators between
# groups of three ("7,000", "7 000", "7\u202f000", "៧.០០០"), or a decimal part.
_NUMBER = re.compile(r"\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?!\d)|\d+(?:\.\d+)?")
_SEPARATORS = str.maketrans("", "", ",.\u00a0\u202f ")


def numbers_in(text: str) -> Counter[str]:
    """Return the numbers a text names, as values: '7,000' and '៧ ០០០' are both 7000."""
    found: Counter[str] = Counter()
    for match in _NUMBER.finditer(text):
        written = match.group()
        if re.search(r"\.\d+$", written) and not re.search(r"\.\d{3}$", written):
            found[str(float(written))] += 1  # a decimal such as 1.5
            continue
        found[str(int(written.translate(_SEPARATORS)))] += 1  # int() reads Khmer digits too
    return found


def _schemas() -> dict[str, TableSchema]:
    tables = (*schema.TABLES, *schema.OPTIONAL_TABLES)
    return {table.name: table for table in tables if table.name in TRANSLATABLE}


def _originals(rows: Mapping[str, list], table: TableSchema) -> dict[str, tuple[int, dict]]:
    """Return the table's rows by key, with their spreadsheet row numbers."""
    return {row.get(table.key, ""): (number, row) for number, row in rows.get(table.name, [])}


def check_translations(rows: Mapping[str, list]) -> list[Problem]:
    """Return every problem of translations.csv, each at its file, row and column.

    A translation must name a translatable column of a row that exists and has text, be
    given once per language, and name the same numbers and years as its original.
    """
    schemas = _schemas()
    seen: dict[tuple[str, str, str, str], int] = {}
    problems = []
    for number, row in rows.get(TRANSLATIONS.name, []):
        table, key, column = row.get("table", ""), row.get("id", ""), row.get("column", "")
        if table not in schemas:
            continue  # the `table` cell's own problem is reported by its schema
        if not rows.get(table):
            continue  # an unreadable (or empty) table: its own problem is the one reported
        where = (table, key, column, row.get("lang", ""))
        if where in seen:
            message = (
                f"a second {where[3]} translation of {table} {key!r} {column} "
                f"(the first is in row {seen[where]})"
            )
            problems.append(Problem(TRANSLATIONS.file, number, "id", message))
            continue
        seen[where] = number
        problems += _row_problems(number, row, schemas[table], _originals(rows, schemas[table]))
    return problems


def _row_problems(number: int, row: dict, table: TableSchema, originals: dict) -> list[Problem]:
    key, column, text = row.get("id", ""), row.get("column", ""), row.get("text", "")
    if column not in TRANSLATABLE[table.name]:
        allowed = ", ".join(TRANSLATABLE[table.name])
        message = f"`column` of a {table.name} translation must be one of {allowed}, got {column!r}"
        return [Problem(TRANSLATIONS.file, number, "column", message)]
    if key not in originals:
        message = f"no row {key!r} in {table.file}: a translation needs its original"
        return [Problem(TRANSLATIONS.file, number, "id", message)]
    original_row, original = originals[key]
    source = original.get(column, "")
    if not source:
        message = f"{table.file} row {original_row} has no {column} to translate"
        return [Problem(TRANSLATIONS.file, number, "column", message)]
    said, translated = numbers_in(source), numbers_in(text)
    if said == translated:
        return []
    message = _number_message(said, translated, table, original_row, column)
    return [Problem(TRANSLATIONS.file, number, "text", message)]


def _number_message(said, translated, table: TableSchema, original_row: int, column: str) -> str:
    added = sorted((translated - said).elements())
    missing = sorted((said - translated).elements())
    parts = []
    if added:
        parts.append(f"names {', '.join(added)}, which the original does not")
    if missing:
        parts.append(f"leaves out {', '.join(missing)}, which the original names")
    return (
        f"the translation {' and '.join(parts)} ({table.file} row {original_row}, {column}): "
        "a translation must give the same numbers and years as its original"
    )
