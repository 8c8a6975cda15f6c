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


def test_streamlit_can_load_pyarrow_for_the_maps_component():
    # PyArrow 26 refuses NumPy 1.x at import without declaring it, and Streamlit then says
    # "PyArrow missing" for every custom component: numpy>=2.0 in pyproject.toml keeps them
    # together, and the lowest-versions run checks it next to the lowest NumPy allowed.
    import pyarrow  # noqa: F401
    from streamlit.components.v1 import component_arrow  # what a component's call imports

    assert callable(component_arrow.marshall)


def test_the_test_command_runs_the_lowest_versions_after_a_whole_suite_only():
    script = (ROOT / "scripts/test.sh").read_text(encoding="utf-8").splitlines()
    run = script.index("  bash scripts/test_lowest.sh")
    assert script[run - 1] == 'if [ "$#" -eq 0 ]; then'  # no opt-in: every whole run, so CI
    assert "KR_MAP_LOWEST" not in "\n".join(script)
    assert run > max(i for i, line in enumerate(script) if "-m pytest" in line)
