"""The app's map frame (streamlit-folium) against Streamlit's own component API, one run.

    .venv/bin/python benchmarks/bench_component_spike.py              # 2 rounds
    .venv/bin/python benchmarks/bench_component_spike.py --rounds 3 --segments 8

Two apps are measured alternately (the app first in odd rounds, the spike first in even
ones), so a machine that gets busier or quieter weighs on both alike: ``app.py`` (the
player in streamlit-folium's frame) and ``spike_component/app.py`` (the same bundled player
in a frame of ``streamlit.components.v1.declare_component``; see its ``component.py``).
Each runs from a private copy, taken at the start, with the repository as the working
directory (its ``.streamlit/config.toml`` applies to both).

Per app and round, after one throwaway open (the server builds its frames document then),
in a fresh Chromium context (empty cache):

- **first map**: ``page.goto`` to the player's shell ready in the frame, then one
  ``requestAnimationFrame`` and ``setTimeout(0)`` in the frame (a paint);
- **bytes per open**: what the browser received, HTTP (Chrome's ``encodedDataLength``)
  plus websocket frames, from ``goto`` until the first page has settled; ``cold`` in the
  fresh context, ``warm`` for a second tab of the same context (HTTP cache filled);
- **scrub** and **settle**: :func:`bench_player.scrub` on the cold page (arrow keys in
  segments of 5; settle = last press to the page showing the frame, with the player's
  350 ms debounce; ``settle_after_report`` starts at the report).

The last line of stdout is one JSON object: each app's pooled figures, the ratios
spike / app (below 1: the spike is faster or smaller), and the load average before and
after each measurement. Benchmarks measure; they assert nothing. The machine may be
shared: read the ratios, not the absolute times.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlparse

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_player  # noqa: E402
from _common import APP, AppServer, free_port, percentile, say, summary  # noqa: E402

SPIKE = HERE / "spike_component"
LOCAL = ("localhost", "127.0.0.1")
_PAINT = "() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)))"


class ByteCounter:
    """Bytes a page receives: HTTP bodies and headers as sent, and websocket payloads.

    It also keeps every request to anything but this machine (there should be none). The
    page is not routed (Playwright's routing turns the HTTP cache off, and the warm open
    is about that cache), so such a request is seen here rather than aborted.
    """

    def __init__(self) -> None:
        self.http = 0
        self.websocket = 0
        self.external: list[str] = []

    async def attach(self, context, page) -> None:
        session = await context.new_cdp_session(page)
        session.on("Network.loadingFinished", self._finished)
        session.on("Network.webSocketFrameReceived", self._frame)
        session.on("Network.requestWillBeSent", self._request)
        await session.send("Network.enable")

    def _request(self, params: dict) -> None:
        url = urlparse(params.get("request", {}).get("url", ""))
        if url.scheme in ("http", "https", "ws", "wss") and url.hostname not in LOCAL:
            self.external.append(url.geturl()[:120])

    def _finished(self, params: dict) -> None:
        self.http += int(params.get("encodedDataLength", 0))

    def _frame(self, params: dict) -> None:
        response = params.get("response", {})
        payload = response.get("payloadData", "")
        binary = response.get("opcode") == 2  # Streamlit's protobuf messages: base64 here
        self.websocket += len(base64.b64decode(payload)) if binary else len(payload.encode())

    def total(self) -> dict[str, int]:
        return {"http": self.http, "websocket": self.websocket, "total": self.http + self.websocket,
                "external_requests": len(self.external)}  # fmt: skip


def private_copies(folder: Path) -> dict[str, Path]:
    """Return each app's main script, copied into ``folder`` (edits meanwhile change nothing)."""
    (folder / "app").mkdir()
    shutil.copyfile(APP, folder / "app" / "app.py")
    shutil.copytree(
        SPIKE, folder / "spike", ignore=shutil.ignore_patterns("frames-*.json", "__pycache__")
    )
    return {"app": folder / "app" / "app.py", "spike": folder / "spike" / "app.py"}


async def _open(context, url: str) -> tuple[object, object, float, dict[str, int]]:
    """Open ``url`` in a new tab; return the page, the player's frame, seconds and bytes."""
    page = await context.new_page()
    counter = ByteCounter()
    await counter.attach(context, page)
    t0 = time.perf_counter()
    await page.goto(url, wait_until="commit", timeout=90_000)
    frame = await bench_player._player_frame(page, True, 90_000)
    await frame.evaluate(_PAINT)
    first_map = time.perf_counter() - t0
    await page.wait_for_function("() => document.querySelector('.kr-runs') !== null",
                                 timeout=90_000)  # fmt: skip
    await page.wait_for_timeout(800)
    return page, frame, first_map, counter.total()


