"""The classroom: presentation mode on a projector, play and pause, and the guided story.

Runs the real app in headless Chromium (see tests/browser.py). Screenshots go to
artifacts/screens/present-<frame>.png, present-1920x1080.png and story-<step>.png.
"""

from __future__ import annotations

import re
from itertools import pairwise

import pytest

pytest.register_assert_rewrite("tests.browser")  # before the import: it is also a plugin

from kr_map import model, story, timeline  # noqa: E402

from .browser import FULL_HD, MAP_IFRAME, PROJECTOR, AppPage, expect  # noqa: E402

pytest_plugins = ["tests.browser"]

PLAY_SECONDS = 2.0  # the default speed; presentation mode hides the speed control
FRAMES_TO_WATCH = 5

# Inside the map iframe: remember every frame the map shows, in order.
RECORD_FRAMES_JS = """() => {
  window.krFrames = [];
  const note = () => {
    const stamp = document.querySelector('.kr-frame');
    const key = stamp && (stamp.getAttribute('class').match(/kr-frame-(\\d{4}(?:-\\d{2})?)/) || [])[1];
    if (key && key !== window.krFrames[window.krFrames.length - 1]) window.krFrames.push(key);
  };
  note();
  new MutationObserver(note).observe(document.body, {childList: true, subtree: true});
}"""
# On the page: remember every text the big date shows, in order.
RECORD_DATES_JS = """() => {
  window.krDates = [];
  const note = () => {
    const date = document.querySelector('p.kr-date');
    const text = date && date.textContent;
    if (text && text !== window.krDates[window.krDates.length - 1]) window.krDates.push(text);
  };
  note();
  new MutationObserver(note).observe(document.body,
    {childList: true, subtree: true, characterData: true});
}"""


def label(key: str) -> str:
    """Return the date a frame key stands for, as the page prints it ('1985-02' -> 'February 1985')."""
    year, _, month = key.partition("-")
    period = model.month(int(year), int(month)) if month else model.year(int(year))
    return period.label


def frame_of(key: str) -> timeline.Frame:
    year, _, month = key.partition("-")
    return timeline.Frame(int(year), int(month) if month else None)


def font_px(locator) -> float:
    return float(locator.evaluate("(element) => parseFloat(getComputedStyle(element).fontSize)"))


