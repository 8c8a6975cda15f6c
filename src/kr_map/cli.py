"""The ``kr-map`` command: validate the data, print the state at a date, geocode, export."""

from __future__ import annotations

import argparse
import functools
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from kr_map import claims, dates, i18n, model, scene, wording
from kr_map.dates import DateFormatError
from kr_map.loader import default_data_dir, load, validate
from kr_map.problems import DataError, report_order
from kr_map.terminal import for_terminal, json_for_terminal

# Columns of each listing, as (output key, frame column); missing columns are left out,
# so fields the model gains later (``basis``, ``attested``...) appear once they exist.
# A holding's end is said only through the claims (``end``): no bare "until" date.
CONTROL_COLUMNS = [
    ("place_id", "place_id"), ("place_name", "place_name"), ("faction_id", "faction_id"),
    ("since", "since"), ("precision", "precision"), ("when", "when"),
    ("basis", "basis"), ("attested", "attested"),
    ("last_attested", "run_last_attested"), ("lat", "place_lat"), ("lon", "place_lon"),
    ("coord_precision", "place_coord_precision"), ("seed", "seed"), ("quote", "quote"),
]  # fmt: skip
EVENT_COLUMNS = [
    ("event_id", "event_id"), ("start", "start"), ("end", "end"), ("precision", "precision"),
    ("when", "when"), ("kind", "kind"), ("place_id", "place_id"), ("place_name", "place_name"),
    ("lat", "place_lat"), ("lon", "place_lon"), ("factions", "factions"), ("title", "title"),
    ("people_low", "people_low"), ("people_high", "people_high"), ("seed", "seed"),
    ("quote", "quote"),
]  # fmt: skip
MOVEMENT_COLUMNS = [
    ("movement_id", "movement_id"), ("from_place", "from_place"), ("from_name", "from_name"),
    ("from_lat", "from_lat"), ("from_lon", "from_lon"), ("to_place", "to_place"),
    ("to_name", "to_name"), ("to_lat", "to_lat"), ("to_lon", "to_lon"), ("start", "start"),
    ("end", "end"), ("precision", "precision"), ("when", "when"), ("kind", "kind"),
    ("people_low", "people_low"), ("people_high", "people_high"),
    ("distance_km", "distance_km"), ("seed", "seed"), ("quote", "quote"),
]  # fmt: skip


def _period_argument(text: str) -> model.Period:
    try:
        return model.parse_period(text)
    except DateFormatError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _data_dir_argument(parser: argparse.ArgumentParser, *, positional: bool = False) -> None:
    """Add ``--data FOLDER`` (as every command has it), ``--seeds`` and ``--allow-outside``;
    ``positional``: the folder may also be given alone (``kr-map validate FOLDER``)."""
    help_text = "folder with places.csv, events.csv, ... (default: the bundled data/)"
    if positional:
        parser.add_argument(
            "data_folder", nargs="?", type=Path, default=None, metavar="data_dir", help=help_text
        )
    parser.add_argument(
        "--data",
        dest="data_dir",
        type=Path,
        default=None,
        help="the same" if positional else help_text,
    )
    parser.add_argument(
        "--seeds", type=Path, default=None, help="folder of source documents (default: ../seeds)"
    )
    allow_outside_argument(parser)


def lang_argument(parser: argparse.ArgumentParser, what: str) -> None:
    """Add ``--lang en|km|fr``: the language of ``what`` (default: the environment's)."""
    parser.add_argument(
        "--lang",
        choices=i18n.LANGS,
        default=None,
        help=f"language of {what} (default: the language of LC_ALL, LC_MESSAGES or LANG, else en)",
    )


def environment_language(environ: Mapping[str, str] | None = None) -> str:
    """Return the map's language nearest the user's locale, read as gettext reads it.

    The locale is the first of LC_ALL, LC_MESSAGES and LANG that is set; LANGUAGE
    ("km:fr") lists preferred languages before it, unless the locale is C or POSIX. LC_CTYPE
    is not read (Babel's ``default_locale`` would): Python itself sets it to C.UTF-8 where
    the user's locale is not installed. A locale the map does not speak gives English.
    """
    environ = os.environ if environ is None else environ
    locale = next((environ[name] for name in MESSAGE_LOCALE if environ.get(name)), "")
    if _language_tag(locale) in ("", "C", "POSIX"):
        return i18n.DEFAULT_LANG
    listed = [_language_tag(tag) for tag in environ.get("LANGUAGE", "").split(":")]
    return i18n.negotiate([*listed, _language_tag(locale)])


# The variables that choose the language of messages, strongest first (gettext's order).
MESSAGE_LOCALE = ("LC_ALL", "LC_MESSAGES", "LANG")


def _language_tag(locale: str) -> str:
    """Return a locale's language and territory without encoding or modifier: 'fr_FR'."""
    return locale.split(".")[0].split("@")[0].strip()


