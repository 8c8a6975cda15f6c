"""Several app processes behind nginx: 60 browser-less sessions through a sticky reverse proxy.

Starts two ``streamlit run app.py`` processes and Debian's nginx (installed with apt-get if
missing) with the documented configuration, ``deploy/nginx/kr-map.conf`` (the file
docs/DEPLOY.md quotes and tests/test_nginx.py runs), changed as that test changes it (only
its ports and the export's path), in a temporary folder, on free localhost ports, as root
or not; then drives N sessions through nginx with the classroom benchmark's own session
driver (``bench_reports.Client``: Streamlit's websocket protocol; each session opens the
page, fetches the frames document, then reports frames as the map's player does when a
pupil lets go of the slider). Each session connects from its own loopback address (127.0.0.2, 127.0.0.3, ...),
as the pupils of a school network have their own addresses, so the proxy's hashing can
spread them. Then, in the same run, the same crowd against one app process with no proxy,
for comparison. Prints one JSON line: p95s, errors, how many sessions each process got, and
the ratios of one process to the proxied pair.

    python benchmarks/bench_proxy.py                     # 60 sessions, 5 steps, hash
    python benchmarks/bench_proxy.py --balance ip_hash   # nginx's ip_hash (hashes the /24)

``--balance hash`` is the documented config as it is; ``ip_hash`` changes its one
``hash $remote_addr consistent;`` line, to compare the two (docs/DEPLOY.md).

Localhost only; measures and prints, asserts nothing. See docs/DEPLOY.md.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections import Counter
from pathlib import Path

import bench_reports
from _common import REPO, AppServer, free_port, machine, say, snapshot_app

NGINX = "/usr/sbin/nginx"
_SOURCE = contextvars.ContextVar("source_address", default=None)

# The site as docs/DEPLOY.md deploys it; only its ports and the export's folder change.
SITE_CONF = REPO / "deploy" / "nginx" / "kr-map.conf"
DOCUMENTED_BACKENDS = (8501, 8502)
DOCUMENTED_BALANCE = "hash $remote_addr consistent;"
BALANCE = {"hash": DOCUMENTED_BALANCE, "ip_hash": "ip_hash;"}

# What Debian's /etc/nginx/nginx.conf gives the site, in a temporary folder (as
# tests/test_nginx.py wraps it), plus an access log naming the process each request reached.
# As root, the workers run as root: "nobody" could not write to the private temporary folder.
MAIN_CONF = """
{user}
worker_processes 1;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    log_format upstream '$request_uri $upstream_addr $status';
    access_log {tmp}/access.log upstream;
    client_body_temp_path {tmp}/body;
    proxy_temp_path {tmp}/proxy;
    fastcgi_temp_path {tmp}/fastcgi;
    uwsgi_temp_path {tmp}/uwsgi;
    scgi_temp_path {tmp}/scgi;
    include {tmp}/kr-map.conf;
}}
"""


def _replaced_once(text: str, old: str, new: str) -> str:
    """Return ``text`` with ``old`` replaced; the documented config must hold it exactly once."""
    if text.count(old) != 1:
        raise ValueError(f"{SITE_CONF.name} no longer holds {old!r} once: update bench_proxy.py")
    return text.replace(old, new)


def site_config(port: int, backends: list[int], balance: str, export: Path) -> str:
    """Return deploy/nginx/kr-map.conf listening on ``port`` in front of ``backends``.

    Nothing else changes but, for ``ip_hash``, the balancing line, and the export's path
    (the benchmark does not ask for the export; nginx is given a path of its own).
    """
    text = _replaced_once(SITE_CONF.read_text(), "listen 80;", f"listen 127.0.0.1:{port};")
    for documented, actual in zip(DOCUMENTED_BACKENDS, backends, strict=True):
        text = _replaced_once(
            text, f"server 127.0.0.1:{documented};", f"server 127.0.0.1:{actual};"
        )
    text = _replaced_once(text, DOCUMENTED_BALANCE, BALANCE[balance])
    return _replaced_once(text, "alias /var/www/kr-map/kr-map.html;", f"alias {export};")


def write_config(tmp: Path, port: int, backends: list[int], balance: str) -> Path:
    """Write the main config and the documented site into ``tmp``; return the main config."""
    (tmp / "kr-map.conf").write_text(site_config(port, backends, balance, tmp / "kr-map.html"))
    user = "user root;" if os.geteuid() == 0 else ""
    conf = tmp / "nginx.conf"
    conf.write_text(MAIN_CONF.format(tmp=tmp, user=user))
    return conf


def ensure_nginx() -> None:
    """Install Debian's nginx with apt-get when it is not there (needs root)."""
    if Path(NGINX).exists():
        return
    say("installing nginx with apt-get ...")
    env = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
    subprocess.run(["apt-get", "install", "-y", "-qq", "nginx-light"], check=True, env=env)


