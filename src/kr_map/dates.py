"""Fuzzy historical dates: an ISO date at some precision is a span of possible days."""

from __future__ import annotations

import calendar
import functools
import re
from dataclasses import dataclass
from datetime import date

PRECISIONS = ("day", "month", "season", "year", "range")

_ISO = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
_DETAIL_BY_PARTS = {1: "year", 2: "month", 3: "day"}
_MONTH_ABBR = tuple(calendar.month_abbr)


class DateFormatError(ValueError):
    """A date cell that is not an ISO date such as 1989-10-24, 1985-01 or 1979."""


def _(message: str) -> str:
    """Return a message in the language being spoken (``i18n._``), for problems with a date."""
    from kr_map import i18n  # dates.py is below i18n in the chain; import when needed

    return i18n._(message)


@dataclass(frozen=True)
class Span:
    """The first and last day a vaguely known date could be (both included)."""

    first: date
    last: date
    detail: str  # "day", "month" or "year": how much of the ISO date was written

    def __post_init__(self) -> None:
        if self.last < self.first:
            message = _("{last} is before {first}")
            raise DateFormatError(message.format(last=self.last, first=self.first))


@functools.cache  # a big table repeats its dates; loader.load clears it
def parse_iso(text: str) -> Span:
    """Return the span of days an ISO date (``1989-10-24``, ``1985-01``, ``1979``) covers."""
    match = _ISO.match(text.strip())
    if not match:
        message = _("must be a date like 1989-10-24, 1985-01 or 1979, got {value}")
        raise DateFormatError(message.format(value=repr(text)))
    year, month, day = (int(g) if g else None for g in match.groups())
    if year < 1000:
        raise DateFormatError(_("year {year} is not a four-digit year").format(year=year))
    if month is None:
        return Span(date(year, 1, 1), date(year, 12, 31), "year")
    if not 1 <= month <= 12:
        message = _("month {month} does not exist in {value}")
        raise DateFormatError(message.format(month=f"{month:02d}", value=repr(text)))
    month_end = calendar.monthrange(year, month)[1]
    if day is None:
        return Span(date(year, month, 1), date(year, month, month_end), "month")
    if not 1 <= day <= month_end:
        message = _("day {day} does not exist in {month}")
        raise DateFormatError(message.format(day=f"{day:02d}", month=f"{year}-{month:02d}"))
    return Span(date(year, month, day), date(year, month, day), "day")


def parse_interval(text: str) -> Span:
    """Return the span of an ISO interval ``1984/1986`` or of a single ISO date."""
    if "/" not in text:
        return parse_iso(text)
    left, _slash, right = text.partition("/")
    try:
        first, last = parse_iso(left), parse_iso(right)
    except DateFormatError:
        message = _(
            "must be a date like 1989-10-24, 1985-01 or 1979 (or a span like 1984/1986), "
            "got {value}"
        )
        raise DateFormatError(message.format(value=repr(text))) from None
    if last.last < first.first:
        message = _("the interval {value} ends before it starts")
        raise DateFormatError(message.format(value=repr(text)))
    return Span(first.first, last.last, "range")


