"""kr-map: the Streamlit page. Layout and widgets only; the logic lives in src/kr_map/."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from kr_map import geo, model, page, story, timeline
from kr_map.basemap import base_map, load_borders
from kr_map.layers import frame_layers
from kr_map.loader import Dataset, default_data_dir, load
from kr_map.problems import DataError
from kr_map.style import PAGE_CSS, PRESENT_CSS, add_map_style
from kr_map.vocab import FACTION_IDS, LAYERS

st.set_page_config(
    page_title="kr-map: the Khmer Rouge insurgency, 1979–1999",
    page_icon="🗺️",
    layout="wide",
    initial_sidebar_state="expanded",
)


# ---------------------------------------------------------------- cached work
@st.cache_resource(show_spinner=False)
def dataset() -> Dataset:
    return load(default_data_dir())


@st.cache_resource(show_spinner=False)
def borders() -> dict:
    return load_borders(default_data_dir() / "borders.geojson")


def skeleton(online_tiles: bool):
    """Return a fresh base map: st_folium edits the map it is given, so it is never cached."""
    return add_map_style(base_map(borders(), tiles_online=online_tiles))


@st.cache_resource(show_spinner=False)
def camp_table():
    return geo.with_border_distance(model.camp_spans(dataset()), borders())


@st.cache_resource(show_spinner=False, max_entries=512)
def state_at(period: model.Period) -> model.State:
    return model.state_at(dataset(), period, camp_table())


def frame(period: model.Period, layers: tuple[str, ...], factions: tuple[str, ...]):
    """Return the period's state and fresh layers: st_folium renders and re-parents the
    folium objects it is given, so they are never shared between reruns or sessions."""
    state = state_at(period)
    return state, frame_layers(state, dataset().factions, layers, set(factions))


@st.cache_resource(show_spinner=False)
def busy_years() -> list[int]:
    return model.dense_years(dataset())


@st.cache_resource(show_spinner=False)
def frame_sequence() -> list[timeline.Frame]:
    return timeline.frames(monthly=busy_years())


@st.cache_data(show_spinner=False)
def export_file(kind: str) -> str:
    from kr_map import export

    if kind == "html":
        return export.export_html(dataset())
    if kind == "csv":
        return export.events_csv(dataset())
    return export.geojson_text(dataset())


# ---------------------------------------------------------------- state
def start_session(data: Dataset) -> None:
    """Take the first view from the URL; later runs keep what the widgets say."""
    view, notes = page.parse_query(st.query_params.to_dict(), story_steps=len(data.story))
    st.session_state.update(
        notes=notes,
        year=view.year,
        month=page.month_label(view.month),
        layers=list(view.layers),
        factions=list(view.factions),
        mode=page.MODE_TITLES[view.mode if view.mode != "present" else "explore"],
        present=view.mode == "present",
        story_step=view.story or 1,
        compare_year=page.compare_year(view),
        playing=False,
        revealed=(view.year, view.month),
    )


def current_frame() -> timeline.Frame:
    return timeline.Frame(st.session_state.year, page.month_number(st.session_state.month))


def show_frame(target: timeline.Frame) -> None:
    """Move the sliders to a frame (only from callbacks or before the sliders exist)."""
    st.session_state.year = target.year
    st.session_state.month = page.month_label(target.month)


def shown_frame() -> timeline.Frame:
    """Return the frame the page last drew (a click can carry older slider values)."""
    shown = st.session_state.get("shown")
    return timeline.Frame(*shown) if shown else current_frame()


def step_frame(by: int) -> None:
    sequence = frame_sequence()
    loop = st.session_state.get("loop", False)
    show_frame(timeline.step(sequence, shown_frame(), by, loop=loop))


def toggle_play() -> None:
    if st.session_state.playing:
        show_frame(shown_frame())  # stop on the frame in view, not on the click's stale one
    st.session_state.playing = not st.session_state.playing


def current_view() -> page.View:
    return page.View(
        year=st.session_state.year,
        month=page.month_number(st.session_state.month),
        layers=tuple(name for name in LAYERS if name in st.session_state.layers),
        factions=tuple(f for f in FACTION_IDS if f in st.session_state.factions),
        mode="present" if st.session_state.present else page.mode_of(st.session_state.mode),
        story=st.session_state.story_step
        if page.mode_of(st.session_state.mode) == "story"
        else None,
        compare=st.session_state.compare_year
        if page.mode_of(st.session_state.mode) == "compare"
        else None,
    )


# ---------------------------------------------------------------- page parts
def header(state: model.State, data: Dataset, *, with_caption: bool = True) -> None:
    st.html(page.header_html(state, data.factions, with_caption=with_caption))


def time_controls(data: Dataset, *, limit: timeline.Frame | None = None) -> None:
    """The year slider (the main control), a month slider in dense years, and play."""
    last_year = limit.year if limit else model.LAST_YEAR
    if st.session_state.year > last_year:
        st.session_state.year = last_year
    year_col, month_col, play_col = st.columns([4.6, 3, 3.4], vertical_alignment="bottom")
    with year_col:
        st.slider("Year", model.FIRST_YEAR, max(last_year, model.FIRST_YEAR + 1), key="year",
                  help="Drag, or focus it and use the ← → arrow keys.")  # fmt: skip
    with month_col:
        if st.session_state.year in busy_years():
            st.select_slider("Month (busy year)", page.MONTH_LABELS, key="month")
        else:
            st.session_state.month = page.MONTH_LABELS[0]
            st.caption("One frame for the whole year: the sources give few dates this year.")
    with play_col:
        back, play, forward = st.columns(3)
        playing = st.session_state.playing
        back.button("Back", icon=":material/skip_previous:", on_click=step_frame, args=(-1,),
                    help="Previous (←)", key="step_back", width="stretch")  # fmt: skip
        play.button("Pause" if playing else "Play", icon=":material/pause:" if playing else
                    ":material/play_arrow:", on_click=toggle_play, key="play", width="stretch",
                    type="primary")  # fmt: skip
        forward.button("Next", icon=":material/skip_next:", on_click=step_frame, args=(1,),
                       help="Next (→)", key="step_forward", width="stretch")  # fmt: skip


def the_map(groups, *, key: str = "map", height: int = 500, center=None, zoom=None) -> None:
    st_folium(
        skeleton(st.session_state.get("online", False)),
        feature_group_to_add=groups,
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=[],
        center=center,
        zoom=zoom,
    )


def events_panel(state: model.State, data: Dataset, height: int) -> None:
    with st.container(height=height, border=False, key="events_panel"):
        st.html(f'<h3 class="kr-panel-title">Events of {page.escape_text(state.period.label)}</h3>')
        st.html(page.events_panel_html(state, data.factions))


def events_table(state: model.State, data: Dataset) -> None:
    with st.expander(
        f"Table of the events of {state.period.label} (for screen readers and reading aloud)"
    ):
        st.dataframe(page.events_table(state, data.factions), hide_index=True, width="stretch")


def player(data: Dataset) -> None:
    """While playing, advance one frame every few seconds."""
    if not st.session_state.playing:
        return

    @st.fragment(run_every=st.session_state.get("speed", 2.0))
    def tick() -> None:
        if st.session_state.get("in_full_run"):
            return  # the fragment's first call happens inside the page run: don't skip a frame
        sequence = frame_sequence()
        if timeline.is_last(sequence, shown_frame()) and not st.session_state.get("loop"):
            st.session_state.playing = False
        else:
            st.session_state.pending = timeline.step(
                sequence, shown_frame(), 1, loop=st.session_state.get("loop")
            )
        st.rerun(scope="app")

    tick()


def keyboard() -> None:
    """Space plays or pauses; the arrow keys step when no slider has the focus."""
    st.html(page.KEYBOARD_JS, unsafe_allow_javascript=True)


# ---------------------------------------------------------------- modes
def explore(data: Dataset, view: page.View) -> None:
    state, groups = frame(view.period, view.layers, view.factions)
    header(state, data)
    time_controls(data)
    present = st.session_state.present
    map_col, list_col = st.columns([3.2, 1.25] if not present else [4, 1])
    with map_col:
        the_map(groups, height=480 if present else 500)
    with list_col:
        if present:
            st.button(
                "Leave presentation",
                key="leave_present",
                icon=":material/close_fullscreen:",
                on_click=lambda: st.session_state.update(present=False),
            )
            st.html(page.legend_html(data.factions, compact=True))
        else:
            events_panel(state, data, 500)
    if not present:
        events_table(state, data)


def story_mode(data: Dataset, view: page.View) -> None:
    steps = story.steps(data)
    if not steps:
        st.info("No story yet: add rows to data/story.csv (see data/README.md).")
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
    period = model.month(current.year, current.month) if current.month else model.year(current.year)
    state, groups = frame(period, current.layers or view.layers, view.factions)
    header(state, data, with_caption=False)
    if current.content_note and not st.session_state.get(f"note_ok_{current.number}"):
        st.warning(current.content_note, icon="⚠️")
        st.button("Show this step", key=f"note_button_{current.number}",
                  on_click=lambda: st.session_state.update({f"note_ok_{current.number}": True}))  # fmt: skip
        return
    map_col, text_col = st.columns([3, 1.4])
    with map_col:
        the_map(groups, key="story_map", center=(current.lat, current.lon), zoom=current.zoom)
    with text_col, st.container(height=560, border=False):
        st.html(page.story_html(current))


def compare_mode(data: Dataset, view: page.View) -> None:
    left_col, right_col = st.columns(2)
    with left_col:
        st.slider("Left map: year", model.FIRST_YEAR, model.LAST_YEAR, key="year")
    with right_col:
        st.slider("Right map: year", model.FIRST_YEAR, model.LAST_YEAR, key="compare_year")
    left_period, right_period = (
        model.year(st.session_state.year),
        model.year(st.session_state.compare_year),
    )
    for column, period, key in (
        (left_col, left_period, "map_left"),
        (right_col, right_period, "map_right"),
    ):
        _, groups = frame(period, view.layers, view.factions)
        with column:
            st.html(f'<p class="kr-date kr-date-small">{period.label}</p>')
            the_map(groups, key=key, height=470, center=page.HOME_CENTER, zoom=page.HOME_ZOOM)
    changes = model.changes_between(data, left_period, right_period)
    st.html(page.changes_html(changes, data.factions, left_period, right_period))


def predict_mode(data: Dataset, view: page.View) -> None:
    sequence = frame_sequence()
    revealed = timeline.Frame(*st.session_state.revealed)
    if current_frame() > revealed:
        show_frame(revealed)
    state, groups = frame(view.period, view.layers, view.factions)
    header(state, data)
    time_controls(data, limit=revealed)
    st.info(
        "Predict: what happens next? Discuss, then reveal the next step. Later dates stay hidden."
    )

    def reveal() -> None:
        following = timeline.step(sequence, revealed, 1)
        st.session_state.revealed = (following.year, following.month)
        show_frame(following)

    st.button("Reveal the next step ▶", key="reveal", on_click=reveal, type="primary",
              disabled=timeline.is_last(sequence, revealed))  # fmt: skip
    map_col, list_col = st.columns([3.2, 1.25])
    with map_col:
        the_map(groups)
    with list_col:
        events_panel(state, data, 500)


# ---------------------------------------------------------------- the page
try:
    data = dataset()
except DataError as error:
    st.error("The data files have problems, so the map cannot be drawn. Fix these and reload:")
    st.code(error.report(limit=40), language=None)
    st.stop()

if "notes" not in st.session_state:
    start_session(data)
if pending := st.session_state.pop("pending", None):
    show_frame(pending)
st.session_state.in_full_run = True

st.html(f"<style>{PAGE_CSS}{PRESENT_CSS if st.session_state.present else ''}</style>")
for note in st.session_state.notes:
    st.warning(note, icon="⚠️")

with st.sidebar:
    st.html('<h1 class="kr-title">kr-map</h1><p class="kr-sub">The Khmer Rouge insurgency in '
            "Cambodia and on the Thai border, 1979–1999</p>")  # fmt: skip
    st.radio("Mode", list(page.MODE_TITLES.values()), key="mode", horizontal=True)
    st.toggle("Presentation mode (projector)", key="present")
    st.pills("Layers", LAYERS, key="layers", selection_mode="multi", format_func=page.layer_title)
    st.pills("Factions", FACTION_IDS, key="factions", selection_mode="multi",
             format_func=lambda f: data.factions.loc[f, "short_name"])  # fmt: skip
    with st.expander("Playback"):
        st.select_slider(
            "Seconds per frame", [0.75, 1.0, 1.5, 2.0, 3.0, 5.0], value=2.0, key="speed"
        )
        st.checkbox("Loop at the end", key="loop")
    st.toggle("OpenStreetMap background (needs internet)", key="online")
    st.html(page.legend_html(data.factions))
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

view = current_view()
st.query_params.from_dict(page.to_query(view))
mode = page.mode_of(st.session_state.mode)
if st.session_state.present and mode != "explore":  # explore puts it beside the legend
    st.button(
        "Leave presentation",
        key="leave_present",
        on_click=lambda: st.session_state.update(present=False),
    )
{"explore": explore, "story": story_mode, "compare": compare_mode, "predict": predict_mode}[mode](
    data, view
)
keyboard()
player(data)
st.session_state.shown = (current_frame().year, current_frame().month)
st.session_state.in_full_run = False
