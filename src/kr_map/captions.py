"""A frame's caption: its news in one line, every statement from a claim.

A change of hands is named only when a source states it on a date inside the frame; the
frame's battles and movements are counted when dated within it, and those known only
roughly, or under way since earlier, are counted apart ("3 more under way or dated only
roughly"), so a year-only event is never January news.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kr_map import claims, wording
from kr_map.i18n import _, ngettext
from kr_map.model import Period, State

# Counts in a caption, one message per count and form (gettext's plural forms: Khmer has one).
_COUNTED = {
    "changes": lambda n: ngettext(
        "{count} more change of hands", "{count} more changes of hands", n
    ),
    "battles": lambda n: ngettext("{count} battle or attack", "{count} battles or attacks", n),
    "movements": lambda n: ngettext("{count} movement of people", "{count} movements of people", n),
    "events": lambda n: ngettext("{count} recorded event", "{count} recorded events", n),
    "rough": lambda n: ngettext(
        "{count} more under way or dated only roughly",
        "{count} more under way or dated only roughly",
        n,
    ),
}


def _separator() -> str:
    # TRANSLATORS: between the parts of a frame's caption ("Pailin passes to ...; 3 battles").
    return _("; ")


def _counted(what: str, count: int) -> str:
    return _COUNTED[what](count).format(count=wording.number(count))


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
    counts = Counts(
        battles=_dated_within(state.battles, state),
        movements=_dated_within(state.movements, state),
        events=_dated_within(state.events, state),
        rough=len(state.events)
        + len(state.movements)
        - _dated_within(state.events, state)
        - _dated_within(state.movements, state),
    )
    return caption_of(state.period, counts, changes, factions)


@dataclass(frozen=True)
class Counts:
    """What a caption counts in a period: battles, movements and events dated within it, and
    the events and movements under way or dated only roughly (``rough``)."""

    battles: int
    movements: int
    events: int
    rough: int


def caption_of(
    period: Period, counts: Counts, changes: list[claims.Claim], factions: pd.DataFrame
) -> str:
    """Return :func:`caption` of a period from its :class:`Counts` (no table needed)."""
    changes = [c for c in changes if c.within(period.t0, period.t1)]
    parts = [wording.change_sentence(c, factions) for c in changes[:3]]
    if len(changes) > 3:
        parts.append(_counted("changes", len(changes) - 3))
    for within, what in ((counts.battles, "battles"), (counts.movements, "movements")):
        if within:
            parts.append(_counted(what, within))
    label = wording.when(period.label)
    if not parts and counts.events:
        parts.append(_counted("events", counts.events))
    elif not parts:
        parts.append(_("no event dated within {period}").format(period=label))
    if counts.rough:
        parts.append(_counted("rough", counts.rough))
    return _("{period}: {news}.").format(period=label, news=_separator().join(parts))
