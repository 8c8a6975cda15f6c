"""Server-side cost of one frame: state, layers, and the JavaScript streamlit-folium sends.

Three measurements, all in this process (no browser, no server):

* ``frame build`` (cache cold): for every frame of
  ``timeline.frames(monthly=model.dense_years(ds))``, time ``model.state_at`` +
  ``layers.frame_layers`` + turning the groups into JavaScript with streamlit-folium's own
  ``_get_feature_group_string`` (on a throwaway map, as ``st_folium`` does). Each frame is
  built once, so nothing is cached -- what the app pays the first time a frame is shown.
* ``app rerun``: ``streamlit.testing.v1.AppTest`` running the page and moving the year
  slider: the whole script per step (header, panel, table, map), without a browser.
* ``st_folium in app.py``: AppTest again, with ``st_folium`` timed (variants.py), over a
  back-and-forth sequence of years, twice (the second pass reuses app.py's frame cache, as
  a lesson does): the cost of the map call on *every* rerun, whether the component key
  stays the same, and whether the map script or a cached frame's JavaScript grows. Done for app.py as it is and for the two prototypes of
  variants.py (``copies``, ``prerendered``).
"""

from __future__ import annotations

import itertools
import logging
import time
from collections import Counter

from _common import ms, say, summary

logging.getLogger("streamlit").setLevel(logging.CRITICAL)  # app errors are reported in the results


def load_dataset(data_dir=None):
    from kr_map.loader import default_data_dir, load

    return load(data_dir or default_data_dir())


def periods(ds):
    """Return every period the slider and step buttons can show, in order."""
    from kr_map import model, timeline

    out = []
    for frame in timeline.frames(monthly=model.dense_years(ds)):
        out.append(model.month(frame.year, frame.month) if frame.month else model.year(frame.year))
    return out


def feature_group_js(groups) -> str:
    """Return the JavaScript streamlit-folium generates for the groups (as in st_folium)."""
    import folium
    from streamlit_folium import _get_feature_group_string

    throwaway = folium.Map(location=(12.9, 104.0), zoom_start=7, tiles=None)
    return "".join(_get_feature_group_string(g, map=throwaway, idx=i) for i, g in enumerate(groups))


def count_markers(groups) -> dict[str, int]:
    """Return the number of map objects (markers, circles, lines) per layer, by layer id."""
    from kr_map.vocab import LAYER_TITLES

    names = {title: name for name, title in LAYER_TITLES.items()}
    return {names.get(g.layer_name, "frame"): len(g._children) for g in groups}


def build_frame(ds, period, camps):
    """Return (state_s, layers_s, render_s, counts, js) for one period, nothing cached.

    ``frame_layers`` is called as app.py calls it: every layer, every faction selected.
    """
    from kr_map import model
    from kr_map.layers import frame_layers
    from kr_map.vocab import FACTION_IDS, LAYERS

    t0 = time.perf_counter()
    state = model.state_at(ds, period, camps)
    t1 = time.perf_counter()
    groups = frame_layers(state, ds.factions, LAYERS, set(FACTION_IDS))
    t2 = time.perf_counter()
    counts = count_markers(groups)
    t3 = time.perf_counter()
    js = feature_group_js(groups)
    t4 = time.perf_counter()
    return t1 - t0, t2 - t1, t4 - t3, counts, js


def frame_build(ds, every: int = 1) -> dict:
    """Return the cold cost of building each frame, in ms, and the largest layers seen."""
    from kr_map import model

    camps = model.camp_spans(ds)  # the app caches this once per process
    state_ms, layers_ms, render_ms, total_ms, js_kb = [], [], [], [], []
    biggest: Counter = Counter()
    failures = []
    for period in periods(ds)[::every]:
        try:
            s, lay, r, counts, js = build_frame(ds, period, camps)
        except Exception as error:
            failures.append(f"{period.key}: {type(error).__name__}: {error}")
            continue
        state_ms.append(ms(s))
        layers_ms.append(ms(lay))
        render_ms.append(ms(r))
        total_ms.append(ms(s + lay + r))
        js_kb.append(len(js) / 1024)
        for name, n in counts.items():
            biggest[name] = max(biggest[name], n)
    return {
        "frames": len(total_ms),
        "total_ms": summary(total_ms),
        "state_ms": summary(state_ms),
        "layers_ms": summary(layers_ms),
        "render_ms": summary(render_ms),
        "js_kb": summary(js_kb),
        "max_objects_per_layer": dict(biggest),
        "failed_frames": failures,
    }


