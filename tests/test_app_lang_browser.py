"""The app at ?lang=km in Chromium (issue 21): Khmer in the map's frame with the bundled
font, every Khmer character drawn (none as a missing-glyph box), nothing wider than a
1280x720 projector. The machine has no Khmer font of its own: only the app's can draw it.
"""

from __future__ import annotations

import itertools
import re

import pytest

from kr_map import i18n

from .browser import AppPage

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

KHMER = re.compile("[\u1780-\u17ff]")

# The characters of `chars` a font family draws as a box: each drawn alone, compared with a
# character no font here has (U+E000, a private-use point); the same pixels mean a box.
BOXES_JS = """(family, chars) => {
  const canvas = document.createElement('canvas');
  canvas.width = 64; canvas.height = 64;
  const ctx = canvas.getContext('2d');
  const draw = (ch) => {
    ctx.clearRect(0, 0, 64, 64);
    ctx.font = `40px ${family}`;
    ctx.fillText(ch, 8, 48);
    return canvas.toDataURL();
  };
  const box = draw('\\ue000');
  return chars.filter((ch) => draw(ch) === box);
}"""

MAP_STATE = """async () => {
  await document.fonts.ready;
  await document.fonts.load('40px "Noto Sans Khmer"', 'ក');
  const caption = document.querySelector('.krp-caption');
  const text = document.body.innerText;
  const chars = [...new Set([...text].filter((ch) => /[\\u1780-\\u17ff]/.test(ch)))];
  const boxes = (DRAWN_AS_BOXES)('"Noto Sans Khmer"', chars);
  return {
    lang: document.documentElement.lang,
    caption: caption.textContent,
    captionFont: getComputedStyle(caption).fontFamily,
    faces: [...document.fonts].map((face) => [face.family.replaceAll('"', ''), face.status]),
    check: document.fonts.check('24px "Noto Sans Khmer"', caption.textContent),
    chars: chars.length,
    missing: boxes,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}""".replace("DRAWN_AS_BOXES", BOXES_JS)

PAGE_STATE = """async () => {
  await document.fonts.ready;
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  return {
    lang: document.documentElement.lang,
    sidebar: sidebar ? sidebar.innerText : '',
    check: document.fonts.check('16px "Source Sans"', 'ភាសា'),
    checkKhmer: document.fonts.check('16px "Noto Sans Khmer"', 'ភាសា'),
    // the switch's Khmer letters drawn in Streamlit's family
    boxes: (DRAWN_AS_BOXES)('"Source Sans"', [...'ភាសាខ្មែរ'].filter((ch) => /[\u1780-\u17ff]/.test(ch))),
    faces: [...document.fonts].map((face) => [face.family.replaceAll('"', ''), face.status]),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}""".replace("DRAWN_AS_BOXES", BOXES_JS)


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
    # the page's Khmer (all of it :lang(km)) takes the bundled font by its own name; text the
    # page draws without a language, by Streamlit's family name: either face is the bundled one
    khmer_faces = [["Noto Sans Khmer", "loaded"], ["Source Sans", "loaded"]]
    assert any(face in page["faces"] for face in khmer_faces) and page["checkKhmer"] is True
    assert page["overflow"] <= 0
    app.screenshot("app-km-1280x720")
    app.assert_healthy()


# Streamlit's icons on the page: each a word its icon font draws as one picture (a ligature).
ICONS_JS = """async () => {
  await document.fonts.ready;
  return [...document.querySelectorAll('[data-testid="stIconMaterial"]')].map((icon) => {
    const box = icon.getBoundingClientRect();
    return {word: icon.textContent, font: getComputedStyle(icon).fontFamily, width: box.width,
            size: parseFloat(getComputedStyle(icon).fontSize)};
  });
}"""


@pytest.mark.parametrize("lang", ["km", "en"])
def test_streamlits_icons_are_pictures_not_words_in_every_language(app: AppPage, lang):
    """The sidebar's arrows and the events table's chevron: in Khmer, the page's Khmer font
    rule reached them too, and a teacher read "keyboard_arrow_right" beside the table."""
    app.open({"lang": lang, "year": "1985"}, frame="1985")
    icons = app.page.evaluate(ICONS_JS)
    assert len(icons) >= 2  # the sidebar's and the events table's
    for icon in icons:
        assert icon["font"].strip('"') == "Material Symbols Rounded", icon
        assert icon["width"] <= 1.5 * icon["size"], icon  # one glyph wide, not the word
    app.assert_healthy()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_language_switch_names_khmer_in_khmer_letters_in_every_language(app: AppPage, lang):
    """A teacher who reads Khmer finds the way to it: "ភាសាខ្មែរ" drawn with the bundled font,
    not as boxes, on a page in English or French."""
    app.open({"lang": lang, "year": "1989"}, frame="1989")
    page = app.page.evaluate(PAGE_STATE)
    assert i18n.LANGUAGE_NAMES["km"] in page["sidebar"]
    assert page["boxes"] == [] and page["check"] is True
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


# The time bar's year names on the wall: their rows, boxes and sizes, once the fonts are in.
YEAR_NAMES = """async () => {
  await document.fonts.ready;
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const track = document.querySelector('.krp-track').getBoundingClientRect();
  const names = [...document.querySelectorAll('.krp-year')].map((n) => {
    const r = n.getBoundingClientRect();
    return { text: n.textContent, top: Math.round(r.top), left: r.left, right: r.right,
             size: parseFloat(getComputedStyle(n).fontSize) };
  });
  const years = window.krPlayer.frames.filter((f, i) => !f.month && i <= window.krPlayer.limit);
  return { names, years: years.length, track: { left: track.left, right: track.right },
           screen: innerWidth };
}"""


@pytest.mark.parametrize("size", [(1280, 720), (1920, 1080)], ids=["1280x720", "1920x1080"])
@pytest.mark.parametrize("lang", ["km", "fr", "en"])
def test_on_the_wall_every_year_is_named_on_one_row_at_24_px(app: AppPage, lang, size):
    app.page.set_viewport_size({"width": size[0], "height": size[1]})
    app.open({"lang": lang, "year": "1989", "mode": "present"}, frame="1989")
    bar = app.map_frame().evaluate(YEAR_NAMES)
    names = bar["names"]
    assert len(names) == bar["years"], "every year named"
    assert len({n["top"] for n in names}) == 1, f"the names take more than one row: {names}"
    assert min(n["size"] for n in names) >= 24
    for before, after in itertools.pairwise(names):
        gap = after["left"] - before["right"]  # views/ticks.js keeps names 2 px apart
        assert gap >= 1.5, f"{before['text']} touches {after['text']}: {gap:.1f} px apart"
    assert names[0]["left"] >= 0 and names[-1]["right"] <= bar["screen"], "whole on screen"
    app.screenshot(f"app-present-years-{lang}-{size[0]}x{size[1]}")
    app.assert_healthy()


def test_the_offline_map_downloaded_from_a_khmer_page_is_khmer_and_says_so_in_its_name(
    app: AppPage, tmp_path
):
    """Saved from the Khmer page, the offline map speaks Khmer and is named kr-map-km.html: a
    teacher who saves it in English too keeps both files, each told by its name."""
    said = i18n.gettext_for("km")
    app.open({"lang": "km", "year": "1989"}, frame="1989")
    app.page.get_by_text(said("Download"), exact=True).click()
    with app.page.expect_download() as waiting:
        app.page.get_by_role("button", name=said("Offline map (HTML)")).click()
    download = waiting.value
    assert download.suggested_filename == "kr-map-km.html"
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    assert '<html lang="km"' in path.read_text(encoding="utf-8")
    app.assert_healthy()
