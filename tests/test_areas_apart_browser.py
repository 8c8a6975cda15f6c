"""A large dataset's map comes first and its areas of control after (kr_map/areas_apart.py,
core/apart.js): meanwhile the legend says they are still being drawn; once they come, the
frame shows the areas a whole build shows; areas made for another document are refused,
and the legend says they could not be loaded."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator

import pytest

from kr_map import areas_apart, frames

from .browser import StreamlitServer

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

AREAS = "**/frames-*-areas-*.json*"  # and its gzip copy
AREAS_ON_MAP = """() => Object.keys(krPlayer.onMap)
  .filter((i) => krPlayer.doc.features[i].type === "area").length"""


@pytest.fixture(scope="module")
def apart_server(chromium_path, tmp_path_factory) -> Iterator[StreamlitServer]:
    """The app with the bundled data counted as large: its map comes before its areas."""
    folder = tmp_path_factory.mktemp("apart")
    env = {areas_apart.APART_ENV: "0", "KR_MAP_CACHE_DIR": str(folder / "cache")}
    server = StreamlitServer(folder / "server.log", env=env)
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def tab(chromium, apart_server):
    opened = chromium.new_page(apart_server)
    try:
        yield opened
    finally:
        opened.page.context.close()


def legend_text(tab) -> str:
    return tab.map.locator(".krp-legend").text_content() or ""


def test_the_map_shows_first_and_its_areas_join_it_when_they_come(tab, dataset):
    let_through = threading.Event()
    asked: list[str] = []

    def hold(route) -> None:  # the areas are "still being made" until the test lets them be
        asked.append(route.request.url)
        if let_through.is_set():
            route.continue_()
        else:
            route.fulfill(status=404, body="not yet")

    tab.page.route(AREAS, hold)
    tab.open({"year": "1989"}, frame="1989")
    tab.map.locator(".krp-legend").get_by_text("still being drawn").wait_for()
    assert tab.map_frame().evaluate(AREAS_ON_MAP) == 0
    assert tab.map.locator(".krp-shell").get_attribute("data-areas") is None
    for _ in range(100):  # the route's handler runs while Playwright waits
        if asked:
            break
        tab.page.wait_for_timeout(100)
    let_through.set()
    tab.map.locator('.krp-shell[data-areas="joined"]').wait_for(state="attached")
    assert len(asked) >= 2, "the player asked again after a 404"
    assert "still being drawn" not in legend_text(tab)
    assert "area: source states it" in legend_text(tab)
    whole = frames.frames_document(dataset)
    (frame,) = [f for f in whole["frames"] if f["key"] == "1989"]
    areas = [i for i in frame["features"] if whole["features"][i]["type"] == "area"]
    assert tab.map_frame().evaluate(AREAS_ON_MAP) == len(areas) > 0
    tab.player("player.show(player.find('1990'));")  # another frame has its areas too
    tab.wait_for_frame("1990")
    (later,) = [f for f in whole["frames"] if f["key"] == "1990"]
    expected = [i for i in later["features"] if whole["features"][i]["type"] == "area"]
    assert tab.map_frame().evaluate(AREAS_ON_MAP) == len(expected)
    tab.assert_healthy()


def test_areas_made_for_another_document_are_refused_and_the_legend_says_so(tab):
    other = {
        "areasPart": 1,
        "featureBase": 1,
        "cardBase": 0,
        "features": [],
        "cards": [],
        "frames": [],
    }
    tab.page.route(AREAS, lambda route: route.fulfill(status=200, body=json.dumps(other),
                                                      content_type="application/json"))  # fmt: skip
    tab.open({"year": "1989"}, frame="1989")
    tab.map.locator('.krp-shell[data-areas="failed"]').wait_for(state="attached")
    assert "could not be loaded" in legend_text(tab)
    assert tab.map_frame().evaluate(AREAS_ON_MAP) == 0
    tab.assert_healthy()


@pytest.mark.parametrize("lang", ["en", "km"])
@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)])
def test_on_the_wall_the_folded_legend_says_the_zones_are_still_being_drawn(tab, size, lang):
    tab.page.route(AREAS, lambda route: route.fulfill(status=404, body="not yet"))
    tab.page.set_viewport_size({"width": size[0], "height": size[1]})
    tab.open({"year": "1989", "mode": "present", "lang": lang}, frame="1989")
    legend = tab.map.locator(".krp-legend")
    assert legend.get_attribute("open") is None  # folded: its one line is what the room reads
    waiting = legend.locator(":scope > summary .krp-waiting")
    waiting.wait_for()
    if lang == "en":
        assert waiting.text_content() == "zones still being drawn"
    # The line says that alone, whole, on one line, in the room's size of text.
    fits = waiting.evaluate(
        """(n) => { const line = n.parentNode, own = n.getBoundingClientRect(),
                    box = line.getBoundingClientRect(), style = getComputedStyle(n);
          return { whole: line.scrollWidth <= line.clientWidth + 1 && own.right <= box.right + 1,
                   lines: Math.round(own.height / parseFloat(style.lineHeight)),
                   font: parseFloat(style.fontSize),
                   chips: [...line.children].filter((c) => c !== n && c.getClientRects().length).length }; }"""
    )
    assert fits["whole"] and fits["lines"] == 1 and fits["chips"] == 0, fits
    assert fits["font"] >= 24
    legend_row = legend.evaluate(
        "(n) => { const r = n.parentNode; return r.scrollHeight <= r.clientHeight + 1; }"
    )
    assert legend_row, "the legend's row is cut"
    assert tab.map_frame().evaluate(AREAS_ON_MAP) == 0
    tab.screenshot(f"wall-areas-coming-{lang}-{size[0]}")
    tab.assert_healthy()
