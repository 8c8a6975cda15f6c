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


def _state_key(held: pd.DataFrame) -> tuple[tuple[str, ...], ...]:
    rows = held.reset_index()
    return tuple(sorted(tuple(str(row[c]) for c in _HOLDING) for _, row in rows.iterrows()))


def changes(
    dataset: Dataset, before: pd.DataFrame, after: pd.DataFrame, sources: dict[str, Any] | None
) -> list[dict[str, str]]:
    """Return the places whose holder differs between two holdings, as the app lists them:
    place, holders before and after, and the date, quote and source of the later holding."""
    records = []
    for place_id in sorted(set(before.index) | set(after.index)):
        was = str(before.loc[place_id, "faction_id"]) if place_id in before.index else ""
        now = str(after.loc[place_id, "faction_id"]) if place_id in after.index else ""
        if was == now:
            continue
        record = {
            "place": str(dataset.places.loc[place_id, "name"]),
            "before": wording.holder_name(was, dataset.factions) or page.NO_HOLDER,
            "after": wording.holder_name(now, dataset.factions) or page.NO_HOLDER,
            "since": "",
            "source": "",
            "quote": "",
        }
        if now:
            row = after.loc[place_id]
            record["since"] = dates.describe(str(row["since"]), "", str(row["precision"]))
            record["source"] = page.credit(str(row["seed"]), sources)
            record["quote"] = str(row["quote"])
        records.append(record)
    return records


def compare_document(
    dataset: Dataset, frames: Sequence[Frame], sources: dict[str, Any] | None
) -> dict[str, Any]:
    """Return the changes of hands between the ends of any two frames, each stored once.

    ``{"state": {frame key: state}, "changes": [[[record index, ...] for each right
    state] for each left state], "records": [{place, before, after, since, quote,
    source}]}``: the list from frame *a* (left map) to frame *b* (right map) is
    ``records[i] for i in changes[state[a]][state[b]]`` (plain text).
    """
    index: dict[tuple, int] = {}
    held: list[pd.DataFrame] = []
    state: dict[str, int] = {}
    for frame in frames:
        holdings = holdings_at_end(dataset, period_of(frame))
        key = _state_key(holdings)
        if key not in index:
            index[key] = len(held)
            held.append(holdings)
        state[frame.key] = index[key]
    records = ValueTable()
    lists = [
        [[records.add(r) for r in changes(dataset, left, right, sources)] for right in held]
        for left in held
    ]
    return {"state": state, "changes": lists, "records": records.values}
