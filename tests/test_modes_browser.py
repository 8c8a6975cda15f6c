"""Every mode of the one-file export, and the presenter window, in a real browser.

The export is opened from ``file://`` with the network cut (every request but ``file:``
and ``data:`` is aborted and recorded). Each mode opens from its address and from the mode
switch (by mouse and by keyboard); the story steps with its content notes; compare lists
the changes between its two maps with dates, quotes and sources; predict holds its limit
in the UI; the presenter window (the same file, ``?presenter``) follows the projector
window and steers it, over a BroadcastChannel between two file:// pages. Every mode keeps
the wall rules at 1280x720 and 1920x1080 (``measure_wall`` of tests/test_wall_browser.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.browser", "tests.test_wall_browser")

from kr_map import cli  # noqa: E402

from .browser import FULL_HD, PROJECTOR, SCREENS, files_only  # noqa: E402
from .hostile import PAYLOAD, make_hostile  # noqa: E402
from .test_wall_browser import MIN_MAP, _assert_all, _uncovered, measure_wall, seed_text  # noqa: E402, F401

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

SIZES = {"1280x720": PROJECTOR, "1920x1080": FULL_HD}
READY = ".krp-shell[data-ready=true]"


class Offline:
    """A browser context that lets only file: and data: through, with what it blocked."""

    def __init__(self, browser, viewport: dict) -> None:
        self.context = browser.new_context(viewport=viewport)
        self.blocked = files_only(self.context)
        self.errors: list[str] = []
        self.context.on("page", self._watch)

    def _watch(self, page) -> None:
        page.on("pageerror", lambda error: self.errors.append(str(error)))
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)

    def open(self, path: Path, fragment: str, ready: str = READY):
        page = self.context.new_page()
        page.goto(path.as_uri() + fragment)
        page.wait_for_selector(ready, state="attached")
        return page

    def assert_clean(self) -> None:
        assert self.blocked == [], f"requests left the machine: {self.blocked}"
        assert self.errors == [], f"script errors: {self.errors}"


@pytest.fixture
def offline(chromium):
    contexts: list[Offline] = []

    def make(viewport: dict = PROJECTOR) -> Offline:
        contexts.append(Offline(chromium.browser, viewport))
        return contexts[-1]

    yield make
    for made in contexts:
        made.context.close()


def shell(page, attribute: str) -> str | None:
    return page.get_attribute(".krp-shell", f"data-{attribute}")


def wait_step(page, step: int) -> None:
    page.wait_for_selector(f'.krp-shell[data-step="{step}"]', state="attached")


def choose_by_keyboard(page, mode: str) -> None:
    """Open the mode switch and press a mode's button with Tab and Enter only."""
    page.focus(".krp-modes > summary")
    page.keyboard.press("Enter")
    for _ in range(12):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.dataset.mode") == mode:
            break
    else:
        pytest.fail(f"Tab never reached the {mode} button")
    page.keyboard.press("Enter")


# ------------------------------------------------------------------ each mode
MODE_ADDRESSES = {
    "explore": ("#year=1989&month=10", "krp-mode-explore"),
    "present": ("#year=1989&month=10&mode=present", "krp-staged"),
    "story": ("#mode=story&step=6", "krp-mode-story"),
    "compare": ("#year=1989&month=9&mode=compare&with=1989-10", "krp-mode-compare"),
    "predict": ("#year=1985&mode=predict", "krp-mode-predict"),
    "quiz": ("#mode=quiz", "krp-quiz-on"),
}


@pytest.mark.parametrize("mode", MODE_ADDRESSES)
def test_each_mode_opens_from_its_address_offline(offline, exported, mode):
    fragment, shell_class = MODE_ADDRESSES[mode]
    browser = offline()
    page = browser.open(exported, fragment)
    assert page.locator(f".krp-shell.{shell_class}").count() >= 1
    assert page.inner_text(".krp-modes > summary").endswith(f": {mode.capitalize()}")
    assert f"mode={mode}" in page.evaluate("location.hash") or mode == "explore"
    assert page.locator(".krp-note").count() == 0, "a good address opens with no note"
    browser.assert_clean()


@pytest.mark.parametrize("mode", ["present", "story", "compare", "predict", "quiz"])
def test_each_mode_is_reached_by_its_button_and_by_the_keyboard(offline, exported, mode):
    browser = offline()
    page = browser.open(exported, "#year=1989&month=10")
    page.click(".krp-modes > summary")
    page.click(f'.krp-modes [data-mode="{mode}"]')
    page.wait_for_selector(f'.krp-modes > summary:text("Mode: {mode.capitalize()}")')
    assert f"mode={mode}" in page.evaluate("location.hash")
    choose_by_keyboard(page, "explore")
    page.wait_for_selector('.krp-modes > summary:text("Mode: Explore")')
    choose_by_keyboard(page, mode)
    page.wait_for_selector(f'.krp-modes > summary:text("Mode: {mode.capitalize()}")')
    pressed = page.get_attribute(f'.krp-modes [data-mode="{mode}"]', "aria-pressed")
    assert pressed == "true"
    browser.assert_clean()


