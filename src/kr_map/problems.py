"""Problems found in data files, reported together as ``file:row:column: message``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one cell (or row, or file) of a data file.

    ``row`` is the line a spreadsheet shows: the header is row 1, the first
    data row is row 2. ``row`` 0 means the whole file, ``column`` "" the whole row.
    """

    file: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.row}:{self.column}: {self.message}"


class DataError(Exception):
    """The data could not be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.file, p.row, p.column, p.message))
        super().__init__(self.report())

    def report(self, limit: int | None = None) -> str:
        """Return the problems as lines a person can read and act on."""
        shown = self.problems if limit is None else self.problems[:limit]
        lines = [str(p) for p in shown]
        hidden = len(self.problems) - len(shown)
        if hidden > 0:
            lines.append(f"... and {hidden} more problem(s)")
        return "\n".join(lines)
