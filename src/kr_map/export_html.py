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

# Defined in the page's header, before folium's map script binds popups to it.
_TEXTS_JS = """
var krExport = (function () {
  var cache = null, icons = [];
  function data() {
    if (cache === null) {
      cache = JSON.parse(document.getElementById("%(id)s").textContent);
    }
    return cache;
  }
  function icon(index) {
    if (!icons[index]) { icons[index] = L.divIcon(data().icons[index]); }
    return icons[index];
  }
  return { data: data, icon: icon, text: function (index) { return data().texts[index]; } };
})();
"""

# Sizes are for a classroom projector at 1280x720: the date reads from the back row.
PLAYER_CSS = """
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #111; background: #fff; }
:root { --kx-top: 136px; --kx-side: 410px; }
.folium-map { position: absolute !important; top: var(--kx-top) !important; left: 0 !important;
  right: var(--kx-side) !important; bottom: 0 !important; width: auto !important;
  height: auto !important; }
#kx-top { position: absolute; top: 0; left: 0; right: 0; height: var(--kx-top);
  box-sizing: border-box; padding: 6px 18px 0; background: #fff; border-bottom: 2px solid #333; }
.kx-row { display: flex; align-items: center; gap: 18px; height: 62px; }
#kx-date { font-size: 46px; font-weight: 800; line-height: 1; min-width: 8.9em;
  white-space: nowrap; }
.kx-title { font-size: 16px; line-height: 1.35; flex: 1; min-width: 0; color: #222; }
.kx-buttons { display: flex; align-items: center; gap: 10px; flex: none; }
.kx-buttons button, .kx-buttons select { font: 600 18px/1 "DejaVu Sans", Arial, sans-serif;
  height: 46px; padding: 0 12px; border: 2px solid #222; border-radius: 8px;
  background: #f2f2f2; color: #111; cursor: pointer; }
.kx-buttons #kx-play { min-width: 124px; background: #111; color: #fff; }
.kx-buttons label { font-size: 18px; display: flex; align-items: center; gap: 6px; }
.kx-buttons input[type=checkbox] { width: 22px; height: 22px; }
button:focus-visible, select:focus-visible, input:focus-visible, summary:focus-visible {
  outline: 4px solid #0072B2; outline-offset: 2px; }
.kx-slider-wrap { position: relative; height: 64px; }
#kx-slider { display: block; width: 100%; height: 36px; margin: 0; -webkit-appearance: none;
  appearance: none; background: transparent; cursor: pointer; }
#kx-slider::-webkit-slider-runnable-track { height: 10px; background: #bbb; border-radius: 5px; }
#kx-slider::-moz-range-track { height: 10px; background: #bbb; border-radius: 5px; }
#kx-slider::-webkit-slider-thumb { -webkit-appearance: none; width: 30px; height: 30px;
  margin-top: -10px; border-radius: 50%; background: #111; border: 3px solid #fff;
  box-shadow: 0 0 0 2px #111; }
#kx-slider:focus-visible { outline: none; }
#kx-slider:focus-visible::-webkit-slider-thumb { box-shadow: 0 0 0 2px #111, 0 0 0 7px #0072B2; }
#kx-slider:focus-visible::-moz-range-thumb { box-shadow: 0 0 0 2px #111, 0 0 0 7px #0072B2; }
#kx-slider::-moz-range-thumb { width: 26px; height: 26px; border-radius: 50%; background: #111;
  border: 3px solid #fff; box-shadow: 0 0 0 2px #111; }
#kx-ticks { position: absolute; left: 0; right: 0; top: 33px; height: 28px; }
.kx-tick { position: absolute; top: 0; width: 2px; height: 6px; background: #777; }
.kx-year { position: absolute; top: 6px; border: 0; padding: 0 3px; background: none;
  font: 600 16px/21px "DejaVu Sans", Arial, sans-serif; color: #222; cursor: pointer;
  white-space: nowrap; }
.kx-year.kx-current { color: #fff; background: #111; border-radius: 4px; }
#kx-side { position: absolute; top: var(--kx-top); right: 0; bottom: 0; width: var(--kx-side);
  box-sizing: border-box; border-left: 2px solid #333; display: flex; flex-direction: column;
  background: #fff; }
.kx-caption-box { flex: none; padding: 8px 14px; border-bottom: 1px solid #bbb; }
#kx-caption { margin: 0; font-size: 17px; line-height: 1.3; font-weight: 600;
  display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 4; line-clamp: 4;
  overflow: hidden; }
.kx-box { position: absolute; z-index: 1000; box-sizing: border-box;
  background: rgba(255, 255, 255, 0.95); border: 2px solid #333; border-radius: 6px;
  padding: 2px 10px; box-shadow: 0 1px 5px rgba(0, 0, 0, 0.35); }
.kx-box summary { font-size: 17px; font-weight: 700; cursor: pointer; padding: 4px 0; }
#kx-legend { top: calc(var(--kx-top) + 8px); left: 8px; width: 268px;
  max-height: calc(100% - var(--kx-top) - 16px); overflow-y: auto; }
.leaflet-bottom.leaflet-left .leaflet-control-scale { margin: 0 0 26px 290px; }
#kx-legend .kr-legend { font-size: 14px; padding-bottom: 6px; }
#kx-legend .kr-legend h4 { display: block; font-size: 14px; margin: 4px 0 2px; color: #333;
  text-transform: uppercase; letter-spacing: 0.05em; }
#kx-legend .kr-legend li { margin: 0 0 1px; line-height: 1.15; gap: 7px; }
#kx-legend .kr-legend li svg, #kx-legend .kr-legend li img { flex: none; width: 18px;
  height: 18px; }
#kx-legend .kr-swatch, #kx-legend .kr-ring { width: 14px; height: 14px; }
#kx-layers { position: relative; font-size: 15px; }
#kx-layers label { display: flex; align-items: center; gap: 6px; line-height: 1.5; }
#kx-layers label:last-child { padding-bottom: 6px; }
#kx-layers input { width: 18px; height: 18px; flex: none; margin: 0; }
#kx-events-title { flex: none; font-size: 18px; margin: 0; padding: 8px 14px 2px; }
#kx-events { flex: 1; overflow-y: auto; list-style: none; margin: 0; padding: 0 14px 12px; }
.kx-event { border-left: 6px solid #777; padding: 4px 10px; margin: 8px 0; background: #f7f7f7; }
.kx-event h3 { font-size: 17px; margin: 0 0 3px; line-height: 1.25; }
.kx-event p { margin: 2px 0; font-size: 15px; line-height: 1.3; }
.kx-event .kx-facts { font-weight: 600; }
.kx-event .kr-quote { font-size: 15px; margin: 4px 0; }
.kx-event .kr-source { font-size: 13px; }
.kx-help { display: block; font-size: 14px; color: #444; font-weight: 400; }
@media (max-width: 900px) {
  :root { --kx-side: 0px; }
  #kx-date { font-size: 32px; min-width: 0; }
  .kx-title { display: none; }
  .folium-map { bottom: 45% !important; }
  #kx-side { top: 55%; width: 100%; border-left: 0; border-top: 2px solid #333; }
  #kx-legend { width: 220px; max-height: 40%; }
}
"""

