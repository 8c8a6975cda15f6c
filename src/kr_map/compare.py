"""Compare mode's holdings at every frame's end, as data from which the export lists changes.

The app lists one pair's changes on the server (:func:`kr_map.page.change_records`, on
:func:`kr_map.model.changes_between`). The one-file export has no server, and any two of
its frames can be compared, so it carries what the list is made from: frames with the
same holdings at their end share one *state*; each state is the list of its holdings
(a place, its holder, and the date, quote and source of the holding shown), each holding
worded once here in the page's language. The browser compares the two states asked for
(``core/changes.js``) by the app's rule: a place whose holder differs, with the date,
quote and source of the later map's holding. The document grows with the states and
their holdings, not with pairs of states; ``tests/test_compare_js.py`` checks the
browser's list against :func:`kr_map.page.change_records` for every pair of frames.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from kr_map import dates, i18n, model, page, wording
from kr_map.frames import ValueTable, period_of
from kr_map.i18n import _
from kr_map.loader import Dataset
from kr_map.timeline import Frame

# What a holding at a period's end is made of, as far as the list of changes can tell.
_HOLDING = ("place_id", "faction_id", "since", "precision", "seed", "quote")


class _States:
    """The distinct holdings at the frames' ends: per state, the row shown at each place."""

    def __init__(self, dataset: Dataset, frames: Sequence[Frame]) -> None:
        every = model.Frames(dataset, [period_of(f) for f in frames])
        self.rows = every.control.to_dict("records")
        holding = [tuple(str(r[c]) for c in _HOLDING) for r in self.rows]
        self.places = sorted({str(r["place_id"]) for r in self.rows})
        column = {p: k for k, p in enumerate(self.places)}
        self.row_place = np.array([column[str(r["place_id"])] for r in self.rows], np.int64)
        self.factions = sorted({str(r["faction_id"]) for r in self.rows})
        index: dict[tuple, int] = {}
        self.state: dict[str, int] = {}
        self.shown: list[np.ndarray] = []  # per state: the rows shown, in the places' order
        for i, frame in enumerate(frames):
            shown = np.flatnonzero(every.shown[i])[::-1]
            _places, first = np.unique(self.row_place[shown], return_index=True)
            kept = shown[first]  # the last row of each place, as drop_duplicates keeps
            key = tuple(sorted(holding[r] for r in kept))
            if key not in index:
                index[key] = len(self.shown)
                self.shown.append(kept)
            self.state[frame.key] = index[key]


def _holding(row: dict, place: int, holder: int, sources: dict | None) -> dict[str, Any]:
    """Return one holding as compare lists it: place and holder by number, the rest words."""
    return {
        "place": place,
        "holder": holder,
        "since": dates.describe_in(str(row["since"]), "", str(row["precision"]), i18n.current()),
        "quote": str(row["quote"]),
        "source": page.credit(str(row["seed"]), sources),
    }


def compare_document(
    dataset: Dataset, frames: Sequence[Frame], sources: dict[str, Any] | None
) -> dict[str, Any]:
    """Return every frame's holdings at its end, each distinct set of holdings stored once.

    ``{"state": {frame key: state}, "states": [[holding, ...] for each state],
    "holdings": [{place, holder, since, quote, source}], "places": [name],
    "holders": [name]}``: a state lists its holdings in the places' order (each place at
    most once); a holding's ``place`` and ``holder`` index ``places`` and ``holders``
    (holder 0 is the words for no holder). The words are the current language's (plain
    text, quotes verbatim); :func:`kr_map.page.change_records` is the rule the browser
    applies to two states.
    """
    states = _States(dataset, frames)
    holder_code = {f: k + 1 for k, f in enumerate(states.factions)}
    holdings = ValueTable()
    made = np.full(len(states.rows), -1, np.int64)  # per row: its holding (-1: none yet)
    for row in sorted({int(r) for shown in states.shown for r in shown}):  # each row once
        record = states.rows[row]
        holder = holder_code[str(record["faction_id"])]
        made[row] = holdings.add(_holding(record, int(states.row_place[row]), holder, sources))
    no_holder = _(page.NO_HOLDER)
    return {
        "state": states.state,
        "states": [made[shown].tolist() for shown in states.shown],
        "holdings": holdings.values,
        "places": [str(dataset.places.loc[p, "name"]) for p in states.places],
        "holders": [
            no_holder,
            *(wording.holder_name(f, dataset.factions) or no_holder for f in states.factions),
        ],
    }
