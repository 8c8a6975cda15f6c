"""The map holds its view when only its height changes by a little (issue 22): a caption of
one line more or less no longer re-frames the map (each re-framing made Leaflet clip every
path again, and a notch of zoom re-projected every marker and path). The view is held only
while the whole action stays inside the room the framing keeps for it; past that the map is
framed again."""

from __future__ import annotations

import pytest

from .browser import open_player_page

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

# The map's zoom and whether the document's action lies inside the map below the boxes of
# its top-right corner (what the framing keeps clear).
VIEW = """() => {
  const map = window.krPlayer.map;
  const container = map.getContainer();
  const bounds = L.latLngBounds(window.krPlayer.doc.bounds);
  const [nw, se] = [bounds.getNorthWest(), bounds.getSouthEast()].map((ll) => map.latLngToContainerPoint(ll));
  const corner = container.querySelector('.leaflet-top.leaflet-right').offsetHeight;
  return { zoom: map.getZoom(), height: map.getSize().y,
           inside: nw.x >= 0 && nw.y >= corner && se.x <= container.clientWidth && se.y <= container.clientHeight };
}"""

# Make the head `extra` pixels taller (the map as much shorter) and wait until the map knows.
GROW_HEAD = """(extra) => {
  document.querySelector('.krp-head').style.paddingBottom = `${6 + extra}px`;
}"""
KNOWS = """() => { const map = window.krPlayer.map;
  return map.getSize().y === map.getContainer().clientHeight; }"""


def resize(page, extra: int) -> dict:
    page.evaluate(GROW_HEAD, extra)
    page.wait_for_function(KNOWS)
    return page.evaluate(VIEW)


def test_a_map_that_grows_a_little_keeps_its_zoom_and_one_too_short_is_framed_again(
    chromium, exported
):
    # Full HD: the map is tall enough for the whole action below the corner's five boxes (on
    # a shorter map the framing gives them at most half its height).
    context = chromium.browser.new_context(viewport={"width": 1920, "height": 1080})
    try:
        page, errors = open_player_page(context, exported.as_uri() + "#year=1989&month=10")
        # The boxes of the map's top-right corner came after it opened: its first resize
        # frames the action below them all.
        resize(page, 2)
        whole = resize(page, 0)
        assert whole["inside"], "framed on the whole action"
        # Shorten the map a little at a time until the action no longer fits at its zoom:
        # the map is framed again, a notch out, and the action stays inside.
        shorter = None
        for extra in range(8, 400, 8):
            view = resize(page, extra)
            assert view["inside"], f"the action left the map when it was {extra} px shorter"
            if view["zoom"] != whole["zoom"]:
                shorter = view
                break
        assert shorter is not None and shorter["zoom"] == whole["zoom"] - 0.25, (
            "a map short enough is framed again, a notch out"
        )
        # Back to its full height: a new framing would zoom in by that notch again; the view
        # is held, since the action still lies in its room.
        grown = resize(page, 0)
        assert grown["height"] == whole["height"]
        assert grown["zoom"] == shorter["zoom"], "a map grown by a little keeps its zoom"
        assert grown["inside"]
        assert errors == []
    finally:
        context.close()
