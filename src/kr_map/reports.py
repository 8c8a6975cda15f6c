"""What the player tells the server when the user lets go, read as untrusted input.

The browser sends a small JSON value (``{"frame": "1989-10", "layers": [...],
"factions": [...], "revealed": null}``, or ``{"story": 1}`` from story keys).
:func:`read_report` keeps only what is well formed and known; anything else
is dropped, never raised.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Report:
    """A player's report, cleaned: each field None when absent or not acceptable."""

    frame: str | None = None
    revealed: str | None = None
    layers: tuple[str, ...] | None = None
    factions: tuple[str, ...] | None = None
    story_step: int | None = None  # -1 or +1: the story keys were pressed


def _known(value: Any, allowed: Sequence[str]) -> tuple[str, ...] | None:
    if not isinstance(value, list):
        return None
    chosen = {item for item in value if isinstance(item, str)}
    return tuple(name for name in allowed if name in chosen)


def read_report(
    value: Any, frame_keys: Sequence[str], layers: Sequence[str], factions: Sequence[str]
) -> Report:
    """Return the acceptable parts of a report from the player."""
    if not isinstance(value, dict):
        return Report()
    story = value.get("story")
    if story in (-1, 1) and not isinstance(story, bool):
        return Report(story_step=story)
    keys = set(frame_keys)
    frame = value.get("frame")
    revealed = value.get("revealed")
    return Report(
        frame=frame if isinstance(frame, str) and frame in keys else None,
        revealed=revealed if isinstance(revealed, str) and revealed in keys else None,
        layers=_known(value.get("layers"), layers),
        factions=_known(value.get("factions"), factions),
    )