def output_language(args: argparse.Namespace) -> str:
    """Return the language of the lines a command prints: its ``--lang``, else the locale's.

    ``kr-map export --lang km,fr`` speaks its first language (``--lang`` is a list there).
    """
    chosen = getattr(args, "lang", None)
    if isinstance(chosen, list | tuple):
        chosen = chosen[0] if chosen else None
    return chosen or environment_language()


def allow_outside_argument(parser: argparse.ArgumentParser) -> None:
    """Add ``--allow-outside``: read data files that are links to files outside their folder."""
    parser.add_argument(
        "--allow-outside",
        action="store_true",
        help="read data and seed files that are links to files outside their folder "
        "(refused by default)",
    )


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser for every ``kr-map`` subcommand."""
    parser = argparse.ArgumentParser(
        prog="kr-map",
        description="A sourced historical map of the Khmer Rouge insurgency, 1979-1999.",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "validate",
        help="check the data files; print every problem as file:row:column: message",
        description="Check every table: columns, types, ids, references, coordinates, "
        "date order and that each quote is word for word in its seed. Exit 1 on any problem.",
    )
    _data_dir_argument(check, positional=True)
    lang_argument(check, "the problems and the summary (file, row and column stay as they are)")
    check.set_defaults(run=run_validate)

    state = commands.add_parser(
        "state",
        help="print the situation on a date: control, that year's events and movements",
        description="Who held each place on DATE, the events of DATE's year and the "
        "movements under way that year.",
    )
    state.add_argument("--date", required=True, type=_period_argument, metavar="YYYY-MM-DD")
    state.add_argument(
        "--events-in",
        choices=("year", "month", "day"),
        default="year",
        help="list the events of the date's year (default), month or day",
    )
    state.add_argument("--json", action="store_true", help="print one JSON object")
    lang_argument(state, "the headings and dates (the data's own text stays as written)")
    _data_dir_argument(state)
    state.set_defaults(run=run_state)

    _add_geocode(commands)
    _add_export(commands)
    _add_handout(commands)
    return parser


def _add_geocode(commands) -> None:
    from kr_map.geocode_cli import add_geocode_arguments, run_geocode

    geocode = commands.add_parser(
        "geocode",
        help="fill missing lat/lon in places.csv with OpenStreetMap's Nominatim",
        description="Fill the missing coordinates of places.csv with geopy's Nominatim "
        "geocoder, trying each alias in turn. Existing coordinates are kept unless --force.",
    )
    add_geocode_arguments(geocode)
    lang_argument(geocode, "the notes printed (places.csv is written as it is)")
    geocode.set_defaults(run=lambda args: run_geocode(args))


def _add_export(commands) -> None:
    from kr_map.export_command import add_export_arguments, run_export

    export = commands.add_parser(
        "export",
        help="write a self-contained offline HTML map, or the events as CSV/GeoJSON",
    )
    add_export_arguments(export)
    export.set_defaults(run=run_export)


def _add_handout(commands) -> None:
    from kr_map.handout import add_handout_arguments, run_handout

    handout = commands.add_parser(
        "handout",
        help="write a printed handout (a frame, the story or the quiz) as an A4 PDF",
    )
    add_handout_arguments(handout)
    handout.set_defaults(run=run_handout)


def run_validate(args: argparse.Namespace) -> int:
    """Print every problem in the data folder, causes first; return 1 if there are any.

    The problems and the summary are worded in the language being spoken (``main`` speaks
    ``--lang``); each problem keeps its ``file:row:column:`` as it is.
    """
    given = [folder for folder in (args.data_folder, args.data_dir) if folder is not None]
    if len(set(given)) > 1:
        message = i18n._("error: two data folders given ({first} and {second}); give one")
        print(for_terminal(message.format(first=given[0], second=given[1])), file=sys.stderr)
        return 2
    data_dir = given[0] if given else default_data_dir()
    rows, problems = validate(data_dir, args.seeds, allow_outside=args.allow_outside)
    if not problems:  # the quiz is checked against the loaded data it asks about
        problems = _quiz_problems(data_dir, args)
    for problem in sorted(problems, key=report_order):
        print(problem)
    lang = i18n.current()
    if problems:
        summary = i18n.ngettext(
            "{count} problem in {folder}", "{count} problems in {folder}", len(problems)
        )
        count = i18n.number(len(problems), lang)
        print(for_terminal(summary.format(count=count, folder=data_dir)), file=sys.stderr)
        return 1
    counts = ", ".join(
        i18n.ngettext("{file}: {count} row", "{file}: {count} rows", len(r)).format(
            file=f"{name}.csv", count=i18n.number(len(r), lang)
        )
        for name, r in rows.items()
    )
    ok = i18n._("ok: {folder} is valid ({counts})")
    print(for_terminal(ok.format(folder=data_dir, counts=counts)))
    return 0


def _quiz_problems(data_dir: Path, args: argparse.Namespace) -> list:
    """Return the problems of the folder's quiz.csv (none when it has no quiz)."""
    from kr_map.quiz import read_quiz

    dataset = load(data_dir, args.seeds, allow_outside=args.allow_outside)
    return read_quiz(data_dir, dataset, allow_outside=args.allow_outside)[1]


