"""A classroom of the player-based app: browser-less sessions that open the page and report frames.

Each client speaks Streamlit's protocol over ``ws://localhost:PORT/_stcore/stream``
(protobuf ``BackMsg``/``ForwardMsg``, as the browser does).
It opens the page (``rerun_script``), finds the st_folium map's widget id in the
``component_instance`` delta, fetches the frames document the map names
(``docUrl``: what the browser loads once), and then sends what the player sends
on release: the map's component value ``{"frame": "1989-10", "layers": [...],
"factions": [...], "revealed": null}`` as the widget's ``json_value``, with the page's
script hash and query string as the browser sends them (without them each report
took about 1.2 s instead of 0.19 s on an idle server). The server
runs the map's ``on_change`` and reruns only the ``page_state`` fragment. Per
report it records the time to ``script_finished`` and checks that the fragment's
``.kr-runs`` element names the new frame.

* ``open``: ``rerun_script`` sent to the map delta received and its frames document
  downloaded (what a session needs before its map can draw), per client;
* ``report``: a report sent to ``script_finished``, per report;
* exceptions: ``exception`` deltas from the app; client errors (timeouts, protocol).

Bounded: at most 100 clients, a total timeout, localhost only.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
import urllib.request
from urllib.parse import urljoin

from _common import summary

try:
    from websockets.asyncio.client import connect
except ImportError:  # pragma: no cover - reported by run.py
    connect = None

MAX_CLIENTS = 100
_DOC_URL = re.compile(r'docUrl\\*"\s*:\s*\\*"([^"\\]+)')
_RUNS_FRAME = re.compile(r'class="kr-runs"[^>]*data-frame="([^"]*)"')


def _rerun(widgets=(), query: str = "", page_hash: str = "") -> bytes:
    from streamlit.proto.BackMsg_pb2 import BackMsg

    msg = BackMsg()
    msg.rerun_script.query_string = query
    msg.rerun_script.page_script_hash = page_hash
    for state in widgets:
        msg.rerun_script.widget_states.widgets.append(state)
    return msg.SerializeToString()


def report_state(widget_id: str, value: dict):
    """Return the WidgetState the browser sends for the map's component value."""
    from streamlit.proto.WidgetStates_pb2 import WidgetState

    return WidgetState(id=widget_id, json_value=json.dumps(value))


class Client:
    def __init__(self, url: str, keys: list[str], layers: list[str], factions: list[str]) -> None:
        self.url, self.keys, self.layers, self.factions = url, keys, layers, factions
        self.map_id: str | None = None
        self.doc_url: str | None = None
        self.component_url: str | None = None
        self.open_s: float | None = None
        self.report_ms: list[float] = []
        self.wrong_frame = 0
        self.exceptions: list[str] = []
        self.error: str | None = None
        self.full_runs = 0
        self.page_hash, self.query = "", ""

    async def _until_finished(self, ws) -> tuple[str | None, float | None]:
        """Read until script_finished; return (frame named by .kr-runs, time of the map delta)."""
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        frame, map_at = None, None
        while True:
            msg = ForwardMsg()
            msg.ParseFromString(await ws.recv())
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = msg.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query = msg.page_info_changed.query_string
            if kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
                element = msg.delta.new_element
                what = element.WhichOneof("type")
                if (
                    what == "component_instance"
                    and "folium" in element.component_instance.component_name
                ):
                    self.map_id = element.component_instance.id
                    found = _DOC_URL.search(element.component_instance.json_args)
                    if found:
                        self.doc_url = found.group(1).replace("\\/", "/")
                    self.component_url = element.component_instance.component_name
                    map_at = time.perf_counter()
                elif what == "html":
                    got = _RUNS_FRAME.search(element.html.body)
                    if got:
                        frame = got.group(1)
                elif what == "exception":
                    self.exceptions.append(
                        f"{element.exception.type}: {element.exception.message[:160]}"
                    )
            elif kind == "script_finished":
                if msg.script_finished in (0, 3):  # finished successfully, fragment finished
                    self.full_runs += msg.script_finished == 0
                    return frame, map_at
                if msg.script_finished == 2:  # ended early for a rerun (the keyed fragment)
                    continue
                raise RuntimeError(f"script_finished {msg.script_finished}")

    def _fetch_doc(self) -> int:
        # The map frame lives at <base>/component/<name>/index.html; docUrl is relative to it.
        frame_url = f"{self.url}/component/{self.component_url}/index.html"
        with urllib.request.urlopen(urljoin(frame_url, self.doc_url), timeout=30) as response:
            return len(response.read())

    async def run(
        self, reports: int, deadline: float, start_delay: float, rng: random.Random
    ) -> None:
        await asyncio.sleep(start_delay)
        ws_url = self.url.replace("http://", "ws://") + "/_stcore/stream"
        try:
            t0 = time.perf_counter()
            async with connect(ws_url, subprotocols=["streamlit"], max_size=None, origin=self.url,
                               open_timeout=60, ping_interval=None) as ws:  # fmt: skip
                await ws.send(_rerun())
                await asyncio.wait_for(self._until_finished(ws), deadline - time.perf_counter())
                if not self.map_id:
                    self.error = "no map component found"
                    return
                if self.doc_url:
                    await asyncio.to_thread(self._fetch_doc)
                self.open_s = time.perf_counter() - t0
                index = rng.randrange(len(self.keys))
                for _ in range(reports):
                    index = (index + rng.choice((-3, -2, -1, 1, 2, 3, 5))) % len(self.keys)
                    key = self.keys[index]
                    value = {"frame": key, "layers": self.layers, "factions": self.factions,
                             "revealed": None}  # fmt: skip
                    sent = time.perf_counter()
                    await ws.send(
                        _rerun([report_state(self.map_id, value)], self.query, self.page_hash)
                    )
                    frame, _ = await asyncio.wait_for(self._until_finished(ws),
                                                      deadline - time.perf_counter())  # fmt: skip
                    self.report_ms.append((time.perf_counter() - sent) * 1000)
                    self.wrong_frame += frame != key
        except TimeoutError:
            self.error = "unfinished at the deadline"
        except Exception as error:
            self.error = f"{type(error).__name__}: {str(error)[:200]}"


