"""The ``kr-map`` command: validate the data, print the state at a date, geocode, export."""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from kr_map import model
from kr_map.dates import DateFormatError
from kr_map.loader import default_data_dir, load, validate
from kr_map.problems import DataError

CONTROL_KEYS = ["place_id", "faction_id", "since", "seed", "quote"]
EVENT_KEYS = [
    "event_id", "start", "end", "precision", "kind", "place_id", "factions", "title",
    "people_low", "people_high", "seed", "quote",
]  # fmt: skip
MOVEMENT_KEYS = [
    "movement_id", "from_place", "to_place", "start", "end", "precision", "kind",
    "people_low", "people_high", "distance_km", "seed", "quote",
]  # fmt: skip


def _period_argument(text: str) -> model.Period:
    try:
        return model.parse_period(text)
    except DateFormatError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def _data_dir_argument(parser: argparse.ArgumentParser, *, positional: bool = False) -> None:
    help_text = "folder with places.csv, events.csv, ... (default: the bundled data/)"
    if positional:
        parser.add_argument("data_dir", nargs="?", type=Path, default=None, help=help_text)
    else:
        parser.add_argument("--data", dest="data_dir", type=Path, default=None, help=help_text)
    parser.add_argument(
        "--seeds", type=Path, default=None, help="folder of source documents (default: ../seeds)"
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
    _data_dir_argument(state)
    state.set_defaults(run=run_state)

    _add_geocode(commands)
    _add_export(commands)
    return parser


def _add_geocode(commands) -> None:
    from kr_map.geocode import add_geocode_arguments, run_geocode

    geocode = commands.add_parser(
        "geocode",
        help="fill missing lat/lon in places.csv with OpenStreetMap's Nominatim",
        description="Fill the missing coordinates of places.csv with geopy's Nominatim "
        "geocoder, trying each alias in turn. Existing coordinates are kept unless --force.",
    )
    add_geocode_arguments(geocode)
    geocode.set_defaults(run=lambda args: run_geocode(args))


def _add_export(commands) -> None:
    try:
        from kr_map.export import add_export_arguments, run_export
    except ImportError:  # export arrives with the classroom features
        return
    export = commands.add_parser(
        "export",
        help="write a self-contained offline HTML map, or the events as CSV/GeoJSON",
    )
    add_export_arguments(export)
    export.set_defaults(run=run_export)


def run_validate(args: argparse.Namespace) -> int:
    """Print every problem in the data folder; return 1 if there are any."""
    data_dir = args.data_dir or default_data_dir()
    rows, problems = validate(data_dir, args.seeds)
    for problem in sorted(problems, key=lambda p: (p.file, p.row, p.column)):
        print(problem)
    if problems:
        print(f"{len(problems)} problem(s) in {data_dir}", file=sys.stderr)
        return 1
    counts = ", ".join(f"{len(r)} {name}" for name, r in rows.items())
    print(f"ok: {data_dir} is valid ({counts})")
    return 0


def _records(frame: pd.DataFrame, keys: list[str]) -> list[dict]:
    records = []
    for row in frame[keys].to_dict("records"):
        records.append({k: (None if pd.isna(val) else val) for k, val in row.items()})
    return [{k: (int(v) if hasattr(v, "__index__") else v) for k, v in r.items()} for r in records]


def state_document(dataset, period: model.Period, events_in: str = "year") -> dict:
    """Return the situation on a date as plain data: date, control, events, movements."""
    when = period.last if period.unit != "day" else period.first
    listing = {
        "year": model.year(period.first.year),
        "month": model.month(period.first.year, period.first.month),
        "day": model.day(period.first),
    }[events_in]
    held = model.control_on(dataset, when).sort_values("place_id")
    return {
        "date": when.isoformat(),
        "control": _records(held, CONTROL_KEYS),
        "events": _records(model.events_during(dataset, listing), EVENT_KEYS),
        "movements": _records(model.movements_during(dataset, listing), MOVEMENT_KEYS),
    }


def run_state(args: argparse.Namespace) -> int:
    """Print the situation on ``--date``; return 0, or 1 when the data is broken."""
    dataset = load(args.data_dir, args.seeds)
    document = state_document(dataset, args.date, args.events_in)
    if args.json:
        print(json.dumps(document, ensure_ascii=False, indent=2))
        return 0
    print(f"Situation on {document['date']}")
    print(f"\nControl ({len(document['control'])} places):")
    for row in document["control"]:
        print(f"  {row['place_id']:<24} {row['faction_id']:<12} since {row['since']}")
    print(f"\nEvents ({len(document['events'])}):")
    for row in document["events"]:
        print(f"  {row['start']:<10} {row['kind']:<11} {row['title']}")
    print(f"\nMovements ({len(document['movements'])}):")
    for row in document["movements"]:
        print(f"  {row['start']:<10} {row['kind']:<12} {row['from_place']} -> {row['to_place']}")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Run ``kr-map``; return the process exit code."""
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except DataError as exc:
        print(exc.report(limit=50), file=sys.stderr)
        print("The data has problems: run `kr-map validate` to see them all.", file=sys.stderr)
        return 1
    except BrokenPipeError:  # e.g. `kr-map state ... | head`: the reader has gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
