"""The README's two set-up commands, taken from the README itself and run as a reader would.

The slow tests copy the checkout to a scratch folder and run the commands there with the
machine's ``python3`` (never this test run's environment): the first must bring the app
up, the second must install the test extras (``KR_MAP_SETUP_ONLY=1`` stops it before it
would run this suite again) and, on a second run, reuse ``.venv/`` without pip.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
INSTALL_TIMEOUT = 900  # a first install from an empty pip cache; usually well under 2 min


def setup_section(text: str) -> str:
    """Return the README's "Set-up" section (up to the next second-level heading)."""
    match = re.search(r"^## Set-up.*?(?=^## )", text, re.M | re.S)
    assert match, "the README has a '## Set-up' section"
    return match.group(0)


def readme_commands() -> list[str]:
    """Return the command lines of the README's Set-up section, in order."""
    blocks = re.findall(r"^```[^\n]*\n(.*?)^```", setup_section(README.read_text()), re.M | re.S)
    return [line.strip() for block in blocks for line in block.splitlines() if line.strip()]


def readme_app_command() -> list[str]:
    return shlex.split(readme_commands()[0])


def readme_test_command() -> list[str]:
    return shlex.split(readme_commands()[1])


def plain_environment(**extra: str) -> dict[str, str]:
    """Return the environment without this test run's virtual environment on PATH."""
    ours = {os.path.realpath(sys.prefix), os.path.realpath(os.environ.get("VIRTUAL_ENV", "/-"))}
    path = [
        part for part in os.environ.get("PATH", "").split(os.pathsep)
        if not any(os.path.realpath(part).startswith(prefix + os.sep) for prefix in ours)
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if k not in ("VIRTUAL_ENV", "PYTHONPATH")}
    env.pop("KR_MAP_DATA", None)
    return {**env, "PATH": os.pathsep.join(path), **extra}


def test_the_readme_gives_exactly_the_two_set_up_commands():
    commands = readme_commands()
    assert len(commands) == 2, commands
    assert readme_app_command()[:2] == ["bash", "scripts/app.sh"]
    assert readme_test_command()[:2] == ["bash", "scripts/test.sh"]
    for command in (readme_app_command(), readme_test_command()):
        assert (ROOT / command[1]).is_file()
    assert "pip install" not in setup_section(README.read_text()).split("```")[1]


def test_ci_runs_exactly_the_readmes_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    run_lines = [line for line in ci.splitlines() if line.startswith("exec ")]
    assert run_lines == [f"exec {readme_commands()[1]}"]


def test_the_scripts_share_one_environment_file():
    for script in ("app.sh", "test.sh"):
        text = (ROOT / "scripts" / script).read_text()
        assert "source scripts/_venv.sh" in text
        assert "pip install" not in text and "python3 -m pip" not in text


# --- Clear messages before anything is installed -------------------------------------


def fake_python(folder: Path, body: str) -> Path:
    path = folder / "python-under-test"
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)
    return path


def run_script(script: str, tmp_path: Path, python: Path) -> subprocess.CompletedProcess:
    env = plain_environment(PYTHON=str(python), KR_MAP_VENV=str(tmp_path / "venv"),
                            KR_MAP_SETUP_ONLY="1")  # fmt: skip
    return subprocess.run(["bash", f"scripts/{script}"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)  # fmt: skip


@pytest.mark.parametrize("script", ["app.sh", "test.sh"])
def test_a_python_older_than_3_11_is_refused_with_a_clear_message(tmp_path, script):
    # behaves like Python 3.10's answer to the version check: prints it, exits 1
    python = fake_python(tmp_path, "echo 3.10.13; exit 1")
    done = run_script(script, tmp_path, python)
    assert done.returncode == 1
    assert "needs Python 3.11 or newer" in done.stderr and "3.10.13" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "venv").exists()


