"""Compare in the one-file export: the holdings it carries, and the lists the browser makes
from them (``core/changes.js``), which must be the app's lists (:func:`page.change_records`)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kr_map import compare, frames, i18n, model, page
from kr_map.timeline import Frame

ROOT = Path(__file__).resolve().parents[1]
CHANGES_JS = ROOT / "src" / "kr_map" / "assets" / "core" / "changes.js"
needs_node = pytest.mark.skipif(
    shutil.which("node") is None, reason="Node runs the player's module"
)

# Node reads the compare document and pairs of frame keys, each with the list expected or
# without one; it prints how many pairs it checked, the first pairs whose list differs, and
# the lists of the pairs given without one.
_CHECK = """
import { changesBetween } from %(module)s;
import { readFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
const { compare, pairs } = JSON.parse(readFileSync(%(fixture)s, "utf8"));
const wrong = [];
const lists = [];
let checked = 0;
for (const [left, right, expected] of pairs) {
  const got = changesBetween(compare, left, right);
  if (expected === undefined) {
    lists.push(got);
  } else {
    checked += 1;
    if (!isDeepStrictEqual(got, expected)) wrong.push({ left, right, got, expected });
  }
}
console.log(JSON.stringify({ checked, wrong: wrong.slice(0, 3), lists }));
"""


def browser_check(tmp_path: Path, document: dict, pairs: list) -> dict:
    """Return what Node found with ``core/changes.js``: pairs checked, wrong, lists asked for."""
    fixture, runner = tmp_path / "compare.json", tmp_path / "check.mjs"
    fixture.write_text(json.dumps({"compare": document, "pairs": pairs}), encoding="utf-8")
    names = {"module": json.dumps(CHANGES_JS.as_uri()), "fixture": json.dumps(str(fixture))}
    runner.write_text(_CHECK % names, encoding="utf-8")
    result = subprocess.run(["node", str(runner)], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def sequence(dataset) -> list[Frame]:
    return frames.frame_sequence(dataset)


@pytest.fixture(scope="module")
def holdings(dataset, sequence) -> dict:
    return compare.compare_document(dataset, sequence, dataset.source_records())


@pytest.fixture
def app_lists(dataset, monkeypatch):
    """Return the app's list between two frames; each frame's holdings computed once.

    :func:`model.control_at_end_of` is pure, so remembering it per period changes no
    list; it lets every pair of frames be checked in seconds.
    """
    known: dict[model.Period, object] = {}
    original = model.control_at_end_of

    def remembered(data, period):
        if data is not dataset:
            return original(data, period)
        if period not in known:
            known[period] = original(data, period)
        return known[period].copy()

    monkeypatch.setattr(model, "control_at_end_of", remembered)
    sources = dataset.source_records()

    def listed(left: Frame, right: Frame) -> list[dict[str, str]]:
        return page.change_records(
            dataset, frames.period_of(left), frames.period_of(right), sources
        )

    return listed


def test_every_frame_has_a_state_and_frames_share_states(holdings, sequence):
    assert set(holdings["state"]) == {f.key for f in sequence}
    assert len(holdings["states"]) < len(sequence) / 3, "frames with the same holdings share one"


def test_each_state_holds_each_place_once_in_the_places_order(holdings):
    for state in holdings["states"]:
        places = [holdings["holdings"][h]["place"] for h in state]
        assert places == sorted(set(places))
    every = {h for state in holdings["states"] for h in state}
    assert every == set(range(len(holdings["holdings"]))), "each holding stored once, all used"
    assert holdings["holders"][0] == "no holder recorded"


def test_the_document_carries_holdings_not_a_list_for_every_pair_of_states(holdings):
    assert set(holdings) == {"state", "states", "holdings", "places", "holders"}
    pailin = holdings["places"].index("Pailin")
    october = holdings["states"][holdings["state"]["1989-10"]]
    held = [holdings["holdings"][h] for h in october if holdings["holdings"][h]["place"] == pailin]
    assert holdings["holders"][held[0]["holder"]] == "Khmer Rouge"
    assert held[0]["since"] == "24 Oct 1989"
    assert held[0]["source"] == "“Battle of Pailin”"


@needs_node
def test_the_browser_lists_the_fall_of_pailin_between_september_and_october_1989(
    holdings, tmp_path
):
    listed = browser_check(tmp_path, holdings, [["1989-09", "1989-10"]])["lists"][0]
    pailin = next(change for change in listed if change["place"] == "Pailin")
    assert pailin["after"] == "Khmer Rouge"
    assert pailin["since"] == "24 Oct 1989"
    assert "claimed victory over the city of Pailin" in pailin["quote"]
    assert pailin["source"] == "“Battle of Pailin”"


@needs_node
def test_the_browser_lists_what_the_app_lists_for_every_pair_of_frames(
    holdings, sequence, app_lists, tmp_path
):
    first_of_state: dict[int, Frame] = {}
    for frame in sequence:
        first = first_of_state.setdefault(holdings["state"][frame.key], frame)
        assert app_lists(first, frame) == [], f"{frame.key} differs from {first.key}, its state"
    expected = {
        (a, b): app_lists(first_of_state[a], first_of_state[b])
        for a in first_of_state
        for b in first_of_state
    }
    assert any(len(listed) > 3 for listed in expected.values()), "some pairs list several places"
    pairs = [
        [left.key, right.key, expected[holdings["state"][left.key], holdings["state"][right.key]]]
        for left in sequence
        for right in sequence
    ]
    found = browser_check(tmp_path, holdings, pairs)
    assert (found["checked"], found["wrong"]) == (len(sequence) ** 2, [])


@needs_node
@pytest.mark.parametrize("lang", ["fr", "km"])
def test_a_page_in_another_language_lists_in_it_what_the_app_lists_in_it(
    dataset, sequence, app_lists, tmp_path, lang
):
    with i18n.speaking(lang):
        document = compare.compare_document(dataset, sequence, dataset.source_records())
        by_key = {f.key: f for f in sequence}
        pairs = [
            [a, b, app_lists(by_key[a], by_key[b])]
            for a, b in (("1989-09", "1989-10"), ("1994", "1979"), ("1979", "1999"))
        ]
    assert document["holders"][0] == i18n.gettext_for(lang)(page.NO_HOLDER) != page.NO_HOLDER
    assert any(c["since"] != "" for _a, _b, listed in pairs for c in listed)
    found = browser_check(tmp_path, document, pairs)
    assert (found["checked"], found["wrong"]) == (3, [])