_PLAYER_JS = r"""
document.addEventListener("DOMContentLoaded", function () {
  "use strict";
  var ATTRIBUTION = "Borders: Natural Earth · Texts: Wikipedia (CC BY-SA) · kr-map";
  var data = krExport.data();
  var map = window[data.map];
  var frames = data.frames;
  var byId = function (id) { return document.getElementById(id); };
  var slider = byId("kx-slider"), dateLabel = byId("kx-date"), caption = byId("kx-caption");
  var playButton = byId("kx-play"), speed = byId("kx-speed"), loop = byId("kx-loop");
  var eventsTitle = byId("kx-events-title"), eventsList = byId("kx-events");
  var enabled = {};
  data.layers.forEach(function (name) { enabled[name] = true; });
  var current = -1, onMap = [], timer = null;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined) { node.textContent = text; }
    return node;
  }

  function groupsOf(index) {
    var frame = frames[index], out = [];
    data.layers.forEach(function (name) {
      if (enabled[name] && frame.groups[name]) { out.push(window[frame.groups[name]]); }
    });
    out.push(window[frame.stamp]);
    return out;
  }

  function eventCard(event) {
    var card = el("li", "kx-event");
    if (/^#[0-9A-Fa-f]{3,8}$/.test(event.colour)) { card.style.borderLeftColor = event.colour; }
    card.appendChild(el("h3", "", event.title));
    card.appendChild(el("p", "kx-facts", [event.when, event.kind, event.place]
      .filter(Boolean).join(" · ")));
    if (event.factions) { card.appendChild(el("p", "kx-who", event.factions)); }
    if (event.people) { card.appendChild(el("p", "kx-people", event.people)); }
    card.appendChild(el("blockquote", "kr-quote", "“" + event.quote + "”"));
    var source = "Source: seeds/" + event.seed + " (Wikipedia, CC BY-SA)";
    card.appendChild(el("p", "kr-source", source));
    return card;
  }

  function listEvents(frame) {
    var cards = frame.events.map(function (id) { return eventCard(data.events[id]); });
    eventsTitle.textContent = cards.length
      ? "Events in " + frame.label + " (" + cards.length + ")"
      : "No events recorded for " + frame.label;
    eventsList.textContent = "";
    cards.forEach(function (card) { eventsList.appendChild(card); });
    eventsList.scrollTop = 0;
  }

  function show(index) {
    index = Math.max(0, Math.min(frames.length - 1, index));
    var frame = frames[index];
    onMap.forEach(function (group) { map.removeLayer(group); });
    onMap = groupsOf(index);
    onMap.forEach(function (group) { group.addTo(map); });
    if (index !== current) {
      current = index;
      slider.value = String(index);
      slider.setAttribute("aria-valuetext", frame.label);
      dateLabel.textContent = frame.label;
      caption.textContent = frame.caption;
      caption.title = frame.caption;
      listEvents(frame);
      markYear(frame.year);
      try {
        history.replaceState(null, "", "#" + frame.key);
      } catch (error) { /* some browsers refuse for file:// pages; the link just lags */ }
    }
  }

  function step(by) {
    var last = frames.length - 1;
    if (loop.checked) { show((current + by + frames.length) % frames.length); }
    else { show(Math.max(0, Math.min(last, current + by))); }
  }

  function tick() {
    if (current >= frames.length - 1 && !loop.checked) { pause(); } else { step(1); }
  }
  function play() {
    if (current >= frames.length - 1 && !loop.checked) { show(0); }
    timer = window.setInterval(tick, Number(speed.value));
    playButton.textContent = "❚❚ Pause";
    playButton.setAttribute("aria-pressed", "true");
  }
  function pause() {
    window.clearInterval(timer);
    timer = null;
    playButton.textContent = "▶ Play";
    playButton.setAttribute("aria-pressed", "false");
  }
  function toggle() { if (timer === null) { play(); } else { pause(); } }

  // Year labels under the slider; labels that would overlap their neighbour are left out.
  var years = [];
  frames.forEach(function (frame, index) {
    if (!years.length || years[years.length - 1].year !== frame.year) {
      years.push({ year: frame.year, index: index });
    }
  });
  function drawYears() {
    var box = byId("kx-ticks"), thumb = 30, span = Math.max(1, frames.length - 1);
    var usable = slider.clientWidth - thumb, lastRight = -Infinity;
    box.textContent = "";
    years.forEach(function (entry) {
      var x = thumb / 2 + usable * entry.index / span;
      var mark = el("span", "kx-tick");
      mark.style.left = x - 1 + "px";
      box.appendChild(mark);
      var label = el("button", "kx-year", String(entry.year));
      label.type = "button";
      label.tabIndex = -1;
      label.dataset.year = String(entry.year);
      label.addEventListener("click", function () { pause(); show(entry.index); });
      box.appendChild(label);
      var width = label.offsetWidth;
      var left = Math.max(0, Math.min(box.clientWidth - width, x - width / 2));
      if (left < lastRight + 10) {
        label.remove();
      } else {
        label.style.left = left + "px";
        lastRight = left + width;
      }
    });
    if (current >= 0) { markYear(frames[current].year); }
  }
  function markYear(year) {
    document.querySelectorAll(".kx-year").forEach(function (label) {
      label.classList.toggle("kx-current", label.dataset.year === String(year));
    });
  }

  slider.addEventListener("input", function () { show(Number(slider.value)); });
  playButton.addEventListener("click", toggle);
  byId("kx-prev").addEventListener("click", function () { pause(); step(-1); });
  byId("kx-next").addEventListener("click", function () { pause(); step(1); });
  speed.addEventListener("change", function () { if (timer !== null) { pause(); play(); } });
  document.querySelectorAll("#kx-layers input").forEach(function (box) {
    box.addEventListener("change", function () {
      enabled[box.value] = box.checked;
      show(current);
    });
  });

  // Arrows step and space plays from anywhere; the slider steps itself (and says so with
  // an input event), form controls keep their own keys, and the map does not pan.
  window.addEventListener("keydown", function (event) {
    var target = event.target, tag = target && target.tagName;
    if (event.altKey || event.ctrlKey || event.metaKey) { return; }
    if (tag === "SELECT" || tag === "TEXTAREA") { return; }
    if (event.key === " " || event.key === "Spacebar") {
      var activates = tag === "BUTTON" || tag === "SUMMARY" || target.type === "checkbox";
      if (activates) { return; }
      event.preventDefault();
      toggle();
    } else if ((event.key === "ArrowRight" || event.key === "ArrowLeft") && target !== slider) {
      event.preventDefault();
      event.stopPropagation();
      pause();
      step(event.key === "ArrowRight" ? 1 : -1);
    } else if (target === slider && event.key.indexOf("Arrow") === 0) {
      pause();
    }
  }, true);

  // Frame the places beside the legend, not under it.
  if (data.bounds) {
    var legend = byId("kx-legend");
    var left = legend.open && legend.offsetWidth < map.getSize().x / 2
      ? legend.offsetLeft + legend.offsetWidth : 0;
    map.fitBounds(data.bounds, { paddingTopLeft: [left + 12, 20], paddingBottomRight: [20, 20] });
  }
  map.attributionControl.addAttribution(ATTRIBUTION);
  // The left edge belongs to the legend: the layer boxes and zoom buttons stack top right.
  var LayerBoxes = L.Control.extend({
    onAdd: function () {
      var box = byId("kx-layers");
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    },
  });
  new LayerBoxes({ position: "topright" }).addTo(map);
  map.zoomControl.setPosition("topright");

  // A link may name a frame ("#1989-10") or just a year ("#1989": its first frame).
  var wanted = decodeURIComponent(location.hash.slice(1));
  var start = frames.findIndex(function (frame) { return frame.key === wanted; });
  if (start < 0) {
    start = Math.max(0, frames.findIndex(function (frame) { return String(frame.year) === wanted; }));
  }
  drawYears();
  window.addEventListener("resize", drawYears);
  show(start);
  document.body.classList.add("kx-ready");
});
"""


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
    root.header.add_child(Element(f"<style>{style.PAGE_CSS}{PLAYER_CSS}</style>"), name="kx_css")
    root.header.add_child(
        Element(f"<script>{_TEXTS_JS % {'id': DATA_ELEMENT_ID}}</script>"), name="kx_texts"
    )
    root.html.add_child(Element(player_markup(entries, layers, legend)), name="kx_markup")
    root.html.add_child(
        Element(f'<script type="application/json" id="{DATA_ELEMENT_ID}">{document_json}</script>'),
        name="kx_data",
    )
    root.script.add_child(Element(_PLAYER_JS), name="kx_player")
