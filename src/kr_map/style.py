"""The look of the Streamlit page around the map (the map's own look is assets/player.css)."""

from __future__ import annotations

# Around the map: sidebar, story text, notices. Large type for a projector.
PAGE_CSS = """
.block-container { padding-top: .8rem !important; padding-bottom: 1rem !important; }
div[data-testid="stMainBlockContainer"] { padding-top: .8rem !important; }
.kr-title { font-size: 2rem; margin: 0; }
.kr-sub { font-size: 1rem; margin: 0 0 .5rem; }
.kr-notice { font-size: 1.1rem; padding: .5rem .8rem; border-left: 6px solid #0b4f8a;
  background: #eef4fa; color: #111; margin: 0 0 .4rem; }
.kr-notice-warning { border-left-color: #7a3200; background: #fff3e6; }
.kr-story { max-height: calc(100vh - 150px); overflow-y: auto; padding-right: .4rem; }
.kr-story h3 { font-size: 1.2rem; margin: .6rem 0 .2rem; }
.kr-story h2 { font-size: 1.7rem; margin: 0 0 .4rem; }
.kr-narrative { font-size: 1.35rem; line-height: 1.4; }
.kr-sources { padding-left: 1rem; }
.kr-quote { margin: .25rem 0; padding: .2rem .6rem; border-left: 3px solid #555;
  background: #f1f1f1; font-style: italic; }
.kr-source { font-size: .95rem; color: #222; overflow-wrap: anywhere; }
/* The map grows with the window: a 1080p projector gets a bigger map than a laptop. */
iframe[src*="streamlit_folium"] { height: max(460px, calc(100vh - 120px)) !important; }
"""

# Presentation mode: no sidebar, no chrome, the map as large as the screen allows.
PRESENT_CSS = """
section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"] { display: none !important; }
.block-container { padding: .3rem .6rem 0 !important; max-width: 100% !important; }
.kr-narrative { font-size: 1.6rem; }
.st-key-leave_present { position: fixed; bottom: 2px; right: 6px; z-index: 1000; width: auto !important; }
iframe[src*="streamlit_folium"] { height: calc(100vh - 12px) !important; }
"""
