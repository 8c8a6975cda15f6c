"""Contracts A and B in the browser, on a hand-made frames document (docs/ARCHITECTURE.md).

A: in predict mode, "Reveal next" at the end of a document that says ``more`` asks the
server at once for the next frame. B: territory areas in four statuses that read in
greyscale, movements whose destination the sources do not name, cards that say how
each statement is known, and the legend's "How this is drawn" line.
The page is a plain map with the player (no Streamlit): a stand-in for
``window.Streamlit`` records what the player reports.
"""

from __future__ import annotations

import copy

import pytest

pytest.register_assert_rewrite("tests.browser")

from kr_map import offline, symbols  # noqa: E402
from kr_map.player import Player  # noqa: E402

from .browser import PROJECTOR, open_player_page  # noqa: E402

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

KR, PRK = "#CC3311", "#0077BB"
SQUARE = [[[102.5, 12.8], [102.9, 12.8], [102.9, 13.1], [102.5, 13.1], [102.5, 12.8]]]


def area(status: str, west: float, factions: list[str]) -> dict:
    ring = [[lon + west - 102.5, lat] for lon, lat in SQUARE[0]]
    return {
        "type": "area", "layer": "zones", "faction": factions[0], "factions": factions,
        "status": status, "geometry": {"type": "Polygon", "coordinates": [ring]},
        "tip": f"{status} area <b>not markup</b>", "cards": [0],
    }  # fmt: skip


def move(toward) -> dict:
    return {
        "type": "move", "layer": "movements", "id": "m", "from": [13.0, 103.5], "to": None,
        "toward": toward, "open": True, "colour": "#332288", "w": 4, "vague": False,
        "inferred": False, "factions": [], "label": "Pailin → ?", "tip": "fled Pailin",
        "cards": [0], "more": 0,
    }  # fmt: skip


FRAME = {"label": "", "month": None, "caption": "", "events": [], "ongoing": [], "government": None}
DOCUMENT = {
    "version": 1, "title": "Contracts", "layers": ["zones", "movements"],
    "layerTitles": {"zones": "Zones", "movements": "Movements"},
    "factions": [
        {"id": "khmer_rouge", "name": "Khmer Rouge", "short": "KR", "colour": KR,
         "side": "resistance", "mark": "KR", "ink": "#000000"},
        {"id": "prk", "name": "PRK", "short": "PRK", "colour": PRK, "side": "government",
         "mark": "P", "ink": "#FFFFFF"},
    ],
    "frames": [
        {**FRAME, "key": "1989", "label": "1989", "year": 1989, "features": [0, 1, 2, 3, 4, 5],
         "government": {"faction": "prk", "card": 0}},
        {**FRAME, "key": "1990", "label": "1990", "year": 1990, "features": [0]},
    ],
    "features": [
        area("stated", 102.0, ["khmer_rouge"]), area("inferred", 102.6, ["khmer_rouge"]),
        area("after", 103.2, ["prk"]), area("contested", 103.8, ["khmer_rouge", "prk"]),
        move([13.6, 104.4]), move(None),
    ],
    "cards": [{
        "title": "Pailin", "facts": [["Held by", "Khmer Rouge"]], "summary": "",
        "basis": [["Pailin was held", "stated", "the source says so"],
                  ["its extent", "inferred", "<i>no boundary</i> given"]],
        "quote": "quote", "seed": "s.txt",
    }],
    "events": {}, "bounds": [[12.6, 101.8], [13.8, 104.6]],
    "territory": {"type": "Polygon", "coordinates": [
        [[101.5, 12.0], [105.0, 12.0], [105.0, 14.2], [101.5, 14.2], [101.5, 12.0]]]},
    "territoryNote": "Areas are sketches around the places the sources name.", "more": True,
}  # fmt: skip
RECORDER = "window.Streamlit = { sent: [], setComponentValue(v) { this.sent.push(v); } };"


@pytest.fixture
def page_of(chromium, tmp_path):
    """Return a function opening the player on DOCUMENT with mount options, from disk."""
    contexts = []

    def open_page(options: dict, document: dict = DOCUMENT):
        fmap = offline.offline_map(location=[13, 103], zoom_start=8)
        Player({"doc": copy.deepcopy(document), **options}).add_to(fmap)
        path = tmp_path / f"page{len(contexts)}.html"
        path.write_text(offline.standalone_html(fmap), encoding="utf-8")
        context = chromium.browser.new_context(viewport=PROJECTOR)
        contexts.append(context)
        context.add_init_script(RECORDER)
        return open_player_page(context, path.as_uri())

    yield open_page
    for context in contexts:
        context.close()