def test_a_bad_mode_step_or_second_frame_in_the_address_is_named_on_screen(offline, exported):
    browser = offline()
    page = browser.open(exported, "#mode=story&step=40")
    note = page.locator(".krp-note")
    assert "step=“40” is out of range: the story has steps 1–14" in note.inner_text()
    assert shell(page, "step") == "1", "the story opens on its first step instead"
    page.evaluate("() => { location.hash = '#mode=compare&year=1989&with=2050'; }")
    page.wait_for_selector(".krp-compare-page", state="attached")
    assert "with=“2050” is not a frame of this map" in page.locator(".krp-note").inner_text()
    page.evaluate("() => { location.hash = '#mode=quiz-me'; }")
    page.wait_for_selector(".krp-shell.krp-mode-explore", state="attached")
    assert "mode=“quiz-me” was not understood" in page.locator(".krp-note").inner_text()
    browser.assert_clean()


# ------------------------------------------------------------------ story
def test_the_story_steps_with_its_content_notes_quotes_and_views(offline, exported):
    browser = offline()
    page = browser.open(exported, "#mode=story&step=1")
    story = page.evaluate("() => krPlayer.doc.story")
    wait_step(page, 1)
    note = page.locator(".krp-content-note")
    assert note.inner_text() == story[0]["contentNote"]
    assert page.locator(".krp-story-narrative").count() == 0, "the text waits for the teacher"
    assert page.locator(".krp-shell.krp-veiled").count() == 1
    page.click("text=Show this step")
    assert page.locator(".krp-shell.krp-veiled").count() == 0
    assert story[0]["sources"][0]["quote"] in page.inner_text(".krp-story-card")
    page.keyboard.press("ArrowRight")
    wait_step(page, 2)
    assert shell(page, "frame") == story[1]["date"] == "1979-11"
    assert "Khao I Dang camp opens" in page.inner_text(".krp-story-title")
    page.click(".krp-story-nav >> text=Step ▶")
    wait_step(page, 3)
    assert "&step=3" in page.evaluate("location.hash")
    assert page.evaluate("() => krPlayer.map.getZoom()") == story[2]["zoom"]
    page.keyboard.press("End")
    wait_step(page, 14)
    assert shell(page, "frame") == story[13]["date"]
    page.evaluate("() => { location.hash = '#mode=story&step=6'; }")
    wait_step(page, 6)
    assert shell(page, "frame") == "1989-10"
    layers = page.evaluate(
        "() => [...new Set(krPlayer.frames[krPlayer.index].features"
        ".filter((f) => krPlayer.onMap[f]).map((f) => krPlayer.doc.features[f].layer))]"
    )
    assert set(layers) <= set(story[5]["layers"]), "the step's layers only"
    page.keyboard.press("Home")
    wait_step(page, 1)
    assert page.locator(".krp-content-note").count() == 0, "a note once cleared stays cleared"
    browser.assert_clean()


def test_a_file_of_a_few_years_tells_the_story_of_its_years(offline, tmp_path):
    short = tmp_path / "kr-map-1989.html"
    assert cli.main(["export", str(short), "--from", "1988", "--to", "1990"]) == 0
    browser = offline()
    page = browser.open(short, "#mode=story")
    assert page.inner_text(".krp-story-count") == "1 of 2"
    assert "The Vietnamese army leaves" in page.inner_text(".krp-story-title")
    page.keyboard.press("ArrowRight")
    wait_step(page, 2)
    assert shell(page, "frame") == "1989-10"
    browser.assert_clean()


