"""Framing and declutter on the wall: the real frames in presentation, measured in Chromium.

The player runs on the real frames document in presentation mode, in a page opened from
disk (the export's own map and borders, no server), at a classroom projector's 1280x720
and at 1920x1080. For the frames a lesson stops on, the markers must not overlap (no two
boxes share more than a quarter of the smaller), the places the frame is about must show
their names, and a click on the centre of each disc must open that disc. A teacher must
get from Pailin's fall in 1989 to 1994 and 1996 in under ten key presses. Screenshots go
to artifacts/framing/ (ignored): look at them.
"""

from __future__ import annotations

import itertools

import pytest

pytest.register_assert_rewrite("tests.browser")

from kr_map import basemap, frames, offline  # noqa: E402
from kr_map.export_html import _default_borders  # noqa: E402
from kr_map.player import Player  # noqa: E402

from .browser import FULL_HD, PROJECTOR, open_player_page  # noqa: E402
from .conftest import ROOT  # noqa: E402

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

SHOTS = ROOT / "artifacts" / "framing"
STOPS = ["1979", "1985", "1989-10", "1994-04", "1997", "1998"]
VIEWPORTS = {"projector": PROJECTOR, "full-hd": FULL_HD}
# The names a lesson is about at each stop (issue 17), beside each frame's own `about`.
NAMED = {
    "1979": ["Pailin"],
    "1985": ["Pailin"],
    "1989-10": ["Pailin"],
    "1994-04": ["Pailin", "Anlong Veng"],
    "1997": ["Pailin", "Anlong Veng"],
    "1998": ["Pailin", "Anlong Veng"],
}

MARKERS_JS = """() => [...document.querySelectorAll('.leaflet-marker-pane .leaflet-marker-icon')]
  .filter((node) => !node.querySelector('.krp-svg-box'))  // arrowheads ride on their lines
  .map((node) => { const r = node.getBoundingClientRect();
    return {left: r.left, top: r.top, right: r.right, bottom: r.bottom,
            name: node.getAttribute('aria-label') || node.textContent}; })"""

# Each place's name: on the stage (its disc's centre inside the map and under none of its controls),
# shown in full, and never under a control.
LABELS_JS = """() => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  const within = (r) => r.left >= map.left && r.right <= map.right && r.top >= map.top &&
    r.bottom <= map.bottom;
  const controls = [...document.querySelectorAll('.leaflet-control')]
    .map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0);
  const inside = (x, y, r) => x > r.left && x < r.right && y > r.top && y < r.bottom;
  const backdrop = [...document.querySelectorAll('.kr-country-name')]
    .filter((n) => getComputedStyle(n).visibility === 'visible')
    .map((n) => n.getBoundingClientRect()).filter((r) => r.width > 0);
  return [...document.querySelectorAll('.krp-label-place')].map((label) => {
    const r = label.getBoundingClientRect();
    const disc = label.closest('.leaflet-marker-icon').getBoundingClientRect();
    const x = disc.left + disc.width / 2, y = disc.top + disc.height / 2;
    return {text: label.textContent,
      onStage: inside(x, y, map) && !controls.some((c) => inside(x, y, c)),
      underControl: controls.some((c) => c.left < r.right && r.left < c.right &&
        c.top < r.bottom && r.top < c.bottom),
      overBackdrop: backdrop.some((c) => c.left < r.right && r.left < c.right &&
        c.top < r.bottom && r.top < c.bottom),
      shown: !label.classList.contains('krp-label-hidden') &&
        getComputedStyle(label).visibility === 'visible' && within(r) && r.width > 0};
  });
}"""

# The held places' discs on the stage: centre inside the map, not under one of its controls
# (the zoom buttons, the locator, the layers box: framing keeps the action clear of them).
DISCS_JS = """() => {
  const map = document.querySelector('.leaflet-container').getBoundingClientRect();
  const controls = [...document.querySelectorAll('.leaflet-control')]
    .map((c) => c.getBoundingClientRect()).filter((r) => r.width > 0);
  const inside = (x, y, r) => x > r.left && x < r.right && y > r.top && y < r.bottom;
  return [...document.querySelectorAll('.leaflet-marker-icon.krp-control')].map((node) => {
    const r = node.getBoundingClientRect();
    return {x: r.left + r.width / 2, y: r.top + r.height / 2,
            title: node.querySelector('.krp-label-place').textContent};
  }).filter((d) => inside(d.x, d.y, map) && !controls.some((c) => inside(d.x, d.y, c)));
}"""


def overlap_share(a: dict, b: dict) -> float:
    """Return the share of the smaller box that two boxes cover together."""
    width = min(a["right"], b["right"]) - max(a["left"], b["left"])
    height = min(a["bottom"], b["bottom"]) - max(a["top"], b["top"])
    if width <= 0 or height <= 0:
        return 0.0
    area = min((box["right"] - box["left"]) * (box["bottom"] - box["top"]) for box in (a, b))
    return width * height / area


