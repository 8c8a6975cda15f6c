"""Where a frame switch's milliseconds go: Chromium's CPU profile of an export being stepped.

    .venv/bin/python benchmarks/profile_switch.py EXPORT.html            # 40 steps
    .venv/bin/python benchmarks/profile_switch.py EXPORT.html --steps 80 --top 30
    .venv/bin/python benchmarks/profile_switch.py EXPORT.html --from 100 --steps 40  # taps

The export (``kr-map export``, or ``bench_scale.py``'s synthetic one) is opened from
``file://`` in headless Chromium; the player is moved one frame at a time by
``krPlayer.show(i)`` (what an arrow key does, without the key), spread over all frames,
each step waiting for the paint after it (with ``--from N``: one frame after another from
frame N, a pause after each, as the scrub benchmarks step). Around the steps, the DevTools protocol's
sampling profiler runs (``Profiler.start``/``stop``, 100 µs) and the trace records
Chromium's own work (style, layout, paint: ``Tracing``), so the script's functions and the
browser's rendering are told apart.

Printed: the steps' wall time per step; per player module (``// --- path`` markers of
the joined script, kr_map/bundle.py) and per function, the time spent inside it and in
what it calls (inclusive, each sample counted once per function); the browser's
rendering phases. Benchmarks measure; they assert nothing.
"""

from __future__ import annotations

import argparse
import bisect
import json
import re
import time
from collections import Counter
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
_STEP = """(i) => new Promise((done) => {
  const t0 = performance.now();
  krPlayer.show(i);
  const script = performance.now() - t0;
  requestAnimationFrame(() => setTimeout(() => done([script, performance.now() - t0]), 0));
})"""
# The map's moves, counted: each "moveend" clips every path again, each "zoomend" also
# re-projects every marker and path, each "resize" is the page changing the map's size.
_COUNT_MOVES = """() => { window.__krMoves = {moveend: 0, zoomend: 0, resize: 0};
  krPlayer.map.on('moveend zoomend resize', (e) => { window.__krMoves[e.type] += 1; }); }"""
_STEP_GAP_MS = 150  # with --from: the page's idle time between steps, as a student's taps
_RENDER_EVENTS = ("UpdateLayoutTree", "Layout", "Paint", "PrePaint", "Layerize", "HitTest")
# Trace events that run the page's script (a task, a microtask checkpoint, a timer, an
# animation frame's callbacks): rendering inside one was forced by the script.
_SCRIPT_EVENTS = ("FunctionCall", "EvaluateScript", "RunMicrotasks", "TimerFire", "FireAnimationFrame",
                  "EventDispatch", "FireIdleCallback")  # fmt: skip


def module_lines(page: str) -> list[tuple[int, str]]:
    """Return (first line, module path) of each module in the joined script, line order."""
    found = []
    for number, line in enumerate(page.splitlines()):
        match = re.match(r"// --- (\S+)$", line)
        if match:
            found.append((number, match.group(1)))
    return found


def module_at(modules: list[tuple[int, str]], line: int) -> str:
    """Return the module a line of the page belongs to ("-" outside the player)."""
    name = "-"
    for first, path in modules:
        if first > line:
            break
        name = path
    return name


