"""kr-map: the Streamlit page. Layout and widgets only; the logic lives in src/kr_map/.

Time lives in the browser: the map holds the player (src/kr_map/assets/player.js),
which switches frames with no server work. When the user lets go, the player
reports the frame, and only the `page_state` fragment reruns (address bar,
table of events, compare list); the map is not sent again.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from kr_map import frames, model, page, story, timeline
from kr_map.basemap import base_map, load_borders
from kr_map.loader import Dataset, default_data_dir, load
from kr_map.player import Player, publish
from kr_map.problems import DataError
from kr_map.reports import read_report
from kr_map.style import PAGE_CSS, PRESENT_CSS
from kr_map.vocab import FACTION_IDS, LAYERS

st.set_page_config(
    page_title="kr-map: the Khmer Rouge insurgency, 1979–1999",
    page_icon="🗺️",
    layout="wide",
    initial_sidebar_state="auto",
)
STATIC_DIR = Path(__file__).parent / "static"


# ---------------------------------------------------------------- cached work
@st.cache_resource(show_spinner=False)
def dataset() -> Dataset:
    return load(default_data_dir())


@st.cache_resource(show_spinner=False)
def borders() -> dict:
    return load_borders(default_data_dir() / "borders.geojson")


@st.cache_resource(show_spinner="Preparing every frame of the map…")
def document() -> dict:
    return frames.frames_document(dataset(), borders=borders())


@st.cache_resource(show_spinner=False)
def document_source() -> dict:
    """Return how the map gets the frames document: a cached static file, or inline."""
    url = publish(document(), STATIC_DIR)
    return {"docUrl": url} if url else {"doc": document()}


@st.cache_resource(show_spinner=False)
def frame_keys() -> list[str]:
    return [f["key"] for f in document()["frames"]]


@st.cache_data(show_spinner=False)
def export_file(kind: str) -> str:
    from kr_map import export

    if kind == "html":  # the map's own cached frames: a render, not a rebuild
        return export.export_html(dataset(), document=document())
    if kind == "csv":
        return export.events_csv(dataset())
    return export.geojson_text(dataset())


# ---------------------------------------------------------------- state
@st.cache_resource(show_spinner=False)
def frame_sequence() -> list[timeline.Frame]:
    return frames.frame_sequence(dataset())


@st.cache_resource(show_spinner=False, max_entries=512)
def state_of(key: str) -> model.State:
    """Return the state of the frame ``key``, computed once per server: read it, never change it."""
    return model.state_at(dataset(), frames.period_of(frame_of(key)))


def frame_key(year: int, month: int | None) -> str:
    """Return the key of the frame nearest a year and month (a quiet year has no months)."""
    sequence = frame_sequence()
    wanted = timeline.Frame(year, month)
    return sequence[timeline.position(sequence, wanted)].key


def frame_of(key: str) -> timeline.Frame:
    year, _, month = key.partition("-")
    return timeline.Frame(int(year), int(month) if month else None)


def start_session(data: Dataset) -> None:
    """Take the first view from the URL; later the player's reports keep it."""
    view, notes = page.parse_query(st.query_params.to_dict(), story_steps=len(data.story))
    start = frame_key(view.year, view.month)
    st.session_state.update(
        notes=notes,
        frame=start,
        layers=list(view.layers),
        factions=list(view.factions),
        mode=page.MODE_TITLES[view.mode if view.mode != "present" else "explore"],
        present=view.mode == "present",
        story_step=view.story or 1,
        compare_frame=frame_key(page.compare_year(view), None),
        revealed=start,
    )


def current_view() -> page.View:
    shown = frame_of(st.session_state.frame)
    mode = page.mode_of(st.session_state.mode)
    return page.View(
        year=shown.year,
        month=shown.month,
        layers=tuple(name for name in LAYERS if name in st.session_state.layers),
        factions=tuple(f for f in FACTION_IDS if f in st.session_state.factions),
        mode="present" if st.session_state.present and mode == "explore" else mode,
        story=st.session_state.story_step if mode == "story" else None,
        compare=frame_of(st.session_state.compare_frame).year if mode == "compare" else None,
    )


