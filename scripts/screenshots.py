"""Make the README's images in docs/ again, from the app and the export as they are now.

    .venv/bin/python scripts/screenshots.py            # every image
    .venv/bin/python scripts/screenshots.py present-1985.png charts-export.png

The tests never write into docs/ (their screenshots go to the ignored artifacts/):
the pictures the README shows change only when someone runs this and commits them.
It starts the app on a free local port (stopped at the end), exports the one-file
map to a temporary folder, and photographs both at 1280x720 (a projector) in
Debian's Chromium, with the network cut like the browser tests.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
VIEWPORT = {"width": 1280, "height": 720}
WAIT_MS = 60_000
PRESENT = ("1979", "1985", "1989-10", "1994-04", "1998")


def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def app_server() -> Iterator[str]:
    """Yield the URL of the app on a free local port; stop its process group afterwards."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
               "--server.headless", "true", "--browser.gatherUsageStats", "false",
               "--server.address", "127.0.0.1"]  # fmt: skip
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise SystemExit("screenshots: the app did not start") from None
                time.sleep(0.3)  # polling a socket: there is no event to wait for
        yield url
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def offline_only(allowed: Callable[[str], bool]):
    def route(request_route) -> None:
        if allowed(request_route.request.url):
            request_route.continue_()
        else:
            request_route.abort()

    return route


def settle(page) -> None:
    page.evaluate("() => document.fonts.ready.then(() => true)")


def app_shot(browser, url: str, query: dict[str, str], frame: str | None, prepare=None) -> bytes:
    """Return a screenshot of the app opened with ``query`` once its map shows ``frame``."""
    context = browser.new_context(viewport=VIEWPORT, locale="en-GB")
    context.route("**/*", offline_only(lambda u: u.startswith((url, "data:", "blob:", "about:"))))
    page = context.new_page()
    page.goto(f"{url}/?{urlencode(query)}")
    maps = page.frame_locator('[data-stale="false"] iframe[src*="streamlit_folium"]').first
    shown = f'.krp-shell[data-frame="{frame}"]' if frame else ".krp-shell[data-ready=true]"
    maps.locator(shown).wait_for(state="attached", timeout=WAIT_MS)
    maps.locator(".krp-shell[data-charts=ready]").wait_for(state="attached", timeout=WAIT_MS)
    if prepare:
        prepare(page, maps)
    settle(page)
    image = page.screenshot()
    context.close()
    return image


def export_shot(browser, path: Path) -> bytes:
    """Return the export at October 1989 with its chart open and a bar pointed at."""
    context = browser.new_context(viewport=VIEWPORT)
    context.route("**/*", offline_only(lambda u: u.startswith(("file:", "data:"))))
    page = context.new_page()
    page.goto(path.as_uri() + "#year=1989&month=10")
    page.wait_for_selector(".krp-shell[data-charts=ready]", state="attached")
    page.keyboard.press("g")
    page.wait_for_selector(".krp-chart-slot:not([hidden]) .krc-holding")
    page.mouse.move(0, 0)
    page.hover('.krc-holding[data-place="anlong_veng"] .krc-seg >> nth=0')
    settle(page)
    image = page.screenshot()
    context.close()
    return image


def show_the_step(page, maps) -> None:
    """Pass a step's content note, if it has one, as a teacher would."""
    note = page.locator("[class*='st-key-note_button_'] button")
    if note.count():
        note.click()
        maps.locator(".krp-story-card").wait_for(timeout=WAIT_MS)


def chart_by_key(page, maps) -> None:
    maps.locator(".leaflet-container").click(position={"x": 300, "y": 200})
    page.keyboard.press("g")
    maps.locator(".krp-chart-slot:not([hidden]) .krc-holding").first.wait_for()


def chart_by_button(page, maps) -> None:
    maps.locator(".krc-toggle").click()
    maps.locator(".krp-chart-slot:not([hidden]) .krc-holding").first.wait_for()


def shots(browser, url: str, export_path: Path) -> dict[str, Callable[[], bytes]]:
    """Return how to make each image of docs/, by file name."""
    made: dict[str, Callable[[], bytes]] = {}
    for key in PRESENT:
        year, _, month = key.partition("-")
        query = {"mode": "present", "year": year} | ({"month": str(int(month))} if month else {})
        made[f"present-{key}.png"] = lambda q=query, k=key: app_shot(browser, url, q, k)
    made["present-story-7.png"] = lambda: app_shot(
        browser, url, {"mode": "present", "story": "7"}, None, show_the_step
    )
    made["present-compare.png"] = lambda: app_shot(
        browser, url, {"mode": "present", "year": "1988", "compare": "1990"}, "1988"
    )
    made["charts-app.png"] = lambda: app_shot(
        browser, url, {"year": "1989", "month": "10"}, "1989-10", chart_by_key
    )
    made["charts-app-present.png"] = lambda: app_shot(
        browser, url, {"mode": "present", "year": "1994", "month": "3"}, "1994-03", chart_by_button
    )
    made["charts-export.png"] = lambda: export_shot(browser, export_path)
    return made


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    from kr_map import cli
    from kr_map.atomic import atomic_write_bytes

    with tempfile.TemporaryDirectory() as folder, app_server() as url, sync_playwright() as pw:
        export_path = Path(folder) / "kr-map.html"
        if cli.main(["export", str(export_path)]) != 0:
            return 1
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        makers = shots(browser, url, export_path)
        wanted = argv or list(makers)
        unknown = [name for name in wanted if name not in makers]
        if unknown:
            print(f"screenshots: no such image: {', '.join(unknown)}; one of {', '.join(makers)}")
            return 2
        for name in wanted:
            atomic_write_bytes(DOCS / name, makers[name]())
            print(f"screenshots: docs/{name}")
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
