"""Shared machinery for the real-browser tests (``pytest -m browser``).

One Streamlit server (``streamlit run app.py`` on a free local port) and one
headless Chromium serve the whole test session; each test gets a fresh browser
context. Every request the page makes is routed: the app's own server and
``data:``/``blob:``/``about:`` URLs go through, anything else is aborted and
recorded, and each test ends by asserting that nothing was: the app must work
in a classroom with no internet.

The browser test modules load this file as a plugin (``pytest_plugins``), which
gives them its fixtures and puts the server's log under any failing test.

The tests need Debian's Chromium at /usr/bin/chromium (Playwright cannot
download its own browsers here). Without it they fail; set
``KR_MAP_SKIP_BROWSER=1`` to skip them instead.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlparse

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the fixtures below then fail, or skip, with a clear message
    expect = None

ROOT = Path(__file__).resolve().parents[1]
SCREENS = ROOT / "artifacts" / "screens"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SKIP_VARIABLE = "KR_MAP_SKIP_BROWSER"
PROJECTOR = {"width": 1280, "height": 720}
FULL_HD = {"width": 1920, "height": 1080}
# streamlit-folium draws the map in a component iframe served from /component/streamlit_folium...
MAP_IFRAME = '[data-stale="false"] iframe[src*="streamlit_folium"]'
WAIT_MS = 30_000
SERVER_START_S = 90

# The Leaflet map inside the iframe: folium names it map_<id> (streamlit-folium: map_div).
# Streamlit marks the app element with the script's state and old elements as stale.
APP_IDLE_JS = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  return app !== null && app.getAttribute("data-test-script-state") === "notRunning"
    && document.querySelector('[data-stale="true"]') === null;
}"""


# ------------------------------------------------------------------ Chromium
def require_chromium() -> Path:
    """Return Chromium's path; fail the test without it, or skip when asked to."""
    if os.environ.get(SKIP_VARIABLE) == "1":
        pytest.skip(f"browser tests skipped: {SKIP_VARIABLE}=1")
    if not CHROMIUM.exists():
        pytest.fail(
            f"the browser tests need Chromium at {CHROMIUM} (apt-get install chromium); "
            f"set {SKIP_VARIABLE}=1 to skip them",
            pytrace=False,
        )
    return CHROMIUM


# ------------------------------------------------------------------ the server
def free_port() -> int:
    """Return a TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class StreamlitServer:
    """``streamlit run app.py`` from the repository root, in its own process group.

    Its output goes to ``log_path`` so a failing test can show it.
    """

    def __init__(
        self, log_path: Path, env: dict[str, str] | None = None, app: Path | None = None
    ) -> None:
        self.log_path = log_path
        self.env = env or {}
        self.app = app or ROOT / "app.py"  # run from its own folder
        self.port = 0
        self.url = ""
        self._process: subprocess.Popen | None = None

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "streamlit", "run", str(self.app),
            "--server.port", str(self.port),
            "--server.headless", "true",
            "--browser.gatherUsageStats", "false",
            # Loopback only; an explicit address also stops Streamlit asking the
            # internet for this machine's external IP when it prints its URLs.
            "--server.address", "127.0.0.1",
            # The suite tests the code it started with, even if files change meanwhile.
            "--server.fileWatcherType", "none",
        ]  # fmt: skip

    def start(self) -> None:
        """Start the server and return once /_stcore/health answers (a port race is retried)."""
        for _attempt in range(3):
            self.port = free_port()
            self.url = f"http://127.0.0.1:{self.port}"
            with open(self.log_path, "ab") as log:
                self._process = subprocess.Popen(
                    self.command(),
                    cwd=self.app.parent,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    start_new_session=True,  # a process group of its own, to stop it whole
                    env={**os.environ, "PYTHONUNBUFFERED": "1", **self.env},
                )
            if self._wait_until_healthy():
                return
            if "is not available" not in self.log():  # not a port taken meanwhile: give up
                break
        self.stop()
        raise RuntimeError(f"Streamlit did not start; its log:\n{self.log()}")

    def _wait_until_healthy(self) -> bool:
        deadline = time.monotonic() + SERVER_START_S
        while time.monotonic() < deadline:
            assert self._process is not None
            if self._process.poll() is not None:
                return False
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as answer:
                    if answer.status == 200:
                        return True
            except OSError:
                time.sleep(0.2)  # polling a socket: there is no event to wait for
        return False

    def stop(self) -> None:
        """Stop the server's whole process group: politely, then by force."""
        process, self._process = self._process, None
        if process is None or process.poll() is not None:
            return
        try:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=15)
        except ProcessLookupError:
            pass

    def log(self, last: int = 200) -> str:
        """Return the last lines the server wrote."""
        if not self.log_path.exists():
            return ""
        lines = self.log_path.read_text(encoding="utf-8", errors="replace").splitlines()
        return "\n".join(lines[-last:])


