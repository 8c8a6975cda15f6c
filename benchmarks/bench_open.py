"""An app open's map, outside Streamlit: ``st_folium`` rendering every open, against the frame
rendered once (``kr_map.mapframe``) with each open writing only its player options.

Both variants run interleaved in one process on the bundled borders, with streamlit-folium's
component function replaced by a recorder, so the figure is the server's CPU per open before
anything goes on the wire. Prints one JSON line: CPU ms per open (p50, p95) of each, the
ratio of the medians, the characters each open hands the component (what goes on the wire
before compression), with the machine's load.

    .venv/bin/python benchmarks/bench_open.py [--opens 40]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import streamlit_folium
from benchmarks._common import REPO, summary

from kr_map import mapframe, page_lang
from kr_map.basemap import base_map, load_borders
from kr_map.player import Player


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--opens", type=int, default=40)
    args = parser.parse_args()
    borders = load_borders(REPO / "data" / "borders.geojson")
    streamlit_folium._component_func = lambda **kwargs: kwargs  # no Streamlit: record only

    def rendered_each_time(options: dict) -> None:
        fmap = base_map(borders)
        Player(options).add_to(fmap)
        page_lang.MapLanguage("en").add_to(fmap)
        record(
            "st_folium each open",
            streamlit_folium.st_folium(
                fmap, key="map", height=620, use_container_width=True, returned_objects=[]
            ),
        )

    frame_memo: dict[str, mapframe.MapFrame] = {}
    static = Path(tempfile.mkdtemp(prefix="kr-map-bench-open-"))
    sent: dict[str, int] = {}

    def record(name: str, arguments: dict) -> None:
        text = ("script", "header", "html")
        sent[name] = sum(len(arguments[k]) for k in text) + sum(
            len(link) for k in ("css_links", "js_links") for link in arguments[k]
        )

    def rendered_once(options: dict) -> None:
        if "en" not in frame_memo:  # the app keeps it per data version and language
            fmap = base_map(borders)
            Player(None, options_json=mapframe.OPTIONS_MARK).add_to(fmap)
            page_lang.MapLanguage("en").add_to(fmap)
            frame_memo["en"] = mapframe.served(mapframe.render_frame(fmap), static, "static/")
        record("mapframe", mapframe.mount(frame_memo["en"], options, key="map", height=620))

    variants = {"st_folium each open": rendered_each_time, "mapframe": rendered_once}
    times: dict[str, list[float]] = {name: [] for name in variants}
    load_start = os.getloadavg()[0]
    for number in range(args.opens + 1):
        options = {"docUrl": "frames.json", "layers": ["control", "battles"], "start": number}
        for name, variant in variants.items():
            start = time.process_time()
            variant(options)
            if number:  # the first open of each warms imports and the frame
                times[name].append((time.process_time() - start) * 1000)
    result = {name: summary(values) for name, values in times.items()}
    old, new = (result[name]["p50"] for name in variants)
    print(
        json.dumps(
            {
                "cpu_ms_per_open": result,
                "ratio_p50": round(old / new, 1) if new else None,
                "bytes_per_open": sent,
                "load_start": round(load_start, 2),
                "load_end": round(os.getloadavg()[0], 2),
            }
        )
    )


if __name__ == "__main__":
    main()
