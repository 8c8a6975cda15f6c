"""The frame switch of two players on the same exports, side by side in one run (issue 22).

    .venv/bin/python benchmarks/bench_switch_versions.py --old ea752d4
    .venv/bin/python benchmarks/bench_switch_versions.py --events 1000 --events 10000 \
        --keep /tmp/kr-switch --rounds 3 --timedim

Each export is written once (the bundled data by this tree's ``export_html``; with
``--events N`` a synthetic folder of N events and its export, by ``bench_scale.py``'s
child, kept in ``--keep`` and reused when there) and then copied twice: once with the
player script of the old commit (``git archive``; its ``kr_map.bundle`` joins its own
modules) and once with this tree's (its script and its style sheets). The document, the
page and the browser are the same; only the player differs. Each round scrubs every export
with both players, old first in odd rounds and new first in even ones
(``bench_player.run_export``: key press to the new frame painted, on the player's clock),
so a machine that gets busier or quieter weighs on both alike. With ``--timedim``,
folium's TimestampedGeoJson (Leaflet.TimeDimension) on the bundled document is scrubbed in
each round too (``bench_peers.timedim``), for the ratio TimeDimension / ours on the same
frames. The load average is recorded around each scrub. The last line is one JSON object.
Benchmarks measure; they assert nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import bench_player  # noqa: E402
from _common import REPO, percentile, say, summary  # noqa: E402
from bench_player_versions import old_tree  # noqa: E402

ENTRY = "hosts/export.js"
_HEAD = "/* kr-map: hosts/export.js and the"
_BUNDLE = "import sys; from kr_map.bundle import bundle_assets; sys.stdout.write(bundle_assets(sys.argv[1]))"
_BUILD_EXPORT = (
    "import sys; from kr_map import export_html; from kr_map.loader import load;"
    " page, _ = export_html.build_page(load());"
    " open(sys.argv[1], 'w', encoding='utf-8').write(page)"
)


def player_script(tree: Path) -> str:
    """Return the export's player script as that tree's own ``kr_map.bundle`` joins it."""
    env = {**os.environ, "PYTHONPATH": str(tree / "src")}
    done = subprocess.run([sys.executable, "-c", _BUNDLE, ENTRY], env=env, cwd=tree,
                          capture_output=True, text=True, check=True)  # fmt: skip
    return done.stdout


def player_styles(tree: Path) -> dict[str, str]:
    """Return that tree's player style sheets (``kr_map.player.STYLES``) by name."""
    from kr_map.player import STYLES

    folder = tree / "src" / "kr_map" / "assets"
    return {name: (folder / name).read_text(encoding="utf-8").strip() for name in STYLES}


def with_player(page: str, script: str, styles: dict[str, str] | None = None) -> str:
    """Return the export page with its inline player script replaced by ``script`` and, with
    ``styles`` (another tree's ``player_styles``), this tree's style sheets inlined in it by
    that tree's: script and styles ship together."""
    start = page.index(_HEAD)
    opened = page.rindex("<script>\n", 0, start) + len("<script>\n")
    end = page.index("\n</script>", start)
    # "</script" inside the script is written "<\\/script", as offline.py writes it.
    inline = re.sub(r"</(?=script)", r"<\\/", script, flags=re.IGNORECASE)
    page = page[:opened] + inline + page[end:]
    for name, ours in player_styles(REPO).items() if styles else ():
        if ours not in page:
            raise RuntimeError(f"{name} is not inlined in the export as this tree writes it")
        page = page.replace(ours, styles[name])
    return page


def bundled_export(folder: Path) -> Path:
    """Return the bundled data's export, written by this tree."""
    target = folder / "bundled.html"
    if not target.exists():
        subprocess.run([sys.executable, "-c", _BUILD_EXPORT, str(target)], cwd=REPO, check=True)
    return target


def synthetic_export(events: int, keep: Path) -> Path:
    """Return the export of a synthetic folder of ``events`` events, built once into ``keep``."""
    import bench_scale

    target = keep / f"s{events}" / "export.html"
    if not target.exists():
        say(f"  building the {events}-event export (once, kept in {target.parent})")
        result = bench_scale.run_size(events, target.parent, "full", 3600, reference=False)
        if "export_path" not in result:
            raise RuntimeError(f"the {events}-event build failed: {result.get('error')}")
    return target


def scrub(path: Path, plan: dict) -> dict:
    """Scrub one export; return its latencies and the load average around it."""
    before = os.getloadavg()[0]
    out = bench_player.run_export(path.as_uri(), plan)
    return {"latencies": out["latencies_raw_ms"], "failures": out["failure_count"],
            "errors": out["page_errors"], "load": [round(before, 2), round(os.getloadavg()[0], 2)]}  # fmt: skip


