"""A frame switch costs what changed, not what is shown (issue 22): the layers of the
features two frames share stay on the map, untouched; only the difference is added and
removed."""

from __future__ import annotations

from pathlib import Path

import pytest

from kr_map import cli

from .browser import open_player_page

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

SWITCH = """() => {
  const p = window.krPlayer;
  const shownIn = (i) => new Set(p.frames[i].features);
  let best = null; // the neighbouring frames that share the most features
  for (let i = 0; i + 1 < p.frames.length; i += 1) {
    const a = shownIn(i);
    const shared = [...shownIn(i + 1)].filter((f) => a.has(f)).length;
    if (!best || shared > best.shared) { best = { from: i, shared }; }
  }
  p.show(best.from);
  const before = Object.keys(p.onMap).map(Number);
  const kept = new Map(before.map((f) => [f, p.drawn[f]]));
  const touched = [];
  const note = (e) => touched.push(e.layer);
  p.map.on("layeradd layerremove", note);
  p.show(best.from + 1);
  p.map.off("layeradd layerremove", note);
  const after = Object.keys(p.onMap).map(Number);
  const both = after.filter((f) => kept.has(f));
  const mine = new Map(Object.entries(p.drawn).map(([f, layer]) => [layer, Number(f)]));
  const changed = [...new Set(touched.filter((l) => mine.has(l)).map((l) => mine.get(l)))];
  return {
    both: both.length,
    same: both.filter((f) => p.drawn[f] === kept.get(f)).length,
    changed: changed.sort((x, y) => x - y),
    difference: [...before.filter((f) => !after.includes(f)),
                 ...after.filter((f) => !kept.has(f))].sort((x, y) => x - y),
  };
}"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "kr-map.html"
    assert cli.main(["export", str(out)]) == 0
    return out


def test_a_switch_leaves_the_shared_layers_in_place_and_changes_only_the_rest(chromium, exported):
    context = chromium.browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page, errors = open_player_page(context, exported.as_uri())
        result = page.evaluate(SWITCH)
    finally:
        context.close()
    assert result["both"] > 5, result  # the frames share features on the map
    assert result["same"] == result["both"], "a shared feature's layer was made again"
    assert result["changed"] == result["difference"], "a layer was added or removed needlessly"
    assert not errors
