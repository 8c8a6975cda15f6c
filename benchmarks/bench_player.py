"""The one time player in headless Chromium: scrub, settle, five pages at once, the export.

Scrub latency is measured inside the player's own document, on its own clock
(``performance.now()``): a capturing ``keydown`` listener on the window keeps the
press's ``event.timeStamp``; a ``MutationObserver`` on ``.krp-shell`` sees
``data-frame`` change (the player sets it when it has drawn the new frame), then
waits for ``requestAnimationFrame`` and a ``setTimeout(0)`` after it, i.e. until
the frame has gone through a paint. Latency = that time minus the press.

A scrub is a series of short segments (default 5 presses of ArrowRight or
ArrowLeft, about 60 ms apart after each paint, as a student holding or tapping an
arrow): between segments the player jumps (``krPlayer.show``, not measured) to
the next starting point, spread evenly over all frames of 1979-1999, so busy years'
months are scrubbed too. After each segment the keys are let go: the player
reports the frame (its settle debounce), and ``settle`` is the time from the last
press to the main page showing the new frame (``.kr-runs[data-frame]`` and the
URL's ``year``/``month``), measured on the wall clock shared by both documents
(``performance.timeOrigin + performance.now()``). ``settle_after_report`` starts at
the report instead (the player's ``data-reported`` change), i.e. without the
debounce.

Server CPU is read from ``/proc/<pid>/stat`` around each segment's presses only
(from before the first press to after the last paint, before the report goes
out): the cost of scrubbing itself, which should be nothing. ``full_runs`` and
``fragment_runs`` are the deltas of ``.kr-runs[data-full]`` / ``[data-fragment]``
over the whole scrub, settles included.

Every request to anything but localhost, ``file:``, ``data:`` or ``blob:`` is aborted
and counted.
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import urlparse

from _common import summary

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
GAP_S = 0.06  # pause after a frame is painted before the next press
IDLE_S = 0.3  # after a settle, before the next segment: the server is quiet again

# Installed in the player's document (the st_folium frame, or the export's page).
_INSTALL = """
() => {
  if (window.__krb) { return true; }
  const shell = document.querySelector('.krp-shell[data-ready="true"]');
  if (!shell) { return false; }
  const b = window.__krb = {press: null, painted: [], reportedAt: null};
  window.addEventListener('keydown', (e) => { b.press = e.timeStamp; }, true);
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.attributeName === 'data-frame') {
        const key = shell.dataset.frame, press = b.press;
        requestAnimationFrame(() => setTimeout(() => {
          b.painted.push({key: key, press: press, at: performance.now()});
        }, 0));
      } else if (r.attributeName === 'data-reported') {
        b.reportedAt = performance.now();
        b.reportedKey = shell.dataset.reported;
      }
    }
  }).observe(shell, {attributes: true, attributeFilter: ['data-frame', 'data-reported']});
  return true;
}
"""
_PAINTED = "(key) => { const p = window.__krb.painted; const l = p[p.length - 1];" \
           " return l && l.key === key ? l : null; }"  # fmt: skip
_ORIGIN = "() => performance.timeOrigin"
_PLAYER = "() => ({keys: krPlayer.frames.map(f => f.key), index: krPlayer.index," \
          " limit: krPlayer.limit})"  # fmt: skip
# In the main page: once .kr-runs and the URL show the frame, the wall-clock time.
_PAGE_SHOWS = """
([key, year, month]) => {
  const runs = document.querySelector('.kr-runs');
  if (!runs || runs.dataset.frame !== key) { return null; }
  const q = new URLSearchParams(location.search);
  if (q.get('year') !== String(year)) { return null; }
  if ((q.get('month') || null) !== (month ? String(month) : null)) { return null; }
  return performance.timeOrigin + performance.now();
}
"""
_RUNS = """() => { const r = document.querySelector('.kr-runs');
  return r ? {full: Number(r.dataset.full), fragment: Number(r.dataset.fragment),
              frame: r.dataset.frame} : null; }"""


class OfflineRoutes:
    """Route handler: lets local requests through, aborts and counts the rest."""

    def __init__(self) -> None:
        self.blocked: list[str] = []

    async def __call__(self, route) -> None:
        url = urlparse(route.request.url)
        if url.scheme in ("data", "blob", "about", "file") or url.hostname in (
            "localhost",
            "127.0.0.1",
        ):
            await route.continue_()
        else:
            self.blocked.append(route.request.url)
            await route.abort()


async def launch(playwright):
    return await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


async def new_page(browser, routes: OfflineRoutes, errors: list[str]):
    context = await browser.new_context(viewport={"width": 1400, "height": 950})
    await context.route("**/*", routes)
    page = await context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)[:200]))
    return page


def _key_parts(key: str) -> tuple[int, int | None]:
    year, _, month = key.partition("-")
    return int(year), int(month) if month else None


async def _player_frame(page, app: bool, timeout_ms: float):
    """Return the Frame that holds the player, once it is mounted."""
    if app:
        await (
            page.frame_locator("iframe")
            .first.locator('.krp-shell[data-ready="true"]')
            .wait_for(state="attached", timeout=timeout_ms)
        )
        handle = await page.locator("iframe").first.element_handle()
        return await handle.content_frame()
    await page.locator('.krp-shell[data-ready="true"]').wait_for(
        state="attached", timeout=timeout_ms
    )
    return page.main_frame


async def open_player(page, url: str, *, app: bool, timeout_s: float = 90) -> tuple[object, float]:
    """Open the app or the export at ``url``; return the player's frame and seconds to mount."""
    t0 = time.perf_counter()
    await page.goto(url, wait_until="commit", timeout=timeout_s * 1000)
    frame = await _player_frame(page, app, timeout_s * 1000)
    opened = time.perf_counter() - t0
    if app:  # let the first page settle (component value, fonts)
        await page.wait_for_function(
            "() => document.querySelector('.kr-runs') !== null", timeout=timeout_s * 1000
        )
        await page.wait_for_timeout(800)
    await frame.evaluate(_INSTALL)
    await page.locator(".leaflet-container" if not app else "iframe").first.click(
        force=True, position={"x": 300, "y": 200}
    )
    await page.wait_for_timeout(200)
    return frame, opened


