"""Compare's part of the export, before and after, side by side: bytes, gzip, build CPU.

For the bundled data and synthetic folders of 1k and 10k events (synthetic.py), in one
process, on the same data: ``kr_map.compare.compare_document`` of this tree ("after") and
of another commit ("before", read with ``git show REV:src/kr_map/compare.py``; default
``f2bf39a``, the list for every pair of states). Each size is built by both, alternately,
``--rounds`` times; the part is measured as the export writes it (``frames.script_json``),
gzip at level 6. With Node, the browser's list (``core/changes.js``) between the first and
the last frame of the "after" part is timed too (the most a list costs: best of 20).

    python benchmarks/bench_compare.py                  # bundled, 1k, 10k
    python benchmarks/bench_compare.py --sizes 0 1000   # 0: the bundled data
"""

from __future__ import annotations

import argparse
import gzip
import importlib.util
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

from _common import REPO, say  # noqa: E402

CHANGES_JS = REPO / "src" / "kr_map" / "assets" / "core" / "changes.js"
_NODE_TIMING = """
import { changesBetween } from %(module)s;
import { readFileSync } from "node:fs";
const compare = JSON.parse(readFileSync(%(part)s, "utf8"));
const keys = Object.keys(compare.state);
let best = Infinity, listed = 0;
for (let round = 0; round < 20; round += 1) {
  const t = performance.now();
  listed = changesBetween(compare, keys[0], keys[keys.length - 1]).length;
  best = Math.min(best, performance.now() - t);
}
console.log(JSON.stringify({ list_ms: best, listed }));
"""


def builder_at(rev: str):
    """Return ``compare_document`` as it was at commit ``rev``."""
    source = subprocess.run(
        ["git", "-C", str(REPO), "show", f"{rev}:src/kr_map/compare.py"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    path = Path(tempfile.mkdtemp(prefix="kr-compare-")) / f"compare_{rev}.py"
    path.write_text(source, encoding="utf-8")
    spec = importlib.util.spec_from_file_location(f"compare_{rev}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.compare_document


def measure(build, dataset, sequence, sources) -> tuple[dict, str]:
    """Return one build's CPU and wall time, its bytes and gzip bytes, and the part's JSON."""
    from kr_map import frames

    wall, cpu = time.perf_counter(), time.process_time()
    part = build(dataset, sequence, sources)
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    text = frames.script_json(part)
    raw = text.encode("utf-8")
    return {
        "build_cpu_s": round(cpu, 3),
        "build_wall_s": round(wall, 3),
        "bytes": len(raw),
        "gzip_bytes": len(gzip.compress(raw, 6)),
        "states": len(part.get("states") or part.get("changes") or []),
    }, text


def browser_list(text: str, folder: Path) -> dict:
    """Return Node's time for the list between the first and the last frame (best of 20)."""
    if shutil.which("node") is None:
        return {}
    folder.mkdir(parents=True, exist_ok=True)
    part, runner = folder / "compare.json", folder / "time.mjs"
    part.write_text(text, encoding="utf-8")
    names = {"module": json.dumps(CHANGES_JS.as_uri()), "part": json.dumps(str(part))}
    runner.write_text(_NODE_TIMING % names, encoding="utf-8")
    done = subprocess.run(["node", str(runner)], capture_output=True, text=True, timeout=300)
    result = json.loads(done.stdout)
    return {"browser_list_ms": round(result["list_ms"], 3), "listed": result["listed"]}


def run_size(n_events: int, before, rounds: int, folder: Path) -> dict:
    """Return before and after for one size (0: the bundled data), best CPU of ``rounds``."""
    import synthetic

    from kr_map import compare, frames
    from kr_map.loader import default_data_dir, load

    data = default_data_dir() if n_events == 0 else synthetic.generate(folder, n_events)
    dataset = load(data)
    sequence, sources = frames.frame_sequence(dataset), dataset.source_records()
    out: dict = {"events": len(dataset.events), "holdings": len(dataset.control),
                 "frames": len(sequence), "load_avg_start": round(os.getloadavg()[0], 2)}  # fmt: skip
    runs: dict[str, list[dict]] = {"before": [], "after": []}
    text = ""
    for _round in range(rounds):
        for name, build in (("before", before), ("after", compare.compare_document)):
            figures, made = measure(build, dataset, sequence, sources)
            runs[name].append(figures)
            text = made if name == "after" else text
    for name, figures in runs.items():
        out[name] = min(figures, key=lambda f: f["build_cpu_s"])
        out[name]["build_cpu_s_all"] = [f["build_cpu_s"] for f in figures]
    out["after"].update(browser_list(text, folder))
    out["bytes_before_over_after"] = round(out["before"]["bytes"] / out["after"]["bytes"], 1)
    out["load_avg_end"] = round(os.getloadavg()[0], 2)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[0, 1000, 10_000])
    parser.add_argument("--before", default="f2bf39a", help="commit of the old compare.py")
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()
    before = builder_at(args.before)
    results = []
    with tempfile.TemporaryDirectory(prefix="kr-compare-bench-") as scratch:
        for n in args.sizes:
            say(f"compare: {n or 'bundled'} events")
            results.append(run_size(n, before, args.rounds, Path(scratch) / str(n)))
            say(json.dumps(results[-1]))
    print(json.dumps({"before_commit": args.before, "sizes": results}))


if __name__ == "__main__":
    main()
