"""The look of the map and page: large type, high contrast, the same in app and export."""

from __future__ import annotations

import folium
from branca.element import Element

# Inside the map: popups, labels and symbols. Sizes are for a projector at 1280x720.
MAP_CSS = """
.leaflet-container { background: #dfe9f2; font-family: "DejaVu Sans", Arial, sans-serif; }
.leaflet-popup-content { font-size: 16px; line-height: 1.35; color: #111; margin: 12px 14px; }
.kr-popup { max-height: 340px; overflow-y: auto; }
.kr-card h4 { font-size: 18px; margin: 0 0 6px; }
.kr-facts th { text-align: left; padding: 1px 10px 1px 0; color: #333; font-weight: 600;
  vertical-align: top; }
.kr-facts td { padding: 1px 0; }
.kr-summary { margin: 6px 0; }
.kr-quote { margin: 6px 0; padding: 4px 10px; border-left: 4px solid #555; background: #f4f4f4;
  font-style: italic; }
.kr-source { font-size: 14px; color: #333; }
.kr-sep { border: 0; border-top: 2px solid #888; margin: 10px 0; }
.leaflet-tooltip { font-size: 16px; color: #111; border: 1px solid #333; }
.kr-symbol { position: relative; line-height: 0; }
.kr-badge { position: absolute; right: -10px; top: -10px; background: #111; color: #fff;
  font: bold 13px/18px sans-serif; min-width: 18px; height: 18px; border-radius: 9px;
  text-align: center; padding: 0 3px; }
.kr-label { position: absolute; left: 24px; top: 2px; white-space: nowrap; line-height: 1.1;
  font: bold 14px sans-serif; color: #111; text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; }
.kr-label, .kr-badge { pointer-events: none; }
.kr-camp .kr-label { left: auto; right: 26px; text-align: right; }
.kr-place-label { display: block; text-align: right; white-space: nowrap; line-height: 22px;
  font: bold 15px sans-serif; color: #111;
  text-shadow: 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff, 0 0 3px #fff; }
.kr-country-label { font: bold 18px sans-serif; color: #555; letter-spacing: 2px;
  text-shadow: 0 0 3px #fff; white-space: nowrap; }
.kr-frame { display: none; }
/* Inside streamlit-folium's frame: fill it, whatever height the page gives the frame. */
#map_div { height: 100vh !important; }
"""

# Around the map in Streamlit: the date and caption must read from the back of a room.
PAGE_CSS = """
.block-container { padding-top: 1rem !important; padding-bottom: 1rem !important; }
div[data-testid="stMainBlockContainer"] { padding-top: 1rem !important; }
.kr-title { font-size: 2rem; margin: 0; }
.kr-sub { font-size: 1rem; margin: 0 0 .5rem; }
.kr-head { display: flex; align-items: center; gap: 1.4rem; }
.kr-head .kr-date { flex: none; }
.kr-head .kr-caption { margin: 0; display: -webkit-box; -webkit-line-clamp: 2;
  -webkit-box-orient: vertical; overflow: hidden; }
.kr-source { overflow-wrap: anywhere; }
.kr-title-line { font-size: 1.15rem; font-weight: 700; line-height: 1.25; }
.kr-facts-line { font-size: .95rem; color: #333; }
.kr-event p { margin: .2rem 0; font-size: 1rem; }
.kr-date-small { font-size: 2.2rem !important; }
.kr-panel-title { font-size: 1.5rem; margin: 0 0 .3rem; }
.kr-story h2 { font-size: 1.7rem; margin: 0 0 .4rem; }
.kr-narrative { font-size: 1.35rem; line-height: 1.4; }
.kr-sources { padding-left: 1rem; }
.kr-changes { font-size: 1.25rem; }
.kr-legend-compact h4 { display: none; }
/* Beside the sidebar the step buttons are narrow: icons only, the words kept for screen
   readers; presentation mode has room and shows them. */
:is(.st-key-step_back, .st-key-play, .st-key-step_forward) button [data-testid="stMarkdownContainer"] {
  position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); }
/* The map grows with the window: a 1080p projector gets a bigger map than a laptop. */
iframe[src*="streamlit_folium"] { height: max(420px, calc(100vh - 235px)) !important; }
.st-key-events_panel { height: max(420px, calc(100vh - 235px)) !important; }
.kr-event .kr-card h4 { font-size: 1.15rem; margin: .2rem 0; }
.kr-event table { font-size: .95rem; }
.kr-date { font-size: 3.2rem; font-weight: 800; line-height: 1.05; color: #111; margin: 0; }
.kr-caption { font-size: 1.3rem; line-height: 1.3; color: #111; margin: .2rem 0 .4rem; }
.kr-legend { font-size: 1rem; color: #111; }
.kr-legend h4 { font-size: 1.05rem; margin: .4rem 0 .2rem; }
.kr-legend ul { list-style: none; padding: 0; margin: 0; }
.kr-legend li { display: flex; align-items: center; gap: .45rem; margin: .15rem 0; }
.kr-swatch { display: inline-block; width: 1.1rem; height: 1.1rem; border-radius: 50%;
  border: 2px solid #111; flex: none; }
.kr-line { display: inline-block; width: 1.6rem; height: .35rem; flex: none; }
.kr-ring { display: inline-block; width: 1.1rem; height: 1.1rem; border-radius: 50%;
  border: 4px solid #E69F00; flex: none; }
.kr-zone-swatch { display: inline-block; width: 1.4rem; height: 1rem; background: #D55E0033;
  border: 2px dashed #D55E00; flex: none; }
.kr-event { border-left: 5px solid #111; padding: .2rem .6rem; margin: .4rem 0; }
.kr-event .kr-when { font-weight: 700; }
.kr-quote { margin: .25rem 0; padding: .2rem .6rem; border-left: 3px solid #777;
  background: #f3f3f3; font-style: italic; }
.kr-source { font-size: .9rem; color: #333; }
"""


# Presentation mode: no sidebar, no chrome, the map and the date as large as possible.
PRESENT_CSS = """
section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"] { display: none !important; }
.block-container { padding: .4rem 1.2rem 0 !important; max-width: 100% !important; }
.kr-date { font-size: 4.2rem; }
.kr-caption { font-size: 1.6rem; }
.kr-legend-compact { font-size: .92rem; line-height: 1.15; }
:is(.st-key-step_back, .st-key-play, .st-key-step_forward) button [data-testid="stMarkdownContainer"] {
  position: static; width: auto; height: auto; clip-path: none; }
.kr-legend-compact li { margin: .05rem 0; }
iframe[src*="streamlit_folium"] { height: max(420px, calc(100vh - 205px)) !important; }
"""


def map_style() -> Element:
    """Return a <style> element for the map's page (popups, labels, symbols)."""
    return Element(f"<style>{MAP_CSS}</style>")


def add_map_style(fmap: folium.Map) -> folium.Map:
    """Return the map with kr-map's styles in its header."""
    fmap.get_root().header.add_child(map_style(), name="kr_map_style")
    return fmap
