"""Shared fixtures: the bundled dataset, and broken copies of it in a temporary folder."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from kr_map.loader import Dataset, load

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session", autouse=True)
def document_cache(tmp_path_factory) -> Iterator[Path]:
    """Keep the app's cached frames documents (kr_map/cache.py) in the session's scratch
    folder, for the app run in-process and the servers the browser tests start."""
    folder = tmp_path_factory.mktemp("kr-map-cache")
    previous = os.environ.get("KR_MAP_CACHE_DIR")
    os.environ["KR_MAP_CACHE_DIR"] = str(folder)
    yield folder
    if previous is None:
        os.environ.pop("KR_MAP_CACHE_DIR", None)
    else:
        os.environ["KR_MAP_CACHE_DIR"] = previous


@pytest.fixture(scope="session")
def dataset() -> Dataset:
    return load(DATA, SEEDS)


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """Return a writable copy of data/ with seeds/ beside it, as a user's project would be."""
    shutil.copytree(DATA, tmp_path / "data")
    shutil.copytree(SEEDS, tmp_path / "seeds")
    return tmp_path / "data"


@pytest.fixture(scope="session")
def exported(tmp_path_factory) -> Path:
    """The one-file export of the bundled data, made once for every browser test that opens it
    (they read it, never change it)."""
    from kr_map import cli

    out = tmp_path_factory.mktemp("export") / "kr-map.html"
    assert cli.main(["export", str(out)]) == 0
    return out
