"""Translations of the data's own text: checked against their originals, shown beside them.

``data/translations.csv`` holds one row per (table, id, column, lang): the French or
Khmer of an event's summary, a story step's narrative, even a quote. The original stays
the source of truth: a translation is shown beside it, labelled as a translation (and as
unreviewed until a native speaker has reviewed it), never in its place.

The loader puts each translation beside its column (``summary@km`` and
``summary@km:status``); a holding of ``control.csv``, which has no key to be translated by,
carries the translation of its quote when the same sentence is translated for an event, a
movement or a government. :func:`beside` gives a card, a story step or a quiz question the
translations of the language being spoken.

A side of ``factions`` may also have a French ``article`` row (``les`` for "les Khmers
rouges"): not a translation of a column but the grammar of its translated name, checked
against the articles of the language (``articles.ARTICLES``).

A translation must say the same numbers and years as its original: "7,000 troops" may
become "7 000 soldats" or "៧.០០០ នាក់", never "70 000". Numbers are compared as values,
whatever digits (Khmer or Latin) and thousands separators write them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping
from typing import Any

import pandas as pd

from kr_map import i18n, schema, wording
from kr_map.articles import ARTICLE_COLUMN, ARTICLES
from kr_map.problems import Problem
from kr_map.schema import TRANSLATIONS, TableSchema

# What may be translated, by table: text columns meant for readers (never ids or dates).
TRANSLATABLE = {
    "events": ("title", "summary", "quote"),
    "movements": ("summary", "quote"),
    "governments": ("name", "summary", "quote"),
    "story": ("title", "narrative", "content_note", "teacher_notes"),
    "factions": ("name", "short_name"),
    "quiz": ("prompt",),
}
# The key column of each translatable table (translations.csv's `id` names a row by it).
KEYS = {
    "events": "event_id",
    "movements": "movement_id",
    "governments": "government_id",
    "story": "step",
    "factions": "faction_id",
    "quiz": "question",
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


def check_translations(
    rows: Mapping[str, list], tables: Collection[str] | None = None
) -> list[Problem]:
    """Return every problem of translations.csv, each at its file, row and column.

    A translation must name a translatable column of a row that exists and has text, be
    given once per language, and name the same numbers and years as its original. Only
    the translations of ``tables`` (all translatable tables when None) are checked: the
    loader leaves out a table with problems of its own (its translations are checked once
    it is clean, rather than blamed for its flaws) and the quiz, which checks its own.
    """
    schemas = {
        name: table for name, table in _schemas().items() if tables is None or name in tables
    }
    seen: dict[tuple[str, str, str, str], int] = {}
    originals: dict[str, dict] = {}
    problems = []
    for number, row in rows.get(TRANSLATIONS.name, []):
        table, key, column = row.get("table", ""), row.get("id", ""), row.get("column", "")
        if table not in schemas:
            continue  # not checked here, or the `table` cell's own problem (its schema's)
        if not rows.get(table):
            continue  # an unreadable (or empty) table: its own problem is the one reported
        where = (table, key, column, row.get("lang", ""))
        if where in seen:
            message = i18n._(
                "a second {lang} translation of {table} {key} {column} (the first is in row {row})"
            ).format(lang=where[3], table=table, key=repr(key), column=column, row=seen[where])
            problems.append(Problem(TRANSLATIONS.file, number, "id", message))
            continue
        seen[where] = number
        if table not in originals:
            originals[table] = _originals(rows, schemas[table])
        problems += _row_problems(number, row, schemas[table], originals[table])
    return problems


def _row_problems(number: int, row: dict, table: TableSchema, originals: dict) -> list[Problem]:
    key, column, text = row.get("id", ""), row.get("column", ""), row.get("text", "")
    if table.name == "factions" and column == ARTICLE_COLUMN:
        return _article_problems(number, row, table, originals)
    if column not in TRANSLATABLE[table.name]:
        allowed = ", ".join(TRANSLATABLE[table.name])
        message = i18n._(
            "`column` of a {table} translation must be one of {allowed}, got {value}"
        ).format(table=table.name, allowed=allowed, value=repr(column))
        return [Problem(TRANSLATIONS.file, number, "column", message)]
    if key not in originals:
        message = i18n._("no row {key} in {file}: a translation needs its original").format(
            key=repr(key), file=table.file
        )
        return [Problem(TRANSLATIONS.file, number, "id", message)]
    original_row, original = originals[key]
    source = original.get(column, "")
    if not source:
        message = i18n._("{file} row {row} has no {column} to translate").format(
            file=table.file, row=original_row, column=column
        )
        return [Problem(TRANSLATIONS.file, number, "column", message)]
    said, translated = numbers_in(source), numbers_in(text)
    if said == translated:
        return []
    message = _number_message(said, translated, table, original_row, column)
    return [Problem(TRANSLATIONS.file, number, "text", message)]


def _article_problems(number: int, row: dict, table: TableSchema, originals: dict) -> list[Problem]:
    """Return why a side's article (``factions,<id>,article,fr,les``) cannot be used."""
    key, lang, text = row.get("id", ""), row.get("lang", ""), row.get("text", "")
    if key not in originals:
        message = i18n._("no row {key} in {file}: a translation needs its original").format(
            key=repr(key), file=table.file
        )
        return [Problem(TRANSLATIONS.file, number, "id", message)]
    allowed = ARTICLES.get(lang)
    if allowed is None:
        message = i18n._("{lang} names a side without an article: give no `article` row").format(
            lang=lang
        )
        return [Problem(TRANSLATIONS.file, number, "lang", message)]
    if text not in allowed:
        message = i18n._("an article must be one of {allowed}, got {value}").format(
            allowed=", ".join(allowed), value=repr(text)
        )
        return [Problem(TRANSLATIONS.file, number, "text", message)]
    return []