async def _measure(url: str, server, plan: dict) -> dict:
    from playwright.async_api import async_playwright

    errors = []
    async with async_playwright() as playwright:
        browser = await bench_player.launch(playwright)
        try:
            warmup = await browser.new_context()  # the server builds its frames document once
            await _open(warmup, url)
            await warmup.close()
            context = await browser.new_context(viewport={"width": 1400, "height": 950})
            context.on("weberror", lambda error: errors.append(str(error.error)[:200]))
            page, frame, cold_s, cold_bytes = await _open(context, url)
            await frame.evaluate(bench_player._INSTALL)
            await page.locator("iframe").first.click(force=True, position={"x": 300, "y": 200})
            await page.wait_for_timeout(200)
            scrubbed = await bench_player.scrub(page, frame, segments=plan["segments"],
                                                per_segment=5, app=True, server=server)  # fmt: skip
            _, _, warm_s, warm_bytes = await _open(context, url)
        finally:
            await browser.close()
    return {
        "first_map_s": {"cold": round(cold_s, 3), "warm": round(warm_s, 3)},
        "bytes": {"cold": cold_bytes, "warm": warm_bytes},
        "scrub": scrubbed["latencies_raw_ms"],
        "settle": scrubbed["settle_ms"],
        "settle_after_report": scrubbed["settle_after_report_ms"],
        "full_runs": scrubbed["full_runs"],
        "fragment_runs": scrubbed["fragment_runs"],
        "failures": scrubbed["failure_count"],
        "external_requests": cold_bytes["external_requests"] + warm_bytes["external_requests"],
        "errors": errors[:5],
    }


def measure(name: str, script: Path, plan: dict) -> dict:
    """Start ``script``'s app on a free port, measure it in Chromium, stop it."""
    server = AppServer(script, free_port())
    load_before = os.getloadavg()
    try:
        server.start()
        server.wait_healthy(120)
        result = asyncio.run(_measure(server.url, server, plan))
    finally:
        server.stop()
    result["load_average"] = {"before": [round(x, 2) for x in load_before],
                              "after": [round(x, 2) for x in os.getloadavg()]}  # fmt: skip
    say(f"  {name}: first map {result['first_map_s']}, bytes cold "
        f"{result['bytes']['cold']['total']} warm {result['bytes']['warm']['total']}, scrub p95 "
        f"{percentile(result['scrub'], 95) or 0:.1f} ms, settle p95 {result['settle']['p95']} ms, "
        f"load {result['load_average']['before'][0]}")  # fmt: skip
    return result


def pooled(runs: list[dict]) -> dict:
    """Return one app's figures over all rounds."""

    def median(values: list[float]) -> float | None:
        middle = percentile(values, 50)
        return None if middle is None else round(middle, 3)

    return {
        "first_map_s_cold_median": median([r["first_map_s"]["cold"] for r in runs]),
        "first_map_s_warm_median": median([r["first_map_s"]["warm"] for r in runs]),
        "bytes_cold_median": median([r["bytes"]["cold"]["total"] for r in runs]),
        "bytes_warm_median": median([r["bytes"]["warm"]["total"] for r in runs]),
        "bytes_websocket_warm_median": median([r["bytes"]["warm"]["websocket"] for r in runs]),
        "scrub_ms": summary(x for r in runs for x in r["scrub"]),
        "settle_p50_ms_per_round": [r["settle"]["p50"] for r in runs],
        "settle_p95_ms_per_round": [r["settle"]["p95"] for r in runs],
        "settle_after_report_p50_ms_per_round": [r["settle_after_report"]["p50"] for r in runs],
        "full_runs": [r["full_runs"] for r in runs],
        "failures": sum(r["failures"] for r in runs),
        "external_requests": sum(r["external_requests"] for r in runs),
        "errors": [e for r in runs for e in r["errors"]][:5],
    }


def _mean(values: list) -> float | None:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else None


def ratios(app: dict, spike: dict) -> dict[str, float | None]:
    """Return spike / app for each headline figure (below 1: the spike is faster or smaller)."""
    pairs = {
        "first_map_cold": (app["first_map_s_cold_median"], spike["first_map_s_cold_median"]),
        "first_map_warm": (app["first_map_s_warm_median"], spike["first_map_s_warm_median"]),
        "bytes_cold": (app["bytes_cold_median"], spike["bytes_cold_median"]),
        "bytes_warm": (app["bytes_warm_median"], spike["bytes_warm_median"]),
        "scrub_p50": (app["scrub_ms"]["p50"], spike["scrub_ms"]["p50"]),
        "scrub_p95": (app["scrub_ms"]["p95"], spike["scrub_ms"]["p95"]),
        "settle_p50_mean": (_mean(app["settle_p50_ms_per_round"]),
                            _mean(spike["settle_p50_ms_per_round"])),
        "settle_p95_mean": (_mean(app["settle_p95_ms_per_round"]),
                            _mean(spike["settle_p95_ms_per_round"])),
        "settle_after_report_p50_mean": (_mean(app["settle_after_report_p50_ms_per_round"]),
                                         _mean(spike["settle_after_report_p50_ms_per_round"])),
    }  # fmt: skip
    return {key: round(s / a, 2) if a and s is not None else None for key, (a, s) in pairs.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--segments", type=int, default=6, help="scrub segments of 5 presses")
    args = parser.parse_args(argv)
    plan = {"segments": args.segments}
    runs: dict[str, list[dict]] = {"app": [], "spike": []}
    with tempfile.TemporaryDirectory(prefix="kr-map-spike-bench-") as scratch:
        scripts = private_copies(Path(scratch))
        for n in range(args.rounds):
            say(f"round {n + 1} of {args.rounds}")
            for name in ("app", "spike") if n % 2 == 0 else ("spike", "app"):
                runs[name].append(measure(name, scripts[name], plan))
    result = {"rounds": args.rounds, "segments": args.segments, "cpus": os.cpu_count()}
    for name in runs:
        result[name] = pooled(runs[name])
        result[name]["load_average_per_round"] = [r["load_average"] for r in runs[name]]
    result["ratio_spike_over_app"] = ratios(result["app"], result["spike"])
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
