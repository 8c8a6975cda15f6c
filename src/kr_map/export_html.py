"""The self-contained HTML export: every frame's layers, a time slider and the events list.

One file that opens from disk with no server and no network: Leaflet and all
scripts are inline (:mod:`kr_map.offline`), the borders are bundled
(:mod:`kr_map.basemap`), and the layers are the app's own
(:func:`kr_map.layers.frame_layers`, built once per frame).

Every frame's feature groups are created hidden; a small player script adds
the current frame's groups to the map and removes the previous ones. Frame
data (group names, captions, event lists) travels as one JSON document in a
``<script type="application/json">`` element, with ``<``, ``>`` and ``&``
written as ``\\u003c`` etc., and the player writes it into the page with
``textContent`` only, so no text from the CSVs is ever parsed as HTML by it.

Popups, tooltips and marker icons repeat from frame to frame (a place held
for ten years has the same card in every frame), so they are stored once in
that JSON and bound by index (:class:`SharedPopup`, :class:`SharedTooltip`,
:class:`SharedIcon`). This keeps the file small and keeps data text out of
folium's JavaScript template literals.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import folium
import pandas as pd
from branca.element import Element, Html, MacroElement
from folium.template import Template
from folium.utilities import camelize

from kr_map import basemap, model, offline, page, popups, style, timeline
from kr_map.layers import frame_layers
from kr_map.loader import Dataset, default_data_dir
from kr_map.schema import split_list
from kr_map.vocab import LAYER_TITLES, LAYERS

__all__ = [
    "SharedIcon",
    "SharedPopup",
    "SharedTooltip",
    "ValueTable",
    "build_page",
    "period_of",
    "script_json",
]

PAGE_TITLE = "Khmer Rouge insurgency, 1979–1999: kr-map"
DATA_ELEMENT_ID = "kr-export-data"
_LAYER_OF_TITLE = {title: name for name, title in LAYER_TITLES.items()}
# Places within this many degrees (lat, lon) of the map's centre frame the opening view.
_FRAME_DEGREES = (4.0, 5.0)


class ValueTable:
    """JSON values stored once and referred to by index (popup cards, tooltips, icons)."""

    def __init__(self) -> None:
        self._index: dict[str, int] = {}
        self.values: list[Any] = []

    def add(self, value: Any) -> int:
        """Return the index of ``value``, storing it the first time it is seen."""
        key = json.dumps(value, sort_keys=True)
        if key not in self._index:
            self._index[key] = len(self.values)
            self.values.append(value)
        return self._index[key]


@dataclass(frozen=True)
class SharedTables:
    """The page's tables of repeated things: HTML texts, and divIcon options."""

    texts: ValueTable
    icons: ValueTable


class SharedPopup(MacroElement):
    """A popup whose HTML lives in the page's text table: ``bindPopup(krExport.text(i))``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindPopup(
            krExport.text({{ this.index }}), {{ this.options|tojavascript }});
        {% endmacro %}
        """
    )

    def __init__(self, index: int, options: dict[str, Any]) -> None:
        super().__init__()
        self._name = "SharedPopup"
        self.index = index
        self.options = options


class SharedTooltip(MacroElement):
    """A tooltip whose HTML lives in the page's text table: ``bindTooltip(krExport.text(i))``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.bindTooltip(
            krExport.text({{ this.index }}), {{ this.options|tojavascript }});
        {% endmacro %}
        """
    )

    def __init__(self, index: int, options: dict[str, Any]) -> None:
        super().__init__()
        self._name = "SharedTooltip"
        self.index = index
        self.options = options


class SharedIcon(MacroElement):
    """A marker's divIcon, made once per distinct look: ``setIcon(krExport.icon(i))``."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.setIcon(krExport.icon({{ this.index }}));
        {% endmacro %}
        """
    )

    def __init__(self, index: int) -> None:
        super().__init__()
        self._name = "SharedIcon"
        self.index = index


def _icon_options(icon: folium.DivIcon) -> dict[str, Any]:
    """Return a divIcon's options as Leaflet takes them (camelCase keys)."""
    return {
        camelize(key): list(v) if isinstance(v, tuple) else v for key, v in icon.options.items()
    }


def _popup_html(popup: folium.Popup) -> str:
    """Return the HTML a folium popup shows (undoing the backtick escape folium adds)."""
    parts = []
    for child in popup.html._children.values():
        if isinstance(child, Html):
            data = child.data.replace("\\`", "`")
            parts.append(data if child.script else html.escape(data))
        else:
            parts.append(child.render())
    return "".join(parts)


def _tooltip_html(tooltip: folium.Tooltip) -> str:
    """Return the HTML a folium tooltip shows (its text is HTML, as in folium)."""
    css = getattr(tooltip, "style", None)
    return f'<div style="{html.escape(css)}">{tooltip.text}</div>' if css else tooltip.text


