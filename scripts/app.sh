#!/usr/bin/env bash
# Start the kr-map app on the bundled data: http://localhost:8501 (or the port asked for).
#
#   bash scripts/app.sh                          # the first run installs into .venv/ first
#   bash scripts/app.sh --server.port 8600       # anything after it goes to `streamlit run`
#   KR_MAP_PORT=8600 bash scripts/app.sh         # the same, from the environment
#   KR_MAP_DATA=path/to/data bash scripts/app.sh # your own copy of the data
#
# Never installs into the system's Python: everything goes into the project's .venv/.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_venv.sh

kr_map_venv

# glibc's per-thread malloc arenas made a long-running server grow (benchmarks/RESULTS.md,
# the soak); two arenas keep its memory level.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

port_args=()
[ -n "${KR_MAP_PORT:-}" ] && port_args=(--server.port "$KR_MAP_PORT")
kr_map_say "starting the app; open the 'Local URL' printed below in a web browser. Ctrl+C stops it."
exec "$KR_MAP_PY" -m streamlit run app.py "${port_args[@]}" "$@"
