"""The map explorer in headless Chromium: what a pupil really sees and clicks.

Runs the real app (one Streamlit server per session, see tests/browser.py) with
every request outside the app's own server blocked. Screenshots go to
artifacts/screens/explore-<year>.png.
"""

from __future__ import annotations

import re

import pytest

pytest.register_assert_rewrite("tests.browser")  # before the import: it is also a plugin

from .browser import MAP_IFRAME, SCREENS, AppPage, expect  # noqa: E402
from .conftest import SEEDS  # noqa: E402

pytest_plugins = ["tests.browser"]

SCREENSHOT_YEARS = (1979, 1985, 1989, 1994, 1998)
QUOTE_MARKS = "“”\"'"


def class_id(classes: str | None, prefix: str = "kr-faction-") -> str:
    """Return the id a marker's classes carry ('kr-faction-khmer_rouge' -> 'khmer_rouge')."""
    match = re.search(rf"(?:^|\s){re.escape(prefix)}(\w+)", classes or "")
    assert match, f"no {prefix}<id> class in {classes!r}"
    return match.group(1)


def computed_fill(locator) -> str:
    return locator.evaluate("(path) => getComputedStyle(path).fill")


def rgb(hex_colour: str) -> str:
    """Return '#D55E00' as CSS computes it: 'rgb(213, 94, 0)'."""
    value = hex_colour.lstrip("#")
    red, green, blue = (int(value[i : i + 2], 16) for i in (0, 2, 4))
    return f"rgb({red}, {green}, {blue})"


def words(text: str) -> str:
    """Return text with runs of whitespace made single spaces (quotes may rewrap)."""
    return " ".join(text.split())


def assert_popup_quotes_its_seed(app: AppPage) -> str:
    """Assert the open popup shows a verbatim quote and the seeds/ file it is from; return it."""
    popup = app.map.locator(".leaflet-popup-content")
    quote = popup.locator(".kr-quote").first
    expect(quote).to_be_visible()
    source = popup.locator(".kr-source").first
    expect(source).to_contain_text("seeds/")
    seed = re.search(r"seeds/([\w.-]+\.txt)", source.inner_text())
    assert seed, f"no seeds/<file>.txt in {source.inner_text()!r}"
    seed_text = (SEEDS / seed.group(1)).read_text(encoding="utf-8")
    shown = words(quote.inner_text()).strip(QUOTE_MARKS + " ")
    assert shown and shown in words(seed_text), f"quote not verbatim in seeds/{seed.group(1)}"
    return seed.group(1)


# ------------------------------------------------------------------ the map draws
@pytest.mark.browser
def test_1979_map_draws_control_markers_and_movement_arrows(app: AppPage):
    app.open({"year": "1979"}, frame="1979")

    expect(app.date).to_have_text("1979")
    assert app.map.locator(".kr-control").count() > 0
    movements = app.map.locator("path.kr-movement.leaflet-interactive")
    assert movements.count() > 0
    assert app.map.locator(".kr-arrowhead").count() == movements.count()
    expect(movements.first).to_be_visible()
    expect(app.map.locator(".kr-control.kr-place-phnom_penh")).to_be_visible()
    assert app.map.locator(".kr-frame").count() == 1  # the frame's layers, once
    app.assert_healthy()


# ------------------------------------------------------------------ keyboard
@pytest.mark.browser
def test_arrow_key_on_the_year_slider_steps_to_1989_and_pailin_turns_khmer_rouge(
    app: AppPage, dataset
):
    colours = dataset.factions["colour"]
    app.open({"year": "1988"}, frame="1988")
    pailin = app.map.locator(".kr-control.kr-place-pailin")
    before = class_id(pailin.get_attribute("class"))
    assert before in ("vietnam", "prk")
    assert (pailin.get_attribute("fill") or "").upper() == colours[before].upper()
    assert computed_fill(pailin) == rgb(colours[before])

    slider = app.year_slider()
    assert slider.get_attribute("aria-label") == "Year"
    slider.focus()
    app.page.keyboard.press("ArrowRight")

    app.wait_for_frame("1989")
    expect(app.date).to_have_text("1989")
    expect(slider).to_have_attribute("aria-valuetext", "1989")
    expect(pailin).to_have_class(re.compile(r"\bkr-faction-khmer_rouge\b"))
    assert (pailin.get_attribute("fill") or "").upper() == colours["khmer_rouge"].upper()
    assert computed_fill(pailin) == rgb(colours["khmer_rouge"]) != rgb(colours[before])
    # the change of hands is ringed in the colour of a government-side holder before it
    ring = app.map.locator(".kr-change-ring.kr-place-pailin")
    expect(ring).to_have_count(1)
    assert class_id(ring.get_attribute("class"), "kr-was-") in ("vietnam", "prk")
    assert app.map.locator(".kr-frame").count() == 1
    app.assert_healthy()


