"""Scale: the frames document and the player's frame switch on 1k, 10k and 100k synthetic events.

Each size runs in a fresh child process (``python benchmarks/bench_scale.py --child DIR``),
so its memory is its own. The child writes a valid synthetic folder (synthetic.py),
loads it (validation included) and builds the frames document with
the one-pass ``kr_map.frames.frames_document`` and, in the same child, the frame-by-frame
builder it replaced (``kr_map.frames_reference``, issue 22), so the ratio old/new comes
from one run on one machine load (``--no-reference`` skips the old one):

* ``full``: every frame of 1979-1999 (what the app builds once at start). For a dataset
  the app shows before its areas (``kr_map.areas_apart.worth_apart``: 10k and 100k here),
  ``build_s`` is the document without areas, what the first map waits for, and
  ``areas_after_s`` the areas made after it; ``with_areas_build_s`` is both, the whole
  document (joined: the same as a whole build, ``tests/test_areas_apart.py``);
* ``year``: only the frames of one busy year (``--year``, default 1989: its whole-year
  frame and twelve months), used when the full build would take longer than the
  time allowed; the full build time is then **estimated** as the year's time per frame
  times the full frame count (reported as ``build_s_estimated``, never as measured).

With ``--whole`` the child also builds the same frames with the areas made for the whole
country at once (``land.Land(tiled=False)``, the territory method before tiles) and
times both methods' areas of every frame alone, all in CPU seconds (``time.process_time``:
the machine is shared), so the tiles' gain comes from one run on one machine load.

For the switch, the child writes an HTML export of the built document
(``kr_map.export_html``'s page, the document inlined) and the parent scrubs it in
Chromium with the keyboard (bench_player.run_export): key press to the new frame
painted, on the player's clock.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _common import peak_rss_mb, rss_mb, say  # noqa: E402


def _reference(dataset, first: int, last: int, all_frames: int, mode: str) -> dict:
    """Return the old builder's time on the same frames (CPU and wall), beside the new one's."""
    from kr_map import frames_reference, land

    land.forget()  # from cold, as the new builder was
    t, cpu = time.perf_counter(), time.process_time()
    document = frames_reference.frames_document(dataset, first, last)
    built, cpu = time.perf_counter() - t, time.process_time() - cpu
    count = len(document["frames"])
    if mode == "full":
        return {"old_build_s": round(built, 2), "old_build_cpu_s": round(cpu, 2)}
    return {"old_year_build_s": round(built, 2),
            "old_build_s_estimated": round(built / count * all_frames, 1)}  # fmt: skip


def _areas_cpu_s(dataset, tiled: bool) -> float:
    """Return the CPU seconds the areas of every frame take, from cold, tiled or not."""
    from kr_map import frames, land, model
    from kr_map.loader import borders_beside

    periods = [frames.period_of(f) for f in frames.frame_sequence(dataset)]
    held = model.Frames(dataset, periods)
    every = [held.held_records(i) for i in range(len(periods))]
    land.forget()
    country = land.Land(dataset.places, borders_beside(dataset.data_dir), tiled=tiled)
    cpu = time.process_time()
    for records in every:
        country.areas_of(records)
    return round(time.process_time() - cpu, 2)


def _whole_country(dataset, first: int, last: int) -> dict:
    """Return the build's CPU time with the areas made for the whole country at once (the
    territory method before tiles, ``Land(tiled=False)``), and both methods' areas alone."""
    from kr_map import frames, land

    tiled_land = frames.Land
    land.forget()
    frames.Land = functools.partial(tiled_land, tiled=False)  # the Land frames builds
    try:
        cpu = time.process_time()
        frames.frames_document(dataset, first, last)
        built = round(time.process_time() - cpu, 2)
    finally:
        frames.Land = tiled_land
    return {"whole_build_cpu_s": built, "whole_areas_cpu_s": _areas_cpu_s(dataset, False),
            "areas_cpu_s": _areas_cpu_s(dataset, True)}  # fmt: skip


