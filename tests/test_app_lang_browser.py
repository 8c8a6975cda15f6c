"""The app at ?lang=km in Chromium (issue 21): Khmer in the map's frame with the bundled
font, every Khmer character drawn (none as a missing-glyph box), nothing wider than a
1280x720 projector. The machine has no Khmer font of its own: only the app's can draw it.
"""

from __future__ import annotations

import re

import pytest

from kr_map import i18n

from .browser import AppPage

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

KHMER = re.compile("[\u1780-\u17ff]")

# Each Khmer character of the frame's text drawn alone with the bundled font, compared with
# a character no font here has (U+E000, a private-use point): the same pixels mean a box.
MAP_STATE = """async () => {
  await document.fonts.ready;
  await document.fonts.load('40px "Noto Sans Khmer"', 'ក');
  const caption = document.querySelector('.krp-caption');
  const text = document.body.innerText;
  const chars = [...new Set([...text].filter((ch) => /[\\u1780-\\u17ff]/.test(ch)))];
  const canvas = document.createElement('canvas');
  canvas.width = 64; canvas.height = 64;
  const ctx = canvas.getContext('2d');
  const draw = (ch) => {
    ctx.clearRect(0, 0, 64, 64);
    ctx.font = '40px "Noto Sans Khmer"';
    ctx.fillText(ch, 8, 48);
    return canvas.toDataURL();
  };
  const box = draw('\\ue000');
  return {
    lang: document.documentElement.lang,
    caption: caption.textContent,
    captionFont: getComputedStyle(caption).fontFamily,
    faces: [...document.fonts].map((face) => [face.family.replaceAll('"', ''), face.status]),
    check: document.fonts.check('24px "Noto Sans Khmer"', caption.textContent),
    chars: chars.length,
    missing: chars.filter((ch) => draw(ch) === box),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""

PAGE_STATE = """async () => {
  await document.fonts.ready;
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  return {
    lang: document.documentElement.lang,
    sidebar: sidebar ? sidebar.innerText : '',
    check: document.fonts.check('16px "Source Sans"', 'ភាសា'),
    faces: [...document.fonts].map((face) => [face.family.replaceAll('"', ''), face.status]),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


def test_the_app_at_lang_km_shows_khmer_with_the_bundled_font_on_a_projector(app: AppPage):
    app.open({"lang": "km", "year": "1989"}, frame="1989")
    state = app.map_frame().evaluate(MAP_STATE)
    assert state["lang"] == "km"
    assert KHMER.search(state["caption"])
    assert state["captionFont"].startswith('"Noto Sans Khmer"')
    assert ["Noto Sans Khmer", "loaded"] in state["faces"]
    assert state["check"] is True
    assert state["chars"] > 20 and state["missing"] == []
    assert state["overflow"] <= 0
    page = app.page.evaluate(PAGE_STATE)
    assert page["lang"] == "km"
    assert i18n.gettext_for("km")("Presentation mode (projector)") in page["sidebar"]
    assert ["Source Sans", "loaded"] in page["faces"] and page["check"] is True
    assert page["overflow"] <= 0
    app.screenshot("app-km-1280x720")
    app.assert_healthy()


@pytest.mark.parametrize("lang", ["km", "fr"])
def test_presentation_mode_in_each_language_fits_the_projector(app: AppPage, lang):
    app.open({"lang": lang, "year": "1989", "mode": "present"}, frame="1989")
    caption = app.map.locator(".krp-caption").text_content()
    with_digits = i18n.number(1989, lang).replace(",", "").replace(".", "").replace("\u202f", "")
    assert caption.startswith(with_digits)  # the frame's own label, in the language's digits
    if lang == "km":
        assert KHMER.search(caption)
    else:
        assert "passe aux Khmers rouges" in caption and "passes to" not in caption
    overflow = app.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    app.screenshot(f"app-present-{lang}-1280x720")
    app.assert_healthy()
