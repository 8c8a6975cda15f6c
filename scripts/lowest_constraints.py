"""Print pip constraints that pin every dependency of kr-map to its declared lower bound.

    python scripts/lowest_constraints.py [EXTRA ...] > lowest.txt
    pip install -c lowest.txt -e ".[test]"

CI installs these next to the project and runs the fast tests, so each ``>=`` in
pyproject.toml is a version the code is known to run on, not a hope.
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

REQUIREMENT = re.compile(r"^\s*([A-Za-z0-9_.\-]+)\s*(?:\[[^\]]*\])?\s*(.*)$")
LOWER = re.compile(r">=\s*([0-9][^,;\s]*)")


def lower_bounds(requirements: list[str]) -> dict[str, str]:
    """Return each named requirement's lower bound (``>=``), skipping the project itself."""
    bounds = {}
    for line in requirements:
        match = REQUIREMENT.match(line)
        if not match or match.group(1).lower().replace("_", "-") == "kr-map":
            continue
        lower = LOWER.search(match.group(2))
        if lower:
            bounds[match.group(1)] = lower.group(1)
    return bounds


def main(extras: list[str]) -> int:
    project = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in extras:
        requirements += project.get("optional-dependencies", {}).get(extra, [])
    for name, version in sorted(lower_bounds(requirements).items()):
        print(f"{name}=={version}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
