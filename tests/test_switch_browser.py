"""A frame switch costs what changed, not what is shown (issue 22): the layers of the
features two frames share stay on the map, untouched; only the difference is added and
removed."""

from __future__ import annotations

import pytest

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


# After a switch (the names are placed from one reading of the page: core/namespots.js with
# each name's box measured once per size), every name shown: its box on screen.
SHOWN_NAMES = """async (i) => {
  window.krPlayer.show(i);
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  return [...document.querySelectorAll('.krp-label-place, .krp-label-camp')]
    .filter((label) => !label.classList.contains('krp-label-hidden'))
    .map((label) => { const r = label.getBoundingClientRect();
      return {name: label.textContent, left: r.left, top: r.top, right: r.right, bottom: r.bottom}; });
}"""


def covering(names: list[dict]) -> list[tuple[str, str]]:
    """Return the pairs of names whose boxes overlap (touching edges do not)."""
    return [
        (a["name"], b["name"])
        for k, a in enumerate(names)
        for b in names[k + 1 :]
        if a["left"] < b["right"] and b["left"] < a["right"]
        and a["top"] < b["bottom"] and b["top"] < a["bottom"]
    ]  # fmt: skip


def test_after_any_switch_no_name_shown_covers_another(chromium, exported):
    context = chromium.browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page, errors = open_player_page(context, exported.as_uri())
        count = page.evaluate("() => window.krPlayer.frames.length")
        # Every frame stepped through in order, then jumps back and forth (names met before,
        # now in other company and at other zooms).
        order = [*range(count), 0, count // 2, 5, count - 1, count // 3, 1]
        shown, clashes = 0, {}
        for index in order:
            names = page.evaluate(SHOWN_NAMES, index)
            shown += len(names)
            if covering(names):
                clashes[index] = covering(names)
    finally:
        context.close()
    assert shown > 3 * count, "names are shown"
    assert not clashes, clashes
    assert not errors


# The events panel keeps its cards across frames (views/panel.js): a frame met again lists
# the same cards, in the same order and words, as when it was first shown, and a card marked
# by a popup in one frame is not marked when it is listed again in another.
PANEL_AGAIN = """async ([first, second]) => {
  const p = window.krPlayer;
  const read = () => [...document.querySelectorAll('.krp-panel .krp-events > *')]
    .map((item) => [item.tagName, item.textContent, item.hidden,
                    item.classList.contains('krp-highlight')]);
  p.show(first);
  const before = read();
  const listed = new Set([...document.querySelectorAll('.krp-panel .krp-events .krp-event')]
    .map((card) => card.dataset.event));
  const withEvents = Object.keys(p.onMap).map(Number)
    .find((f) => (p.doc.features[f].events || []).some((id) => listed.has(id)));
  const layer = p.drawn[withEvents];
  const fire = (l) => (l.eachLayer ? l.eachLayer(fire) : l.fire('popupopen'));
  fire(layer); // the marker's popup opened: its cards are marked
  const marked = read().filter((item) => item[3]).length;
  p.show(second);
  const between = read();
  p.show(first);
  return { before, marked, between, again: read() };
}"""


def test_a_frame_met_again_lists_the_same_cards_and_no_mark_from_before(chromium, exported):
    context = chromium.browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page, errors = open_player_page(context, exported.as_uri())
        frames = page.evaluate("() => window.krPlayer.frames.map((f) => f.key)")
        first, second = frames.index("1989"), frames.index("1990")
        seen = page.evaluate(PANEL_AGAIN, [first, second])
    finally:
        context.close()
    cards = [item for item in seen["before"] if item[0] == "ARTICLE"]
    assert len(cards) > 3 and not any(item[3] for item in seen["before"])
    assert seen["again"] == seen["before"]
    assert seen["marked"] >= 1  # the popup marked its cards in the first frame
    assert not any(item[3] for item in seen["between"]), "a mark stayed on a card"
    assert not errors


# Above the map the caption keeps the height of the tallest caption shown, up to three lines
# (views/shell.js, views/steady.js): once every frame has been shown, a step neither resizes
# nor reframes the map, and every caption still shows whole under its date.
STEP_WATCHED = """async (i) => {
  const p = window.krPlayer;
  const seen = [];
  const note = (e) => seen.push(e.type);
  p.map.on("resize zoomend", note);
  p.show(i);
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  p.map.off("resize zoomend", note);
  const caption = document.querySelector(".krp-caption");
  const head = document.querySelector(".krp-head").getBoundingClientRect();
  const map = p.map.getContainer().getBoundingClientRect();
  return { seen, size: [map.width, map.height], whole: caption.scrollHeight <= caption.clientHeight + 1,
    captionBottom: caption.getBoundingClientRect().bottom, headBottom: head.bottom, mapTop: map.top,
    kept: parseFloat(caption.style.minHeight || "0"), captionHeight: caption.getBoundingClientRect().height,
    line: parseFloat(getComputedStyle(caption).lineHeight) };
}"""
NATURAL_CAPTION = """() => {
  const caption = document.querySelector(".krp-caption");
  const kept = caption.getBoundingClientRect().height;
  const style = caption.style.minHeight;
  caption.style.minHeight = "";
  const natural = caption.getBoundingClientRect().height;
  caption.style.minHeight = style;
  return [kept, natural];
}"""


def test_once_every_caption_was_shown_a_step_keeps_the_map_still(chromium, exported):
    context = chromium.browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page, errors = open_player_page(context, exported.as_uri())
        count = page.evaluate("() => window.krPlayer.frames.length")
        first = [page.evaluate(STEP_WATCHED, i) for i in range(count)]
        again = [page.evaluate(STEP_WATCHED, i) for i in [*range(count - 1, -1, -1), 0, count // 2]]
        page.set_viewport_size({"width": 1920, "height": 1080})  # a new width: kept anew
        page.wait_for_timeout(300)
        wider = page.evaluate(NATURAL_CAPTION)
    finally:
        context.close()
    assert any("resize" in step["seen"] for step in first), "some caption is taller than the first"
    assert max(step["kept"] for step in first) <= 3 * first[0]["line"] + 0.5  # at most 3 lines
    assert {tuple(step["size"]) for step in again} == {tuple(again[0]["size"])}
    assert not [step["seen"] for step in again if step["seen"]], "the map was resized or zoomed"
    for step in first + again:
        assert step["whole"] and step["captionBottom"] <= step["headBottom"] <= step["mapTop"] + 1
    assert wider[0] == wider[1], "after a new width the caption is as tall as its own lines"
    assert not errors


def test_a_caption_longer_than_three_lines_takes_room_for_its_own_frame_only(chromium, exported):
    # At 700 px the longest captions run past three lines: the map gives way for those frames
    # and takes its room back after them; the shorter ones leave it still.
    context = chromium.browser.new_context(viewport={"width": 700, "height": 720})
    try:
        page, errors = open_player_page(context, exported.as_uri())
        count = page.evaluate("() => window.krPlayer.frames.length")
        steps = [page.evaluate(STEP_WATCHED, i) for i in [*range(count), *range(count)]]
    finally:
        context.close()
    line = steps[0]["line"]
    second = steps[count:]
    assert max(step["kept"] for step in steps) == pytest.approx(3 * line, abs=0.5)
    longer = [step for step in second if step["captionHeight"] > 3 * line + 0.5]
    assert longer, "some caption runs past three lines at this width"
    still = {step["size"][1] for step in second if step not in longer}
    assert len(still) == 1, "captions of three lines or fewer leave the map one size"
    assert all(step["size"][1] < min(still) for step in longer), "a longer caption takes room"
    assert all(step["whole"] for step in steps)
    assert not errors


# The cards in sight after a switch, and those out of it (player.css: the first screen's cards
# are laid out in the switch; the rest are left to content-visibility until scrolled to).
CARDS_IN_SIGHT = """(i) => {
  krPlayer.show(i);
  const panel = document.querySelector('.krp-panel').getBoundingClientRect();
  const cards = [...document.querySelectorAll('.krp-events > .krp-event')];
  const inSight = (card) => { const r = card.getBoundingClientRect();
    return r.bottom > panel.top && r.top < panel.bottom; };
  const look = (card) => getComputedStyle(card).contentVisibility;
  return { key: krPlayer.frames[i].key, count: cards.length,
           sight: cards.filter(inSight).map(look), beyond: cards.slice(20).map(look) };
}"""


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_the_cards_in_sight_after_a_switch_are_laid_out_in_it(chromium, exported, size):
    context = chromium.browser.new_context(viewport={"width": size[0], "height": size[1]})
    try:
        page, errors = open_player_page(context, exported.as_uri())
        busiest = page.evaluate(
            "() => krPlayer.frames.reduce((best, f, i, all) =>"
            " f.events.length > all[best].events.length ? i : best, 0)"
        )
        page.evaluate("(i) => krPlayer.show(i)", busiest - 1)
        result = page.evaluate(CARDS_IN_SIGHT, busiest)
    finally:
        context.close()
    assert result["count"] > 20, result  # the busiest frame lists more than a screen
    assert result["sight"] and set(result["sight"]) == {"visible"}, result
    assert set(result["beyond"]) == {"auto"}, result  # far down the list: laid out when in sight
    assert not errors
