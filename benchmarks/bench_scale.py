"""Scale: load, state and frame build on synthetic data of 1k, 10k and 100k events.

Each size runs in a fresh child process (``python benchmarks/bench_scale.py --child DIR``),
so its memory figures are its own: RSS after imports, after ``loader.load`` and the
peak (VmHWM). Per size the child measures:

* ``loader.load`` (validation included) in seconds, and the RSS it added;
* ``model.state_at`` per frame (every frame of the timeline);
* frame build (state + ``frame_layers`` + streamlit-folium's JavaScript) for every
  whole-year frame -- what the year slider shows -- and a sample of month frames;
* the largest number of map objects in one layer (layers.py merges markers above
  ``MAX_MARKERS``), and the size of the JavaScript per frame;
* the page's own per-frame work outside the map (``page.header_html``,
  ``events_panel_html``, ``events_table``), whose size grows with the events in a period;
* ``model.changes_between`` (compare mode) once.

With ``--profile`` the child also writes a cProfile of ``loader.load`` to
``benchmarks/out/load-<n>.prof`` and prints its top functions.
"""

from __future__ import annotations

import argparse
import itertools
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import ms, peak_rss_mb, rss_mb, say, summary  # noqa: E402


# ---------------------------------------------------------------- experiments (never edit src/)
def _patch_layers_cards() -> bool:
    """Load a copy of layers.py whose popups build cards only for the rows they show.

    The repository file is not touched: its text is patched in memory and registered as
    ``kr_map.layers`` for this process only. Every ``_popup([card for _, r in rows])`` call
    becomes a generator, and ``_popup`` takes the first ``MAX_CARDS + 1`` cards, so only
    those rows are turned into HTML. For timing only: the "... and N more" count is not
    kept right here (the real change passes ``len(rows)``). Returns False if nothing matched.
    """
    import re
    import types

    import kr_map

    path = Path(kr_map.__file__).parent / "layers.py"
    source = path.read_text(encoding="utf-8")
    calls = re.compile(r"_popup\(\[(.+?) for _, r in (.+?)\]\)")
    if "def _popup(" not in source or not calls.search(source):
        return False
    source = source.replace("def _popup(", "def _popup_all(", 1)
    source = calls.sub(r"_popup((\1 for _, r in \2))", source)
    source += (
        "\n\ndef _popup(cards):\n"
        "    import itertools\n\n"
        "    return _popup_all(list(itertools.islice(iter(cards), MAX_CARDS + 1)))\n"
    )
    module = types.ModuleType("kr_map.layers")
    module.__file__ = str(path)
    exec(compile(source, str(path), "exec"), module.__dict__)
    sys.modules["kr_map.layers"] = module
    kr_map.layers = module
    return True


def _cache_dates() -> None:
    """Memoise ``dates.parse_iso`` during the load (pure function of its text; Span is frozen).

    The memo is cleared right after ``load`` (see ``_child``): kept, its ~8k long-lived
    entries pin allocator arenas and the process keeps ~80 MB more RSS at 100k events.
    """
    import functools

    from kr_map import dates

    dates.parse_iso = functools.lru_cache(maxsize=65536)(dates.parse_iso)


