"""Our vague dates in EDTF, the Library of Congress's Extended Date/Time Format.

A row's ``start``, ``end`` and ``precision`` (see ``data/README.md``) become one EDTF
string that other tools can read: ``1989-10-24`` a day, ``1985-01`` a month, ``1979`` a
year, ``1979-22`` the summer of 1979, ``1984-36`` the last quarter of 1984, ``1984/1986``
"some time from 1984 to 1986", ``198X`` some year of the 1980s. Next to it go the first and
last day the date can mean (``earliest``, ``latest``), from :func:`kr_map.dates.period_of`,
the same days the map uses.

We write no ``~`` (approximate) or ``?`` (uncertain) marks: our precisions say *how much* is
known, not that a stated value may be wrong, and a range already bounds the real date.
An interval's end is written with at least the detail of its start (``1989-09/1989-12``, not
``1989-09/1989``): a coarser end reads, to some validators, as ending before it begins.
Every string we produce is parsed back with the ``edtf`` package, so a bad one fails loudly.
"""

from __future__ import annotations

import functools
import importlib
from dataclasses import dataclass
from datetime import date
from types import ModuleType

from kr_map.dates import parse_interval, parse_iso, period_of

__all__ = ["EdtfDate", "edtf_date", "edtf_of", "season_code"]

# A season in our data is "three months from this month" (1979-06: summer 1979). EDTF
# names the three-month stretches that start in these months; others become intervals.
_SEASON_BY_MONTH = {
    3: 21,  # spring
    6: 22,  # summer
    9: 23,  # autumn
    12: 24,  # winter (runs into the next year)
    1: 33,  # first quarter: "early 1981"
    4: 34,  # second quarter
    7: 35,  # third quarter
    10: 36,  # fourth quarter: "late 1984"
}


@dataclass(frozen=True)
class EdtfDate:
    """A date as EDTF text with the first and last day it can mean."""

    edtf: str
    earliest: date
    latest: date


def season_code(start: str) -> str:
    """Return the EDTF season ("1979-22") for a season written 1979-06, or "" if none fits."""
    span = parse_interval(start)
    code = _SEASON_BY_MONTH.get(span.first.month)
    return f"{span.first.year}-{code}" if code and span.detail == "month" else ""


def _season(start: str, end: str) -> str:
    first, last = season_code(start), season_code(end) if end else ""
    if first and (not end or end == start):
        return first
    if first and last:
        return f"{first}/{last}"
    # three months from a month EDTF has no season for: say the months themselves
    span = period_of(start, end, "season")
    return f"{span.first:%Y-%m}/{span.last:%Y-%m}"


def _decade(first: date, last: date) -> str:
    """Return "198X" when the days are exactly one decade, else ""."""
    whole = first.year % 10 == 0 and last.year == first.year + 9
    if whole and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return f"{first.year // 10}X"
    return ""


def _end_as_detailed_as(start: str, end: str) -> str:
    """Return ``end`` written down to the detail of ``start``: its last month or last day."""
    first, last = parse_iso(start), parse_iso(end)
    if first.detail == "day" and last.detail != "day":
        return last.last.isoformat()
    if first.detail == "month" and last.detail == "year":
        return f"{last.last:%Y-%m}"
    return end


def edtf_of(start: str, end: str, precision: str) -> str:
    """Return the EDTF text of a row's date: '1994-03-18/1994-03-19', '1979-22', '198X'."""
    if precision == "season":
        return _season(start, end)
    if "/" in start and not end:  # control.csv writes a range in one cell: 1984/1986
        start, _, end = start.partition("/")
    if precision == "range":
        span = period_of(start, end, precision)
        decade = _decade(span.first, span.last)
        if decade:
            return decade
    if not end or end == start:
        return start
    if "/" in start or "/" in end:
        return f"{start}/{end}"
    return f"{start}/{_end_as_detailed_as(start, end)}"


@functools.cache
def _edtf() -> ModuleType:
    """Return the ``edtf`` package, imported the first time a date is checked: importing it
    builds its grammar (0.2-0.4 s), which the app's first page, needing no EDTF, would wait for."""
    return importlib.import_module("edtf")


def edtf_date(start: str, end: str, precision: str) -> EdtfDate:
    """Return a row's date as EDTF with its earliest and latest day, checked by ``edtf``."""
    text = edtf_of(start, end, precision)
    edtf = _edtf()
    try:
        edtf.parse_edtf(text)
    except edtf.EDTFParseException as error:  # our mapping is wrong: never hand it out
        raise ValueError(f"produced invalid EDTF {text!r} for {start!r}..{end!r}") from error
    span = period_of(start, end, precision)
    return EdtfDate(text, span.first, span.last)
