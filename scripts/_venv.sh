# The project's own Python environment, shared by scripts/app.sh and scripts/test.sh.
#
# Source it from the repository's top folder, then call `kr_map_venv EXTRAS` ("" for the
# app alone, "test" for the test suite). It creates `.venv/` with a Python 3.11 or newer
# (never touching the system's Python, which Debian 12 and Ubuntu 24.04 forbid: PEP 668),
# installs kr-map into it, and reuses both on the next run: pip runs again only when
# pyproject.toml changed since the last install. Afterwards `$KR_MAP_PY` is its python.
#
# Settings (environment): PYTHON=/path/to/python3.12 picks the interpreter that creates the
# environment (default: python3); KR_MAP_VENV=DIR puts the environment elsewhere.

KR_MAP_VENV="${KR_MAP_VENV:-.venv}"
KR_MAP_MIN_PYTHON="3.11"

kr_map_say() { printf 'kr-map: %s\n' "$*"; }
kr_map_fail() { printf 'kr-map: %s\n' "$@" >&2; exit 1; }

# Print "3.11.2" for a working interpreter at least 3.11; fail otherwise (with the version).
_kr_map_python_version() {
  "$1" -c 'import sys; print("%d.%d.%d" % sys.version_info[:3]); sys.exit(sys.version_info < (3, 11))'
}

_kr_map_pick_python() {
  local python="${PYTHON:-python3}" version
  if ! command -v "$python" >/dev/null 2>&1; then
    kr_map_fail "cannot find '$python'. Install Python $KR_MAP_MIN_PYTHON or newer" \
      "(Debian/Ubuntu: sudo apt install python3 python3-venv), or name one: PYTHON=/path/to/python3 bash $0"
  fi
  if ! version="$(_kr_map_python_version "$python" 2>/dev/null)"; then
    kr_map_fail "kr-map needs Python $KR_MAP_MIN_PYTHON or newer, but '$python' is ${version:-not a working Python}." \
      "Install a newer one (Debian 12 and Ubuntu 24.04 have it: sudo apt install python3 python3-venv)," \
      "or name one: PYTHON=/path/to/python3.12 bash $0"
  fi
  if ! "$python" -c 'import venv, ensurepip' >/dev/null 2>&1; then
    local minor; minor="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
    kr_map_fail "Python $version has no 'venv' module, which kr-map needs to keep its libraries apart" \
      "from the system's. On Debian or Ubuntu install it with:" \
      "    sudo apt install python3-venv      (or python$minor-venv)" \
      "then run this command again."
  fi
  printf '%s\n' "$python"
}

# True when $KR_MAP_VENV holds a working Python >= 3.11 (not one whose interpreter was removed).
_kr_map_venv_usable() {
  [ -x "$KR_MAP_VENV/bin/python" ] && _kr_map_python_version "$KR_MAP_VENV/bin/python" >/dev/null 2>&1
}

_kr_map_create_venv() {
  local python version
  python="$(_kr_map_pick_python)" || exit 1
  version="$(_kr_map_python_version "$python")"
  if [ -e "$KR_MAP_VENV" ]; then
    kr_map_say "the environment in $KR_MAP_VENV/ does not work any more (its Python was removed or is too old); making a new one."
    rm -rf "$KR_MAP_VENV"
  fi
  kr_map_say "creating the project's own Python environment in $KR_MAP_VENV/ (Python $version)..."
  if ! "$python" -m venv "$KR_MAP_VENV" >"${TMPDIR:-/tmp}/kr-map-venv.log" 2>&1; then
    rm -rf "$KR_MAP_VENV"
    cat "${TMPDIR:-/tmp}/kr-map-venv.log" >&2
    kr_map_fail "could not create $KR_MAP_VENV/ (see above). On Debian or Ubuntu: sudo apt install python3-venv"
  fi
}

# The stamp records what was installed from which pyproject.toml: "<sha256> <extra> <extra>...".
_kr_map_stamp() { printf '%s\n' "$KR_MAP_VENV/.kr-map-installed"; }

_kr_map_fingerprint() {
  { cat pyproject.toml; "$KR_MAP_VENV/bin/python" -c 'import sys; print(sys.version)'; } \
    | sha256sum | cut -d' ' -f1
}

# True when the stamp matches pyproject.toml and lists every extra asked for.
_kr_map_installed() {
  local stamp extra fingerprint
  stamp="$(_kr_map_stamp)"
  [ -f "$stamp" ] || return 1
  fingerprint="$(_kr_map_fingerprint)"
  read -r -a recorded <"$stamp" || return 1
  [ "${recorded[0]:-}" = "$fingerprint" ] || return 1
  for extra in "$@"; do
    [[ " ${recorded[*]:1} " == *" $extra "* ]] || return 1
  done
  # and kr_map is importable from this very checkout (not from a copy moved elsewhere)
  "$KR_MAP_VENV/bin/python" -c 'import os, sys, kr_map
sys.exit(not os.path.realpath(kr_map.__file__).startswith(os.path.realpath("src") + os.sep))' \
    >/dev/null 2>&1
}

_kr_map_install() {
  local spec="." extras="$*" log="$KR_MAP_VENV/kr-map-install.log"
  [ -n "$extras" ] && spec=".[${extras// /,}]"
  kr_map_say "installing kr-map and the libraries it uses into $KR_MAP_VENV/ (the first time takes a few minutes)..."
  if ! "$KR_MAP_VENV/bin/python" -m pip install --disable-pip-version-check -e "$spec" >"$log" 2>&1; then
    tail -n 25 "$log" >&2
    kr_map_fail "installing failed (the last lines of pip's report are above; all of it is in $log)." \
      "Check the internet connection, then run this command again."
  fi
  local previous=()
  if [ -f "$(_kr_map_stamp)" ]; then
    read -r -a previous <"$(_kr_map_stamp)" || true
  fi
  local fingerprint; fingerprint="$(_kr_map_fingerprint)"
  local keep=()
  [ "${previous[0]:-}" = "$fingerprint" ] && keep=("${previous[@]:1}")
  printf '%s %s\n' "$fingerprint" "$(printf '%s\n' "${keep[@]}" "$@" | sort -u | tr '\n' ' ')" \
    >"$(_kr_map_stamp)"
  kr_map_say "installed."
}

# Make sure .venv/ exists with kr-map and the given extras installed; set KR_MAP_PY.
kr_map_venv() {
  _kr_map_venv_usable || _kr_map_create_venv
  if _kr_map_installed "$@"; then
    kr_map_say "using the existing environment in $KR_MAP_VENV/ (pyproject.toml unchanged since the last install)."
  else
    _kr_map_install "$@"
  fi
  KR_MAP_PY="$KR_MAP_VENV/bin/python"
  VIRTUAL_ENV="$(cd "$KR_MAP_VENV" && pwd)"
  export VIRTUAL_ENV
  export PATH="$VIRTUAL_ENV/bin:$PATH"
}
