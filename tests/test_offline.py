"""Maps work with no internet: Leaflet comes from the installed package, never from a CDN."""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from urllib.parse import urlparse

import folium
import folium.plugins
import pytest

from kr_map.offline import (
    OnlineAssetError,
    external_urls,
    inline_assets,
    make_offline,
    offline_css,
    offline_js,
    offline_map,
    standalone_html,
)

from .browser import StreamlitServer, require_chromium

REPO = Path(__file__).resolve().parents[1]
PAILIN = (12.85, 102.61)
ANLONG_VENG = (14.23, 104.08)


def border_map() -> folium.Map:
    """Return an offline map with every kind of element kr-map draws."""
    m = offline_map(location=(12.9, 104.0), zoom_start=7, tiles=None)
    folium.CircleMarker(
        PAILIN, radius=8, color="#b2182b", fill=True, popup="<b>Pailin</b>", tooltip="Pailin"
    ).add_to(m)
    folium.PolyLine([PAILIN, ANLONG_VENG], color="#2166ac").add_to(m)
    folium.Marker(ANLONG_VENG, icon=folium.DivIcon(html="<span>Anlong Veng</span>")).add_to(m)
    k5_belt = {
        "type": "Feature",
        "properties": {"name": "K5 belt"},
        "geometry": {
            "type": "Polygon",
            "coordinates": [[[102.5, 13.5], [103.5, 13.5], [103.5, 14.2], [102.5, 13.5]]],
        },
    }
    folium.GeoJson(
        {"type": "FeatureCollection", "features": [k5_belt]},
        tooltip=folium.GeoJsonTooltip(["name"]),
        popup=folium.GeoJsonPopup(["name"]),
    ).add_to(m)
    return m


# --- the rendered page -------------------------------------------------------


def test_offline_map_with_markers_lines_popups_and_geojson_needs_no_external_url():
    page = border_map().get_root().render()
    assert external_urls(page) == []
    assert "cdn.jsdelivr" not in page and "code.jquery" not in page


def test_a_plain_folium_map_is_caught_needing_cdns():
    needed = external_urls(folium.Map(tiles=None).get_root().render())
    assert any("leaflet" in url for url in needed)
    assert any("jquery" in url for url in needed)


def test_the_leaflet_script_is_the_installed_packages_own():
    installed = (
        resources.files("js_lib_leaflet").joinpath("static", "js_lib_leaflet", "leaflet.js")
    ).read_bytes()
    name, url = offline_js()[0]
    assert name == "leaflet"
    assert base64.b64decode(url.split(",", 1)[1]) == installed


def test_leaflet_css_carries_its_images_inline():
    css = base64.b64decode(offline_css()[0][1].split(",", 1)[1]).decode()
    assert "url(images/" not in css
    assert "url(data:image/png;base64," in css


def test_make_offline_changes_only_that_map_not_folium_defaults():
    before = list(folium.Map.default_js)
    make_offline(folium.Map(tiles=None))
    assert folium.Map.default_js == before
    assert external_urls(folium.Map(tiles=None).get_root().render()) != []


# --- external_urls -----------------------------------------------------------


def test_external_urls_ignores_attribution_links_and_tile_templates():
    m = offline_map(tiles="OpenStreetMap")
    page = m.get_root().render()
    assert "tile.openstreetmap.org" in page
    assert "<a href=" in page or "href=\\" in page
    assert external_urls(page) == []


@pytest.mark.parametrize(
    ("snippet", "url"),
    [
        ('<script src="https://x.org/a.js"></script>', "https://x.org/a.js"),
        ("<link rel='stylesheet' href='//x.org/a.css'/>", "//x.org/a.css"),
        ("<style>@import url(http://x.org/b.css);</style>", "http://x.org/b.css"),
        ("<style>@import 'https://x.org/c.css';</style>", "https://x.org/c.css"),
        ('<style>.a{background:url("https://x.org/i.png")}</style>', "https://x.org/i.png"),
        ('<img src="https://x.org/photo.jpg">', "https://x.org/photo.jpg"),
    ],
)
def test_external_urls_finds_every_kind_of_required_reference(snippet, url):
    assert external_urls(snippet) == [url]


def test_external_urls_accepts_local_and_data_references():
    page = '<script src="data:text/javascript;base64,AA=="></script><link href="app.css">'
    assert external_urls(page) == []


# --- standalone HTML ---------------------------------------------------------


def test_standalone_html_writes_leaflet_inline():
    page = standalone_html(border_map())
    assert "Leaflet 1.9.4" in page
    assert "data:text/javascript" not in page
    assert "<style>" in page and ".leaflet-container" in page
    assert external_urls(page) == []


def test_inline_assets_leaves_other_scripts_alone():
    page = '<script src="app.js"></script><script>var a = 1;</script>'
    assert inline_assets(page) == page


def test_inlined_text_cannot_close_its_script_early():
    payload = base64.b64encode(b"var s = '</script><b>x</b>';").decode()
    page = inline_assets(f'<script src="data:text/javascript;base64,{payload}"></script>')
    assert page.count("</script>") == 1
    assert "<\\/script>" in page


def test_standalone_html_refuses_a_plugin_that_needs_a_cdn():
    m = border_map()
    folium.plugins.MarkerCluster().add_to(m)
    with pytest.raises(OnlineAssetError, match="markercluster"):
        standalone_html(m)


# --- what streamlit-folium is given -------------------------------------------


