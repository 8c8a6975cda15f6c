"""Helpers for tests that replace a table: the bundled translations of its old rows go too."""

from __future__ import annotations

import csv
from pathlib import Path


def without_translations(data_dir: Path, table: str, column: str | None = None) -> None:
    """Remove the translations of ``table`` (of its ``column`` only, if given) from the folder.

    A folder whose quiz.csv (or story.csv ...) is one's own has no translations of it: the
    bundled ones translate rows it no longer holds.
    """
    path = data_dir / "translations.csv"
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        fields, rows = reader.fieldnames or [], list(reader)
    kept = [r for r in rows if r["table"] != table or (column and r["column"] != column)]
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(kept)
