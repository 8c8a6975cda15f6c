"""``kr-map export --lang en,km,fr``: one file, one frames document per language."""

from __future__ import annotations

import json
import re

import pytest

from kr_map import cli, i18n
from kr_map.export import export_html
from kr_map.export_html import DATA_ELEMENT_ID, page_languages

DOCUMENT = re.compile(r'<script type="application/json" id="(kr-frames[^"]*)">(.*?)</script>', re.S)


def documents(page: str) -> dict[str, dict]:
    """Return each embedded frames document by its element id."""
    return {element: json.loads(text) for element, text in DOCUMENT.findall(page)}


def mount_languages(page: str) -> list[dict]:
    """Return the languages the page mounts the player with (tests/test_export.py's way)."""
    (options,) = re.findall(r"KrPlayer\.mount\(map_\w+, (\{.*?\})\);", page)
    return json.loads(options)["languages"]


@pytest.fixture(scope="module")
def three(dataset) -> str:
    return export_html(dataset, 1989, 1989, lang="en,km,fr")


def test_a_file_in_three_languages_holds_one_document_per_language_the_first_the_default(three):
    found = documents(three)
    assert list(found) == [DATA_ELEMENT_ID, f"{DATA_ELEMENT_ID}-km", f"{DATA_ELEMENT_ID}-fr"]
    assert [doc["i18n"]["lang"] for doc in found.values()] == ["en", "km", "fr"]
    assert '<html lang="en">' in three


def test_each_document_speaks_its_language_and_keeps_the_data_text(three):
    found = list(documents(three).values())
    english, khmer, french = found
    assert khmer["layerTitles"]["camps"] == i18n.layer_titles("km")["camps"]
    assert french["i18n"]["messages"]["Translation under review"] != "Translation under review"
    for key, event in english["events"].items():  # quotes stay in English, word for word
        assert khmer["events"][key]["quote"] == french["events"][key]["quote"] == event["quote"]
    assert all(doc["languageNames"] == i18n.LANGUAGE_NAMES for doc in found)


def test_the_page_lists_its_languages_with_their_own_names_for_the_switch(three):
    assert mount_languages(three) == [
        {"lang": "en", "element": "kr-frames", "name": "English"},
        {"lang": "km", "element": "kr-frames-km", "name": "ភាសាខ្មែរ"},
        {"lang": "fr", "element": "kr-frames-fr", "name": "Français"},
    ]


def test_the_khmer_font_is_embedded_once_and_only_when_khmer_is_among_the_languages(dataset, three):
    assert three.count('id="kr-khmer-font"') == 1
    assert export_html(dataset, 1989, 1989, lang="km,en").count('id="kr-khmer-font"') == 1
    assert 'id="kr-khmer-font"' not in export_html(dataset, 1989, 1989, lang="en,fr")


def test_a_language_list_is_read_from_a_comma_list_and_refused_when_wrong():
    assert page_languages("en, km ,fr") == ("en", "km", "fr")
    assert page_languages("km") == ("km",)
    with pytest.raises(i18n.UnknownLanguage, match="en, km, fr"):
        page_languages("en,de")
    with pytest.raises(ValueError, match="twice"):
        page_languages("en,en")
    with pytest.raises(ValueError):
        page_languages("en,,fr")


def test_the_command_refuses_an_unknown_language_naming_the_choices(tmp_path, capsys):
    with pytest.raises(SystemExit) as stop:
        cli.main(["export", str(tmp_path / "map.html"), "--lang", "en,de"])
    assert stop.value.code == 2
    assert "en, km, fr" in capsys.readouterr().err
    assert not (tmp_path / "map.html").exists()


def test_the_command_says_which_languages_the_file_holds(tmp_path, capsys):
    out = tmp_path / "map.html"
    args = ["export", str(out), "--from", "1989", "--to", "1989", "--lang", "fr,km"]
    assert cli.main(args) == 0
    said = capsys.readouterr().out  # in French, the first language of --lang
    frames = i18n.translator("fr").ngettext(
        "{count} frame ({first}–{last}), layers {layers}, languages {langs}",
        "{count} frames ({first}–{last}), layers {layers}, languages {langs}",
        2,
    )
    assert frames.split("{layers}")[1].replace("{langs}", "fr,km") in said  # ", langues fr,km"
    assert [doc["i18n"]["lang"] for doc in documents(out.read_text(encoding="utf-8")).values()] == [
        "fr",
        "km",
    ]