def test_st_folium_is_given_only_data_urls(monkeypatch):
    import streamlit_folium

    sent = {}
    monkeypatch.setattr(streamlit_folium, "_component_func", lambda **kw: sent.update(kw))
    group = folium.FeatureGroup(name="events")
    folium.CircleMarker(ANLONG_VENG, radius=5, popup="Anlong Veng").add_to(group)
    streamlit_folium.st_folium(border_map(), key="map", feature_group_to_add=group)

    links = sent["js_links"] + sent["css_links"]
    assert [name for name, _ in offline_js()] == ["leaflet", "kr_map_folium_support"]
    assert links and all(link.startswith("data:") for link in links)
    assert external_urls(sent["header"] + sent["html"]) == []


# --- in a real browser, with the internet blocked -------------------------------


def _playwright():
    require_chromium()
    return pytest.importorskip("playwright.sync_api")


class Offline:
    """Playwright route handler: lets local requests through, aborts and records the rest."""

    def __init__(self) -> None:
        self.blocked: list[str] = []

    def __call__(self, route) -> None:
        url = urlparse(route.request.url)
        if url.scheme in ("data", "file", "blob", "about") or url.hostname in (
            "localhost",
            "127.0.0.1",
        ):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()


pytest_plugins = ["tests.browser"]


@pytest.fixture
def offline_page(chromium):
    """Yield (page, offline) in the suite's headless Chromium, every non-local request aborted."""
    context = chromium.browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    offline = Offline()
    page.route("**/*", offline)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page, offline
    context.close()
    assert errors == []


@pytest.mark.browser
def test_standalone_file_draws_markers_and_opens_popups_offline(offline_page, tmp_path):
    from playwright.sync_api import expect

    page, offline = offline_page
    path = tmp_path / "map.html"
    path.write_text(standalone_html(border_map()), encoding="utf-8")
    page.goto(path.as_uri())

    markers = page.locator("path.leaflet-interactive")
    expect(markers).to_have_count(3)  # circle, line, polygon
    markers.first.dispatch_event("click")
    expect(page.locator(".leaflet-popup-content")).to_contain_text("Pailin")
    expect(page.get_by_text("Anlong Veng")).to_be_visible()
    assert offline.blocked == []


APP = """
import folium
import streamlit as st
from streamlit_folium import st_folium

from kr_map.basemap import base_map, layer_control, load_borders

year = st.slider("Year", 1979, 1999, 1985)
m = base_map(load_borders({borders!r}), tiles_online=True)
folium.CircleMarker({pailin}, radius=8, color="#b2182b", fill=True, popup="<b>Pailin</b>").add_to(m)
folium.PolyLine([{pailin}, {anlong_veng}], color="#2166ac").add_to(m)
events = folium.FeatureGroup(name="Events")
folium.CircleMarker(
    (11.0 + (year - 1979) * 0.2, 104.5), radius=6, color="green", popup=f"Events of {{year}}",
    class_name="kr-test-event",
).add_to(events)
st_folium(
    m,
    key="map",
    feature_group_to_add=[events],
    layer_control=layer_control(),
    height=500,
    use_container_width=True,
    returned_objects=[],
)
"""


@pytest.fixture
def streamlit_app(tmp_path) -> Iterator[str]:
    """Yield the URL of a tiny st_folium app (in tmp_path) running on a free local port.

    It is built the way kr-map's page is: a fresh base map on every run, the
    date's layers passed as ``feature_group_to_add``, and the layer control as
    ``layer_control``.
    """
    _playwright()
    app = tmp_path / "app.py"
    app.write_text(
        APP.format(
            borders=str(REPO / "data" / "borders.geojson"), pailin=PAILIN, anlong_veng=ANLONG_VENG
        ),
        encoding="utf-8",
    )
    env = {"PYTHONPATH": f"{REPO / 'src'}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    server = StreamlitServer(tmp_path / "server.log", env=env, app=app)
    server.start()  # a port taken meanwhile is retried on another
    try:
        yield server.url
    finally:
        server.stop()


@pytest.mark.browser
def test_streamlit_map_draws_offline_and_updates_layers_in_place(
    offline_page, streamlit_app, tmp_path
):
    from playwright.sync_api import expect

    page, offline = offline_page
    page.goto(streamlit_app)
    frame = page.frame_locator('iframe[title="streamlit_folium.st_folium"]')
    expect(frame.locator("path.leaflet-interactive")).to_have_count(3, timeout=30_000)
    page.screenshot(path=tmp_path / "streamlit-offline.png")

    event = frame.locator("path.kr-test-event")
    before = event.get_attribute("d")
    frame.locator("body").evaluate("() => { window.krMounted = 'first'; }")
    page.get_by_role("slider").press("ArrowRight")
    expect(event).not_to_have_attribute("d", before, timeout=20_000)
    # The feature group changed in place: same iframe document, map not remounted.
    assert frame.locator("body").evaluate("() => window.krMounted") == "first"

    frame.locator("path.leaflet-interactive").first.dispatch_event("click")
    expect(frame.locator(".leaflet-popup-content")).to_contain_text("Pailin")
    expect(frame.locator(".kr-country-name", has_text="Cambodia")).to_be_visible()
    expect(frame.locator(".leaflet-control-layers")).to_have_count(1)
    # Only the optional online tiles were asked for, and their failure harmed nothing.
    assert offline.blocked and all("tile.openstreetmap.org" in url for url in offline.blocked)
