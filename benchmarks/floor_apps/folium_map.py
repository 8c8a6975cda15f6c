"""The least an offline streamlit-folium map can be: one polygon on a folium map with no
tiles, Leaflet from the installed package (``kr_map.offline``: the room has no internet),
for benchmarks/bench_cold.py's floor of our stack."""

import folium
from streamlit_folium import st_folium

from kr_map import offline

m = offline.make_offline(folium.Map(location=[12.5, 104.9], zoom_start=7, tiles=None))
folium.Polygon([[12, 104], [13, 104], [13, 105]], fill=True).add_to(m)
st_folium(m, height=500, returned_objects=[])
