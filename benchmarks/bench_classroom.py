"""A classroom: N browser-less sessions scrubbing the year slider at once, over the websocket.

Each client speaks Streamlit's own protocol to the running app (protobuf over
``ws://localhost:PORT/_stcore/stream``, as the browser does): it sends a ``BackMsg``
``rerun_script`` to open the page, finds the year slider's widget id in the ``Delta`` s it
receives, then sends reruns with the slider at the next year -- right to 1999, left to
1979, and so on -- waiting for ``script_finished`` before the next step (plus an optional
think time). Per step it records:

* ``map``: time until the delta of the map component whose arguments contain
  ``kr-frame-<year>`` arrives (the server has produced the new frame);
* ``done``: time until ``script_finished`` (the whole page has been sent);
* bytes received.

What this does not measure: the browser's own work (React, the map iframe evaluating the
new layers) -- see the Playwright scrub for that -- and the extra reruns a real browser may
trigger (component values). Clients send only the year slider's state, as the browser
does when only that slider moved; the message cache (``cached_message_hashes``) is not
used, so every step receives full messages, as for a first visit.
Bounded: at most 30 clients (``--clients``), and a total timeout (default 60 s) after which
unfinished steps are counted, not waited for.
"""

from __future__ import annotations

import asyncio
import random
import time

from _common import summary

try:
    import websockets
    from websockets.asyncio.client import connect
except ImportError:  # pragma: no cover - reported by run.py
    websockets = None

MAX_CLIENTS = 30


def _back_rerun(widget_states=(), query: str = "") -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_script_hash = ""
    for state in widget_states:
        msg.rerun_script.widget_states.widgets.append(state)
    return msg.SerializeToString()


def _year_state(widget_id: str, year: int):
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    state = WidgetState(id=widget_id)
    state.double_array_value.data.append(float(year))
    return state