def _number_message(said, translated, table: TableSchema, original_row: int, column: str) -> str:
    added = sorted((translated - said).elements())
    missing = sorted((said - translated).elements())
    where = {"file": table.file, "row": original_row, "column": column}
    if added and missing:
        message = i18n._(
            "the translation names {added}, which the original does not, and leaves out "
            "{missing}, which the original names ({file} row {row}, {column}): a translation "
            "must give the same numbers and years as its original"
        )
    elif added:
        message = i18n._(
            "the translation names {added}, which the original does not ({file} row {row}, "
            "{column}): a translation must give the same numbers and years as its original"
        )
    else:
        message = i18n._(
            "the translation leaves out {missing}, which the original names ({file} row {row}, "
            "{column}): a translation must give the same numbers and years as its original"
        )
    return message.format(added=", ".join(added), missing=", ".join(missing), **where)


# --- Translations beside their originals ---------------------------------------------


def column_name(column: str, lang: str) -> str:
    """Return the name of the column that holds ``column``'s translation into ``lang``."""
    return f"{column}@{lang}"


def status_column(column: str, lang: str) -> str:
    """Return the name of the column that says whether that translation was reviewed."""
    return f"{column}@{lang}:status"


def cells_of(translations: pd.DataFrame, table: str) -> dict[str, dict[str, str]]:
    """Return a table's translations by row key: ``{key: {"summary@km": text, ...}}``.

    Each translation gives two cells, its text (``<column>@<lang>``) and its status
    (``<column>@<lang>:status``).
    """
    cells: dict[str, dict[str, str]] = {}
    if translations.empty:
        return cells
    rows = translations[translations["table"] == table]
    for key, column, lang, text, status in zip(
        rows["id"], rows["column"], rows["lang"], rows["text"], rows["status"], strict=True
    ):
        row = cells.setdefault(str(key), {})
        row[column_name(column, lang)] = text
        row[status_column(column, lang)] = status
    return cells


def attach(frame: pd.DataFrame, table: str, translations: pd.DataFrame) -> pd.DataFrame:
    """Return a table with its translations as columns beside the originals.

    A column appears only where some row has that translation; rows without one are blank.
    """
    cells = cells_of(translations, table)
    if not cells or frame.empty:
        return frame
    keys = frame[KEYS[table]].astype(str)
    names = sorted({name for row in cells.values() for name in row})
    added = {name: [cells.get(key, {}).get(name, "") for key in keys] for name in names}
    return frame.assign(**added)


