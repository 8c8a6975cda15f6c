"""The map's skeleton: bundled national borders, names, and an optional online tile layer.

The map must be readable with no tile server, so land, coasts and borders come
from ``data/borders.geojson`` (Natural Earth, built by ``scripts/build_basemap.py``).
Online tiles (OpenStreetMap) are an extra layer the caller asks for; offline
they simply stay blank and the bundled land shows through.

The skeleton is deterministic: the same borders give byte-identical HTML on
every call, because folium's random element ids are replaced by ids derived
from each element's place in the tree (:func:`stable_ids`). streamlit-folium
remounts the map whenever the map's script changes, and reproducible exports
diff cleanly.
"""

from __future__ import annotations

import hashlib
import html
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import folium
from branca.element import Element

from kr_map.offline import make_offline

__all__ = [
    "CENTRE",
    "ZOOM",
    "base_map",
    "border_layer",
    "country_labels",
    "layer_control",
    "load_borders",
    "online_tiles",
    "stable_ids",
]

CENTRE = (12.9, 104.0)  # the Cambodian-Thai border north of Pailin
ZOOM = 7
# Leaflet panes: tiles 200 < land 250 < names 350 < overlays 400 (our data) < markers 600.
LAND_PANE = "kr-land"
NAMES_PANE = "kr-country-names"

SEA = "#dce8ee"
_FILL = {"KH": "#e9dcbc", "focus": "#f1ebdd", "context": "#f4f2ec", "lake": SEA}
_STROKE = "#555555"
_SHORE = "#8fb1c2"

_BASEMAP_CSS = f"""
<style>
  div.leaflet-container {{ background: {SEA}; }}
  .kr-country-name {{
    font: 600 12px/16px system-ui, sans-serif; letter-spacing: 0.12em;
    text-transform: uppercase; text-align: center; white-space: nowrap;
    color: #6b6458; text-shadow: 0 0 3px #fff, 0 0 3px #fff;
  }}
  .kr-country-name.kr-context {{ font-weight: 400; color: #99948a; }}
  .kr-country-name.kr-KH {{ font-size: 14px; color: #5a4e36; }}
  .kr-country-name.kr-lake {{
    font-weight: 400; font-style: italic; letter-spacing: 0.04em;
    text-transform: none; color: #4f7890;
  }}
</style>
"""


def load_borders(path: Path | str) -> dict[str, Any]:
    """Return the borders GeoJSON FeatureCollection stored at ``path``."""
    with open(path, encoding="utf-8") as file:
        borders = json.load(file)
    if borders.get("type") != "FeatureCollection":
        raise ValueError(
            f"{path}: expected a GeoJSON FeatureCollection, got {borders.get('type')!r}"
        )
    return borders


def base_map(borders: dict[str, Any], *, tiles_online: bool = False) -> folium.Map:
    """Return the offline map skeleton: land and borders, country names, no tiles.

    ``tiles_online`` adds the OpenStreetMap layer (shown; a layer control can
    hide it) and makes the land fill translucent so the tiles show through.
    The map has no layer control of its own: see :func:`layer_control`.
    """
    m = make_offline(
        folium.Map(
            location=CENTRE,
            zoom_start=ZOOM,
            tiles=None,
            min_zoom=6,
            control_scale=True,
            **_panning_limits(borders),
        )
    )
    m.get_root().header.add_child(Element(_BASEMAP_CSS), name="kr_basemap_css")
    folium.map.CustomPane(LAND_PANE, z_index=250).add_to(m)
    folium.map.CustomPane(NAMES_PANE, z_index=350).add_to(m)
    if tiles_online:
        online_tiles().add_to(m)
    border_layer(borders, translucent=tiles_online).add_to(m)
    country_labels(borders).add_to(m)
    return stable_ids(m, "kr-basemap")


def _panning_limits(borders: dict[str, Any]) -> dict[str, Any]:
    """Return folium.Map options that stop panning at the edge of the bundled borders."""
    if "bbox" not in borders:
        return {}
    west, south, east, north = borders["bbox"]
    return {
        "max_bounds": True,
        "min_lon": west,
        "min_lat": south,
        "max_lon": east,
        "max_lat": north,
    }