# ------------------------------------------------------------------ the network guard
@dataclass
class NetworkGuard:
    """Playwright route handler: the app's server passes, the internet is aborted and recorded."""

    port: int
    blocked: list[str] = field(default_factory=list)
    passed: int = 0

    def allows(self, url: str) -> bool:
        parts = urlparse(url)
        if parts.scheme in ("data", "blob", "about"):
            return True
        return (
            parts.scheme in ("http", "ws")
            and parts.hostname in ("localhost", "127.0.0.1")
            and parts.port == self.port
        )

    def route(self, route) -> None:
        if self.allows(route.request.url):
            self.passed += 1
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def websocket(self, socket_) -> None:
        """Record a WebSocket to anywhere but the app (page.route does not see WebSockets)."""
        if not self.allows(socket_.url):
            self.blocked.append(socket_.url)

    def assert_offline(self) -> None:
        """Assert that the page asked nothing of the internet."""
        assert self.blocked == [], "the page asked the internet for:\n" + "\n".join(self.blocked)
        assert self.passed > 0, "the network guard saw no request at all: is it routing?"


def files_only(context) -> list[str]:
    """Let ``context`` load only local URLs (file:, data:, blob:, about:); return what it aborted."""
    blocked: list[str] = []

    def route(request_route) -> None:
        if request_route.request.url.startswith(("file:", "data:", "blob:", "about:")):
            request_route.continue_()
        else:
            blocked.append(request_route.request.url)
            request_route.abort()

    context.route("**/*", route)
    return blocked


# ------------------------------------------------------------------ the page
@dataclass
class AppPage:
    """The kr-map page in a browser tab, with the waits the tests need."""

    page: Any  # playwright.sync_api.Page
    base_url: str
    guard: NetworkGuard
    errors: list[str] = field(default_factory=list)

    # -- loading and waiting
    def open(self, query: dict[str, str] | None = None, *, frame: str | None = None) -> None:
        """Load the page with URL parameters; wait for the script, and for the map's ``frame``."""
        self.page.goto(f"{self.base_url}/?{urlencode(query or {})}")
        self.wait_until_idle()
        if frame is not None:
            self.wait_for_frame(frame)

    def wait_until_idle(self, timeout: int = WAIT_MS) -> None:
        """Wait until the Streamlit script has finished and nothing on the page is stale."""
        self.page.wait_for_function(APP_IDLE_JS, timeout=timeout)

    def wait_for_frame(self, key: str | None = None, timeout: int = WAIT_MS) -> None:
        """Wait until the map's player shows the frame ``key`` ('1989', '1994-03'), or any frame."""
        selector = f'.krp-shell[data-frame="{key}"]' if key else ".krp-shell[data-ready=true]"
        self.map.locator(selector).wait_for(state="attached", timeout=timeout)

    # -- what is on the page
    @property
    def map(self):
        """The map iframe, as a FrameLocator (auto-waiting locators inside it)."""
        return self.page.frame_locator(MAP_IFRAME).first

    def map_frame(self, index: int = 0):
        """The map iframe as a Frame, to run JavaScript in."""
        return self.page.locator(MAP_IFRAME).nth(index).element_handle().content_frame()

    def player(self, body: str, arg: Any = None, index: int = 0) -> Any:
        """Run ``body`` (JavaScript using ``player``, the map's KrPlayer) in a map iframe."""
        return self.map_frame(index).evaluate(
            f"(arg) => {{ const player = window.krPlayer; {body} }}", arg
        )

    def frame_key(self) -> str:
        """Return the key of the frame the map shows now ('1989', '1994-03')."""
        return self.map.locator(".krp-shell").get_attribute("data-frame") or ""

    def runs(self) -> dict[str, str]:
        """Return the server's counters: full script runs, fragment runs, the frame it knows."""
        runs = self.page.locator(".kr-runs")
        return {
            name: runs.get_attribute(f"data-{name}") or "" for name in ("full", "fragment", "frame")
        }

    def wait_for_server_frame(self, key: str, timeout: int = WAIT_MS) -> None:
        """Wait until the server has been told the frame (the fragment shows it)."""
        self.page.locator(f'.kr-runs[data-frame="{key}"]').wait_for(
            state="attached", timeout=timeout
        )

    @property
    def date(self):
        return self.map.locator(".krp-date")

    def button(self, key: str):
        """The visible button of the widget with ``key`` (Streamlit adds a class st-key-<key>)."""
        return self.page.locator(f".st-key-{key}").get_by_role("button")

    def blur(self) -> None:
        """Give the keyboard focus back to the page body."""
        self.page.evaluate("() => document.activeElement && document.activeElement.blur()")

    def screenshot(self, name: str) -> Path:
        """Save what the viewport shows to artifacts/screens/<name>.png and return the path."""
        SCREENS.mkdir(parents=True, exist_ok=True)
        self.page.evaluate("() => document.fonts.ready.then(() => true)")
        path = SCREENS / f"{name}.png"
        self.page.screenshot(path=path)
        return path

    def assert_healthy(self) -> None:
        """Assert that nothing external was requested and no script error happened."""
        self.guard.assert_offline()
        assert self.errors == [], "JavaScript errors on the page:\n" + "\n".join(self.errors)


