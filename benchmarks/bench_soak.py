"""A soak: 30 sessions use one app process for an hour; its resident memory is printed every minute.

Each of N session slots (30 by default, at most 60) loops until the time is up: it opens
the page over Streamlit's websocket (``bench_reports.Client``: the protocol the browser
speaks), fetches the frames document the map names, sends a frame report every 1-4 s
(the map's component value, as the player sends on release) for one "visit" of 20
reports, then closes the socket and opens a new session, as a pupil reloading the page
does. One slot in three opens in predict mode (``?mode=predict``) and reports
``{"reveal": "next"}`` now and then, so the server's reveal path is soaked too.

Every minute it prints one line: minutes elapsed, the server's RSS (VmRSS) and peak,
sessions opened and reports answered so far, errors and app exceptions. The last line
of stdout is one JSON object with the whole series.

    python benchmarks/bench_soak.py                        # 30 sessions, 60 minutes
    python benchmarks/bench_soak.py --minutes 5            # a short check of the script
    python benchmarks/bench_soak.py --trace                # also Python's own counts, per minute
    python benchmarks/bench_soak.py --malloc-arena-max 2   # the server with MALLOC_ARENA_MAX=2

``--trace`` tells Python's memory apart from the allocator's: a ``sitecustomize`` in the
copy makes the server write, every minute, its allocated Python blocks, the objects the
garbage collector tracks, the collections of each generation and its threads.

The app runs from a private copy of the repository's code and data taken at the start
(so edits made meanwhile change nothing), on a free localhost port. Bounded: at most 60
sessions and 180 minutes, localhost only. Measures and prints; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import atexit
import json
import random
import shutil
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

import bench_reports
from _common import REPO, AppServer, free_port, machine, say

# Loaded by the server of the copy when --trace is given (sitecustomize runs at start-up).
TRACER = """
import gc, json, os, sys, threading, time


def _trace(path):
    while True:
        time.sleep(60)
        line = {"blocks": sys.getallocatedblocks(), "gc_objects": len(gc.get_objects()),
                "collections": [g["collections"] for g in gc.get_stats()],
                "threads": threading.active_count()}
        with open(path, "a", encoding="utf-8") as out:
            out.write(json.dumps(line) + "\\n")


if os.environ.get("KR_MAP_SOAK_TRACE"):
    threading.Thread(target=_trace, args=(os.environ["KR_MAP_SOAK_TRACE"],), daemon=True).start()
