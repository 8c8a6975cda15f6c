"""Checks across cells, rows and tables: references, date order, region, quotes in seeds."""

from __future__ import annotations

import re
from collections.abc import Mapping

from kr_map import geo, vocab
from kr_map.dates import (
    DateFormatError,
    Span,
    describe,
    parse_interval,
    period_of,
    precision_problem,
)
from kr_map.i18n import N_, _
from kr_map.place_names import check_khmer_names
from kr_map.problems import Problem
from kr_map.schema import CONTROL, EVENTS, FACTIONS, PLACES, SOURCES, TableSchema, split_list

Row = dict[str, str]
Rows = list[tuple[int, Row]]  # (spreadsheet row number, cells)


def check_cells(schema: TableSchema, rows: Rows) -> list[Problem]:
    """Return a problem for every cell whose value does not fit its column."""
    problems = []
    for number, row in rows:
        for field in schema.fields:
            if field.name not in row:
                continue
            message = field.check(row[field.name])
            if message:
                problems.append(Problem(schema.file, number, field.name, message))
    return problems


def check_unique_keys(schema: TableSchema, rows: Rows) -> list[Problem]:
    """Return a problem for every repeated id in the table's key column."""
    if schema.key is None:
        return []
    seen: dict[str, int] = {}
    problems = []
    for number, row in rows:
        key = row.get(schema.key, "")
        if key in seen:
            message = _("duplicate {column} {value} (first used in row {row})").format(
                column=schema.key, value=repr(key), row=seen[key]
            )
            problems.append(Problem(schema.file, number, schema.key, message))
        elif key:
            seen[key] = number
    return problems


def check_references(
    schema: TableSchema, rows: Rows, keys: Mapping[str, set[str]]
) -> list[Problem]:
    """Return a problem for every id that names a row missing from the table it refers to."""
    problems = []
    for field in schema.fields:
        if field.refers_to is None or field.refers_to not in keys:
            continue
        known = keys[field.refers_to]
        for number, row in rows:
            value = row.get(field.name, "")
            ids = split_list(value) if field.kind == "list" else [value] if value else []
            for unknown in (i for i in ids if i not in known):
                message = _unknown_id(field.refers_to, unknown)
                problems.append(Problem(schema.file, number, field.name, message))
    return problems


# An id that names no row of the table it refers to, by that table: a whole sentence each.
_UNKNOWN_ID = {
    "places": N_("unknown place id {value}: not in places.csv"),
    "factions": N_("unknown faction id {value}: not in factions.csv"),
    "events": N_("unknown event id {value}: not in events.csv"),
}


def _unknown_id(table: str, value: str) -> str:
    """Return the problem of an id missing from the table it refers to."""
    message = _UNKNOWN_ID.get(table, N_("unknown id {value}: not in {file}"))
    return _(message).format(value=repr(value), file=f"{table}.csv")


def check_coordinates(schema: TableSchema, rows: Rows) -> list[Problem]:
    """Return problems for places with no, impossible or out-of-region coordinates."""
    problems = []
    lo_lat, hi_lat = vocab.REGION_LAT
    lo_lon, hi_lon = vocab.REGION_LON
    for number, row in rows:
        lat, lon = row.get("lat", ""), row.get("lon", "")
        if not lat or not lon:
            message = _("has no coordinates yet: run `kr-map geocode` or enter lat and lon")
            problems.append(Problem(schema.file, number, "lat" if not lat else "lon", message))
            continue
        for column, text, low, high in (("lat", lat, lo_lat, hi_lat), ("lon", lon, lo_lon, hi_lon)):
            try:
                value = float(text)
            except ValueError:
                continue  # already reported by the cell check
            if not low <= value <= high:
                message = outside_region_message(column, value, low, high)
                problems.append(Problem(schema.file, number, column, message))
    return problems


def outside_region_message(column: str, value: float, low: float, high: float) -> str:
    """Return the problem of a latitude or longitude outside the map's region."""
    return _(
        "`{column}` {value} is outside the map's region ({low} to {high}); "
        "check that lat and lon are not swapped"
    ).format(column=column, value=value, low=low, high=high)


def check_dates(schema: TableSchema, rows: Rows, start: str, end: str | None) -> list[Problem]:
    """Return problems where a date does not fit its precision or ends before it starts."""
    problems = []
    for number, row in rows:
        precision = row.get("precision", "")
        for column in (start, end):
            if column is None or not row.get(column):
                continue
            try:
                span = parse_interval(row[column])
            except DateFormatError:
                continue  # already reported by the cell check
            message = _precision_message(precision, row[column], span, column == end)
            if message:
                problems.append(Problem(schema.file, number, column, message))
        problems += _order_problems(schema, number, row, start, end)
    return problems