def inclusive(profile: dict, modules: list[tuple[int, str]]) -> tuple[Counter, Counter, Counter]:
    """Return microseconds per function (inclusive), per module (inclusive) and per function
    (self) in a V8 CPU profile."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    parent = {child: node["id"] for node in profile["nodes"] for child in node.get("children", [])}

    def name(node: dict) -> tuple[str, str]:
        frame = node["callFrame"]
        where = module_at(modules, frame["lineNumber"]) if frame["url"].startswith("file:") else "-"
        label = frame["functionName"] or f"(anonymous:{frame['lineNumber'] + 1})"
        return label, where

    by_function, by_module, by_self = Counter(), Counter(), Counter()
    for sample, delta in zip(profile["samples"], profile["timeDeltas"], strict=False):
        seen_f, seen_m, node_id = set(), set(), sample
        label, where = name(nodes[node_id])
        by_self[f"{label} [{where}]"] += delta
        while node_id is not None:
            label, where = name(nodes[node_id])
            key = f"{label} [{where}]"
            if key not in seen_f:
                by_function[key] += delta
                seen_f.add(key)
            if where != "-" and where not in seen_m:
                by_module[where] += delta
                seen_m.add(where)
            node_id = parent.get(node_id)
    return by_function, by_module, by_self


def rendering(events: list[dict]) -> Counter:
    """Return microseconds of Chromium's rendering phases in the trace (complete events),
    each phase also counted apart as "forced" when it ran inside a script (a script read
    the page's layout after writing it), i.e. not at the frame's own rendering; and, under
    "forced layouts", how many times a script forced a layout."""
    out = Counter()
    scripts: dict[tuple, list[tuple[int, int]]] = {}
    for event in events:
        if event.get("name") in _SCRIPT_EVENTS and event.get("ph") == "X":
            start = event.get("ts", 0)
            scripts.setdefault((event.get("pid"), event.get("tid")), []).append(
                (start, start + event.get("dur", 0))
            )
    for key, spans in scripts.items():  # merged: a script may call into another
        spans.sort()
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        scripts[key] = merged
    for event in events:
        if event.get("name") in _RENDER_EVENTS and event.get("ph") == "X":
            out[event["name"]] += event.get("dur", 0)
            spans = scripts.get((event.get("pid"), event.get("tid")), [])
            at = bisect.bisect_right(spans, (event.get("ts", 0), float("inf"))) - 1
            # The merged spans do not overlap: the one started last before it is the only
            # one that can hold it.
            if at >= 0 and spans[at][1] >= event.get("ts", 0) + event.get("dur", 0):
                out[f"{event['name']} (forced)"] += event.get("dur", 0)
                if event["name"] == "Layout":
                    out["forced layouts"] += 1
    return out


def profile(export: Path, steps: int, start: int | None = None) -> dict:
    """Step the export ``steps`` times under the profiler; return what the time went to.
    With ``start``, one frame at a time from that frame on (as a student steps with an
    arrow key), with a pause of ``_STEP_GAP_MS`` after each paint; else spread over all
    frames, a step then a jump."""
    from playwright.sync_api import sync_playwright

    page_text = export.read_text(encoding="utf-8")
    modules = module_lines(page_text)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 950})
            page.goto(export.as_uri())
            page.locator('.krp-shell[data-ready="true"]').wait_for(
                state="attached", timeout=300_000
            )
            count = page.evaluate("() => krPlayer.frames.length")
            if start is None:
                targets = [round(i * (count - 1) / max(1, steps - 1)) for i in range(steps)]
            else:
                targets = [min(count - 1, start + 1 + i) for i in range(steps)]
            warm = targets[:3] if start is None else [start]
            for i in warm:  # the first read of a frame expands its lists
                page.evaluate(_STEP, i)
            page.wait_for_timeout(_STEP_GAP_MS)
            page.evaluate(_COUNT_MOVES)
            cdp = page.context.new_cdp_session(page)
            cdp.send("Profiler.enable")
            cdp.send("Profiler.setSamplingInterval", {"interval": 100})
            events: list[dict] = []
            cdp.on("Tracing.dataCollected", lambda data: events.extend(data["value"]))
            cdp.send(
                "Tracing.start", {"categories": "devtools.timeline", "transferMode": "ReportEvents"}
            )
            cdp.send("Profiler.start")
            walls, scripts = [], []
            t0 = time.perf_counter()
            for n, i in enumerate(targets):
                target = i if n % 2 == 0 or start is not None else min(count - 1, i + 1)
                script, wall = page.evaluate(_STEP, target)
                scripts.append(script)
                walls.append(wall)
                if start is not None:
                    page.wait_for_timeout(_STEP_GAP_MS)
            elapsed = time.perf_counter() - t0
            moves = page.evaluate("() => window.__krMoves")
            result = cdp.send("Profiler.stop")["profile"]
            done = []
            cdp.on("Tracing.tracingComplete", lambda _: done.append(True))
            cdp.send("Tracing.end")
            while not done:
                page.wait_for_timeout(50)
        finally:
            browser.close()
    by_function, by_module, by_self = inclusive(result, modules)
    return {"steps": len(walls), "elapsed_s": round(elapsed, 2), "walls": walls,
            "scripts": scripts, "by_function": by_function, "by_module": by_module,
            "by_self": by_self, "rendering": rendering(events), "moves": moves}  # fmt: skip


def report(out: dict, top: int) -> None:
    """Print the profile: per step, in milliseconds."""
    steps = out["steps"]
    per = lambda us: f"{us / 1000 / steps:8.2f}"  # noqa: E731
    walls = sorted(out["walls"])
    print(f"steps {steps}; per step: show() + paint median {walls[len(walls) // 2]:.1f} ms,"
          f" max {walls[-1]:.1f}; script alone median {sorted(out['scripts'])[steps // 2]:.1f}")  # fmt: skip
    print("\nms/step  module (inclusive)")
    for name, us in out["by_module"].most_common(top):
        print(per(us), name)
    print("\nms/step  function (inclusive)")
    for name, us in out["by_function"].most_common(top):
        print(per(us), name)
    print("\nms/step  function (self)")
    for name, us in out["by_self"].most_common(top):
        print(per(us), name)
    print('\nms/step  rendering (Chromium; "forced": inside a script, part of the phase\'s total)')
    forced = out["rendering"].get("forced layouts", 0)
    for name, us in out["rendering"].most_common():
        if name != "forced layouts":  # a count, not microseconds
            print(per(us), name)
    print(
        f"\nper step: {forced / steps:.2f} layouts forced by a script;"
        + "".join(f" {n / steps:.2f} {name}" for name, n in out["moves"].items())
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("export", type=Path, help="an export's HTML file")
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--from", dest="start", type=int,
                        help="step one frame at a time from this frame (default: a step then a jump)")  # fmt: skip
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    out = profile(args.export.resolve(), args.steps, args.start)
    report(out, args.top)
    if args.json:
        args.json.write_text(json.dumps({k: dict(v) if isinstance(v, Counter) else v
                                         for k, v in out.items()}))  # fmt: skip


if __name__ == "__main__":
    main()