# ------------------------------------------------------------------ no remount
@pytest.mark.browser
def test_zoom_pan_and_page_state_survive_a_slider_step(app: AppPage):
    app.open({"year": "1979"}, frame="1979")
    start_zoom = app.leaflet("return map.getZoom();")

    app.leaflet("window.krZoomed = false; map.once('zoomend', () => { window.krZoomed = true; });")
    app.map.locator(".leaflet-control-zoom-in").click()
    app.map_frame().wait_for_function("() => window.krZoomed")
    drag_the_map(app, dx=-80, dy=-60)
    view = app.leaflet("const c = map.getCenter(); return [map.getZoom(), c.lat, c.lng];")
    app.leaflet("window.krMarker = 'set before the step'; window.krMapBefore = map;")

    app.year_slider().focus()
    app.page.keyboard.press("ArrowRight")
    app.wait_for_frame("1980")
    expect(app.date).to_have_text("1980")

    after = app.leaflet(
        "const c = map.getCenter();"
        "return [map.getZoom(), c.lat, c.lng, window.krMarker, map === window.krMapBefore];"
    )
    assert after[0] == view[0] == start_zoom + 1, "the zoom was reset"
    assert after[1:3] == pytest.approx(view[1:3], abs=1e-6), "the map was re-centred"
    assert after[3:] == ["set before the step", True], "the map was remounted"
    assert app.map.locator(".kr-frame").count() == 1
    app.assert_healthy()


def drag_the_map(app: AppPage, *, dx: int, dy: int) -> None:
    """Drag the map with the mouse from a spot where no marker or control is."""
    x, y = app.leaflet(EMPTY_SPOT_JS)
    box = app.page.locator(MAP_IFRAME).bounding_box()
    start_x, start_y = box["x"] + x, box["y"] + y
    center = app.leaflet("const c = map.getCenter(); return [c.lat, c.lng];")
    app.leaflet("window.krMoved = false; map.once('moveend', () => { window.krMoved = true; });")
    app.page.mouse.move(start_x, start_y)
    app.page.mouse.down()
    app.page.mouse.move(start_x + dx / 2, start_y + dy / 2, steps=4)
    app.page.mouse.move(start_x + dx, start_y + dy, steps=4)
    app.page.mouse.up()
    app.map_frame().wait_for_function("() => window.krMoved")  # after any inertia
    moved = app.leaflet("const c = map.getCenter(); return [c.lat, c.lng];")
    assert moved != center, "dragging did not pan the map"


# The first point of a grid over the map where a click would reach the map itself.
EMPTY_SPOT_JS = """
const size = map.getSize();
for (let fy = 0.3; fy < 0.9; fy += 0.1) {
  for (let fx = 0.3; fx < 0.9; fx += 0.1) {
    const x = Math.round(size.x * fx), y = Math.round(size.y * fy);
    const hit = document.elementFromPoint(x, y);
    if (hit && !hit.closest('.leaflet-interactive, .leaflet-marker-icon, .leaflet-control')) {
      return [x, y];
    }
  }
}
throw new Error('no empty spot on the map to drag from');
"""