# ---------------------------------------------------------------- the whole page, AppTest
def app_reruns(app_path, steps: int) -> dict:
    """Return the time of each full script run while moving the year slider (AppTest)."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(app_path), default_timeout=120)
    t = time.perf_counter()
    app.run()
    first = ms(time.perf_counter() - t)
    times, failures, walls = [], [], set()
    year, direction = 1989, 1
    for _ in range(steps):
        if not 1979 <= year + direction <= 1999 or year + direction in walls:
            direction = -direction
        target = year + direction
        slider = next(s for s in app.slider if s.label == "Year")
        t = time.perf_counter()
        slider.set_value(target).run()
        elapsed = ms(time.perf_counter() - t)
        if app.exception:  # the page failed at this year: note it, start again, turn back
            failures.append(f"{target}: {str(app.exception[0].message)[:200]}")
            walls.add(target)
            app = AppTest.from_file(str(app_path), default_timeout=120)
            app.query_params["year"] = str(year)
            app.run()
            continue
        times.append(elapsed)
        year = target
    return {"first_run_ms": round(first, 1), "rerun_ms": summary(times), "failed_years": failures}


def st_folium_pattern(snapshot, variant: str, years: list[int]) -> dict:
    """Run app.py (through a variant wrapper) in AppTest over ``years`` twice; time st_folium.

    The first pass builds most frames (cold); the second revisits them all, as a lesson
    going back and forth does (app.py's frame cache is warm). Returns per pass the rerun
    and st_folium times, how often the component key changed between consecutive calls (a
    new key is a new component identity for Streamlit), the map script size first and last
    (it should not grow) and how much a cached frame's JavaScript grew when sent again.
    """
    import variants
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(
        str(variants.variant_app(variant, snapshot, timed=True)), default_timeout=120
    )
    app.query_params["year"] = str(years[0])
    app.run()
    variants.CALLS.clear()
    reruns = []
    sequence = years[1:] + years[1:]
    for year in sequence:
        slider = next(s for s in app.slider if s.label == "Year")
        t = time.perf_counter()
        slider.set_value(year).run()
        reruns.append(ms(time.perf_counter() - t))
        if app.exception:
            return {"error": f"{year}: {str(app.exception[0].message)[:200]}"}
    calls = [c for c in variants.CALLS if "ms" in c]
    keys = [c["key"] for c in calls]
    first_last = (
        [round(calls[0]["script_kb"], 1), round(calls[-1]["script_kb"], 1)] if calls else None
    )
    by_year: dict[int, list[float]] = {}
    for year, call in zip(sequence, calls, strict=False):
        by_year.setdefault(year, []).append(call["feature_group_kb"])
    growth = max((v[-1] - v[0] for v in by_year.values() if len(v) > 1), default=0.0)
    half = len(years) - 1
    return {
        "reruns": len(reruns),
        "rerun_ms_first_pass": summary(reruns[:half]),
        "rerun_ms": summary(reruns[half:]),
        "st_folium_ms_first_pass": summary(c["ms"] for c in calls[:half]),
        "st_folium_ms": summary(c["ms"] for c in calls[half:]),
        "key_changes": sum(a != b for a, b in itertools.pairwise(keys)),
        "map_script_kb_first_last": first_last,
        "feature_group_kb": summary((c["feature_group_kb"] for c in calls), 0),
        # a cached frame sent again should be byte-identical; growth = objects edited in place
        "feature_group_growth_on_revisit_kb": round(growth, 1),
    }


def run(quick: bool, app_path) -> dict:
    """Run the server-side benchmarks; return their results."""
    t = time.perf_counter()
    ds = load_dataset()
    load_s = time.perf_counter() - t
    say(f"  frame build: {len(periods(ds))} frames (real data, loaded in {load_s:.2f} s)")
    build = frame_build(ds)
    for failure in build["failed_frames"]:
        say(f"  frame FAILED {failure}")
    say(f"  frame build total ms: {build['total_ms']}  (state {build['state_ms']['p50']}, "
        f"layers {build['layers_ms']['p50']}, render {build['render_ms']['p50']} p50)")  # fmt: skip
    reruns = app_reruns(app_path, 10 if quick else 30)
    say(f"  AppTest full reruns (1989 -> 1999 -> 1979 ...): {reruns}")
    # a lesson: back and forth over ten years, so most frames are revisits (cached)
    years = [1985 + i for i in range(11)] + [1994 - i for i in range(10)]
    years = years if not quick else years[:6] + years[-5:]
    patterns = {}
    for variant in ("as-is", "copies", "prerendered"):
        patterns[variant] = st_folium_pattern(app_path, variant, years)
        say(f"  st_folium in app.py, {variant}: {patterns[variant]}")
    return {"real_load_s": round(load_s, 3), "build": build, "apptest": reruns,
            "st_folium": patterns}  # fmt: skip