def segment_starts(frame_count: int, segments: int, per_segment: int) -> list[int]:
    """Return where each segment starts: spread over the frames, leaving room to step right."""
    last = max(0, frame_count - 1 - per_segment)
    if segments <= 1:
        return [0]
    return [round(i * last / (segments - 1)) for i in range(segments)]


async def scrub(page, frame, *, segments: int, per_segment: int, app: bool, server=None,
                step_timeout_ms: float = 15_000) -> dict:  # fmt: skip
    """Scrub ``segments`` x ``per_segment`` frames; return latency, settle, CPU and run counts."""
    info = await frame.evaluate(_PLAYER)
    keys, limit = info["keys"], info["limit"]
    frame_origin = await frame.evaluate(_ORIGIN)
    runs_before = await page.evaluate(_RUNS) if app else None
    latencies, settles, after_report, cpu_s, failures, seen = [], [], [], 0.0, [], set()
    scrub_wall_s = 0.0
    for n, start in enumerate(segment_starts(limit + 1, segments, per_segment)):
        direction = 1 if n % 2 == 0 or start < per_segment else -1
        start = start if direction > 0 else min(limit, start + per_segment)
        if info["index"] != start:
            await frame.evaluate("(i) => { krPlayer.show(i); krPlayer.settle(); }", start)
            if app:
                year, month = _key_parts(keys[start])
                await page.wait_for_function(_PAGE_SHOWS, arg=[keys[start], year, month],
                                             polling=10, timeout=60_000)  # fmt: skip
        await asyncio.sleep(IDLE_S)
        index = start
        cpu0 = server.cpu_s() if server else None
        wall0 = time.perf_counter()
        for _ in range(per_segment):
            index += direction
            await page.keyboard.press("ArrowRight" if direction > 0 else "ArrowLeft")
            try:
                painted = await (
                    await frame.wait_for_function(
                        _PAINTED, arg=keys[index], timeout=step_timeout_ms
                    )
                ).json_value()
            except Exception as error:
                failures.append({"key": keys[index], "error": type(error).__name__})
                index -= direction
                break
            latencies.append(painted["at"] - painted["press"])
            seen.add(keys[index])
            last_press = painted["press"]
            await asyncio.sleep(GAP_S)
        if server and cpu0 is not None:
            cpu_s += server.cpu_s() - cpu0
            scrub_wall_s += time.perf_counter() - wall0
        info["index"] = index
        if app and index != start:
            year, month = _key_parts(keys[index])
            try:
                shown_at = await (
                    await page.wait_for_function(
                        _PAGE_SHOWS, arg=[keys[index], year, month], polling=5, timeout=60_000
                    )
                ).json_value()
            except Exception as error:
                failures.append({"settle": keys[index], "error": type(error).__name__})
                continue
            reported = await frame.evaluate(
                "() => [window.__krb.reportedAt, window.__krb.reportedKey]"
            )
            settles.append(shown_at - (frame_origin + last_press))
            if reported[0] is not None and reported[1] == keys[index]:
                after_report.append(shown_at - (frame_origin + reported[0]))
    runs_after = await page.evaluate(_RUNS) if app else None
    out = {
        "latency_ms": summary(latencies),
        "latencies_raw_ms": [round(x, 1) for x in latencies],
        "steps_done": len(latencies),
        "frames_covered": len(seen),
        "years_covered": sorted({_key_parts(k)[0] for k in seen}),
        "months_covered": sum("-" in k for k in seen),
        "failures": failures[:5],
        "failure_count": len(failures),
    }
    if app:
        out.update(
            settle_ms=summary(settles),
            settle_after_report_ms=summary(after_report),
            full_runs=(runs_after["full"] - runs_before["full"])
            if runs_before and runs_after
            else None,
            fragment_runs=(runs_after["fragment"] - runs_before["fragment"])
            if runs_before and runs_after
            else None,
            server_cpu_ms_per_step=round(cpu_s * 1000 / len(latencies), 2)
            if latencies and server
            else None,
            server_cpu_ms_during_scrub=round(cpu_s * 1000, 1) if server else None,
            scrub_wall_s=round(scrub_wall_s, 2),
        )
    return out