@pytest.mark.parametrize("script", ["app.sh", "test.sh"])
def test_a_python_without_venv_is_refused_with_the_debian_package_to_install(tmp_path, script):
    # Debian's python3 without python3-venv: `import ensurepip` fails
    hidden = tmp_path / "no-ensurepip"
    (hidden / "ensurepip").mkdir(parents=True)
    (hidden / "ensurepip" / "__init__.py").write_text("raise ImportError('no ensurepip')\n")
    real = shutil.which("python3", path=plain_environment()["PATH"]) or sys.executable
    python = fake_python(tmp_path, f'PYTHONPATH={hidden} exec {real} "$@"')
    done = run_script(script, tmp_path, python)
    assert done.returncode == 1
    assert "sudo apt install python3-venv" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "venv").exists()


# --- The commands themselves, in a scratch copy of the checkout ----------------------


def tracked_files() -> list[str]:
    """Return the checkout's files (committed or new, not ignored), as git sees them."""
    listed = subprocess.run(["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=ROOT,
                            capture_output=True, text=True, check=True)  # fmt: skip
    return [name for name in listed.stdout.split("\0") if name and (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def scratch_clone(tmp_path_factory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is needed to list the checkout's files")
    clone = tmp_path_factory.mktemp("clone") / "kr-map"
    for name in tracked_files():
        (clone / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, clone / name)
    return clone


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_health(process: subprocess.Popen, port: int, timeout: float) -> int:
    """Return the HTTP status of /_stcore/health once the app answers."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return -1
        try:
            url = f"http://127.0.0.1:{port}/_stcore/health"
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status
        except OSError:
            time.sleep(0.5)
    return 0


def stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@pytest.mark.slow
def test_the_readmes_app_command_brings_the_app_up_in_a_fresh_clone(scratch_clone):
    port = free_port()
    log = scratch_clone.parent / "app.log"
    command = [*readme_app_command(), "--server.port", str(port), "--server.address", "127.0.0.1"]
    with log.open("w") as output:
        process = subprocess.Popen(command, cwd=scratch_clone, env=plain_environment(),
                                   stdout=output, stderr=subprocess.STDOUT,
                                   stdin=subprocess.DEVNULL, start_new_session=True)  # fmt: skip
        try:
            status = wait_for_health(process, port, INSTALL_TIMEOUT)
        finally:
            stop(process)
    text = log.read_text()
    assert status == 200, text[-3000:]
    assert "creating the project's own Python environment in .venv/" in text
    assert (scratch_clone / ".venv" / "bin" / "python").exists()


@pytest.mark.slow
def test_the_readmes_test_command_installs_then_reuses_the_environment(scratch_clone):
    env = plain_environment(KR_MAP_SETUP_ONLY="1")
    first = subprocess.run(readme_test_command(), cwd=scratch_clone, env=env, capture_output=True,
                           text=True, timeout=INSTALL_TIMEOUT, stdin=subprocess.DEVNULL)  # fmt: skip
    assert first.returncode == 0, first.stdout[-2000:] + first.stderr[-3000:]
    assert "set-up done" in first.stdout
    python = scratch_clone / ".venv" / "bin" / "python"
    check = subprocess.run([str(python), "-c", "import frictionless, pyogrio, pytest, kr_map"],
                           capture_output=True, text=True)  # fmt: skip
    assert check.returncode == 0, check.stderr
    again = subprocess.run(readme_test_command(), cwd=scratch_clone, env=env, capture_output=True,
                           text=True, timeout=120, stdin=subprocess.DEVNULL)  # fmt: skip
    assert again.returncode == 0, again.stderr
    assert "using the existing environment" in again.stdout
    assert "installing kr-map" not in again.stdout


@pytest.mark.slow
def test_the_environment_is_reinstalled_when_pyproject_changes(scratch_clone):
    env = plain_environment(KR_MAP_SETUP_ONLY="1")
    pyproject = scratch_clone / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "\n# a changed dependency list\n")
    done = subprocess.run(readme_test_command(), cwd=scratch_clone, env=env, capture_output=True,
                          text=True, timeout=INSTALL_TIMEOUT, stdin=subprocess.DEVNULL)  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    assert "installing kr-map" in done.stdout
