"""The exports: the map as one offline HTML file, the tables as CSV or GeoJSON.

The functions here (:func:`export_html`, :func:`events_csv`, :func:`table_csv`,
:func:`events_geojson`, :func:`geojson_text`) return text or data and touch no
files, so the Streamlit app can offer them as downloads; ``kr-map export``
(:mod:`kr_map.export_command`) is the command-line edge that writes them,
atomically and never over an existing file without ``--force``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from kr_map import export_html as html_export
from kr_map import model, qr, quiz
from kr_map.edtf_dates import edtf_date
from kr_map.loader import Dataset, borders_beside
from kr_map.vocab import LAYERS

__all__ = [
    "CONTROL_COLUMNS",
    "EVENT_COLUMNS",
    "FORMATS",
    "MOVEMENT_COLUMNS",
    "TABLES",
    "control_table",
    "events_csv",
    "events_geojson",
    "events_table",
    "export_html",
    "geojson_text",
    "movements_table",
    "page_in",
    "spreadsheet_cell",
    "spreadsheet_safe",
    "table_csv",
]

FORMATS = ("html", "csv", "geojson")

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
    text, _ = page_in(dataset, first, last, layers, tiles_online, document, lang, url)
    return text


def page_in(dataset, first, last, layers, tiles_online, document, lang, url=None):
    """Return the HTML page and its frames in ``lang``, one language or several (see
    :func:`export_html`; the years and layers are not checked here)."""
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
