"""kr-map benchmarks: the one time player in the app and the export, a classroom, peers, scale.

    python benchmarks/run.py                 # everything (about 8-10 minutes on 2 cores)
    python benchmarks/run.py --quick         # every headline key, fewer samples (about 4-5 minutes)
    python benchmarks/run.py --only player   # one part: player, cold, classroom, peers, scale
    python benchmarks/run.py --port 8765     # the app's port (default: a free one)

Progress goes to stdout as it happens; the LAST line of stdout is one JSON object with
the headline numbers (keys listed in benchmarks/README.md). The full detail is also saved
to ``benchmarks/out/run-<full|quick>-<time>.json``. Benchmarks measure and print; they
never assert, and they are not part of CI.

Needs: Chromium at /usr/bin/chromium and the Playwright Python package (the browser is
not downloaded), ``websockets`` for the classroom, and ``npm ci`` (node_modules) for the
folium time-plugin peer. The app runs from a snapshot of app.py taken at the start, so
edits made during the run do not mix into the numbers.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import AppServer, free_port, machine, port_is_free, say, snapshot_app  # noqa: E402

PARTS = ("player", "cold", "classroom", "peers", "scale")


def plan_for(quick: bool) -> dict:
    """Return how many samples each part takes (quick: fewer, every key still measured)."""
    return {
        "segments": 12 if quick else 24,  # x per_segment key presses, spread over all frames
        "per_segment": 5,
        "chromium_pages": 5,
        "crowd_segments": 4 if quick else 8,
        "export_segments": 12 if quick else 24,
        "classroom_sizes": (30, 100),
        "classroom_reports": 20,
        "classroom_timeout_s": 45.0 if quick else 60.0,
        "open_clients": 30,
        "naive_steps": 20 if quick else 40,
        "timedim_segments": 12 if quick else 24,
        "switch_segments": 4 if quick else 8,
    }


# ---------------------------------------------------------------- the parts
def wait_quiet(server: AppServer, limit_s: float = 40.0) -> float:
    """Wait until the server uses under 5% of a core (earlier sessions' queued runs done)."""
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit_s:
        before = server.cpu_s() or 0.0
        time.sleep(0.5)
        if (server.cpu_s() or 0.0) - before < 0.025:
            break
    return round(time.perf_counter() - t0, 1)


def player_part(app: Path, port: int, plan: dict) -> dict:
    """Start the app; scrub it in Chromium (one page, then five at once)."""
    import bench_player

    server = AppServer(app, port)
    try:
        server.start()
        out = {"server_healthy_s": round(server.wait_healthy(90), 2)}
        out.update(bench_player.run_app(server.url, server, plan))
        out["rss_after_mb"] = server.rss_mb()
    finally:
        server.stop()
    one = out["one"]
    say(f"  [app] scrub {one['steps_done']} steps over {one['frames_covered']} frames "
        f"({one['months_covered']} months): {one['latency_ms']} ms; settle {one['settle_ms']} ms "
        f"(after the report {one['settle_after_report_ms']}); full runs {one['full_runs']}, "
        f"fragment runs {one['fragment_runs']}; server CPU {one['server_cpu_ms_per_step']} ms/step "
        f"(idle {one['server_idle_cpu_ms_per_s']} ms/s)")  # fmt: skip
    crowd = out["crowd"]
    say(f"  [app] {crowd['pages_ok']}/{crowd['pages']} pages at once: {crowd['latency_ms']} ms, "
        f"open {crowd['open_s_summary']} s, full runs {crowd['full_runs']}, errors {crowd['errors']}")  # fmt: skip
    return out


def cold_part(app: Path, port: int) -> dict:
    """Server start to the first map drawn (bench_cold.py): our first start finds the disk
    caches as they are (after a code change: empty, so it builds); then, round by round, our
    restart (reading what it wrote) beside the floors of the stack (a bare Streamlit page, a
    bare offline streamlit-folium map), so the ratios come from one machine load."""
    import bench_cold

    out = bench_cold.run(3, app)
    out["first_start_s"] = out["kr_map_first_start_s"]
    out["restart_s"] = out["median_painted_s"]["kr_map"]
    say(f"  [cold] restart {out['restart_s']} s to the first map; floors: bare page "
        f"{out['median_painted_s']['text']} s, bare folium map {out['median_painted_s']['folium']} s "
        f"(ours / folium {out['ratio_kr_map_over_folium']})")  # fmt: skip
    return out


def export_part(plan: dict) -> dict:
    """Write the HTML export of the bundled data and scrub it in Chromium."""
    import bench_player

    from kr_map import export_html
    from kr_map.loader import default_data_dir, load

    t = time.perf_counter()
    page, frames = export_html.build_page(load(default_data_dir()))
    built = time.perf_counter() - t
    with tempfile.TemporaryDirectory(prefix="kr-map-export-") as folder:
        target = Path(folder) / "kr-map.html"
        target.write_text(page, encoding="utf-8")
        result = bench_player.run_export(
            target.as_uri(), {**plan, "segments": plan["export_segments"]}
        )
    result.update(build_s=round(built, 2), page_kb=round(len(page) / 1024), frames=len(frames))
    say(f"  [export] built in {built:.1f} s ({result['page_kb']} KB); scrub {result['steps_done']} "
        f"steps: {result['latency_ms']} ms")  # fmt: skip
    return result


def classroom_part(app: Path, port: int, plan: dict) -> dict:
    """Start the app; open 30 sessions at once; then 30 and 100 sessions reporting frames."""
    import bench_reports

    server = AppServer(app, port)
    out: dict = {}
    try:
        server.start()
        server.wait_healthy(90)
        bench_reports.run(server.url, 1, 1, 60, server=server)  # warm: caches and the document
        time.sleep(1.0)
        out["open"] = bench_reports.open_at_once(
            server.url, plan["open_clients"], 120, server=server
        )
        say(f"  [open] {out['open']['opened']}/{out['open']['clients']} sessions at once: "
            f"{out['open']['open_s']} s, errors {out['open']['errors']}")  # fmt: skip
        for size in plan["classroom_sizes"]:
            out[f"quiet_before_{size}_s"] = wait_quiet(server)
            result = bench_reports.run(server.url, size, plan["classroom_reports"],
                                       plan["classroom_timeout_s"], server=server)  # fmt: skip
            out[str(size)] = result
            say(f"  [classroom {size}] {result['reports_done']}/{result['reports_planned']} reports "
                f"in {result['elapsed_s']} s: {result['report_ms']} ms; open {result['open_s']} s; "
                f"exceptions {result['app_exceptions']}, errors {result['error_count']} "
                f"{result['errors'][:2]}, wrong frame {result['wrong_frame']}, full runs "
                f"{result['full_runs_after_open']}; server CPU {result['server_cpu_s']} s, peak RSS "
                f"{result['server_peak_rss_mb']} MB")  # fmt: skip
    finally:
        server.stop()
    return out


def peers_part(plan: dict) -> dict:
    import bench_peers

    from kr_map import frames
    from kr_map.basemap import load_borders
    from kr_map.loader import default_data_dir, load

    document = frames.frames_document(load(default_data_dir()))
    borders = load_borders(default_data_dir() / "borders.geojson")
    return bench_peers.run(plan["naive_steps"], plan["timedim_segments"], plan["per_segment"],
                           document, borders)  # fmt: skip


def scale_part(quick: bool, plan: dict) -> dict:
    import bench_scale

    return bench_scale.run(quick, {**plan, "segments": plan["switch_segments"]})


# ---------------------------------------------------------------- the headline keys
def _get(d: dict, *path, default=None):
    for key in path:
        if not isinstance(d, dict) or key not in d:
            return default
        d = d[key]
    return d


def _ratio(a, b):
    return (
        round(a / b, 1) if isinstance(a, int | float) and isinstance(b, int | float) and b else None
    )


def headline(detail: dict) -> dict:
    """Return the flat JSON object printed last: the target keys first, then extras."""
    p, e, c = detail.get("player", {}), detail.get("export", {}), detail.get("classroom", {})
    peers, s = detail.get("peers", {}), detail.get("scale", {})
    ours = _get(p, "one", "latency_ms", "p95")
    naive = _get(peers, "naive", "scrub", "latency_ms", "p95")
    timedim = _get(peers, "timedim", "latency_ms", "p95")

    def size(n, *path, default=None):
        return _get(s, str(n), *path, default=default)

    def classroom(n, *path, default=None):
        return _get(c, str(n), *path, default=default)

    out = {
        "scrub_p50_ms": _get(p, "one", "latency_ms", "p50"),
        "scrub_p95_ms": ours,
        "export_scrub_p95_ms": _get(e, "latency_ms", "p95"),
        "scrub_server_cpu_ms_per_step": _get(p, "one", "server_cpu_ms_per_step"),
        "scrub_full_runs": _get(p, "one", "full_runs"),
        "settle_p95_ms": _get(p, "one", "settle_ms", "p95"),
        "classroom30_p95_ms": classroom(30, "report_ms", "p95"),
        "classroom100_p95_ms": classroom(100, "report_ms", "p95"),
        "classroom_exceptions": sum(
            classroom(n, "app_exceptions", default=0) or 0 for n in (30, 100)
        ),
        "classroom_chromium5_scrub_p95_ms": _get(p, "crowd", "latency_ms", "p95"),
        "open30_p95_s": _get(c, "open", "open_s", "p95"),
        "cold_first_map_s": _get(detail, "cold", "restart_s"),
        "cold_first_map_after_change_s": _get(detail, "cold", "first_start_s"),
        "cold_floor_folium_s": _get(detail, "cold", "median_painted_s", "folium"),
        "cold_floor_page_s": _get(detail, "cold", "median_painted_s", "text"),
        "ratio_cold_ours_over_folium": _get(detail, "cold", "ratio_kr_map_over_folium"),
        "peer_naive_scrub_p95_ms": naive,
        "peer_naive_server_cpu_ms_per_step": _get(
            peers, "naive", "scrub", "server_cpu_ms_per_step"
        ),
        "ratio_naive_over_ours_scrub_p95": _ratio(naive, ours),
        "peer_timedim_scrub_p95_ms": timedim,
        "ratio_timedim_over_ours_scrub_p95": _ratio(timedim, ours),
        "scale_1k_build_s": size(1000, "build_s"),
        "scale_10k_build_s": size(10000, "build_s"),
        "scale_10k_build_s_estimated": size(10000, "build_s_estimated"),
        "scale_100k_build_s": size(100000, "build_s"),
        "scale_100k_build_s_estimated": size(100000, "build_s_estimated"),
        "scale_100k_switch_p95_ms": size(100000, "switch_ms", "p95"),
        # build_s is what the first map waits for: at 10k and 100k the document without its
        # areas (kr_map/areas_apart.py), which come after it; with_areas: both together
        "scale_10k_areas_after_s": size(10000, "areas_after_s"),
        "scale_100k_areas_after_s": size(100000, "areas_after_s"),
        "scale_1k_with_areas_build_s": size(1000, "with_areas_build_s"),
        "scale_10k_with_areas_build_s": size(10000, "with_areas_build_s"),
        "scale_100k_with_areas_build_s": size(100000, "with_areas_build_s"),
        # a researcher's next build: one place moved, every other tile's ground read from
        # the area store (kr_map/area_store.py); and the first build with the store writing
        "scale_10k_rebuild_place_moved_s": size(10000, "rebuild_place_moved_s"),
        "scale_100k_rebuild_place_moved_s": size(100000, "rebuild_place_moved_s"),
        "scale_10k_store_build_s": size(10000, "store_build_s"),
        "scale_100k_store_build_s": size(100000, "store_build_s"),
        "scale_100k_store_mb": size(100000, "store_mb"),
        # extras
        "scrub_steps": _get(p, "one", "steps_done"),
        "scrub_frames_covered": _get(p, "one", "frames_covered"),
        "scrub_months_covered": _get(p, "one", "months_covered"),
        "scrub_max_ms": _get(p, "one", "latency_ms", "max"),
        "scrub_fragment_runs": _get(p, "one", "fragment_runs"),
        "scrub_server_cpu_ms_per_step_above_idle": _get(
            p, "one", "server_cpu_ms_per_step_above_idle"
        ),
        "server_idle_cpu_ms_per_s": _get(p, "one", "server_idle_cpu_ms_per_s"),
        "settle_p50_ms": _get(p, "one", "settle_ms", "p50"),
        "settle_after_report_p95_ms": _get(p, "one", "settle_after_report_ms", "p95"),
        "scrub_failures": _get(p, "one", "failure_count"),
        "chromium5_full_runs": _get(p, "crowd", "full_runs"),
        "chromium5_open_p95_s": _get(p, "crowd", "open_s_summary", "p95"),
        "export_scrub_p50_ms": _get(e, "latency_ms", "p50"),
        "export_build_s": e.get("build_s"),
        "export_kb": e.get("page_kb"),
        "classroom30_p50_ms": classroom(30, "report_ms", "p50"),
        "classroom30_reports_done": classroom(30, "reports_done"),
        "classroom100_p50_ms": classroom(100, "report_ms", "p50"),
        "classroom100_reports_done": classroom(100, "reports_done"),
        "classroom100_open_p95_s": classroom(100, "open_s", "p95"),
        "classroom_client_errors": sum(
            classroom(n, "error_count", default=0) or 0 for n in (30, 100)
        ),
        "classroom_wrong_frames": sum(
            classroom(n, "wrong_frame", default=0) or 0 for n in (30, 100)
        ),
        "classroom100_peak_rss_mb": classroom(100, "server_peak_rss_mb"),
        "open30_p50_s": _get(c, "open", "open_s", "p50"),
        "peer_naive_scrub_p50_ms": _get(peers, "naive", "scrub", "latency_ms", "p50"),
        "peer_naive_steps": _get(peers, "naive", "scrub", "steps_done"),
        "peer_naive_error": _get(peers, "naive", "error"),
        "peer_timedim_scrub_p50_ms": _get(peers, "timedim", "latency_ms", "p50"),
        "peer_timedim_error": _get(peers, "timedim", "error"),
        "scale_100k_load_s": size(100000, "load_s"),
        "scale_100k_peak_rss_mb": size(100000, "peak_rss_mb"),
        "scale_100k_switch_p50_ms": size(100000, "switch_ms", "p50"),
        "scale_100k_max_features_per_frame": size(100000, "max_features_per_frame"),
        # issue 22: the frame-by-frame builder beside the one-pass one, in the same child
        "scale_1k_old_build_s": size(1000, "old_build_s"),
        "scale_10k_old_build_s": size(10000, "old_build_s"),
        "scale_100k_old_build_s_estimated": size(100000, "old_build_s_estimated"),
        "scale_1k_ratio_old_over_new": size(1000, "ratio_old_over_new"),
        "scale_10k_ratio_old_over_new": size(10000, "ratio_old_over_new"),
        "scale_100k_ratio_old_estimated_over_new": size(100000, "ratio_old_over_new"),
        "scale_100k_document_kb": size(100000, "document_kb"),
        "scale_100k_events_loaded": size(100000, "rows", "events"),
        "scale_errors": {n: size(n, "error") for n in (1000, 10000, 100000) if size(n, "error")},
        "app_rss_mb": p.get("rss_after_mb"),
        "blocked_requests": (p.get("blocked_count") or 0) + (e.get("blocked_count") or 0),
        "page_errors": (p.get("page_errors") or []) + (e.get("page_errors") or []),
        "loadavg_start": _get(detail, "machine", "loadavg_at_start"),
        "loadavg_end": detail.get("loadavg_end"),
        "quick": detail.get("quick"),
    }
    out["failed_parts"] = [k for k in PARTS if _get(detail, k, "error")]
    return out


# ---------------------------------------------------------------- main
def main() -> None:
    parser = argparse.ArgumentParser(
        description="kr-map benchmarks. The last line of output is one JSON object.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=__doc__.split("\n\n", 2)[1],
    )
    parser.add_argument("--quick", action="store_true", help="fewer samples; every key")
    parser.add_argument("--only", choices=PARTS, help="run one part")
    parser.add_argument(
        "--port", type=int, default=0, help="port for the app (default: a free one)"
    )
    args = parser.parse_args()

    plan = plan_for(args.quick)
    wanted = {args.only} if args.only else set(PARTS)
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

    def attempt(name: str, function) -> None:
        say(f"== {name}")
        t = time.perf_counter()
        try:
            detail[name] = function()
        except Exception as error:
            detail[name] = {"error": f"{type(error).__name__}: {error}"}
            say(f"  FAILED: {type(error).__name__}: {error}")
            traceback.print_exc(file=sys.stdout)
        say(f"   ({time.perf_counter() - t:.0f} s)")

    if "player" in wanted:
        attempt("player", lambda: player_part(snapshot, port, plan))
        attempt("export", lambda: export_part(plan))
    if "cold" in wanted:
        attempt("cold", lambda: cold_part(snapshot, port))
    if "classroom" in wanted:
        attempt("classroom", lambda: classroom_part(snapshot, port, plan))
    if "peers" in wanted:
        attempt("peers", lambda: peers_part(plan))
    if "scale" in wanted:
        attempt("scale", lambda: scale_part(args.quick, plan))

    detail["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
    detail["elapsed_s"] = round(time.perf_counter() - started, 1)
    out_dir = HERE / "out"
    out_dir.mkdir(exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    name = f"run-{'quick' if args.quick else 'full'}{'-' + args.only if args.only else ''}-{stamp}.json"
    (out_dir / name).write_text(json.dumps(detail, indent=1, default=str), encoding="utf-8")
    say(f"done in {detail['elapsed_s']} s; detail saved to {out_dir / name}")
    print(json.dumps(headline(detail), default=str), flush=True)


if __name__ == "__main__":
    main()
