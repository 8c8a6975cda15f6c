"""The kr-map player in a frame of Streamlit's own component API: a spike, not shipped.

The app mounts the player inside streamlit-folium's component frame and reports through
the ``window.Streamlit`` object that frame happens to hold. This module is the smallest
host that needs no streamlit-folium: ``streamlit.components.v1.declare_component`` with
a local folder, whose ``index.html`` loads Leaflet, the bundled player
(:func:`kr_map.bundle.bundle_assets` of ``hosts/streamlit.js``, unchanged) and a short
``channel.js`` that speaks Streamlit's component protocol. Nothing comes from a
CDN: the folder is made at start (:func:`build_frontend`) from ``frontend/`` and from the
installed packages (Leaflet from ``django-js-lib-leaflet`` through :mod:`kr_map.offline`).

Python sends the map as three arguments, as streamlit-folium does: the map's styles, the
id of its div and folium's map script (which ends in ``KrPlayer.mount(map, options)``).
Unlike streamlit-folium, Leaflet and the player are files loaded over HTTP, not ``data:``
URLs sent with every run (Streamlit serves a component's files without a validator, so a
new tab fetches them again: ``benchmarks/RESULTS.md``).

Components v2 (``st.components.v2``) draws into the page itself, without a frame; it is
not tried here: the player, its keys and its styles assume a document of their own.
"""

from __future__ import annotations

import atexit
import base64
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any

import folium
from streamlit.components import v1 as components

from kr_map import offline
from kr_map.bundle import bundle_assets
from kr_map.player import HOSTS, STYLES, asset

FRONTEND = Path(__file__).resolve().parent / "frontend"
_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S | re.I)


def _data_url_bytes(url: str) -> bytes:
    """Return the payload of a base64 ``data:`` URL."""
    return base64.b64decode(url.partition(",")[2])


def build_frontend(target: Path) -> Path:
    """Return ``target`` holding the component's page and every file it loads."""
    target.mkdir(parents=True, exist_ok=True)
    for source in FRONTEND.iterdir():
        shutil.copyfile(source, target / source.name)
    leaflet_js, support_js = (url for _, url in offline.offline_js())
    (target / "leaflet.js").write_bytes(_data_url_bytes(leaflet_js))
    (target / "folium_support.js").write_bytes(_data_url_bytes(support_js))
    (target / "leaflet.css").write_bytes(_data_url_bytes(offline.offline_css()[0][1]))
    (target / "kr_player.js").write_text(bundle_assets(HOSTS["streamlit"]), encoding="utf-8")
    for name in STYLES:
        (target / name).write_text(asset(name), encoding="utf-8")
    return target


def map_arguments(fmap: folium.Map) -> dict[str, str]:
    """Return what the frame needs to draw ``fmap``: its styles, its div's id, its script.

    Script and style tags that load files (``data:`` URLs of Leaflet and of the player) are
    left out: the frame has those files already.
    """
    figure = fmap.get_root()
    figure.render()
    return {
        "css": "\n".join(_STYLE.findall(figure.header.render())),
        "mapId": fmap.get_name(),
        "script": figure.script.render(),
    }


_SERVED = Path(tempfile.mkdtemp(prefix="kr-map-spike-"))
atexit.register(shutil.rmtree, _SERVED, ignore_errors=True)
_component = components.declare_component("kr_map_player", path=build_frontend(_SERVED))


def kr_map_player(fmap: folium.Map, *, key: str, height: int, on_change=None) -> Any:
    """Return the player's last report (None before the first): the map drawn in our frame."""
    return _component(**map_arguments(fmap), height=height, key=key, on_change=on_change)
