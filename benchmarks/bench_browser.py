"""End to end in headless Chromium: cold start, and scrubbing the year slider.

* Cold start: from launching ``streamlit run`` to the first ``.leaflet-interactive`` path
  inside the map's iframe (the browser is already running and waits on the health check).
* Scrub: focus the year slider (the first ``[role=slider]`` -- in Streamlit 1.67 an
  ``input[type=range]`` -- of the main area) and press
  ArrowRight/ArrowLeft. A capturing ``keydown`` listener stamps ``performance.now()`` in the
  page; a poll every 5 ms looks for ``.kr-frame-<key>`` (the invisible frame stamp of
  layers.py) inside the map iframe and stamps the time it appears. Latency = the difference,
  on the page's own clock (resolution: the 5 ms poll plus one animation frame).
* Kept view: before scrubbing, the map is zoomed with the mouse wheel and dragged, and
  ``window.__kr_marker = 1`` is set in the iframe. After every step the iframe is checked
  for the marker (gone = the map was remounted, which resets zoom and pan) and
  ``map.getZoom()`` / ``getCenter()`` are compared with the values before. A step whose
  frame never appears (an app error) is reported under ``failures``; the page is reopened
  at the last good year and scrubbing turns back, so one broken year does not end the run.

Every request that is not to localhost (or a data:/blob: URL) is aborted and counted.
"""

from __future__ import annotations

import time
from urllib.parse import urlparse

from _common import summary

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
MAP_IFRAME = 'iframe[title="streamlit_folium.st_folium"]'

# Poll (in the page) until the map iframe shows the frame stamp; return its time and state.
_FOUND_JS = f"""
(key) => {{
  const frame = document.querySelector('{MAP_IFRAME}');
  const doc = frame && frame.contentDocument;
  if (!doc || !doc.querySelector('.kr-frame-' + key)) return false;
  const win = frame.contentWindow;
  return {{
    at: performance.now(),
    pressed: window.__krKeyAt,
    kept: win.__kr_marker === 1,
    stamps: Array.from(doc.querySelectorAll('.kr-frame')).map(e => e.className.match(/kr-frame-([0-9-]+)/)[1]),
    paths: doc.querySelectorAll('.leaflet-interactive').length,
  }};
}}
"""

_VIEW_JS = f"""
() => {{
  const frame = document.querySelector('{MAP_IFRAME}');
  const win = frame && frame.contentWindow;
  const map = win && win.map;
  if (!map) return null;
  const c = map.getCenter();
  return {{zoom: map.getZoom(), lat: c.lat, lng: c.lng, marker: win.__kr_marker === 1}};
}}
"""


class OfflineRoutes:
    """Playwright route handler: lets local requests through, aborts and counts the rest."""

    def __init__(self) -> None:
        self.blocked: list[str] = []

    def __call__(self, route) -> None:
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob", "about") or url.hostname in ("localhost", "127.0.0.1"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()


def open_browser(playwright):
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    context = browser.new_context(viewport={"width": 1400, "height": 950})
    routes = OfflineRoutes()
    context.route("**/*", routes)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)[:200]))
    return browser, page, routes, errors


def cold_start(page, server, timeout_s: float = 90) -> dict:
    """Launch the server, open the page, return seconds from launch to the first map path."""
    server.start()
    healthy_s = server.wait_healthy(timeout_s)
    page.goto(server.url, wait_until="commit", timeout=timeout_s * 1000)
    page.frame_locator(MAP_IFRAME).locator(".leaflet-interactive").first.wait_for(
        state="attached", timeout=timeout_s * 1000
    )
    map_s = time.perf_counter() - server.launched_at
    return {"cold_start_s": round(map_s, 2), "server_healthy_s": round(healthy_s, 2)}


# Streamlit < 1.50 draws sliders as [role=slider]; 1.67 as react-aria <input type=range>.
_SLIDERS = '[data-testid="stMain"] [role="slider"], [data-testid="stMain"] input[type="range"]'


def _year_slider(page):
    return page.locator(_SLIDERS).first


def _current_year(page) -> int:
    slider = _year_slider(page)
    return int(slider.get_attribute("aria-valuenow") or slider.input_value())


def _wait_idle(page, timeout_ms: int = 30_000) -> None:
    """Wait until Streamlit shows no running script (the status widget's stop button)."""
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"] button')",
        timeout=timeout_ms,
    )


def _set_view(page) -> dict:
    """Zoom in with the mouse wheel and drag the map, as a teacher would; return the view."""
    frame_box = page.locator(MAP_IFRAME).bounding_box()
    x = frame_box["x"] + frame_box["width"] * 0.5
    y = frame_box["y"] + frame_box["height"] * 0.5
    page.mouse.move(x, y)
    page.mouse.wheel(0, -240)
    page.wait_for_timeout(700)
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x - 60, y - 40, steps=8)
    page.mouse.up()
    page.wait_for_timeout(500)
    frame = page.frame_locator(MAP_IFRAME)
    frame.locator("body").evaluate("() => { window.__kr_marker = 1; }")
    return page.evaluate(_VIEW_JS)