def quote_memory(frames: Iterable[pd.DataFrame]) -> dict[str, dict[str, str]]:
    """Return the translations of every translated quote, by the quote's English text.

    The same sentence of a seed is often quoted by an event and by a holding: once
    translated (and checked) for one, its translation reads the same beside the other.
    """
    memory: dict[str, dict[str, str]] = {}
    for frame in frames:
        names = [name for name in frame.columns if str(name).startswith("quote@")]
        if "quote" not in frame.columns or not names:
            continue
        for quote, *cells in frame[["quote", *names]].itertuples(index=False):
            found = {name: str(cell) for name, cell in zip(names, cells, strict=True) if cell}
            if found:
                memory.setdefault(str(quote), {}).update(found)
    return memory


def attach_quotes(frame: pd.DataFrame, memory: Mapping[str, Mapping[str, str]]) -> pd.DataFrame:
    """Return a table whose quotes translated elsewhere carry those translations beside them."""
    if frame.empty or "quote" not in frame.columns or not memory:
        return frame
    found = [memory.get(str(quote), {}) for quote in frame["quote"]]
    names = sorted({name for cells in found for name in cells})
    return frame.assign(**{name: [cells.get(name, "") for cells in found] for name in names})


def cells_in(row: Mapping[str, Any] | pd.Series) -> tuple[tuple[str, str], ...]:
    """Return a row's translation cells as (name, text) pairs, for a value object to keep."""
    names = [str(name) for name in row.keys()]  # noqa: SIM118  (a Series iterates its values)
    return tuple((name, _cell(row, name)) for name in names if "@" in name and _cell(row, name))


def _cell(row: Mapping[str, Any] | pd.Series, name: str) -> str:
    value = row.get(name, "")
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def beside(row: Mapping[str, Any] | pd.Series, columns: Iterable[str]) -> dict[str, dict]:
    """Return the translations of a row's ``columns`` into the language being spoken.

    ``{column: {"text", "status", "lang"}}`` for each column translated into
    ``i18n.current()``; empty in English, or when no column of the row is translated.
    """
    lang = i18n.current()
    if lang == i18n.DEFAULT_LANG:
        return {}
    found = {}
    for column in columns:
        text = _cell(row, column_name(column, lang))
        if text:
            status = _cell(row, status_column(column, lang)) or "unreviewed"
            found[column] = {"text": text, "status": status, "lang": lang}
    return found


def translated(row: Mapping[str, Any] | pd.Series, columns: Iterable[str]) -> dict[str, dict]:
    """Return ``{"translated": beside(row, columns)}``, or nothing when that is empty.

    A card, a story step or a question spreads it into its record (``**translated(...)``):
    the key is omitted where there is no translation to show.
    """
    found = beside(row, columns)
    return {"translated": found} if found else {}


# --- A side's name in the player's sentences ------------------------------------------
#
# The player words some sentences itself ("Changed hands from {holder}.", core/messages.js).
# Its French asks for a side's name with its article fused with a preposition, as the
# Python's do ({holder:de}: "des Khmers rouges"); the browser writes no grammar, so the
# frames document carries, per side, each form the page's messages ask for (doc.sides).


def asked_forms(messages: Iterable[str]) -> set[str]:
    """Return the forms of a side's name that messages ask for: 'à' for ``{holder:à}``."""
    return {
        spec
        for message in messages
        for name, spec in i18n.PLACEHOLDER.findall(message)
        if name in i18n.NAME_PLACEHOLDERS and spec
    }


def sides_in_sentences(factions: pd.DataFrame) -> dict[str, dict[str, str]]:
    """Return each side's name as the player's sentences say it, in the language spoken.

    ``{"khmer_rouge": {"": "Khmers rouges", "de": "des Khmers rouges", "par": "par les
    Khmers rouges"}}``: the bare name under "", then each form the browser's messages of the
    language ask for, worded by ``articles.with_article`` from the side's ``article`` row.
    """
    messages = i18n.browser_messages(i18n.current())["messages"].values()
    forms = sorted(asked_forms(messages))
    sides = {}
    for faction_id in factions.index:
        name = wording.holder_name(str(faction_id), factions)
        sides[str(faction_id)] = {"": str(name), **{form: format(name, form) for form in forms}}
    return sides