def timedim_scrub(plan: dict) -> dict:
    """Scrub Leaflet.TimeDimension on the bundled document (bench_peers); return latencies."""
    import bench_peers

    from kr_map import frames
    from kr_map.export_html import _default_borders
    from kr_map.loader import load

    dataset = load()
    borders = _default_borders(dataset)
    document = frames.frames_document(dataset, borders=borders)
    before = os.getloadavg()[0]
    out = bench_peers.timedim(document, borders, plan["segments"], plan["per_segment"])
    return {"p95": out.get("latency_ms", {}).get("p95"), "p50": out.get("latency_ms", {}).get("p50"),
            "steps": out.get("steps_done"), "error": out.get("error"),
            "load": [round(before, 2), round(os.getloadavg()[0], 2)]}  # fmt: skip


def figures(runs: list[dict]) -> dict:
    values = [x for run in runs for x in run["latencies"]]
    return {**summary(values), "failures": sum(r["failures"] for r in runs),
            "p95_per_round": [summary(r["latencies"])["p95"] for r in runs],
            "load_per_round": [r["load"] for r in runs],
            "errors": [e for r in runs for e in r["errors"]][:3]}  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", default="ea752d4", help="the commit whose player to compare with")
    parser.add_argument("--events", type=int, action="append", default=[],
                        help="also a synthetic export of this many events (repeatable)")  # fmt: skip
    parser.add_argument("--no-bundled", action="store_true", help="skip the bundled data's export")
    parser.add_argument("--keep", type=Path, help="where synthetic exports are built and kept")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--segments", type=int, default=12, help="scrub segments of 5 presses")
    parser.add_argument("--timedim", action="store_true", help="also scrub Leaflet.TimeDimension")
    args = parser.parse_args(argv)
    plan = {"segments": args.segments, "per_segment": 5}
    with tempfile.TemporaryDirectory(prefix="kr-map-switch-") as scratch:
        folder = Path(scratch)
        keep = args.keep or folder
        keep.mkdir(parents=True, exist_ok=True)
        (folder / "old").mkdir()
        trees = {"old": old_tree(args.old, folder / "old"), "new": REPO}
        scripts = {version: player_script(tree) for version, tree in trees.items()}
        styles = {version: player_styles(tree) for version, tree in trees.items()}
        sources = {} if args.no_bundled else {"bundled": bundled_export(keep)}
        sources.update({f"{n}": synthetic_export(n, keep) for n in args.events})
        pages: dict[str, dict[str, Path]] = {}
        for name, source in sources.items():
            page = source.read_text(encoding="utf-8")
            pages[name] = {}
            for version, script in scripts.items():
                pages[name][version] = folder / f"{name}-{version}.html"
                pages[name][version].write_text(
                    with_player(page, script, styles[version]), encoding="utf-8"
                )
        runs = {name: {"old": [], "new": []} for name in pages}
        peer: list[dict] = []
        for n in range(args.rounds):
            for name in pages:
                for version in ("old", "new") if n % 2 == 0 else ("new", "old"):
                    runs[name][version].append(scrub(pages[name][version], plan))
                    say(f"  round {n + 1}, {name}, {version}: p95 "
                        f"{percentile(runs[name][version][-1]['latencies'], 95) or 0:.1f} ms, "
                        f"load {runs[name][version][-1]['load']}")  # fmt: skip
            if args.timedim:
                peer.append(timedim_scrub(plan))
                say(f"  round {n + 1}, TimeDimension: p95 {peer[-1]['p95']} ms")
    result: dict = {"old": args.old, "rounds": args.rounds, "plan": plan}
    for name in pages:
        old, new = figures(runs[name]["old"]), figures(runs[name]["new"])
        result[name] = {"old": old, "new": new,
                        "ratio_old_over_new_p50": round(old["p50"] / new["p50"], 2) if new["p50"] else None,
                        "ratio_old_over_new_p95": round(old["p95"] / new["p95"], 2) if new["p95"] else None}  # fmt: skip
    if peer:
        p95s = [p["p95"] for p in peer if p["p95"]]
        result["timedim"] = {"p95_per_round": p95s, "runs": peer}
        if p95s and "bundled" in result:  # the mean of each round's p95, for both
            mean = sum(p95s) / len(p95s)
            for version in ("old", "new"):
                ours = result["bundled"][version]["p95_per_round"]
                result["timedim"][f"ratio_timedim_over_{version}_p95"] = round(
                    mean / (sum(ours) / len(ours)), 2
                )
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