def _precision_message(precision: str, text: str, span, is_end: bool) -> str | None:
    if precision not in ("day", "month", "season", "year", "range"):
        return None  # reported by the cell check
    if span.detail == "range" and precision != "range":
        return _("an interval like {value} needs precision 'range', got {precision}").format(
            value=repr(text), precision=repr(precision)
        )
    if span.detail == "range":
        return None
    return precision_problem(precision, text, span, is_end=is_end)


def _order_problems(
    schema: TableSchema, number: int, row: Row, start: str, end: str | None
) -> list[Problem]:
    if end is None or not row.get(end) or not row.get(start):
        return []
    try:
        first, last = parse_interval(row[start]), parse_interval(row[end])
        period_of(row[start], row[end], row.get("precision", ""))
    except DateFormatError:
        return []
    if last.last < first.first:
        message = _before(end, row[end], start, row[start])
        return [Problem(schema.file, number, end, message)]
    return []


def check_counts(schema: TableSchema, rows: Rows) -> list[Problem]:
    """Return problems where ``people_low`` is larger than ``people_high``."""
    problems = []
    for number, row in rows:
        low, high = row.get("people_low", ""), row.get("people_high", "")
        if low.isdigit() and high.isdigit() and int(low) > int(high):
            message = _("`people_low` {low} is larger than `people_high` {high}").format(
                low=low, high=high
            )
            problems.append(Problem(schema.file, number, "people_low", message))
    return problems


def normalise_space(text: str) -> str:
    """Return ``text`` with every run of whitespace folded to one space."""
    return " ".join(text.split())


def check_quotes(
    schema: TableSchema,
    rows: Rows,
    seeds: Mapping[str, str],
    seed_column: str = "seed",
    quote_column: str = "quote",
) -> list[Problem]:
    """Return problems where the seed file is unknown or the quote is not verbatim in it.

    A blank ``seed_column`` other than ``seed`` falls back to the row's own ``seed``: an end
    quoted from the same article need not name it twice.
    """
    folded = {name: normalise_space(text) for name, text in seeds.items()}
    problems = []
    for number, row in rows:
        seed, quote = row.get(seed_column, "") or row.get("seed", ""), row.get(quote_column, "")
        if not seed or not quote:
            continue  # reported as empty by the cell check
        if seed not in folded:
            message = _unknown_seed(seed, folded)
            column = seed_column if row.get(seed_column) else "seed"
            problems.append(Problem(schema.file, number, column, message))
        elif normalise_space(quote) not in folded[seed]:
            shown = quote if len(quote) <= 60 else quote[:57] + "..."
            message = _("quote {quote} is not found word for word in {seed}").format(
                quote=repr(shown), seed=seed
            )
            problems.append(Problem(schema.file, number, quote_column, message))
    return problems


def span_of(text: str, precision: str) -> Span | None:
    """Return every day a date cell at a precision may mean, or None if it cannot be read."""
    if not text:
        return None
    try:
        return period_of(text, "", precision)
    except DateFormatError:
        return None  # reported by the cell check


def check_attested_moment(
    schema: TableSchema, rows: Rows, seeds: Mapping[str, str], prefix: str, *, own_quote: bool
) -> list[Problem]:
    """Return problems with a dated moment (``until``, ``first``, ``last``) and its provenance.

    With ``own_quote`` a blank ``<prefix>_quote`` means the row's own quote states the moment.
    """
    precision, seed, quote = f"{prefix}_precision", f"{prefix}_seed", f"{prefix}_quote"
    problems = []
    for number, row in rows:
        if not row.get(prefix):
            for column in (precision, seed, quote):
                if row.get(column):
                    message = _(
                        "`{column}` is filled but `{date_column}` is empty: give the date too"
                    ).format(column=column, date_column=prefix)
                    problems.append(Problem(schema.file, number, column, message))
            continue
        if not row.get(precision):
            message = _(
                "`{column}` must be given with `{date_column}` (day, month, season, year, range)"
            ).format(column=precision, date_column=prefix)
            problems.append(Problem(schema.file, number, precision, message))
        elif (span := _span_or_none(row[prefix])) is not None:
            message = _precision_message(row[precision], row[prefix], span, False)
            if message:
                problems.append(Problem(schema.file, number, prefix, message))
        if not row.get(quote) and not own_quote:
            message = _(
                "`{column}` must quote the passage of the seed that dates `{date_column}`"
            ).format(column=quote, date_column=prefix)
            problems.append(Problem(schema.file, number, quote, message))
    return problems + check_quotes(schema, rows, seeds, seed, quote)


