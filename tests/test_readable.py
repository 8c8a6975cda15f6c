"""Readable from the back of the room, usable by everyone: presentation scale, labels, axe-core.

At 1280x720 (a projector) and 1440x900, in headless Chromium with the network cut:
no two visible names overlap, every feature of the frame lies inside the map, the
legend is wholly on screen and, in presentation mode, the text is at least 24 px.
axe-core (npm package, injected by Playwright) finds no serious or critical
violation on any mode of the app, inside the map's frame too, nor in the export.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.browser")

from kr_map import cli  # noqa: E402

from .browser import AppPage  # noqa: E402
from .conftest import ROOT  # noqa: E402

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SHOTS = ROOT / "artifacts" / "screens"
FRAMES = ("1979", "1985", "1989-10", "1994-04", "1998")

LAYOUT_JS = """() => {
  const p = window.krPlayer, map = p.map.getContainer().getBoundingClientRect();
  const visible = (e) => getComputedStyle(e).visibility !== "hidden" && e.offsetParent !== null;
  const labels = [...document.querySelectorAll(".krp-label")].filter(visible)
    .map((e) => ({ text: e.textContent, box: e.getBoundingClientRect().toJSON() }));
  const overlaps = [];
  labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => {
    if (a.box.left < b.box.right - 1 && b.box.left < a.box.right - 1 &&
        a.box.top < b.box.bottom - 1 && b.box.top < a.box.bottom - 1) overlaps.push([a.text, b.text]);
  }));
  // Far-off ends of a movement (Tonkin) lie outside the action the map frames: the arrow
  // points there. Everything inside the action's bounds must be on screen: the document's
  // whole action, or in presentation the frame's own (issue 17: framed on its focus).
  const focus = document.querySelector(".krp-present") && p.frames[p.index].focus;
  const [[s, w], [n, e]] = focus || p.doc.bounds;
  const near = (ll) => ll && ll[0] >= s && ll[0] <= n && ll[1] >= w && ll[1] <= e;
  const outside = Object.keys(p.onMap).map((i) => p.doc.features[i])
    .filter((f) => near(f.ll || f.to)).map((f) => p.map.latLngToContainerPoint(f.ll || f.to))
    .filter((pt) => pt.x < 0 || pt.y < 0 || pt.x > map.width || pt.y > map.height).length;
  // the legend's box, cut to what its scrolling panel (or the window) lets be seen
  const legend = document.querySelector(".krp-legend").getBoundingClientRect();
  const panel = document.querySelector(".krp-legend").closest(".krp-panel");
  const seen = panel ? panel.getBoundingClientRect() : { top: 0, bottom: innerHeight };
  const size = (selector) => Math.min(...[...document.querySelectorAll(selector)].filter(visible)
    .map((e) => parseFloat(getComputedStyle(e).fontSize)));
  const caption = document.querySelector(".krp-caption");
  return { overlaps, outside, captionCut: caption.scrollHeight > caption.clientHeight + 1,
           legendOnScreen: legend.top >= Math.max(0, seen.top) - 1 &&
           legend.bottom <= Math.min(innerHeight, seen.bottom) + 1 &&
           legend.left >= 0 && legend.right <= innerWidth + 1,
           sizes: { labels: size(".krp-label"), legend: size(".krp-legend li > span:last-child"),
                    years: size(".krp-year"), caption: size(".krp-caption"), date: size(".krp-date") } };
}"""


def axe_violations(frame) -> list[str]:
    frame.evaluate(AXE.read_text(encoding="utf-8"))
    result = frame.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes'][:3]]}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize(
    ("viewport", "mode"),
    [((1280, 720), "explore"), ((1440, 900), "explore"), ((1280, 720), "present")],
)
def test_every_frame_has_no_overlapping_names_and_every_feature_in_the_map(
    app: AppPage, viewport, mode
):
    app.page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
    app.open({"year": "1979", "mode": mode}, frame="1979")
    count = app.player("return player.frames.length;")
    for index in range(count):
        app.player("player.show(arg);", index)
        layout = app.map_frame().evaluate(LAYOUT_JS)
        key = app.frame_key()
        assert layout["overlaps"] == [], f"{key}: names overlap {layout['overlaps']}"
        assert layout["outside"] == 0, f"{key}: {layout['outside']} markers outside the map"
        assert not layout["captionCut"], f"{key}: the caption is cut short"


@pytest.mark.parametrize("key", FRAMES)
def test_presentation_mode_reads_at_24_px_with_the_whole_legend_on_screen(app: AppPage, key):
    year, _, month = key.partition("-")
    query = {"mode": "present", "year": year} | ({"month": str(int(month))} if month else {})
    app.open(query, frame=key)
    layout = app.map_frame().evaluate(LAYOUT_JS)
    assert layout["legendOnScreen"]
    assert not layout["captionCut"]
    assert layout["overlaps"] == []
    for part, size in layout["sizes"].items():
        assert size >= 24, f"{part}: {size} px in presentation mode"
    SHOTS.mkdir(parents=True, exist_ok=True)
    app.page.screenshot(path=str(SHOTS / f"present-{key}.png"))


@pytest.mark.parametrize(
    "query",
    [{"year": "1989", "month": "10"}, {"mode": "present", "year": "1994"},
     {"mode": "story", "story": "2"}, {"mode": "compare", "year": "1988", "compare": "1990"},
     {"mode": "predict", "year": "1985"}],
)  # fmt: skip
def test_axe_finds_no_serious_violation_in_any_mode(app: AppPage, query):
    app.open(query, frame=None)
    app.wait_for_frame()
    found = axe_violations(app.page.main_frame) + axe_violations(app.map_frame())
    assert found == []


@pytest.fixture(scope="module")
def three_languages(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("axe") / "kr-map.html"
    assert cli.main(["export", str(out), "--lang", "en,km,fr"]) == 0
    return out


@pytest.mark.parametrize(
    ("lang", "mode"),
    [("en", "explore"), ("km", "explore"), ("km", "story"), ("km", "compare"), ("km", "predict"),
     ("km", "quiz"), ("fr", "explore"), ("fr", "compare")],
)  # fmt: skip
def test_axe_finds_no_serious_violation_in_the_export(chromium, three_languages, lang, mode):
    """In every language: a Khmer button's hint, worded apart from the button's own words
    (Khmer writes no spaces between them), once named it, and a voice user could not say
    what was written on it (axe's label-content-name-mismatch, WCAG 2.5.3)."""
    context = chromium.browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        page = context.new_page()
        page.goto(three_languages.as_uri() + f"#year=1989&month=10&lang={lang}&mode={mode}")
        page.wait_for_selector(".krp-shell[data-ready=true]", state="attached")
        if mode == "explore":  # the quiz's box open in the panel
            page.click(".krp-quiz-start")
        assert axe_violations(page.main_frame) == []
        assert page.locator("main").count() == 1  # compare's second map is a region
    finally:
        context.close()


def test_a_phone_shows_the_date_the_slider_and_the_map(app: AppPage):
    app.page.set_viewport_size({"width": 390, "height": 844})
    app.open({"year": "1989", "month": "10"}, frame="1989-10")
    frame = app.map_frame()
    boxes = frame.evaluate(
        """() => ["krp-date", "krp-slider", "leaflet-container"].map((c) => {
          const r = document.querySelector("." + c).getBoundingClientRect();
          return { c, w: r.width, h: r.height, left: r.left, right: r.right }; })"""
    )
    for box in boxes:
        assert box["w"] > 100 and box["h"] > 10 and box["left"] >= 0, box
