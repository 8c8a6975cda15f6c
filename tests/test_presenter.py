"""The app's presenter window: its page carries a slim document as inert data."""

from __future__ import annotations

import json
import re

import pytest

from kr_map import presenter
from kr_map.i18n import UnknownLanguage

DOC = {
    "frames": [
        {"key": "1979", "year": 1979, "month": None, "label": "1979", "features": [1, 2]},
        {"key": "1989-10", "year": 1989, "month": 10, "label": "October 1989", "cards": []},
    ],
    "citation": {"dataVersion": "abc123", "title": "kr-map"},
    "sources": {"a.md": {"title": "A"}},
}
STEPS = [{"step": 1, "title": "</script><img src=x onerror=alert(1)>", "teacherNotes": "{{7*7}}"}]


def page_document(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="kr-presenter-doc">(.*?)</script>', html)
    assert match, "the page holds its document in a JSON element"
    return json.loads(match.group(1))


def test_the_presenter_document_keeps_only_what_the_view_reads():
    slim = presenter.presenter_document(DOC, STEPS)
    assert slim == {
        "frames": [{"key": "1979", "label": "1979"}, {"key": "1989-10", "label": "October 1989"}],
        "story": STEPS,
        "citation": {"dataVersion": "abc123"},
    }


def test_the_page_carries_hostile_story_text_as_data_only():
    html = presenter.presenter_page(DOC, STEPS)
    assert page_document(html)["story"] == STEPS  # read back whole and unchanged
    body = html.split('id="kr-presenter-doc">', 1)[1].split("</script>", 1)[0]
    assert "<img" not in body and "{{" not in body  # inert inside the page
    assert html.count("</script>") == 2  # the JSON element and the script, nothing closed early


def test_the_page_is_in_the_language_asked_and_only_in_one_the_map_speaks():
    assert '<html lang="km">' in presenter.presenter_page(DOC, STEPS, "km")
    with pytest.raises(UnknownLanguage):
        presenter.presenter_page(DOC, STEPS, '"><script>')


def test_a_khmer_page_carries_the_font_sheet_it_is_given_and_nothing_that_closes_it():
    from kr_map import page_lang

    sheet = page_lang.frame_font_css(page_lang.AppFont(None, "app/static/kr-map/khmer-0.ttf"))
    html = presenter.presenter_page(DOC, STEPS, "km", sheet)
    assert f"<style>{sheet}</style>" in html and 'url("app/static/kr-map/khmer-0.ttf")' in sheet
    assert ":lang(km)" in sheet
    with pytest.raises(ValueError):
        presenter.presenter_page(DOC, STEPS, "km", "</style><script>alert(1)</script>")
