"""A frame reached by stepping shows what the same frame shows when the page opens on it
(issue 22): the switch moves only what changed (the panel's cards, the legend, the areas'
order under the rest, the address written once the frames stop), and nothing it leaves in
place may differ from a page built fresh."""

from __future__ import annotations

import pytest

from .browser import open_player_page

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

# What the reader sees of a frame: the panel's headings and cards in order, the legend's
# text, and the areas on the map bottom first (each by its class and colours), with whether
# every area lies under every other path of the features (the government's shade aside).
SEEN = """() => {
  const panel = [...document.querySelectorAll('.krp-panel .krp-events > *')].filter((n) => !n.hidden)
    .map((n) => (n.tagName === 'H3' ? `h3 ${n.textContent}` : `${n.dataset.event} ${n.className}`));
  const legend = document.querySelector('.krp-legend-body').innerText;
  const paths = [...document.querySelectorAll('.leaflet-overlay-pane path')]
    .filter((p) => !p.classList.contains('krp-government'));
  const isArea = (p) => p.classList.contains('krp-area');
  const areas = paths.filter(isArea)
    .map((p) => [p.getAttribute('class'), p.getAttribute('stroke'), p.getAttribute('fill')].join(' '));
  const firstOther = paths.findIndex((p) => !isArea(p));
  const under = firstOther < 0 || paths.slice(firstOther).every((p) => !isArea(p));
  return { frame: document.querySelector('.krp-shell').dataset.frame, panel, legend, areas, under };
}"""

STEP_THROUGH = """async ([from, to]) => {
  const p = window.krPlayer;
  const painted = () => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
  for (let i = from; i <= to; i += 1) { p.show(i); await painted(); }
}"""


def frame_address(key: str) -> str:
    year, _, month = key.partition("-")
    return f"#year={year}&month={int(month)}" if month else f"#year={year}"


def test_frames_stepped_to_show_what_they_show_when_opened_on(chromium, exported):
    context = chromium.browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page, errors = open_player_page(context, exported.as_uri() + "#year=1985")
        keys = page.evaluate("() => window.krPlayer.frames.map((f) => f.key)")
        stepped = {}
        start = keys.index("1985")
        for key in ("1989-10", "1990", "1993-05"):  # Pailin changes hands; areas come and go
            page.evaluate(STEP_THROUGH, [start, keys.index(key)])
            start = keys.index(key)
            stepped[key] = page.evaluate(SEEN)
            # Written once the frames stop changing, with no settle asked for.
            page.wait_for_function("(a) => location.hash.includes(a)", arg=frame_address(key)[1:])
        fresh = {}
        for key in stepped:
            opened, more_errors = open_player_page(context, exported.as_uri() + frame_address(key))
            fresh[key] = opened.evaluate(SEEN)
            errors += more_errors
            opened.close()
    finally:
        context.close()
    for key, seen in stepped.items():
        assert seen["frame"] == key
        assert seen["panel"] == fresh[key]["panel"], key
        assert seen["legend"] == fresh[key]["legend"], key
        assert seen["areas"] == fresh[key]["areas"], key
        assert seen["under"] and fresh[key]["under"], key
    assert any(seen["areas"] for seen in stepped.values()), "no frame stepped to shows areas"
    assert not errors
