"""Start the app with its libraries loaded while the first browser is still loading.

    python -m kr_map.serve app.py [streamlit run's options]

is ``streamlit run app.py`` with one thing more: once the server runs, a thread imports
what the page's first run needs (pandas, shapely, folium and its 170 templates, kr-map's
modules), so the first visitor's script run finds them imported. Between the server
answering and the page's first run, the browser spends most of a second loading
Streamlit's own page, and the server is idle: that second does the imports
(``benchmarks/bench_cold.py`` measures the start with and without it). The thread waits
for the server to run first: imported any earlier, the libraries would hold up the
server's own start (one Python thread runs at a time).

Importing a module twice at once is safe in Python (a module's import holds its own
lock), so the thread and the first run never race. A module that fails to import here
fails again in the page's run, which reports it: the thread says nothing. streamlit-folium
itself is left to the page: it declares its component on import, and a component
declared before the server has finished starting is not served (the map's frame: 404).
"""

from __future__ import annotations

import importlib
import sys
import threading
import time
from collections.abc import Sequence

# What the page's first run imports, heaviest first.
EARLY = (
    "pandas",
    "shapely",
    "folium",
    "folium.plugins",
    "kr_map.loader",
    "kr_map.frames",
    "kr_map.export",
    "kr_map.basemap",
    "kr_map.presenter",
    "kr_map.story",
    "kr_map.reveal",
    "kr_map.page",
    "kr_map.page_lang",
)
SERVER_WAIT_S = 60.0


def warm(modules: Sequence[str] = EARLY, wait_s: float = SERVER_WAIT_S) -> list[str]:
    """Import ``modules`` once Streamlit's server runs (at most ``wait_s`` from now); return
    those that failed (all of them when the server never ran)."""
    if not _server_running(wait_s):
        return list(modules)
    return [name for name in modules if not _imported(name)]


def _server_running(wait_s: float) -> bool:
    from streamlit.runtime import Runtime
    from streamlit.runtime.runtime import RuntimeState

    deadline = time.monotonic() + wait_s
    while not (Runtime.exists() and Runtime.instance().state != RuntimeState.INITIAL):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)  # the runtime has no event to wait on before it exists
    return True


def _imported(name: str) -> bool:
    try:
        importlib.import_module(name)
    except Exception:  # the page's own run imports it again and reports it
        return False
    return True


def main(argv: Sequence[str] | None = None) -> None:
    """Run ``streamlit run`` with ``argv`` (the script, then its options), warming up."""
    args = list(sys.argv[1:] if argv is None else argv)
    threading.Thread(target=warm, name="kr-map-warm", daemon=True).start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", *args]
    cli.main()


if __name__ == "__main__":
    main()
