"""Reports from the player are untrusted input: only known, well-formed parts are taken."""

import logging
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kr_map.reports import (
    MAX_REPORT_CHARS,
    Report,
    install_report_guard,
    parse_report_text,
    read_report,
)

KEYS = ["1989", "1989-10", "1990"]
LAYERS = ("zones", "control", "battles")
FACTIONS = ("khmer_rouge", "rgc")


def read(value):
    return read_report(value, KEYS, LAYERS, FACTIONS)


def test_a_release_report_gives_the_frame_layers_and_factions_in_their_own_order():
    report = read({"frame": "1989-10", "layers": ["battles", "zones"], "factions": ["rgc"],
                   "revealed": None})  # fmt: skip
    assert report == Report(frame="1989-10", layers=("zones", "battles"), factions=("rgc",))


def test_unknown_frames_layers_and_factions_are_dropped():
    report = read({"frame": "2050", "layers": ["nope", 3], "factions": "rgc", "revealed": "1979"})
    assert report == Report(layers=())


def test_story_keys_give_a_step_and_nothing_else():
    assert read({"story": 1, "frame": "1990"}) == Report(story_step=1)
    assert read({"story": True}).story_step is None
    assert read({"story": 7}).story_step is None


def test_anything_that_is_not_an_object_is_ignored():
    for value in (None, [], "1989", 3, {"frame": ["1989"]}):
        assert read(value).frame is None


def test_home_and_end_in_a_story_ask_for_its_first_and_last_step():
    assert read({"story": "first"}) == Report(story_end="first")
    assert read({"story": "last", "frame": "1990"}) == Report(story_end="last")
    assert read({"story": "middle"}) == Report()
    assert read({"story": ["last"]}).story_end is None


def test_a_story_step_must_be_a_whole_number():
    assert read({"story": 1.0}).story_step is None
    assert read({"story": -1}).story_step == -1


def test_predict_asks_for_the_next_frame_with_reveal_next_and_nothing_else_does():
    assert read({"reveal": "next", "frame": "1989", "revealed": "1989"}).reveal_next
    for other in ("NEXT", "all", True, 1, ["next"], {"next": 1}, None):
        assert not read({"reveal": other}).reveal_next


# --- Fuzzing: any value the browser (or anyone on the socket) can send -------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=30,
)
report_like = st.fixed_dictionaries(
    {},
    optional={
        "frame": json_values | st.sampled_from(KEYS),
        "revealed": json_values | st.sampled_from(KEYS),
        "layers": json_values | st.lists(st.sampled_from(LAYERS)),
        "factions": json_values | st.lists(st.sampled_from(FACTIONS)),
        "story": json_values | st.sampled_from([-1, 1]),
        "reveal": json_values | st.just("next"),
    },
)


@settings(max_examples=400, deadline=None)
@given(json_values | report_like)
def test_any_json_value_gives_a_report_of_known_parts_only(value):
    report = read(value)
    assert report.frame in (None, *KEYS) and report.revealed in (None, *KEYS)
    assert report.layers is None or set(report.layers) <= set(LAYERS)
    assert report.factions is None or set(report.factions) <= set(FACTIONS)
    assert report.story_step in (None, -1, 1)
    assert isinstance(report.reveal_next, bool)


HOSTILE_TEXTS = [
    "{bad json",
    "",
    "1" * 5000,  # more digits than Python reads as an int
    '{"frame": ' + "9" * 5000 + "}",
    "[" * 100_000 + "]" * 100_000,  # deeper than Python's recursion limit
    '{"a": ' * 50_000 + "1" + "}" * 50_000,
    "1e999",
    "NaN",
    '"\\ud800"',
    "x" * (MAX_REPORT_CHARS + 1),
]


@pytest.mark.parametrize("text", HOSTILE_TEXTS, ids=lambda t: t[:12])
def test_text_that_is_not_a_report_is_read_as_no_value_and_never_raises(text, caplog):
    value = parse_report_text(text)
    report = read(value)
    assert report.frame is None and not report.reveal_next


@settings(max_examples=400, deadline=None)
@given(st.text(max_size=200) | st.binary(max_size=200).map(lambda b: b.decode("latin-1")))
def test_any_text_at_all_is_parsed_without_raising(text):
    read(parse_report_text(text))


def test_invalid_json_is_logged(caplog):
    with caplog.at_level(logging.WARNING, logger="kr_map.reports"):
        assert parse_report_text("{bad json") is None
    assert "not JSON" in caplog.text


def widget_state(text: str):
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    return WidgetState(id="map", json_value=text)


def test_the_guard_makes_streamlits_unpacking_of_component_values_total():
    from streamlit.runtime.state import session_state

    install_report_guard()
    install_report_guard()  # twice is the same as once
    unpack = session_state.unpack_widget_state_value
    assert unpack.kr_map_guard
    assert unpack(widget_state('{"frame": "1989"}')) == {"frame": "1989"}
    for text in HOSTILE_TEXTS[:6]:
        assert unpack(widget_state(text)) is None


def test_streamlit_still_unpacks_widget_values_where_the_guard_expects():
    """Fails when Streamlit renames or moves the function the guard wraps (see reports.py)."""
    from streamlit.runtime.state import common, session_state

    assert callable(common.unpack_widget_state_value)
    source = Path(session_state.__file__).read_text(encoding="utf-8")
    assert "unpack_widget_state_value(wstate.value)" in source


def test_a_presenter_asks_for_a_mode_it_may_ask_for_and_nothing_else_comes_with_it():
    modes = ("explore", "story", "present")
    assert read_report({"mode": "story", "at": 1}, KEYS, LAYERS, FACTIONS, modes) == Report(
        mode="story"
    )
    assert read_report({"mode": "story", "frame": "1990"}, KEYS, LAYERS, FACTIONS, modes) == (
        Report(mode="story")
    )
    for unknown in ("admin", ["story"], None, 3):
        assert read_report({"mode": unknown}, KEYS, LAYERS, FACTIONS, modes) == Report()
    assert read({"mode": "story"}) == Report()  # a page that allows no modes takes none
