"""pyproject.toml's lower bounds are pinned and tested by scripts/test_lowest.sh."""

from __future__ import annotations

import importlib.util
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _script():
    spec = importlib.util.spec_from_file_location("lowest", ROOT / "scripts/lowest_constraints.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_lower_bounds_are_read_from_requirement_lines():
    bounds = _script().lower_bounds(
        ["streamlit>=1.63", "pyogrio >= 0.12, <1", "kr-map[test]", "plain", "x[extra]>=2.0.6"]
    )
    assert bounds == {"streamlit": "1.63", "pyogrio": "0.12", "x": "2.0.6"}


def test_every_dependency_of_the_app_and_its_tests_has_a_lower_bound():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = project["dependencies"] + project["optional-dependencies"]["test"]
    bounded = _script().lower_bounds(requirements)
    names = {line.split(">")[0].split("=")[0].split("[")[0].strip() for line in requirements}
    assert names == set(bounded)
