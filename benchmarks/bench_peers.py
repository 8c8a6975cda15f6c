"""Peers on the same machine and in the same run: the naive Streamlit way, and folium's time plugin.

* **naive**: the app as it was before the player, commit ``c30169d`` (``st.slider``
  + ``st_folium`` with a full script rerun per step). A temporary ``git worktree``
  of that commit is made in /tmp; its ``app.py`` runs with this venv's Streamlit,
  ``PYTHONPATH`` pointing at the worktree's ``src/`` (so its own ``kr_map`` and its
  own ``data/`` are used), from the worktree as working directory. It is scrubbed
  with ``bench_browser.scrub`` (written for that app: arrow keys on the year
  slider until the map iframe shows the ``.kr-frame-<year>`` stamp). Its slider
  steps years; months are a second control.
* **timedim**: ``folium.plugins.TimestampedGeoJson`` (Leaflet.TimeDimension) with
  the frames of our frames document: every frame's features (points and
  movement lines; the territory polygons are left out, so the peer draws less)
  as GeoJSON features stamped with the frame's time (a year at 00:00 on 1
  January, a month at 12:00 on its first day; ``duration`` 1 hour, so a frame
  shows only its own features). Its JavaScript and CSS come from the npm
  packages in ``node_modules`` (``npm ci``), as ``data:`` URLs: nothing from a
  CDN. It has no keyboard steps, so it is scrubbed with its own "forward" and
  "backward" buttons: latency = the button's ``mousedown`` to the paint after
  the time dimension's ``timeload`` event, on the page's clock.
"""

from __future__ import annotations

import base64
import json
import re
import subprocess
import tempfile
import time
from pathlib import Path

from _common import REPO, AppServer, free_port, say, summary

NAIVE_COMMIT = "c30169d"
NODE = REPO / "node_modules"
# (folium's name for the asset, file in node_modules, MIME type)
_TIMEDIM_JS = [
    ("jquery3.7.1", "jquery/dist/jquery.min.js"),
    ("jqueryui1.10.2", "jquery-ui/dist/jquery-ui.min.js"),
    ("iso8601", "iso8601-js-period/iso8601.js"),
    ("leaflet.timedimension", "leaflet-timedimension/dist/leaflet.timedimension.min.js"),
    ("moment", "moment/min/moment.min.js"),
]
_TIMEDIM_CSS = [
    ("leaflet.timedimension_css", "leaflet-timedimension/dist/leaflet.timedimension.control.css"),
]


# ---------------------------------------------------------------- naive: the app at c30169d
def naive(steps: int) -> dict:
    """Scrub the pre-player app (commit c30169d) in Chromium; return latency and server CPU."""
    import bench_browser
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="kr-map-naive-")) / "wt"
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(folder), NAIVE_COMMIT],
                   check=True, capture_output=True)  # fmt: skip
    out: dict = {"commit": NAIVE_COMMIT, "worktree": str(folder)}
    server = AppServer(folder / "app.py", free_port(), env={"PYTHONPATH": str(folder / "src")},
                       cwd=folder)  # fmt: skip
    try:
        with sync_playwright() as playwright:
            browser, page, routes, errors = bench_browser.open_browser(playwright)
            try:
                out.update(bench_browser.cold_start(page, server))
                out["pythonpath"] = server.env["PYTHONPATH"]
                result = bench_browser.scrub(page, server.url, steps, server=server)
                out["scrub"] = {k: result[k] for k in ("latency_ms", "steps_done", "steps_failed",
                                                       "server_cpu_ms_per_step", "remounts")}  # fmt: skip
                out["blocked_requests"] = len(routes.blocked)
                out["page_errors"] = errors[:5]
            finally:
                browser.close()
    finally:
        server.stop()
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(folder)],
                       capture_output=True)  # fmt: skip
    return out


# ---------------------------------------------------------------- timedim: folium's plugin
def _data_url(path: Path, mime: str) -> str:
    data = path.read_bytes()
    if mime == "text/css":  # the control's CSS names a CDN icon font: no network, so no glyphs
        data = re.sub(rb"url\(['\"]?//[^)]*\)", b"url(data:,)", data)
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _frame_time(frame: dict) -> str:
    if frame.get("month"):
        return f"{frame['year']}-{frame['month']:02d}-01T12:00:00Z"
    return f"{frame['year']}-01-01T00:00:00Z"


def timedim_geojson(document: dict) -> dict:
    """Return one GeoJSON collection: each frame's point and line features, stamped with its time."""
    colours = {f["id"]: f["colour"] for f in document["factions"]}
    out = []
    for frame in document["frames"]:
        when = _frame_time(frame)
        for index in frame["features"]:
            feature = document["features"][index]
            colour = colours.get(feature.get("faction"), feature.get("colour", "#555555"))
            if feature.get("from") and feature.get("to"):  # an open arrow names no end
                (a_lat, a_lon), (b_lat, b_lon) = feature["from"], feature["to"]
                geometry = {"type": "LineString", "coordinates": [[a_lon, a_lat], [b_lon, b_lat]]}
                times = [when, when]
            elif "ll" in feature:
                lat, lon = feature["ll"]
                geometry, times = {"type": "Point", "coordinates": [lon, lat]}, [when]
            else:
                continue
            out.append({
                "type": "Feature", "geometry": geometry,
                "properties": {
                    "times": times, "popup": feature.get("tip", ""), "icon": "circle",
                    "iconstyle": {"fillColor": colour, "fillOpacity": 0.8, "stroke": True,
                                  "color": "#111111", "radius": 7},
                    "style": {"color": colour, "weight": 3},
                },
            })  # fmt: skip
    return {"type": "FeatureCollection", "features": out}


