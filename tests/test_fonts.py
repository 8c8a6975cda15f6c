"""The Khmer font comes from its package, with its licence, and goes into Khmer pages whole."""

from __future__ import annotations

import base64
import json
import re
from importlib.metadata import files

import pytest

from kr_map import fonts, i18n, page_lang
from kr_map.cli import main
from kr_map.export import export_html


def embedded_bytes(css: str) -> bytes:
    match = re.search(r'url\("data:font/ttf;base64,([A-Za-z0-9+/=]+)"\)', css)
    assert match, "the @font-face has a data: URL"
    return base64.b64decode(match.group(1))


def test_noto_sans_khmer_is_found_in_its_installed_package():
    font = fonts.khmer_font()
    assert font.family == "Noto Sans Khmer"
    assert font.path.is_file() and font.path.suffix == ".ttf"
    installed = {str(path) for path in files("fontpkg-noto-sans-khmer")}
    assert any(path.endswith(font.path.name) for path in installed)


def test_the_fonts_licence_is_the_sil_open_font_license_shipped_beside_it():
    text = fonts.khmer_font().licence.read_text(encoding="utf-8")
    assert "SIL Open Font License, Version 1.1" in text
    assert "Noto Project Authors" in text


def test_the_font_face_embeds_the_whole_font_file_never_a_subset():
    assert embedded_bytes(fonts.khmer_font_face_css()) == fonts.khmer_font().data()


def test_the_font_face_covers_khmer_and_its_joiners_and_leaves_latin_to_the_page():
    css = fonts.khmer_font_face_css()
    assert "unicode-range: U+1780-17FF, U+19E0-19FF, U+200B-200D, U+25CC" in css
    assert ':lang(km), :lang(km) * { font-family: "Noto Sans Khmer"' in css


def test_a_khmer_page_carries_the_font_and_says_its_language():
    page = "<html><head><title>t</title></head><body></body></html>"
    khmer = page_lang.page_in(page, "km")
    assert khmer.startswith('<html lang="km"><head>')
    assert embedded_bytes(khmer) == fonts.khmer_font().data()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pages_in_other_languages_carry_no_font(lang):
    page = page_lang.page_in('<html lang="en"><head></head><body></body></html>', lang)
    assert page == f'<html lang="{lang}"><head></head><body></body></html>'


def test_a_page_without_one_html_and_head_is_a_bug_said_plainly():
    with pytest.raises(page_lang.PageShapeError):
        page_lang.page_in("<p>no page</p>", "km")


def test_the_app_gets_the_font_css_as_a_static_file_written_once(tmp_path):
    first = fonts.publish_css(tmp_path)
    assert first is not None and first.parent == tmp_path / "kr-map"
    assert embedded_bytes(first.read_text(encoding="utf-8")) == fonts.khmer_font().data()
    assert fonts.publish_css(tmp_path) == first


def test_a_read_only_static_folder_gives_none_not_an_error(tmp_path):
    blocker = tmp_path / "static"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    assert fonts.publish_css(blocker) is None


def page_document(page: str) -> dict:
    match = re.search(r'<script type="application/json" id="kr-frames">(.*?)</script>', page, re.S)
    assert match, "the page carries its frames document"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def pages_of_1989(dataset) -> dict[str, str]:
    return {lang: export_html(dataset, 1989, 1989, lang=lang) for lang in ("en", "fr", "km")}


def test_the_khmer_export_of_1989_says_khmer_and_embeds_the_whole_font(pages_of_1989):
    page = pages_of_1989["km"]
    assert page.count('<html lang="km">') == 1
    assert embedded_bytes(page) == fonts.khmer_font().data()
    document = page_document(page)
    assert document["i18n"]["lang"] == "km" and document["i18n"]["unreviewed"] is True
    assert document["layerTitles"]["control"] == "ការគ្រប់គ្រង"


def test_the_french_and_english_exports_carry_no_font_and_keep_the_data_text(pages_of_1989):
    assert "@font-face" not in pages_of_1989["fr"] and "@font-face" not in pages_of_1989["en"]
    french, english = (page_document(pages_of_1989[lang]) for lang in ("fr", "en"))
    assert [f["key"] for f in french["frames"]] == [f["key"] for f in english["frames"]]
    quotes = [[card["quote"] for card in doc["cards"]] for doc in (french, english)]
    assert quotes[0] == quotes[1]  # the data's own words, verbatim in every language
    assert french["frames"][0]["caption"] != english["frames"][0]["caption"]  # the map's words
    assert english["i18n"] == {"lang": "en", "messages": {}, "unreviewed": False}


def test_lang_is_refused_for_a_csv_export(tmp_path, capsys):
    assert main(["export", str(tmp_path / "events.csv"), "--lang", "km"]) == 2
    only_html = i18n.gettext_for("km")(
        "--layers, --online-tiles and --lang only apply to the HTML map"
    )
    assert only_html in capsys.readouterr().err  # said in Khmer, the language asked
    assert not (tmp_path / "events.csv").exists()
