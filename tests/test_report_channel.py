"""The report channel, spoken to as a forged client would: over the app's own websocket.

A session speaks Streamlit's protocol (protobuf ``BackMsg``/``ForwardMsg`` over
``/_stcore/stream``, as the browser does, with the ``websockets`` client) and sends the
map's component value as text of its own choosing. Whatever it sends, the app answers
with a frame or ignores it (and logs a line); it never shows a traceback, and the next
good report still works. In predict mode no report can bring a later frame to the
browser: only ``{"reveal": "next"}`` moves the revealed frame, one frame at a time.
"""

from __future__ import annotations

import asyncio
import json
import re
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urljoin

import pytest

from .browser import StreamlitServer
from .test_reports import HOSTILE_TEXTS

_RUNS_FRAME = re.compile(r'class="kr-runs"[^>]*data-frame="([^"]*)"')
_DOC_URL = re.compile(r'docUrl\\*"\s*:\s*\\*"([^"\\]+)')


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[StreamlitServer]:
    app = StreamlitServer(tmp_path_factory.mktemp("channel") / "streamlit.log")
    app.start()
    try:
        yield app
    finally:
        app.stop()


@dataclass
class Run:
    """What one script run sent back."""

    frame: str | None = None
    doc_url: str | None = None
    component: str | None = None
    exceptions: list[str] = field(default_factory=list)


class Session:
    """One page session over the websocket."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.map_id = ""
        self.component = ""
        self.page_hash = ""
        self.query = ""
        self.ws = None

    async def open(self, query: str = "") -> Run:
        from websockets.asyncio.client import connect

        self.ws = await connect(
            self.url.replace("http://", "ws://") + "/_stcore/stream",
            subprotocols=["streamlit"],
            origin=self.url,
            max_size=None,
            ping_interval=None,
        )
        return await self.rerun(query=query)

    async def rerun(self, value_text: str | None = None, query: str | None = None) -> Run:
        from streamlit.proto.BackMsg_pb2 import BackMsg

        message = BackMsg()
        message.rerun_script.query_string = self.query if query is None else query
        message.rerun_script.page_script_hash = self.page_hash
        if value_text is not None:
            widget = message.rerun_script.widget_states.widgets.add()
            widget.id = self.map_id
            widget.json_value = value_text
        await self.ws.send(message.SerializeToString())
        return await asyncio.wait_for(self._until_finished(), 120)

    async def _until_finished(self) -> Run:
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        run = Run()
        while True:
            data = await self.ws.recv()
            message = ForwardMsg()
            message.ParseFromString(data)
            kind = message.WhichOneof("type")
            if kind == "new_session":
                self.page_hash = message.new_session.page_script_hash
            elif kind == "page_info_changed":
                self.query = message.page_info_changed.query_string
            elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                self._read_element(message.delta.new_element, run)
            elif kind == "script_finished" and message.script_finished in (0, 3):
                return run

    def _read_element(self, element, run: Run) -> None:
        what = element.WhichOneof("type")
        if what == "component_instance" and "folium" in element.component_instance.component_name:
            self.map_id = element.component_instance.id
            self.component = element.component_instance.component_name
            found = _DOC_URL.search(element.component_instance.json_args)
            run.doc_url = found.group(1) if found else None
        elif what == "html" and (found := _RUNS_FRAME.search(element.html.body)):
            run.frame = found.group(1)
        elif what == "exception":
            run.exceptions.append(f"{element.exception.type}: {element.exception.message}")

    def document(self, doc_url: str) -> dict:
        """Return the frames document the map names, fetched as the map's frame would."""
        frame_url = f"{self.url}/component/{self.component}/index.html"
        with urllib.request.urlopen(urljoin(frame_url, doc_url), timeout=30) as answer:
            return json.loads(answer.read())

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()


def in_session(server: StreamlitServer, script, query: str = ""):
    async def run():
        session = Session(server.url)
        try:
            opened = await session.open(query)
            assert not opened.exceptions
            return await script(session, opened)
        finally:
            await session.close()

    # A thread of its own: a browser test's Playwright may keep an event loop running in
    # this one (the suite's Chromium stays open until its last user).
    with ThreadPoolExecutor(max_workers=1) as worker:
        return worker.submit(asyncio.run, run()).result()


def test_any_text_in_the_maps_value_is_ignored_and_the_next_report_still_works(server):
    async def script(session: Session, opened: Run):
        for number, text in enumerate([*HOSTILE_TEXTS, "null", "[]", '{"frame": 1990}']):
            bad = await session.rerun(text)
            assert not bad.exceptions, (text[:40], bad.exceptions)
            good_key = ["1990", "1991"][number % 2]
            good = await session.rerun(json.dumps({"frame": good_key, "revealed": None}))
            assert not good.exceptions and good.frame == good_key, text[:40]

    in_session(server, script)


def test_predict_hands_out_one_frame_per_reveal_and_ignores_forged_reports(server):
    async def script(session: Session, opened: Run):
        document = session.document(opened.doc_url)
        keys = [frame["key"] for frame in document["frames"]]
        assert keys[-1] == "1985" and document["more"] is True
        forged = await session.rerun(json.dumps({"frame": "1999", "revealed": "1999"}))
        assert forged.doc_url is None and forged.frame != "1999"
        revealed = await session.rerun(json.dumps({"reveal": "next", "frame": "1985"}))
        assert not revealed.exceptions and revealed.doc_url
        after = session.document(revealed.doc_url)
        assert [frame["key"] for frame in after["frames"]] == [*keys, "1985-01"]
        assert revealed.frame == "1985-01"

    in_session(server, script, query="mode=predict&year=1985")
