"""The page logic, run through Streamlit's AppTest (no browser).

The map itself is the player (browser tests drive it); here we check what the
server does: the view it takes from the URL, the options it mounts the player
with, the fragment's table and compare list, the notices and the problem list.
"""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from .conftest import ROOT

APP = str(ROOT / "app.py")


def run_app(**query: str) -> AppTest:
    app = AppTest.from_file(APP, default_timeout=60)
    for key, value in query.items():
        app.query_params[key] = value
    return app.run()


def html_text(app: AppTest) -> str:
    return "\n".join(str(element.proto.body) for element in app.get("html"))


def mounts(app: AppTest) -> list[dict]:
    """Return the options of every player the page mounted, as the browser receives them."""
    found = []
    for component in app.get("component_instance"):
        script = json.loads(component.proto.json_args)["script"]
        match = re.search(r"KrPlayer\.mount\(map_div, (\{.*\})\);", script)
        assert match, "every map on the page holds the player"
        found.append(json.loads(match.group(1)))
    return found


def test_the_app_opens_on_1989_with_the_player_and_the_frames_document():
    app = run_app()
    assert not app.exception
    (options,) = mounts(app)
    assert options["start"] == "1989" and options["mode"] == "explore"
    assert options["docUrl"].startswith("../../app/static/kr-map/frames-")
    assert 'data-frame="1989"' in html_text(app)


def test_the_url_sets_the_frame_layers_and_factions():
    app = run_app(year="1994", month="3", layers="control,battles", factions="khmer_rouge,rgc")
    (options,) = mounts(app)
    assert options["start"] == "1994-03"
    assert options["layers"] == ["control", "battles"]
    assert options["factions"] == ["khmer_rouge", "rgc"]
    assert app.query_params["month"] in ("3", ["3"])


def test_a_month_of_a_quiet_year_opens_the_year_frame():
    (options,) = mounts(run_app(year="1982", month="3"))
    assert options["start"] == "1982"


@pytest.mark.parametrize(
    ("key", "value"), [("year", "2050"), ("year", "abc"), ("layers", "nope"), ("mode", "x")]
)
def test_a_bad_url_parameter_falls_back_with_a_visible_note(key, value):
    app = run_app(**{key: value})
    assert not app.exception
    assert "kr-notice-warning" in html_text(app)
    assert mounts(app)


def test_html_and_markdown_in_url_parameters_are_shown_as_text():
    app = run_app(mode="<img src=x onerror=alert(1)>**bold**")
    text = html_text(app)
    assert "<img src=x" not in text and "&lt;img src=x" in text
    assert not app.markdown or all("**bold**" not in m.value for m in app.markdown)


def test_presentation_mode_from_the_url_hides_the_sidebar_and_scales_the_player():
    app = run_app(mode="present", year="1989")
    assert not app.exception
    assert 'section[data-testid="stSidebar"]' in html_text(app)
    (options,) = mounts(app)
    assert options["present"] is True
    assert app.button(key="leave_present")


def test_story_steps_set_the_frame_view_and_layers_and_show_quotes_with_their_seed():
    from kr_map import story
    from kr_map.loader import load

    step = story.steps(load())[5]
    app = run_app(mode="story", story="6")
    assert not app.exception
    text = html_text(app)
    assert 'class="kr-narrative"' in text and "seeds/" in text and "kr-quote" in text
    (options,) = mounts(app)
    assert options["mode"] == "story"
    assert options["start"].startswith(str(step.year))
    assert options["view"] == {"center": [step.lat, step.lon], "zoom": step.zoom}
    assert options["layers"] == list(step.layers)
    app.button(key="story_next").click().run()
    assert app.session_state["story_step"] == 7
    assert app.query_params["story"] in ("7", ["7"])


def test_a_story_step_about_killings_shows_a_content_note_first():
    from kr_map import story
    from kr_map.loader import load

    noted = next(s for s in story.steps(load()) if s.content_note)
    app = run_app(mode="story", story=str(noted.number))
    assert "kr-notice-warning" in html_text(app)
    assert not mounts(app)
    app.button(key=f"note_button_{noted.number}").click().run()
    assert 'class="kr-narrative"' in html_text(app)


def test_compare_mounts_two_synced_players_and_lists_changes_of_hands():
    app = run_app(mode="compare", year="1988", compare="1990")
    assert not app.exception
    left, right = mounts(app)
    assert (left["start"], right["start"]) == ("1988", "1990")
    assert left["sync"] == right["sync"] and left["sync"]
    assert right["parentKeys"] is False
    table = html_text(app)
    assert '<th scope="col">Place</th>' in table and "<td>Pailin</td>" in table