def start_nginx(tmp: Path, port: int, backends: list[int], balance: str) -> subprocess.Popen:
    """Start nginx with the documented site on ``port``, in front of ``backends``."""
    conf = write_config(tmp, port, backends, balance)
    command = [NGINX, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"]
    return subprocess.Popen(command, stderr=subprocess.DEVNULL)


def wait_for(url: str, timeout: float = 30) -> None:
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(url)


def _connect_from_own_address(original):
    """Wrap websockets' connect so each session uses the source address set for it."""

    def connect(*args, **kwargs):
        source = _SOURCE.get()
        if source:
            kwargs.setdefault("local_addr", (source, 0))
        return original(*args, **kwargs)

    return connect


async def drive(url: str, sessions: int, steps: int, timeout: float) -> list:
    keys, layers, factions = await asyncio.to_thread(bench_reports.document_keys, url)
    crowd = [bench_reports.Client(url, keys, layers, factions) for _ in range(sessions)]
    deadline = time.perf_counter() + timeout

    async def one(number: int, client: bench_reports.Client) -> None:
        _SOURCE.set(f"127.0.0.{number + 2}")
        await client.run(steps, deadline, random.uniform(0, 2), random.Random(number))

    await asyncio.gather(*(one(i, c) for i, c in enumerate(crowd)))
    return crowd


def warm(server: AppServer) -> None:
    """Open one session straight at a process, so each one has built its frames document."""
    bench_reports.document_keys(f"http://127.0.0.1:{server.port}")


def measure(url: str, args) -> dict:
    """Drive the crowd at ``url`` and summarise it (bench_reports' own summary)."""
    random.seed(7)
    started = time.perf_counter()
    crowd = asyncio.run(drive(url, args.sessions, args.steps, args.timeout))
    return bench_reports.crowd_summary(crowd, time.perf_counter() - started)


def through_proxy(app: Path, tmp: Path, args) -> dict:
    """Two app processes behind nginx: drive the crowd through the proxy."""
    backends = [free_port(), free_port()]
    servers = [AppServer(app, port, log=tmp / f"app-{port}.log").start() for port in backends]
    proxy = None
    try:
        for server in servers:
            server.wait_healthy(120)
            warm(server)
        proxy_port = free_port()
        proxy = start_nginx(tmp, proxy_port, backends, args.balance)
        url = f"http://127.0.0.1:{proxy_port}"
        wait_for(f"{url}/_stcore/health")
        say(f"nginx on {proxy_port} ({args.balance}) -> apps on {backends}; "
            f"{args.sessions} sessions x {args.steps} steps")  # fmt: skip
        result = measure(url, args)
    finally:
        if proxy is not None:
            proxy.terminate()
            proxy.wait(timeout=10)
        for server in servers:
            server.stop()
    streams = [line.split() for line in (tmp / "access.log").read_text().splitlines()
               if line.startswith("/_stcore/stream")]  # fmt: skip
    return {**result, "sessions_per_backend": dict(Counter(p[1] for p in streams))}


def direct(app: Path, tmp: Path, args) -> dict:
    """One app process and no proxy, the same crowd: what the proxy pair is measured against."""
    port = free_port()
    server = AppServer(app, port, log=tmp / f"direct-{port}.log").start()
    try:
        server.wait_healthy(120)
        warm(server)
        say(f"one app on {port}, no proxy; {args.sessions} sessions x {args.steps} steps")
        return measure(f"http://127.0.0.1:{port}", args)
    finally:
        server.stop()


def ratio(a, b):
    return round(a / b, 2) if a and b else None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=60)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--timeout", type=float, default=180.0)
    parser.add_argument("--balance", choices=sorted(BALANCE), default="hash")
    parser.add_argument(
        "--no-direct",
        action="store_true",
        help="skip the side-by-side run of one app process with no proxy",
    )
    args = parser.parse_args()
    if bench_reports.connect is None:
        print(json.dumps({"error": "pip install websockets"}))
        return 1
    ensure_nginx()
    tmp = Path(tempfile.mkdtemp(prefix="kr-map-proxy-"))
    app = snapshot_app()
    bench_reports.connect = _connect_from_own_address(bench_reports.connect)
    result = {
        "benchmark": "proxy",
        "balance": args.balance,
        "sessions": args.sessions,
        "steps_per_session": args.steps,
        "steps_planned": args.sessions * args.steps,
        "proxy_two_apps": through_proxy(app, tmp, args),
    }
    if not args.no_direct:
        one = direct(app, tmp, args)
        two = result["proxy_two_apps"]
        result["direct_one_app"] = one
        result["ratio_direct_over_proxy_report_p95"] = ratio(
            one["report_ms"]["p95"], two["report_ms"]["p95"]
        )
        result["ratio_direct_over_proxy_open_p95"] = ratio(
            one["open_s"]["p95"], two["open_s"]["p95"]
        )
    result["machine"] = {k: machine()[k] for k in ("nproc", "cpu", "python")}
    shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
