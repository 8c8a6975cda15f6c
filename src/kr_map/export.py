"""``kr-map export``: the map as one offline HTML file, or the events as CSV or GeoJSON.

The pure functions (:func:`export_html`, :func:`events_csv`,
:func:`events_geojson`, :func:`geojson_text`) return text or data and touch
no files, so the Streamlit app can offer them as downloads; :func:`run_export`
is the command-line edge that writes them, atomically and never over an
existing file without ``--force``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from kr_map import export_html as html_export
from kr_map import model
from kr_map.atomic import atomic_write_text
from kr_map.loader import Dataset, default_data_dir, load
from kr_map.schema import OPTIONAL_TABLES, TABLES
from kr_map.vocab import LAYERS

__all__ = [
    "EVENT_COLUMNS",
    "FORMATS",
    "MOVEMENT_COLUMNS",
    "add_export_arguments",
    "events_csv",
    "events_geojson",
    "events_table",
    "export_html",
    "geojson_text",
    "run_export",
]

FORMATS = ("html", "csv", "geojson")
_SUFFIX_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".geojson": "geojson",
    ".json": "geojson",
}

EVENT_COLUMNS = (
    "event_id", "title", "kind", "start", "end", "precision", "when", "place_id", "place_name",
    "lat", "lon", "coord_precision", "factions", "people_low", "people_high", "summary", "seed",
    "quote",
)  # fmt: skip
MOVEMENT_COLUMNS = (
    "movement_id", "kind", "from_place", "from_name", "to_place", "to_name", "start", "end",
    "precision", "when", "people_low", "people_high", "distance_km", "summary", "seed", "quote",
)  # fmt: skip
_EVENT_SOURCES = {
    "lat": "place_lat",
    "lon": "place_lon",
    "coord_precision": "place_coord_precision",
}


# --- Pure exports -------------------------------------------------------------------


def export_html(
    dataset: Dataset,
    first: int = model.FIRST_YEAR,
    last: int = model.LAST_YEAR,
    layers: Iterable[str] = LAYERS,
    *,
    tiles_online: bool = False,
) -> str:
    """Return the map of ``first``..``last`` as one self-contained, offline HTML page.

    ``tiles_online`` adds an OpenStreetMap background (and a box to turn it
    off), which needs the internet; without it the file makes no request at all.
    """
    _check_years(first, last)
    _check_layers(layers)
    text, _ = html_export.build_page(dataset, first, last, layers, tiles_online=tiles_online)
    return text


def _overlapping_years(frame: pd.DataFrame, first: int | None, last: int | None) -> pd.DataFrame:
    if first is not None:
        frame = frame[frame["t1"] >= pd.Timestamp(first, 1, 1)]
    if last is not None:
        frame = frame[frame["t0"] <= pd.Timestamp(last, 12, 31)]
    return frame


def events_table(
    dataset: Dataset, first: int | None = None, last: int | None = None
) -> pd.DataFrame:
    """Return the events joined with their places, one row each, in date order.

    With ``first``/``last``, only events that may have happened in those years.
    """
    events = _overlapping_years(dataset.events, first, last)
    columns = {name: events[_EVENT_SOURCES.get(name, name)] for name in EVENT_COLUMNS}
    table = pd.DataFrame(columns).reset_index(drop=True)
    return table.assign(place_name=table["place_name"].fillna(""))


def events_csv(dataset: Dataset, first: int | None = None, last: int | None = None) -> str:
    """Return the events as CSV text (UTF-8, "\\n" line ends), one row per event."""
    return events_table(dataset, first, last).to_csv(index=False, lineterminator="\n")


def _plain(value: Any) -> Any:
    """Return a JSON value for a table cell: None for missing, ints and floats as numbers."""
    if value is None or value is pd.NA or (isinstance(value, float) and pd.isna(value)):
        return None
    if hasattr(value, "item"):  # numpy scalars
        value = value.item()
    return None if value == "" else value


def _point(lat: Any, lon: Any) -> dict[str, Any] | None:
    if _plain(lat) is None or _plain(lon) is None:
        return None
    return {"type": "Point", "coordinates": [round(float(lon), 6), round(float(lat), 6)]}


def _feature(kind: str, feature_id: str, geometry: Any, properties: dict[str, Any]) -> dict:
    return {
        "type": "Feature",
        "id": feature_id,
        "geometry": geometry,
        "properties": {"feature_type": kind, **{k: _plain(v) for k, v in properties.items()}},
    }


def events_geojson(dataset: Dataset, first: int | None = None, last: int | None = None) -> dict:
    """Return an RFC 7946 FeatureCollection: events as Points, movements as LineStrings.

    Coordinates are [longitude, latitude]; an event without a place has a null
    geometry. Every feature has ``feature_type`` "event" or "movement".
    """
    features = [
        _feature("event", row["event_id"], _point(row["lat"], row["lon"]), row)
        for row in events_table(dataset, first, last).to_dict("records")
    ]
    moves = _overlapping_years(dataset.movements, first, last)
    for move in moves.to_dict("records"):
        line = {
            "type": "LineString",
            "coordinates": [
                [round(move["from_lon"], 6), round(move["from_lat"], 6)],
                [round(move["to_lon"], 6), round(move["to_lat"], 6)],
            ],
        }
        properties = {name: move[name] for name in MOVEMENT_COLUMNS}
        features.append(_feature("movement", move["movement_id"], line, properties))
    return {"type": "FeatureCollection", "features": features}


def geojson_text(dataset: Dataset, first: int | None = None, last: int | None = None) -> str:
    """Return :func:`events_geojson` as UTF-8 JSON text, indented, ending in a newline."""
    return json.dumps(events_geojson(dataset, first, last), ensure_ascii=False, indent=1) + "\n"


def _check_years(first: int, last: int) -> None:
    for name, value in (("first", first), ("last", last)):
        if not model.FIRST_YEAR <= value <= model.LAST_YEAR:
            raise ValueError(
                f"{name} year must be from {model.FIRST_YEAR} to {model.LAST_YEAR}, got {value}"
            )
    if first > last:
        raise ValueError(f"the first year ({first}) is after the last ({last})")


def _check_layers(layers: Iterable[str]) -> None:
    unknown = [name for name in layers if name not in LAYERS]
    if unknown:
        raise ValueError(f"unknown layer(s) {', '.join(unknown)}; known: {', '.join(LAYERS)}")


# --- The command line -----------------------------------------------------------------


def _year_argument(text: str) -> int:
    if not text.strip().isdigit() or not model.FIRST_YEAR <= int(text) <= model.LAST_YEAR:
        raise argparse.ArgumentTypeError(
            f"must be a year from {model.FIRST_YEAR} to {model.LAST_YEAR}, got {text!r}"
        )
    return int(text)


def _layers_argument(text: str) -> tuple[str, ...]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in LAYERS]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"unknown layer {', '.join(map(repr, unknown)) or '(none given)'}; "
            f"choose from {','.join(LAYERS)}"
        )
    return tuple(name for name in LAYERS if name in names)


def add_export_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``kr-map export``'s arguments and help to its subparser."""
    parser.description = (
        "Write the map as one HTML file that opens offline in any browser (time slider, "
        "play button, legend, events with their sources), or the events as CSV or GeoJSON. "
        "An existing file is only replaced with --force."
    )
    parser.epilog = (
        "examples:  kr-map export map.html   |   kr-map export map-1989.html --from 1989 --to 1991"
        "   |   kr-map export events.csv   |   kr-map export events.geojson"
    )
    parser.add_argument(
        "out", type=Path, metavar="OUT", help="file to write: .html, .csv or .geojson"
    )
    parser.add_argument(
        "--format",
        choices=FORMATS,
        default=None,
        help="html, csv or geojson (default: from OUT's suffix)",
    )
    parser.add_argument(
        "--from", dest="first", type=_year_argument, default=None, metavar="YEAR",
        help=f"first year (default {model.FIRST_YEAR}; for CSV/GeoJSON: every event)",
    )  # fmt: skip
    parser.add_argument(
        "--to", dest="last", type=_year_argument, default=None, metavar="YEAR",
        help=f"last year (default {model.LAST_YEAR}; for CSV/GeoJSON: every event)",
    )  # fmt: skip
    parser.add_argument(
        "--layers", type=_layers_argument, default=None, metavar="A,B,...",
        help=f"HTML only: layers to include (default: all of {','.join(LAYERS)})",
    )  # fmt: skip
    parser.add_argument(
        "--online-tiles", action="store_true",
        help="HTML only: add an OpenStreetMap background with a box to turn it off "
        "(needs internet; offline the bundled borders still draw the map)",
    )  # fmt: skip
    parser.add_argument("--force", action="store_true", help="replace OUT if it already exists")
    parser.add_argument(
        "--data", dest="data_dir", type=Path, default=None,
        help="folder with places.csv, events.csv, ... (default: the bundled data/)",
    )  # fmt: skip
    parser.add_argument(
        "--seeds", type=Path, default=None, help="folder of source documents (default: ../seeds)"
    )