def test_predict_mounts_the_player_with_its_limit_even_in_a_busy_year():
    app = run_app(mode="predict", year="1985")
    assert not app.exception
    (options,) = mounts(app)
    assert options["limit"] == options["start"] == "1985"


def test_broken_data_shows_a_friendly_list_of_problems_not_a_traceback(data_copy, monkeypatch):
    import streamlit as st

    from .test_validate import edit_cell

    edit_cell(data_copy / "events.csv", 2, "start", "someday")
    monkeypatch.setenv("KR_MAP_DATA", str(data_copy))
    st.cache_resource.clear()
    try:
        app = run_app()
        assert not app.exception
        assert "data files have problems" in app.error[0].value
        assert "data/events.csv:2:start:" in app.code[0].value
    finally:
        monkeypatch.delenv("KR_MAP_DATA")
        st.cache_resource.clear()


def test_each_page_lists_the_data_problems_in_its_own_language(data_copy, monkeypatch):
    """The problems are worded as they are found: a Khmer page opened first left its Khmer
    words in the cache, and the English page after it read them."""
    import streamlit as st

    from .test_validate import edit_cell

    edit_cell(data_copy / "events.csv", 2, "start", "someday")
    monkeypatch.setenv("KR_MAP_DATA", str(data_copy))
    st.cache_resource.clear()
    khmer = re.compile("[\u1780-\u17ff]")
    try:
        pages = {lang: run_app(lang=lang) for lang in ("km", "en", "fr", "km")}
        for lang, app in pages.items():
            assert not app.exception
            (problems,) = [code.value for code in app.code]
            assert "data/events.csv:2:start:" in problems
            assert bool(khmer.search(problems)) == (lang == "km"), (lang, problems)
        assert "someday" in pages["en"].code[0].value
    finally:
        monkeypatch.delenv("KR_MAP_DATA")
        st.cache_resource.clear()


def served_document(options: dict) -> dict:
    """Return the frames document a mounted player loads (a file of the app's cache folder),
    its lists per frame again."""
    from kr_map import intervals
    from kr_map.player import published_file

    path = published_file(ROOT / "static", options["docUrl"])
    return intervals.unpack(json.loads(path.read_text(encoding="utf-8")))


def test_predict_hands_the_browser_no_frame_after_the_revealed_one():
    app = run_app(mode="predict", year="1985")
    (options,) = mounts(app)
    document = served_document(options)
    assert document["frames"][-1]["key"] == "1985" and document["more"] is True
    assert not [f for f in document["frames"] if f["year"] > 1985]


def test_the_app_follows_the_data_without_a_restart(data_copy, monkeypatch):
    from .test_validate import edit_cell

    monkeypatch.setenv("KR_MAP_DATA", str(data_copy))
    first = mounts(run_app(year="1989"))[0]
    assert "Pailin falls" not in json.dumps(served_document(first))
    edit_cell(data_copy / "events.csv", 3, "title", "Pailin falls (edited while the app runs)")
    second = mounts(run_app(year="1989"))[0]
    assert second["docUrl"] != first["docUrl"]
    assert "Pailin falls (edited while the app runs)" in json.dumps(served_document(second))
    assert not (ROOT / "static" / first["docUrl"].removeprefix("../../app/static/")).exists()
    edit_cell(data_copy / "events.csv", 3, "start", "someday")
    broken = run_app()
    assert not broken.exception and "data/events.csv:3:start:" in broken.code[0].value
    edit_cell(data_copy / "events.csv", 3, "start", "1979-01-07")
    assert mounts(run_app(year="1989"))


def test_a_large_dataset_shows_its_map_first_and_its_areas_once_made(data_copy, monkeypatch):
    import time

    import streamlit as st

    from kr_map import areas_apart, intervals
    from kr_map.player import published_file

    monkeypatch.setenv("KR_MAP_DATA", str(data_copy))
    monkeypatch.setenv(areas_apart.APART_ENV, "0")  # the bundled data counts as large
    st.cache_resource.clear()
    try:
        (options,) = mounts(run_app(year="1989"))
        served = served_document(options)
        assert served["areasApart"] is True
        assert not [f for f in served["features"] if f["type"] == "area"]
        made = published_file(ROOT / "static", options["areasUrl"])
        deadline = time.monotonic() + 60
        while not made.is_file() and time.monotonic() < deadline:
            time.sleep(0.1)  # made in the server's thread: no event reaches the test
        part = intervals.unpack(json.loads(made.read_text(encoding="utf-8")))
        joined = areas_apart.join(served, part)
        shown = {joined["features"][i]["type"] for i in joined["frames"][-1]["features"]}
        assert "area" in shown and "place" in shown
        (predict,) = mounts(run_app(mode="predict", year="1985"))
        whole = served_document(predict)  # predict's cut document comes with its areas
        assert "areasUrl" not in predict and "areasApart" not in whole
        assert [f for f in whole["features"] if f["type"] == "area"]
    finally:
        st.cache_resource.clear()


