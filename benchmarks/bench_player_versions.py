"""The player before and after a change, side by side in one run: scrub and settle.

    .venv/bin/python benchmarks/bench_player_versions.py                # old: 166a5a0
    .venv/bin/python benchmarks/bench_player_versions.py --old <commit> --rounds 3

The old commit's tree is taken with ``git archive`` into a temporary folder; the new
one is the working tree. Each round measures both, one after the other (old first in
odd rounds, new first in even ones), so a machine that gets busier or quieter during
the run weighs on both alike: for each version it starts that version's app (its own
``src`` first on PYTHONPATH, its own folder as working directory), scrubs it with one
Chromium page (:func:`bench_player.run_app`, no crowd), then builds that version's
one-file export and scrubs it (:func:`bench_player.run_export`). Last, both exports are
opened side by side and ``krPlayer.show(i)`` is timed for every frame, in turns (the
script's own work for a frame, without the paint: the least sensitive to a busy
machine). Progress goes to
stdout; the last line is one JSON object with each version's figures and the ratios
new / old (below 1: the new player is faster). Benchmarks measure; they assert nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_player  # noqa: E402
from _common import REPO, AppServer, free_port, percentile, say  # noqa: E402

_BUILD_EXPORT = (
    "import sys; from kr_map import export_html; from kr_map.loader import default_data_dir, load;"
    " page, _ = export_html.build_page(load(default_data_dir()));"
    " open(sys.argv[1], 'w', encoding='utf-8').write(page)"
)


def old_tree(commit: str, folder: Path) -> Path:
    """Return a folder holding the files of ``commit`` (no .git)."""
    archive = subprocess.run(["git", "archive", commit], cwd=REPO, capture_output=True, check=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def environment(tree: Path) -> dict[str, str]:
    return {"PYTHONPATH": f"{tree / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}


def app_figures(tree: Path, plan: dict) -> dict:
    """Scrub that tree's app with one page; return its scrub and settle samples."""
    server = AppServer(tree / "app.py", free_port(), env=environment(tree), cwd=tree)
    try:
        server.start()
        server.wait_healthy(120)
        out = bench_player.run_app(server.url, server, {**plan, "chromium_pages": 0})
    finally:
        server.stop()
    one = out["one"]
    return {"scrub": one["latencies_raw_ms"], "settle": one.get("settle_ms"),
            "settle_after_report": one.get("settle_after_report_ms"),
            "full_runs": one.get("full_runs"), "errors": out["page_errors"]}  # fmt: skip


def build_export(tree: Path, folder: Path) -> Path:
    """Return that tree's one-file export of the bundled data, built by its own code."""
    target = folder / f"export-{tree.name}.html"
    subprocess.run([sys.executable, "-c", _BUILD_EXPORT, str(target)], cwd=tree,
                   env={**os.environ, **environment(tree)}, check=True)  # fmt: skip
    return target


def export_figures(tree: Path, plan: dict, folder: Path) -> dict:
    """Scrub that tree's export; return its scrub samples."""
    out = bench_player.run_export((folder / f"export-{tree.name}.html").as_uri(), plan)
    return {"scrub": out["latencies_raw_ms"], "errors": out["page_errors"]}


_SHOW_ALL = """(passes) => {
  const p = window.krPlayer, times = [];
  for (let n = 0; n < passes; n += 1) {
    for (let i = 0; i < p.frames.length; i += 1) {
      const t = performance.now(); p.show((i * 7) % p.frames.length); times.push(performance.now() - t);
    }
  }
  return times;
}"""


async def _show_times(paths: dict[str, Path], turns: int) -> dict[str, list[float]]:
    from playwright.async_api import async_playwright

    times: dict[str, list[float]] = {name: [] for name in paths}
    async with async_playwright() as playwright:
        browser = await bench_player.launch(playwright)
        pages = {}
        for name, path in paths.items():
            pages[name] = await browser.new_page(viewport={"width": 1280, "height": 720})
            await pages[name].goto(path.as_uri())
            await pages[name].wait_for_selector(".krp-shell[data-ready=true]", state="attached")
            await pages[name].evaluate(_SHOW_ALL, 1)  # every feature's layer made once
        for turn in range(turns):
            for name in paths if turn % 2 == 0 else reversed(list(paths)):
                times[name] += await pages[name].evaluate(_SHOW_ALL, 1)
        await browser.close()
    return times


def pooled(runs: list[dict], key: str) -> dict:
    values = [x for run in runs for x in run[key]]
    return {"n": len(values), "p50": round(percentile(values, 50) or 0, 1),
            "p95": round(percentile(values, 95) or 0, 1)}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", default="166a5a0", help="the commit to compare with")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--segments", type=int, default=12, help="scrub segments of 5 presses")
    parser.add_argument("--show-only", action="store_true",
                        help="only time show() in both exports (no app, no scrub)")  # fmt: skip
    args = parser.parse_args(argv)
    plan = {"segments": args.segments, "per_segment": 5}
    with tempfile.TemporaryDirectory(prefix="kr-map-versions-") as scratch:
        folder = Path(scratch)
        (folder / "old").mkdir()
        trees = {"old": old_tree(args.old, folder / "old"), "new": REPO}
        apps: dict[str, list] = {"old": [], "new": []}
        exports: dict[str, list] = {"old": [], "new": []}
        settles: dict[str, list] = {"old": [], "new": []}
        for name in trees:
            build_export(trees[name], folder)
        for n in range(0 if args.show_only else args.rounds):
            for name in ("old", "new") if n % 2 == 0 else ("new", "old"):
                app = app_figures(trees[name], plan)
                apps[name].append(app)
                settles[name].append(app["settle"])
                exports[name].append(export_figures(trees[name], plan, folder))
                say(f"  round {n + 1}, {name}: app scrub p95 "
                    f"{percentile(app['scrub'], 95):.1f} ms, settle {app['settle']}, export "
                    f"scrub p95 {percentile(exports[name][-1]['scrub'], 95):.1f} ms")  # fmt: skip
        exported = {name: folder / f"export-{trees[name].name}.html" for name in trees}
        shows = asyncio.run(_show_times(exported, 2 * max(1, args.rounds)))
    result = {"old": args.old, "rounds": args.rounds}
    for name in ("old", "new"):
        result[name] = {
            "app_scrub_ms": pooled(apps[name], "scrub"),
            "export_scrub_ms": pooled(exports[name], "scrub"),
            "export_show_ms": pooled([{"t": shows[name]}], "t"),
            "settle_p95_ms_per_round": [s["p95"] if s else None for s in settles[name]],
            "settle_p50_ms_per_round": [s["p50"] if s else None for s in settles[name]],
            "full_runs": [a["full_runs"] for a in apps[name]],
            "errors": [e for a in apps[name] + exports[name] for e in a["errors"]][:5],
        }
    ratio = {}
    for key in ("app_scrub_ms", "export_scrub_ms", "export_show_ms"):
        for q in ("p50", "p95"):
            old, new = result["old"][key][q], result["new"][key][q]
            ratio[f"{key}_{q}"] = round(new / old, 2) if old else None
    settle = {n: [s for s in result[n]["settle_p95_ms_per_round"] if s] for n in ("old", "new")}
    if settle["old"] and settle["new"]:
        ratio["settle_p95_mean"] = round(
            (sum(settle["new"]) / len(settle["new"])) / (sum(settle["old"]) / len(settle["old"])), 2
        )
    result["ratio_new_over_old"] = ratio
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
