"""The documented deployment works: Debian's nginx, the documented config, two app processes.

``deploy/nginx/kr-map.conf`` (quoted verbatim in docs/DEPLOY.md) runs unchanged but for
its ports and the export's folder: nginx listens on a free, non-standard port of
127.0.0.1, in front of two app processes started with DEPLOY.md's own command lines. The
map and the export are then opened through it in Chromium, and its limits and headers
are checked from the outside.
"""

from __future__ import annotations

import http.client
import importlib
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.browser")

from kr_map import cli  # noqa: E402

from .browser import ROOT, StreamlitServer, free_port  # noqa: E402

pytest_plugins = ["tests.browser"]
pytestmark = pytest.mark.nginx

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
CONFIG = ROOT / "deploy" / "nginx" / "kr-map.conf"
DEPLOY = ROOT / "docs" / "DEPLOY.md"


def documented_app_commands() -> list[tuple[dict[str, str], list[str]]]:
    """Return DEPLOY.md's command lines that start the two app processes: (environment, argv)."""
    pattern = r"^((?:[A-Z_]+=\S+ )*)\.venv/bin/python (-m streamlit run app\.py .*)$"
    found = re.findall(pattern, DEPLOY.read_text(), re.M)
    assert len(found) == 2, "DEPLOY.md starts two app processes"
    return [
        (dict(pair.split("=", 1) for pair in env.split()),
         [sys.executable, *command.rstrip(" &").split()])
        for env, command in found
    ]  # fmt: skip


def proxy_config():
    """Return benchmarks/bench_proxy.py: it writes the documented site config for nginx."""
    sys.path.insert(0, str(ROOT / "benchmarks"))  # the benchmarks import each other
    try:
        return importlib.import_module("bench_proxy")
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))


class AppProcess(StreamlitServer):
    """One app process started with a command line from DEPLOY.md, on its own port."""

    def __init__(self, log_path: Path, documented: tuple[dict[str, str], list[str]]) -> None:
        super().__init__(log_path, env=documented[0])
        self.documented = documented[1]

    def command(self) -> list[str]:
        port_at = self.documented.index("--server.port") + 1
        command = list(self.documented)
        command[port_at] = str(self.port)
        return [*command, "--server.headless", "true", "--browser.gatherUsageStats", "false"]


@dataclass
class Deployment:
    url: str
    port: int
    log: Path


