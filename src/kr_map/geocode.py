"""``kr-map geocode``: fill missing coordinates in ``places.csv`` through a geopy geocoder.

Shaped like geopy itself:

- the geocoder is anything with geopy's interface (``geocode(query, exactly_one=True,
  country_codes=..., viewbox=..., bounded=..., timeout=...) -> Location | None``):
  Nominatim for real runs, a fake in tests;
- policies are wrappers: :func:`region_geocode` biases every query to the region and
  rate-limits it with geopy's ``RateLimiter``;
- :func:`fill_coordinates` is the pure core (a table in, a new table and a report out);
  :func:`geocode_places_file` is the file's edge (read as written, only changed rows
  written anew, atomically), and :mod:`kr_map.geocode_cli` the command line's (options,
  terminal, exit codes).
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import logging
import os
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from enum import Enum
from pathlib import Path
from typing import Protocol

import pandas as pd
from geopy.exc import (
    GeocoderAuthenticationFailure,
    GeocoderInsufficientPrivileges,
    GeocoderQuotaExceeded,
    GeocoderServiceError,
    GeocoderTimedOut,
    GeocoderUnavailable,
)
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim
from geopy.location import Location

from kr_map.atomic import atomic_write_bytes, remove_stale_temp_files, stale_temp_files
from kr_map.i18n import N_, _
from kr_map.reading import FileRefused, other_separator, read_input, separator_message
from kr_map.vocab import REGION_LAT, REGION_LON, in_region

PLACES_FILE = "places.csv"
DEFAULT_USER_AGENT = "kr-map/0.1 (set --user-agent to your contact)"
USER_AGENT_ENV = "KR_MAP_USER_AGENT"
DEFAULT_MIN_DELAY_SECONDS = 1.0  # Nominatim's usage policy: at most one request a second
REQUEST_TIMEOUT_SECONDS = 10.0

# The columns geocoding reads or writes (``kind`` and any extra column pass through).
REQUIRED_COLUMNS = (
    "place_id", "name", "lat", "lon", "country", "coord_source", "coord_precision", "aliases",
)  # fmt: skip
# Countries of the insurgency and its borderlands; ``country`` in places.csv uses these.
COUNTRY_NAMES = {"KH": "Cambodia", "TH": "Thailand", "LA": "Laos", "VN": "Vietnam"}
COUNTRY_CODES = tuple(code.lower() for code in COUNTRY_NAMES)


# The map's region (vocab.py); a match outside it is a namesake somewhere else.
REGION_VIEWBOX = [(REGION_LAT[1], REGION_LON[0]), (REGION_LAT[0], REGION_LON[1])]


class Geocoder(Protocol):
    """geopy's geocoder interface, as far as kr-map uses it (Nominatim has it)."""

    def geocode(
        self,
        query: str,
        *,
        exactly_one: bool = True,
        country_codes: list[str] | None = None,
        viewbox: list[tuple[float, float]] | None = None,
        bounded: bool = False,
        timeout: float | None = None,
    ) -> Location | None: ...


# --- errors ---------------------------------------------------------------------------


class GeocodingError(Exception):
    """``kr-map geocode`` could not do its job; the message says why and what to do."""


class PlacesFileError(GeocodingError):
    """The places file is missing, unreadable, lacks a column, or could not be written."""


class GeocodingServiceError(GeocodingError):
    """The geocoding service answered with an error; nothing was written."""


class GeocodingServiceUnreachable(GeocodingServiceError):
    """The geocoding service could not be reached (offline, timed out); nothing was written."""


# --- the pure core ----------------------------------------------------------------------


class Outcome(Enum):
    """What happened to one place."""

    FILLED = "filled"
    NOT_FOUND = "not found"
    SKIPPED = "skipped"


# How the terminal names each outcome (the enum's values stay the machine's words).
OUTCOME_WORDS = {
    Outcome.FILLED: N_("filled"),
    Outcome.NOT_FOUND: N_("not found"),
    Outcome.SKIPPED: N_("skipped"),
}