def share_repeats(element: Any, tables: SharedTables) -> None:
    """Replace every popup, tooltip and divIcon under ``element`` by one bound from ``tables``."""
    for key, child in list(element._children.items()):
        if isinstance(child, folium.Popup):
            shared: MacroElement = SharedPopup(
                tables.texts.add(_popup_html(child)), dict(child.options)
            )
        elif isinstance(child, folium.Tooltip):
            shared = SharedTooltip(tables.texts.add(_tooltip_html(child)), dict(child.options))
        elif isinstance(child, folium.DivIcon) and getattr(element, "icon", None) is child:
            shared = SharedIcon(tables.icons.add(_icon_options(child)))
            element.icon = None  # or folium's Marker would set the original icon as well
        else:
            share_repeats(child, tables)
            continue
        shared._parent = element
        element._children[key] = shared


def period_of(frame: timeline.Frame) -> model.Period:
    """Return the period a slider frame shows: its year, or its month."""
    return model.year(frame.year) if frame.month is None else model.month(frame.year, frame.month)


@dataclass(frozen=True)
class FrameEntry:
    """What the player needs about one frame: its groups and what to list beside the map."""

    key: str
    label: str
    year: int
    caption: str
    groups: dict[str, str]  # layer name -> JS variable of its feature group
    stamp: str
    events: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "label": self.label,
            "year": self.year,
            "caption": self.caption,
            "groups": self.groups,
            "stamp": self.stamp,
            "events": self.events,
        }


def add_frames(
    fmap: folium.Map,
    dataset: Dataset,
    frames: Iterable[timeline.Frame],
    layers: Iterable[str],
    tables: SharedTables,
) -> list[FrameEntry]:
    """Add every frame's feature groups to the map, hidden, and return what the player needs."""
    wanted = tuple(layers)
    camps = model.camp_spans(dataset)
    entries = []
    for frame in frames:
        state = model.state_at(dataset, period_of(frame), camps)
        groups, stamp = {}, ""
        for group in frame_layers(state, dataset.factions, wanted):
            share_repeats(group, tables)
            _hide(group)
            group.add_to(fmap)
            layer = _LAYER_OF_TITLE.get(group.layer_name)
            if layer is None:
                stamp = group.get_name()
            else:
                groups[layer] = group.get_name()
        entries.append(
            FrameEntry(
                key=state.period.key,
                label=state.period.label,
                year=frame.year,
                caption=page.caption(state, dataset.factions),
                groups=groups,
                stamp=stamp,
                events=[str(e) for e in state.events["event_id"]],
            )
        )
    return entries


def _hide(group: folium.FeatureGroup) -> None:
    """Make a frame's group start off the map and out of any layer control, with stable ids."""
    group.show = False
    group.control = False
    own = group._id  # layers.py gives groups readable ids (control_1990); keep them
    basemap.stable_ids(group, f"kr-export/{own}")
    group._id = own


def event_records(dataset: Dataset) -> dict[str, dict[str, Any]]:
    """Return each event as the player lists it: plain text fields, by event id."""
    factions = dataset.factions
    records = {}
    for event in dataset.events.itertuples(index=False):
        ids = split_list(str(event.factions))
        first = ids[0] if ids and ids[0] in factions.index else ""
        records[str(event.event_id)] = {
            "title": str(event.title),
            "when": str(event.when),
            "kind": str(event.kind).replace("_", " "),
            "place": "" if pd.isna(event.place_name) else str(event.place_name),
            "factions": ", ".join(
                str(factions.loc[f, "short_name"]) if f in factions.index else f for f in ids
            ),
            "people": popups.people_text(event.people_low, event.people_high),
            "summary": str(event.summary),
            "quote": str(event.quote),
            "seed": str(event.seed),
            "colour": str(factions.loc[first, "colour"]) if first else "",
        }
    return records