def add_months(day: date, months: int) -> date:
    """Return the first day of the month ``months`` after ``day``'s month."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def season_span(start: Span) -> Span:
    """Return the three months starting at ``start`` ("summer 1979" written 1979-06)."""
    after = add_months(start.first, 3)
    return Span(start.first, date.fromordinal(after.toordinal() - 1), "month")


def precision_problem(precision: str, text: str, span: Span, *, is_end: bool = False) -> str | None:
    """Return why ``text`` does not fit ``precision``, or None if it does."""
    if precision not in PRECISIONS:
        return _("precision must be one of {choices}, got {value}").format(
            choices=", ".join(PRECISIONS), value=repr(precision)
        )
    wanted = {"day": "day", "month": "month", "season": "month", "year": "year"}.get(precision)
    if wanted is None or span.detail == wanted:
        return None
    example = {"day": "1989-10-24", "month": "1985-01", "year": "1979"}[wanted]
    if is_end:
        message = _(
            "precision is {precision}, so the end must look like {example}, got {value} "
            "(use precision 'range' for dates known to different detail)"
        )
    else:
        message = _(
            "precision is {precision}, so the date must look like {example}, got {value} "
            "(use precision 'range' for dates known to different detail)"
        )
    return message.format(precision=repr(precision), example=example, value=repr(text))


def period_of(start: str, end: str, precision: str) -> Span:
    """Return every day an event (start, optional end, precision) may cover."""
    first = parse_interval(start)
    if precision == "season":
        first = season_span(first)
    if not end:
        return Span(first.first, first.last, first.detail)
    last = parse_interval(end)
    if precision == "season":
        last = season_span(last)
    return Span(first.first, max(first.last, last.last), first.detail)


def _fmt_one(span: Span) -> str:
    d = span.first
    if span.detail == "day":
        return f"{d.day} {_MONTH_ABBR[d.month]} {d.year}"
    if span.detail == "month":
        return f"{_MONTH_ABBR[d.month]} {d.year}"
    return str(d.year)


def describe(start: str, end: str, precision: str) -> str:
    """Return a date for people: '24 Oct 1989', 'Nov 1984 – Apr 1985', 'c. 1984–1986'."""
    if precision == "season":
        span = period_of(start, end, precision)
        first, last = _MONTH_ABBR[span.first.month], _MONTH_ABBR[span.last.month]
        if span.first.year != span.last.year:  # a dry season runs over New Year
            return f"c. {first} {span.first.year} – {last} {span.last.year}"
        return f"c. {first}–{last} {span.last.year}"
    first = parse_interval(start)
    parts = [_fmt_one(first) if first.detail != "range" else _fmt_interval(start)]
    if end and end != start:
        parts.append(_fmt_one(parse_interval(end)))
    text = " – ".join(parts)
    return f"c. {text}" if precision == "range" else text


def _fmt_interval(text: str) -> str:
    """Return ``1984/1986`` as '1984–1986', each end with the detail it was written in."""
    left, _, right = text.partition("/")
    first, last = parse_iso(left), parse_iso(right)
    if first.detail == last.detail == "year":
        return f"{first.first.year}–{last.first.year}"
    same_month = (first.first.year, first.first.month) == (last.first.year, last.first.month)
    if first.detail == last.detail == "day" and same_month:
        return f"{first.first.day}–{last.first.day} {_MONTH_ABBR[first.first.month]} {first.first.year}"
    return f"{_fmt_one(first)} – {_fmt_one(last)}"


# --- In the reader's language (Babel and CLDR) ----------------------------------------

# Babel's CLDR skeletons for each detail a date is written to: "24 oct. 1989", "oct. 1989".
_SKELETONS = {"day": "yMMMd", "month": "yMMM", "year": "y"}


def describe_in(start: str, end: str, precision: str, lang: str) -> str:
    """Return a date for people in ``lang``: '24 oct. 1989', 'vers 1984–1986', Khmer digits in km.

    English is :func:`describe` itself. Other languages take month names, day-month order
    and range punctuation from CLDR through Babel (``format_skeleton``, ``format_interval``),
    and the word for "c." from the catalog; a date keeps the detail it was written to (a
    year stays a year), and a vague one is still marked vague.
    """
    from kr_map import i18n  # dates.py is below i18n in the chain; import when needed

    if i18n.check_lang(lang) == "en":
        return describe(start, end, precision)
    text = _span_words(period_parts(start, end, precision), lang)
    if precision in ("range", "season"):
        _ = i18n.gettext_for(lang)
        text = _("c. {date}").format(date=text)
    return i18n.with_native_digits(text, lang)


def phrase_in(start: str, end: str, precision: str, lang: str) -> str:
    """Return a date as precise as its source in ``lang``: a bare year reads 'sometime in 1998'."""
    from kr_map import i18n

    text = describe_in(start, end, precision, lang)
    single_year = precision == "year" and (not end or end == start) and "/" not in start
    if not single_year:
        return text
    _ = i18n.gettext_for(lang)
    return _("sometime in {year}").format(year=text)


def period_parts(start: str, end: str, precision: str) -> tuple[Span, Span]:
    """Return the first and last written moments of a date: the same span twice if single."""
    if precision == "season":
        span = period_of(start, end, precision)
        first = Span(span.first, span.first, "month")
        return first, Span(span.last, span.last, "month")
    first_text, _, interval_end = start.partition("/")
    first = parse_iso(first_text)
    last_text = end if end and end != start else interval_end
    last = parse_interval(last_text) if last_text else first
    if last.detail == "range":  # an end written as an interval: its last moment
        last = parse_iso(last_text.partition("/")[2])
    return first, last


def _span_words(parts: tuple[Span, Span], lang: str) -> str:
    """Return one moment, or a range between two, with CLDR's words and punctuation."""
    from babel.dates import format_interval, format_skeleton

    first, last = parts
    if first == last:
        return format_skeleton(_SKELETONS[first.detail], first.first, locale=lang)
    # Babel words a range at the detail both ends share; ends known to different detail
    # are each written as written, joined by CLDR's range dash.
    if first.detail == last.detail:
        skeleton = _SKELETONS[first.detail]
        return format_interval(first.first, last.first, skeleton, locale=lang)
    left = format_skeleton(_SKELETONS[first.detail], first.first, locale=lang)
    right = format_skeleton(_SKELETONS[last.detail], last.first, locale=lang)
    return f"{left} – {right}"


