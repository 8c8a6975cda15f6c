"""What the player tells the server when the user lets go, read as untrusted input.

The browser sends a small JSON value (``{"frame": "1989-10", "layers": [...],
"factions": [...], "revealed": null}``, ``{"story": 1}`` from story keys (``"first"`` or
``"last"`` from Home and End), ``{"mode": "story"}`` from a presenter window steering the
map (:mod:`kr_map.presenter`), or ``{"reveal": "next", ...}`` in predict mode). :func:`read_report` keeps only what is
well formed and known; anything else is dropped, never raised.

Before the app sees a value, Streamlit parses the JSON text the browser sent; text
that is not JSON (or too deep, or a number too long to read) would raise there, and
every later run of that session would raise again. :func:`install_report_guard`
makes that parse total: such a value is logged and read as "no value".
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

log = logging.getLogger(__name__)

# A report is under 2 kB; anything much longer is not from the player.
MAX_REPORT_CHARS = 64_000


@dataclass(frozen=True)
class Report:
    """A player's report, cleaned: each field None when absent or not acceptable."""

    frame: str | None = None
    revealed: str | None = None
    layers: tuple[str, ...] | None = None
    factions: tuple[str, ...] | None = None
    story_step: int | None = None  # -1 or +1: the story keys were pressed
    story_end: str | None = None  # "first" or "last": Home or End in a story
    reveal_next: bool = False  # predict mode: the player asks for the next frame
    mode: str | None = None  # a presenter window asks for another mode


def _known(value: Any, allowed: Sequence[str]) -> tuple[str, ...] | None:
    if not isinstance(value, list):
        return None
    chosen = {item for item in value if isinstance(item, str)}
    return tuple(name for name in allowed if name in chosen)


def _key(value: Any, keys: set[str]) -> str | None:
    return value if isinstance(value, str) and value in keys else None


def read_report(
    value: Any,
    frame_keys: Sequence[str],
    layers: Sequence[str],
    factions: Sequence[str],
    modes: Sequence[str] = (),
) -> Report:
    """Return the acceptable parts of a report from the player (``modes``: those it may ask)."""
    if not isinstance(value, dict):
        return Report()
    if "mode" in value:
        return Report(mode=_key(value["mode"], set(modes)))
    story = value.get("story")
    if type(story) is int and story in (-1, 1):
        return Report(story_step=story)
    if isinstance(story, str) and story in ("first", "last"):
        return Report(story_end=story)
    keys = set(frame_keys)
    return Report(
        frame=_key(value.get("frame"), keys),
        revealed=_key(value.get("revealed"), keys),
        layers=_known(value.get("layers"), layers),
        factions=_known(value.get("factions"), factions),
        reveal_next=value.get("reveal") == "next",
    )


def parse_report_text(text: str) -> Any:
    """Return the JSON value a component sent, or None (logged) when it cannot be a report."""
    if len(text) > MAX_REPORT_CHARS:
        log.warning("ignored a component value of %d characters", len(text))
        return None
    try:
        return json.loads(text)
    except (ValueError, RecursionError) as error:  # not JSON, a 5,000-digit number, too deep
        log.warning("ignored a component value that is not JSON: %s", str(error)[:200])
        return None


def install_report_guard() -> None:
    """Make Streamlit's reading of component values total (idempotent).

    Streamlit (``runtime.state.session_state``, checked with 1.67, hence pyproject.toml's
    lower bound) unpacks each widget value with ``unpack_widget_state_value``, which runs
    ``json.loads`` on the text a browser sent. This wraps that one function so JSON values go through
    :func:`parse_report_text`; every other kind of value is unpacked as before.
    ``tests/test_reports.py`` fails if Streamlit moves it.
    """
    from streamlit.runtime.state import session_state

    original = session_state.unpack_widget_state_value
    if getattr(original, "kr_map_guard", False):
        return
    session_state.unpack_widget_state_value = _guarded(original)


def _guarded(original: Callable[[Any], Any]) -> Callable[[Any], Any]:
    def unpack(widget_state: Any) -> Any:
        if widget_state.WhichOneof("value") == "json_value":
            return parse_report_text(widget_state.json_value)
        return original(widget_state)

    unpack.kr_map_guard = True  # type: ignore[attr-defined]
    return unpack