def script_json(document: Any) -> str:
    """Return JSON that is safe inside a <script> element: no '<', '>' or '&' characters."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _compact_script(page_html: str) -> str:
    """Return the page without indentation and blank lines (folium indents generously).

    Only whitespace at the start of lines goes. Data text is never inside a
    multi-line string here: popups and tooltips live in the JSON table.
    """
    return re.sub(r"\n[ \t]*(?:\n[ \t]*)*", "\n", page_html)


def build_page(
    dataset: Dataset,
    first: int = model.FIRST_YEAR,
    last: int = model.LAST_YEAR,
    layers: Iterable[str] = LAYERS,
    *,
    borders: dict[str, Any] | None = None,
    tiles_online: bool = False,
) -> tuple[str, list[FrameEntry]]:
    """Return the self-contained HTML page for the years ``first``..``last``, and its frames."""
    wanted = tuple(name for name in LAYERS if name in set(layers))
    borders = borders if borders is not None else _default_borders(dataset)
    fmap = style.add_map_style(basemap.base_map(borders, tiles_online=tiles_online))
    tables = SharedTables(texts=ValueTable(), icons=ValueTable())
    frames = timeline.frames(first, last, monthly=model.dense_years(dataset))
    entries = add_frames(fmap, dataset, frames, wanted, tables)
    if tiles_online:
        basemap.layer_control().add_to(fmap)
    listed = sorted({e for entry in entries for e in entry.events})
    events = event_records(dataset)
    document = {
        "map": fmap.get_name(),
        "layers": list(wanted),
        "bounds": places_bounds(dataset),
        "frames": [entry.as_json() for entry in entries],
        "events": {event_id: events[event_id] for event_id in listed},
        "texts": tables.texts.values,
        "icons": tables.icons.values,
    }
    root = fmap.get_root()
    root.title = PAGE_TITLE
    legend = page.legend_html(dataset.factions, compact=True)
    add_player(root, script_json(document), legend, entries, wanted)
    rendered = _compact_script(root.render())
    return offline.inline_assets(rendered), entries


def places_bounds(dataset: Dataset) -> list[list[float]] | None:
    """Return [[south, west], [north, east]] around the places near Cambodia, to frame the map.

    Far-off places (Tonkin, say) are left out so the map opens close in; people pan to them.
    """
    places = dataset.places
    near = places[
        ((places["lat"] - basemap.CENTRE[0]).abs() <= _FRAME_DEGREES[0])
        & ((places["lon"] - basemap.CENTRE[1]).abs() <= _FRAME_DEGREES[1])
    ]
    if near.empty:
        return None
    return [
        [float(near["lat"].min()), float(near["lon"].min())],
        [float(near["lat"].max()), float(near["lon"].max())],
    ]


def _default_borders(dataset: Dataset) -> dict[str, Any]:
    """Return the borders stored beside the data, or the bundled ones."""
    for folder in (dataset.data_dir, default_data_dir()):
        path = folder / "borders.geojson"
        if path.is_file():
            return basemap.load_borders(path)
    raise FileNotFoundError("borders.geojson not found beside the data or in the bundled data/")


# --- The player: markup, style and script around the map -----------------------------


def asset(name: str) -> str:
    """Return one of the player's files (style and script) shipped in ``kr_map/assets``.

    The page's header holds ``export_texts.js`` (defined before folium's map script binds
    popups to it); ``export_player.css`` is sized for a projector at 1280x720.
    """
    return resources.files("kr_map").joinpath("assets", name).read_text(encoding="utf-8")


def player_markup(entries: list[FrameEntry], layers: tuple[str, ...], legend: str) -> str:
    """Return the page's chrome: date, buttons, slider, caption, legend, layers and events."""
    first = entries[0]
    span = f"{entries[0].year}–{entries[-1].year}" if len(entries) > 1 else str(first.year)
    toggles = "".join(
        f'<label><input type="checkbox" value="{name}" checked> '
        f"{html.escape(LAYER_TITLES[name])}</label>"
        for name in layers
    )
    return f"""
<header id="kx-top">
<div class="kx-row">
<div id="kx-date">{html.escape(first.label)}</div>
<div class="kx-title"><strong>Khmer Rouge insurgency</strong>
<span class="kx-help">{span} · keys: ← → space</span></div>
<div class="kx-buttons">
<button type="button" id="kx-prev" title="Previous (←)">◀ Back</button>
<button type="button" id="kx-play" aria-pressed="false"
 title="Play or pause (space)">▶ Play</button>
<button type="button" id="kx-next" title="Next (→)">Next ▶</button>
<select id="kx-speed" aria-label="Playing speed">
<option value="3000">Slow</option><option value="1500" selected>Normal</option>
<option value="600">Fast</option>
</select>
<label><input type="checkbox" id="kx-loop"> Loop</label>
</div>
</div>
<div class="kx-slider-wrap">
<input type="range" id="kx-slider" min="0" max="{len(entries) - 1}" step="1" value="0"
 aria-label="Date" aria-valuetext="{html.escape(first.label)}">
<div id="kx-ticks"></div>
</div>
</header>
<details id="kx-legend" class="kx-box" open><summary>Legend</summary>{legend}</details>
<details id="kx-layers" class="kx-box"><summary>Layers</summary>
<div role="group" aria-label="Layers shown">{toggles}</div></details>
<aside id="kx-side">
<div class="kx-caption-box"><p id="kx-caption">{html.escape(first.caption)}</p></div>
<h2 id="kx-events-title">Events</h2>
<ol id="kx-events"></ol>
</aside>
"""


def add_player(
    root: Any, document_json: str, legend: str, entries: list[FrameEntry], layers: tuple[str, ...]
) -> None:
    """Add the player's style, data, markup and script to the map's page."""
    player_css = asset("export_player.css")
    texts_js = asset("export_texts.js").replace("__DATA_ELEMENT_ID__", DATA_ELEMENT_ID)
    root.header.add_child(Element(f"<style>{style.PAGE_CSS}{player_css}</style>"), name="kx_css")
    root.header.add_child(Element(f"<script>{texts_js}</script>"), name="kx_texts")
    root.html.add_child(Element(player_markup(entries, layers, legend)), name="kx_markup")
    root.html.add_child(
        Element(f'<script type="application/json" id="{DATA_ELEMENT_ID}">{document_json}</script>'),
        name="kx_data",
    )
    root.script.add_child(Element(asset("export_player.js")), name="kx_player")
