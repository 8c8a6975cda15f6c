"""A copy of the data whose every text says something hostile: templates, markup, script."""

from __future__ import annotations

import csv
from pathlib import Path

# Jinja, HTML, script, JS template literals, quotes, Markdown, LaTeX and an off-machine image.
PAYLOAD = (
    "P{{7*7}}{% raw %}</script><img src=x onerror=alert(1)>`${alert(2)}`\"' "
    "**bold** $x^2$ [link](javascript:alert(3)) ![i](http://example.com/x.png)"
)
TEXT_COLUMNS = {
    "events.csv": ("title", "summary"),
    "places.csv": ("name", "coord_source"),
    "factions.csv": ("name", "short_name"),
    "control.csv": ("summary",),
    "movements.csv": ("summary",),
    "story.csv": ("title", "narrative", "content_note", "teacher_notes"),
    "governments.csv": ("name", "summary"),
    "quiz.csv": ("prompt",),
}


def _rewrite(path: Path, change) -> None:
    with open(path, encoding="utf-8", newline="") as file:
        rows = list(csv.DictReader(file))
        fields = list(rows[0].keys()) if rows else []
    for number, row in enumerate(rows):
        change(number, row)
    with open(path, "w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)


def make_hostile(data_dir: Path) -> str:
    """Put the payload into every free-text column of a data copy, and into one quote.

    The quote's text is appended to its seed file so the quote check still passes.
    Returns the payload.
    """
    for name, columns in TEXT_COLUMNS.items():
        path = data_dir / name
        if not path.exists():
            continue

        def change(number, row, columns=columns):
            for column in columns:
                if column in row and (column != "content_note" or number == 0):
                    row[column] = f"{PAYLOAD} #{number}"

        _rewrite(path, change)
    seeds = data_dir.parent / "seeds"

    def hostile_quote(number, row):
        if number == 0:
            with open(seeds / row["seed"], "a", encoding="utf-8") as seed:
                seed.write("\n" + PAYLOAD + "\n")
            row["quote"] = PAYLOAD

    _rewrite(data_dir / "control.csv", hostile_quote)
    mirror_translations(data_dir)
    return PAYLOAD


def mirror_translations(data_dir: Path) -> None:
    """Make each translation in translations.csv say its (changed) original's text.

    A translation must name the numbers its original names (translations.py): with the
    originals rewritten, their translations carry the same hostile or formula text.
    """
    path = data_dir / "translations.csv"
    if not path.exists():
        return
    originals: dict[tuple[str, str, str], str] = {}
    keys = {"events": "event_id", "movements": "movement_id", "story": "step",
            "governments": "government_id", "factions": "faction_id", "quiz": "question"}  # fmt: skip
    for table, key in keys.items():
        if (data_dir / f"{table}.csv").exists():
            with open(data_dir / f"{table}.csv", encoding="utf-8", newline="") as file:
                for row in csv.DictReader(file):
                    originals.update({(table, row[key], c): v for c, v in row.items()})

    def change(number, row):
        row["text"] = originals.get((row["table"], row["id"], row["column"]), row["text"])

    _rewrite(path, change)