@dataclass(frozen=True)
class PlaceOutcome:
    """What the geocoder did for one row of places.csv."""

    place_id: str
    name: str
    outcome: Outcome
    queries: tuple[str, ...] = ()  # every query sent, in order
    query: str = ""  # the query that matched (FILLED only)
    lat: str = ""
    lon: str = ""
    changed: bool = False  # a cell of the row differs from before
    rejected: tuple[str, ...] = ()  # matches thrown away because they were outside the region

    def describe(self) -> str:
        """Return one line for the terminal, e.g. ``filled     pailin: 'Pailin' -> ...``.

        Worded in the language being spoken (``i18n.speaking``); names and queries as written.
        """
        label = f"{_(OUTCOME_WORDS[self.outcome]):<10} {self.place_id or self.name}"
        if self.outcome is Outcome.SKIPPED:
            return _("{label}: already has coordinates (--force looks it up again)").format(
                label=label
            )
        if self.outcome is Outcome.FILLED:
            found = (
                _("{label}: {query} -> {lat}, {lon}")
                if self.changed
                else _("{label}: {query} -> {lat}, {lon} (unchanged)")
            )
            return found.format(label=label, query=repr(self.query), lat=self.lat, lon=self.lon)
        tried = ", ".join(repr(q) for q in self.queries) or _("nothing to search for")
        lines = [_("{label}: tried {queries}").format(label=label, queries=tried)]
        lines += [
            _("{indent} rejected {match}").format(indent=" " * 10, match=r) for r in self.rejected
        ]
        return "\n".join(lines)


@dataclass(frozen=True)
class GeocodeReport:
    """The outcome of one geocoding run, one entry per row, in file order."""

    places: tuple[PlaceOutcome, ...] = field(default_factory=tuple)

    def _with(self, outcome: Outcome) -> tuple[PlaceOutcome, ...]:
        return tuple(p for p in self.places if p.outcome is outcome)

    @property
    def filled(self) -> tuple[PlaceOutcome, ...]:
        return self._with(Outcome.FILLED)

    @property
    def not_found(self) -> tuple[PlaceOutcome, ...]:
        return self._with(Outcome.NOT_FOUND)

    @property
    def skipped(self) -> tuple[PlaceOutcome, ...]:
        return self._with(Outcome.SKIPPED)

    @property
    def changed(self) -> bool:
        """True if the filled table differs from the one given."""
        return any(p.changed for p in self.places)

    def summary(self) -> str:
        """Return the counts as a sentence: ``2 filled, 1 not found, 12 skipped``."""
        return _("{filled} filled, {not_found} not found, {skipped} skipped").format(
            filled=len(self.filled), not_found=len(self.not_found), skipped=len(self.skipped)
        )


GeocodeFunction = Callable[[str], "Location | None"]


def fill_coordinates(
    places: pd.DataFrame,
    geocode: GeocodeFunction,
    *,
    force: bool = False,
    on_place: Callable[[PlaceOutcome], None] | None = None,
) -> tuple[pd.DataFrame, GeocodeReport]:
    """Return a copy of ``places`` with missing coordinates looked up, and what happened.

    ``places`` holds text cells, as :func:`read_places` returns them. A row is looked up
    if its ``lat`` or ``lon`` is blank, or every row if ``force``. The queries are the
    name, each alias, then "name, Country" (see :func:`candidate_queries`); the first
    match inside the map's region wins. Its coordinates are written with 4 decimals
    (about 11 m), ``coord_source`` becomes ``nominatim: <query>`` and
    ``coord_precision`` becomes ``approximate``: a name match may be a namesake, so only
    a person who has checked it on a map should call it ``exact``.

    A place not found keeps its cells as they were (blank, or with ``force`` its old
    coordinates). No other cell, column or the column order is touched; the input frame
    is never changed. Errors raised by ``geocode`` (geopy's ``GeocoderUnavailable`` ...)
    propagate: a half-finished run is the caller's to discard.
    ``on_place`` is called with each row's outcome as soon as it is known (progress).
    """
    result = places.copy()
    for column in ("lat", "lon", "coord_source", "coord_precision"):
        if not _holds_text(result[column]):
            result[column] = result[column].astype(object)
    outcomes = []
    for position in range(len(places)):
        row = places.iloc[position]
        if not force and not (_is_blank(row["lat"]) or _is_blank(row["lon"])):
            outcome = PlaceOutcome(_text(row["place_id"]), _text(row["name"]), Outcome.SKIPPED)
        else:
            outcome = _look_up(row, geocode)
            if outcome.outcome is Outcome.FILLED:
                outcome = _write_match(result, position, outcome)
        outcomes.append(outcome)
        if on_place is not None:
            on_place(outcome)
    return result, GeocodeReport(tuple(outcomes))


