"""The channel to Streamlit that hosts/streamlit.js borrows from streamlit-folium is still there.

streamlit-folium has no public API for a value sent from inside its map, so the
player's Streamlit host calls ``window.Streamlit.setComponentValue``, the object
streamlit-folium's frontend puts on its frame's window, and the player's style
relies on the frame's page (``#root``, ``#parent``, ``.float-child``). These
tests read the installed streamlit-folium's frontend and fail when it stops
providing what is borrowed, or when it is outside the version range pinned in
pyproject.toml (the range this was tested with).
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata, resources

from packaging.requirements import Requirement

from .conftest import ROOT

HOST = ROOT / "src" / "kr_map" / "assets" / "hosts" / "streamlit.js"


def frontend_page() -> str:
    return (
        resources.files("streamlit_folium").joinpath("frontend", "build", "index.html").read_text()
    )


def frontend_script() -> str:
    """Return streamlit-folium's frontend bundle, the one its frame's page loads."""
    (src,) = re.findall(r'<script[^>]*src="\./(static/js/main\.[\w.]+\.js)"', frontend_page())
    build = resources.files("streamlit_folium").joinpath("frontend", "build")
    return build.joinpath(*src.split("/")).read_text(encoding="utf-8")


def test_the_installed_streamlit_folium_is_in_the_range_pinned_in_pyproject():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (wanted,) = [
        Requirement(spec)
        for spec in project["project"]["dependencies"]
        if Requirement(spec).name == "streamlit-folium"
    ]
    assert wanted.specifier.filter([metadata.version("streamlit-folium")]), wanted
    assert any(spec.operator == "<" for spec in wanted.specifier), "an upper bound pins it"


def test_its_frame_still_sets_window_streamlit_with_set_component_value():
    script = frontend_script()
    assert "window.Streamlit=" in script
    assert "setComponentValue" in script
    host = HOST.read_text(encoding="utf-8")
    assert "window.Streamlit" in host and "setComponentValue" in host


def test_its_frame_still_has_the_elements_the_player_lays_out():
    page = frontend_page()
    for needed in ('id="root"', 'id="parent"', 'class="float-child"', 'id="map_div"'):
        assert needed in page, needed
    style = (ROOT / "src" / "kr_map" / "assets" / "player.css").read_text(encoding="utf-8")
    assert "#root, body.krp-body #parent, body.krp-body .float-child" in style
