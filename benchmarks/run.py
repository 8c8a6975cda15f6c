"""kr-map benchmarks: scrub latency, frame build, cold start, memory, scale and a classroom.

    python benchmarks/run.py                 # everything (about 10-15 minutes on 2 cores)
    python benchmarks/run.py --quick         # every key, fewer samples (under 3 minutes)
    python benchmarks/run.py --only scrub    # one benchmark: frames, scrub, classroom, scale, variants
    python benchmarks/run.py --port 8765     # the app's port (default: a free one)

Progress goes to stdout as it happens; the LAST line of stdout is one JSON object with
the headline numbers (keys listed in benchmarks/README.md). The full detail is also saved
to ``benchmarks/out/run-<full|quick>-<time>.json``. Benchmarks measure and print; they
never assert, and they are not part of CI.

Needs: Chromium at /usr/bin/chromium and the Playwright Python package (the browser is
not downloaded), and ``websockets`` for the classroom. The app runs from a snapshot of
app.py taken at the start, so edits made during the run do not mix into the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import AppServer, free_port, machine, port_is_free, say, snapshot_app  # noqa: E402

BENCHMARKS = ("frames", "scrub", "classroom", "scale", "variants")


def _plan(quick: bool) -> dict:
    return {
        "scrub_steps": 40 if quick else 60,
        "classroom_clients": 30,
        "classroom_steps": 20,
        "classroom_timeout_s": 25.0 if quick else 60.0,
        "variant_scrub_steps": 20 if quick else 40,
    }


# ---------------------------------------------------------------- one app server in a browser
def browser_and_classroom(app: Path, port: int, plan: dict, *, scrub: bool, classroom: bool,
                          label: str, sample_to: Path | None = None,
                          no_watcher: bool = False) -> dict:  # fmt: skip
    """Start the app, measure cold start (and scrub), then the classroom, on one server."""
    import bench_browser
    import bench_classroom
    from playwright.sync_api import sync_playwright

    out: dict = {"app": str(app), "port": port}
    env = {"KR_MAP_SAMPLER_OUT": str(sample_to)} if sample_to else {}
    if no_watcher:
        env["STREAMLIT_SERVER_FILE_WATCHER_TYPE"] = "none"
    out["file_watcher"] = "none" if no_watcher else "config"
    server = AppServer(app, port, env=env)
    try:
        with sync_playwright() as playwright:
            browser, page, routes, errors = bench_browser.open_browser(playwright)
            try:
                out.update(bench_browser.cold_start(page, server))
                say(f"  [{label}] cold start {out['cold_start_s']} s (server healthy after "
                    f"{out['server_healthy_s']} s); RSS {server.rss_mb()} MB")  # fmt: skip
                if scrub:
                    result = bench_browser.scrub(
                        page, server.url, plan["scrub_steps"], server=server
                    )
                    out["scrub"] = result
                    say(f"  [{label}] scrub {result['steps_done']} steps: {result['latency_ms']} ms; "
                        f"kept view {result['kept_view']}, remounts {result['remounts']}, "
                        f"failed steps {result['steps_failed']}")  # fmt: skip
                    for failure in result["failures"]:
                        say(f"    failed at {failure['year']}: {failure['page'][:300]}")
                out["rss_after_scrub_mb"] = server.rss_mb()
                out["blocked_requests"] = routes.blocked[:10]
                out["page_errors"] = errors[:10]
            finally:
                browser.close()
        if classroom:
            time.sleep(1.0)
            result = bench_classroom.run(server.url, plan["classroom_clients"], plan["classroom_steps"],
                                         plan["classroom_timeout_s"], plan.get("classroom_think_s", 0.0),
                                         server=server)  # fmt: skip
            result["rss_after_mb"] = server.rss_mb()
            result["peak_rss_mb"] = server.peak_rss_mb()
            out["classroom"] = result
            say(f"  [{label}] classroom: {result.get('steps_done')}/{result.get('steps_planned')} steps "
                f"in {result.get('elapsed_s')} s, done {result.get('done_ms')} ms, map "
                f"{result.get('map_ms')} ms, {result.get('kb_per_step', {}).get('p50')} KB/step, "
                f"RSS {result['rss_after_mb']} MB (peak {result['peak_rss_mb']}), "
                f"server CPU {result.get('server_cpu_ms_per_run')} ms/run, app exceptions "
                f"{result.get('app_exceptions')} {result.get('app_exception_kinds')}, "
                f"client errors {result.get('error_count')} {result.get('errors', [])[:2]}")  # fmt: skip
    finally:
        server.stop()
    if sample_to and sample_to.exists():
        profile = json.loads(sample_to.read_text(encoding="utf-8"))
        out["server_samples"] = profile
        say(
            f"  [{label}] server stack samples: {profile['samples']} (every {profile['interval_s']} s)"
        )
        for name, count in profile["inclusive"][:40]:
            say(f"    {100 * count / max(1, profile['samples']):5.1f}%  {name}")
    return out


# ---------------------------------------------------------------- the headline keys
def _get(d: dict, *path, default=None):
    for key in path:
        if not isinstance(d, dict) or key not in d:
            return default
        d = d[key]
    return d


def headline(detail: dict) -> dict:
    """Return the flat JSON object printed last: the required keys, then extras."""
    b, f, s = detail.get("browser", {}), detail.get("frames", {}), detail.get("scale", {})
    sizes = s.get("sizes", {})

    def size(n, *path):
        return _get(sizes, n, *path)

    growth = s.get("growth", {})
    per_10x = [g.get("frame_p50") for g in growth.values() if g.get("frame_p50")]
    load_10x = [g.get("load") for g in growth.values() if g.get("load")]
    rss_10x = [g.get("load_rss") for g in growth.values() if g.get("load_rss")]

    def geo(values):
        if not values:
            return None
        product = 1.0
        for v in values:
            product *= v
        return round(product ** (1 / len(values)), 2)

    out = {
        "scrub_p50_ms": _get(b, "scrub", "latency_ms", "p50"),
        "scrub_p95_ms": _get(b, "scrub", "latency_ms", "p95"),
        "scrub_max_ms": _get(b, "scrub", "latency_ms", "max"),
        "scrub_kept_view": _get(b, "scrub", "kept_view"),
        "frame_p50_ms": _get(f, "build", "total_ms", "p50"),
        "frame_p95_ms": _get(f, "build", "total_ms", "p95"),
        "cold_start_s": b.get("cold_start_s"),
        "rss_mb": b.get("rss_after_scrub_mb"),
        "scale_1k_frame_ms": size(1000, "frame_ms", "p95"),
        "scale_10k_frame_ms": size(10000, "frame_ms", "p95"),
        "scale_100k_frame_ms": size(100000, "frame_ms", "p95"),
        "scale_100k_state_ms": size(100000, "state_ms", "p95"),
        "scale_100k_load_s": size(100000, "load_s"),
        "scale_100k_rss_mb": size(100000, "peak_rss_mb"),
        "scale_growth_per_10x": geo(per_10x),
        "classroom30_p95_ms": _get(b, "classroom", "done_ms", "p95"),
        "classroom30_rss_mb": max(
            filter(
                None,
                [_get(b, "classroom", "peak_rss_sampled_mb"), _get(b, "classroom", "rss_after_mb")],
            ),
            default=None,
        ),
        # extras
        "scrub_steps_done": _get(b, "scrub", "steps_done"),
        "scrub_failed_steps": _get(b, "scrub", "steps_failed"),
        "scrub_failed_years": [x["year"] for x in _get(b, "scrub", "failures", default=[])],
        "scrub_remounts": _get(b, "scrub", "remounts"),
        "frame_state_p50_ms": _get(f, "build", "state_ms", "p50"),
        "frame_layers_p50_ms": _get(f, "build", "layers_ms", "p50"),
        "frame_render_p50_ms": _get(f, "build", "render_ms", "p50"),
        "stfolium_call_p50_ms": _get(f, "st_folium", "as-is", "st_folium_ms", "p50"),
        "stfolium_call_p95_ms": _get(f, "st_folium", "as-is", "st_folium_ms", "p95"),
        "stfolium_key_changes": _get(f, "st_folium", "as-is", "key_changes"),
        "stfolium_map_script_kb_first_last": _get(
            f, "st_folium", "as-is", "map_script_kb_first_last"
        ),
        "stfolium_rerun_p50_ms": _get(f, "st_folium", "as-is", "rerun_ms", "p50"),
        "stfolium_call_first_pass_p50_ms": _get(
            f, "st_folium", "as-is", "st_folium_ms_first_pass", "p50"
        ),
        "stfolium_prerendered_call_first_pass_p50_ms": _get(
            f, "st_folium", "prerendered", "st_folium_ms_first_pass", "p50"
        ),
        "stfolium_fg_growth_on_revisit_kb": _get(
            f, "st_folium", "as-is", "feature_group_growth_on_revisit_kb"
        ),
        "stfolium_copies_call_p50_ms": _get(f, "st_folium", "copies", "st_folium_ms", "p50"),
        "stfolium_copies_rerun_p50_ms": _get(f, "st_folium", "copies", "rerun_ms", "p50"),
        "stfolium_prerendered_call_p50_ms": _get(
            f, "st_folium", "prerendered", "st_folium_ms", "p50"
        ),
        "stfolium_prerendered_rerun_p50_ms": _get(f, "st_folium", "prerendered", "rerun_ms", "p50"),
        "stfolium_prerendered_rerun_p95_ms": _get(f, "st_folium", "prerendered", "rerun_ms", "p95"),
        "frame_failed": _get(f, "build", "failed_frames"),
        "app_rerun_p50_ms": _get(f, "apptest", "rerun_ms", "p50"),
        "app_rerun_p95_ms": _get(f, "apptest", "rerun_ms", "p95"),
        "classroom30_map_p95_ms": _get(b, "classroom", "map_ms", "p95"),
        "classroom30_p50_ms": _get(b, "classroom", "done_ms", "p50"),
        "classroom30_steps_done": _get(b, "classroom", "steps_done"),
        "classroom30_steps_planned": _get(b, "classroom", "steps_planned"),
        "classroom30_p95_ms_with_unfinished": _get(
            b, "classroom", "done_ms_with_unfinished", "p95"
        ),
        "classroom30_kb_per_step": _get(b, "classroom", "kb_per_step", "p50"),
        "classroom30_reruns_per_s": _get(b, "classroom", "reruns_per_s"),
        "classroom30_server_cpu_ms_per_run": _get(b, "classroom", "server_cpu_ms_per_run"),
        "classroom30_app_exceptions": _get(b, "classroom", "app_exceptions"),
        "classroom30_app_exception_kinds": _get(b, "classroom", "app_exception_kinds"),
        "classroom30_steps_without_map": _get(b, "classroom", "steps_without_map"),
        "scrub_server_cpu_ms_per_step": _get(b, "scrub", "server_cpu_ms_per_step"),
        "scale_1k_frame_p50_ms": size(1000, "frame_ms", "p50"),
        "scale_10k_frame_p50_ms": size(10000, "frame_ms", "p50"),
        "scale_100k_frame_p50_ms": size(100000, "frame_ms", "p50"),
        "scale_100k_state_p50_ms": size(100000, "state_ms", "p50"),
        "scale_1k_load_s": size(1000, "load_s"),
        "scale_10k_load_s": size(10000, "load_s"),
        "scale_1k_load_rss_mb": size(1000, "load_rss_delta_mb"),
        "scale_10k_load_rss_mb": size(10000, "load_rss_delta_mb"),
        "scale_100k_load_rss_mb": size(100000, "load_rss_delta_mb"),
        "scale_100k_max_objects_per_layer": size(100000, "max_objects_per_layer"),
        "scale_100k_frame_js_kb": size(100000, "frame_js_kb", "p50"),
        "scale_100k_page_p95_ms": size(100000, "page_ms", "p95"),
        "scale_100k_page_html_kb": size(100000, "page_html_kb", "max"),
        "scale_100k_changes_between_ms": size(100000, "changes_between_ms"),
        "scale_load_growth_per_10x": geo(load_10x),
        "scale_load_rss_growth_per_10x": geo(rss_10x),
    }
    for cap in (100, 50):
        experiment = s.get(f"experiment_100k_max{cap}", {})
        if experiment and "error" not in experiment:
            out[f"scale_100k_max{cap}_frame_ms"] = _get(experiment, "frame_ms", "p95")
            out[f"scale_100k_max{cap}_frame_p50_ms"] = _get(experiment, "frame_ms", "p50")
            out[f"scale_100k_max{cap}_load_s"] = experiment.get("load_s")
    for key, value in s.get("object_cost", {}).items():
        out[f"objects_{key}"] = value
    for name, result in detail.get("variants", {}).items():
        key = name.replace("-", "_")
        out[f"{key}_scrub_p50_ms"] = _get(result, "scrub", "latency_ms", "p50")
        out[f"{key}_scrub_p95_ms"] = _get(result, "scrub", "latency_ms", "p95")
        out[f"{key}_scrub_kept_view"] = _get(result, "scrub", "kept_view")
        out[f"{key}_classroom30_p95_ms"] = _get(result, "classroom", "done_ms", "p95")
        out[f"{key}_classroom30_steps_done"] = _get(result, "classroom", "steps_done")
        out[f"{key}_classroom30_app_exceptions"] = _get(result, "classroom", "app_exceptions")
        out[f"{key}_classroom30_server_cpu_ms_per_run"] = _get(
            result, "classroom", "server_cpu_ms_per_run"
        )
        out[f"{key}_scrub_server_cpu_ms_per_step"] = _get(result, "scrub", "server_cpu_ms_per_step")
        out[f"{key}_cold_start_s"] = result.get("cold_start_s")
        out[f"{key}_rss_mb"] = result.get("rss_after_scrub_mb")
    out["loadavg_start"] = detail.get("machine", {}).get("loadavg_at_start")
    out["loadavg_end"] = detail.get("loadavg_end")
    out["quick"] = detail.get("quick")
    return out


# ---------------------------------------------------------------- main
def main() -> None:
    parser = argparse.ArgumentParser(
        description="kr-map benchmarks. The last line of output is one JSON object.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 2)[1],
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer samples; every key, under 3 minutes"
    )
    parser.add_argument("--only", choices=BENCHMARKS, help="run one benchmark")
    parser.add_argument(
        "--port", type=int, default=0, help="port for the app (default: a free one)"
    )
    parser.add_argument("--variants", default="prerendered,prerendered-page,copies",
                        help="st_folium prototypes to compare in the browser (see variants.py); '' for none")  # fmt: skip
    parser.add_argument("--no-variants", action="store_true", help="skip the variant comparison")
    parser.add_argument("--sample-server", action="store_true",
                        help="run a stack sampler inside the app server (sampler.py) and print where "
                             "its time goes; adds overhead, so not for the headline numbers")  # fmt: skip
    parser.add_argument("--think-s", type=float, default=0.0,
                        help="classroom: mean pause of a student between steps (default 0: all press at once)")  # fmt: skip
    parser.add_argument("--no-file-watcher", action="store_true",
                        help="start the app with server.fileWatcherType=none (as proposed for class use)")  # fmt: skip
    parser.add_argument("--variant", default="as-is",
                        help="which st_folium to run for scrub/classroom: as-is (app.py), copies, prerendered, "
                             "prerendered-page")  # fmt: skip
    args = parser.parse_args()

    plan = {**_plan(args.quick), "classroom_think_s": args.think_s}
    wanted = {args.only} if args.only else set(BENCHMARKS)
    if args.quick or args.no_variants:
        wanted.discard("variants") if not args.only else None
    port = args.port or free_port()
    if args.port and not port_is_free(port):
        say(f"port {port} is in use; pick another with --port")
        sys.exit(2)

    started = time.perf_counter()
    detail: dict = {"machine": machine(), "quick": args.quick, "plan": plan}
    say(f"kr-map benchmarks ({'quick' if args.quick else 'full'}); machine: "
        f"{json.dumps({k: detail['machine'][k] for k in ('nproc', 'ram_gb', 'cpu', 'python', 'loadavg_at_start')})}")  # fmt: skip
    say(f"  packages: {detail['machine']['packages']}")
    snapshot = snapshot_app()
    say(f"  app.py snapshot {detail['machine']['app_py_sha256']} -> {snapshot}")

    def attempt(name: str, function):
        say(f"== {name}")
        t = time.perf_counter()
        try:
            detail[name] = function()
        except Exception as error:
            detail[name] = {"error": f"{type(error).__name__}: {error}"}
            say(f"  FAILED: {type(error).__name__}: {error}")
            traceback.print_exc(file=sys.stdout)
        say(f"   ({time.perf_counter() - t:.0f} s)")

    if "frames" in wanted:
        import bench_frames

        attempt("frames", lambda: bench_frames.run(args.quick, snapshot))
    if wanted & {"scrub", "classroom"}:
        import variants

        app = variants.variant_app(args.variant, snapshot, sample=args.sample_server)
        sample_to = (
            (HERE / "out" / f"server-samples-{args.variant}.json") if args.sample_server else None
        )
        if sample_to:
            sample_to.parent.mkdir(exist_ok=True)
            sample_to.unlink(missing_ok=True)
        attempt("browser", lambda: browser_and_classroom(
            app, port, plan, scrub="scrub" in wanted, classroom="classroom" in wanted,
            label="app.py" if args.variant == "as-is" else args.variant, sample_to=sample_to,
            no_watcher=args.no_file_watcher))  # fmt: skip
    if "variants" in wanted:
        import variants

        def compare() -> dict:
            results = {}
            for name in filter(None, (v.strip() for v in args.variants.split(","))):
                app = variants.variant_app(name, snapshot)
                variant_plan = {**plan, "scrub_steps": plan["variant_scrub_steps"]}
                results[name] = browser_and_classroom(app, free_port(), variant_plan, scrub=True,
                                                      classroom=True, label=name)  # fmt: skip
            return results

        attempt("variants", compare)
    if "scale" in wanted:
        import bench_scale

        def scale() -> dict:
            result = bench_scale.run(args.quick)
            if not args.quick:
                for cap in (100, 50):
                    say(f"  scale experiment: 100k events with MAX_MARKERS={cap}, popup cards for "
                        "shown rows only and a memoised parse_iso (applied in memory, src/ untouched)")  # fmt: skip
                    e = bench_scale.run_experiment(100_000, cap)
                    result[f"experiment_100k_max{cap}"] = e
                    say(f"    -> {json.dumps({k: e.get(k) for k in ('experiments', 'load_s', 'frame_ms', 'frame_year_ms', 'frame_parts_p50_ms', 'max_objects_per_layer', 'frame_js_kb')})}")  # fmt: skip
                import bench_objects

                result["object_cost"] = bench_objects.run()
                say(f"  object cost: {result['object_cost']}")
            return result

        attempt("scale", scale)

    detail["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    detail["elapsed_s"] = round(time.perf_counter() - started, 1)
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    target = (
        out_dir
        / f"run-{'quick' if args.quick else 'full'}{'-' + args.only if args.only else ''}-{stamp}.json"
    )
    target.write_text(json.dumps(detail, indent=1, default=str), encoding="utf-8")
    say(f"done in {detail['elapsed_s']} s; detail saved to {target}")
    print(json.dumps(headline(detail), default=str), flush=True)


if __name__ == "__main__":
    main()
