"""A tiny sampling profiler for the running app server (no extra package needed).

Started inside the server by the benchmark wrapper (``variants.variant_app(...,
sample=True)``): a daemon thread reads ``sys._current_frames()`` every few milliseconds
and counts, for every thread, which functions are on the stack, and which function is
running ("self"). ``KR_MAP_SAMPLER_OUT`` names the JSON file it rewrites every second.
Used to see where the server's CPU goes when 30 sessions scrub at once::

    python benchmarks/run.py --only classroom --sample-server

Only threads that used CPU lately are counted: each sample reads every thread's CPU
time from ``/proc/self/task/<tid>/stat`` and keeps a thread's stack only if that time
grew in the last 30 ms. Threads asleep in C (``time.sleep``, a socket, waiting for the
GIL) do not use CPU, so the counts are a CPU profile of the server (10 ms tick resolution;
percentages are shares of the samples kept).
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections import Counter

_started = False


def _name(code) -> str:
    path = code.co_filename
    for marker in ("site-packages/", "/src/", "/benchmarks/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    return f"{path}:{code.co_name}"


def _cpu_ticks(native_id: int) -> int | None:
    try:
        with open(f"/proc/self/task/{native_id}/stat", encoding="ascii") as stat:
            fields = stat.read().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return int(fields[11]) + int(fields[12])


def _run(out: str, interval: float) -> None:
    me = threading.get_ident()
    inclusive: Counter = Counter()
    own: Counter = Counter()
    samples = 0
    last_write = time.monotonic()
    ticks: dict[int, int] = {}
    busy_until: dict[int, float] = {}
    while True:
        time.sleep(interval)
        now = time.monotonic()
        native = {t.ident: t.native_id for t in threading.enumerate()}
        for ident, frame in sys._current_frames().items():
            if ident == me or ident not in native:
                continue
            used = _cpu_ticks(native[ident])
            if used is not None and used != ticks.get(ident):
                ticks[ident] = used
                busy_until[ident] = now + 0.03
            if now > busy_until.get(ident, 0.0):
                continue
            samples += 1
            own[_name(frame.f_code)] += 1
            seen = set()
            while frame is not None:
                name = _name(frame.f_code)
                if name not in seen:
                    inclusive[name] += 1
                    seen.add(name)
                frame = frame.f_back
        if time.monotonic() - last_write > 1.0:
            last_write = time.monotonic()
            data = {
                "samples": samples,
                "interval_s": interval,
                "inclusive": inclusive.most_common(60),
                "self": own.most_common(40),
            }
            tmp = out + ".tmp"
            with open(tmp, "w", encoding="utf-8") as handle:
                json.dump(data, handle)
            os.replace(tmp, out)


def start(interval: float = 0.01) -> None:
    """Start sampling (once per process) if KR_MAP_SAMPLER_OUT is set."""
    global _started
    out = os.environ.get("KR_MAP_SAMPLER_OUT")
    if _started or not out:
        return
    _started = True
    threading.Thread(target=_run, args=(out, interval), name="kr-sampler", daemon=True).start()
