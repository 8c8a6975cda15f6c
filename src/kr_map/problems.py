"""Problems found in data files, reported together as ``file:row:column: message``."""

from __future__ import annotations

from dataclasses import dataclass, field

from kr_map import i18n
from kr_map.terminal import for_terminal


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one cell (or row, or file) of a data file.

    ``row`` is the line a spreadsheet shows: the header is row 1, the first
    data row is row 2. ``row`` 0 means the whole file, ``column`` "" the whole row.
    ``message`` is worded in the language spoken when the problem was found
    (``i18n.speaking``): the checks word it with ``i18n._``; file, row and column stay
    as they are in every language.
    """

    file: str
    row: int
    column: str
    message: str
    # The file could not be read or used at all (wrong encoding, a key column missing...):
    # such a problem is the cause of others, so it is reported first.
    blocking: bool = field(default=False, compare=False)

    def __str__(self) -> str:
        """Return ``file:row:column: message``, safe to print (no control characters)."""
        return for_terminal(f"{self.file}:{self.row}:{self.column}: {self.message}")


def report_order(problem: Problem) -> tuple:
    """Return the sort key that puts the causes (unreadable files) before what they cause."""
    return (not problem.blocking, problem.file, problem.row, problem.column, problem.message)


class DataError(Exception):
    """The data could not be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=report_order)
        super().__init__(self.report())

    def report(self, limit: int | None = None) -> str:
        """Return the problems as lines a person can read and act on."""
        shown = self.problems if limit is None else self.problems[:limit]
        lines = [str(p) for p in shown]
        hidden = len(self.problems) - len(shown)
        if hidden > 0:
            more = i18n.ngettext(
                "... and {count} more problem", "... and {count} more problems", hidden
            )
            lines.append(more.format(count=i18n.number(hidden, i18n.current())))
        return "\n".join(lines)