def candidate_queries(name: str, aliases: str, country: str) -> list[str]:
    """Return the queries to try for a place, best first, without repeats.

    The name, then each ``;``-separated alias, then "name, Country" for the place's
    ISO country code (helps geocoders that ignore ``country_codes``).
    """
    queries = [name, *aliases.split(";")]
    country_name = COUNTRY_NAMES.get(country.strip().upper())
    if country_name and name.strip():
        queries.append(f"{name.strip()}, {country_name}")
    seen: set[str] = set()
    unique = []
    for query in (q.strip() for q in queries):
        if query and query.casefold() not in seen:
            seen.add(query.casefold())
            unique.append(query)
    return unique


def _look_up(row: pd.Series, geocode: GeocodeFunction) -> PlaceOutcome:
    """Try each query for one row; return FILLED with the first match in the region."""
    place_id, name = _text(row["place_id"]), _text(row["name"])
    queries = candidate_queries(name, _text(row["aliases"]), _text(row["country"]))
    rejected: list[str] = []
    for tried, query in enumerate(queries, start=1):
        location = geocode(query)
        if location is None:
            continue
        if not in_region(location.latitude, location.longitude):
            rejected.append(
                _("{query}: {address} at {lat}, {lon} is outside the region").format(
                    query=repr(query),
                    address=location.address,
                    lat=f"{location.latitude:.4f}",
                    lon=f"{location.longitude:.4f}",
                )
            )
            continue
        return PlaceOutcome(
            place_id,
            name,
            Outcome.FILLED,
            queries=tuple(queries[:tried]),
            query=query,
            lat=f"{location.latitude:.4f}",
            lon=f"{location.longitude:.4f}",
            rejected=tuple(rejected),
        )
    return PlaceOutcome(
        place_id, name, Outcome.NOT_FOUND, queries=tuple(queries), rejected=tuple(rejected)
    )


def _write_match(table: pd.DataFrame, position: int, found: PlaceOutcome) -> PlaceOutcome:
    """Write a match into row ``position`` of ``table``; return it with ``changed`` set."""
    new_cells = {
        "lat": found.lat,
        "lon": found.lon,
        "coord_source": f"nominatim: {found.query}",
        "coord_precision": "approximate",
    }
    changed = False
    for column, value in new_cells.items():
        index = table.columns.get_loc(column)
        changed = changed or _text(table.iat[position, index]) != value
        table.iat[position, index] = value
    return replace(found, changed=changed)


