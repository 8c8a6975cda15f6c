"""The areas' tile grounds of a large build cut in worker processes, before the build reads
them from the area store.

A tile's ground is made from the holdings near the tile alone (:mod:`kr_map.territory`),
so the grounds of different tiles can be cut at the same time. Python's threads cannot
(shapely's calls are too short to leave Python's lock: benchmarks/RESULTS.md), processes
can. Before a build, :func:`cut_ahead` lists the grounds its days need that the store does
not hold yet and shares the tiles out among the build's own process and worker processes
(each tile's days in one of them, in order, so a tile reuses what it cut for the day
before); each worker puts what it cuts in the store (:mod:`kr_map.area_store`). The build
then reads those grounds from the store: the document is the one a build without workers
makes.

Workers are started only when the work is large enough to repay their start (importing
shapely and pandas) and the machine has more than one core; ``KR_MAP_AREA_WORKERS`` sets
their number (``1``: none). Should a worker fail, the build cuts what is missing itself.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pandas as pd

from kr_map import territory
from kr_map.area_store import AreaStore
from kr_map.land import Land

WORKERS_ENV = "KR_MAP_AREA_WORKERS"
_LOG = logging.getLogger(__name__)
MIN_GROUNDS = 600  # fewer than this (about 3 s of cutting) are cut by the build itself
_MAX_WORKERS = 8


def workers_wanted(grounds: int) -> int:
    """Return how many worker processes ``grounds`` tile grounds are worth (0: none)."""
    configured = os.environ.get(WORKERS_ENV, "").strip()
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    count = int(configured) if configured.isdigit() else min(cores or 1, _MAX_WORKERS)
    return count if count > 1 and grounds >= MIN_GROUNDS else 0


def cut_ahead(
    land: Land,
    days: Iterable[list[dict]],
    borders: Mapping[str, Any] | None,
) -> int:
    """Cut the tile grounds ``days`` need and the store lacks in worker processes; return
    how many the workers cut (0 when the work was left to the build)."""
    store = land.store
    if store is None or store.path is None:
        return 0
    work = land.tiles_to_cut(days)
    grounds = sum(len(nears) for nears in work.values())
    count = min(workers_wanted(grounds), len(work))
    if count < 2:
        return 0
    store.save()  # what this process kept is on disk before the workers look
    own, *others = _shares(work, count)
    with tempfile.TemporaryDirectory(prefix="kr-map-areas-") as folder:
        workers = [_start(Path(folder) / f"job-{n}.json", store.path, land.settlements, borders, share)
                   for n, share in enumerate(others)]  # fmt: skip
        try:
            land.cut(own)
        finally:
            ended = [(worker.wait(), share) for worker, share in workers]
    for code, _ in ended:
        if code:  # its tiles are left to the build, which cuts what the store lacks
            _LOG.warning("an area worker stopped with exit code %s", code)
    return sum(len(nears) for share in (own, *(s for code, s in ended if code == 0))
               for nears in share.values())  # fmt: skip


def _start(job: Path, store: Path, towns: list, borders, share: dict):
    """Start a worker on a share of the tiles; return it and its share.

    Workers are new interpreters running this module (``python -m``), their work given as a
    JSON file: multiprocessing's spawn would run the caller's main script again in each.
    """
    tiles = [[list(tile), [[dataclasses.astuple(h) for h in near] for near in nears]]
             for tile, nears in share.items()]  # fmt: skip
    job.write_text(json.dumps({"store": str(store), "towns": towns, "borders": borders,
                               "tiles": tiles}), encoding="utf-8")  # fmt: skip
    command = [sys.executable, "-m", "kr_map.area_workers", str(job)]
    return subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL), share


def _shares(work: Mapping, count: int) -> list[dict]:
    """Return the tiles shared out in ``count`` parts of about equal work, largest first."""
    shares: list[dict] = [{} for _ in range(count)]
    loads = [0] * count
    for tile in sorted(work, key=lambda t: (-len(work[t]), t)):
        least = loads.index(min(loads))
        shares[least][tile] = work[tile]
        loads[least] += len(work[tile])
    return [share for share in shares if share]


def _cut(job: dict) -> None:
    """Cut a share of the tiles into the store (in a worker process)."""
    # the build's towns as (place id, lat, lon): a town's kind only picked it out of the places
    towns = pd.DataFrame(job["towns"], columns=["place_id", "lat", "lon"])
    towns["kind"] = territory.SETTLEMENT_KINDS[0]
    share = {tuple(tile): [[territory.Holding(*h) for h in near] for near in nears]
             for tile, nears in job["tiles"]}  # fmt: skip
    with AreaStore(Path(job["store"])) as store:
        Land(towns, job["borders"], store=store).cut(share)


if __name__ == "__main__":
    _cut(json.loads(Path(sys.argv[1]).read_text(encoding="utf-8")))
