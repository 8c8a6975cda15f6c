"""Shared fixtures: the bundled dataset, and broken copies of it in a temporary folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kr_map.loader import Dataset, load

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load(DATA, SEEDS)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """Return a writable copy of data/ with seeds/ beside it, as a user's project would be."""
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "data"
