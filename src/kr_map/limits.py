"""How much data the map can draw, said before anything slow starts.

The map's frames travel to the browser in one document, built when the app starts (or the
export is written). Above :data:`MAX_EVENTS` events that build takes too long to wait for
and the document outgrows a browser tab and the 200 MB Streamlit serves as one file (the
sizes measured are in ``benchmarks/RESULTS.md``), so the data is refused at once, in
words, instead of after minutes with "HTTP 404" where the map should be. Rows are counted by their line ends, without parsing: a
million rows take a second or two.
"""

from __future__ import annotations

from pathlib import Path

from kr_map.i18n import _
from kr_map.problems import DataError, Problem

# The packed document measured 91 MB for 55,605 synthetic events (benchmarks/RESULTS.md,
# issue 22), and Streamlit serves at most 200 MB as one static file: 100,000 rows stay
# under it with room for wordier rows.
MAX_EVENTS = 100_000
COUNTED = ("events.csv", "control.csv", "movements.csv")
_CHUNK = 1 << 22


def data_rows(path: Path) -> int:
    """Return about how many data rows a CSV file has: its lines after the header.

    A cell with a line break inside counts twice; that is close enough for a limit.
    """
    lines, last = 0, b"\n"
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    lines += last != b"\n"  # a last line without its line end
    return max(0, lines - 1)


def too_large(data_dir: Path, limit: int | None = None) -> list[Problem]:
    """Return a problem for each table with more rows than the map can draw (none: fine)."""
    limit = MAX_EVENTS if limit is None else limit
    problems = []
    for name in COUNTED:
        path = data_dir / name
        if not path.is_file():
            continue
        rows = data_rows(path)
        if rows > limit:
            problems.append(
                Problem(
                    f"data/{name}",
                    0,
                    "",
                    _(
                        "has about {rows} rows; the map draws at most {limit}. Every frame "
                        "of the map is built into one document when the app starts or the map "
                        "is exported, and the browser loads it whole: at this size the build "
                        "would take many minutes and the document would be too large for a "
                        "browser tab and larger than the 200 MB the app can serve as one file "
                        "(91 MB were measured for 55,605 events). Split the rows by period or "
                        "region into separate data folders and open each on its own "
                        "(KR_MAP_DATA=folder)."
                    ).format(rows=f"{rows:,}", limit=f"{limit:,}"),
                    blocking=True,
                )
            )
    return problems


def check_size(data_dir: Path, limit: int | None = None) -> None:
    """Raise :class:`DataError` at once when a table holds more rows than the map can draw."""
    problems = too_large(Path(data_dir), limit)
    if problems:
        raise DataError(problems)
