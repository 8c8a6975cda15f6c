"""Compare mode's list of changes of hands, for every pair of frames, as data for the export.

The app lists one pair's changes on the server (:func:`kr_map.page.change_records`, on
:func:`kr_map.model.changes_between`). The one-file export has no server, so every pair
the page could show is listed here. Pairs are few: the holdings at a frame's end change at
a handful of dates, so frames with the same holdings share one *state*; the holdings of
each state come from :func:`kr_map.model.control_at_end_of` once, and each pair of
states is compared by the app's rule (a place whose holder differs; its date, quote and
source those of the later map's holding). ``tests/test_compare.py`` checks every pair
against :func:`kr_map.page.change_records`. The player only looks the lists up
(``views/compare.js``); it never re-derives a change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

from kr_map import dates, model, page, wording
from kr_map.frames import ValueTable, period_of
from kr_map.loader import Dataset
from kr_map.timeline import Frame

# What a holding at a period's end is made of, as far as the list of changes can tell.
_HOLDING = ("place_id", "faction_id", "since", "precision", "seed", "quote")


def holdings_at_end(dataset: Dataset, period: model.Period) -> pd.DataFrame:
    """Return the holding the map shows for each place on the period's last day (one a place)."""
    held = model.control_at_end_of(dataset, period).drop_duplicates("place_id", keep="last")
    return held.set_index("place_id")


class _States:
    """The distinct holdings at the frames' ends: per state, each place's holder and row."""

    def __init__(self, dataset: Dataset, frames: Sequence[Frame]) -> None:
        every = model.Frames(dataset, [period_of(f) for f in frames])
        control = every.control
        self.rows = control.to_dict("records")
        self.holding = [tuple(str(r[c]) for c in _HOLDING) for r in self.rows]
        self.places = sorted({str(r["place_id"]) for r in self.rows})
        column = {p: k for k, p in enumerate(self.places)}
        row_place = np.array([column[str(r["place_id"])] for r in self.rows], dtype=np.int64)
        self.factions = sorted({str(r["faction_id"]) for r in self.rows})
        code = {f: k + 1 for k, f in enumerate(self.factions)}
        row_code = np.array([code[str(r["faction_id"])] for r in self.rows], dtype=np.int64)
        index: dict[tuple, int] = {}
        self.state: dict[str, int] = {}
        self.codes: list[np.ndarray] = []  # per state: the holder's code per place (0: none)
        self.at: list[np.ndarray] = []  # per state: the row shown per place (-1: none)
        for i, frame in enumerate(frames):
            shown = np.flatnonzero(every.shown[i])[::-1]
            _, first = np.unique(row_place[shown], return_index=True)
            kept = shown[first]  # the last row of each place, as drop_duplicates keeps
            key = tuple(sorted(self.holding[r] for r in kept))
            if key not in index:
                index[key] = len(self.codes)
                codes, at = np.zeros(len(self.places), np.int64), np.full(len(self.places), -1)
                codes[row_place[kept]], at[row_place[kept]] = row_code[kept], kept
                self.codes.append(codes)
                self.at.append(at)
            self.state[frame.key] = index[key]


def _record(dataset: Dataset, place: str, was: str, row: dict | None, sources) -> dict[str, str]:
    """Return one change of hands as the app lists it (:func:`kr_map.page.change_records`)."""
    now = "" if row is None else str(row["faction_id"])
    record = {
        "place": str(dataset.places.loc[place, "name"]),
        "before": wording.holder_name(was, dataset.factions) or page.NO_HOLDER,
        "after": wording.holder_name(now, dataset.factions) or page.NO_HOLDER,
        "since": "",
        "source": "",
        "quote": "",
    }
    if row is not None:
        record["since"] = dates.describe(str(row["since"]), "", str(row["precision"]))
        record["source"] = page.credit(str(row["seed"]), sources)
        record["quote"] = str(row["quote"])
    return record


def compare_document(
    dataset: Dataset, frames: Sequence[Frame], sources: dict[str, Any] | None
) -> dict[str, Any]:
    """Return the changes of hands between the ends of any two frames, each stored once.

    ``{"state": {frame key: state}, "changes": [[[record index, ...] for each right
    state] for each left state], "records": [{place, before, after, since, quote,
    source}]}``: the list from frame *a* (left map) to frame *b* (right map) is
    ``records[i] for i in changes[state[a]][state[b]]`` (plain text). The holdings of every
    frame come from :class:`kr_map.model.Frames` in one pass; a pair of states is compared
    on their holders' codes, and each record is worded once.
    """
    states = _States(dataset, frames)
    records = ValueTable()
    names = ["", *states.factions]
    codes, at = np.array(states.codes), np.array(states.at)  # state x place
    width = (len(names), len(states.rows) + 1)  # a change as one number: place, was, row
    known_keys, known_records = np.empty(0, np.int64), np.empty(0, np.int64)
    lists = []
    for left in range(len(codes)):
        rights, places = np.nonzero(codes != codes[left])  # by right state, then place
        was, rows = codes[left][places], at[rights, places]
        keys = (places * width[0] + was) * width[1] + rows + 1
        fresh, first = np.unique(keys[~np.isin(keys, known_keys)], return_index=True)
        for key in fresh[np.argsort(first)]:  # worded in the order they are first listed
            k, rest = divmod(int(key), width[0] * width[1])
            was_code, row = divmod(rest, width[1])
            made = records.add(
                _record(dataset, states.places[k], names[was_code],
                        states.rows[row - 1] if row else None, sources)
            )  # fmt: skip
            at_key = np.searchsorted(known_keys, key)
            known_keys = np.insert(known_keys, at_key, key)
            known_records = np.insert(known_records, at_key, made)
        listed = known_records[np.searchsorted(known_keys, keys)]
        bounds = np.searchsorted(rights, np.arange(1, len(codes)))
        lists.append([part.tolist() for part in np.split(listed, bounds)])
    return {"state": states.state, "changes": lists, "records": records.values}