"""
MAX_SESSIONS = 60
MAX_MINUTES = 180
REPORTS_PER_VISIT = 20


def snapshot_repository() -> Path:
    """Return a private copy of the app, the package's source, its data and seeds."""
    folder = Path(tempfile.mkdtemp(prefix="kr-map-soak-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    for name in ("src", "data", "seeds", ".streamlit"):
        shutil.copytree(REPO / name, folder / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copyfile(REPO / "app.py", folder / "app.py")
    return folder


class Tally:
    """What every session has done so far."""

    def __init__(self) -> None:
        self.visits = 0
        self.opened = 0
        self.reports = 0
        self.reveals = 0
        self.errors: list[str] = []
        self.exceptions: list[str] = []


async def visit(url: str, query: str, keys: list[str], layers, factions, rng, tally, end) -> None:
    """One page visit: open the page, fetch the frames document, report frames, close."""
    client = bench_reports.Client(url, keys, layers, factions)
    ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
    tally.visits += 1
    try:
        async with bench_reports.connect(ws_url, subprotocols=["streamlit"], max_size=None,
                                         origin=url, open_timeout=60,
                                         ping_interval=None) as ws:  # fmt: skip
            await ws.send(bench_reports._rerun(query=query))
            await asyncio.wait_for(client._until_finished(ws), 120)
            if not client.map_id:
                tally.errors.append("no map component found")
                return
            if client.doc_url:
                await asyncio.to_thread(_fetch, url, client)
            tally.opened += 1
            index = rng.randrange(len(keys))
            for number in range(REPORTS_PER_VISIT):
                if time.monotonic() > end:
                    return
                await asyncio.sleep(rng.uniform(1.0, 4.0))
                if "predict" in query and number % 4 == 3:
                    value: dict = {"reveal": "next", "frame": keys[index], "revealed": keys[index],
                                   "layers": layers, "factions": factions}  # fmt: skip
                    tally.reveals += 1
                else:
                    index = (index + rng.choice((-3, -2, -1, 1, 2, 3, 5))) % len(keys)
                    value = {"frame": keys[index], "layers": layers, "factions": factions,
                             "revealed": None}  # fmt: skip
                state = bench_reports.report_state(client.map_id, value)
                await ws.send(bench_reports._rerun([state], client.query, client.page_hash))
                await asyncio.wait_for(client._until_finished(ws), 120)
                tally.reports += 1
    except Exception as error:  # a soak counts failures and goes on
        tally.errors.append(f"{type(error).__name__}: {str(error)[:160]}")
    finally:
        tally.exceptions += client.exceptions


def _fetch(url: str, client: bench_reports.Client) -> None:
    frame_url = f"{url}/component/{client.component_url}/index.html"
    with urllib.request.urlopen(urljoin(frame_url, client.doc_url), timeout=60) as response:
        response.read()


async def slot(number: int, url: str, keys, layers, factions, tally: Tally, end: float) -> None:
    """One seat in the class: visit after visit until the soak ends."""
    rng = random.Random(number)
    query = "mode=predict" if number % 3 == 2 else f"year={rng.randrange(1979, 2000)}"
    await asyncio.sleep(rng.uniform(0, 10))
    while time.monotonic() < end:
        await visit(url, query, keys, layers, factions, rng, tally, end)


async def soak(
    url: str, server: AppServer, sessions: int, minutes: float, trace: Path | None = None
) -> dict:
    for attempt in range(3):  # a loaded machine may take more than the 120 s of a first load
        try:
            keys, layers, factions = await asyncio.to_thread(bench_reports.document_keys, url)
            break
        except TimeoutError:
            if attempt == 2:
                raise
    tally = Tally()
    start = time.monotonic()
    end = start + minutes * 60
    series = []

    def sample() -> None:
        point = {
            "minute": round((time.monotonic() - start) / 60, 1),
            "rss_mb": server.rss_mb(),
            "peak_rss_mb": server.peak_rss_mb(),
            "visits": tally.visits,
            "opened": tally.opened,
            "reports": tally.reports,
            "reveals": tally.reveals,
            "errors": len(tally.errors),
            "app_exceptions": len(tally.exceptions),
        }
        if trace and trace.exists():
            lines = trace.read_text(encoding="utf-8").splitlines()
            point.update(json.loads(lines[-1]) if lines else {})
        series.append(point)
        say(" ".join(f"{key}={value}" for key, value in point.items()))

    async def every_minute() -> None:
        while True:
            sample()
            await asyncio.sleep(60)

    sampler = asyncio.create_task(every_minute())
    await asyncio.gather(*(slot(n, url, keys, layers, factions, tally, end)
                           for n in range(sessions)))  # fmt: skip
    sampler.cancel()
    sample()
    return {
        "series": series,
        "errors": sorted(set(tally.errors))[:10],
        "app_exception_kinds": sorted(set(tally.exceptions))[:10],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--minutes", type=float, default=60.0)
    parser.add_argument("--port", type=int, default=None)
    parser.add_argument("--trace", action="store_true", help="log Python's own counts too")
    parser.add_argument(
        "--malloc-arena-max",
        type=int,
        default=None,
        metavar="N",
        help="run the server with MALLOC_ARENA_MAX=N (glibc's malloc arenas)",
    )
    args = parser.parse_args()
    if bench_reports.connect is None:
        print(json.dumps({"error": "pip install websockets"}))
        return 1
    sessions = max(1, min(args.sessions, MAX_SESSIONS))
    minutes = max(0.5, min(args.minutes, MAX_MINUTES))
    folder = snapshot_repository()
    port = args.port or free_port()
    env = {"PYTHONPATH": str(folder / "src"), "KR_MAP_DATA": ""}
    trace = folder / "trace.jsonl" if args.trace else None
    if trace:
        (folder / "src" / "sitecustomize.py").write_text(TRACER, encoding="utf-8")
        env["KR_MAP_SOAK_TRACE"] = str(trace)
    if args.malloc_arena_max:
        env["MALLOC_ARENA_MAX"] = str(args.malloc_arena_max)
    server = AppServer(folder / "app.py", port, cwd=folder, env=env, log=folder / "app.log")
    with server:
        server.wait_healthy(180)
        say(f"app pid {server.pid} on port {port} (code and data copied to {folder}); "
            f"{sessions} sessions for {minutes:g} minutes")  # fmt: skip
        result = asyncio.run(soak(f"http://127.0.0.1:{port}", server, sessions, minutes, trace))
    rss = [p["rss_mb"] for p in result["series"] if p["rss_mb"]]
    print(json.dumps({
        "benchmark": "soak",
        "sessions": sessions,
        "minutes": minutes,
        "malloc_arena_max": args.malloc_arena_max,
        "rss_first_mb": rss[0] if rss else None,
        "rss_last_mb": rss[-1] if rss else None,
        "rss_max_mb": max(rss) if rss else None,
        **result,
        "machine": {k: machine()[k] for k in ("nproc", "cpu", "python", "git_commit")},
    }))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