async def _classroom(url, clients, reports, timeout_s, spread_s, server, keys, layers, factions):
    rng = random.Random(11)
    crowd = [Client(url, keys, layers, factions) for _ in range(min(clients, MAX_CLIENTS))]
    start = time.perf_counter()
    deadline = start + timeout_s
    cpu0 = server.cpu_s() if server else None
    peak = {"rss": 0.0}

    async def sample() -> None:
        while server:
            peak["rss"] = max(peak["rss"], server.rss_mb() or 0)
            await asyncio.sleep(0.5)

    sampler = asyncio.create_task(sample())
    await asyncio.gather(*(c.run(reports, deadline, rng.uniform(0, spread_s), random.Random(i))
                           for i, c in enumerate(crowd)))  # fmt: skip
    sampler.cancel()
    elapsed = time.perf_counter() - start
    return {
        "clients": len(crowd),
        "reports_per_client": reports,
        "reports_planned": len(crowd) * reports,
        **crowd_summary(crowd, elapsed),
        "server_cpu_s": round(server.cpu_s() - cpu0, 2) if server else None,
        "server_peak_rss_mb": peak["rss"] or None,
    }


def crowd_summary(crowd: list[Client], elapsed: float) -> dict:
    """Return what a crowd of sessions measured: opens, reports, wrong frames and errors."""
    errors = [c.error for c in crowd if c.error]
    return {
        "reports_done": sum(len(c.report_ms) for c in crowd),
        "elapsed_s": round(elapsed, 1),
        "open_s": summary([c.open_s for c in crowd if c.open_s is not None], 2),
        "opened": sum(c.open_s is not None for c in crowd),
        "report_ms": summary([x for c in crowd for x in c.report_ms]),
        "wrong_frame": sum(c.wrong_frame for c in crowd),
        "full_runs_after_open": sum(c.full_runs - 1 for c in crowd if c.open_s is not None),
        "app_exceptions": sum(len(c.exceptions) for c in crowd),
        "app_exception_kinds": sorted({e for c in crowd for e in c.exceptions})[:5],
        "error_count": len(errors),
        "errors": sorted(set(errors))[:5],
    }


def document_keys(url: str) -> tuple[list[str], list[str], list[str]]:
    """Return the frame keys, layer ids and faction ids from the frames document the app serves."""
    probe = Client(url, [], [], [])

    async def one() -> None:
        ws_url = url.replace("http://", "ws://") + "/_stcore/stream"
        async with connect(ws_url, subprotocols=["streamlit"], max_size=None, origin=url,
                           ping_interval=None) as ws:  # fmt: skip
            await ws.send(_rerun())
            await asyncio.wait_for(probe._until_finished(ws), 120)

    asyncio.run(one())
    frame_url = f"{url}/component/{probe.component_url}/index.html"
    with urllib.request.urlopen(urljoin(frame_url, probe.doc_url), timeout=30) as response:
        doc = json.loads(response.read())
    return (
        [f["key"] for f in doc["frames"]],
        list(doc["layers"]),
        [f["id"] for f in doc["factions"]],
    )


def run(url: str, clients: int, reports: int = 20, timeout_s: float = 60.0, spread_s: float = 2.0,
        server=None) -> dict:  # fmt: skip
    """Run ``clients`` sessions that open the page (within ``spread_s``) and send ``reports``."""
    if connect is None:
        return {"error": "the websockets package is not installed (pip install websockets)"}
    keys, layers, factions = document_keys(url)
    return asyncio.run(_classroom(url, clients, reports, timeout_s, spread_s, server, keys, layers,
                                  factions))  # fmt: skip


def open_at_once(url: str, clients: int = 30, timeout_s: float = 60.0, server=None) -> dict:
    """Return how long ``clients`` sessions opening at the same moment wait for their map."""
    result = run(url, clients, reports=0, timeout_s=timeout_s, spread_s=0.0, server=server)
    return {k: result[k] for k in ("clients", "opened", "open_s", "app_exceptions", "error_count",
                                   "errors", "elapsed_s", "server_cpu_s", "server_peak_rss_mb")}  # fmt: skip