def take_report(map_key: str, frame_state: str) -> None:
    """Apply what the player reports on release; rerun only the page_state fragment."""
    report = read_report(st.session_state.get(map_key), frame_keys(), LAYERS, FACTION_IDS)
    if report.story_step is not None:  # story keys: the step changes, so the whole page does
        count = len(story.steps(dataset()))
        st.session_state.story_step = min(
            max(1, st.session_state.story_step + report.story_step), count
        )
        return
    if report.frame is not None:
        st.session_state[frame_state] = report.frame
    if report.revealed is not None:
        st.session_state.revealed = report.revealed
    if report.layers is not None:
        st.session_state.layers = list(report.layers)
    if report.factions is not None:
        st.session_state.factions = list(report.factions)
    st.rerun("page_state")


# ---------------------------------------------------------------- page parts
def notice(text: str, kind: str = "note") -> None:
    """Show a plain-text notice (texts may come from the URL or the data: never markup)."""
    st.html(f'<div class="kr-notice kr-notice-{kind}" role="status">{escape(text)}</div>')


def the_map(options: dict, *, key: str, height: int, frame_state: str = "frame") -> None:
    fmap = base_map(borders(), tiles_online=st.session_state.get("online", False))
    Player({**document_source(), **options}).add_to(fmap)
    with st.container(key=f"{key}_box"):
        st_folium(
            fmap,
            key=key,
            height=height,
            use_container_width=True,
            returned_objects=[],
            on_change=lambda: take_report(key, frame_state),
        )


def player_options(**extra) -> dict:
    return {
        "layers": list(st.session_state.layers),
        "factions": list(st.session_state.factions),
        "present": st.session_state.present,
        "parentKeys": True,
        **extra,
    }


@st.fragment(key="page_state")
def page_state(data: Dataset) -> None:
    """What follows the map on release: the address bar, the table, the compare list."""
    view = current_view()
    st.query_params.from_dict(page.to_query(view))
    st.session_state.page_state_runs = st.session_state.get("page_state_runs", 0) + 1
    # For tests and benchmarks: how many times the whole script and this fragment ran.
    st.html(
        f'<div class="kr-runs" aria-hidden="true" data-full="{st.session_state.full_runs}" '
        f'data-fragment="{st.session_state.page_state_runs}" '
        f'data-frame="{escape(st.session_state.frame)}"></div>'
    )
    mode = page.mode_of(st.session_state.mode)
    if mode == "compare":
        left = frames.period_of(frame_of(st.session_state.frame))
        right = frames.period_of(frame_of(st.session_state.compare_frame))
        changes = model.changes_between(data, left, right)
        st.subheader(f"Changes of hands: end of {left.label} → end of {right.label}")
        if changes.empty:
            st.text("No change of hands recorded between these dates.")
        else:
            st.dataframe(
                page.changes_table(changes, data.factions), hide_index=True, width="stretch"
            )
        return
    if st.session_state.present or mode == "story":
        return
    state = state_of(st.session_state.frame)
    with st.expander(
        f"Table of the events of {state.period.label} (for screen readers and reading aloud)"
    ):
        st.dataframe(page.events_table(state, data.factions), hide_index=True, width="stretch")


# ---------------------------------------------------------------- modes
def explore(data: Dataset) -> None:
    present = st.session_state.present
    options = player_options(start=st.session_state.frame, mode="explore")
    the_map(options, key="map", height=650 if present else 620)


def predict_mode(data: Dataset) -> None:
    keys = frame_keys()
    revealed = st.session_state.revealed
    if keys.index(st.session_state.frame) > keys.index(revealed):
        st.session_state.frame = revealed
    notice(
        "Predict: what happens next? Discuss, then press “Reveal next”. Later dates stay hidden."
    )
    options = player_options(start=st.session_state.frame, mode="predict", limit=revealed)
    the_map(options, key="predict_map", height=620)