def _holds_text(column: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(column) or pd.api.types.is_object_dtype(column)


def _is_blank(value: object) -> bool:
    return _text(value).strip() == ""


def _text(value: object) -> str:
    """Return a cell as text; a missing cell (None, NaN) is the empty string."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return ""
    return str(value)


# --- the geocoder, with its policies as wrappers ---------------------------------------


def region_geocode(
    geocoder: Geocoder,
    *,
    min_delay_seconds: float = DEFAULT_MIN_DELAY_SECONDS,
    timeout: float = REQUEST_TIMEOUT_SECONDS,
) -> GeocodeFunction:
    """Return a one-argument geocode function: biased to the region and rate-limited.

    Every query asks for one result and prefers :data:`COUNTRY_CODES` and
    :data:`REGION_VIEWBOX` (``bounded=False``: the box ranks results;
    :func:`fill_coordinates` rejects those outside it). geopy's ``RateLimiter`` keeps
    ``min_delay_seconds`` between requests and retries service errors twice; errors are
    then re-raised, never turned into "not found".
    """

    def geocode_in_region(query: str) -> Location | None:
        return geocoder.geocode(
            query,
            exactly_one=True,
            country_codes=list(COUNTRY_CODES),
            viewbox=REGION_VIEWBOX,
            bounded=False,
            timeout=timeout,
        )

    return RateLimiter(
        geocode_in_region,
        min_delay_seconds=min_delay_seconds,
        max_retries=2,
        error_wait_seconds=max(5.0, min_delay_seconds),
        swallow_exceptions=False,
    )


def nominatim(user_agent: str) -> Geocoder:
    """Return geopy's Nominatim client for the public OpenStreetMap server."""
    return Nominatim(user_agent=user_agent)


def resolve_user_agent(flag: str | None, environ: dict[str, str] | None = None) -> str:
    """Return the user agent to send: ``--user-agent``, else ``$KR_MAP_USER_AGENT``, else
    the default."""
    environ = os.environ if environ is None else environ
    for candidate in (flag, environ.get(USER_AGENT_ENV)):
        if candidate and candidate.strip():
            return candidate.strip()
    return DEFAULT_USER_AGENT


# --- the file edge ---------------------------------------------------------------------


@dataclass(frozen=True)
class PlacesFile:
    """places.csv as written: its text cells, and the layout to write it back the same way.

    ``records`` holds each data row's exact text (line ending included), in the order of
    ``table``'s rows, so a row that did not change is written back byte for byte.
    """

    table: pd.DataFrame
    header_text: str
    records: tuple[str, ...]
    bom: bool
    newline: str


_LINES = re.compile(r"[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$")


def read_places(path: Path, *, allow_outside: bool = False) -> pd.DataFrame:
    """Return places.csv as a table of text cells, exactly as written in the file.

    Raises :class:`PlacesFileError` naming the file if it is missing, unreadable, or
    lacks one of :data:`REQUIRED_COLUMNS`.
    """
    return read_places_file(path, allow_outside=allow_outside).table


def read_places_file(path: Path, *, allow_outside: bool = False) -> PlacesFile:
    """Return places.csv with its layout (BOM, line endings, each row's text).

    Raises :class:`PlacesFileError` naming the file if it is missing, unreadable, not
    UTF-8, or lacks one of :data:`REQUIRED_COLUMNS`; also, as the data's reader does,
    if it is not a regular file (a FIFO, a device), is too big, or is a link out of its
    folder and not ``allow_outside``.
    """
    raw = _read_bytes(path, allow_outside)
    bom = raw.startswith(codecs.BOM_UTF8)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        message = _(
            "{path}:{line}: is not UTF-8 text (byte {byte}); save it as CSV UTF-8 and run again"
        )
        byte = f"0x{raw[error.start]:02x}"
        raise PlacesFileError(message.format(path=path, line=line, byte=byte)) from None
    lines = _LINES.findall(text)
    reader = csv.reader(lines)
    try:
        header = next(reader)
    except StopIteration:
        message = _("{path}: is empty; the first row must name the columns")
        raise PlacesFileError(message.format(path=path)) from None
    except csv.Error as error:
        message = _("{path}:1: could not read it as CSV: {reason}")
        raise PlacesFileError(message.format(path=path, reason=error)) from None
    separator = other_separator(header, REQUIRED_COLUMNS)
    if separator:
        raise PlacesFileError(f"{path}:1: {separator_message(separator)}")
    header_text = "".join(lines[: reader.line_num])
    cells, records, leading = _records(reader, lines, len(header), path)
    header_text += leading
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        message = _("{path}: missing required column(s) {missing} (the header must have {columns})")
        raise PlacesFileError(
            message.format(
                path=path,
                missing=", ".join(repr(m) for m in missing),
                columns=", ".join(REQUIRED_COLUMNS),
            )
        )
    table = pd.DataFrame(cells, columns=header, dtype=object)
    newline = next((e for e in ("\r\n", "\n", "\r") if header_text.endswith(e)), "\n")
    return PlacesFile(table, header_text, tuple(records), bom, newline)


def _read_bytes(path: Path, allow_outside: bool) -> bytes:
    try:
        return read_input(Path(path), allow_outside=allow_outside)
    except FileRefused as refused:
        raise PlacesFileError(f"{path}: {refused}") from None
    except FileNotFoundError:
        message = _("{path}: no such file (pass --data FOLDER or --places PATH)")
        raise PlacesFileError(message.format(path=path)) from None
    except OSError as error:
        message = _("{path}: could not read it: {reason}")
        raise PlacesFileError(message.format(path=path, reason=error.strerror or error)) from None


def _records(reader, lines: list[str], width: int, path: Path) -> tuple[list, list[str], str]:
    """Return each data row's cells (short rows padded), its exact text, and any blank
    lines before the first row."""
    cells, records, leading = [], [], []
    consumed = reader.line_num
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return cells, records, "".join(leading)
        except csv.Error as error:
            message = _("{path}:{line}: not a readable CSV row: {reason}")
            raise PlacesFileError(
                message.format(path=path, line=reader.line_num, reason=error)
            ) from None
        text = "".join(lines[consumed : reader.line_num])
        consumed = reader.line_num
        if not row:  # a blank line: kept as it was, with the row before it
            if records:
                records[-1] += text
            else:
                leading.append(text)
            continue
        if len(row) > width:
            message = _("{path}:{line}: row has {cells} cells but the header has {width}")
            raise PlacesFileError(
                message.format(path=path, line=reader.line_num, cells=len(row), width=width)
            )
        cells.append(row + [""] * (width - len(row)))
        records.append(text)


def render_places(places: PlacesFile, filled: pd.DataFrame) -> bytes:
    """Return the file's bytes with only the rows whose cells changed written anew.

    Unchanged rows, the header, the BOM and every line ending stay exactly as they were.
    """
    parts = [codecs.BOM_UTF8.decode() if places.bom else "", places.header_text]
    for position, record in enumerate(places.records):
        old, new = places.table.iloc[position], filled.iloc[position]
        if [_text(v) for v in old] == [_text(v) for v in new]:
            parts.append(record)
            continue
        ending = record[len(record.rstrip("\r\n")) :] if record.endswith(("\n", "\r")) else ""
        trailing = ending[len(_first_ending(ending)) :]  # blank lines after the row
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator=_first_ending(ending)).writerow([_text(v) for v in new])
        parts.append(buffer.getvalue() + trailing)
    return "".join(parts).encode("utf-8")


