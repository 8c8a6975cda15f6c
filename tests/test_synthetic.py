"""The benchmarks' synthetic data holds the rows it names, in the bundled data's shape.

A benchmark at "10k events" must build 10,000 events: the generator writes every row valid
by design (each side named inside its lifetime, each place in its own country) instead of
dropping what the loader rejects.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kr_map.loader import load

from .conftest import ROOT


def _synthetic():
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("events", [60, 1000])
def test_a_synthetic_folder_loads_with_exactly_the_events_it_names(tmp_path: Path, events: int):
    synthetic = _synthetic()
    dataset = load(synthetic.generate(tmp_path / "s", events, check=False))
    counts = synthetic.counts_for(events)
    assert len(dataset.events) == events
    assert len(dataset.control) == counts["control.csv"]
    assert len(dataset.movements) == counts["movements.csv"]
    assert len(dataset.places) == counts["places.csv"]


def test_synthetic_data_has_the_shapes_of_the_bundled_data(tmp_path: Path):
    dataset = load(_synthetic().generate(tmp_path / "s", 1000, check=False))
    control, events, moves = dataset.control, dataset.events, dataset.movements
    claims = set(control["start_claim"])
    assert {"change", "held", "again"} <= claims  # changes of hands, runs of holders
    assert control.groupby("place_id").size().mean() > 1.5
    assert {"stated", "inferred"} <= set(control["basis"])
    assert control["until"].notna().any()
    assert set(events["precision"]) == {"day", "month", "season", "year", "range"}
    assert (events["place_id"].fillna("") == "").mean() > 0.3  # events with no place
    assert (moves["to_place"].fillna("") == "").mean() > 0.3  # no named destination
    assert (moves["toward_place"].fillna("") != "").any()
    assert len(dataset.camps) > 0