@pytest.fixture(scope="module")
def wall_page(tmp_path_factory):
    """Return the path of a page with the player on the real frames, in presentation."""
    from kr_map.loader import load

    dataset = load()
    borders = _default_borders(dataset)
    document = frames.frames_document(dataset, borders=borders)
    fmap = basemap.base_map(borders)
    Player({"doc": document, "present": True, "mode": "explore"}, host="export").add_to(fmap)
    path = tmp_path_factory.mktemp("wall") / "wall.html"
    path.write_text(offline.standalone_html(fmap), encoding="utf-8")
    return path, document


@pytest.fixture
def wall(chromium, wall_page):
    """Return a function opening the wall page at a viewport size."""
    path, document = wall_page
    contexts = []

    def open_wall(size: dict):
        context = chromium.browser.new_context(viewport=size)
        context.route("http*://**", lambda route: route.abort())  # no network in tests
        contexts.append(context)
        return open_player_page(context, path.as_uri())

    yield open_wall, document
    for context in contexts:
        context.close()


def show(page, key: str) -> None:
    page.evaluate("(key) => window.krPlayer.show(window.krPlayer.find(key))", key)
    page.wait_for_selector(f'.krp-shell[data-frame="{key}"]', state="attached")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_markers_never_hide_each_other_and_the_places_of_the_lesson_keep_their_names(
    wall, viewport
):
    open_wall, document = wall
    page, errors = open_wall(VIEWPORTS[viewport])
    SHOTS.mkdir(parents=True, exist_ok=True)
    names = {p["place"]: p["label"] for p in document["features"] if p["type"] == "place"}
    for key in STOPS:
        show(page, key)
        page.screenshot(path=SHOTS / f"{viewport}-{key}.png")
        boxes = page.evaluate(MARKERS_JS)
        assert boxes, key
        for a, b in itertools.combinations(boxes, 2):
            assert overlap_share(a, b) <= 0.25, (key, viewport, a["name"], b["name"])
        labels = {label["text"]: label for label in page.evaluate(LABELS_JS)}
        frame = next(f for f in document["frames"] if f["key"] == key)
        wanted = {names[p] for p in frame["about"] if p in names} | set(NAMED[key])
        on_stage = [name for name in wanted if name in labels and labels[name]["onStage"]]
        for name in on_stage:
            assert labels[name]["shown"], f"{name} has no visible name in {key} at {viewport}"
        for label in labels.values():  # a box drawn over the map would hide the name
            assert not (label["shown"] and label["underControl"]), (key, viewport, label["text"])
            # and a country's name under it would make both hard to read
            assert not (label["shown"] and label["overBackdrop"]), (key, viewport, label["text"])
        news = document["events"].get(frame["headline"] or "", {}).get("place", "")
        if news in labels:
            assert news in on_stage, f"the headline's place {news} is off the stage in {key}"
    assert errors == []


@pytest.mark.parametrize("key", STOPS)
def test_a_click_on_the_centre_of_a_disc_opens_that_disc(wall, key):
    open_wall, _document = wall
    page, errors = open_wall(PROJECTOR)
    show(page, key)
    view = page.evaluate("() => [window.krPlayer.map.getCenter(), window.krPlayer.map.getZoom()]")
    discs = page.evaluate(DISCS_JS)
    assert discs, key
    for disc in discs:  # each on the framed stage (a popup before may have panned the map)
        page.evaluate(
            "([c, z]) => { const m = window.krPlayer.map; m.closePopup();"
            " m.setView(c, z, {animate: false}); }",
            view,
        )
        page.wait_for_function("() => !document.querySelector('.leaflet-popup')")
        page.mouse.click(disc["x"], disc["y"])
        title = page.locator(".leaflet-popup .krp-card-title").first
        assert title.text_content() == disc["title"], (key, disc["title"])
    assert errors == []


def test_a_teacher_goes_from_pailins_fall_to_1994_and_1996_in_under_ten_presses(wall):
    open_wall, _document = wall
    page, errors = open_wall(PROJECTOR)
    show(page, "1989-10")
    page.locator(".leaflet-container").click(position={"x": 5, "y": 5})
    presses, stops = 0, []
    for year in (1994, 1996):
        while not page.locator(".krp-shell").get_attribute("data-frame").startswith(str(year)):
            page.keyboard.press("Shift+ArrowRight")
            presses += 1
            assert presses < 10, f"still not at {year} after {presses} presses"
        stops.append(page.locator(".krp-shell").get_attribute("data-frame"))
        labels = {label["text"]: label["shown"] for label in page.evaluate(LABELS_JS)}
        assert labels.get("Pailin"), f"Pailin has no visible name in {stops[-1]}"
        page.screenshot(path=SHOTS / f"teacher-{stops[-1]}.png")
    assert stops == ["1994", "1996"]
    assert presses < 10
    assert errors == []


