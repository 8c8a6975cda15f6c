"""The order of frames when stepping or playing through time: years, and months in dense years."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from kr_map.model import FIRST_YEAR, LAST_YEAR


@dataclass(frozen=True, order=True)
class Frame:
    """One stop of the slider: a year, or one month of a year."""

    year: int
    month: int | None = None

    def __post_init__(self) -> None:
        if self.month is not None and not 1 <= self.month <= 12:
            raise ValueError(f"month must be 1 to 12, got {self.month}")


def frames(
    first: int = FIRST_YEAR,
    last: int = LAST_YEAR,
    monthly: Iterable[int] = (),
) -> list[Frame]:
    """Return the frames from ``first`` to ``last``: each year, or its 12 months if monthly."""
    by_month = set(monthly)
    out: list[Frame] = []
    for year in range(first, last + 1):
        if year in by_month:
            out.extend(Frame(year, month) for month in range(1, 13))
        else:
            out.append(Frame(year))
    return out


def step(sequence: list[Frame], current: Frame, by: int = 1, *, loop: bool = False) -> Frame:
    """Return the frame ``by`` steps from ``current``; at an end, stop there or loop round."""
    position = _position(sequence, current)
    if by > 0 and current.month is None and Frame(current.year, 1) in sequence:
        position -= 1  # a whole busy year sits just before its January: step into January
    target = position + by
    if loop:
        return sequence[target % len(sequence)]
    return sequence[max(0, min(target, len(sequence) - 1))]


def is_last(sequence: list[Frame], current: Frame) -> bool:
    """Return True when ``current`` is the last frame (play stops there unless looping)."""
    return _position(sequence, current) == len(sequence) - 1


def _position(sequence: list[Frame], current: Frame) -> int:
    """Return where ``current`` sits; a whole year in a monthly stretch sits at its January."""
    if current in sequence:
        return sequence.index(current)
    if current.month is None and Frame(current.year, 1) in sequence:
        return sequence.index(Frame(current.year, 1))
    if Frame(current.year) in sequence:
        return sequence.index(Frame(current.year))
    return 0 if current < sequence[0] else len(sequence) - 1
