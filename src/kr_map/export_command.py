"""``kr-map export``: its arguments, the checks that keep the user's files safe (never
over an existing file without ``--force``, never into the data or the sources it reads),
and the edge that writes the export (:mod:`kr_map.export`), atomically.
"""

from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path

import pandas as pd
from babel.numbers import format_decimal

from kr_map import export, export_html, i18n, limits, model, qr
from kr_map.atomic import atomic_write_text
from kr_map.loader import Dataset, default_data_dir, default_seeds_dir, load
from kr_map.terminal import for_terminal
from kr_map.vocab import LAYERS

__all__ = ["UsageError", "add_export_arguments", "check_target", "file_size", "run_export"]

# The format an OUT's suffix stands for, when --format is not given.
_SUFFIXES = {
    ".html": "html",
    ".htm": "html",
    ".csv": "csv",
    ".geojson": "geojson",
    ".json": "geojson",
}


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
        return export_html.page_languages(text)
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
        choices=export.FORMATS,
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
        "--table", choices=(*export.TABLES, "all"), default=None,
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
    fmt = _SUFFIXES.get(args.out.suffix.lower())
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
        text, shown = export.page_in(
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
        text = export.table_csv(dataset, table, args.first, args.last)
        rows = len(pd.read_csv(io.StringIO(text), dtype=str))
        summary = i18n.ngettext("{count} row of {table}", "{count} rows of {table}", rows)
        return text, summary.format(count=_count(rows), table=table)
    tables = export.TABLES if args.table in (None, "all") else (args.table,)
    document = export.events_geojson(dataset, args.first, args.last, tables)
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