# The loader words every date once, in English (:func:`describe`), for the data's ``when``
# columns; the same date in another language is those words read back into the moments they
# name and said again with CLDR. :func:`describe` writes a small closed grammar (``24 Oct
# 1989``, ``Mar 1985``, ``1984–1986``, ``18–19 Mar 1994``, ``c. Nov–Apr 1985``, parts joined
# by `` – ``; a period's label writes its month in full), so reading it back is exact; ``tests/test_dates_lang.py`` checks it on every date
# of the bundled data.
# A period's own label (``model.Period.label``) names its month in full: "March 1989".
_MONTH_OF = {
    name: number
    for names in (_MONTH_ABBR, calendar.month_name)
    for number, name in enumerate(names)
    if name
}
_MOMENT = re.compile(r"^(?:(\d{1,2}) )?(?:([A-Z][a-z]{2,8}) )?(\d{4})$")


def _moment(words: str) -> Span:
    """Return the moment one of :func:`describe`'s dates names: '24 Oct 1989', 'Mar 1985'."""
    match = _MOMENT.match(words)
    if (
        not match
        or (match.group(2) or "Jan") not in _MONTH_OF
        or (match.group(1) and not match.group(2))
    ):
        raise DateFormatError(f"not a date as kr-map writes one: {words!r}")
    day, month, year = match.groups()
    if month is None:
        return parse_iso(year)
    if day is None:
        return parse_iso(f"{year}-{_MONTH_OF[month]:02d}")
    return parse_iso(f"{year}-{_MONTH_OF[month]:02d}-{int(day):02d}")


def _ends_of(piece: str) -> tuple[Span, Span]:
    """Return the first and last moments of one piece: '1984–1986', '18–19 Mar 1994', a date."""
    left, dash, right = piece.partition("–")
    if not dash:
        moment = _moment(piece)
        return moment, moment
    last = _moment(right)
    tail = right.split(" ")  # the words the left end shares with the right: month, year
    for shared in range(len(tail) + 1):
        try:
            return _moment(" ".join([left, *tail[len(tail) - shared :]]).strip()), last
        except DateFormatError:
            continue
    raise DateFormatError(f"not a date as kr-map writes one: {piece!r}")


def label_in(label: str, lang: str) -> str:
    """Return a date the loader worded in English (:func:`describe`) in ``lang``: 'vers 1985'.

    English, an empty label and words that are no date of :func:`describe` come back as
    they are.
    """
    from kr_map import i18n

    if i18n.check_lang(lang) == "en" or not label:
        return label
    vague = label.startswith("c. ")
    pieces = label.removeprefix("c. ").split(" – ")
    try:
        first, last = _ends_of(pieces[0])[0], _ends_of(pieces[-1])[1]
    except DateFormatError:
        return label
    text = _span_words((first, last), lang)
    if vague:
        text = i18n.gettext_for(lang)("c. {date}").format(date=text)
    return i18n.with_native_digits(text, lang)
