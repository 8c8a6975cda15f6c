"""The app's launcher (kr_map.serve): `streamlit run` that imports the page's libraries once
the server runs, so the first visitor's script run finds them imported (issue 22's cold
start; benchmarks/bench_cold.py measures it)."""

from __future__ import annotations

import sys
import types

import pytest
from streamlit.runtime import Runtime
from streamlit.runtime.runtime import RuntimeState

from kr_map import serve


class FakeRuntime:
    def __init__(self, state: RuntimeState) -> None:
        self.state = state


@pytest.fixture
def running(monkeypatch):
    """A Streamlit runtime that has started (as under `streamlit run`)."""
    monkeypatch.setattr(Runtime, "exists", classmethod(lambda cls: True))
    monkeypatch.setattr(
        Runtime,
        "instance",
        classmethod(lambda cls: FakeRuntime(RuntimeState.NO_SESSIONS_CONNECTED)),
    )


def test_once_the_server_runs_the_modules_are_imported_and_failures_named(running, monkeypatch):
    monkeypatch.delitem(sys.modules, "kr_map.reveal", raising=False)
    failed = serve.warm(["kr_map.reveal", "kr_map.no_such_module"], wait_s=5)
    assert failed == ["kr_map.no_such_module"]
    assert "kr_map.reveal" in sys.modules


def test_the_default_list_imports_without_a_failure(running):
    assert serve.warm() == []


def test_nothing_is_imported_before_the_server_runs(monkeypatch):
    """Imported any earlier, the libraries would hold up the server's own start."""
    monkeypatch.setattr(Runtime, "exists", classmethod(lambda cls: True))
    monkeypatch.setattr(
        Runtime, "instance", classmethod(lambda cls: FakeRuntime(RuntimeState.INITIAL))
    )
    monkeypatch.delitem(sys.modules, "kr_map.reveal", raising=False)
    assert serve.warm(["kr_map.reveal"], wait_s=0.1) == ["kr_map.reveal"]
    assert "kr_map.reveal" not in sys.modules


def test_the_options_go_to_streamlit_run_unchanged(monkeypatch):
    seen = {}
    fake_cli = types.SimpleNamespace(main=lambda: seen.setdefault("argv", list(sys.argv)))
    monkeypatch.setitem(sys.modules, "streamlit.web.cli", fake_cli)
    monkeypatch.setattr("streamlit.web.cli", fake_cli, raising=False)
    monkeypatch.setattr(serve, "warm", lambda: [])
    monkeypatch.setattr(sys, "argv", ["serve"])
    serve.main(["app.py", "--server.port", "8600"])
    assert seen["argv"] == ["streamlit", "run", "app.py", "--server.port", "8600"]
