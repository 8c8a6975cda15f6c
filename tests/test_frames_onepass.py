"""The one-pass frames document says exactly what the frame-by-frame builder said (issue 22).

:mod:`kr_map.frames_reference` is the builder before issue 22: a full state and every
feature per frame. The one-pass builder must give the same document, frame for frame, on
the bundled data and on the benchmarks' synthetic data at a few sizes.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from kr_map import frames, frames_reference, model
from kr_map.loader import load

from .conftest import ROOT


def _synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _same(new: dict, old: dict) -> None:
    assert new.keys() == old.keys()
    for key in old:
        if key == "frames":
            assert len(new["frames"]) == len(old["frames"])
            for mine, theirs in zip(new["frames"], old["frames"], strict=True):
                assert mine == theirs, f"frame {theirs['key']} differs"
        else:
            assert json.dumps(new[key], sort_keys=True) == json.dumps(old[key], sort_keys=True), key


def test_one_pass_document_equals_the_frame_by_frame_one_on_the_bundled_data(dataset):
    _same(frames.frames_document(dataset), frames_reference.frames_document(dataset))


def test_one_pass_document_equals_it_for_a_few_years(dataset):
    _same(
        frames.frames_document(dataset, 1988, 1990),
        frames_reference.frames_document(dataset, 1988, 1990),
    )


@pytest.mark.parametrize("events", [60, 400])
def test_one_pass_document_equals_it_on_synthetic_data(tmp_path: Path, events: int):
    data = _synthetic().generate(tmp_path / "synthetic", events, n_places=events * 3)
    dataset = load(data)
    new = frames.frames_document(dataset)
    _same(new, frames_reference.frames_document(dataset))
    assert len(new["features"]) > 20 and len(new["frames"]) > 21  # the data draws something


def test_states_of_every_frame_at_once_equal_state_at(dataset):
    periods = [frames.period_of(f) for f in frames.frame_sequence(dataset)]
    every = model.Frames(dataset, periods)
    for i, period in enumerate(periods):
        mine, theirs = every.state(i), model.state_at(dataset, period)
        assert mine.government == theirs.government
        for part in ("control", "events", "movements", "camps"):
            a, b = getattr(mine, part), getattr(theirs, part)
            assert list(a.index) == list(b.index), (period.key, part)
            assert a.astype(str).equals(b.astype(str)), (period.key, part)


def test_the_event_lists_follow_their_rules_in_every_frame(dataset):
    """events: start dated in the frame; ongoing: started before it, latest start first and
    equal starts in table order; sometime: the rest (said here with pandas, once)."""
    for frame in frames.frame_sequence(dataset):
        state = model.state_at(dataset, frames.period_of(frame))
        events, period = state.events, state.period
        begun = events["start_t1"] < period.t0
        dated = (events["t0"] >= period.t0) & (events["start_t1"] <= period.t1)
        latest = events[begun].sort_values("t0", ascending=False, kind="stable")
        assert frames.frame_events(state) == {
            "events": list(events.loc[dated, "event_id"]),
            "ongoing": list(latest["event_id"]),
            "sometime": list(events.loc[~begun & ~dated, "event_id"]),
        }, frame.key


def _area(geometry: dict, tip: str = "Pailin") -> dict:
    return {"type": "area", "status": "stated", "tip": tip, "geometry": geometry}


def test_the_value_table_stores_an_area_once_whatever_object_carries_its_geometry():
    """Areas are keyed by their polygons' JSON written once per polygon object: the same
    outline in a new object is the same value, another outline or another tip is not."""
    ring = [[102.5, 12.8], [102.7, 12.8], [102.7, 12.9], [102.5, 12.8]]
    other = [[103.5, 13.8], [103.7, 13.8], [103.7, 13.9], [103.5, 13.8]]
    table = frames.ValueTable()
    first = table.add(_area({"type": "MultiPolygon", "coordinates": [[ring], [other]]}))
    same = {"type": "MultiPolygon", "coordinates": [[list(ring)], [list(other)]]}
    assert table.add(_area(same)) == first
    assert table.add(_area({"type": "Polygon", "coordinates": [ring]})) != first
    assert table.add(_area({"type": "MultiPolygon", "coordinates": [[other], [ring]]})) != first
    assert table.add(_area(same, tip="Pailin and Anlong Veng")) != first
    assert len(table.values) == 4