@pytest.fixture(scope="module")
def deployment(tmp_path_factory) -> Iterator[Deployment]:
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: apt-get install nginx-light (scripts/test.sh does it)")
    tmp = tmp_path_factory.mktemp("nginx")
    export = tmp / "kr-map.html"
    assert cli.main(["export", str(export)]) == 0
    apps = [AppProcess(tmp / f"app{n}.log", cmd) for n, cmd in enumerate(documented_app_commands())]
    proxy = None
    try:
        for app in apps:
            app.start()
        port = free_port()
        # the documented site with only its ports and the export's path changed
        conf = proxy_config().write_config(tmp, port, [a.port for a in apps], "hash")
        base = [NGINX, "-c", str(conf), "-p", str(tmp)]
        checked = subprocess.run([*base, "-t"], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stderr
        proxy = subprocess.Popen([*base, "-g", "daemon off;"], stderr=subprocess.DEVNULL)
        wait_for_port(port)
        yield Deployment(f"http://127.0.0.1:{port}", port, tmp / "error.log")
    finally:
        if proxy is not None:
            proxy.terminate()
            proxy.wait(timeout=15)
        for app in apps:
            app.stop()


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            request("GET", port, "/_stcore/health")
            return
        except OSError:
            time.sleep(0.1)  # polling a socket: there is no event to wait for
    raise TimeoutError(f"nginx did not answer on port {port}")


def request(method: str, port: int, path: str, *, body: bytes | None = None,
            source: str = "127.0.0.1") -> http.client.HTTPResponse:  # fmt: skip
    """Send one request to nginx from the loopback address ``source``; return the answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30,
                                            source_address=(source, 0))  # fmt: skip
    connection.request(method, path, body=body)
    answer = connection.getresponse()
    answer.read()
    connection.close()
    return answer


# --- The documentation is the config -------------------------------------------------------


def test_deploy_md_quotes_the_tested_config_verbatim():
    blocks = re.findall(r"^```nginx\n(.*?)^```", DEPLOY.read_text(), re.M | re.S)
    assert CONFIG.read_text() in blocks


# --- From the outside: headers and limits --------------------------------------------------


def test_the_app_is_served_with_its_headers_and_no_nginx_version(deployment):
    answer = request("GET", deployment.port, "/")
    assert answer.status == 200
    assert answer.getheader("Server") == "nginx"
    policy = answer.getheader("Content-Security-Policy")
    assert "frame-ancestors 'self'" in policy and "object-src 'none'" in policy
    assert answer.getheader("X-Frame-Options") == "SAMEORIGIN"
    assert answer.getheader("X-Content-Type-Options") == "nosniff"


def test_the_export_is_served_with_a_policy_that_lets_it_load_and_send_nothing(deployment):
    answer = request("GET", deployment.port, "/offline/kr-map.html")
    assert answer.status == 200
    policy = answer.getheader("Content-Security-Policy")
    assert "default-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert answer.getheader("X-Frame-Options") == "DENY"


def test_a_large_request_body_is_refused(deployment):
    answer = request("POST", deployment.port, "/_stcore/health", body=b"x" * 100_000)
    assert answer.status == 413


def test_one_address_asking_too_fast_is_slowed_down_and_others_are_not(deployment):
    statuses = [request("GET", deployment.port, "/_stcore/health", source="127.0.0.9").status
                for _ in range(150)]  # fmt: skip
    assert 429 in statuses and statuses[0] == 200
    assert request("GET", deployment.port, "/_stcore/health", source="127.0.0.10").status == 200


def test_a_websocket_message_over_two_megabytes_closes_the_socket(deployment):
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    rerun = BackMsg()
    rerun.rerun_script.query_string = ""
    # A field the server skips, as long as the socket lets it in: 2.5 MB of it.
    large = BackMsg()
    large.rerun_script.query_string = "x" * 2_500_000

    def answered(message: BackMsg) -> bool:
        """Return True if the server answers the message, False if it closes the socket."""
        # The synchronous client: the suite's Playwright may already run an event loop here.
        try:
            with connect(f"ws://127.0.0.1:{deployment.port}/_stcore/stream",
                         subprotocols=["streamlit"], origin=deployment.url,
                         max_size=None, open_timeout=60) as socket:  # fmt: skip
                socket.send(message.SerializeToString())
                socket.recv(timeout=60)
                return True
        except ConnectionClosed:
            return False

    assert answered(rerun) is True
    assert answered(large) is False


# --- In Chromium, through the proxy ----------------------------------------------------------


def csp_violations(page) -> list[str]:
    found: list[str] = []
    page.on(
        "console",
        lambda message: (
            found.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    return found


@pytest.mark.browser
def test_the_map_opens_through_nginx_with_its_websocket(chromium, deployment):
    tab = chromium.new_page(deployment)
    violations = csp_violations(tab.page)
    sockets: list[str] = []
    tab.page.on("websocket", lambda socket: sockets.append(socket.url))
    try:
        tab.open({"year": "1989", "month": "10"}, frame="1989-10")
        assert tab.date.text_content().strip() == "October 1989"
        tab.wait_for_server_frame("1989-10")  # the page's script ran over the websocket
        assert sockets and all(f":{deployment.port}/" in url for url in sockets)
        assert violations == []
        tab.assert_healthy()
    finally:
        tab.page.context.close()


@pytest.mark.browser
def test_the_export_opens_through_nginx_under_its_strict_policy(chromium, deployment):
    tab = chromium.new_page(deployment)
    violations = csp_violations(tab.page)
    try:
        tab.page.goto(f"{deployment.url}/offline/kr-map.html#year=1989&month=10")
        tab.page.locator('.krp-shell[data-frame="1989-10"]').wait_for(state="attached")
        assert tab.page.locator(".leaflet-interactive").count() > 0
        assert violations == []
        tab.assert_healthy()
    finally:
        tab.page.context.close()
