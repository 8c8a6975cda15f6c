"""Shared helpers for the benchmarks: timing statistics, memory, free ports, the app server."""

from __future__ import annotations

import atexit
import hashlib
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterable
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
APP = REPO / "app.py"


# ---------------------------------------------------------------- statistics
def percentile(values: Iterable[float], q: float) -> float | None:
    """Return the q-th percentile (0-100) with linear interpolation, None for no values."""
    data = sorted(values)
    if not data:
        return None
    if len(data) == 1:
        return data[0]
    position = (len(data) - 1) * q / 100
    low = int(position)
    high = min(low + 1, len(data) - 1)
    return data[low] + (data[high] - data[low]) * (position - low)


def summary(values: Iterable[float], digits: int = 1) -> dict[str, float | int | None]:
    """Return count, p50, p95 and max of a list of numbers, rounded."""
    data = list(values)

    def r(x):
        return None if x is None else round(x, digits)

    return {
        "n": len(data),
        "p50": r(percentile(data, 50)),
        "p95": r(percentile(data, 95)),
        "max": r(max(data) if data else None),
    }


def ms(seconds: float) -> float:
    return seconds * 1000.0


# ---------------------------------------------------------------- memory
def _status_kb(pid: int | str, field: str) -> int | None:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None


def rss_mb(pid: int | str = "self") -> float | None:
    """Return a process's resident set size in MB (VmRSS, from /proc)."""
    kb = _status_kb(pid, "VmRSS")
    return None if kb is None else round(kb / 1024, 1)


def peak_rss_mb(pid: int | str = "self") -> float | None:
    """Return a process's peak resident set size in MB (VmHWM, from /proc)."""
    kb = _status_kb(pid, "VmHWM")
    return None if kb is None else round(kb / 1024, 1)


def cpu_seconds(pid: int | str = "self") -> float | None:
    """Return the CPU time (user + system) a process has used so far, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- the machine
def _version(name: str) -> str:
    try:
        return metadata.version(name)
    except metadata.PackageNotFoundError:
        return "not installed"


def _run(command: list[str]) -> str:
    try:
        return subprocess.run(command, capture_output=True, text=True, timeout=20).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def machine() -> dict[str, object]:
    """Return what the numbers depend on: cores, memory, load, Python and package versions."""
    meminfo = Path("/proc/meminfo").read_text().split("\n")
    total_kb = next((int(line.split()[1]) for line in meminfo if line.startswith("MemTotal")), 0)
    cpu = next(
        (line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().split("\n")
         if line.startswith("model name")),
        platform.processor() or "unknown",
    )  # fmt: skip
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "ram_gb": round(total_kb / 1024 / 1024, 1),
        "loadavg_at_start": [round(x, 2) for x in os.getloadavg()],
        "python": platform.python_version(),
        "platform": platform.platform(),
        "chromium": _run(["/usr/bin/chromium", "--version"]),
        "packages": {
            name: _version(name)
            for name in (
                "streamlit",
                "streamlit-folium",
                "folium",
                "branca",
                "pandas",
                "numpy",
                "playwright",
                "websockets",
                "protobuf",
                "kr-map",
            )
        },
        "git_commit": _run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"]),
        "app_py_sha256": hashlib.sha256(APP.read_bytes()).hexdigest()[:12],
        "dirty_files": _run(["git", "-C", str(REPO), "status", "--short"]).splitlines(),
    }


# ---------------------------------------------------------------- the app server
def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


def snapshot_app() -> Path:
    """Return a private copy of app.py, so a concurrent edit cannot change the code mid-run.

    The copy sits in a temporary folder; Streamlit runs it with the repository as the
    working directory, so ``.streamlit/config.toml`` and the installed ``kr_map`` apply.
    """
    folder = Path(tempfile.mkdtemp(prefix="kr-map-bench-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    copy = folder / "app.py"
    shutil.copyfile(APP, copy)
    return copy


class AppServer:
    """``python -m streamlit run app.py`` on a localhost port, started and stopped by us."""

    def __init__(self, app: Path, port: int, *, env: dict[str, str] | None = None,
                 log: Path | None = None, cwd: Path | None = None) -> None:  # fmt: skip
        self.app, self.port = app, port
        self.cwd = cwd or REPO
        self.url = f"http://localhost:{port}"
        self.env = {**os.environ, **(env or {})}
        self.log_path = log or Path(tempfile.gettempdir()) / f"kr-map-bench-{port}.log"
        self.process: subprocess.Popen | None = None
        self.launched_at = 0.0

    def start(self) -> AppServer:
        command = [
            sys.executable, "-m", "streamlit", "run", str(self.app),
            "--server.port", str(self.port), "--server.headless", "true",
            "--server.address", "localhost", "--browser.gatherUsageStats", "false",
        ]  # fmt: skip
        self._log = open(self.log_path, "w", encoding="utf-8")  # noqa: SIM115 - closed in stop()
        self.launched_at = time.perf_counter()
        self.process = subprocess.Popen(
            command, cwd=self.cwd, env=self.env, stdout=self._log, stderr=subprocess.STDOUT
        )
        return self

    def wait_healthy(self, timeout: float = 60.0) -> float:
        """Wait until /_stcore/health answers; return seconds since launch."""
        deadline = time.perf_counter() + timeout
        while time.perf_counter() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"streamlit exited with {self.process.returncode}; see {self.log_path}"
                )
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        return time.perf_counter() - self.launched_at
            except OSError:
                time.sleep(0.05)
        raise TimeoutError(f"streamlit did not answer at {self.url} within {timeout:.0f} s")

    @property
    def pid(self) -> int:
        return self.process.pid

    def rss_mb(self) -> float | None:
        return rss_mb(self.pid)

    def peak_rss_mb(self) -> float | None:
        return peak_rss_mb(self.pid)

    def cpu_s(self) -> float | None:
        return cpu_seconds(self.pid)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=10)
        if getattr(self, "_log", None):
            self._log.close()

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


def say(*parts: object) -> None:
    """Print a progress line (the JSON summary is always the last line of stdout)."""
    print(*parts, flush=True)
