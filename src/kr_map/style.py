"""The look of the Streamlit page around the map (the map's own look is assets/player.css)."""

from __future__ import annotations

from string import Template

# Around the map: sidebar, story text, notices. Large type for a projector.
PAGE_CSS = """
.block-container { padding-top: .8rem !important; padding-bottom: 1rem !important; }
div[data-testid="stMainBlockContainer"] { padding-top: .8rem !important; }
.kr-title { font-size: 2rem; margin: 0; }
/* The Mode and Language switches (segmented controls): the chosen one in white on blue,
   readable (Streamlit's own tint of the primary colour fails WCAG contrast). */
.st-key-mode button[data-selected="true"], .st-key-lang button[data-selected="true"] { background: #0b4f8a !important; border-color: #0b4f8a !important; }
.st-key-mode button[data-selected="true"] p, .st-key-lang button[data-selected="true"] p { color: #fff !important; }
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
/* The tables of the events and of the changes of hands (page.table_html). */
.kr-table { border-collapse: collapse; width: 100%; font-size: 1rem; }
/* The caption is for screen readers: the heading or the expander above says it already. */
.kr-table caption { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
.kr-table th, .kr-table td { border: 1px solid #bbb; padding: .25rem .45rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
.kr-table thead th { background: #eef4fa; }
/* The map grows with the window: a 1080p projector gets a bigger map than a laptop. */
iframe[src*="streamlit_folium"] { height: max(460px, calc(100vh - 120px)) !important; }
"""

# Compare on the wall lists this many changes of hands, two to a row, on a screen up to 800 px
# high ("short") and above ("tall"), each in at most this many lines; page.changes_html counts
# the rest.
WALL_CHANGES = {"short": 2, "tall": 4}
WALL_CHANGE_LINES = 3

# Presentation mode: no sidebar, no chrome, the map as large as the screen (the map's
# own layout for the wall is in assets/player.css: .krp-staged). "Leave presentation"
# sits at the right end of the time bar, where the player keeps room for it (leaveRoom).
PRESENT_CSS = """
section[data-testid="stSidebar"], div[data-testid="stSidebarCollapsedControl"],
header[data-testid="stHeader"], div[data-testid="stToolbar"],
div[data-testid="stStatusWidget"] { display: none !important; }
.block-container, div[data-testid="stMainBlockContainer"] { padding: 0 !important;
  max-width: 100% !important; }
div[data-testid="stMainBlockContainer"] div[data-testid="stVerticalBlock"] { gap: 0 !important; }
.kr-narrative { font-size: 1.6rem; }
.st-key-leave_present { position: fixed; bottom: 8px; right: 10px; z-index: 1000;
  width: auto !important; }
.st-key-leave_present button { min-height: 52px; padding: 4px 14px; border: 2px solid #111; }
.st-key-leave_present button p { font-size: 24px !important; }
iframe[src*="streamlit_folium"] { height: 100vh !important; display: block; }
div[data-testid="stHorizontalBlock"] { gap: 6px !important; }
/* Notes about the address float over the top of the map, then fade after a while. */
.kr-notice { font-size: 24px; }
.kr-notice-address { position: fixed; top: 8px; left: 50%; transform: translateX(-50%); z-index: 1001;
  font-size: 24px; max-width: 80vw; animation: kr-fade 1s 12s forwards; }
@keyframes kr-fade { to { opacity: 0; visibility: hidden; } }
"""

# Compare on the wall: the band of changes under the two maps (WALL_CHANGES above).
_COMPARE_WALL = Template(
    """
/* Compare on the wall: the two maps, and under them the changes with dates and sources, in
   whole lines (nothing scrolls, nothing is cut): the heading on one line, the first changes
   in two columns of three lines each (one row of them on a screen up to 800 px high, two
   above), then how many were left out (page.changes_html: WALL_CHANGES), on the foot's line
   with "Leave presentation" at its right end. Khmer's lines are taller (its vowels stack). */
.st-key-map_left_box iframe, .st-key-map_right_box iframe {
  height: calc(100vh - var(--kr-band)) !important; }
:root { --kr-line: 30px; --kr-foot: 40px; --kr-rows: $short_rows;
  --kr-band: calc(6px + var(--kr-line) * (1 + $lines * var(--kr-rows)) + var(--kr-foot)); }
:root:has(.kr-changes:lang(km)) { --kr-line: 38px; }
.kr-changes { height: var(--kr-band); box-sizing: border-box; overflow: hidden; padding: 2px 12px;
  font-size: 24px; line-height: var(--kr-line); border-top: 2px solid #111; }
.kr-changes * { font-size: 24px !important; line-height: var(--kr-line) !important; }
.kr-changes h2 { margin: 0; padding: 0; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.kr-changes ul { margin: 0; padding: 0; list-style: none; display: grid;
  grid-template-columns: minmax(0, 1fr) minmax(0, 1fr); column-gap: 32px; }
.kr-changes li { margin: 0; display: -webkit-box; -webkit-box-orient: vertical;
  -webkit-line-clamp: $lines; line-clamp: $lines; overflow: hidden; }
.kr-changes li:nth-child(n+$short_next), .kr-changes .kr-more-tall { display: none; }
.kr-changes .kr-more { margin: 0; padding-right: 300px; font-style: italic;
  line-height: var(--kr-foot) !important; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
:root:has(.kr-changes) .st-key-leave_present { bottom: 2px; }
:root:has(.kr-changes) .st-key-leave_present button { min-height: 36px; padding: 0 14px; }
:root:has(.kr-changes) .st-key-leave_present button p { line-height: 1.2 !important; }
@media (min-height: 801px) {
  :root { --kr-rows: $tall_rows; }
  .kr-changes li:nth-child(n+$short_next) { display: -webkit-box; }
  .kr-changes li:nth-child(n+$tall_next), .kr-changes .kr-more-short { display: none; }
  .kr-changes .kr-more-tall { display: block; }
}
.kr-changes .kr-quote { font-style: italic; margin: 0; padding: 0 4px; border-left: 0; }
.kr-changes .kr-source { color: #333; }
"""
)
PRESENT_CSS += _COMPARE_WALL.substitute(
    lines=WALL_CHANGE_LINES,
    short_rows=WALL_CHANGES["short"] // 2,
    tall_rows=WALL_CHANGES["tall"] // 2,
    short_next=WALL_CHANGES["short"] + 1,
    tall_next=WALL_CHANGES["tall"] + 1,
)
