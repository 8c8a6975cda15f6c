"""A frame's caption: its news in one line, every statement from a claim.

A change of hands is named only when a source states it on a date inside the frame; the
frame's battles and movements are counted when dated within it, and those known only
roughly, or under way since earlier, are counted apart ("3 more under way or dated only
roughly"), so a year-only event is never January news.
"""

from __future__ import annotations

import pandas as pd

from kr_map import claims, wording
from kr_map.model import State


def _plural(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many}"


def _dated_within(table: pd.DataFrame, state: State) -> int:
    """Return how many rows are dated inside the period (counted on the columns' arrays)."""
    first, last = state.period.t0.to_datetime64(), state.period.t1.to_datetime64()
    return int(((table["t0"].to_numpy() >= first) & (table["t1"].to_numpy() <= last)).sum())


def caption(state: State, changes: list[claims.Claim], factions: pd.DataFrame) -> str:
    """Return one line summing up the period: stated changes of hands, then counts.

    A change of hands (``changes``: :func:`kr_map.claims.changes_of_hands`) is named only
    when a source states it on a date inside the period; events and movements are counted
    when dated within the period, and those known only roughly or under way apart.
    """
    period = state.period
    changes = [c for c in changes if c.within(period.t0, period.t1)]
    parts = [wording.change_sentence(c, factions) for c in changes[:3]]
    if len(changes) > 3:
        parts.append(_plural(len(changes) - 3, "more change of hands", "more changes of hands"))
    for table, one, many in (
        (state.battles, "battle or attack", "battles or attacks"),
        (state.movements, "movement of people", "movements of people"),
    ):
        within = _dated_within(table, state)
        if within:
            parts.append(_plural(within, one, many))
    rough = len(state.events) + len(state.movements)
    rough -= _dated_within(state.events, state) + _dated_within(state.movements, state)
    dated = _dated_within(state.events, state)
    if not parts and dated:
        parts.append(_plural(dated, "recorded event", "recorded events"))
    elif not parts:
        parts.append(f"no event dated within {period.label}")
    if rough:
        parts.append(f"{rough} more under way or dated only roughly")
    return f"{period.label}: " + "; ".join(parts) + "."