# ------------------------------------------------------------------ the browser
def open_player_page(context, url: str, ready: str = ".krp-shell[data-ready=true]"):
    """Open ``url`` in ``context`` and wait for ``ready``; return the page and its script errors."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_selector(ready, state="attached")
    return page, errors


class BrowserSession:
    """Playwright and one headless Chromium, closed once (a sync Playwright allows one at a time)."""

    def __init__(self, executable: Path) -> None:
        try:
            from playwright.sync_api import sync_playwright
        except ImportError as error:
            pytest.fail(f"the browser tests need Playwright: pip install -e '.[test]' ({error})")
        self._playwright = sync_playwright().start()
        try:
            self.browser = self._playwright.chromium.launch(
                executable_path=str(executable), args=CHROMIUM_ARGS
            )
        except Exception:
            self._playwright.stop()
            raise

    def new_page(self, server: StreamlitServer) -> AppPage:
        """Return the app in a fresh 1280x720 context with the network guard on."""
        context = self.browser.new_context(viewport=PROJECTOR, locale="en-GB")
        context.set_default_timeout(WAIT_MS)
        guard = NetworkGuard(server.port)
        context.route("**/*", guard.route)
        page = context.new_page()
        tab = AppPage(page, server.url, guard)
        page.on("websocket", guard.websocket)
        page.on("pageerror", lambda error: tab.errors.append(f"{error}\n{error.stack or ''}"))
        return tab

    def close(self) -> None:
        if self._playwright is None:
            return
        playwright, self._playwright = self._playwright, None
        try:
            self.browser.close()
        finally:
            playwright.stop()


# ------------------------------------------------------------------ fixtures
@pytest.fixture(scope="session")
def chromium_path() -> Path:
    return require_chromium()


@pytest.fixture(scope="session")
def app_server(chromium_path, tmp_path_factory) -> Iterator[StreamlitServer]:
    """Yield the session's Streamlit server running kr-map; stopped after its last test."""
    server = StreamlitServer(tmp_path_factory.mktemp("streamlit") / "server.log")
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def chromium(chromium_path) -> Iterator[BrowserSession]:
    """Yield the session's headless Chromium; closed after its last test.

    Other test modules start Playwright of their own, which fails while this one
    runs, so it is closed as soon as no later test needs it (see the hook below).
    """
    expect.set_options(timeout=WAIT_MS)
    for stale in SCREENS.glob("failed-*.png"):  # from an earlier run
        stale.unlink()
    session = BrowserSession(chromium_path)
    try:
        yield session
    finally:
        session.close()


@pytest.fixture
def app(request, chromium, app_server) -> Iterator[AppPage]:
    """Yield the kr-map page in a fresh 1280x720 browser context with the network guard on."""
    tab = chromium.new_page(app_server)
    try:
        yield tab
        if _failed(request.node):
            tab.screenshot(f"failed-{_safe_name(request.node.name)}")
    finally:
        tab.page.context.close()


def _safe_name(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", name).strip("-")


# ------------------------------------------------------------------ hooks
_REPORTS = pytest.StashKey[dict]()
_LAST_USERS = pytest.StashKey[dict]()


def _failed(item: pytest.Item) -> bool:
    report = item.stash.get(_REPORTS, {}).get("call")
    return bool(report and report.failed)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call):
    """Keep each phase's report on the item; under a failure, show the Streamlit log."""
    report = yield
    item.stash.setdefault(_REPORTS, {})[report.when] = report
    server = (getattr(item, "funcargs", None) or {}).get("app_server")
    if report.failed and isinstance(server, StreamlitServer):
        report.sections.append(("Streamlit server log (last 200 lines)", server.log()))
    return report


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After the last test that uses them, close the browser and stop the server."""
    result = yield
    resources = getattr(item, "funcargs", None) or {}
    for name, close in (("chromium", BrowserSession.close), ("app_server", StreamlitServer.stop)):
        if name in resources and _last_user(item.session, name) is item:
            close(resources[name])
    return result


def _last_user(session: pytest.Session, fixture: str) -> pytest.Item | None:
    last = session.stash.setdefault(_LAST_USERS, {})
    if fixture not in last:
        users = [i for i in session.items if fixture in getattr(i, "fixturenames", ())]
        last[fixture] = users[-1] if users else None
    return last[fixture]
