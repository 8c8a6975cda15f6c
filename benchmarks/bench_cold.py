"""Cold start against its floor: how much of server start to first map is ours.

Three apps, each started ``--rounds`` times in turn (so a busy machine weighs on all three
alike), each timed with the same clock, from the server's launch to its first paint in
Chromium (the browser is launched before the server and is not counted):

* ``text``: a Streamlit page with one line of text (``floor_apps/text_only.py``), to the
  text in the page: what Streamlit itself costs;
* ``folium``: one polygon on a folium map through streamlit-folium
  (``floor_apps/folium_map.py``), to the polygon in the map's frame: the floor of our stack;
* ``kr_map``: our app on the bundled data, to the player mounted with its first frame
  (disk caches warm: the first start of the run fills them and is reported apart).

The medians and the ratios ``kr_map / folium`` and ``folium / text`` say what is ours and
what is the stack's. Run: ``python benchmarks/bench_cold.py [--rounds 5]``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import REPO, AppServer, free_port, say  # noqa: E402
from bench_player import OfflineRoutes, _player_frame, launch, new_page  # noqa: E402

FLOORS = HERE / "floor_apps"
FLOOR_APPS = {"text": FLOORS / "text_only.py", "folium": FLOORS / "folium_map.py"}


async def _painted(page, name: str) -> None:
    """Wait until the app's first thing is painted: its text, its polygon or our frame."""
    if name == "text":
        await page.get_by_text("kr-map floor: text").wait_for(timeout=90_000)
    elif name == "folium":
        frame = page.frame_locator("iframe").first
        await frame.locator("path.leaflet-interactive").wait_for(state="attached", timeout=90_000)
    else:
        await _player_frame(page, True, 90_000)


async def _first_paint(name: str, app: Path, port: int) -> tuple[float, float]:
    from playwright.async_api import async_playwright

    server = AppServer(app, port, cwd=REPO)
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            page = await new_page(browser, OfflineRoutes(), [])
            server.start()
            healthy = server.wait_healthy(90)
            await page.goto(server.url, wait_until="commit", timeout=90_000)
            await _painted(page, name)
            return healthy, time.perf_counter() - server.launched_at
        finally:
            await browser.close()
            server.stop()


def run(rounds: int, app: Path = REPO / "app.py") -> dict:
    """Return each app's start-to-first-paint times over ``rounds`` rounds, and the ratios
    (``app``: our app, or a snapshot of it)."""
    port = free_port()
    apps = {**FLOOR_APPS, "kr_map": app}
    times: dict[str, list[float]] = {name: [] for name in apps}
    healthy: dict[str, list[float]] = {name: [] for name in apps}
    _, first_start = asyncio.run(_first_paint("kr_map", app, port))  # fills our disk caches
    say(f"  [cold] kr_map first start (caches as found): {first_start:.2f} s")
    loads = [os.getloadavg()[0]]
    for round_ in range(rounds):
        for name, path in apps.items():
            ready, painted = asyncio.run(_first_paint(name, path, port))
            healthy[name].append(round(ready, 2))
            times[name].append(round(painted, 2))
            say(
                f"  [cold] round {round_ + 1} {name}: healthy {ready:.2f} s, painted {painted:.2f} s"
            )
        loads.append(os.getloadavg()[0])
    median = {name: round(statistics.median(v), 2) for name, v in times.items()}
    return {
        "rounds": rounds,
        "painted_s": times,
        "healthy_s": healthy,
        "median_painted_s": median,
        "median_healthy_s": {n: round(statistics.median(v), 2) for n, v in healthy.items()},
        "ratio_kr_map_over_folium": round(median["kr_map"] / median["folium"], 2),
        "ratio_folium_over_text": round(median["folium"] / median["text"], 2),
        "kr_map_first_start_s": round(first_start, 2),
        "load_avg": [round(x, 2) for x in loads],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    result = run(parser.parse_args().rounds)
    print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
