"""The page logic, run through Streamlit's AppTest (no browser)."""

from __future__ import annotations

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


def slider(app: AppTest, label: str):
    return next(s for s in app.slider if s.label == label)


def test_the_app_runs_without_errors_and_shows_the_default_year():
    app = run_app()
    assert not app.exception
    assert slider(app, "Year").value == 1989
    assert '<p class="kr-date" aria-live="polite">1989</p>' in html_text(app)


def test_moving_the_slider_changes_the_date_caption_and_events_panel():
    app = run_app()
    before = html_text(app)
    slider(app, "Year").set_value(1985).run()
    after = html_text(app)
    assert not app.exception
    assert ">1985<" in after and ">1985<" not in before
    assert "Events of 1985" in after
    assert app.query_params["year"] in ("1985", ["1985"])


def test_a_dense_year_offers_a_month_step_and_a_month_narrows_the_events():
    app = run_app(year="1994")
    month = app.select_slider[0]
    assert month.label.startswith("Month")
    whole_year = html_text(app).count('class="kr-event"')
    month.set_value("Mar").run()
    march = html_text(app)
    assert "March 1994" in march
    assert 0 < march.count('class="kr-event"') < whole_year


def test_a_quiet_year_has_no_month_step():
    app = run_app(year="1982")
    assert not [s for s in app.select_slider if s.label.startswith("Month")]


def test_the_url_sets_year_month_and_layers():
    app = run_app(year="1994", month="4", layers="control,battles")
    assert not app.exception and not app.warning
    assert "April 1994" in html_text(app)
    assert app.session_state["layers"] == ["control", "battles"]


@pytest.mark.parametrize(
    "key,value",
    [("year", "3000"), ("year", "abc"), ("month", "0"), ("layers", "x"), ("mode", "hack")],
)
def test_a_bad_url_parameter_falls_back_with_a_visible_note(key, value):
    app = run_app(**{key: value})
    assert not app.exception
    assert any(value in w.value for w in app.warning)
    assert ">1989<" in html_text(app)


def test_html_in_url_parameters_is_never_rendered():
    app = run_app(year="<img src=x onerror=alert(1)>")
    assert not app.exception
    assert "<img src=x" not in html_text(app)


def test_step_buttons_move_one_frame_and_months_inside_dense_years():
    app = run_app(year="1986")
    app.button(key="step_forward").click().run()
    assert slider(app, "Year").value == 1987
    app.button(key="step_forward").click().run()
    assert (slider(app, "Year").value, app.session_state["month"]) == (1988, "Jan")
    app.button(key="step_back").click().run()
    assert (slider(app, "Year").value, app.session_state["month"]) == (1987, "Whole year")


def test_presentation_mode_from_the_url_hides_the_sidebar_and_keeps_the_legend():
    app = run_app(mode="present", year="1989")
    assert not app.exception
    text = html_text(app)
    assert 'section[data-testid="stSidebar"]' in text
    assert "kr-legend-compact" in text
    assert app.button(key="leave_present")


def test_play_advances_frames_and_pause_stops():
    app = run_app(year="1980")
    app.button(key="play").click().run()
    assert app.session_state["playing"] is True
    # a tick of the player, as the timer would fire it
    app.session_state["pending"] = None
    app.session_state["in_full_run"] = False
    from kr_map import timeline

    app.session_state["pending"] = timeline.Frame(1981)
    app.run()
    assert slider(app, "Year").value == 1981
    app.button(key="play").click().run()
    assert app.session_state["playing"] is False


def test_story_steps_set_the_date_and_show_quotes_with_their_seed():
    app = run_app(mode="story", story="6")
    assert not app.exception
    text = html_text(app)
    assert 'class="kr-narrative"' in text and "seeds/" in text and "kr-quote" in text
    first_date = text
    app.button(key="story_next").click().run()
    assert app.session_state["story_step"] == 7
    assert html_text(app) != first_date
    app.button(key="story_prev").click().run()
    assert app.session_state["story_step"] == 6


def test_a_story_step_about_killings_shows_a_content_note_first():
    from kr_map import story
    from kr_map.loader import load

    steps = story.steps(load())
    noted = next(s for s in steps if s.content_note)
    app = run_app(mode="story", story=str(noted.number))
    assert any(noted.content_note in w.value for w in app.warning)
    assert 'class="kr-narrative"' not in html_text(app)
    app.button(key=f"note_button_{noted.number}").click().run()
    assert 'class="kr-narrative"' in html_text(app)


def test_compare_lists_changes_of_hands_between_two_years():
    app = run_app(mode="compare", year="1988", compare="1990")
    assert not app.exception
    text = html_text(app)
    assert "Changes of hands" in text and "Pailin" in text


def test_predict_mode_hides_the_future_until_revealed():
    app = run_app(mode="predict", year="1987")
    assert slider(app, "Year").max == 1987  # later years cannot be reached before they are revealed
    app.button(key="reveal").click().run()
    assert not app.exception
    assert (slider(app, "Year").value, app.session_state["month"]) == (1988, "Jan")
    assert slider(app, "Year").max == 1988


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
