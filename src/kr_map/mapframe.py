"""The app's map frame rendered once, each open sending only its own player options.

streamlit-folium's ``st_folium`` renders the whole folium map on every call: the base map's
templates, the bundled borders, the player's script as ``data:`` URLs, about 50 ms of CPU
per open on the bundled data, and most of it the same for every pupil in the room. Here the
map is rendered once per data version, language, font and tile choice
(:func:`render_frame`, kept by the app), with a mark where the player's options go; an
open (:func:`mount`) writes its options into that mark as inert JSON
(:func:`kr_map.player.mount_options`) and hands streamlit-folium's component what
``st_folium`` would have handed it. ``tests/test_mapframe.py`` checks the two agree for
the installed streamlit-folium.

The component function is streamlit-folium's own (``_component_func``, a private name):
the pinned range in ``pyproject.toml`` is the range this module is tested against.
"""

from __future__ import annotations

import base64
import binascii
import dataclasses
import hashlib
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import folium
import streamlit as st
import streamlit_folium
from folium.elements import JSCSSMixin

from kr_map.atomic import atomic_write_bytes
from kr_map.player import STATIC_SUBDIR, mount_options

# Where the player's options go in the rendered script: a name no folium id can take.
OPTIONS_MARK = "KR_MAP_PLAYER_OPTIONS_MARK"


@dataclass(frozen=True)
class MapFrame:
    """A folium map rendered as streamlit-folium's component takes it, options still open."""

    script: str
    header: str
    html: str
    map_id: str
    css_links: tuple[str, ...]
    js_links: tuple[str, ...]
    digest: str

    def script_with(self, options_json: str) -> str:
        """Return the map's script with the player's options (JSON text) in their place."""
        return self.script.replace(OPTIONS_MARK, options_json)


def render_frame(fmap: folium.Map) -> MapFrame:
    """Return ``fmap`` rendered once; its player must have been made with ``options_json=OPTIONS_MARK``.

    Raises ValueError when the mark is not in the script exactly once (a player whose
    options were already written, or none).
    """
    fmap.get_root().render()
    fmap.render()
    html = streamlit_folium._get_html(fmap)
    header = streamlit_folium._get_header(fmap)
    script = streamlit_folium._get_map_string(fmap)
    if script.count(OPTIONS_MARK) != 1:
        raise ValueError("the map's script must hold the player's options mark exactly once")
    css_links, js_links = _links(fmap)
    digest = hashlib.sha256(
        json.dumps([script, header, html, css_links, js_links]).encode("utf-8")
    ).hexdigest()
    return MapFrame(
        script=script,
        header=header,
        html=html,
        map_id=streamlit_folium.get_full_id(fmap),
        css_links=css_links,
        js_links=js_links,
        digest=digest,
    )


def _links(fmap: folium.Map) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Return the style sheets and scripts the map's elements need, each once, in order."""
    css: list[str] = []
    js: list[str] = []
    for element in _elements(fmap):
        css.extend(href for _, href in getattr(element, "default_css", []))
        js.extend(src for _, src in getattr(element, "default_js", []))
    return tuple(dict.fromkeys(css)), tuple(dict.fromkeys(js))


def _elements(element: Any) -> Iterator[Any]:
    if isinstance(element, JSCSSMixin):
        yield element
    for child in getattr(element, "_children", {}).values():
        yield from _elements(child)


# Scripts only: streamlit-folium waits for each script to load before the map's script runs,
# but not for style sheets, so a style sheet fetched as a file could arrive after the player
# measured its labels (names then overlap); the styles (~75 KB) stay inline.
_DATA_URL = re.compile(r"data:(text/javascript);base64,([A-Za-z0-9+/=]+)")


def served(frame: MapFrame, static_dir: Path, route: str) -> MapFrame:
    """Return ``frame`` with its scripts as one file the browser keeps.

    streamlit-folium loads a frame's scripts one after another, each waiting for the one
    before, so every script is a round trip before the map can start. The ``data:`` scripts
    (Leaflet, its support, the player: about 0.5 MB) that follow each other are written once,
    joined in their order, under ``static_dir/kr-map/`` as ``asset-<content hash>.js`` and
    linked as ``route`` + its path: a pupil's browser fetches them in one request, once, and
    an open sends one name. Style sheets stay inline (above). Where the folder cannot be
    written, the frame is returned as it was.
    """
    links: list[str] = []
    bodies: list[bytes] = []
    try:
        for link in frame.js_links:
            body = _script_body(link)
            if body is None:
                links += [_served(bodies, static_dir, route)] if bodies else []
                links.append(link)
                bodies = []
            else:
                bodies.append(body)
        links += [_served(bodies, static_dir, route)] if bodies else []
    except OSError:
        return frame
    return dataclasses.replace(frame, js_links=tuple(links))


def _script_body(link: str) -> bytes | None:
    """Return the script a ``data:`` link holds, or None for any other link."""
    found = _DATA_URL.fullmatch(link)
    if found is None:
        return None
    try:
        return base64.b64decode(found[2], validate=True)
    except binascii.Error:
        return None


# Between two scripts joined in one file: a script that ends without a semicolon or inside
# a line comment still ends there.
_SCRIPT_SEPARATOR = b"\n;\n"


def _served(bodies: list[bytes], static_dir: Path, route: str) -> str:
    """Return the link to the file of ``bodies`` joined, written the first time."""
    body = _SCRIPT_SEPARATOR.join(bodies)
    name = f"asset-{hashlib.sha256(body).hexdigest()[:16]}.js"
    target = static_dir / STATIC_SUBDIR / name
    if not (target.is_file() and target.read_bytes() == body):
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, body)
    return f"{route}{STATIC_SUBDIR}/{name}"


def component_arguments(
    frame: MapFrame, options_json: str, *, key: str, height: int
) -> dict[str, Any]:
    """Return what streamlit-folium's component is given for ``frame`` with these options.

    The same arguments ``st_folium(map, key=key, height=height, use_container_width=True,
    returned_objects=[])`` gives it, but the component's key: a digest of the rendered
    frame, ``key`` and the options, so new options remount the map as they did.
    """
    identity = f"{frame.digest}\x1f{key}\x1f{options_json}".encode()
    return {
        "script": frame.script_with(options_json),
        "header": frame.header,
        "html": frame.html,
        "id": frame.map_id,
        "key": hashlib.sha256(identity).hexdigest(),
        "height": height,
        "width": None,
        "returned_objects": [],
        "default": {},
        "zoom": None,
        "center": None,
        "feature_group": None,
        "return_on_hover": False,
        "layer_control": None,
        "pixelated": False,
        "css_links": list(frame.css_links),
        "js_links": list(frame.js_links),
    }


def mount(
    frame: MapFrame,
    options: dict[str, Any],
    *,
    key: str,
    height: int,
    on_change: Callable[[], None] | None = None,
) -> Any:
    """Show ``frame`` in the page with the player's ``options``; return the component's value.

    ``on_change`` runs when the player reports (after ``st.session_state[key]`` holds the
    report, as with ``st_folium``).
    """
    arguments = component_arguments(frame, mount_options(options), key=key, height=height)
    component_key = arguments["key"]

    def changed() -> None:
        st.session_state[key] = st.session_state.get(component_key, {})
        if on_change is not None:
            on_change()

    return streamlit_folium._component_func(**arguments, on_change=changed)