def test_only_the_current_documents_stay_in_the_cache_folder():
    app = run_app()
    (options,) = mounts(app)
    name = options["docUrl"].rsplit("/", 1)[1]
    source = name.split("-")[1]
    ours = sorted(p.name for p in (ROOT / "static" / "kr-map").glob(f"frames-{source}-*.json"))
    version = name.split("-")[2]
    assert ours and all(n.startswith(f"frames-{source}-{version}-") for n in ours)


def test_present_with_a_story_step_opens_that_step_on_the_wall():
    from kr_map import story
    from kr_map.loader import load

    steps = story.steps(load())
    step = next(s for s in steps if s.number == 11)
    app = run_app(mode="present", story="11")
    assert not app.exception
    assert app.session_state["mode"] == "Story" and app.session_state["present"] is True
    if step.content_note:
        app.button(key="note_button_11").click().run()
    (options,) = mounts(app)
    assert options["present"] is True and options["mode"] == "story"
    card = options["story"]
    assert (card["number"], card["count"], card["title"]) == (11, len(steps), step.title)
    assert [s["quote"] for s in card["sources"]] == [s.quote for s in step.sources]
    assert app.query_params["story"] in ("11", ["11"])
    assert app.query_params["mode"] in ("present", ["present"])


def test_compare_on_the_wall_lists_each_change_with_its_date_quote_and_source():
    app = run_app(mode="present", year="1988", compare="1990")
    assert not app.exception
    text = html_text(app)
    assert 'class="kr-changes"' in text
    assert "<b>Pailin</b>" in text and "since 24 Oct 1989" in text
    assert "On October 24, 1989, the Khmer Rouge claimed victory" in text
    left, right = mounts(app)
    assert left["present"] and right["present"]


def test_the_mode_is_chosen_with_buttons_and_a_second_click_keeps_it():
    """The Mode switch is a segmented control: after a click, ← and → are the map's (a radio
    would take them and change the mode); clicking the chosen mode again keeps it chosen."""
    app = run_app(mode="compare", year="1988", compare="1990")
    (modes,) = [w for w in app.button_group if w.key == "mode"]
    assert modes.value == "Compare" and not app.get("radio")
    modes.set_value("Story").run()
    assert app.session_state["mode"] == "Story"
    (modes,) = [w for w in app.button_group if w.key == "mode"]
    modes.set_value(None).run()  # what a click on the chosen button sends
    assert app.session_state["mode"] == "Story" and not app.exception


def test_quiz_mode_mounts_the_player_in_quiz_mode_with_the_checked_questions():
    app = run_app(mode="quiz", year="1989")
    assert not app.exception
    (options,) = mounts(app)
    assert options["mode"] == "quiz"
    quiz = served_document(options)["quiz"]
    assert 6 <= len(quiz["questions"]) <= 10
    # The events table would give the answers away.
    assert not [e for e in app.expander if "Table of the events" in e.label]
    assert [e for e in run_app(year="1989").expander if "Table of the events" in e.label]
    assert app.query_params["mode"] in ("quiz", ["quiz"])


def test_on_this_computer_the_app_makes_no_qr_code_a_phone_could_not_open():
    (options,) = mounts(run_app())
    assert "qr" not in served_document(options)


def test_only_the_main_map_of_each_mode_joins_the_presenter_and_a_story_map_says_its_step():
    story_map = mounts(run_app(mode="story", story="3"))
    assert [m.get("presenter") for m in story_map] == [True]
    assert story_map[0]["storyStep"] == 3
    compare = mounts(run_app(mode="compare", year="1989"))
    assert [bool(m.get("presenter")) for m in compare] == [True, False]


def test_presenter_in_the_address_opens_the_presenter_view_and_no_map():
    app = run_app(presenter="")
    assert not app.exception
    assert app.get("component_instance") == []  # no map in the teacher's window
    pages = [element.proto for element in app.get("iframe")]
    assert len(pages) == 1 and "KrPresenter.mount" in str(pages[0])
