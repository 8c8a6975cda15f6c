"""The exported HTML map in a real browser: opened from disk, with the network cut.

Needs Debian's Chromium at /usr/bin/chromium and Playwright for Python. Without
them these tests fail (they are part of the suite), unless KR_MAP_SKIP_BROWSER=1.
Screenshots go to artifacts/export/ (1280x720, a classroom projector).
"""

from __future__ import annotations

import itertools
import os
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kr_map import cli

from .browser import CHROMIUM, files_only
from .conftest import ROOT

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


pytest_plugins = ["tests.browser"]


@pytest.fixture
def browser(chromium):
    """The suite's one headless Chromium (a sync Playwright allows one at a time)."""
    require_browser()
    return chromium.browser


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
        opened.blocked = files_only(context)
        page = opened.page
        page.on("pageerror", lambda error: opened.errors.append(str(error)))
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("dialog", lambda dialog: (opened.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(path.as_uri() + fragment)
        page.wait_for_selector(".krp-shell[data-ready=true]", state="attached")
        return opened

    yield opener
    for context in contexts:
        context.close()


def shown_frame(page) -> str:
    """Return the key of the frame the player shows."""
    return page.get_attribute(".krp-shell", "data-frame")


def holder(page, place_id: str) -> str | None:
    """Return the faction whose control marker sits on a place in the frame shown, if any."""
    return page.evaluate(
        """(id) => { const p = window.krPlayer;
        const i = p.frames[p.index].features.find((f) => { const x = p.doc.features[f];
          return x.type === "place" && x.id === id && p.onMap[f]; });
        return i === undefined ? null : p.doc.features[i].faction; }""",
        place_id,
    )


def slide_to(page, key: str) -> None:
    """Drag the slider to a frame the way a browser reports it: new value, then input, change."""
    position = page.evaluate("(k) => krPlayer.positionOf(krPlayer.find(k))", key)
    page.eval_on_selector(
        ".krp-slider",
        "(s, v) => { s.value = String(v); s.dispatchEvent(new Event('input', {bubbles: true}));"
        " s.dispatchEvent(new Event('change', {bubbles: true})); }",
        position,
    )


def screenshot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


def test_the_map_opens_from_disk_with_the_network_cut(open_offline, exported):
    opened = open_offline(exported)
    assert shown_frame(opened.page) == "1979"
    assert opened.page.locator(".krp-icon").count() > 0
    assert opened.blocked == [] and opened.errors == []
    screenshot(opened.page, "export-1979.png")


def test_the_slider_steps_through_time_and_pailin_changes_hands(open_offline, exported):
    page = open_offline(exported).page
    slide_to(page, "1989-09")
    assert holder(page, "pailin") != "khmer_rouge"
    slide_to(page, "1989-11")
    assert shown_frame(page) == "1989-11"
    assert holder(page, "pailin") == "khmer_rouge"
    assert page.inner_text(".krp-date") == "November 1989"
    assert "year=1989&month=11" in page.url  # the permalink follows


def test_every_year_has_a_label_at_its_place_on_the_axis(open_offline, exported):
    page = open_offline(exported).page
    labels = page.eval_on_selector_all(".krp-year", "els => els.map(e => e.dataset.key)")
    assert labels == [str(y) for y in range(1979, 2000)]
    xs = page.eval_on_selector_all(".krp-year", "els => els.map(e => e.getBoundingClientRect().x)")
    gaps = [b - a for a, b in itertools.pairwise(xs[1:])]  # 1979 is written in full
    assert max(gaps) - min(gaps) < 3  # every year gets the same width, busy or quiet


def test_busy_years_have_a_whole_year_frame_and_events_with_summaries(open_offline, exported):
    page = open_offline(exported).page
    slide_to(page, "1989")
    assert page.inner_text(".krp-date") == "1989"
    assert page.locator(".krp-event .krp-summary").count() > 0
    page.keyboard.press("ArrowRight")
    assert shown_frame(page) == "1989-01"


def test_a_permalink_opens_its_frame_and_a_broken_one_the_first(open_offline, exported):
    assert shown_frame(open_offline(exported, "#year=1994&month=4").page) == "1994-04"
    for broken in ("#%", "#%E0%A4%A", "#year=%E0%A4%A&month=4", "#year=<b>1</b>", "#year=99999"):
        opened = open_offline(exported, broken)
        assert shown_frame(opened.page) == "1979", broken
        assert opened.errors == [], broken


def test_arrow_keys_step_from_anywhere_and_space_plays_and_pauses(open_offline, exported):
    page = open_offline(exported, "#year=1990").page
    page.click(".leaflet-container", position={"x": 300, "y": 300})
    page.keyboard.press("ArrowRight")
    assert shown_frame(page) == "1991"
    page.keyboard.press("PageUp")
    assert shown_frame(page) == "1990"
    page.keyboard.press("Space")
    assert page.get_attribute(".krp-play", "aria-pressed") == "true"
    page.keyboard.press("Space")
    assert page.get_attribute(".krp-play", "aria-pressed") == "false"


def test_play_stops_at_the_last_frame_unless_looping(open_offline, exported):
    page = open_offline(exported, "#year=1999").page
    page.select_option(".krp-speed", "0.75")
    page.click(".krp-play")  # at the end: play starts again from the first frame
    assert shown_frame(page) == "1979"
    page.click(".krp-play")
    page.keyboard.press("End")
    page.click(".krp-play")
    page.wait_for_function("document.querySelector('.krp-shell').dataset.frame === '1979'")
    page.click(".krp-play")


def test_layer_boxes_hide_and_show_a_layer_in_every_frame(open_offline, exported):
    page = open_offline(exported, "#year=1989&month=10").page
    page.click(".krp-filters summary")
    assert page.locator(".krp-control").count() > 0
    page.get_by_label("Control", exact=True).uncheck()
    assert page.locator(".krp-icon.krp-control").count() == 0
    page.keyboard.press("ArrowRight")
    assert page.locator(".krp-icon.krp-control").count() == 0
    page.get_by_label("Control", exact=True).check()
    assert page.locator(".krp-icon.krp-control").count() > 0


def test_a_faction_box_filters_markers_and_events(open_offline, exported):
    page = open_offline(exported, "#year=1989&month=10").page
    page.click(".krp-filters summary")
    page.get_by_label("Khmer Rouge", exact=True).uncheck()
    assert holder(page, "pailin") is None
    assert "Khmer Rouge capture Pailin" in page.inner_text(
        ".krp-panel .krp-events"
    )  # PRK / SOC took part
    page.get_by_label("PRK / SOC", exact=True).uncheck()
    assert "Khmer Rouge capture Pailin" not in page.inner_text(".krp-panel .krp-events")


def test_online_tiles_only_with_the_option_and_a_box_turns_them_off(open_offline, tmp_path):
    out = tmp_path / "tiles.html"
    assert cli.main(["export", str(out), "--from", "1990", "--to", "1990", "--online-tiles"]) == 0
    opened = open_offline(out)
    page = opened.page
    page.wait_for_function("document.querySelectorAll('img.leaflet-tile').length > 0")
    assert all("tile.openstreetmap.org" in url for url in opened.blocked)
    page.uncheck(".leaflet-control-layers-overlays input")
    assert page.locator("img.leaflet-tile").count() == 0


def test_without_chromium_these_tests_fail_unless_skipping_is_asked_for(monkeypatch):
    monkeypatch.setattr(f"{__name__}.CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.delenv("KR_MAP_SKIP_BROWSER", raising=False)
    with pytest.raises(pytest.fail.Exception, match="need Chromium"):
        require_browser()
    monkeypatch.setenv("KR_MAP_SKIP_BROWSER", "1")
    with pytest.raises(pytest.skip.Exception):
        require_browser()
