#!/usr/bin/env bash
# Run the fast tests against the lowest versions pyproject.toml allows.
#
#   bash scripts/test_lowest.sh                 # called by scripts/test.sh (no arguments given)
#
# Each ">=" in pyproject.toml is a promise that kr-map runs on that version. This script pins
# every dependency of kr-map and its test extra to its lower bound (scripts/lowest_constraints.py),
# installs them into a separate environment, .venv-lowest/, and runs the tests that need no
# browser. It reinstalls only when pyproject.toml changed.
set -euo pipefail
cd "$(dirname "$0")/.."
KR_MAP_VENV=.venv-lowest
source scripts/_venv.sh

_kr_map_venv_usable || _kr_map_create_venv
constraints="$KR_MAP_VENV/lowest-constraints.txt"
stamp="$KR_MAP_VENV/.kr-map-lowest"
fingerprint="$(_kr_map_fingerprint)"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$fingerprint" ]; then
  "$KR_MAP_VENV/bin/python" scripts/lowest_constraints.py test >"$constraints"
  kr_map_say "installing the lowest allowed versions into $KR_MAP_VENV/: $(tr '\n' ' ' <"$constraints")"
  if ! "$KR_MAP_VENV/bin/python" -m pip install --disable-pip-version-check \
      -c "$constraints" -e ".[test]" >"$KR_MAP_VENV/install.log" 2>&1; then
    grep -v "WARNING: Location" "$KR_MAP_VENV/install.log" | tail -n 25 >&2
    kr_map_fail "the lowest versions in pyproject.toml cannot be installed together (see above)."
  fi
  printf '%s\n' "$fingerprint" >"$stamp"
fi
kr_map_say "fast tests on the lowest allowed versions..."
# Hypothesis 6.100 writes its cache to ./.hypothesis/ without the .gitignore that later
# versions put in it: keep it in the environment's folder, so the checkout stays clean.
export HYPOTHESIS_STORAGE_DIRECTORY="$KR_MAP_VENV/hypothesis"
exec "$KR_MAP_VENV/bin/python" -m pytest -q -p no:cacheprovider --disable-warnings -m "not browser and not slow and not spreadsheet and not nginx"