def test_a_user_who_moves_the_map_keeps_their_view_until_they_reframe(wall):
    open_wall, document = wall
    page, errors = open_wall(PROJECTOR)
    show(page, "1989-10")
    reframe = page.locator(".krp-reframe")
    assert reframe.is_hidden()
    assert page.locator(".krp-locator").is_visible(), "framed close in, the locator shows"
    zoom = page.evaluate("() => window.krPlayer.map.getZoom()")
    page.locator(".leaflet-control-zoom-in").click()  # the user zooms in by a step
    reframe.wait_for(state="visible")
    page.wait_for_function("(z) => window.krPlayer.map.getZoom() === z + 1", arg=zoom)
    page.wait_for_selector(".leaflet-zoom-anim", state="detached")  # the zoom has ended
    centre = page.evaluate("() => window.krPlayer.map.getCenter()")
    show(page, "1994-04")
    assert page.evaluate("() => window.krPlayer.map.getZoom()") == zoom + 1, "the user's view stays"
    assert page.evaluate("() => window.krPlayer.map.getCenter()") == centre
    reframe.click()
    assert reframe.is_hidden()
    focus = next(f for f in document["frames"] if f["key"] == "1994-04")["focus"]
    assert page.evaluate("(f) => window.krPlayer.map.getBounds().contains(f)", focus), (
        "Reframe frames the frame's action again"
    )
    assert errors == []


def test_the_credits_come_from_the_sources_and_leaflets_link_opens_apart(wall):
    open_wall, _document = wall
    page, errors = open_wall(PROJECTOR)
    credits = page.locator(".krp-credits").text_content()
    assert credits == "Borders: Natural Earth · Texts: Wikipedia (CC BY-SA 4.0) · kr-map"
    link = page.locator(".leaflet-control-attribution a").first
    with page.context.expect_page() as opened:
        link.click()
    assert opened.value != page
    assert page.url.startswith("file://"), "the map's page stays where it was"
    page.locator(".krp-shell[data-ready=true]").wait_for(state="attached")
    assert errors == []


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_on_the_whole_country_no_name_of_ours_lies_on_a_countrys_or_the_lakes(wall, viewport):
    """Zoomed out by hand, the names crowd the base map's own (THAILAND, Tonle Sap): where one
    of ours must lie on one of those, the base map's gives way."""
    open_wall, _document = wall
    page, errors = open_wall(VIEWPORTS[viewport])
    crossed = 0
    for key in STOPS:
        show(page, key)
        page.evaluate(
            "() => new Promise((done) => { const m = window.krPlayer.map;"
            " m.once('moveend', () => requestAnimationFrame(() => requestAnimationFrame(done)));"
            " m.setView([12.9, 104.4], 7, {animate: false}); })"
        )
        labels = page.evaluate(LABELS_JS)
        assert any(label["shown"] for label in labels), key
        for label in labels:
            assert not (label["shown"] and label["overBackdrop"]), (key, viewport, label["text"])
        crossed += page.evaluate(
            "() => document.querySelectorAll('.kr-country-name.krp-label-hidden').length"
        )
    assert crossed, "at this zoom some country's name meets one of ours: the test sees it"
    assert errors == []


PANEL_JS = """() => {
  const panel = document.querySelector('.krp-panel');
  const shown = (node) => node && getComputedStyle(node).display !== 'none' &&
    node.getBoundingClientRect().height > 0;
  const cards = [...panel.querySelectorAll('.krp-event')].filter(shown);
  return {shown: shown(panel), cards: cards.length,
    compact: panel.classList.contains('krp-compact'),
    tallest: Math.max(0, ...cards.map((c) => c.getBoundingClientRect().height)),
    line: parseFloat(getComputedStyle(panel).lineHeight) || 0,
    more: shown(panel.querySelector('.krp-more'))};
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_events_panel_on_the_wall_shows_events_or_gives_way(wall, viewport):
    """Never a heading over only "… and 8 more": whole cards, else a line per event (date and
    title), else no panel at all (its room goes to the rest of the column)."""
    open_wall, _document = wall
    page, errors = open_wall(VIEWPORTS[viewport])
    for key in [*STOPS, "1993", "1994"]:
        show(page, key)
        page.evaluate(
            "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
        )
        panel = page.evaluate(PANEL_JS)
        if panel["shown"]:
            assert panel["cards"] >= 1, (key, viewport, panel)
        if panel["compact"] and panel["shown"]:
            assert panel["tallest"] < 2 * panel["line"], (key, viewport, "one line a card")
    assert errors == []


VIEW_JS = """() => { const map = window.krPlayer.map;
  return {zoom: map.getZoom(), centre: map.getCenter()}; }"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("fragment", ["#year=1989&month=10", "#year=1998"])
def test_the_opening_frame_of_the_export_is_framed_below_every_box(
    chromium, exported, viewport, fragment
):
    """The export adds its mode switch to the map's top right after the player framed the first
    frame: the opening view is the framing with every box in place (framing it again changes
    nothing), so the action does not open under them."""
    context = chromium.browser.new_context(viewport=VIEWPORTS[viewport])
    context.route("http*://**", lambda route: route.abort())
    try:
        page, errors = open_player_page(context, exported.as_uri() + fragment)
        opened = page.evaluate(VIEW_JS)
        key = page.evaluate("() => krPlayer.frames[krPlayer.index].key")
        show(page, "1979")  # away and back: the frame framed again, every box in place
        show(page, key)
        assert page.evaluate(VIEW_JS) == opened, (viewport, fragment)
        assert errors == []
    finally:
        context.close()
