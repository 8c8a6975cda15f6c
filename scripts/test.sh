#!/usr/bin/env bash
# Install what the tests need on a fresh Debian/Ubuntu machine, then run the whole suite.
#
#   bash scripts/test.sh                        # everything
#   bash scripts/test.sh -m "not browser"       # arguments go to pytest
#   KR_MAP_SETUP_ONLY=1 bash scripts/test.sh    # install only, run no test
#
# Before pytest it checks the code: ruff (lint and format, benchmarks included), ESLint on
# the player's modules and their Node unit tests (node --test tests/js/). After the whole
# suite (no arguments given), the fast tests run again on the lowest versions pyproject.toml
# allows, in .venv-lowest/ (scripts/test_lowest.sh): each ">=" there is a tested promise.
# Python libraries go into the project's .venv/ (never the system's Python). The browser
# tests drive Debian's Chromium (/usr/bin/chromium) with Playwright; it is installed with
# apt when missing, and so are the npm packages of package.json when there is one.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh

# Run a system package command as root (directly, or through sudo).
as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    kr_map_fail "installing system packages needs root: run 'apt-get install $*' as root, then this again."
  fi
}

apt_install() {
  kr_map_say "installing Debian's $* with apt (needs root)..."
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq "$@" >/dev/null
}

kr_map_venv dev  # the test libraries and the linters (ruff)

if [ ! -x /usr/bin/chromium ]; then
  apt_install chromium
fi

# The tests marked nginx and spreadsheet (issue 18) run Debian's nginx in front of the app
# and open a CSV export in LibreOffice Calc, headless (about 70 s to install, once).
if [ ! -x /usr/sbin/nginx ] || ! command -v soffice >/dev/null 2>&1; then
  apt_install --no-install-recommends nginx-light libreoffice-calc-nogui
fi

if [ -f package.json ]; then
  command -v npm >/dev/null 2>&1 || apt_install npm
  stamp=node_modules/.kr-map-installed
  if [ ! -f "$stamp" ] || [ package.json -nt "$stamp" ] \
     || { [ -f package-lock.json ] && [ package-lock.json -nt "$stamp" ]; }; then
    kr_map_say "installing the npm packages of package.json..."
    if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --loglevel=error
    else npm install --no-audit --no-fund --loglevel=error; fi
    touch "$stamp"
  fi
fi

if [ -n "${KR_MAP_SETUP_ONLY:-}" ]; then
  kr_map_say "set-up done (KR_MAP_SETUP_ONLY is set: no tests run)."
  exit 0
fi

kr_map_say "checking the code: ruff, ESLint, the player's unit tests (node --test)..."
"$KR_MAP_PY" -m ruff check .
"$KR_MAP_PY" -m ruff format --check .
npx --no-install eslint
node --test tests/js/

set +e
"$KR_MAP_PY" -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
  echo "kr-map: pytest collected no tests: that is a failure, not a pass." >&2
  exit 1
fi
[ "$status" -eq 0 ] || exit "$status"

# The whole suite passed: now the fast tests on pyproject.toml's lowest allowed versions
# (not when pytest arguments pick some tests: those runs are for a developer's loop).
if [ "$#" -eq 0 ]; then
  bash scripts/test_lowest.sh
fi