# ------------------------------------------------------------------ compare
def test_compare_lists_the_changes_between_its_two_maps_with_dates_quotes_and_sources(
    offline, exported
):
    browser = offline()
    page = browser.open(exported, "#year=1989&month=9&mode=compare&with=1989-10")
    assert page.locator(".krp-shell").count() == 2
    dates = page.locator(".krp-date").all_inner_texts()
    assert dates == ["September 1989", "October 1989"]
    for side in range(2):  # the second map has the first's land, borders and country names
        shell_ = page.locator(".krp-shell").nth(side)
        assert shell_.locator(".leaflet-kr-land-pane path").count() > 10
        # (present, though one may give way to a place's name: text_content, not inner_text)
        names = shell_.locator(".leaflet-kr-country-names-pane").text_content()
        assert "CAMBODIA" in names.upper()
    page.evaluate("() => krPlayer.map.setView([13.4, 103.2], 8, { animate: false })")
    page.wait_for_function(
        "() => { const c = krTwin.map.getCenter(); return krTwin.map.getZoom() === 8 &&"
        " Math.abs(c.lat - 13.4) < 1e-3 && Math.abs(c.lng - 103.2) < 1e-3; }"
    )  # the two maps pan and zoom together
    changes = page.locator(".krp-changes")
    assert "end of September 1989 → end of October 1989" in changes.inner_text()
    pailin = changes.locator(".krp-change", has_text="Pailin:")
    assert "→ Khmer Rouge" in pailin.inner_text()
    assert "(since 24 Oct 1989)" in pailin.inner_text()
    assert "claimed victory over the city of Pailin" in pailin.locator(".krp-quote").inner_text()
    assert pailin.locator(".krp-source").inner_text() == "“Battle of Pailin”"
    page.evaluate("() => { location.hash = '#year=1989&month=9&mode=compare&with=1994-04'; }")
    page.wait_for_selector('.krp-changes[data-pair="1989-09|1994-04"]', state="attached")
    assert page.evaluate("() => krTwin.frames[krTwin.index].key") == "1994-04"
    page.locator(".krp-shell").nth(1).locator(".krp-buttons .krp-button").first.click()
    page.wait_for_function("() => !location.hash.includes('with=1994-04')")
    right = page.evaluate("() => krTwin.frames[krTwin.index].key")
    assert f"with={right}" in page.evaluate("location.hash")
    assert page.get_attribute(".krp-changes", "data-pair") == f"1989-09|{right}"
    browser.assert_clean()


# ------------------------------------------------------------------ predict
def test_predict_holds_its_limit_in_the_ui_and_says_the_file_holds_its_future(offline, exported):
    browser = offline()
    page = browser.open(exported, "#year=1985&mode=predict")
    assert "This file holds the later frames too." in page.inner_text(".krp-predict-note")
    limit = page.evaluate("() => krPlayer.frames[krPlayer.limit].key")
    assert limit == "1985"
    page.keyboard.press("End")
    page.keyboard.press("ArrowRight")
    assert shell(page, "frame") == "1985", "no key goes past the limit"
    slider = page.locator(".krp-slider")
    page.evaluate(
        "(s) => { s.value = s.max; s.dispatchEvent(new Event('input')); }", slider.element_handle()
    )
    assert shell(page, "frame") == "1985", "nor does the slider"
    page.click(".krp-reveal")
    page.wait_for_function("() => krPlayer.limit > krPlayer.find('1985')")
    revealed = page.evaluate("() => krPlayer.frames[krPlayer.limit].key")
    assert shell(page, "frame") == revealed and revealed > "1985"
    browser.assert_clean()


# ------------------------------------------------------------------ the presenter
def test_the_presenter_window_follows_the_projector_and_steers_it(offline, exported):
    browser = offline()
    projector = browser.open(exported, "#mode=story&step=2")
    story = projector.evaluate("() => krPlayer.doc.story")
    projector.click(".krp-modes > summary")
    with projector.expect_popup() as opened:
        projector.click("text=Presenter view")
    presenter = opened.value
    assert presenter.url.endswith("kr-map.html?presenter")
    presenter.wait_for_selector('.krp-presenter[data-shown="story|1979-11|2"]', state="attached")
    assert presenter.inner_text(".krp-teacher-notes") == story[1]["teacherNotes"]
    assert presenter.inner_text(".krp-next-step") == f"3. {story[2]['title']}"
    assert presenter.inner_text(".krp-presenter-clock").startswith("0:0")
    # the projector follows the presenter
    presenter.click(".krp-presenter-next")
    wait_step(projector, 3)
    presenter.keyboard.press("ArrowRight")
    wait_step(projector, 4)
    # the presenter follows the projector
    projector.keyboard.press("ArrowRight")
    presenter.wait_for_selector('.krp-presenter[data-shown$="|5"]', state="attached")
    assert presenter.inner_text(".krp-teacher-notes") == story[4]["teacherNotes"]
    # a mode chosen on the presenter rebuilds the projector's page, which says so
    presenter.click('.krp-presenter-modes [data-mode="predict"]')
    projector.wait_for_selector(".krp-shell.krp-mode-predict", state="attached")
    presenter.wait_for_selector('.krp-presenter[data-shown^="predict|"]', state="attached")
    presenter.click(".krp-presenter-next")  # at predict's limit: reveal next
    projector.wait_for_function("() => krPlayer.limit > krPlayer.find('1989-09')")
    key = projector.evaluate("() => krPlayer.frames[krPlayer.index].key")
    presenter.wait_for_selector(f'.krp-presenter[data-shown="predict|{key}|"]', state="attached")
    SCREENS.mkdir(parents=True, exist_ok=True)
    presenter.screenshot(path=str(SCREENS / "presenter-view.png"))
    browser.assert_clean()


