"""The installed package is the whole app: a wheel built from the checkout carries every file
that the checkout's package holds (the player's modules in their sub-folders included)."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def tracked(prefix: str) -> set[str]:
    listed = subprocess.run(
        ["git", "ls-files", "-z", prefix], cwd=ROOT, capture_output=True, check=True, text=True
    ).stdout
    return {name for name in listed.split("\0") if name}


@pytest.mark.slow
def test_a_wheel_carries_every_file_of_the_package(tmp_path):
    source = tmp_path / "src-copy"
    files = tracked(".")
    for name in files:
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        (source / name).write_bytes((ROOT / name).read_bytes())
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(tmp_path), "."],
        cwd=source,
        check=True,
        capture_output=True,
        timeout=600,
    )
    (wheel,) = tmp_path.glob("kr_map-*.whl")
    inside = set(zipfile.ZipFile(wheel).namelist())
    package = {name.removeprefix("src/") for name in files if name.startswith("src/kr_map/")}
    missing = sorted(package - inside)
    assert not missing, f"the wheel lacks {len(missing)} files of src/kr_map: {missing[:10]}"
