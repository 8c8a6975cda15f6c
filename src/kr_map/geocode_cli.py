"""``kr-map geocode`` on the command line: its options, its run, its exit codes.

The geocoding itself (the pure core, the geocoder's policies, the places file) is
:mod:`kr_map.geocode`; this module is the edge that reads the arguments, speaks to the
terminal (control characters from the data escaped) and turns what happened into an exit
code:

- 0: every place that needed coordinates got them (or none needed any);
- 1: the run finished but some places were not found (those found were written);
- 2: nothing was done: the places file is missing or malformed, the geocoding service
  failed or could not be reached, or the file could not be written.
"""

from __future__ import annotations

import argparse
import contextlib
import math
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

from kr_map.geocode import (
    DEFAULT_MIN_DELAY_SECONDS,
    DEFAULT_USER_AGENT,
    PLACES_FILE,
    USER_AGENT_ENV,
    Geocoder,
    GeocodingError,
    geocode_places_file,
    nominatim,
    resolve_user_agent,
)
from kr_map.i18n import _
from kr_map.loader import default_data_dir
from kr_map.terminal import for_terminal


def add_geocode_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the options of ``kr-map geocode`` to ``parser``."""
    parser.add_argument(
        "--data",
        dest="data_dir",
        type=Path,
        default=None,
        metavar="FOLDER",
        help="data folder whose places.csv to fill (default: $KR_MAP_DATA, else the bundled data/)",
    )
    parser.add_argument(
        "--places",
        type=Path,
        default=None,
        metavar="PATH",
        help="a places table anywhere, instead of FOLDER/places.csv",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="look up every place again, replacing coordinates already set "
        "(including hand-entered ones: check the diff)",
    )
    parser.add_argument(
        "--user-agent",
        metavar="TEXT",
        help="who you are, for Nominatim's usage policy, e.g. 'you@example.org' "
        f"(default: ${USER_AGENT_ENV}, else {DEFAULT_USER_AGENT!r})",
    )
    parser.add_argument(
        "--min-delay",
        type=_seconds_at_least_one,
        default=DEFAULT_MIN_DELAY_SECONDS,
        metavar="SECONDS",
        help="seconds between requests; Nominatim allows at most one a second (default: 1.0)",
    )
    parser.add_argument(
        "--dry-run",
        action="store_true",
        help="show what would change, write nothing",
    )
    from kr_map.cli import allow_outside_argument  # cli imports this module

    allow_outside_argument(parser)


def _seconds_at_least_one(text: str) -> float:
    try:
        seconds = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, got {text!r}") from None
    if not (math.isfinite(seconds) and seconds >= 1.0):
        raise argparse.ArgumentTypeError(
            f"must be at least 1 (Nominatim allows one request a second), got {text!r}"
        )
    return seconds


def run_geocode(
    args: argparse.Namespace,
    *,
    geocoder: Geocoder | None = None,
    out: Callable[[str], None] = print,
    err: Callable[[str], None] | None = None,
) -> int:
    """Run ``kr-map geocode`` with parsed ``args``; return the exit code (0, 1 or 2).

    ``geocoder`` replaces Nominatim (tests pass a fake). See the module docstring for
    the exit codes.
    """
    err = err or _print_to_stderr
    user_agent = resolve_user_agent(args.user_agent)
    if geocoder is None:
        if user_agent == DEFAULT_USER_AGENT:
            err(
                _(
                    'note: Nominatim asks who is calling: pass --user-agent "you@example.org" '
                    "or set {variable}"
                ).format(variable=USER_AGENT_ENV)
            )
        geocoder = nominatim(user_agent)
    out, err = _terminal_safe(out), _terminal_safe(err)
    try:
        with _sigterm_as_exit():
            report = geocode_places_file(
                places_path(args),
                geocoder,
                force=args.force,
                min_delay_seconds=args.min_delay,
                dry_run=args.dry_run,
                allow_outside=getattr(args, "allow_outside", False),
                out=out,
            )
    except GeocodingError as error:
        err(_("error: {problem}").format(problem=error))
        return 2
    return 1 if report.not_found else 0


def places_path(args: argparse.Namespace) -> Path:
    """Return the places file to fill: ``--places``, else ``places.csv`` in the data folder.

    The data folder is ``--data``, else ``$KR_MAP_DATA``, else the bundled ``data/``,
    as for every other ``kr-map`` command.
    """
    if args.places is not None:
        return args.places
    return (getattr(args, "data_dir", None) or default_data_dir()) / PLACES_FILE


def _terminal_safe(write: Callable[[str], None]) -> Callable[[str], None]:
    """Return ``write`` with control characters from the data escaped, line by line."""

    def write_safely(text: str) -> None:
        write("\n".join(for_terminal(line) for line in str(text).split("\n")))

    return write_safely


@contextlib.contextmanager
def _sigterm_as_exit() -> Iterator[None]:
    """Turn SIGTERM (``kill``) into SystemExit, so an interrupted write cleans up after itself."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _print_to_stderr(message: str) -> None:
    print(message, file=sys.stderr)