# ------------------------------------------------------------------ popups
@pytest.mark.browser
def test_clicking_markers_opens_popups_with_verbatim_quotes_and_their_seed_file(app: AppPage):
    app.open({"year": "1989"}, frame="1989")

    app.map.locator(".kr-control.kr-place-phnom_penh").click()
    expect(app.map.locator(".leaflet-popup-content")).to_contain_text("Phnom Penh")
    assert assert_popup_quotes_its_seed(app) == "khmer_rouge_insurgency.txt"

    app.map.locator(".leaflet-popup-close-button").click()
    expect(app.map.locator(".leaflet-popup")).to_have_count(0)

    app.map.locator(".kr-battles.kr-place-pailin").click()  # a symbol (DivIcon), not a path
    expect(app.map.locator(".leaflet-popup-content")).to_contain_text("Pailin")
    assert assert_popup_quotes_its_seed(app) == "battle_of_pailin.txt"
    wait_for_popup_to_settle(app)
    app.screenshot("explore-1989-popup")
    app.assert_healthy()


def wait_for_popup_to_settle(app: AppPage) -> None:
    """Wait until the popup has faded in and Leaflet has panned the map to show all of it."""
    app.map_frame().wait_for_function(
        """() => {
             const popup = document.querySelector('.leaflet-popup');
             const map = document.querySelector('.leaflet-container').getBoundingClientRect();
             const box = popup && popup.getBoundingClientRect();
             return box && getComputedStyle(popup).opacity === '1'
               && box.top >= map.top && box.left >= map.left
               && box.right <= map.right && box.bottom <= map.bottom;
           }"""
    )


# ------------------------------------------------------------------ bad URL
@pytest.mark.browser
def test_a_bad_year_in_the_url_shows_a_note_and_the_default_map(app: AppPage):
    app.open({"year": "abc"}, frame="1989")

    note = app.page.get_by_test_id("stAlert").filter(has_text="abc")
    expect(note).to_be_visible()
    expect(note).to_contain_text("year")
    expect(app.date).to_have_text("1989")
    assert app.map.locator(".kr-control").count() > 0
    app.assert_healthy()


# ------------------------------------------------------------------ offline
@pytest.mark.browser
def test_the_page_asks_nothing_of_the_internet(app: AppPage):
    app.open(frame="1989")
    app.map.locator(".kr-control").first.hover()  # a tooltip
    expect(app.map.locator(".leaflet-tooltip")).to_be_visible()
    legend_symbols = app.page.locator('[data-testid="stSidebar"] .kr-legend img')
    assert legend_symbols.count() > 0
    app.assert_healthy()


# ------------------------------------------------------------------ screenshots
@pytest.mark.browser
@pytest.mark.parametrize("year", SCREENSHOT_YEARS)
def test_explore_screenshot_at_projector_size(app: AppPage, year: int):
    app.open({"year": str(year)}, frame=str(year))
    expect(app.date).to_have_text(str(year))
    assert app.map.locator(".kr-control").count() > 0
    # legible from the back of a room: the date is large and the map starts on screen
    assert float(app.date.evaluate("(p) => parseFloat(getComputedStyle(p).fontSize)")) >= 40
    top = app.page.locator(MAP_IFRAME).bounding_box()["y"]
    assert top < 720 / 2, "the map starts below the middle of a 1280x720 screen"

    path = app.screenshot(f"explore-{year}")
    assert path == SCREENS / f"explore-{year}.png" and path.stat().st_size > 0
    app.assert_healthy()


# ------------------------------------------------------------------ symbols and stepping
@pytest.mark.browser
def test_every_held_place_can_be_clicked_at_the_first_zoom_in_1989(app: AppPage):
    app.open({"year": "1989"}, frame="1989")
    covered = app.map_frame().evaluate(
        """() => Array.from(document.querySelectorAll('.kr-control')).flatMap((marker) => {
             const box = marker.getBoundingClientRect();
             const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
             if (hit === marker) return [];
             const cover = hit && (hit.closest('.leaflet-marker-icon') || hit);
             return [marker.getAttribute('class').split(' ')[1] + ' under '
                     + (cover ? cover.getAttribute('class') : 'nothing')];
           })"""
    )
    assert covered == []


@pytest.mark.browser
def test_stepping_on_from_a_whole_busy_year_shows_its_january(app: AppPage):
    app.open({"year": "1985"}, frame="1985")
    app.button("step_forward").click()
    app.wait_until_idle()
    expect(app.date).not_to_have_text("1985")
    expect(app.date).to_have_text("January 1985", timeout=2_000)