async def _one_page_scrub(browser, url: str, routes, errors, *, app: bool, segments: int,
                          per_segment: int, server=None) -> dict:  # fmt: skip
    page = await new_page(browser, routes, errors)
    try:
        frame, opened = await open_player(page, url, app=app)
        result = await scrub(page, frame, segments=segments, per_segment=per_segment, app=app,
                             server=server)  # fmt: skip
        result["open_s"] = round(opened, 2)
        return result
    finally:
        await page.context.close()


async def _run_app(url: str, server, plan: dict) -> dict:
    from playwright.async_api import async_playwright

    routes, errors = OfflineRoutes(), []
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            idle0, t0 = server.cpu_s(), time.perf_counter()
            await asyncio.sleep(2.0)
            idle = (server.cpu_s() - idle0) * 1000 / (time.perf_counter() - t0)
            one = await _one_page_scrub(browser, url, routes, errors, app=True,
                                        segments=plan["segments"], per_segment=plan["per_segment"],
                                        server=server)  # fmt: skip
            one["server_idle_cpu_ms_per_s"] = round(idle, 2)
            if one["steps_done"]:  # what the server spends anyway (websocket pings, watcher)
                extra = one["server_cpu_ms_during_scrub"] - idle * one["scrub_wall_s"]
                one["server_cpu_ms_per_step_above_idle"] = round(
                    max(0.0, extra) / one["steps_done"], 2
                )
            crowd = plan["chromium_pages"]
            pages = await asyncio.gather(*(
                _one_page_scrub(browser, url, routes, errors, app=True,
                                segments=plan["crowd_segments"], per_segment=plan["per_segment"])
                for _ in range(crowd)), return_exceptions=True)  # fmt: skip
        finally:
            await browser.close()
    good = [p for p in pages if isinstance(p, dict)]
    return {
        "one": one,
        "crowd": {
            "pages": crowd,
            "pages_ok": len(good),
            "errors": [f"{type(p).__name__}: {p}"[:200] for p in pages if not isinstance(p, dict)],
            "latency_ms": summary([x for p in good for x in p["latencies_raw_ms"]]),
            "latency_p95_per_page_ms": [p["latency_ms"]["p95"] for p in good],
            "open_s": [p["open_s"] for p in good],
            "steps_done": sum(p["steps_done"] for p in good),
            "settle_p95_per_page_ms": [p["settle_ms"]["p95"] for p in good],
            "full_runs": sum(p["full_runs"] or 0 for p in good),
            "open_s_summary": summary([p["open_s"] for p in good], 2),
        },
        "blocked_requests": routes.blocked[:10],
        "blocked_count": len(routes.blocked),
        "page_errors": errors[:10],
    }


async def _first_map(server) -> float:
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await launch(playwright)  # launched before the server: not counted
        try:
            page = await new_page(browser, OfflineRoutes(), [])
            server.start()
            healthy = server.wait_healthy(90)
            await page.goto(server.url, wait_until="commit", timeout=90_000)
            await _player_frame(page, True, 90_000)
            return healthy, time.perf_counter() - server.launched_at
        finally:
            await browser.close()


def first_map(server) -> tuple[float, float]:
    """Start ``server`` (not yet started) and open it; return seconds from the server's
    launch to its health check answering, and to the player mounted with its first frame
    drawn in Chromium."""
    return asyncio.run(_first_map(server))


def run_app(url: str, server, plan: dict) -> dict:
    """Scrub the running app with one page, then with ``chromium_pages`` pages at once."""
    return asyncio.run(_run_app(url, server, plan))


async def _run_export(url: str, plan: dict) -> dict:
    from playwright.async_api import async_playwright

    routes, errors = OfflineRoutes(), []
    async with async_playwright() as playwright:
        browser = await launch(playwright)
        try:
            result = await _one_page_scrub(browser, url, routes, errors, app=False,
                                           segments=plan["segments"], per_segment=plan["per_segment"])  # fmt: skip
        finally:
            await browser.close()
    result["blocked_count"] = len(routes.blocked)
    result["page_errors"] = errors[:10]
    return result


def run_export(url: str, plan: dict) -> dict:
    """Scrub an exported HTML file (``file://`` URL) with the keyboard; return latencies."""
    return asyncio.run(_run_export(url, plan))
