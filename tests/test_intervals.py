"""The frames document on the wire: per-frame lists stored once, expanded to the same lists.

``kr_map.intervals.pack`` stores each frame list's items once with the runs of frames that
list them; ``unpack`` (Python) and ``core/intervals.js`` (the player) must give back every
frame's lists, in their order.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest

from kr_map import frames, intervals

from .conftest import ROOT


def test_items_are_stored_once_with_the_runs_of_frames_listing_them():
    packed = intervals.pack_lists([["a", "b"], ["a", "b"], ["b"], [], ["a"]])
    assert packed == {"items": ["a", "b"], "spans": [[0, 1, 4, 4], [0, 2]], "own": {}}


def test_each_frames_order_is_kept_by_one_common_order():
    lists = [["x", "z"], ["y", "z"], ["x", "y", "z"], ["w", "y"]]
    packed = intervals.pack_lists(lists)
    assert packed["own"] == {}
    assert intervals.unpack_lists(packed, len(lists)) == lists


def test_frames_that_disagree_on_an_order_keep_their_own_lists():
    lists = [["a", "b"], ["b", "a"], ["a"]]
    packed = intervals.pack_lists(lists)
    assert list(packed["own"]) == ["1"]
    assert intervals.unpack_lists(packed, 3) == lists


def test_the_bundled_document_packs_and_unpacks_to_itself(dataset):
    document = frames.frames_document(dataset)
    wire = json.loads(json.dumps(intervals.pack(document)))
    assert "features" not in wire["frames"][0] and wire["packed"]["version"] == 1
    assert len(json.dumps(wire)) < len(json.dumps(document))
    assert intervals.unpack(wire) == json.loads(json.dumps(document))


def test_unknown_top_level_keys_and_unpacked_documents_pass_through(dataset):
    document = {**frames.frames_document(dataset, 1989, 1989), "story": [{"step": 1}]}
    assert intervals.pack(document)["story"] == [{"step": 1}]
    assert intervals.unpack(document) is document


@pytest.mark.skipif(shutil.which("node") is None, reason="Node runs the player's module")
def test_the_player_expands_the_wire_document_to_the_same_frames(dataset, tmp_path):
    document = frames.frames_document(dataset)
    wire = tmp_path / "wire.json"
    wire.write_text(json.dumps(intervals.pack(document)), encoding="utf-8")
    module = ROOT / "src" / "kr_map" / "assets" / "core" / "intervals.js"
    script = (
        f"import {{ unpackDocument }} from {json.dumps(module.as_uri())};\n"
        'import { readFileSync } from "node:fs";\n'
        f"const doc = unpackDocument(JSON.parse(readFileSync({json.dumps(str(wire))}, 'utf8')));\n"
        "console.log(JSON.stringify({packed: 'packed' in doc, frames: doc.frames}));\n"
    )
    runner = tmp_path / "run.mjs"
    runner.write_text(script, encoding="utf-8")
    result = subprocess.run(["node", str(runner)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    expanded = json.loads(result.stdout)
    assert expanded["packed"] is False
    assert expanded["frames"] == json.loads(json.dumps(document["frames"]))