class UsageError(Exception):
    """The command was asked for something it cannot do; the message says why."""


def _format_of(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    fmt = _SUFFIX_FORMATS.get(args.out.suffix.lower())
    if fmt is None:
        raise UsageError(
            f"cannot tell the format from {args.out.name!r}: name it .html, .csv or .geojson, "
            "or pass --format html|csv|geojson"
        )
    return fmt


def _inputs(data_dir: Path) -> set[Path]:
    """Return the files an export reads, which it must never replace."""
    names = [t.file for t in (*TABLES, *OPTIONAL_TABLES)] + ["borders.geojson"]
    return {(data_dir / name).resolve() for name in names}


def _check_target(out: Path, force: bool, data_dir: Path | None) -> None:
    """Refuse targets that would lose data: existing files (without --force), input tables."""
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give a file name such as {out / 'map.html'}")
    if not out.parent.resolve().is_dir():
        raise UsageError(f"the folder {out.parent} does not exist")
    if out.resolve() in _inputs(data_dir or default_data_dir()):
        raise UsageError(f"{out} is one of the data files; export to another file")
    if out.exists() and not force:
        raise UsageError(f"{out} already exists; pass --force to replace it")


def _render(args: argparse.Namespace, fmt: str, dataset: Dataset) -> tuple[str, str]:
    """Return the file's text and a line describing it."""
    if fmt == "html":
        first = args.first or model.FIRST_YEAR
        last = args.last or model.LAST_YEAR
        layers = args.layers or LAYERS
        text, frames = html_export.build_page(
            dataset, first, last, layers, tiles_online=args.online_tiles
        )
        return text, f"{len(frames)} frames ({first}–{last}), layers {','.join(layers)}"
    if fmt == "csv":
        table = events_table(dataset, args.first, args.last)
        return events_csv(dataset, args.first, args.last), f"{len(table)} events"
    document = events_geojson(dataset, args.first, args.last)
    kinds = pd.Series([f["properties"]["feature_type"] for f in document["features"]])
    counts = kinds.value_counts()
    summary = f"{counts.get('event', 0)} events, {counts.get('movement', 0)} movements"
    return geojson_text(dataset, args.first, args.last), summary


def _size(nbytes: int) -> str:
    return f"{nbytes / 1_000_000:.1f} MB" if nbytes >= 100_000 else f"{nbytes / 1000:.0f} kB"


def run_export(args: argparse.Namespace) -> int:
    """Write the export ``args`` ask for; return 0, 1 if OUT would be lost or 2 on bad options."""
    try:
        fmt = _format_of(args)
        first, last = args.first or model.FIRST_YEAR, args.last or model.LAST_YEAR
        if first > last:
            raise UsageError(f"--from {first} is after --to {last}")
        if fmt != "html" and (args.layers or args.online_tiles):
            raise UsageError("--layers and --online-tiles only apply to the HTML map")
    except UsageError as problem:
        print(f"kr-map export: error: {problem}", file=sys.stderr)
        return 2
    try:
        _check_target(args.out, args.force, args.data_dir)
        dataset = load(args.data_dir, args.seeds)  # broken data: DataError, reported by cli.main
        text, summary = _render(args, fmt, dataset)
        _check_target(args.out, args.force, args.data_dir)  # again: it may have appeared meanwhile
    except UsageError as problem:
        print(f"kr-map export: {problem}", file=sys.stderr)
        return 1
    try:
        atomic_write_text(args.out, text)
    except OSError as error:
        reason = error.strerror or str(error)
        print(f"kr-map export: could not write {args.out}: {reason}", file=sys.stderr)
        return 1
    size = _size(len(text.encode("utf-8")))
    print(f"Wrote {args.out} ({fmt}, {size}): {summary}.")
    if fmt == "html":
        print("Open it in any web browser; it needs no internet and no server.")
    return 0
