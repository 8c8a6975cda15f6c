"""Exports in Khmer and French in Chromium, opened from disk with the network cut.

The Khmer page carries Noto Sans Khmer whole: Chromium reports the face loaded and draws
the page's Khmer text with it. Screenshots go to artifacts/lang/ (1280x720).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from kr_map import cli, i18n

from .browser import PROJECTOR, files_only
from .conftest import ROOT

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

SHOTS = ROOT / "artifacts" / "lang"
ZWSP = "\u200b"


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("lang")
    made = {}
    for lang in ("km", "fr"):
        made[lang] = folder / f"kr-map-{lang}.html"
        assert cli.main(["export", str(made[lang]), "--lang", lang]) == 0
    return made


@pytest.fixture
def open_offline(chromium):
    contexts = []

    def opener(path: Path):
        context = chromium.browser.new_context(viewport=PROJECTOR)
        contexts.append(context)
        blocked, errors = files_only(context), []
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(path.as_uri())
        page.wait_for_selector(".krp-shell[data-ready=true]", state="attached")
        return page, blocked, errors

    yield opener
    for context in contexts:
        context.close()


FONT_STATE = """async () => {
  await document.fonts.ready;
  const note = document.querySelector('.krp-review');
  return {
    lang: document.documentElement.lang,
    note: note ? note.textContent : null,
    noteFont: note ? getComputedStyle(note).fontFamily : null,
    // the note stays within the locator's width, in the room the framing keeps clear
    noteWidth: note ? note.getBoundingClientRect().width : null,
    locatorWidth: (document.querySelector('.krp-locator') || {getBoundingClientRect: () => ({width: 0})})
      .getBoundingClientRect().width,
    faces: [...document.fonts].map((face) => [face.family.replaceAll('"', ''), face.status]),
    check: document.fonts.check('24px "Noto Sans Khmer"', 'ប៉ៃលិន'),
  };
}"""


def test_the_khmer_export_draws_its_khmer_with_the_bundled_font_offline(exports, open_offline):
    page, blocked, errors = open_offline(exports["km"])
    state = page.evaluate(FONT_STATE)
    assert state["lang"] == "km"
    assert state["note"].replace(ZWSP, "") == i18n.translator("km").gettext(
        "Translation under review"
    )
    assert state["noteFont"].startswith('"Noto Sans Khmer"')
    assert state["noteWidth"] <= max(state["locatorWidth"], 140), state
    assert ["Noto Sans Khmer", "loaded"] in state["faces"]
    assert state["check"] is True
    page.click(".krp-filters summary")
    filters = page.locator(".krp-filters")  # the events panel may name camps too
    assert filters.get_by_text(i18n.layer_titles("km")["camps"], exact=True).is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "export-km-1280x720.png"))
    assert blocked == [] and errors == []


def test_the_french_export_says_french_and_carries_no_khmer_font(exports, open_offline):
    page, blocked, errors = open_offline(exports["fr"])
    state = page.evaluate(FONT_STATE)
    assert state["lang"] == "fr"
    assert state["note"] == "Traduction en cours de relecture"
    assert state["noteWidth"] <= max(state["locatorWidth"], 140), state
    assert all(family != "Noto Sans Khmer" for family, _ in state["faces"])
    page.click(".krp-filters summary")
    assert page.locator(".krp-filters").get_by_text("Camps frontaliers", exact=True).is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "export-fr-1280x720.png"))
    assert blocked == [] and errors == []
