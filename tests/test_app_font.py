"""The app's Khmer font: written once into the static folder, linked by the map's frame and
given to Streamlit's own text; inlined whole when the folder cannot be written."""

from __future__ import annotations

import folium

from kr_map import fonts, page_lang

ROUTE = "../../app/static/"


def test_the_font_and_the_map_frames_sheet_are_written_once_and_point_at_each_other(tmp_path):
    font = page_lang.publish_font(tmp_path, ROUTE)
    css_file = tmp_path / font.map_css_url.removeprefix(ROUTE)
    font_file = tmp_path / "kr-map" / font.page_font_url.rsplit("/", 1)[1]
    assert font_file.read_bytes() == fonts.khmer_font().data()  # whole, never subset
    css = css_file.read_text(encoding="utf-8")
    assert f'url("{font_file.name}")' in css and ":lang(km)" in css
    assert font.page_font_url == f"app/static/kr-map/{font_file.name}"
    before = (css_file.stat().st_mtime_ns, font_file.stat().st_mtime_ns)
    assert page_lang.publish_font(tmp_path, ROUTE) == font
    assert (css_file.stat().st_mtime_ns, font_file.stat().st_mtime_ns) == before


def test_streamlits_own_family_gets_the_khmer_glyphs_only(tmp_path):
    css = page_lang.page_font_css(page_lang.publish_font(tmp_path, ROUTE))
    assert css.count("@font-face") == 2
    assert '"Source Sans"' in css and f"unicode-range: {fonts.KHMER_RANGE}" in css


def test_a_folder_that_cannot_be_written_gives_the_font_inline(tmp_path):
    blocker = tmp_path / "static"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    font = page_lang.publish_font(blocker, ROUTE)
    assert font == page_lang.AppFont(None, None)
    css = page_lang.page_font_css(font)
    assert css.startswith(fonts.khmer_font_face_css())  # the font itself, inline
    assert css.endswith(
        '[data-testid="stIconMaterial"] { font-family: "Material Symbols Rounded"; }\n'
    )
    assert page_lang.frame_font_css(font) == fonts.khmer_font_face_css()
    element = page_lang.MapLanguage("km", font)
    assert element.default_css[0][1].startswith("data:text/css;base64,")


def test_the_map_frame_gets_its_lang_and_only_khmer_gets_the_font(tmp_path):
    font = page_lang.publish_font(tmp_path, ROUTE)
    for lang, links in (("km", [("kr_khmer_font", font.map_css_url)]), ("fr", []), ("en", [])):
        fmap = folium.Map()
        element = page_lang.MapLanguage(lang, font)
        element.add_to(fmap)
        assert element.default_css == links
        assert f'document.documentElement.setAttribute("lang", "{lang}");' in (
            fmap.get_root().render()
        )
