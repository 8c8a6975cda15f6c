"""The events panel lists a section in chunks and never hides a card without saying so (issue 22).

At 100,000 events a frame holds thousands of cards; each section of the panel lists its first
25 and a button "Show 25 more of N" (core/disclosure.js). Checked in Chromium on a synthetic
folder of 1,000 events (1979-1981: 1980 has 54 news), and on the bundled data for the wall's
rule that a heading never stands alone above "… and N more".
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from kr_map import cli

from .browser import FULL_HD, PROJECTOR, open_player_page
from .conftest import ROOT

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

CHUNK = 25  # core/disclosure.js


@pytest.fixture(scope="module")
def busy_export(tmp_path_factory) -> Path:
    """The export of 1,000 synthetic events, 1979-1981 (a section of more than a chunk)."""
    spec = importlib.util.spec_from_file_location("synthetic", ROOT / "benchmarks" / "synthetic.py")
    synthetic = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(synthetic)
    folder = tmp_path_factory.mktemp("busy")
    data = synthetic.generate(folder / "s", 1000, check=False)
    out = folder / "busy.html"
    assert cli.main(["export", str(out), "--data", str(data), "--seeds", str(data.parent / "seeds"),
                     "--from", "1979", "--to", "1981"]) == 0  # fmt: skip
    return out


@pytest.fixture
def opened(chromium):
    """Return a function opening an export at an address and a size, as (page, errors); its
    browser contexts are closed after the test."""
    contexts = []

    def open_at(path: Path, fragment: str, viewport: dict):
        contexts.append(chromium.browser.new_context(viewport=viewport))
        return open_player_page(contexts[-1], path.as_uri() + fragment)

    yield open_at
    for context in contexts:
        context.close()


# The panel as read in order: each shown heading, card (its event) and button; and the frame's
# own lists, filtered as the panel filters them (every faction is on here).
PANEL = """() => {
  const items = [...document.querySelectorAll('.krp-panel .krp-events > *')].filter((n) => n.checkVisibility())
    .map((n) => ({ kind: n.classList.contains('krp-event') ? 'card' : n.tagName === 'H3' ? 'heading'
                     : n.classList.contains('krp-show-more') ? 'button' : n.classList.contains('krp-more') ? 'more' : n.tagName,
                   event: n.dataset.event || null, text: n.textContent,
                   label: n.getAttribute('aria-label') }));
  const p = window.krPlayer;
  const frame = p.frames[p.index];
  return { items, key: frame.key, fresh: frame.events, sometime: frame.sometime || [], ongoing: frame.ongoing,
           focused: document.activeElement && document.activeElement.dataset.event || null };
}"""


def _cards(panel: dict) -> list[str]:
    return [item["event"] for item in panel["items"] if item["kind"] == "card"]


def test_a_long_section_lists_a_chunk_and_a_button_that_says_how_many_are_left(opened, busy_export):
    page, errors = opened(busy_export, "#year=1980", PROJECTOR)
    panel = page.evaluate(PANEL)
    fresh = panel["fresh"]
    assert len(fresh) > 2 * CHUNK  # 54: two presses list them all
    assert _cards(panel)[:CHUNK] == fresh[:CHUNK]
    assert fresh[CHUNK] not in _cards(panel)
    button = page.locator(".krp-show-more").first
    rest = len(fresh) - CHUNK
    assert button.inner_text() == f"Show {CHUNK} more of {rest}"
    assert button.get_attribute("aria-label").startswith(f"Show {CHUNK} more of {rest}")
    assert f"({len(fresh)})" in button.get_attribute("aria-label")  # names its section
    # The keyboard reaches it and presses it; the first card it adds takes the focus.
    button.focus()
    page.keyboard.press("Enter")
    panel = page.evaluate(PANEL)
    assert panel["focused"] == fresh[CHUNK]
    assert _cards(panel)[: 2 * CHUNK] == fresh[: 2 * CHUNK]
    left = len(fresh) - 2 * CHUNK
    assert page.locator(".krp-show-more").first.inner_text() == f"Show {left} more of {left}"
    page.locator(".krp-show-more").first.click()
    panel = page.evaluate(PANEL)
    every = fresh + panel["sometime"] + panel["ongoing"]
    assert _cards(panel) == every, "after the presses the panel lists every card of the frame"
    assert [item["kind"] for item in panel["items"]].count("button") == 0
    assert errors == []


def test_a_switch_starts_the_next_frame_from_its_first_chunk(opened, busy_export):
    page, errors = opened(busy_export, "#year=1980", PROJECTOR)
    page.locator(".krp-show-more").first.click()
    assert len(_cards(page.evaluate(PANEL))) > 2 * CHUNK
    frames = page.evaluate("() => window.krPlayer.frames.map((f) => f.key)")
    page.evaluate("(i) => window.krPlayer.show(i)", frames.index("1981"))
    panel = page.evaluate(PANEL)
    assert panel["key"] == "1981"
    assert _cards(panel)[:CHUNK] == panel["fresh"][:CHUNK]
    assert panel["fresh"][CHUNK] not in _cards(panel)
    page.evaluate("(i) => window.krPlayer.show(i)", frames.index("1980"))
    panel = page.evaluate(PANEL)
    assert panel["fresh"][CHUNK] not in _cards(panel)
    assert errors == []


# A marker's popup names its events; one not listed yet is listed, marked and in view.
POPUP_BEYOND = """(chunk) => {
  const p = window.krPlayer;
  const frame = p.frames[p.index];
  const later = new Set(frame.events.slice(chunk));
  const f = Object.keys(p.onMap).map(Number)
    .find((i) => (p.doc.features[i].events || []).some((id) => later.has(id)));
  if (f === undefined) {
    return null;
  }
  const fire = (l) => (l.eachLayer ? l.eachLayer(fire) : l.fire('popupopen'));
  fire(p.drawn[f]);
  const ids = p.doc.features[f].events.filter((id) => later.has(id));
  return ids.map((id) => {
    const card = document.querySelector(`.krp-events .krp-event[data-event="${id}"]`);
    return card && card.classList.contains('krp-highlight');
  });
}"""


def test_a_popup_lists_its_events_cards_not_listed_yet(opened, busy_export):
    page, errors = opened(busy_export, "#year=1980", PROJECTOR)
    marked = page.evaluate(POPUP_BEYOND, CHUNK)
    assert marked, "a marker of 1980 names an event past the first chunk"
    assert all(marked)
    assert errors == []


def test_on_the_wall_the_cards_not_listed_are_counted_and_no_button_shows(opened, busy_export):
    page, errors = opened(busy_export, "#year=1980&mode=present", FULL_HD)
    page.evaluate("() => document.fonts.ready.then(() => new Promise((done) =>"
                  " requestAnimationFrame(() => requestAnimationFrame(done))))")  # fmt: skip
    panel = page.evaluate(PANEL)
    kinds = [item["kind"] for item in panel["items"]]
    total = len(panel["fresh"]) + len(panel["sometime"]) + len(panel["ongoing"])
    assert "button" not in kinds
    assert kinds[-1] == "more"
    said = int("".join(ch for ch in panel["items"][-1]["text"] if ch.isdigit()))
    assert said == total - kinds.count("card")
    assert errors == []


# The wall's panel in order (visible items only) at each size and date: never a heading
# followed by another heading, by "… and N more", or by nothing.
LONE = """() => {
  const items = [...document.querySelectorAll('.krp-staged .krp-panel .krp-events > *')]
    .filter((n) => n.checkVisibility());
  return items.map((n, i) => (n.tagName === 'H3' && !(items[i + 1] && items[i + 1].classList.contains('krp-event'))
    ? n.textContent : null)).filter(Boolean);
}"""


WALLS = {"1280x720": PROJECTOR, "1920x1080": FULL_HD}


@pytest.mark.parametrize("size", WALLS)
def test_on_the_wall_a_heading_never_stands_without_a_card(opened, exported, size):
    page, errors = opened(exported, "#year=1989&month=10&mode=present", WALLS[size])
    lone = {}
    for year, month in (("1989", "10"), ("1985", ""), ("1994", "04"), ("1998", "")):
        hash_ = (
            f"#year={year}&month={month}&mode=present" if month else f"#year={year}&mode=present"
        )
        page.evaluate("(h) => { location.hash = h; }", hash_)
        key = f"{year}-{month}" if month else year
        page.wait_for_selector(f'.krp-shell[data-frame="{key}"]', state="attached")
        page.evaluate("() => document.fonts.ready.then(() => new Promise((done) =>"
                      " requestAnimationFrame(() => requestAnimationFrame(done))))")  # fmt: skip
        lone[key] = page.evaluate(LONE)
    assert not any(lone.values()), lone
    assert errors == []