def _plain(value: object) -> object:
    """Return a cell as JSON-ready data: None for missing, int for whole numbers."""
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return None
    if hasattr(value, "__index__") and not isinstance(value, bool):
        return int(value)
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    return value


def _records(frame: pd.DataFrame, columns: list[tuple[str, str]]) -> list[dict]:
    present = [(key, column) for key, column in columns if column in frame.columns]
    return [
        {key: _plain(row[column]) for key, column in present} for row in frame.to_dict("records")
    ]


# How a holding stands on the date, by status (marked for translation: see i18n.py).
STATUS_WORDS = {
    "stated": i18n.N_("a source vouches for it on this date"),
    "inferred": i18n.N_("inferred on this date"),
    "after": i18n.N_("after its last attestation"),
}


def state_document(dataset, period: model.Period, events_in: str = "year") -> dict:
    """Return the situation on a date as plain data: date, control, events, movements.

    Every statement comes from the claims, worded as on the map: a holding's ``start`` and
    ``end`` ("passes to" only for a stated change of hands, "until" only for a stated end),
    its ``status`` on the date; counts as the sources give them ("250–300 people"), dates as
    precise as the sources ("sometime in 1998"). ``events_period`` names what the events
    and movements are listed for.
    """
    when = period.last if period.unit != "day" else period.first
    listing = {
        "year": model.year(period.first.year),
        "month": model.month(period.first.year, period.first.month),
        "day": model.day(period.first),
    }[events_in]
    held = model.state_at(dataset, model.day(when)).control.sort_values("place_id")
    control = _records(held, CONTROL_COLUMNS)
    for row, holding in zip(control, held.to_dict("records"), strict=True):
        row["faction_name"] = _faction_name(dataset, row.get("faction_id") or "")
        row["start"], row["end"] = scene.holding_words(holding, dataset.factions)
        row["status"] = str(holding["status"])
    events = model.events_during(dataset, listing)
    moves = model.movements_during(dataset, listing)
    cited = sorted({str(seed) for frame in (held, events, moves) for seed in frame["seed"]})
    return {
        "date": when.isoformat(),
        "events_period": listing.label,
        "events_period_key": listing.key,
        "control": control,
        "events": [_event_record(r, e) for r, e in _paired(events, EVENT_COLUMNS)],
        "movements": [_movement_record(r, m) for r, m in _paired(moves, MOVEMENT_COLUMNS)],
        "sources": {
            seed: record for seed, record in dataset.source_records().items() if seed in cited
        },
    }


def _paired(frame: pd.DataFrame, columns: list[tuple[str, str]]):
    return zip(_records(frame, columns), frame.to_dict("records"), strict=True)


def _event_record(record: dict, event: dict) -> dict:
    """Return an event's output with its date and count worded as on the map."""
    return {
        **record,
        "when": wording.date_phrase(str(event["when"]), str(event["precision"])),
        "people": wording.people_text(event["people_low"], event["people_high"]),
    }


def _movement_record(record: dict, move: dict) -> dict:
    """Return a movement's output; an unnamed destination is null and its route says so."""
    return {
        **record,
        "to_place": record.get("to_place") or None,
        "when": wording.date_phrase(str(move["when"]), str(move["precision"])),
        "people": wording.people_text(move["people_low"], move["people_high"]),
        "route": wording.movement_route(claims.movement_claim(move)),
    }


def _faction_name(dataset, faction_id: str) -> str:
    if faction_id in dataset.factions.index:
        return str(dataset.factions.loc[faction_id, "short_name"])
    return faction_id


def date_warning(period: model.Period) -> str | None:
    """Return a warning if the date lies outside the map's years (the answer still comes)."""
    if model.FIRST_YEAR <= period.first.year <= model.LAST_YEAR:
        return None
    return i18n._(
        "warning: {date} is outside the map's years ({first} to {last}); "
        "the sources say little about it"
    ).format(
        date=period.first.isoformat(),
        first=wording.when(str(model.FIRST_YEAR)),
        last=wording.when(str(model.LAST_YEAR)),
    )


