"""``kr-map export``: the map as one offline HTML file, or the events as CSV or GeoJSON.

The pure functions (:func:`export_html`, :func:`events_csv`,
:func:`events_geojson`, :func:`geojson_text`) return text or data and touch
no files, so the Streamlit app can offer them as downloads; :func:`run_export`
is the command-line edge that writes them, atomically and never over an
existing file without ``--force``.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd
from babel.numbers import format_decimal

from kr_map import export_html as html_export
from kr_map import i18n, limits, model, qr, quiz
from kr_map.atomic import atomic_write_text
from kr_map.edtf_dates import edtf_date
from kr_map.loader import Dataset, borders_beside, default_data_dir, default_seeds_dir, load
from kr_map.terminal import for_terminal
from kr_map.vocab import LAYERS

__all__ = [
    "CONTROL_COLUMNS",
    "EVENT_COLUMNS",
    "FORMATS",
    "MOVEMENT_COLUMNS",
    "TABLES",
    "add_export_arguments",
    "control_table",
    "events_csv",
    "events_geojson",
    "events_table",
    "export_html",
    "geojson_text",
    "movements_table",
    "run_export",
    "spreadsheet_cell",
    "spreadsheet_safe",
    "table_csv",
]

FORMATS = ("html", "csv", "geojson")
_SUFFIX_FORMATS = {
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".geojson": "geojson",
    ".json": "geojson",
}

TABLES = ("events", "control", "movements")
_DATES = ("edtf", "earliest", "latest")
_SOURCE = ("source_title", "source_url", "source_licence", "seed", "quote")
EVENT_COLUMNS = (
    "event_id", "title", "kind", "start", "end", "precision", "when", *_DATES, "place_id",
    "place_name", "lat", "lon", "coord_precision", "factions", "people_low", "people_high",
    "summary", *_SOURCE,
)  # fmt: skip
MOVEMENT_COLUMNS = (
    "movement_id", "kind", "from_place", "from_name", "from_coord_precision", "to_place",
    "to_name", "to_coord_precision", "start", "end", "precision", "when", *_DATES,
    "people_low", "people_high", "distance_km", "distance_approximate", "distance", "summary",
    *_SOURCE,
)  # fmt: skip
CONTROL_COLUMNS = (
    "place_id", "place_name", "lat", "lon", "coord_precision", "faction_id", "faction_name",
    "previous_faction", "since", "precision", "when", *_DATES, "until", "until_basis",
    "summary", *_SOURCE,
)  # fmt: skip
# Columns the control model may carry (the holdings' end as the sources state or imply
# it); exported when present, so the export follows the model as it grows.
CONTROL_EXTRA_COLUMNS = ("basis", "attested", "last_attested", "until_label")
# OWASP's rule for CSV files: a text cell starting with one of these is read by a
# spreadsheet (Excel, LibreOffice, Google Sheets) as a formula; such cells get a leading
# apostrophe, which the spreadsheet reads as "this is text" and does not show.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
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
    document: dict | None = None,
    url: str | None = None,
    lang: str | Sequence[str] = "en",
) -> str:
    """Return the map of ``first``..``last`` as one self-contained, offline HTML page.

    ``tiles_online`` adds an OpenStreetMap background (and a box to turn it
    off), which needs the internet; without it the file makes no request at all.
    ``document`` reuses a frames document already built for these years. ``url`` is the
    address the file will be published at: the handouts then carry QR codes of it.
    ``lang`` is the page's language (``en``, ``km``, ``fr``), or its languages
    (``"en,km,fr"``, the first the default; ``#lang=`` and a switch choose): each has its
    own frames document, dictionary and layer titles; the Khmer font is embedded whole
    when Khmer is among them.
    """
    _check_years(first, last)
    _check_layers(layers)
    text, _ = _page_in(dataset, first, last, layers, tiles_online, document, lang, url)
    return text


def _page_in(dataset, first, last, layers, tiles_online, document, lang, url=None):
    """Return the HTML page and its frames in ``lang``, one language or several (see
    :func:`export_html`)."""
    borders = borders_beside(dataset.data_dir)  # else the bundled ones, as build_page takes
    return html_export.build_page(
        dataset, first, last, layers, borders=borders, tiles_online=tiles_online,
        document=document, lang=lang, classroom=lambda doc: classroom_document(dataset, doc, url),
    )  # fmt: skip


def classroom_document(
    dataset: Dataset, document: dict, url: str | None = None, separator: str = "#"
) -> dict:
    """Return the frames document with the quiz (``quiz``) and, given ``url``, QR codes (``qr``).

    The document passed in is not changed (the app caches it). ``qr`` holds each frame's
    permalink at ``url`` and its QR matrix (:mod:`kr_map.qr`), the view in the fragment
    (``#``, the export) or the query (``?``, the app); without ``url`` it is absent and the
    handouts print why.
    """
    keys = [frame["key"] for frame in document["frames"]]
    added = {**document, "quiz": quiz.quiz_document(dataset, quiz.load_quiz(dataset), keys)}
    if url:
        added["qr"] = qr.qr_codes(url, keys, separator)
    return added


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
    events = _with_sources(
        _with_dates(_overlapping_years(dataset.events, first, last)), dataset.sources
    )
    columns = {name: events[_EVENT_SOURCES.get(name, name)] for name in EVENT_COLUMNS}
    table = pd.DataFrame(columns).reset_index(drop=True)
    return table.assign(place_name=table["place_name"].fillna(""))


def _with_dates(frame: pd.DataFrame, start: str = "start", end: str | None = "end") -> pd.DataFrame:
    """Add each row's date in EDTF with its earliest and latest day (ISO)."""
    ends = frame[end] if end else pd.Series("", index=frame.index)
    dates = [
        edtf_date(a, b, p) for a, b, p in zip(frame[start], ends, frame["precision"], strict=True)
    ]
    return frame.assign(
        edtf=[d.edtf for d in dates],
        earliest=[d.earliest.isoformat() for d in dates],
        latest=[d.latest.isoformat() for d in dates],
    )


def _with_sources(frame: pd.DataFrame, sources: pd.DataFrame) -> pd.DataFrame:
    """Add the title, address and licence of the text each row's seed file copies (sources.csv)."""
    known = [
        sources.loc[seed] if seed in sources.index else pd.Series(dtype=object)
        for seed in frame["seed"]
    ]
    return frame.assign(
        source_title=[str(source.get("title", "")) for source in known],
        source_url=[str(source.get("url", "")) for source in known],
        source_licence=[str(source.get("licence", "")) for source in known],
    )


def _approximate(precision: Any) -> bool:
    return str(precision) != "exact"


def movements_table(
    dataset: Dataset, first: int | None = None, last: int | None = None
) -> pd.DataFrame:
    """Return the movements with both ends' places, EDTF dates and sources, in date order.

    ``distance`` is the straight geodesic distance for people: "≈ 250 km" when either end
    is only an approximate place (a country, a border strip), "12 km" otherwise.
    """
    moves = _with_sources(
        _with_dates(_overlapping_years(dataset.movements, first, last)), dataset.sources
    )
    rough = [
        _approximate(a) or _approximate(b)
        for a, b in zip(moves["from_coord_precision"], moves["to_coord_precision"], strict=True)
    ]
    labels = [
        f"≈ {km:.0f} km" if approx else f"{km:.0f} km"
        for km, approx in zip(moves["distance_km"], rough, strict=True)
    ]
    moves = moves.assign(distance_approximate=rough, distance=labels)
    return pd.DataFrame({name: moves[name] for name in MOVEMENT_COLUMNS}).reset_index(drop=True)


def _until(value: Any) -> str:
    """Return the ISO day a holding ends (the next holding's first day), "" if open."""
    if value is None or pd.isna(value):
        return ""
    return value.date().isoformat() if isinstance(value, pd.Timestamp) else str(value)


def control_table(
    dataset: Dataset, first: int | None = None, last: int | None = None
) -> pd.DataFrame:
    """Return the control timeline: each holding of a place with its start, end and source.

    ``until`` is the first day of the next row for the place (blank: no later row, the
    holding runs on); ``until_basis`` says that this end is inferred from that next row.
    Columns the control model adds (``basis``, ``attested``, ...) are kept when present.
    """
    control = dataset.control
    if first is not None or last is not None:
        spans = control.assign(t1=control["until"])
        control = control.loc[_overlapping_years(spans, first, last).index]
    control = _with_sources(_with_dates(control, "since", None), dataset.sources)
    names = dataset.factions["name"].to_dict()
    until = [_until(value) for value in control["until"]]
    table = control.assign(
        place_name=control["place_name"].fillna(""),
        lat=control["place_lat"],
        lon=control["place_lon"],
        coord_precision=control["place_coord_precision"],
        faction_name=[names.get(f, "") for f in control["faction_id"]],
        until=until,
        until_basis=["inferred: the next row for this place" if u else "open: no later row"
                     for u in until],
    )  # fmt: skip
    extras = [c for c in CONTROL_EXTRA_COLUMNS if c in table.columns]
    columns = {name: table[name] for name in (*CONTROL_COLUMNS, *extras)}
    return pd.DataFrame(columns).reset_index(drop=True)


def spreadsheet_cell(value: Any) -> Any:
    """Return a cell as a spreadsheet will show it and never run: text that would start a
    formula gets a leading apostrophe (OWASP's rule); numbers and other text are kept."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def spreadsheet_safe(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the table with every text cell that a spreadsheet would run made inert."""
    numeric = pd.api.types.is_numeric_dtype
    text_columns = [name for name in frame.columns if not numeric(frame[name].dtype)]
    return frame.assign(**{name: frame[name].map(spreadsheet_cell) for name in text_columns})


def table_csv(
    dataset: Dataset, table: str = "events", first: int | None = None, last: int | None = None
) -> str:
    """Return one exported table (events, control or movements) as CSV text, safe to open in
    a spreadsheet: no text cell can start a formula (see :func:`spreadsheet_cell`)."""
    builders = {"events": events_table, "control": control_table, "movements": movements_table}
    frame = spreadsheet_safe(builders[table](dataset, first, last))
    return frame.to_csv(index=False, lineterminator="\n")


def events_csv(dataset: Dataset, first: int | None = None, last: int | None = None) -> str:
    """Return the events as CSV text (UTF-8, "\\n" line ends), one row per event."""
    return table_csv(dataset, "events", first, last)


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


def _timed(properties: dict[str, Any], start: Any, end: Any) -> dict[str, Any]:
    """Return GeoJSON properties with ``start``/``end`` as ISO days, as time-aware viewers
    (QGIS's temporal controller, Leaflet.TimeDimension) read them; the dates as written in
    the data move to ``start_written``/``end_written``."""
    written = {"start_written": properties.pop("start", None),
               "end_written": properties.pop("end", None)}  # fmt: skip
    return {"start": start, "end": end or None, **written, **properties}


def _line(move: dict[str, Any]) -> dict[str, Any]:
    if _plain(move.get("to_lat")) is None:  # no destination in the source: its origin only
        return _point(move["from_lat"], move["from_lon"])
    return {
        "type": "LineString",
        "coordinates": [
            [round(move["from_lon"], 6), round(move["from_lat"], 6)],
            [round(move["to_lon"], 6), round(move["to_lat"], 6)],
        ],
    }


def _last_day_before(iso_day: str) -> str | None:
    return (pd.Timestamp(iso_day) - pd.Timedelta(days=1)).date().isoformat() if iso_day else None


def events_geojson(
    dataset: Dataset,
    first: int | None = None,
    last: int | None = None,
    tables: Iterable[str] = TABLES,
) -> dict:
    """Return an RFC 7946 FeatureCollection: events and holdings as Points, movements as lines.

    Coordinates are [longitude, latitude]. An event without a place on the map (an
    agreement signed in Paris) is kept, with a null geometry. Every feature has
    ``feature_type`` "event", "control" or "movement" and ``start``/``end`` ISO days.
    """
    features = []
    if "events" in tables:
        for row in events_table(dataset, first, last).to_dict("records"):
            properties = _timed(row, row["earliest"], row["latest"])
            geometry = _point(row["lat"], row["lon"])
            features.append(_feature("event", row["event_id"], geometry, properties))
    if "control" in tables:
        for number, row in enumerate(control_table(dataset, first, last).to_dict("records")):
            properties = _timed(row, row["earliest"], _last_day_before(row["until"]))
            feature_id = f"control_{row['place_id']}_{number}"
            geometry = _point(row["lat"], row["lon"])
            features.append(_feature("control", feature_id, geometry, properties))
    if "movements" in tables:
        moves = _overlapping_years(dataset.movements, first, last)
        table = movements_table(dataset, first, last)
        for move, row in zip(moves.to_dict("records"), table.to_dict("records"), strict=True):
            properties = _timed(row, row["earliest"], row["latest"])
            features.append(_feature("movement", row["movement_id"], _line(move), properties))
    return {"type": "FeatureCollection", "features": features}


def geojson_text(
    dataset: Dataset,
    first: int | None = None,
    last: int | None = None,
    tables: Iterable[str] = TABLES,
) -> str:
    """Return :func:`events_geojson` as UTF-8 JSON text, indented, ending in a newline."""
    document = events_geojson(dataset, first, last, tables)
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


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


def _langs_argument(text: str) -> tuple[str, ...]:
    try:
        return html_export.page_languages(text)
    except ValueError as problem:  # UnknownLanguage too
        raise argparse.ArgumentTypeError(str(problem)) from None


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
    parser.add_argument(
        "--table", choices=(*TABLES, "all"), default=None,
        help="CSV: the table to write, events (default), control or movements; "
        "GeoJSON: only that table's features (default all)",
    )  # fmt: skip
    parser.add_argument(
        "--url", default=None, metavar="ADDRESS",
        help="HTML only: the public address the file will be published at "
        "(https://...); printed handouts then carry a QR code of each frame's permalink",
    )  # fmt: skip
    parser.add_argument(
        "--lang", type=_langs_argument, default=None, metavar="L1,L2,...",
        help="HTML only: the page's language (default en), or a comma list of them (en,km,fr): "
        "the first opens by default, #lang= or the switch on the map shows another; km embeds "
        "the Khmer font; quotes stay in English. The lines printed speak the first (without "
        "--lang: the language of LC_ALL, LC_MESSAGES or LANG)",
    )  # fmt: skip
    parser.add_argument("--force", action="store_true", help="replace OUT if it already exists")
    parser.add_argument(
        "--data", dest="data_dir", type=Path, default=None,
        help="folder with places.csv, events.csv, ... (default: the bundled data/)",
    )  # fmt: skip
    parser.add_argument(
        "--seeds", type=Path, default=None, help="folder of source documents (default: ../seeds)"
    )
    from kr_map.cli import allow_outside_argument

    allow_outside_argument(parser)


class UsageError(Exception):
    """The command was asked for something it cannot do; the message says why."""


def _format_of(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    fmt = _SUFFIX_FORMATS.get(args.out.suffix.lower())
    if fmt is None:
        raise UsageError(
            i18n._(
                "cannot tell the format from {name}: name it .html, .csv or .geojson, "
                "or pass --format html|csv|geojson"
            ).format(name=repr(args.out.name))
        )
    return fmt


def _inputs(data_dir: Path, seeds_dir: Path | None) -> list[Path]:
    """Return the folders an export reads (data and sources), which it must never write in."""
    folders = [data_dir, seeds_dir or default_seeds_dir(data_dir)]
    bundled = default_data_dir()
    folders += [bundled, default_seeds_dir(bundled)]
    return [folder.resolve() for folder in folders]


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents


def check_target(out: Path, force: bool, data_dir: Path | None, seeds_dir=None) -> None:
    """Refuse targets that would lose data: existing files (without --force), the inputs.

    Raises :class:`UsageError` saying why.
    """
    if out.is_dir():
        message = i18n._("{path} is a folder; give a file name such as {example}")
        raise UsageError(message.format(path=out, example=out / "map.html"))
    if not out.parent.resolve().is_dir():
        raise UsageError(i18n._("the folder {path} does not exist").format(path=out.parent))
    target = out.resolve()
    for folder in _inputs(data_dir or default_data_dir(), seeds_dir):
        if _inside(target, folder):
            message = i18n._(
                "{path} is inside {folder}, which holds the data or the sources the export "
                "reads; nothing is written there, even with --force. Export to another folder."
            )
            raise UsageError(message.format(path=out, folder=folder))
    if out.exists() and not force:
        message = i18n._("{path} already exists; pass --force to replace it")
        raise UsageError(message.format(path=out))


def _render(args: argparse.Namespace, fmt: str, dataset: Dataset) -> tuple[str, str]:
    """Return the file's text and a line describing it."""
    if fmt == "html":
        first = args.first or model.FIRST_YEAR
        last = args.last or model.LAST_YEAR
        layers = args.layers or LAYERS
        langs = args.lang or (i18n.DEFAULT_LANG,)
        text, shown = _page_in(
            dataset, first, last, layers, args.online_tiles, None, langs, args.url
        )
        summary = i18n.ngettext(
            "{count} frame ({first}–{last}), layers {layers}, languages {langs}",
            "{count} frames ({first}–{last}), layers {layers}, languages {langs}",
            len(shown),
        )
        return text, summary.format(
            count=_count(len(shown)), first=_year(first), last=_year(last),
            layers=",".join(layers), langs=",".join(langs),
        )  # fmt: skip
    if fmt == "csv":
        table = args.table or "events"
        text = table_csv(dataset, table, args.first, args.last)
        rows = len(pd.read_csv(io.StringIO(text), dtype=str))
        summary = i18n.ngettext("{count} row of {table}", "{count} rows of {table}", rows)
        return text, summary.format(count=_count(rows), table=table)
    tables = TABLES if args.table in (None, "all") else (args.table,)
    document = events_geojson(dataset, args.first, args.last, tables)
    counts = pd.Series([f["properties"]["feature_type"] for f in document["features"]])
    counts = counts.value_counts()
    unplaced = sum(f["geometry"] is None for f in document["features"])
    summary = i18n._(
        "events: {events} ({unplaced} without a place: null geometry), holdings: {holdings}, "
        "movements: {movements}"
    ).format(
        events=_count(counts.get("event", 0)), unplaced=_count(unplaced),
        holdings=_count(counts.get("control", 0)), movements=_count(counts.get("movement", 0)),
    )  # fmt: skip
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n", summary


def _count(value: int) -> str:
    """Return a count as the language being spoken writes it (Khmer digits in Khmer)."""
    return i18n.number(int(value), i18n.current())


def _year(year: int) -> str:
    """Return a year in the digits of the language being spoken, without grouping."""
    return i18n.with_native_digits(str(year), i18n.current())


def file_size(nbytes: int) -> str:
    """Return a file's size in the language being spoken: ``1.2 MB``, ``1,2 Mo``, ``៣៤ kB``."""
    lang = i18n.current()
    if nbytes >= 100_000:
        size = format_decimal(nbytes / 1_000_000, format="0.0", locale=lang)
        return i18n._("{size} MB").format(size=i18n.with_native_digits(size, lang))
    size = format_decimal(round(nbytes / 1000), format="0", locale=lang)
    return i18n._("{size} kB").format(size=i18n.with_native_digits(size, lang))


def run_export(args: argparse.Namespace) -> int:
    """Write the export ``args`` ask for; return 0, 1 if OUT would be lost or 2 on bad options."""
    try:
        fmt = _format_of(args)
        first, last = args.first or model.FIRST_YEAR, args.last or model.LAST_YEAR
        if first > last:
            message = i18n._("--from {first} is after --to {last}")
            raise UsageError(message.format(first=first, last=last))
        langs = args.lang or (i18n.DEFAULT_LANG,)
        if fmt != "html" and (args.layers or args.online_tiles or langs != ("en",)):
            raise UsageError(
                i18n._("--layers, --online-tiles and --lang only apply to the HTML map")
            )
        if args.url is not None:
            if fmt != "html":
                raise UsageError(i18n._("--url only applies to the HTML map"))
            qr.check_public_url(args.url)
        if fmt == "html" and args.table:
            raise UsageError(i18n._("--table only applies to CSV and GeoJSON"))
        if fmt == "csv" and args.table == "all":
            raise UsageError(
                i18n._("a CSV file holds one table: --table events, control or movements")
            )
    except (UsageError, qr.AddressError) as problem:
        print(
            for_terminal(i18n._("kr-map export: error: {problem}").format(problem=problem)),
            file=sys.stderr,
        )
        return 2
    try:
        check_target(args.out, args.force, args.data_dir, args.seeds)
        if fmt == "html":  # the map's size limit, said before a long load (kr_map/limits.py)
            limits.check_size(args.data_dir or default_data_dir())
        dataset = load(
            args.data_dir, args.seeds, allow_outside=args.allow_outside
        )  # broken data: DataError, reported by cli.main
        text, summary = _render(args, fmt, dataset)
        check_target(
            args.out, args.force, args.data_dir, args.seeds
        )  # again: it may have appeared meanwhile
    except UsageError as problem:
        print(
            for_terminal(i18n._("kr-map export: {problem}").format(problem=problem)),
            file=sys.stderr,
        )
        return 1
    try:
        atomic_write_text(args.out, text)
    except OSError as error:
        reason = error.strerror or str(error)
        message = i18n._("kr-map export: could not write {path}: {reason}")
        print(for_terminal(message.format(path=args.out, reason=reason)), file=sys.stderr)
        return 1
    size = file_size(len(text.encode("utf-8")))
    wrote = i18n._("Wrote {path} ({format}, {size}): {summary}.")
    print(for_terminal(wrote.format(path=args.out, format=fmt, size=size, summary=summary)))
    if fmt == "html":
        print(i18n._("Open it in any web browser; it needs no internet and no server."))
    return 0
