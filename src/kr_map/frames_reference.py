"""The frames document built frame by frame, as before issue 22: the reference for checks.

:func:`frames_document` computes a full :func:`kr_map.model.state_at` and every feature of
every frame from scratch. :func:`kr_map.frames.frames_document` builds the same document in
one pass; ``tests/test_frames_onepass.py`` checks that both agree, and
``benchmarks/bench_scale.py`` times both in one run. Nothing else uses this module.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kr_map import charts, claims, model, scene
from kr_map import frames as onepass
from kr_map.land import Land
from kr_map.loader import Dataset, borders_beside


class PlainTable(onepass.ValueTable):
    """A value table that builds every card each time it is asked, as before issue 22 (so the
    one-pass builder's cards-once-per-row is checked against cards built every time)."""

    def add_once(self, key: Any, build) -> int:
        """Return the index of ``build()``'s value, built again whatever ``key`` says."""
        return self.add(build())


def _frame_entry(state: model.State, frame, dataset: Dataset, context) -> dict[str, Any]:
    features, cards, land, changes = context
    shown = [features.add(f) for f in scene.frame_features(state, dataset.factions, cards, land)]
    return onepass.frame_entry(state, frame, dataset, shown, cards, changes)


def strip_data(dataset: Dataset, periods: Sequence[model.Period]) -> dict[str, Any]:
    """Return the event strip, one :func:`kr_map.charts.strip_counts` per frame."""
    counts = []
    for period in periods:
        by_kind = charts.strip_counts(dataset, period)
        counts.append([n for kind, _ in charts.STRIP_KINDS for n in by_kind[kind]])
    return {
        "kinds": [{"id": kind, "title": title} for kind, title in charts.STRIP_KINDS],
        "counts": counts,
    }


def frames_document(
    dataset: Dataset,
    first: int = model.FIRST_YEAR,
    last: int = model.LAST_YEAR,
    borders: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Return the frames document built frame by frame (the builder before issue 22)."""
    borders = borders if borders is not None else borders_beside(dataset.data_dir)
    land = Land(dataset.places, borders)
    features, cards = onepass.ValueTable(), PlainTable()
    context = (features, cards, land, claims.changes_of_hands(dataset.control))
    frames, periods = [], []
    for frame in onepass.frame_sequence(dataset, first, last):
        period = onepass.period_of(frame)
        state = model.state_at(dataset, period)
        frames.append(_frame_entry(state, frame, dataset, context))
        periods.append(period)
    chart_data = {
        "version": charts.VERSION,
        "periods": [[charts._iso(p.t0), charts._iso(p.t1)] for p in periods],
        "strip": strip_data(dataset, periods),
        "chart": charts.chart_of(dataset, periods, per_frame=True) if periods else None,
    }
    return onepass.assemble(dataset, frames, features, cards, borders, chart_data)
