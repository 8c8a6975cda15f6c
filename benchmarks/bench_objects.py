"""What one map object costs to render: a folium marker each, or one GeoJson for the layer.

layers.py draws every place or event cell as its own folium object (CircleMarker or
Marker with a DivIcon, a Tooltip and a Popup). folium renders each through Jinja and
branca compiles every rendered snippet as a template again, so the cost is per object.
This times N circle markers with a ~1.5 KB popup each against the same N points as the
features of ONE ``folium.GeoJson`` (style, tooltip and popup from feature properties),
both turned into JavaScript with streamlit-folium's ``_get_feature_group_string``.
"""

from __future__ import annotations

import logging
import random
import time

from _common import ms

logging.getLogger("streamlit").setLevel(logging.ERROR)

POPUP = "<div class='kr-card'><h4>A place</h4>" + "x" * 1500 + "</div>"


def _markers(n: int, rng: random.Random):
    import folium

    group = folium.FeatureGroup(name="markers")
    for i in range(n):
        folium.CircleMarker(
            [rng.uniform(9.5, 15), rng.uniform(101.5, 107.5)], radius=8, color="#333",
            fill_color="#D55E00", fill_opacity=0.9, tooltip=f"Place {i}",
            popup=folium.Popup(POPUP, max_width=440, parse_html=False),
        ).add_to(group)  # fmt: skip
    return group


def _geojson(n: int, rng: random.Random):
    import folium

    features = [
        {"type": "Feature",
         "geometry": {"type": "Point", "coordinates": [rng.uniform(101.5, 107.5), rng.uniform(9.5, 15)]},
         "properties": {"tooltip": f"Place {i}", "popup": POPUP, "fill": "#D55E00"}}
        for i in range(n)
    ]  # fmt: skip
    group = folium.FeatureGroup(name="geojson")
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        marker=folium.CircleMarker(radius=8, color="#333", fill_opacity=0.9),
        style_function=lambda feature: {"fillColor": feature["properties"]["fill"]},
        tooltip=folium.GeoJsonTooltip(fields=["tooltip"], labels=False),
        popup=folium.GeoJsonPopup(fields=["popup"], labels=False),
    ).add_to(group)
    return group


def run(sizes=(100, 600, 3000), repeats: int = 2) -> dict:
    from bench_frames import feature_group_js

    out = {}
    for n in sizes:
        for name, build in (("markers", _markers), ("geojson", _geojson)):
            best = None
            for _ in range(repeats):
                rng = random.Random(n)
                t = time.perf_counter()
                js = feature_group_js([build(n, rng)])
                elapsed = ms(time.perf_counter() - t)
                best = elapsed if best is None else min(best, elapsed)
            out[f"{name}_{n}_ms"] = round(best, 1)
            out[f"{name}_{n}_kb"] = round(len(js) / 1024)
    return out


if __name__ == "__main__":
    print(run())
