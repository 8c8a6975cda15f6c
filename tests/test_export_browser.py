"""The exported HTML map in a real browser: opened from disk, with the network cut.

Needs Debian's Chromium at /usr/bin/chromium and Playwright for Python. Without
them these tests fail (they are part of the suite), unless KR_MAP_SKIP_BROWSER=1.
Screenshots go to artifacts/export/ (1280x720, a classroom projector).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kr_map import cli

from .browser import CHROMIUM, CHROMIUM_ARGS
from .conftest import ROOT
from .test_export import ATTACK, pailin_events, retitle

pytestmark = pytest.mark.browser

SCREEN = {"width": 1280, "height": 720}
SHOTS = ROOT / "artifacts" / "export"


def require_browser() -> None:
    """Fail (not skip) without Chromium or Playwright, unless KR_MAP_SKIP_BROWSER=1."""
    if os.environ.get("KR_MAP_SKIP_BROWSER") == "1":
        pytest.skip("KR_MAP_SKIP_BROWSER=1")
    if not CHROMIUM.exists():
        pytest.fail(
            "browser tests need Chromium at /usr/bin/chromium (apt-get install chromium); "
            "set KR_MAP_SKIP_BROWSER=1 to skip them"
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        pytest.fail("browser tests need Playwright: pip install -e '.[test]'")


@pytest.fixture(scope="module")
def browser():
    require_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def exported(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("export") / "kr-map.html"
    assert cli.main(["export", str(out)]) == 0
    return out


@dataclass
class Opened:
    """A page opened offline, with what it tried to fetch and what went wrong."""

    page: object
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)


@pytest.fixture
def open_offline(browser):
    contexts = []

    def opener(path: Path, fragment: str = "") -> Opened:
        context = browser.new_context(viewport=SCREEN)
        contexts.append(context)
        opened = Opened(context.new_page())

        def only_local(route) -> None:
            url = route.request.url
            if url.startswith(("file:", "data:")):
                route.continue_()
            else:
                opened.blocked.append(url)
                route.abort()

        context.route("**/*", only_local)
        page = opened.page
        page.on("pageerror", lambda error: opened.errors.append(str(error)))
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(path.as_uri() + fragment)
        page.wait_for_selector("body.kx-ready")
        return opened

    yield opener
    for context in contexts:
        context.close()


def shown_frame(page) -> str:
    """Return the key of the one frame on the map (from layers.py's invisible stamp)."""
    classes = page.eval_on_selector_all(".kr-frame", "els => els.map(e => e.className)")
    assert len(classes) == 1, f"exactly one frame on the map, got {classes}"
    return next(c for c in classes[0].split() if c.startswith("kr-frame-"))[len("kr-frame-") :]


def holder(page, place_id: str) -> str | None:
    """Return the faction whose control marker sits on a place, if any."""
    classes = page.eval_on_selector_all(
        f"path.kr-control.kr-place-{place_id}", "els => els.map(e => e.getAttribute('class'))"
    )
    assert len(classes) <= 1
    if not classes:
        return None
    return next(c for c in classes[0].split() if c.startswith("kr-faction-"))[len("kr-faction-") :]


def slide_to(page, key: str) -> None:
    """Drag the slider to a frame the way a browser reports it: new value, then an input event."""
    index = page.evaluate("k => krExport.data().frames.findIndex(f => f.key === k)", key)
    assert index >= 0, key
    page.eval_on_selector(
        "#kx-slider",
        "(s, i) => { s.value = String(i); s.dispatchEvent(new Event('input', {bubbles: true})); }",
        index,
    )


def date_label(page) -> str:
    return page.inner_text("#kx-date")


def screenshot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


def test_the_map_opens_from_disk_with_the_network_cut(open_offline, exported):
    opened = open_offline(exported)
    page = opened.page
    assert opened.blocked == []  # no CDN, no tiles: there is no online layer by default
    assert page.locator("img.leaflet-tile").count() == 0
    assert opened.errors == []
    assert shown_frame(page) == "1979-01"
    assert date_label(page) == "January 1979"
    assert page.locator("#kx-events li").count() > 0
    assert page.locator(".leaflet-overlay-pane path.kr-control").count() > 0
    assert page.locator("#kx-legend .kr-legend li").count() >= 8
    screenshot(page, "first.png")


def frame_keys(page) -> list[str]:
    return page.evaluate("krExport.data().frames.map(f => f.key)")


def test_the_slider_steps_through_time_and_pailin_changes_hands(open_offline, exported):
    opened = open_offline(exported, "#1988")  # a year: its first frame (1988 or January 1988)
    page = opened.page
    keys = frame_keys(page)
    start = shown_frame(page)
    assert start in ("1988", "1988-01")
    assert holder(page, "pailin") in {"prk", "vietnam"}

    page.focus("#kx-slider")
    page.keyboard.press("ArrowRight")
    after = keys[keys.index(start) + 1]
    page.wait_for_function(f"!!document.querySelector('.kr-frame-{after}')")
    assert shown_frame(page) == after
    assert page.get_attribute("#kx-slider", "aria-valuetext") == date_label(page)

    slide_to(page, "1990")
    assert shown_frame(page) == "1990"
    assert date_label(page) == "1990"
    assert holder(page, "pailin") == "khmer_rouge"
    assert page.inner_text("#kx-events-title").startswith("Events in 1990")
    assert page.evaluate("location.hash") == "#1990"  # a link to what is on screen
    screenshot(page, "1990.png")

    slide_to(page, "1989-10")
    assert date_label(page) == "October 1989"
    assert holder(page, "pailin") == "khmer_rouge"
    assert page.locator("path.kr-change-ring.kr-place-pailin").count() == 1  # changed hands
    screenshot(page, "1989-10.png")
    assert opened.errors == [] and opened.blocked == []


def test_arrow_keys_step_from_anywhere_and_space_plays_and_pauses(open_offline, exported):
    page = open_offline(exported, "#1990").page
    keys = frame_keys(page)
    here = keys.index("1990")
    page.click(".leaflet-container", position={"x": 700, "y": 500})  # focus on the map
    page.keyboard.press("ArrowLeft")
    assert shown_frame(page) == keys[here - 1]
    page.keyboard.press("ArrowRight")
    page.keyboard.press("ArrowRight")
    assert shown_frame(page) == keys[here + 1]

    page.select_option("#kx-speed", "600")
    page.keyboard.press("Space")
    assert page.get_attribute("#kx-play", "aria-pressed") == "true"
    page.wait_for_function(f"!document.querySelector('.kr-frame-{keys[here + 1]}')")
    page.keyboard.press("Space")
    assert page.get_attribute("#kx-play", "aria-pressed") == "false"
    assert page.inner_text("#kx-play") == "▶ Play"


def test_play_stops_at_the_last_frame_unless_looping(open_offline, exported):
    page = open_offline(exported).page
    keys = frame_keys(page)
    page.select_option("#kx-speed", "600")
    slide_to(page, keys[-2])
    page.click("#kx-play")
    page.wait_for_function(
        "document.querySelector('#kx-play').getAttribute('aria-pressed') === 'false'"
    )
    assert shown_frame(page) == keys[-1]

    page.check("#kx-loop")
    page.click("#kx-play")
    page.wait_for_function(f"!!document.querySelector('.kr-frame-{keys[0]}')", timeout=10_000)
    page.click("#kx-play")
    assert page.get_attribute("#kx-play", "aria-pressed") == "false"


def test_layer_boxes_hide_and_show_a_layer_in_every_frame(open_offline, exported):
    page = open_offline(exported, "#1990").page
    page.click("#kx-layers summary")
    page.uncheck("#kx-layers input[value=control]")
    assert page.locator("path.kr-control").count() == 0
    page.keyboard.press("ArrowRight")
    assert page.locator("path.kr-control").count() == 0
    screenshot(page, "layers.png")
    page.check("#kx-layers input[value=control]")
    assert page.locator("path.kr-control").count() > 0


def test_data_text_shows_as_text_and_never_runs(open_offline, data_copy, dataset):
    event_id = pailin_events(dataset)[0]
    retitle(data_copy, {event_id: ATTACK})
    out = data_copy.parent / "map.html"
    assert cli.main(["export", str(out), "--data", str(data_copy)]) == 0
    opened = open_offline(out)
    page = opened.page
    key = page.evaluate(
        "id => krExport.data().frames.find(f => f.events.includes(id)).key", event_id
    )
    slide_to(page, key)
    titles = page.eval_on_selector_all("#kx-events h3", "els => els.map(e => e.textContent)")
    assert ATTACK in titles
    assert page.locator("#kx-events script").count() == 0
    marker = page.locator(".kr-place-pailin.kr-battles, .kr-place-pailin.kr-events").first
    marker.click()
    page.wait_for_selector(".leaflet-popup-content")
    assert ATTACK in page.inner_text(".leaflet-popup-content")
    assert page.locator(".leaflet-popup-content script").count() == 0
    assert opened.dialogs == [] and opened.errors == []


def test_online_tiles_only_with_the_option_and_a_box_turns_them_off(open_offline, tmp_path):
    out = tmp_path / "tiles.html"
    assert cli.main(["export", str(out), "--from", "1990", "--to", "1990", "--online-tiles"]) == 0
    opened = open_offline(out)
    page = opened.page
    page.wait_for_function("document.querySelectorAll('img.leaflet-tile').length > 0")
    assert all("tile.openstreetmap.org" in url for url in opened.blocked)
    page.uncheck(".leaflet-control-layers-overlays input")
    assert page.locator("img.leaflet-tile").count() == 0
    assert holder(page, "pailin") == "khmer_rouge"  # offline, the map itself still works


def test_without_chromium_these_tests_fail_unless_skipping_is_asked_for(monkeypatch):
    monkeypatch.setattr(f"{__name__}.CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.delenv("KR_MAP_SKIP_BROWSER", raising=False)
    with pytest.raises(pytest.fail.Exception, match="need Chromium"):
        require_browser()
    monkeypatch.setenv("KR_MAP_SKIP_BROWSER", "1")
    with pytest.raises(pytest.skip.Exception):
        require_browser()