def story_mode(data: Dataset) -> None:
    steps = story.steps(data)
    if not steps:
        notice("No story yet: add rows to data/story.csv (see data/README.md).")
        return
    count = len(steps)
    st.session_state.story_step = min(max(1, st.session_state.story_step), count)
    nav_prev, nav_pick, nav_next = st.columns([1, 4, 1], vertical_alignment="bottom")
    nav_prev.button("◀ Previous", key="story_prev", disabled=st.session_state.story_step == 1,
                    on_click=lambda: st.session_state.update(story_step=st.session_state.story_step - 1))  # fmt: skip
    nav_pick.selectbox("Story step", range(1, count + 1), key="story_step",
                       format_func=lambda n: f"{n}. {steps[n - 1].title}")  # fmt: skip
    nav_next.button("Next ▶", key="story_next", disabled=st.session_state.story_step == count,
                    on_click=lambda: st.session_state.update(story_step=st.session_state.story_step + 1))  # fmt: skip
    current = steps[st.session_state.story_step - 1]
    if current.content_note and not st.session_state.get(f"note_ok_{current.number}"):
        notice(current.content_note, "warning")
        st.button("Show this step", key=f"note_button_{current.number}",
                  on_click=lambda: st.session_state.update({f"note_ok_{current.number}": True}))  # fmt: skip
        return
    st.session_state.frame = frame_key(current.year, current.month)
    map_col, text_col = st.columns([3, 1.5])
    with map_col:
        options = player_options(
            start=st.session_state.frame,
            mode="story",
            layers=list(current.layers or LAYERS),
            view={"center": [current.lat, current.lon], "zoom": current.zoom},
            panel=False,
        )
        the_map(options, key="story_map", height=600)
    with text_col:
        st.html(page.story_html(current))


def compare_mode(data: Dataset) -> None:
    sync = st.session_state.setdefault("sync_channel", f"compare-{id(st.session_state)}")
    left_col, right_col = st.columns(2)
    with left_col:
        options = player_options(
            start=st.session_state.frame, mode="compare", sync=sync, panel=False
        )
        the_map(options, key="map_left", height=560)
    with right_col:
        options = player_options(start=st.session_state.compare_frame, mode="compare", sync=sync,
                                 panel=False, parentKeys=False)  # fmt: skip
        the_map(options, key="map_right", height=560, frame_state="compare_frame")


# ---------------------------------------------------------------- the page
try:
    data = dataset()
except DataError as error:
    st.error("The data files have problems, so the map cannot be drawn. Fix these and reload:")
    st.code(error.report(limit=40), language=None)
    st.stop()

if "notes" not in st.session_state:
    start_session(data)
st.session_state.full_runs = st.session_state.get("full_runs", 0) + 1

st.html(f"<style>{PAGE_CSS}{PRESENT_CSS if st.session_state.present else ''}</style>")
for note in st.session_state.notes:
    notice(note, "warning")

with st.sidebar:
    st.html('<h1 class="kr-title">kr-map</h1><p class="kr-sub">The Khmer Rouge insurgency in '
            "Cambodia and on the Thai border, 1979–1999</p>")  # fmt: skip
    st.radio("Mode", list(page.MODE_TITLES.values()), key="mode", horizontal=True)
    st.toggle("Presentation mode (projector)", key="present")
    st.toggle("OpenStreetMap background (needs internet)", key="online")
    st.caption("Layers, factions, legend, speed and loop are on the map itself.")
    with st.expander("Download"):
        st.download_button(
            "Offline map (HTML)", lambda: export_file("html"), "kr-map.html", "text/html"
        )
        st.download_button(
            "Events (CSV)", lambda: export_file("csv"), "kr-map-events.csv", "text/csv"
        )
        st.download_button("Events (GeoJSON)", lambda: export_file("geojson"), "kr-map-events.geojson",
                           "application/geo+json")  # fmt: skip
    st.caption(
        "Sources: Wikipedia, “Khmer Rouge insurgency” and “Battle of Pailin” (CC BY-SA 4.0)."
    )

mode = page.mode_of(st.session_state.mode)
if st.session_state.present:
    st.button(
        "Leave presentation",
        key="leave_present",
        on_click=lambda: st.session_state.update(present=False),
    )
{"explore": explore, "story": story_mode, "compare": compare_mode, "predict": predict_mode}[mode](
    data
)
page_state(data)