def state_lines(document: dict, lang: str = i18n.DEFAULT_LANG) -> list[str]:
    """Return the situation as lines for the terminal in ``lang``: names first, ids in brackets.

    Each holding says how it began and ended as the claims word it, and how it stands on
    the date; events and movements are headed by the period they are listed for. Headings,
    statuses, counts, kinds and the dates of events and movements are in ``lang``; how a
    holding began and ended is in the language the document was built in (``run_state``
    builds it inside ``i18n.speaking(lang)``); the data's own words (titles, names) stay as
    written.
    """
    _ = i18n.gettext_for(lang)
    count = functools.partial(i18n.number, lang=lang)
    lines = [
        _("Situation on {date}").format(date=_day_in(document["date"], lang)),
        "",
        _("Control ({count} places):").format(count=count(len(document["control"]))),
    ]
    for row in document["control"]:
        place = f"{row.get('place_name') or row['place_id']} ({row['place_id']})"
        status = STATUS_WORDS.get(row.get("status", ""), "")
        lines.append(
            f"  {place:<42} {row['faction_name']:<18} {row['start']}; {row['end']}"
            + (f" [{_(status)}]" if status else "")
        )
    period = _period_in(document, lang)
    lines += ["", _("Events of {period} ({count}):").format(
        period=period, count=count(len(document["events"]))
    )]  # fmt: skip
    for row in document["events"]:
        where = f" [{row['place_name']}]" if row.get("place_name") else ""
        people = f", {row['people']}" if row.get("people") else ""
        when, kind = _when_in(row, lang), _kind_in(row["kind"], lang)
        lines.append(f"  {when:<22} {kind:<11} {row['title']}{where}{people}")
    lines += ["", _("Movements under way in {period} ({count}):").format(
        period=period, count=count(len(document["movements"]))
    )]  # fmt: skip
    for row in document["movements"]:
        people = f", {row['people']}" if row.get("people") else ""
        kind = _kind_in(row["kind"], lang)
        lines.append(f"  {_when_in(row, lang):<22} {kind:<12} {row['route']}{people}")
    if document.get("sources"):
        lines += ["", _("Sources:")]
        for seed, source in document["sources"].items():
            lines.append(f"  {seed}: {wording.source_credit(source)}, {source['url']}")
    return [for_terminal(line) for line in lines]


def _kind_in(kind: str, lang: str) -> str:
    """Return an event's or movement's kind in ``lang`` (the data's id itself in English)."""
    if lang == i18n.DEFAULT_LANG:
        return kind
    with i18n.speaking(lang):
        return wording.kind_word(kind)


def _day_in(iso_day: str, lang: str) -> str:
    """Return the day asked for as ``lang`` writes it (the ISO date itself in English)."""
    return iso_day if lang == i18n.DEFAULT_LANG else dates.describe_in(iso_day, "", "day", lang)


def _period_in(document: dict, lang: str) -> str:
    """Return the period the events are listed for in ``lang``: '1989', 'mars 1994'."""
    key = document.get("events_period_key", "")
    if lang == i18n.DEFAULT_LANG or not key:
        return document.get("events_period", "")
    detail = {1: "year", 2: "month", 3: "day"}[len(key.split("-"))]
    return dates.describe_in(key, "", detail, lang)


def _when_in(row: dict, lang: str) -> str:
    """Return a listed row's date in ``lang``: the map's English wording, or CLDR's words."""
    if lang == i18n.DEFAULT_LANG:
        return row["when"]
    return dates.phrase_in(row["start"], row.get("end") or "", row["precision"], lang)


def run_state(args: argparse.Namespace) -> int:
    """Print the situation on ``--date``; return 0, or 1 when the data is broken.

    The lines are in the language being spoken (``main`` speaks ``--lang``); ``--json``
    is for programs: the same English keys and words whatever the language.
    """
    dataset = load(args.data_dir, args.seeds, allow_outside=args.allow_outside)
    warning = date_warning(args.date)
    if warning:
        print(warning, file=sys.stderr)
    if args.json:
        with i18n.speaking(i18n.DEFAULT_LANG):
            document = state_document(dataset, args.date, args.events_in)
        print(json_for_terminal(json.dumps(document, ensure_ascii=False, indent=2)))
        return 0
    # how holdings began and ended, kinds, routes, counts: in the language being spoken
    document = state_document(dataset, args.date, args.events_in)
    print("\n".join(state_lines(document, i18n.current())))
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kr-map``; return the process exit code.

    The command runs speaking its output language (:func:`output_language`): every line
    it prints for a person, problems included, is worded in it.
    """
    args = build_parser().parse_args(argv)
    with i18n.speaking(output_language(args)):
        return _run(args)


def _run(args: argparse.Namespace) -> int:
    """Run the parsed command; report broken data and a closed pipe without a traceback."""
    try:
        return args.run(args)
    except DataError as exc:
        print(exc.report(limit=50), file=sys.stderr)
        advice = i18n._("The data has problems: run `kr-map validate` to see them all.")
        print(advice, file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `kr-map state ... | head`: the reader has gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
