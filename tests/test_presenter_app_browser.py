"""The app's presenter view: a second tab for the teacher, in step with the map's tab.

The sidebar's "Presenter view" opens the app with ``?presenter``: a page with the
presenter view (kr_map/presenter.py). It follows the map's tab and steers it over the
channel both pages of the app's origin share (core/channel.js, core/steer.js): the story's
steps and the modes reach the server as reports, time as a step and release.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.browser")  # before the import: it is also a plugin

from .browser import WAIT_MS, AppPage  # noqa: E402
from .test_app_lang_browser import BOXES_JS  # noqa: E402

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

STORY = list(csv.DictReader((Path(__file__).parents[1] / "data" / "story.csv").open()))


# The Khmer letters of the presenter view, and those its Khmer font draws as boxes.
KHMER_DRAWN = """async (body) => {
  await document.fonts.ready;
  await document.fonts.load('40px "Noto Sans Khmer"', 'ក');
  const chars = [...new Set([...body.innerText].filter((ch) => /[\\u1780-\\u17ff]/.test(ch)))];
  return {
    family: getComputedStyle(body.querySelector('.krp-presenter-title')).fontFamily,
    chars: chars.length,
    missing: (DRAWN_AS_BOXES)('"Noto Sans Khmer"', chars),
  };
}""".replace("DRAWN_AS_BOXES", BOXES_JS)


def presenter_tab(app: AppPage, name: str = "Presenter view", lang: str = ""):
    """Open the presenter page beside the app's tab; return the presenter view's frame."""
    link = app.page.get_by_role("link", name=name)
    address = "?presenter" + (f"&lang={lang}" if lang else "")
    assert link.get_attribute("href").endswith(address)  # in the page's language too
    tab = app.page.context.new_page()
    tab.on("pageerror", lambda error: app.errors.append(str(error)))
    tab.goto(f"{app.base_url}/{address}")
    view = tab.frame_locator("iframe").first
    view.locator(".krp-presenter").wait_for(timeout=WAIT_MS)
    return view


def shown(view, text: str) -> None:
    """Wait until the presenter says the map's tab shows ``text``."""
    view.locator(".krp-presenter-where", has_text=text).wait_for(timeout=WAIT_MS)


def test_the_presenter_shows_the_step_the_map_shows_with_its_notes_and_the_next(app: AppPage):
    app.open({"mode": "story", "story": "2"})
    app.wait_for_frame()
    view = presenter_tab(app)
    shown(view, f"Story, step 2 of {len(STORY)}: {STORY[1]['title']}")
    assert view.locator(".krp-teacher-notes").inner_text() == STORY[1]["teacher_notes"]
    assert view.locator(".krp-next-step").inner_text() == f"3. {STORY[2]['title']}"
    assert view.locator(".krp-presenter-clock").inner_text().startswith("0:")
    app.assert_healthy()


def test_the_presenter_steps_the_story_and_changes_the_mode_of_the_map_tab(app: AppPage):
    app.open({"mode": "story", "story": "2"})
    app.wait_for_frame()
    view = presenter_tab(app)
    shown(view, "step 2 of")
    view.locator(".krp-presenter-next").click()
    shown(view, f"step 3 of {len(STORY)}: {STORY[2]['title']}")
    app.page.get_by_text(STORY[2]["title"]).first.wait_for(timeout=WAIT_MS)  # the map's tab too
    view.locator('.krp-mode[data-mode="explore"]').click()
    shown(view, "Explore: ")
    app.wait_for_frame()
    app.page.wait_for_url(lambda url: "mode=" not in url)  # the address says explore
    assert app.map.locator(".krp-story-title").count() == 0
    app.assert_healthy()


def test_a_presenter_step_moves_time_on_the_map_and_the_server_hears_it(app: AppPage):
    app.open({"year": "1989"}, frame="1989")
    view = presenter_tab(app)
    shown(view, "Explore: 1989")
    view.locator(".krp-presenter-next").click()
    shown(view, "Explore: ")
    after = app.frame_key()
    assert after != "1989"
    view.locator(f".krp-presenter[data-shown='explore|{after}|']").wait_for(timeout=WAIT_MS)
    app.wait_for_server_frame(after)
    app.assert_healthy()


def test_in_khmer_the_presenter_gives_the_teacher_notes_translation_beside_them(app: AppPage):
    from kr_map import i18n

    app.open({"mode": "story", "story": "4", "lang": "km"})
    app.wait_for_frame()
    view = presenter_tab(app, i18n.gettext_for("km")("Presenter view"), "km")
    view.locator(".krp-presenter[data-shown^='story|']").wait_for(timeout=WAIT_MS)
    title = i18n.gettext_for("km")("Presenter view")
    assert view.locator(".krp-presenter-title").inner_text().replace("\u200b", "") == title
    assert view.locator(".krp-teacher-notes").inner_text() == STORY[3]["teacher_notes"]
    beside = view.locator(".krp-teacher-notes-box .krp-translated-text")
    assert beside.get_attribute("lang") == "km" and beside.inner_text().strip()
    # every Khmer letter drawn with the bundled font (this machine has no Khmer font)
    font = view.locator("body").evaluate(KHMER_DRAWN)
    assert font["family"].startswith('"Noto Sans Khmer"')
    assert font["chars"] > 20 and font["missing"] == []
    app.assert_healthy()
