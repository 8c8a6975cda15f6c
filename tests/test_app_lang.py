"""The app in a language (issue 21): ``?lang=``, the switch, its own words, the map's frame.

Run through Streamlit's AppTest; what the map shows is the document the page publishes
(read back from the static folder), in the language of the page.
"""

from __future__ import annotations

import json
import re

import streamlit as st
from streamlit.testing.v1 import AppTest

from kr_map import i18n, territory
from kr_map.player import published_file

from .conftest import ROOT

APP = str(ROOT / "app.py")
KHMER = re.compile("[\u1780-\u17ff]")


def run_app(**query: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=120)
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def map_scripts(app: AppTest) -> list[str]:
    return [json.loads(c.proto.json_args)["script"] for c in app.get("component_instance")]


def published(app: AppTest) -> dict:
    """Return the frames document the page's (first) map loads."""
    (script, *_rest) = map_scripts(app)
    options = json.loads(re.search(r"KrPlayer\.mount\(map_div, (\{.*\})\);", script).group(1))
    if "doc" in options:
        return options["doc"]
    return json.loads(published_file(ROOT / "static", options["docUrl"]).read_text("utf-8"))


def html_text(app: AppTest) -> str:
    return "\n".join(str(element.proto.body) for element in app.get("html"))


def query_value(app: AppTest, key: str) -> str:
    value = app.query_params[key]
    return value[0] if isinstance(value, list) else value


def test_lang_km_gives_a_khmer_page_a_khmer_map_and_the_khmer_font():
    app = run_app(lang="km")
    assert not app.exception
    assert "unknown parameter" not in html_text(app)  # lang is a key the page knows
    km = i18n.gettext_for("km")
    assert app.sidebar.segmented_control(key="lang").value == "km"
    assert app.sidebar.segmented_control(key="mode").label == km("Mode")
    assert km("Presentation mode (projector)") in [t.label for t in app.sidebar.toggle]
    captions = " ".join(c.value for c in app.sidebar.caption)
    assert km("Layers, factions, legend, speed and loop are on the map itself.") in captions
    under_review = km(
        "Translation under review: written by the developers, not yet checked by a native speaker."
    )
    assert KHMER.search(under_review) and under_review in captions
    document = published(app)
    assert document["i18n"]["lang"] == "km" and document["i18n"]["unreviewed"] is True
    assert KHMER.search(document["frames"][0]["caption"])
    with i18n.speaking("km"):
        assert document["territoryNote"] == territory.territory_note()
    assert KHMER.search(document["territoryNote"])
    (script,) = map_scripts(app)
    assert 'setAttribute("lang", "km")' in script  # the map frame's <html lang>
    page = html_text(app)
    assert 'setAttribute("lang", "km")' in page  # Streamlit's own page
    assert '@font-face { font-family: "Source Sans"' in page  # Streamlit's text, Khmer glyphs
    assert '@font-face { font-family: "Noto Sans Khmer"' in page


def test_the_language_switch_sets_lang_and_keeps_the_other_keys_of_the_address():
    app = run_app(year="1994", month="3")
    assert app.sidebar.segmented_control(key="lang").value == "en"
    app.sidebar.segmented_control(key="lang").set_value("fr").run()
    assert not app.exception
    assert query_value(app, "lang") == "fr"
    assert query_value(app, "year") == "1994" and query_value(app, "month") == "3"
    fr = i18n.gettext_for("fr")
    assert app.sidebar.segmented_control(key="mode").label == fr("Mode") == "Mode"
    assert fr("Presentation mode (projector)") in [t.label for t in app.sidebar.toggle]
    document = published(app)
    assert document["i18n"]["lang"] == "fr"
    assert document["frames"][0]["label"] == "1979"
    assert (
        fr("Explore") == "Explorer"
        and "Explorer" in app.sidebar.segmented_control(key="mode").options
    )


def test_an_english_page_after_a_khmer_one_gets_english_words_not_the_cached_khmer():
    khmer = published(run_app(lang="km"))
    english_app = run_app(lang="en")
    english = published(english_app)
    assert KHMER.search(khmer["frames"][0]["caption"])
    assert not KHMER.search(json.dumps(english["frames"], ensure_ascii=False))
    assert english["i18n"]["lang"] == "en"
    assert 'setAttribute("lang", "en")' in map_scripts(english_app)[0]
    french = published(run_app(lang="fr"))
    assert french["frames"][0]["caption"] not in (english["frames"][0]["caption"],)


def test_the_disk_cache_keeps_one_document_per_language():
    khmer = published(run_app(lang="km"))
    st.cache_resource.clear()  # a restarted server: documents come from the disk cache
    english = published(run_app(lang="en"))
    st.cache_resource.clear()
    khmer_again = published(run_app(lang="km"))
    assert not KHMER.search(json.dumps(english["frames"], ensure_ascii=False))
    assert khmer_again["frames"] == khmer["frames"] and KHMER.search(khmer["frames"][0]["caption"])


def test_a_language_the_map_does_not_speak_falls_back_to_english():
    app = run_app(lang="de")
    assert not app.exception
    assert app.sidebar.segmented_control(key="lang").value == "en"
    assert published(app)["i18n"]["lang"] == "en"


def test_compare_story_and_predict_speak_french_with_the_data_as_written():
    fr = i18n.gettext_for("fr")
    app = run_app(lang="fr", mode="compare", year="1988", compare="1990")
    assert not app.exception
    assert app.subheader[0].value == fr(
        "Changes of hands: end of {first} → end of {second}"
    ).format(first="1988", second="1990")
    table = html_text(app)
    heads = "".join(f'<th scope="col">{fr(c)}</th>' for c in ("Place", "Before", "After"))
    assert f"<tr>{heads}</tr>" in table
    assert "<td>Pailin</td>" in table  # a place's name stays as written
    assert "<td>Khmers rouges</td>" in table  # a side's, as the captions say it
    story = run_app(lang="fr", mode="story", story="6")
    assert not story.exception
    assert fr("What the sources say") in html_text(story)
    predict = run_app(lang="fr", mode="predict", year="1985")
    assert not predict.exception
    assert published(predict)["i18n"]["lang"] == "fr"  # the cut document speaks it too


def test_the_events_table_heads_its_columns_in_khmer():
    km = i18n.gettext_for("km")
    app = run_app(lang="km", year="1989")
    assert not app.exception
    (expander,) = app.main.expander
    assert KHMER.search(expander.label) and "១៩៨៩" in expander.label
    table = "\n".join(str(element.proto.body) for element in expander.get("html"))
    heads = "".join(f'<th scope="col">{km(c)}</th>' for c in ("When", "What", "Kind"))
    assert f"<tr>{heads}" in table
    assert KHMER.search(table.split("<tbody>")[1])


def test_the_sources_line_quotes_titles_as_the_language_does():
    app = run_app(lang="fr")
    assert "« Battle of Pailin »" in html_text(app)  # the title as written, French marks