def _child(data_dir: Path, quick: bool, profile: bool, experiments: dict | None = None,
           load_only: bool = False) -> dict:  # fmt: skip
    import logging

    logging.getLogger("streamlit").setLevel(logging.ERROR)
    import pandas as pd  # noqa: F401 - imported before the baseline RSS is taken
    import streamlit_folium  # noqa: F401
    from bench_frames import build_frame, count_markers  # noqa: F401

    from kr_map import model, page, timeline
    from kr_map.loader import load

    experiments = experiments or {}
    applied = {}
    if experiments.get("fix_cards"):
        applied["fix_cards"] = _patch_layers_cards()
    if experiments.get("cached_dates"):
        _cache_dates()
        applied["cached_dates"] = True
    if experiments.get("max_markers"):
        import kr_map.layers

        kr_map.layers.MAX_MARKERS = experiments["max_markers"]
        applied["max_markers"] = experiments["max_markers"]
    from kr_map.layers import MAX_MARKERS

    out: dict = {"rss_before_load_mb": rss_mb(), "experiments": applied}
    if profile:
        import cProfile
        import io
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
    t = time.perf_counter()
    ds = load(data_dir)
    if applied.get("cached_dates"):  # the proposal clears the memo at the end of load()
        from kr_map import dates

        dates.parse_iso.cache_clear()
    out["load_s"] = round(time.perf_counter() - t, 3)
    if profile:
        profiler.disable()
        target = HERE / "out" / f"load-{len(ds.events)}.prof"
        target.parent.mkdir(exist_ok=True)
        profiler.dump_stats(target)
        text = io.StringIO()
        pstats.Stats(profiler, stream=text).sort_stats("tottime").print_stats(12)
        out["load_profile_top"] = [line for line in text.getvalue().splitlines() if "(" in line][
            :14
        ]
    out["rss_after_load_mb"] = rss_mb()
    out["load_rss_delta_mb"] = round(out["rss_after_load_mb"] - out["rss_before_load_mb"], 1)
    if load_only:
        return out
    out["rows"] = {
        name: len(getattr(ds, name)) for name in ("places", "control", "events", "movements")
    }

    t = time.perf_counter()
    camps = model.camp_spans(ds)
    out["camp_spans_ms"] = round(ms(time.perf_counter() - t), 1)
    dense = model.dense_years(ds)
    frames = timeline.frames(monthly=dense)
    periods = [model.month(f.year, f.month) if f.month else model.year(f.year) for f in frames]
    out["frames"] = len(periods)

    state_ms = []
    for period in periods:
        t = time.perf_counter()
        model.state_at(ds, period, camps)
        state_ms.append(ms(time.perf_counter() - t))
    out["state_ms"] = summary(state_ms)

    years = [model.year(y) for y in range(model.FIRST_YEAR, model.LAST_YEAR + 1)]
    months = [p for p in periods if p.unit == "month"]
    step = max(1, len(months) // (2 if quick else 10))
    sample = (years[::10] if quick else years) + months[::step]
    build, state_part, layers_part, render_part, js_kb = [], [], [], [], []
    year_build = []
    biggest: dict[str, int] = {}
    for period in sample:
        s, lay, r, counts, js = build_frame(ds, period, camps)
        build.append(ms(s + lay + r))
        if period.unit == "year":
            year_build.append(ms(s + lay + r))
        state_part.append(ms(s))
        layers_part.append(ms(lay))
        render_part.append(ms(r))
        js_kb.append(len(js) / 1024)
        for name, n in counts.items():
            biggest[name] = max(biggest.get(name, 0), n)
    out["frame_ms"] = summary(build)
    out["frame_year_ms"] = summary(year_build)
    out["frame_parts_p50_ms"] = {
        "state": summary(state_part)["p50"],
        "layers": summary(layers_part)["p50"],
        "render": summary(render_part)["p50"],
    }
    out["frame_parts_p95_ms"] = {
        "state": summary(state_part)["p95"],
        "layers": summary(layers_part)["p95"],
        "render": summary(render_part)["p95"],
    }
    out["frame_js_kb"] = summary(js_kb)
    out["max_objects_per_layer"] = biggest
    out["max_markers_setting"] = MAX_MARKERS

    page_ms, panel_kb, events_in_year = [], [], []
    for period in years[::10] if quick else years[::3]:
        state = model.state_at(ds, period, camps)
        t = time.perf_counter()
        header = page.header_html(state, ds.factions)
        panel = page.events_panel_html(state, ds.factions)
        page.events_table(state, ds.factions)
        page_ms.append(ms(time.perf_counter() - t))
        panel_kb.append((len(header) + len(panel)) / 1024)
        events_in_year.append(len(state.events))
    out["page_ms"] = summary(page_ms)
    out["page_html_kb"] = summary(panel_kb)
    out["events_per_year"] = summary(events_in_year, 0)

    t = time.perf_counter()
    model.changes_between(ds, model.year(1989), model.year(1990))
    out["changes_between_ms"] = round(ms(time.perf_counter() - t), 1)
    out["peak_rss_mb"] = peak_rss_mb()
    out["rss_end_mb"] = rss_mb()
    return out


def run_size(n_events: int, root: Path, quick: bool, profile: bool, timeout: float,
             extra: tuple[str, ...] = ()) -> dict:  # fmt: skip
    """Generate one size and measure it in a child process; return the child's numbers."""
    import synthetic

    t = time.perf_counter()
    data = synthetic.generate(root / f"events-{n_events}", n_events)
    generate_s = time.perf_counter() - t
    command = [sys.executable, str(HERE / "bench_scale.py"), "--child", str(data)]
    command += ["--quick"] if quick else []
    command += ["--profile"] if profile else []
    command += list(extra)
    done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, cwd=HERE.parent)
    if done.returncode != 0:
        return {"error": done.stderr[-2000:], "generate_s": round(generate_s, 2)}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["generate_s"] = round(generate_s, 2)
    result["generated_rows"] = n_events
    return result