def _diagnose(page) -> str:
    """Return what the page shows when a step fails: exceptions, slider value, map stamps."""
    return page.evaluate(
        """() => {{
          const ex = Array.from(document.querySelectorAll('[data-testid="stException"]'))
            .map(e => e.innerText.slice(0, 300));
          const s = document.querySelector('{}');
          const f = document.querySelector('{}');
          const stamps = f && f.contentDocument
            ? Array.from(f.contentDocument.querySelectorAll('.kr-frame')).map(e => e.className) : null;
          return JSON.stringify({{exceptions: ex, slider: s && s.value, stamps: stamps}});
        }}""".format(_SLIDERS.replace('"', '\\"'), MAP_IFRAME.replace('"', '\\"'))
    )


def _same_view(before: dict | None, after: dict | None) -> bool:
    return bool(
        before and after
        and before["zoom"] == after["zoom"]
        and abs(before["lat"] - after["lat"]) < 1e-6
        and abs(before["lng"] - after["lng"]) < 1e-6
    )  # fmt: skip


def _open_at(page, base_url: str, year: int) -> dict:
    """Open the page at a year (after an app error), wait for the map, set the view again."""
    page.goto(f"{base_url}/?year={year}", wait_until="commit")
    page.frame_locator(MAP_IFRAME).locator(f".kr-frame-{year}").wait_for(
        state="attached", timeout=60_000
    )
    page.evaluate(
        "() => window.addEventListener('keydown', () => { window.__krKeyAt = performance.now(); },"
        " {capture: true})"
    )
    _wait_idle(page)
    page.wait_for_timeout(1000)  # let the first page settle (component value, fonts)
    return _set_view(page)


def scrub(page, base_url: str, steps: int, per_step_timeout_ms: int = 30_000, server=None) -> dict:
    """Press the arrow keys on the year slider; return latency statistics and view checks.

    The presses go right to 1999, left to 1979, and so on. A step whose frame never shows
    (an app error, say) is recorded with what the page showed; the page is then reopened
    at the last good year, the view set again, and scrubbing turns back from there.
    """
    year = _current_year(page)
    view_before = _open_at(page, base_url, year)
    latencies, remounts, stale, view_changed, step_log, failures = [], 0, 0, 0, [], []
    cpu_start = server.cpu_s() if server is not None else None
    direction, walls = 1, set()
    for _ in range(steps):
        if not 1979 <= year + direction <= 1999 or year + direction in walls:
            direction = -direction
        target = year + direction
        if target in walls or not 1979 <= target <= 1999:
            break  # walled in on both sides
        _year_slider(page).focus()
        page.keyboard.press("ArrowRight" if direction > 0 else "ArrowLeft")
        try:
            found = page.wait_for_function(_FOUND_JS, arg=str(target), polling=5,
                                           timeout=per_step_timeout_ms).json_value()  # fmt: skip
        except Exception as error:
            failures.append(
                {"year": target, "error": type(error).__name__, "page": _diagnose(page)}
            )
            walls.add(target)
            view_before = _open_at(page, base_url, year)
            continue
        latency = found["at"] - found["pressed"]
        latencies.append(latency)
        remounts += not found["kept"]
        extra = [s for s in found["stamps"] if s != str(target)]
        stale += bool(extra)
        step_log.append((target, round(latency), found["kept"], found["paths"], extra[:3]))
        year = target
        _wait_idle(page)
        if not found["kept"]:  # mark the new iframe so the next remount is seen too
            page.frame_locator(MAP_IFRAME).locator("body").evaluate(
                "() => { window.__kr_marker = 1; }"
            )
        view_changed += not _same_view(view_before, page.evaluate(_VIEW_JS))
        page.wait_for_timeout(150)
    view_after = page.evaluate(_VIEW_JS)
    cpu = (server.cpu_s() - cpu_start) if cpu_start is not None else None
    return {
        "server_cpu_ms_per_step": round(cpu * 1000 / len(latencies), 1)
        if cpu and latencies
        else None,
        "latency_ms": summary(latencies),
        "steps_done": len(latencies),
        "steps_failed": len(failures),
        "remounts": remounts,
        "steps_with_stale_frames": stale,
        "view_before_last_segment": view_before,
        "view_after": view_after,
        "steps_view_changed": view_changed,
        "kept_view": bool(latencies) and remounts == 0 and view_changed == 0,
        "failures": failures[:5],
        "log_first_steps": step_log[:6],
    }
