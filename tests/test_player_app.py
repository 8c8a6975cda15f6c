"""The app's map in headless Chromium, with the network cut: time lives in the browser.

Scrubbing switches frames in the player with no server work; on release the
player reports the frame and only the page_state fragment reruns.
"""

from __future__ import annotations

import json

import pytest

pytest.register_assert_rewrite("tests.browser")  # before the import: it is also a plugin

from .browser import AppPage  # noqa: E402

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]


def mount_count(app: AppPage) -> int:
    """Return how many players this map frame has mounted (a remount would add one)."""
    return app.player("return document.querySelectorAll('.krp-shell').length;")


def test_scrubbing_twenty_steps_costs_no_full_run_and_no_remount(app: AppPage):
    app.open({"year": "1985"}, frame="1985")
    before = app.runs()
    app.player("window.__sameMount = true;")
    expected = app.player("return player.frames[player.index + 20].key;")
    app.map.locator(".krp-place").first.click(force=True)  # the keys must work after a map click
    app.page.keyboard.press("Escape")  # close the popup the click opened
    for _ in range(20):
        app.page.keyboard.press("ArrowRight")
    app.wait_for_frame(expected)  # 1985 is busy: its whole year, twelve months, then 1986 ...
    shown = app.frame_key()
    app.wait_for_server_frame(shown)
    after = app.runs()
    assert after["full"] == before["full"], "scrubbing must not rerun the whole script"
    reruns = int(after["fragment"]) - int(before["fragment"])
    # a report follows each pause of 100 ms after a key is let go: one per step would be 20
    assert 1 <= reruns <= 5, f"{reruns} fragment runs for 20 key presses"
    assert app.player("return window.__sameMount === true;"), "the map was remounted"
    assert mount_count(app) == 1
    year, _, month = shown.partition("-")
    assert f"year={year}" in app.page.url and (not month or f"month={int(month)}" in app.page.url)
    app.assert_healthy()


def test_a_held_key_scrubs_and_reports_once_when_it_is_let_go(app: AppPage):
    app.open({"year": "1990"}, frame="1990")
    before = int(app.runs()["fragment"])
    expected = app.player("return player.frames[player.index + 6].key;")
    app.map.locator(".leaflet-container").click(position={"x": 400, "y": 300})
    for _ in range(6):  # the browser's key repeat: keydowns, no keyup
        app.page.keyboard.down("ArrowRight")
    app.wait_for_frame(expected)
    app.page.wait_for_timeout(200)  # longer than the wait after a release
    assert int(app.runs()["fragment"]) == before, "nothing is reported while the key is held"
    app.page.keyboard.up("ArrowRight")
    app.wait_for_server_frame(expected)
    assert int(app.runs()["fragment"]) == before + 1


def test_presenter_keys_page_down_home_and_end_move_the_frame(app: AppPage):
    app.open({"year": "1990"}, frame="1990")
    app.map.locator(".leaflet-container").click(position={"x": 400, "y": 300})
    app.page.keyboard.press("PageDown")
    app.wait_for_frame("1991")
    app.page.keyboard.press("PageUp")
    app.wait_for_frame("1990")
    app.page.keyboard.press("End")
    app.wait_for_frame("1999")
    app.page.keyboard.press("Home")
    app.wait_for_frame("1979")
    app.wait_for_server_frame("1979")


def test_play_advances_and_stops_at_the_last_frame(app: AppPage):
    app.open({"year": "1998"}, frame="1998")
    app.map.locator(".krp-speed").select_option("0.75")
    app.map.locator(".krp-play").click()
    app.wait_for_frame("1999")
    app.map.locator('.krp-play[aria-pressed="false"]').wait_for()
    app.wait_for_server_frame("1999")
    assert app.frame_key() == "1999"


def test_play_loops_back_to_1979_when_asked(app: AppPage):
    app.open({"year": "1999"}, frame="1999")
    app.map.locator(".krp-speed").select_option("0.75")
    app.map.locator(".krp-loop input").check()
    app.map.locator(".krp-play").click()
    app.wait_for_frame("1979")
    app.map.locator(".krp-play").click()
    assert app.map.locator(".krp-play").get_attribute("aria-pressed") == "false"


def test_predict_never_shows_a_frame_past_the_revealed_one(app: AppPage):
    app.open({"mode": "predict", "year": "1985"}, frame="1985")
    app.map.locator(".leaflet-container").click(position={"x": 400, "y": 300})
    for key in ("End", "ArrowRight", "PageDown"):
        app.page.keyboard.press(key)
        assert app.frame_key() == "1985"
    # the slider cannot be pushed past the limit either, nor a script call to show()
    app.player(
        "player.slider.value = player.slider.max * 10; player.slider.dispatchEvent(new Event('input')); player.show(999);"
    )
    assert app.frame_key() == "1985"
    app.map.locator(".krp-reveal").click()
    app.wait_for_frame("1985-01")
    app.wait_for_server_frame("1985-01")
    app.page.keyboard.press("End")
    assert app.frame_key() == "1985-01"
    app.assert_healthy()