def _first_ending(ending: str) -> str:
    for candidate in ("\r\n", "\n", "\r"):
        if ending.startswith(candidate):
            return candidate
    return ""


def geocode_places_file(
    path: Path,
    geocoder: Geocoder,
    *,
    force: bool = False,
    min_delay_seconds: float = DEFAULT_MIN_DELAY_SECONDS,
    dry_run: bool = False,
    allow_outside: bool = False,
    out: Callable[[str], None] = print,
) -> GeocodeReport:
    """Return what geocoding ``path`` did, after writing the filled file atomically.

    Prints one line per row as it goes, then a summary. The file is written only if a
    cell changed and not ``dry_run``. If the geocoding service fails, nothing is written
    and :class:`GeocodingServiceError` (or ``...Unreachable``) says so. A file the safe
    reader refuses (see :func:`read_places_file`) is :class:`PlacesFileError`, and
    nothing beside it is touched.
    """
    path = Path(path)
    places_file = read_places_file(path, allow_outside=allow_outside)
    _clear_stale_temp_files(path, dry_run, out)
    places = places_file.table
    geocode = region_geocode(geocoder, min_delay_seconds=min_delay_seconds)

    def show(place: PlaceOutcome) -> None:
        out(place.describe())

    try:
        with _retry_notices(out):
            filled, report = fill_coordinates(places, geocode, force=force, on_place=show)
    except GeocoderServiceError as error:
        raise _service_error(error, path) from error
    out(_("{summary}.").format(summary=report.summary()))
    if not report.changed:
        out(_("Nothing to change; {path} left as it was.").format(path=path))
    elif dry_run:
        changes = sum(place.changed for place in report.places)
        message = _("Dry run: {count} place(s) would change; nothing written to {path}.")
        out(message.format(count=changes, path=path))
    else:
        try:
            atomic_write_bytes(path, render_places(places_file, filled))
        except OSError as error:
            message = _("{path}: could not write it ({reason}); the file is as it was before")
            raise PlacesFileError(
                message.format(path=path, reason=error.strerror or error)
            ) from error
        out(_("Wrote {path}.").format(path=path))
    return report