def _with_store(root: Path, data: Path, dataset, first: int, last: int, plain_s: float) -> dict:
    """Return the build with an empty area store (what keeping the areas costs), then the
    build after a researcher moved the place held most often (its coordinates corrected),
    reading every other tile's ground from the store (kr_map/area_store.py)."""
    import pandas as pd

    from kr_map import frames, land
    from kr_map.area_store import AreaStore
    from kr_map.loader import load

    path = root / "store" / "areas.sqlite"
    shutil.rmtree(path.parent, ignore_errors=True)

    def timed(dataset_now) -> tuple[float, float]:
        land.forget()  # a new process: nothing in memory, the store on disk
        t, cpu = time.perf_counter(), time.process_time()
        with AreaStore(path) as store:
            frames.frames_document(dataset_now, first, last, store=store)
        if store.problem:
            problems.append(store.problem)
        return round(time.perf_counter() - t, 2), round(time.process_time() - cpu, 2)

    out: dict = {}
    problems: list[str] = []  # why the store stopped keeping, should it have
    out["store_build_s"], out["store_build_cpu_s"] = timed(dataset)
    out["store_mb"] = round(path.stat().st_size / 2**20, 1)
    moved = root / "moved"
    shutil.rmtree(moved, ignore_errors=True)
    shutil.copytree(data, moved / data.name)
    shutil.copytree(data.parent / "seeds", moved / "seeds")
    place = str(dataset.control["place_id"].value_counts().idxmax())
    places = moved / data.name / "places.csv"
    table = pd.read_csv(places, dtype=str, keep_default_na=False)
    row = table["place_id"] == place
    table.loc[row, "lat"] = f"{float(table.loc[row, 'lat'].iloc[0]) + 0.01:.4f}"
    table.to_csv(places, index=False)
    out["moved_place"] = place
    out["rebuild_place_moved_s"], out["rebuild_place_moved_cpu_s"] = timed(load(moved / data.name))
    out["ratio_plain_over_rebuild"] = round(plain_s / out["rebuild_place_moved_s"], 2)
    out["store_problems"] = problems
    return out


def _child(root: Path, n_events: int, mode: str, year: int, reference: bool = True,
           whole: bool = False) -> dict:  # fmt: skip
    import synthetic

    from kr_map import areas_apart, export_html, frames, intervals, land, model
    from kr_map.loader import load

    load_start = round(os.getloadavg()[0], 2)
    t = time.perf_counter()
    data = synthetic.generate(root, n_events, check=False)  # load() below validates it
    out: dict = {"events": n_events, "generate_s": round(time.perf_counter() - t, 1),
                 "load_avg_start": load_start}  # fmt: skip
    rss0 = rss_mb()
    t = time.perf_counter()
    dataset = load(data)
    out["load_s"] = round(time.perf_counter() - t, 2)
    out["load_rss_mb"] = round((rss_mb() or 0) - (rss0 or 0), 1)
    out["rows"] = {"events": len(dataset.events), "control": len(dataset.control),
                   "movements": len(dataset.movements), "places": len(dataset.places)}  # fmt: skip
    first, last = (model.FIRST_YEAR, model.LAST_YEAR) if mode == "full" else (year, year)
    land.forget()
    # As the app builds: a large dataset's document without its areas first (what the
    # first map waits for), then its areas apart (kr_map/areas_apart.py); else whole.
    apart = mode == "full" and areas_apart.worth_apart(dataset)
    t, cpu = time.perf_counter(), time.process_time()
    if apart:
        base = frames.frames_document(dataset, first, last, areas=False)
        first_map, first_cpu = time.perf_counter() - t, time.process_time() - cpu
        part = areas_apart.areas_part(dataset, base, first, last)
        document = areas_apart.join(base, part)
    else:
        document = frames.frames_document(dataset, first, last)
    built, cpu = time.perf_counter() - t, time.process_time() - cpu
    if not apart:
        first_map, first_cpu = built, cpu
    out["areas_apart"] = apart
    count = len(document["frames"])
    all_frames = len(frames.frame_sequence(dataset))
    wire = frames.script_json(intervals.pack(document))
    out.update(
        mode=mode,
        frames_built=count,
        frames_total=all_frames,
        features=len(document["features"]),
        document_kb=round(len(frames.script_json(document)) / 1024),
        wire_kb=round(len(wire) / 1024),  # per-frame lists packed (kr_map/intervals.py)
        wire_gzip_kb=round(len(gzip.compress(wire.encode("utf-8"), 6)) / 1024),
        max_features_per_frame=max(len(f["features"]) for f in document["frames"]),
    )
    if mode == "full":
        out["build_s"] = round(first_map, 2)  # before the first map
        out["build_cpu_s"] = round(first_cpu, 2)
        out["with_areas_build_s"] = round(built, 2)  # the document with every frame's areas
        out["with_areas_build_cpu_s"] = round(cpu, 2)
        if apart:
            out["areas_after_s"] = round(built - first_map, 2)  # made after the first map
    else:
        out["year_build_s"] = round(built, 2)
        out["year_build_cpu_s"] = round(cpu, 2)
        out["build_s_estimated"] = round(built / count * all_frames, 1)
    out["load_avg"] = round(os.getloadavg()[0], 2)
    if mode == "full":
        out.update(_with_store(root, data, dataset, first, last, built))
    if whole:
        out.update(_whole_country(dataset, first, last))
        if out.get("with_areas_build_cpu_s"):
            out["ratio_whole_over_tiled_cpu"] = round(
                out["whole_build_cpu_s"] / out["with_areas_build_cpu_s"], 2
            )
        out["load_avg_whole"] = round(os.getloadavg()[0], 2)
    if reference:
        out.update(_reference(dataset, first, last, all_frames, mode))
        old = out.get("old_build_s") or out.get("old_year_build_s")
        new = out.get("with_areas_build_s") or out.get("year_build_s")  # both with areas
        out["ratio_old_over_new"] = round(old / new, 2) if new else None
    # The export of the same document, for the switch in Chromium (no second build).
    original = frames.frames_document
    frames.frames_document = lambda *args, **kwargs: document
    try:
        page, _ = export_html.build_page(dataset, first, last)
    finally:
        frames.frames_document = original
    target = root / "export.html"
    target.write_text(page, encoding="utf-8")
    out["export_path"] = str(target)
    out["export_kb"] = round(len(page) / 1024)
    out["peak_rss_mb"] = peak_rss_mb()
    out["load_avg_end"] = round(os.getloadavg()[0], 2)
    return out