def test_each_area_status_reads_in_greyscale_and_takes_no_tab_stop(page_of):
    page, errors = page_of({})
    fills = {
        status: page.get_attribute(f"path.krp-area-{status}", "fill")
        for status in ("stated", "inferred", "after", "contested")
    }
    assert fills["stated"].upper() == KR
    assert fills["inferred"].startswith("url(#") and "hatch-khmer_rouge" in fills["inferred"]
    assert fills["after"] == "none"
    assert page.get_attribute("path.krp-area-after", "stroke-dasharray")
    assert fills["contested"].startswith("url(#") and "cross" in fills["contested"]
    contested_ink = symbols.look()["areas"]["contestedInk"]
    assert page.get_attribute("path.krp-area-contested", "stroke") == contested_ink
    for fill in (fills["inferred"], fills["contested"]):  # the patterns are in the page
        assert page.locator(f"pattern#{fill[5:-1]}").count() == 1
    assert page.locator('.krp-area:not([tabindex="-1"])').count() == 0  # no Tab stop
    assert errors == []


def test_areas_lie_under_lines_and_markers(page_of):
    page, _ = page_of({})
    order = page.evaluate(
        """() => [...document.querySelectorAll('.leaflet-overlay-pane path')].map((p) =>
             p.classList.contains('krp-government') ? 'government'
               : p.classList.contains('krp-area') ? 'area' : 'line')"""
    )
    assert order[0] == "government", "the shading of the government of the day is lowest"
    assert order.index("line") > max(i for i, kind in enumerate(order) if kind == "area")
    assert page.locator(".leaflet-marker-pane .krp-area").count() == 0


def test_an_area_says_what_it_is_in_a_tooltip_as_text(page_of):
    page, _ = page_of({})
    page.hover("path.krp-area-stated", force=True)
    tip = page.locator(".leaflet-tooltip")
    tip.wait_for()
    assert tip.text_content() == "stated area <b>not markup</b>"


def test_an_open_movement_fades_out_with_no_arrowhead_or_mark_at_an_end(page_of):
    page, _ = page_of({})
    opacities = page.eval_on_selector_all(
        "path.krp-move-open", "ps => ps.map(p => Number(p.getAttribute('stroke-opacity')))"
    )
    assert len(opacities) == len(symbols.look()["openMove"]["opacities"])
    assert opacities == sorted(opacities, reverse=True) and opacities[-1] < opacities[0]
    assert page.locator(".krp-svg-box").count() == 0, "no arrowhead"
    # with no direction either: one small mark at its origin, a button like every marker
    assert page.locator(".krp-open-mark").count() == 1
    assert page.locator(".krp-icon:has(.krp-open-mark)").get_attribute("role") == "button"


def test_the_legend_has_a_line_per_status_and_says_how_areas_are_drawn(page_of):
    page, _ = page_of({})
    legend = page.locator(".krp-legend-body")
    statuses = symbols.look()["areas"]["statuses"]
    for status, style in statuses.items():
        assert legend.locator(f".krp-area-sample.krp-area-{status}").count() == 1
        assert style["legend"] in legend.text_content()
    note = legend.locator(".krp-territory-note")
    assert note.text_content() == "How this is drawn: " + DOCUMENT["territoryNote"]
    assert "destination not given" in legend.text_content()
    page.keyboard.press("ArrowRight")  # 1990 shows the stated area only
    page.wait_for_selector('.krp-shell[data-frame="1990"]', state="attached")
    assert legend.locator(".krp-area-sample").count() == 1


def test_a_card_lists_how_each_statement_is_known_as_plain_text(page_of):
    page, _ = page_of({})
    page.click("path.krp-area-stated", force=True)
    items = page.locator(".krp-popup .krp-basis-list li")
    assert items.count() == 2
    assert items.nth(1).text_content() == "its extent (inferred): <i>no boundary</i> given"
    assert page.locator(".krp-popup .krp-basis-list i").count() == 0


def test_reveal_next_at_the_documents_end_asks_the_server_at_once(page_of):
    options = {"mode": "predict", "start": "1990", "limit": "1990", "layers": ["zones"]}
    page, errors = page_of(options)
    reveal = page.locator(".krp-reveal")
    assert reveal.is_enabled()
    reveal.click()
    sent = page.evaluate("() => window.Streamlit.sent")
    assert sent == [
        {
            "reveal": "next", "frame": "1990", "revealed": "1990",
            "layers": ["zones"], "factions": ["khmer_rouge", "prk"],
        }
    ]  # fmt: skip
    assert page.get_attribute(".krp-shell", "data-frame") == "1990"
    assert errors == []


def test_reveal_next_is_off_at_the_end_of_everything(page_of):
    page, _ = page_of({"mode": "predict", "limit": "1990"}, {**DOCUMENT, "more": False})
    assert page.locator(".krp-reveal").is_disabled()