def _clear_stale_temp_files(path: Path, dry_run: bool, out: Callable[[str], None]) -> None:
    """Remove the temporary files an interrupted earlier run left beside ``path``; say so."""
    if dry_run:
        for stale in stale_temp_files(path):
            message = _("note: {name} was left by an interrupted run; a real run removes it")
            out(message.format(name=stale.name))
        return
    for stale in remove_stale_temp_files(path):
        message = _("note: removed {name}, left by an interrupted run; {path} is unaffected")
        out(message.format(name=stale.name, path=path))


def _service_error(error: GeocoderServiceError, path: Path) -> GeocodingServiceError:
    """Return the kr-map error for a geopy service error, in words saying what to do."""
    cause = f"{type(error).__name__}: {error}"
    if isinstance(error, GeocoderUnavailable | GeocoderTimedOut):
        return GeocodingServiceUnreachable(
            _(
                "could not reach the geocoding service ({cause}): no changes were written to "
                "{path}. Offline? Enter coordinates by hand with coord_source "
                "'manual: <reason>' (see docs/GEOCODING.md)."
            ).format(cause=cause, path=path)
        )
    if isinstance(error, GeocoderInsufficientPrivileges | GeocoderAuthenticationFailure):
        advice = _(
            "Nominatim refuses requests without a real user agent: pass "
            '--user-agent "you@example.org" or set {variable}'
        ).format(variable=USER_AGENT_ENV)
    elif isinstance(error, GeocoderQuotaExceeded):
        advice = _("Too many requests: wait a while, then run again (or raise --min-delay)")
    else:
        advice = _("Try again later")
    return GeocodingServiceError(
        _(
            "the geocoding service returned an error ({cause}): no changes were written to "
            "{path}. {advice}."
        ).format(cause=cause, path=path, advice=advice)
    )


@contextlib.contextmanager
def _retry_notices(out: Callable[[str], None]) -> Iterator[None]:
    """Show geopy's RateLimiter retries as one line each instead of a logged traceback."""
    logger = logging.getLogger("geopy")
    handler = _RetryNotice(out)
    previous = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = previous


class _RetryNotice(logging.Handler):
    def __init__(self, out: Callable[[str], None]):
        super().__init__(logging.WARNING)
        self.out = out

    def emit(self, record: logging.LogRecord) -> None:
        # With swallow_exceptions=False, RateLimiter logs only its retries.
        # The full message comes once, with the final error, if retrying does not help.
        error = record.exc_info[1] if record.exc_info else None
        if error:
            message = _("note: the geocoding service failed ({error}); trying again")
        else:
            message = _("note: the geocoding service failed; trying again")
        self.out(message.format(error=type(error).__name__))