def _span_or_none(text: str) -> Span | None:
    try:
        return parse_interval(text)
    except DateFormatError:
        return None


def check_end_after_start(
    schema: TableSchema, rows: Rows, start: tuple[str, str], end: tuple[str, str]
) -> list[Problem]:
    """Return problems where an end (column, precision column) lies before its start."""
    problems = []
    for number, row in rows:
        first = span_of(row.get(start[0], ""), row.get(start[1], ""))
        last = span_of(row.get(end[0], ""), row.get(end[1], ""))
        if first and last and last.last < first.first:
            message = _before(end[0], row[end[0]], start[0], row[start[0]])
            problems.append(Problem(schema.file, number, end[0], message))
    return problems


def _before(end: str, end_value: str, start: str, start_value: str) -> str:
    """Return the problem of an end that lies before its start."""
    return _("`{end}` {end_value} is before `{start}` {start_value}").format(
        end=end, end_value=end_value, start=start, start_value=start_value
    )


def _unknown_seed(seed: str, known) -> str:
    """Return the problem of a seed that is not a file of the seeds folder."""
    return _("seed {seed} is not a file in seeds/ (known: {known})").format(
        seed=repr(seed), known=", ".join(sorted(known))
    )


def _label(text: str, precision: str) -> str:
    try:
        return describe(text, "", precision)
    except DateFormatError:
        return text


def faction_lifetimes(factions: Rows) -> dict[str, tuple[Span | None, Span | None, str, str]]:
    """Return each faction's first and last attestation, with their labels for messages."""
    return {
        row["faction_id"]: (
            span_of(row.get("first", ""), row.get("first_precision", "")),
            span_of(row.get("last", ""), row.get("last_precision", "")),
            _label(row.get("first", ""), row.get("first_precision", "")),
            _label(row.get("last", ""), row.get("last_precision", "")),
        )
        for _, row in factions
        if row.get("faction_id")
    }


def check_holdings_within_holders(control: Rows, factions: Rows) -> list[Problem]:
    """Return problems for holdings that start before the war or outside their holder's life."""
    lifetimes = faction_lifetimes(factions)
    problems = []
    for number, row in control:
        since = span_of(row.get("since", ""), row.get("precision", ""))
        if since is None:
            continue
        if since.last < vocab.WAR_START:
            message = _("`since` {date} is before the war began (7 January 1979)").format(
                date=row["since"]
            )
            problems.append(Problem(CONTROL.file, number, "since", message))
        first, last, first_label, last_label = lifetimes.get(
            row.get("faction_id", ""), (None, None, "", "")
        )
        name = row.get("faction_id", "")
        if first and since.last < first.first:
            message = _("`since` {date} is before {side} is first attested ({first})").format(
                date=row["since"], side=name, first=first_label
            )
            problems.append(Problem(CONTROL.file, number, "since", message))
        if last and since.first >= last.first:
            message = _("`since` {date} is after {side} ended ({last}, factions.csv)").format(
                date=row["since"], side=name, last=last_label
            )
            problems.append(Problem(CONTROL.file, number, "since", message))
        until = span_of(row.get("until", ""), row.get("until_precision", ""))
        if last and until and until.first > last.last:
            message = _("`until` {date} outlives its holder {side} ({last})").format(
                date=row["until"], side=name, last=last_label
            )
            problems.append(Problem(CONTROL.file, number, "until", message))
    return problems


def check_events_after_founding(events: Rows, factions: Rows) -> list[Problem]:
    """Return problems for events that name a side before the side existed."""
    lifetimes = faction_lifetimes(factions)
    problems = []
    for number, row in events:
        try:
            span = period_of(row.get("start", ""), row.get("end", ""), row.get("precision", ""))
        except DateFormatError:
            continue
        for faction_id in split_list(row.get("factions", "")):
            first, _last, first_label, _last_label = lifetimes.get(faction_id, (None, None, "", ""))
            if first and span.last < first.first:
                message = _(
                    "names {side}, which is first attested {first}, "
                    "after this event (see factions.csv)"
                ).format(side=repr(faction_id), first=first_label)
                problems.append(Problem(EVENTS.file, number, "factions", message))
    return problems