def run_size(n_events: int, root: Path, mode: str, timeout_s: float, year: int = 1989,
             reference: bool = True, whole: bool = False) -> dict:  # fmt: skip
    """Run one size in a child process; return its numbers (or why it failed)."""
    command = [sys.executable, str(Path(__file__).resolve()), "--child", str(root),
               "--events", str(n_events), "--mode", mode, "--year", str(year)]  # fmt: skip
    command += [] if reference else ["--no-reference"]
    command += ["--whole"] if whole else []
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout_s)
    except subprocess.TimeoutExpired:
        return {
            "events": n_events,
            "mode": mode,
            "error": f"did not finish within {timeout_s:.0f} s",
        }
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode or not lines:
        return {"events": n_events, "mode": mode, "error": (done.stderr or done.stdout)[-600:]}
    return json.loads(lines[-1])


def run(quick: bool, switch_plan: dict) -> dict:
    """Return the frames-document build and the frame switch at 1k, 10k and 100k events."""
    import bench_player

    # Every size measured in full; the old builder beside it where it ends in minutes
    # (at 100k only its busy year, its full time estimated and labelled so).
    plan = {1_000: ("full", True), 10_000: ("full", True), 100_000: ("full", False)}
    out: dict = {"plan": {str(k): v for k, v in plan.items()}}
    with tempfile.TemporaryDirectory(prefix="kr-map-scale-") as folder:
        for n, (mode, reference) in plan.items():
            t = time.perf_counter()
            # three builds at 100k (no store, an empty store, one place moved)
            timeout = 2700 if n >= 100_000 else 900
            result = run_size(n, Path(folder) / str(n), mode, timeout, reference=reference)
            if n == 100_000:  # the old builder at 100k: one busy year, estimated
                old = run_size(n, Path(folder) / f"{n}-old", "year", 900, reference=True)
                result["old_build_s_estimated"] = old.get("old_build_s_estimated")
                whole = result.get("with_areas_build_s")  # the old builder makes areas too
                if whole and old.get("old_build_s_estimated"):
                    result["ratio_old_over_new"] = round(old["old_build_s_estimated"] / whole, 2)
            if "export_path" in result:
                switch = bench_player.run_export(
                    Path(result.pop("export_path")).as_uri(), switch_plan
                )
                result["switch_ms"] = switch["latency_ms"]
                result["switch_failures"] = switch["failure_count"]
            out[str(n)] = result
            say(f"  [scale {n}] {json.dumps(result)[:500]} ({time.perf_counter() - t:.0f} s)")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--child", type=Path, help="(internal) run one size in this folder")
    parser.add_argument("--events", type=int, default=1000)
    parser.add_argument("--mode", choices=("full", "year"), default="full")
    parser.add_argument("--year", type=int, default=1989)
    parser.add_argument("--no-reference", action="store_true", help="skip the old builder")
    parser.add_argument(
        "--whole",
        action="store_true",
        help="also build with the areas made for the whole country at once (before tiles)",
    )
    args = parser.parse_args()
    reference = not args.no_reference
    if args.child:
        result = _child(args.child, args.events, args.mode, args.year, reference, args.whole)
        print(json.dumps(result), flush=True)
        return
    folder = Path(tempfile.mkdtemp())
    timeout_s = (1800 if args.whole else 900) * (3 if args.events >= 100_000 else 1)
    result = run_size(args.events, folder, args.mode, timeout_s, args.year, reference, args.whole)
    print(json.dumps(result))


if __name__ == "__main__":
    main()