TIMEBAR_CUT_JS = """() => {
  const bar = document.querySelector('.krp-timebar').getBoundingClientRect();
  return [...document.querySelectorAll('.krp-timebar button, .krp-timebar select, .krp-timebar label')]
    .filter((node) => node.getClientRects().length)
    .map((node) => [node.textContent.trim(), node.getBoundingClientRect().right])
    .filter(([, right]) => right > bar.right + 1);
}"""


def test_the_predict_page_time_bar_cuts_no_control_beside_the_sidebar(app: AppPage):
    """The map beside Streamlit's sidebar at 1280x720 is ~790 px wide: the time bar wraps its
    controls to a second row rather than cutting the last one at the edge."""
    app.open({"mode": "predict", "year": "1985"}, frame="1985")
    assert app.map_frame().evaluate(TIMEBAR_CUT_JS) == []
    app.assert_healthy()


def test_compare_maps_pan_and_zoom_together(app: AppPage):
    app.open({"mode": "compare", "year": "1988", "compare": "1990"})
    app.page.locator('[data-stale="false"] iframe[src*="streamlit_folium"]').nth(1).wait_for()
    for index in (0, 1):
        app.map_frame(index).wait_for_selector(".krp-shell[data-ready=true]", state="attached")
    app.player("player.map.setView([13.2, 103.1], 9, {animate: false});", index=0)
    app.map_frame(1).wait_for_function(
        "() => { const m = window.krPlayer.map, c = m.getCenter();"
        " return m.getZoom() === 9 && Math.abs(c.lat - 13.2) < 0.01 && Math.abs(c.lng - 103.1) < 0.01; }"
    )
    assert app.player("return player.frames[player.index].key;", index=1) == "1990"


def test_popups_show_the_verbatim_quote_and_its_seed_file(app: AppPage, dataset):
    app.open({"year": "1989", "month": "10"}, frame="1989-10")
    app.player(
        "const i = player.frames[player.index].features.find("
        "  (f) => player.doc.features[f].id === 'pailin' && player.doc.features[f].type === 'place');"
        "player.drawn[i].getLayers()[0].openPopup();"
    )
    popup = app.map.locator(".krp-popup")
    quote = popup.locator(".krp-quote").first.text_content()
    source = popup.locator(".krp-source").first.text_content()  # Source: “<title>” (...)
    title = source.split("“")[1].split("”")[0]
    (seed,) = [s for s, record in dataset.source_records().items() if record["title"] == title]
    text = (dataset.data_dir.parent / "seeds" / seed).read_text(encoding="utf-8")
    assert " ".join(quote.strip("“”").split()) in " ".join(text.split())


def test_clicking_an_event_card_opens_its_marker_and_a_marker_highlights_its_card(app: AppPage):
    app.open({"year": "1989", "month": "10"}, frame="1989-10")
    card = app.map.locator(".krp-event").first
    card.locator(".krp-link").click()
    app.map.locator(".krp-popup").wait_for()
    app.map.locator(".krp-event.krp-highlight").first.wait_for()


def test_the_page_asks_nothing_of_the_internet(app: AppPage):
    app.open({"year": "1994", "month": "4"}, frame="1994-04")
    app.assert_healthy()


def test_the_offline_map_download_is_the_export_of_the_map_on_screen(app: AppPage, tmp_path):
    app.open({"year": "1989"}, frame="1989")
    shown = app.player("return player.frames.map((f) => f.key);")
    app.page.get_by_text("Download", exact=True).click()
    with app.page.expect_download() as waiting:
        app.page.get_by_role("button", name="Offline map (HTML)").click()
    download = waiting.value
    assert download.suggested_filename == "kr-map.html"
    path = tmp_path / "kr-map.html"
    download.save_as(path)
    page = path.read_text(encoding="utf-8")
    start = page.index('<script type="application/json" id="kr-frames">')
    document = json.loads(page[page.index(">", start) + 1 : page.index("</script>", start)])
    assert [f["key"] for f in document["frames"]] == shown
    app.assert_healthy()


def test_after_a_click_on_a_mode_an_arrow_key_does_not_change_the_mode(app: AppPage):
    """The Mode switch is a segmented control: an arrow moves the focus between its buttons
    (a native radio would choose the next mode: Compare + ← gave Story step 1)."""
    app.open({"year": "1990"}, frame="1990")
    explore = app.page.get_by_role("radio", name="Explore", exact=True)
    explore.click()  # the chosen mode again: it stays chosen
    app.wait_until_idle()
    for key in ("ArrowRight", "ArrowRight", "ArrowLeft"):
        app.page.keyboard.press(key)
    app.wait_until_idle()
    assert explore.get_attribute("aria-checked") == "true"
    assert "mode=" not in app.page.url, app.page.url
    assert app.frame_key() == "1990"
    app.assert_healthy()