def border_layer(borders: dict[str, Any], *, translucent: bool = False) -> folium.GeoJson:
    """Return the countries as filled, outlined land (Cambodia emphasised), in the land pane.

    Context countries (clipped at the edge of the covered area) are filled but
    not outlined, so the clip line does not pass for a border. The layer is not
    interactive: clicks go through to the historical layers above it.
    """
    opacity = 0.35 if translucent else 1.0
    return folium.GeoJson(
        _features_copied(borders),  # folium may add ids to the features it is given
        name="Borders",
        style_function=lambda feature: _country_style(feature["properties"], opacity),
        control=False,
        interactive=False,
        pane=LAND_PANE,
        zoom_on_click=False,
    )


def _features_copied(borders: dict[str, Any]) -> dict[str, Any]:
    """Return the borders with each feature and its properties copied, geometry shared.

    folium may add ids to the features it is given, never to their coordinates, so a copy of
    the dicts above them keeps the caller's borders as they were without copying every
    coordinate of every country on each open of the map (a deep copy took ~0.1 s).
    """
    features = [
        {**feature, "properties": dict(feature.get("properties") or {})}
        for feature in borders.get("features", [])
    ]
    return {**borders, "features": features}


def _country_style(properties: dict[str, Any], fill_opacity: float) -> dict[str, Any]:
    """Return the Leaflet path style for one feature: a country or a lake."""
    role = properties.get("role", "focus")
    code = properties.get("iso_a2")
    if role == "lake":
        return {"fillColor": SEA, "fillOpacity": fill_opacity, "color": _SHORE, "weight": 0.8}
    focus = role == "focus"
    return {
        "fillColor": _FILL.get(code, _FILL[role]) if focus else _FILL["context"],
        "fillOpacity": fill_opacity,
        "color": _STROKE,
        "weight": (1.6 if code == "KH" else 1.0) if focus else 0,
        "stroke": focus,
    }


def country_labels(borders: dict[str, Any]) -> folium.FeatureGroup:
    """Return the names of countries (and lakes) as small permanent labels at their ``label``."""
    group = folium.FeatureGroup(name="Country names", control=False)
    for feature in borders["features"]:
        properties = feature["properties"]
        if not properties.get("label"):
            continue
        lon, lat = properties["label"]
        role, code = properties.get("role", "focus"), properties.get("iso_a2") or "none"
        classes = f"kr-country-name kr-{role} kr-{code}"
        folium.Marker(
            location=(lat, lon),
            icon=folium.DivIcon(
                html=html.escape(properties["name"]),
                icon_size=(200, 16),
                icon_anchor=(100, 8),
                class_name=classes,
            ),
            interactive=False,
            keyboard=False,
            pane=NAMES_PANE,
        ).add_to(group)
    return group


def online_tiles() -> folium.TileLayer:
    """Return the OpenStreetMap tile layer, as an overlay a layer control can hide.

    Offline its tile requests fail one by one and Leaflet leaves those tiles
    blank: nothing else on the map depends on it.
    """
    return folium.TileLayer(
        "OpenStreetMap",
        name="OpenStreetMap (online)",
        overlay=True,
        control=True,
        show=True,
    )


def layer_control() -> folium.LayerControl:
    """Return a layer control with a fixed id, to add last (export) or pass to st_folium."""
    control = folium.LayerControl(collapsed=False)
    control._id = _digest("kr-basemap", "layer-control")
    return control


def stable_ids(element: Any, namespace: str) -> Any:
    """Return the element with every id in its tree derived from its place in the tree.

    folium gives each element a random id (``uuid4``), which changes the
    generated HTML on every call. Here each id becomes a hash of ``namespace``
    and the element's path, so the same tree always renders the same way.
    Elements added afterwards keep their random ids.
    """
    for path, node in _walk(element, ""):
        node._id = _digest(namespace, path)
    return element


def _walk(element: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Yield (path, element) for the element and everything below it, in a fixed order."""
    yield path, element
    for index, child in enumerate(element._children.values()):
        yield from _walk(child, f"{path}/{index}:{type(child).__name__}")
    # Popup and Figure keep some children in sub-elements outside _children.
    for part in ("header", "html", "script"):
        sub = getattr(element, part, None)
        if isinstance(sub, Element) and sub is not element:
            yield from _walk(sub, f"{path}/{part}")


def _digest(namespace: str, path: str) -> str:
    """Return a 32-hex-digit id, like folium's own, for a place in a tree."""
    return hashlib.sha256(f"{namespace}{path}".encode()).hexdigest()[:32]