def growth(a: float | None, b: float | None) -> float | None:
    return None if not a or not b else round(b / a, 2)


def run(quick: bool, sizes=(1_000, 10_000, 100_000), profile: bool | None = None) -> dict:
    profile = not quick if profile is None else profile
    results = {}
    with tempfile.TemporaryDirectory(prefix="kr-map-scale-") as tmp:
        for n in sizes:
            say(f"  scale: {n:,} events, 10,000 places ...")
            results[n] = run_size(n, Path(tmp), quick, False, timeout=600)
            r = results[n]
            if "error" in r:
                say(f"    FAILED: {r['error'][-600:]}")
                continue
            say(f"    generate {r['generate_s']} s, load {r['load_s']} s (+{r['load_rss_delta_mb']} MB RSS, "
                f"peak {r['peak_rss_mb']} MB), state p50/p95 {r['state_ms']['p50']}/{r['state_ms']['p95']} ms, "
                f"frame p50/p95 {r['frame_ms']['p50']}/{r['frame_ms']['p95']} ms "
                f"(year frames p95 {r['frame_year_ms']['p95']}), parts p50 {r['frame_parts_p50_ms']}, "
                f"objects/layer {r['max_objects_per_layer']}, page p95 {r['page_ms']['p95']} ms "
                f"({r['page_html_kb']['max']} KB html), changes_between {r['changes_between_ms']} ms")  # fmt: skip
        if profile and "error" not in results[max(sizes)]:
            say(
                f"  profiling loader.load at {max(sizes):,} events (a separate run: cProfile slows it)"
            )
            profiled = run_size(
                max(sizes), Path(tmp), True, True, timeout=600, extra=("--load-only",)
            )
            results["profile"] = {"load_s_under_cprofile": profiled.get("load_s"),
                                  "top": profiled.get("load_profile_top", profiled.get("error"))}  # fmt: skip
            for line in results["profile"]["top"] or []:
                say("      " + line)
    ok = [n for n in sizes if "error" not in results[n]]  # sizes only, not "profile"
    steps = {}
    for a, b in itertools.pairwise(ok):
        ra, rb = results[a], results[b]
        steps[f"{a}->{b}"] = {
            "load": growth(ra["load_s"], rb["load_s"]),
            "load_rss": growth(ra["load_rss_delta_mb"], rb["load_rss_delta_mb"]),
            "state_p50": growth(ra["state_ms"]["p50"], rb["state_ms"]["p50"]),
            "frame_p50": growth(ra["frame_ms"]["p50"], rb["frame_ms"]["p50"]),
            "frame_layers_p50": growth(ra["frame_parts_p50_ms"]["layers"], rb["frame_parts_p50_ms"]["layers"]),
            "frame_render_p50": growth(ra["frame_parts_p50_ms"]["render"], rb["frame_parts_p50_ms"]["render"]),
            "page_p50": growth(ra["page_ms"]["p50"], rb["page_ms"]["p50"]),
        }  # fmt: skip
    say(f"  growth per 10x: {steps}")
    return {"sizes": results, "growth": steps}


def run_experiment(n_events: int = 100_000, max_markers: int = 50) -> dict:
    """Measure one size with the proposed changes applied in memory (see the flags)."""
    extra = ("--fix-cards", "--cached-dates", "--max-markers", str(max_markers))
    with tempfile.TemporaryDirectory(prefix="kr-map-scale-x-") as tmp:
        return run_size(n_events, Path(tmp), True, False, timeout=600, extra=extra)


def main() -> None:
    parser = argparse.ArgumentParser(description="kr-map scale benchmark (one size, as a child)")
    parser.add_argument("--child", type=Path, required=True, help="data folder to measure")
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--load-only", action="store_true", help="stop after loader.load")
    parser.add_argument(
        "--fix-cards", action="store_true", help="experiment: cards for shown rows only"
    )
    parser.add_argument("--cached-dates", action="store_true", help="experiment: memoise parse_iso")
    parser.add_argument(
        "--max-markers", type=int, default=0, help="experiment: another MAX_MARKERS"
    )
    args = parser.parse_args()
    experiments = {"fix_cards": args.fix_cards, "cached_dates": args.cached_dates,
                   "max_markers": args.max_markers}  # fmt: skip
    print(json.dumps(_child(args.child, args.quick, args.profile, experiments, args.load_only)))


if __name__ == "__main__":
    main()
