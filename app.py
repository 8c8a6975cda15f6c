"""kr-map: the Streamlit page. Layout and widgets only; the logic lives in src/kr_map/."""

from __future__ import annotations

import streamlit as st
from streamlit_folium import st_folium

from kr_map import model, page
from kr_map.basemap import base_map, load_borders
from kr_map.layers import frame_layers
from kr_map.loader import Dataset, default_data_dir, load
from kr_map.problems import DataError
from kr_map.style import PAGE_CSS, add_map_style
from kr_map.vocab import FACTION_IDS, LAYERS

st.set_page_config(page_title="kr-map: the Khmer Rouge insurgency, 1979–1999", layout="wide")
st.markdown(f"<style>{PAGE_CSS}</style>", unsafe_allow_html=True)


@st.cache_resource(show_spinner=False)
def dataset() -> Dataset:
    return load(default_data_dir())


@st.cache_resource(show_spinner=False)
def skeleton(online_tiles: bool):
    borders = load_borders(default_data_dir() / "borders.geojson")
    return add_map_style(base_map(borders, tiles_online=online_tiles))


@st.cache_resource(show_spinner=False, max_entries=256)
def frame(period: model.Period, layers: tuple[str, ...], factions: tuple[str, ...]):
    data = dataset()
    state = model.state_at(data, period, camp_table())
    return state, frame_layers(state, data.factions, layers, set(factions))


@st.cache_resource(show_spinner=False)
def camp_table():
    return model.camp_spans(dataset())


try:
    data = dataset()
except DataError as error:
    st.error("The data files have problems, so the map cannot be drawn. Fix these and reload:")
    st.code(error.report(limit=40))
    st.stop()

if "view" not in st.session_state:
    view, notes = page.parse_query(st.query_params.to_dict(), story_steps=len(data.story))
    st.session_state.update(view=view, notes=notes, year=view.year)
    st.session_state.month = page.month_label(view.month)
    st.session_state.layers = list(view.layers)
    st.session_state.factions = list(view.factions)

for note in st.session_state.notes:
    st.warning(note, icon="⚠️")

with st.sidebar:
    st.header("kr-map")
    st.caption("The Khmer Rouge insurgency in Cambodia and on the Thai border, 1979–1999.")
    st.multiselect("Layers", LAYERS, key="layers", format_func=page.layer_title)
    st.multiselect(
        "Factions",
        FACTION_IDS,
        key="factions",
        format_func=lambda f: data.factions.loc[f, "name"],
    )
    online = st.toggle("OpenStreetMap background (needs internet)", value=False)
    st.markdown(page.legend_html(data.factions), unsafe_allow_html=True)

st.slider("Year", model.FIRST_YEAR, model.LAST_YEAR, key="year", help="Arrow keys step the year.")
dense = model.dense_years(data)
if st.session_state.year in dense:
    st.select_slider("Month", page.MONTH_LABELS, key="month", help="This year is dense with events: step it by month.")
else:
    st.session_state.month = page.MONTH_LABELS[0]

view = page.View(
    year=st.session_state.year,
    month=page.month_number(st.session_state.month),
    layers=tuple(name for name in LAYERS if name in st.session_state.layers),
    factions=tuple(f for f in FACTION_IDS if f in st.session_state.factions),
)
st.query_params.from_dict(page.to_query(view))
state, groups = frame(view.period, view.layers, view.factions)

st.markdown(f'<p class="kr-date">{view.period.label}</p>', unsafe_allow_html=True)
st.markdown(f'<p class="kr-caption">{page.escape_text(page.caption(state, data.factions))}</p>', unsafe_allow_html=True)

map_column, list_column = st.columns([3, 1.3])
with map_column:
    st_folium(
        skeleton(online),
        feature_group_to_add=groups,
        key="map",
        height=620,
        use_container_width=True,
        returned_objects=[],
    )
with list_column:
    st.subheader(f"Events of {view.period.label}")
    st.markdown(page.events_panel_html(state, data.factions), unsafe_allow_html=True)

with st.expander(f"Table of {view.period.label}'s events (for screen readers and reading aloud)"):
    st.dataframe(page.events_table(state, data.factions), hide_index=True, use_container_width=True)