def test_a_refused_presenter_window_is_said_on_screen(offline, exported):
    browser = offline()
    page = browser.open(exported, "#mode=story&step=2")
    page.evaluate("() => { window.open = () => null; }")  # a pop-up blocker's answer
    page.click(".krp-modes > summary")
    page.click("text=Presenter view")
    note = page.locator(".krp-note")
    assert "did not open the presenter window: allow pop-ups" in note.inner_text()
    assert "kr-map.html?presenter" in note.inner_text()
    browser.assert_clean()


def open_hostile_export(offline, data_copy: Path, fragment: str):
    """Export a copy of the data whose every text is hostile, open it at ``fragment``; return
    the browser, the page and the list the page's dialogs (none expected) are written to."""
    make_hostile(data_copy)
    out = data_copy.parent / "hostile.html"
    assert cli.main(["export", str(out), "--data", str(data_copy)]) == 0
    browser = offline()
    page = browser.open(out, fragment)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    return browser, page, dialogs


def test_hostile_teacher_notes_and_steps_stay_text_in_both_windows(offline, data_copy):
    browser, projector, dialogs = open_hostile_export(offline, data_copy, "#mode=story&step=1")
    assert projector.inner_text(".krp-content-note") == f"{PAYLOAD} #0"
    projector.click("text=Show this step")
    assert f"1. {PAYLOAD} #0" in projector.inner_text(".krp-story-title")
    projector.click(".krp-modes > summary")
    with projector.expect_popup() as opened:
        projector.click("text=Presenter view")
    presenter = opened.value
    presenter.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    presenter.wait_for_selector('.krp-presenter[data-shown$="|1"]', state="attached")
    assert presenter.inner_text(".krp-teacher-notes") == f"{PAYLOAD} #0"
    assert presenter.inner_text(".krp-next-step") == f"2. {PAYLOAD} #1"
    for page in (projector, presenter):
        assert page.locator("img[src=x]").count() == 0
    assert dialogs == []
    browser.assert_clean()


# ------------------------------------------------------------------ on the wall
WALL = {
    "present": ("#year=1989&month=10&mode=present", "explore"),
    "story": ("#mode=story&step=6", "story"),
    "compare": ("#year=1988&mode=compare&with=1990", "compare"),
    "predict": ("#year=1989&month=10&mode=predict", "predict"),
}


# measure_wall measures one map a document; compare's page has two. Each is measured by
# the same rule: its box less the controls on it and a date laid over it.
MAPS_JS = """() => [...document.querySelectorAll(".leaflet-container")].map((map) => ({
  box: map.getBoundingClientRect().toJSON(),
  covers: [...map.querySelectorAll(".leaflet-control, .krp-notes > *")]
    .filter((c) => !c.matches(".leaflet-control-attribution, .leaflet-control-scale"))
    .map((c) => c.getBoundingClientRect().toJSON()).filter((r) => r.width > 0 && r.height > 0)
    .concat([...map.closest(".krp-shell").querySelectorAll(".krp-head")]
      .filter((n) => getComputedStyle(n).position === "absolute")
      .map((n) => n.getBoundingClientRect().toJSON())),
}))"""


def measure_export(page, mode: str, seeds: str) -> dict:
    """Return measure_wall's report, with compare's map share taken over both its maps."""
    result = measure_wall(page, [], mode, seeds)
    if mode == "compare":
        view = page.evaluate("() => ({ w: innerWidth, h: innerHeight })")
        maps = page.evaluate(MAPS_JS)
        assert len(maps) == 2
        share = _uncovered(maps, [], view)
        result["problems"] = [p for p in result["problems"] if "uncovered area" not in p]
        if share < MIN_MAP:
            result["problems"].append(f"the two maps' uncovered area is {share:.1%} of the screen")
        result["map"] = share
    return result


@pytest.mark.parametrize("size", SIZES)
def test_every_export_mode_keeps_the_wall_rules(offline, exported, size, seed_text):  # noqa: F811
    browser = offline(SIZES[size])
    report: dict = {}
    for mode, (fragment, controls) in WALL.items():
        page = browser.open(exported, fragment)
        page.evaluate("() => document.fonts.ready.then(() => true)")
        page.evaluate("() => new Promise((done) => requestAnimationFrame(() => done()))")
        report[f"export-{mode}-{size}"] = measure_export(page, controls, seed_text)
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / f"wall-export-{mode}-{size}.png"))
        page.close()
    _assert_all(report)
    browser.assert_clean()