def assert_fits_the_screen(app: AppPage, viewport: dict[str, int]) -> None:
    """Assert the big date, the whole map and the play button are on screen, with no sideways scroll."""
    for name, locator in (
        ("date", app.date),
        ("map", app.page.locator(MAP_IFRAME)),
        ("play button", app.button("play")),
    ):
        box = locator.bounding_box()
        assert box, f"the {name} is not drawn"
        assert box["y"] >= 0 and box["y"] + box["height"] <= viewport["height"] + 1, (
            f"the {name} does not fit a {viewport['width']}x{viewport['height']} screen: {box}"
        )
    overflow = app.page.evaluate("() => document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"the page scrolls sideways by {overflow}px"


# ------------------------------------------------------------------ presentation mode
@pytest.mark.browser
def test_presentation_mode_plays_five_frames_and_space_pauses(app: AppPage, dataset):
    app.open({"mode": "present", "year": "1985"}, frame="1985")

    expect(app.page.get_by_test_id("stSidebar")).to_be_hidden()
    expect(app.page.get_by_test_id("stSidebarCollapsedControl")).to_be_hidden()
    assert font_px(app.date) >= 48
    legend = app.page.locator(".kr-legend-compact")
    expect(legend).to_be_visible()
    expect(legend).to_contain_text("Khmer Rouge")
    symbols = legend.locator("img")
    assert symbols.count() > 0
    assert symbols.evaluate_all("(images) => images.every((i) => i.complete && i.naturalWidth > 0)")
    assert_fits_the_screen(app, PROJECTOR)
    app.screenshot("present-1985")

    app.map_frame().evaluate(RECORD_FRAMES_JS)
    app.page.evaluate(RECORD_DATES_JS)
    app.button("play").click()
    expect(app.button("play")).to_contain_text("Pause")

    shown = watch_frames(app, FRAMES_TO_WATCH)

    # each frame is the next one on the timeline (after the first step out of the whole year)
    sequence = timeline.frames(monthly=model.dense_years(dataset))
    for before, after in pairwise(shown[1:]):
        assert timeline.step(sequence, frame_of(before)) == frame_of(after), shown
    assert frame_of(shown[1]).year == 1985, shown

    # space (focus on the page body) pauses
    app.blur()
    app.page.keyboard.press(" ")
    expect(app.button("play")).to_contain_text("Play")
    app.wait_until_idle()
    frames_seen = app.map_frame().evaluate("() => window.krFrames.slice()")
    dates_seen = app.page.evaluate("() => window.krDates.slice()")
    # Nothing to wait *for* when checking that nothing happens: watch for 2.5 play intervals.
    app.page.wait_for_timeout(PLAY_SECONDS * 2.5 * 1000)
    assert app.map_frame().evaluate("() => window.krFrames.slice()") == frames_seen
    assert app.page.evaluate("() => window.krDates.slice()") == dates_seen
    expect(app.date).to_have_text(label(frames_seen[-1]))

    # the same paused frame on a full-HD projector
    app.page.set_viewport_size(FULL_HD)
    app.map_frame().wait_for_function(
        "() => { const map = window[Object.keys(window).find((k) => k.startsWith('map_'))];"
        " return innerWidth > 1300 && Math.abs(map.getSize().x - innerWidth) < 2; }"
    )
    app.wait_until_idle()
    assert font_px(app.date) >= 48
    assert_fits_the_screen(app, FULL_HD)
    app.screenshot("present-1920x1080")
    app.assert_healthy()


def watch_frames(app: AppPage, count: int) -> list[str]:
    """Wait for ``count`` new frames on the map; screenshot each; return all keys seen."""
    frame = app.map_frame()
    timeout = int((PLAY_SECONDS * 4 + 10) * 1000)  # a frame, its rerun, and a busy machine
    for seen in range(2, count + 2):
        frame.wait_for_function("(n) => window.krFrames.length >= n", arg=seen, timeout=timeout)
        key = frame.evaluate("(n) => window.krFrames[n - 1]", seen)
        # The date changes before the map: screenshot once both show this frame
        # (unless play has already moved on, which only a very slow machine does).
        if app.frame_key() == key and app.date.text_content() == label(key):
            app.screenshot(f"present-{key}")
    return frame.evaluate("() => window.krFrames.slice()")


# ------------------------------------------------------------------ story mode
@pytest.mark.browser
def test_story_mode_steps_with_the_arrow_key_and_shows_narrative_and_quotes(app: AppPage, dataset):
    steps = story.steps(dataset)
    first, second = steps[0], steps[1]
    app.open({"mode": "story", "story": "1"})

    if first.content_note:  # a content note comes before the step itself
        expect(
            app.page.get_by_test_id("stAlert").filter(has_text=first.content_note)
        ).to_be_visible()
        expect(app.page.locator(".kr-narrative")).to_have_count(0)
    show_story_step(app, first)
    app.screenshot("story-1")

    app.blur()
    app.page.keyboard.press("ArrowRight")
    expect(app.page.locator(".kr-story h2")).to_have_text(f"2. {second.title}")
    show_story_step(app, second)
    app.screenshot("story-2")
    # the quotes sit below the narrative: the class scrolls the text panel to them
    quote = app.page.locator(".kr-story .kr-quote").first
    quote.scroll_into_view_if_needed()
    expect(quote).to_be_in_viewport()
    app.screenshot("story-2-sources")
    app.assert_healthy()


def show_story_step(app: AppPage, step: story.Step) -> None:
    """Get past the step's content note if it has one; check its map, narrative and quotes."""
    if step.content_note:
        app.button(f"note_button_{step.number}").click()
    expect(app.page.locator(".kr-story h2")).to_have_text(f"{step.number}. {step.title}")
    key = f"{step.year}-{step.month:02d}" if step.month else str(step.year)
    app.wait_for_frame(key)
    narrative = app.page.locator(".kr-narrative")
    expect(narrative).to_be_visible()
    expect(narrative).to_have_text(re.compile(re.escape(step.narrative[:40])))
    quotes = app.page.locator(".kr-story .kr-quote")
    expect(quotes.first).to_be_visible()
    assert quotes.count() == len(step.sources)
    expect(app.page.locator(".kr-story .kr-source").first).to_contain_text("seeds/")