def check_places_in_countries(places: Rows, borders: dict) -> list[Problem]:
    """Return problems for places lying outside the country their ``country`` cell names.

    A point up to ``geo.BORDER_TOLERANCE_KM`` outside still counts: the bundled line is simplified.
    """
    problems = []
    names = {
        f["properties"].get("iso_a2"): f["properties"].get("name")
        for f in borders.get("features", [])
    }
    outlines = geo.country_outlines(borders)
    for number, row in places:
        try:
            lat, lon = float(row.get("lat", "")), float(row.get("lon", ""))
        except ValueError:
            continue  # missing or not a number: reported by the other checks
        country = row.get("country", "")
        if country not in names or not vocab.in_region(lat, lon):
            continue
        distance = geo.outside_country_km(lat, lon, country, outlines)
        if distance > geo.BORDER_TOLERANCE_KM:
            found = geo.country_of(lat, lon, outlines)
            message = _outside_country(lat, lon, names.get(found, found), distance, names, country)
            problems.append(Problem(PLACES.file, number, "lat", message))
    return problems


def _outside_country(lat, lon, found, distance: float, names: dict, country: str) -> str:
    """Return the problem of a place lying in another country than its ``country`` cell's."""
    values = {"lat": lat, "lon": lon, "distance": f"{distance:.1f}", "country": country,
              "named": names[country], "found": found}  # fmt: skip
    if found:
        return _(
            "({lat}, {lon}) lies in {found}, {distance} km from {named}, but `country` is "
            "{country}: check the coordinates or the country"
        ).format(**values)
    return _(
        "({lat}, {lon}) lies outside every country, {distance} km from {named}, but `country` "
        "is {country}: check the coordinates or the country"
    ).format(**values)


def check_across_tables(rows: Mapping[str, Rows], borders: dict | None) -> list[Problem]:
    """Return the problems that need two tables: holdings vs holders, events vs founding, borders."""
    factions = rows.get(FACTIONS.name, [])
    problems = check_holdings_within_holders(rows.get(CONTROL.name, []), factions)
    problems += check_events_after_founding(rows.get(EVENTS.name, []), factions)
    if borders is not None:
        problems += check_places_in_countries(rows.get(PLACES.name, []), borders)
    problems += check_khmer_names(PLACES.file, rows.get(PLACES.name, []))
    return problems


def check_distinct_ends(schema: TableSchema, rows: Rows) -> list[Problem]:
    """Return problems for movements that start and end at the same place."""
    message = _("`to_place` is the same as `from_place`")
    return [
        Problem(schema.file, number, "to_place", message)
        for number, row in rows
        if row.get("from_place") and row.get("from_place") == row.get("to_place")
    ]


def check_open_ends(schema: TableSchema, rows: Rows) -> list[Problem]:
    """Return problems for a direction given beside a named destination (one or the other)."""
    message = _(
        "`toward_place` is only for a movement whose source names no destination: "
        "leave it blank when `to_place` is given"
    )
    return [
        Problem(schema.file, number, "toward_place", message)
        for number, row in rows
        if row.get("toward_place") and row.get("to_place")
    ]


_HEADING = re.compile(r"^=+\s*(.+?)\s*=+\s*$")
SEED_COLUMNS = ("seed", "first_seed", "last_seed", "until_seed")


def seed_heading(text: str) -> str | None:
    """Return the title a seed's first line gives as a heading (``= Battle of Pailin =``)."""
    first = text.lstrip("\ufeff").split("\n", 1)[0].strip()
    match = _HEADING.match(first)
    return match.group(1) if match else None


def check_source_rows(rows: Rows, seeds: Mapping[str, str | None]) -> list[Problem]:
    """Return problems where a source's seed file is missing or its title is not the seed's own.

    ``seeds`` maps each file of the seeds folder to its text (None: unreadable, reported
    elsewhere); with no seeds folder at all, nothing is checked here.
    """
    if not seeds:
        return []
    problems = []
    for number, row in rows:
        seed, title = row.get("seed", ""), row.get("title", "")
        if seed and seed not in seeds:
            message = _unknown_seed(seed, seeds)
            problems.append(Problem(SOURCES.file, number, "seed", message))
            continue
        heading = seed_heading(seeds.get(seed) or "")
        if seed and title and heading is not None and normalise_space(title) != heading:
            message = _("`title` must be the seed's own heading {heading}, got {value}").format(
                heading=repr(heading), value=repr(title)
            )
            problems.append(Problem(SOURCES.file, number, "title", message))
    return problems


