"""The classroom kit in the Streamlit app: the quiz mode, the print buttons, the citation tags.

The app's page head is Streamlit's own; the citation metadata the export carries
(``citation_*``, ``DC.*``) is put there by a script the page runs (``page.head_tags_script``).
"""

from __future__ import annotations

import pytest

pytest.register_assert_rewrite("tests.browser")  # before the import: it is also a plugin

from .browser import MAP_IFRAME, AppPage  # noqa: E402

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]


def test_the_app_page_head_carries_the_citation_metadata(app: AppPage):
    app.open({"year": "1989"}, frame="1989")
    tags = app.page.evaluate(
        "() => [...document.head.querySelectorAll('meta[name]')].map(m => [m.name, m.content])"
    )
    names = [name for name, _ in tags]
    assert names.count("citation_title") == 1 and "DC.title" in names
    assert ["DC.source", "https://en.wikipedia.org/wiki/Battle_of_Pailin"] in tags
    app.assert_healthy()


def test_the_app_quiz_asks_before_the_answer_and_reveals_it(app: AppPage):
    app.open({"mode": "quiz", "year": "1989"})
    app.wait_for_frame()
    box = app.map.locator(".krp-quiz-box")
    assert box.locator(".krp-quiz-prompt").inner_text().startswith("Thailand opened a camp")
    assert app.player("return player.frames[player.limit].key;") == "1979-10"
    app.map.locator(".krp-print-frame").wait_for()  # the handout's button is there too
    app.page.locator(MAP_IFRAME).first.scroll_into_view_if_needed()
    app.map.locator(".krp-shell").evaluate(
        "() => new Promise((done) => window.requestAnimationFrame(() => done(true)))"
    )
    x, y = app.player(
        """const at = player.map.latLngToContainerPoint([13.8939, 102.6675]);
           const box = player.map.getContainer().getBoundingClientRect();
           return [box.left + at.x, box.top + at.y];"""
    )
    frame = app.page.locator(MAP_IFRAME).first.bounding_box()
    app.page.mouse.click(frame["x"] + x, frame["y"] + y)
    assert box.locator(".krp-quiz-picked").inner_text() == "You chose: Khao I Dang camp"
    box.locator(".krp-quiz-answer").click()
    assert box.locator(".krp-quiz-verdict").inner_text() == "Right."
    app.wait_for_server_frame("1979-11")  # the reveal is reported like any frame
    app.assert_healthy()


@pytest.mark.parametrize("mode", ["compare", "predict"])
def test_the_quiz_button_stays_off_the_maps_of_other_modes(app: AppPage, mode: str):
    app.open({"mode": mode, "year": "1989"})
    app.wait_for_frame()
    app.map.locator(".krp-print-frame").wait_for()  # the add-ons are mounted
    assert app.map.locator(".krp-quiz-start").count() == 0
    app.assert_healthy()