class Client:
    def __init__(self, number: int, url: str, think_s: float) -> None:
        self.number, self.url, self.think_s = number, url, think_s
        self.year_id: str | None = None
        self.map_ms: list[float] = []
        self.done_ms: list[float] = []
        self.bytes: list[int] = []
        self.first_ms: float | None = None
        self.error: str | None = None
        self.pending_since: float | None = None
        self.exceptions: list[str] = []
        self.steps_without_map = 0

    async def _run_until_finished(self, ws, year: int | None) -> tuple[float | None, int]:
        """Read messages until script_finished; return (ms to the map frame, bytes)."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        t0 = self.pending_since
        map_ms, received = None, 0
        stamp = f"kr-frame-{year}" if year else "kr-frame-"
        while True:
            data = await ws.recv()
            received += len(data)
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                what = element.WhichOneof("type")
                if what == "slider" and element.slider.label == "Year":
                    self.year_id = element.slider.id
                elif what == "exception":
                    self.exceptions.append(
                        f"{element.exception.type}: {element.exception.message[:160]}"
                    )
                elif (what == "component_instance" and map_ms is None
                      and stamp in element.component_instance.json_args):  # fmt: skip
                    map_ms = (time.perf_counter() - t0) * 1000
            elif kind == "script_finished":
                if msg.script_finished in (0, 3):  # FINISHED_SUCCESSFULLY, FRAGMENT
                    return map_ms, received
                if msg.script_finished == 1:
                    raise RuntimeError("script compile error")
            elif kind == "session_event" and msg.session_event.HasField(
                "script_compilation_exception"
            ):
                raise RuntimeError("script compilation exception")

    async def run(self, steps: int, deadline: float, start_delay: float) -> None:
        await asyncio.sleep(start_delay)
        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        try:
            async with connect(ws_url, subprotocols=["streamlit"], max_size=None,
                               origin=self.url, open_timeout=30, ping_interval=None) as ws:  # fmt: skip
                self.pending_since = time.perf_counter()
                await ws.send(_back_rerun())
                _, _ = await asyncio.wait_for(self._run_until_finished(ws, None),
                                              deadline - time.perf_counter())  # fmt: skip
                self.first_ms = (time.perf_counter() - self.pending_since) * 1000
                self.pending_since = None
                if not self.year_id:
                    self.error = "no Year slider found"
                    return
                year, direction = 1989, 1
                for _ in range(steps):
                    if not 1979 <= year + direction <= 1999:
                        direction = -direction
                    year += direction
                    self.pending_since = time.perf_counter()
                    await ws.send(_back_rerun([_year_state(self.year_id, year)], f"year={year}"))
                    map_ms, received = await asyncio.wait_for(
                        self._run_until_finished(ws, year), deadline - time.perf_counter()
                    )
                    done = (time.perf_counter() - self.pending_since) * 1000
                    self.pending_since = None
                    self.done_ms.append(done)
                    self.map_ms.append(map_ms if map_ms is not None else done)
                    self.steps_without_map += map_ms is None
                    self.bytes.append(received)
                    if self.think_s:
                        await asyncio.sleep(self.think_s * random.uniform(0.5, 1.5))
        except TimeoutError:
            if time.perf_counter() < deadline - 0.5:
                self.error = "timeout before the deadline"
            # else: still waiting when time ran out -- counted as unfinished, not an error
        except Exception as error:
            self.error = f"{type(error).__name__}: {str(error)[:200]}"


async def _classroom(url: str, clients: int, steps: int, total_timeout: float, think_s: float,
                     server=None) -> dict:  # fmt: skip
    clients = min(clients, MAX_CLIENTS)
    start = time.perf_counter()
    deadline = start + total_timeout
    crowd = [Client(i, url, think_s) for i in range(clients)]
    peak = {"rss": 0.0}

    async def sample_rss() -> None:
        while True:
            if server is not None:
                peak["rss"] = max(peak["rss"], server.rss_mb() or 0)
            await asyncio.sleep(0.5)

    cpu_start = server.cpu_s() if server is not None else None
    sampler = asyncio.create_task(sample_rss())
    # everyone opens the page within the first two seconds, as a class following a link
    await asyncio.gather(*(c.run(steps, deadline, random.uniform(0, 2)) for c in crowd))
    sampler.cancel()
    elapsed = time.perf_counter() - start
    cpu_used = (server.cpu_s() - cpu_start) if cpu_start is not None else None
    runs = sum(len(c.done_ms) for c in crowd) + sum(c.first_ms is not None for c in crowd)
    done = [x for c in crowd for x in c.done_ms]
    maps = [x for c in crowd for x in c.map_ms]
    unfinished = [(time.perf_counter() - c.pending_since) * 1000 for c in crowd if c.pending_since]
    errors = [c.error for c in crowd if c.error]
    return {
        "clients": clients,
        "steps_per_client": steps,
        "think_s": think_s,
        "steps_done": len(done),
        "steps_planned": clients * steps,
        "elapsed_s": round(elapsed, 1),
        "first_page_ms": summary([c.first_ms for c in crowd if c.first_ms is not None]),
        "map_ms": summary(maps),
        "done_ms": summary(done),
        "done_ms_with_unfinished": summary(done + unfinished),
        "kb_per_step": summary([b / 1024 for c in crowd for b in c.bytes]),
        "reruns_per_s": round(len(done) / elapsed, 2) if elapsed else None,
        "server_cpu_s": round(cpu_used, 1) if cpu_used is not None else None,
        "server_cpu_ms_per_run": round(cpu_used * 1000 / runs, 1) if cpu_used and runs else None,
        "errors": errors[:5],
        "steps_without_map": sum(c.steps_without_map for c in crowd),
        "app_exceptions": len([e for c in crowd for e in c.exceptions]),
        "app_exception_kinds": sorted({e for c in crowd for e in c.exceptions})[:8],
        "error_count": len(errors),
        "peak_rss_sampled_mb": peak["rss"] or None,
    }


def run(url: str, clients: int = 30, steps: int = 20, total_timeout: float = 60.0,
        think_s: float = 0.0, server=None) -> dict:  # fmt: skip
    """Run the classroom against the app at ``url``; return latency, bytes and errors."""
    if websockets is None:
        return {"error": "the websockets package is not installed (pip install websockets)"}
    random.seed(7)
    return asyncio.run(_classroom(url, clients, steps, total_timeout, think_s, server))