def check_seeds_have_sources(
    tables: Mapping[str, tuple[TableSchema, Rows]], known: set[str], files: set[str]
) -> list[Problem]:
    """Return a problem for every seed a row cites that has no row in sources.csv.

    A seed that is not a file of the seeds folder (``files``; empty: folder unknown) is left
    to the quote checks, which report it once.
    """
    problems = []
    for schema, rows in tables.values():
        columns = [f.name for f in schema.fields if f.name in SEED_COLUMNS]
        for number, row in rows:
            for column in columns:
                seed = row.get(column, "")
                if seed and seed not in known and (not files or seed in files):
                    message = _(
                        "seed {seed} has no row in sources.csv: add its title, url, "
                        "licence and publisher there"
                    ).format(seed=repr(seed))
                    problems.append(Problem(schema.file, number, column, message))
    return problems


_STORY_DATE = re.compile(r"^\d{4}(?:-\d{2})?$")
# The map's years (model.FIRST_YEAR, model.LAST_YEAR); model imports the loader, which
# imports this module, so they cannot be imported from there.
STORY_YEARS = (1979, 1999)


def check_story(schema: TableSchema, rows: Rows) -> list[Problem]:
    """Return problems for story steps with a bad date, centre, zoom, layer or numbering."""
    problems = []
    for number, row in rows:
        for layer in split_list(row.get("layers", "")):
            if layer not in vocab.LAYERS:
                message = _("unknown layer {value}: use {layers}").format(
                    value=repr(layer), layers=", ".join(vocab.LAYERS)
                )
                problems.append(Problem(schema.file, number, "layers", message))
        zoom = row.get("zoom", "")
        if zoom.isdigit() and not 4 <= int(zoom) <= 14:
            problems.append(Problem(schema.file, number, "zoom", _("`zoom` must be 4 to 14")))
        problems += _story_date_problems(schema, number, row.get("date", ""))
        problems += _story_centre_problems(schema, number, row)
        problems += _teacher_notes_problems(schema, number, row.get("teacher_notes", ""))
    return problems + _story_numbering_problems(schema, rows)


# The presenter view shows a step's notes whole, in type a teacher reads at arm's length.
TEACHER_NOTES_LIMIT = 800


def _teacher_notes_problems(schema: TableSchema, number: int, text: str | None) -> list[Problem]:
    length = len(text or "")
    if length <= TEACHER_NOTES_LIMIT:
        return []
    message = _(
        "`teacher_notes` is {length} characters long: keep it to {limit} "
        "so the presenter view shows it whole"
    ).format(length=length, limit=TEACHER_NOTES_LIMIT)
    return [Problem(schema.file, number, "teacher_notes", message)]


def _story_date_problems(schema: TableSchema, number: int, text: str) -> list[Problem]:
    try:
        parse_interval(text)
    except DateFormatError:
        return []  # reported by the cell check
    if not _STORY_DATE.match(text):
        message = _("`date` must be a year like 1982 or a month like 1989-10, got {value}").format(
            value=repr(text)
        )
        return [Problem(schema.file, number, "date", message)]
    if not STORY_YEARS[0] <= int(text[:4]) <= STORY_YEARS[1]:
        message = _("`date` {value} is outside the map's years ({first} to {last})").format(
            value=text, first=STORY_YEARS[0], last=STORY_YEARS[1]
        )
        return [Problem(schema.file, number, "date", message)]
    return []


def _story_centre_problems(schema: TableSchema, number: int, row: Row) -> list[Problem]:
    problems = []
    for column, (low, high) in (("lat", vocab.REGION_LAT), ("lon", vocab.REGION_LON)):
        try:
            value = float(row.get(column, ""))
        except ValueError:
            continue  # blank or not a number: reported by the cell check
        if not low <= value <= high:
            message = outside_region_message(column, value, low, high)
            problems.append(Problem(schema.file, number, column, message))
    return problems


def _story_numbering_problems(schema: TableSchema, rows: Rows) -> list[Problem]:
    steps = [(number, row.get("step", "")) for number, row in rows]
    if not all(step.isascii() and step.isdigit() for _, step in steps):
        return []  # reported by the cell check
    for expected, (number, step) in enumerate(sorted(steps, key=lambda s: int(s[1])), start=1):
        if int(step) != expected:
            message = _("steps must be numbered 1, 2, 3 ... without gaps: expected {step}").format(
                step=expected
            )
            return [Problem(schema.file, number, "step", message)]
    return []