def timedim_page(document: dict, borders: dict) -> str:
    """Return a standalone HTML page: our base map with TimestampedGeoJson of the same frames."""
    from folium.plugins import TimestampedGeoJson

    from kr_map import basemap, offline

    missing = [p for _, p in _TIMEDIM_JS + _TIMEDIM_CSS if not (NODE / p).is_file()]
    if missing:
        raise FileNotFoundError(f"run `npm ci` first: missing node_modules/{missing[0]}")
    fmap = basemap.base_map(borders)
    plugin = TimestampedGeoJson(timedim_geojson(document), period="PT12H", duration="PT1H",
                                auto_play=False, loop=False, add_last_point=False,
                                transition_time=200)  # fmt: skip
    plugin.default_js = [(name, _data_url(NODE / p, "text/javascript")) for name, p in _TIMEDIM_JS]
    plugin.default_css = [(name, _data_url(NODE / p, "text/css")) for name, p in _TIMEDIM_CSS]
    plugin.add_to(fmap)
    page = offline.standalone_html(fmap)
    # folium sets no updateTimeDimensionMode, so the steps would be the PT12H grid (14,000
    # mostly empty times); 'replace' (a documented layer option) makes them our frames.
    marker = "updateTimeDimension: true,"
    if marker not in page:
        raise RuntimeError("folium's TimestampedGeoJson template changed: no updateTimeDimension")
    return page.replace(marker, marker + " updateTimeDimensionMode: 'replace',", 1)


_TD_INSTALL = """
() => {
  const name = Object.keys(window).find(k => k.startsWith('map_') && window[k] && window[k].timeDimension);
  if (!name) { return null; }
  const td = window[name].timeDimension;
  const b = window.__krb = {press: null, painted: []};
  window.addEventListener('mousedown', (e) => { b.press = e.timeStamp; }, true);
  td.on('timeload', () => {
    const index = td.getCurrentTimeIndex(), press = b.press;
    requestAnimationFrame(() => setTimeout(() => { b.painted.push({index, press, at: performance.now()}); }, 0));
  });
  return {count: td.getAvailableTimes().length, index: td.getCurrentTimeIndex()};
}
"""
_TD_JUMP = """(i) => { const k = Object.keys(window).find(k => k.startsWith('map_') &&
  window[k] && window[k].timeDimension); window[k].timeDimension.setCurrentTimeIndex(i); }"""
_TD_PAINTED = "(i) => { const p = window.__krb.painted; const l = p[p.length - 1];" \
              " return l && l.index === i ? l : null; }"  # fmt: skip


def timedim(document: dict, borders: dict, segments: int, per_segment: int) -> dict:
    """Scrub folium's TimestampedGeoJson with its own buttons in Chromium; return latencies."""
    import asyncio

    import bench_player

    html = timedim_page(document, borders)
    target = Path(tempfile.mkdtemp(prefix="kr-map-timedim-")) / "timedim.html"
    target.write_text(html, encoding="utf-8")

    async def go() -> dict:
        from playwright.async_api import async_playwright

        routes, errors = bench_player.OfflineRoutes(), []
        async with async_playwright() as playwright:
            browser = await bench_player.launch(playwright)
            try:
                page = await bench_player.new_page(browser, routes, errors)
                t0 = time.perf_counter()
                await page.goto(target.as_uri())
                await page.locator(".timecontrol-forward").wait_for(timeout=60_000)
                opened = time.perf_counter() - t0
                info = await page.evaluate(_TD_INSTALL)
                if not info:
                    return {"error": "no time dimension on the page", "page_errors": errors[:5]}
                count, latencies, failures = info["count"], [], 0
                for n, start in enumerate(
                    bench_player.segment_starts(count, segments, per_segment)
                ):
                    direction = 1 if n % 2 == 0 or start < per_segment else -1
                    index = start if direction > 0 else min(count - 1, start + per_segment)
                    await page.evaluate(_TD_JUMP, index)
                    await asyncio.sleep(bench_player.IDLE_S)
                    for _ in range(per_segment):
                        index += direction
                        button = (
                            ".timecontrol-forward" if direction > 0 else ".timecontrol-backward"
                        )
                        await page.click(button)
                        try:
                            painted = await (await page.wait_for_function(
                                _TD_PAINTED, arg=index, timeout=15_000)).json_value()  # fmt: skip
                        except Exception:
                            failures += 1
                            break
                        latencies.append(painted["at"] - painted["press"])
                        await asyncio.sleep(bench_player.GAP_S)
                return {"latency_ms": summary(latencies), "steps_done": len(latencies),
                        "failures": failures, "times": count, "open_s": round(opened, 2),
                        "page_kb": round(len(html) / 1024), "blocked_count": len(routes.blocked),
                        "page_errors": errors[:5]}  # fmt: skip
            finally:
                await browser.close()

    try:
        return asyncio.run(go())
    finally:
        target.unlink(missing_ok=True)


def run(steps_naive: int, segments: int, per_segment: int, document: dict, borders: dict) -> dict:
    """Return both peers' scrub numbers (each one's failure reported, not raised)."""
    out = {}
    for name, job in (("timedim", lambda: timedim(document, borders, segments, per_segment)),
                      ("naive", lambda: naive(steps_naive))):  # fmt: skip
        t = time.perf_counter()
        try:
            out[name] = job()
        except Exception as error:
            out[name] = {"error": f"{type(error).__name__}: {str(error)[:300]}"}
        say(f"  [peer {name}] {json.dumps({k: v for k, v in out[name].items() if k != 'worktree'})[:400]}"
            f" ({time.perf_counter() - t:.0f} s)")  # fmt: skip
    return out
