"""A tiny app: the kr-map player through Streamlit's own component API (a spike).

    streamlit run benchmarks/spike_component/app.py    # from the repository's top folder

Explore mode only, with what the benchmark reads from the real app: the map (here in
:mod:`component`'s frame instead of streamlit-folium's), the player's report on release
taken by the ``page_state`` fragment alone, which writes the address bar, ``.kr-runs`` and
the events table as the app's does. The frames document is published as the app does,
under ``static/`` beside this file.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import streamlit as st
from component import kr_map_player

from kr_map import frames, model, page, timeline
from kr_map.basemap import base_map
from kr_map.loader import borders_beside, default_data_dir, load
from kr_map.player import Player, publish
from kr_map.reports import install_report_guard, read_report
from kr_map.vocab import FACTION_IDS, LAYERS

st.set_page_config(page_title="kr-map: component spike", layout="wide")
STATIC_DIR = Path(__file__).parent / "static"
install_report_guard()


@st.cache_resource(show_spinner=False)
def dataset():
    return load(default_data_dir())


@st.cache_resource(show_spinner=False)
def borders() -> dict:
    return borders_beside(default_data_dir(), False) or {"features": []}


@st.cache_resource(show_spinner="Preparing every frame of the map…")
def document_source() -> dict:
    document = frames.frames_document(dataset(), borders=borders())
    url = publish(document, STATIC_DIR, "spike")
    return {"docUrl": url} if url else {"doc": document}


@st.cache_resource(show_spinner=False)
def frame_sequence() -> list[timeline.Frame]:
    return frames.frame_sequence(dataset())


@st.cache_resource(show_spinner=False, max_entries=512)
def state_of(key: str) -> model.State:
    year, _, month = key.partition("-")
    frame = timeline.Frame(int(year), int(month) if month else None)
    return model.state_at(dataset(), frames.period_of(frame))


def frame_key(year: int, month: int | None) -> str:
    sequence = frame_sequence()
    return sequence[timeline.position(sequence, timeline.Frame(year, month))].key


def take_report() -> None:
    """Keep the frame, layers and factions the player reports; rerun page_state only."""
    keys = [frame.key for frame in frame_sequence()]
    report = read_report(st.session_state.get("map"), keys, LAYERS, FACTION_IDS)
    if report.frame is not None:
        st.session_state.frame = report.frame
    if report.layers is not None:
        st.session_state.layers = list(report.layers)
    if report.factions is not None:
        st.session_state.factions = list(report.factions)
    st.rerun("page_state")


@st.fragment(key="page_state")
def page_state() -> None:
    """The address bar and the run counts the benchmark reads."""
    year, _, month = st.session_state.frame.partition("-")
    view = page.View(year=int(year), month=int(month) if month else None,
                     layers=tuple(st.session_state.layers),
                     factions=tuple(st.session_state.factions))  # fmt: skip
    st.query_params.from_dict(page.to_query(view))
    st.session_state.page_state_runs = st.session_state.get("page_state_runs", 0) + 1
    st.html(
        f'<div class="kr-runs" aria-hidden="true" data-full="{st.session_state.full_runs}" '
        f'data-fragment="{st.session_state.page_state_runs}" '
        f'data-frame="{escape(st.session_state.frame)}"></div>'
    )
    state = state_of(st.session_state.frame)  # the same table as the app's, so the same work
    with st.expander(f"Table of the events of {state.period.label}"):
        st.dataframe(
            page.events_table(state.events, dataset().factions), hide_index=True, width="stretch"
        )


if "frame" not in st.session_state:
    view, _ = page.parse_query(st.query_params.to_dict())
    st.session_state.update(
        frame=frame_key(view.year, view.month),
        layers=list(view.layers),
        factions=list(view.factions),
    )
st.session_state.full_runs = st.session_state.get("full_runs", 0) + 1

fmap = base_map(borders())
options = {"layers": st.session_state.layers, "factions": st.session_state.factions,
           "present": False, "parentKeys": True, "start": st.session_state.frame,
           "mode": "explore"}  # fmt: skip
Player({**document_source(), **options}).add_to(fmap)
kr_map_player(fmap, key="map", height=620, on_change=take_report)
page_state()
