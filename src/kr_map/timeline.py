"""The order of frames when stepping or playing through time.

A quiet year is one frame. A busy year (many events dated to the month) is its
whole-year frame followed by its twelve months, so a class can see the year at a
glance and then step through it month by month.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import total_ordering

from kr_map.model import FIRST_YEAR, LAST_YEAR


@total_ordering
@dataclass(frozen=True)
class Frame:
    """One stop of the slider: a year, or one month of a year."""

    year: int
    month: int | None = None

    def __post_init__(self) -> None:
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1 to 12, got {self.month}")

    def __lt__(self, other: Frame) -> bool:  # a whole year sorts before its months
        return (self.year, self.month or 0) < (other.year, other.month or 0)

    @property
    def key(self) -> str:
        """Return the frame as an ISO string: '1989', '1994-03'."""
        return str(self.year) if self.month is None else f"{self.year}-{self.month:02d}"


def frames(
    first: int = FIRST_YEAR,
    last: int = LAST_YEAR,
    monthly: Iterable[int] = (),
) -> list[Frame]:
    """Return the frames from ``first`` to ``last``: each year, then its months if it is busy."""
    by_month = set(monthly)
    out: list[Frame] = []
    for year in range(first, last + 1):
        out.append(Frame(year))
        if year in by_month:
            out.extend(Frame(year, month) for month in range(1, 13))
    return out


def position(sequence: list[Frame], current: Frame) -> int:
    """Return where ``current`` sits in the sequence, or the nearest frame's place."""
    if current in sequence:
        return sequence.index(current)
    if Frame(current.year) in sequence:
        return sequence.index(Frame(current.year))
    return 0 if current < sequence[0] else len(sequence) - 1
