"""The event strip and the who-held-what chart in headless Chromium, with the network cut.

The export is opened from disk and the app from its local Streamlit server; both
use one Chromium (tests/browser.py). What the strip and the chart draw is checked
against the model (``model.state_at``, the control table), not against the
document they were drawn from. Screenshots (1280x720) go to artifacts/screens/ (ignored);
scripts/screenshots.py makes the README's images in docs/.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.browser")  # before the import: it is also a plugin

from kr_map import model  # noqa: E402

from .browser import PROJECTOR, AppPage, files_only  # noqa: E402
from .conftest import ROOT  # noqa: E402

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

SHOTS = ROOT / "artifacts" / "screens"


def shot(name: str) -> Path:
    """Return where a screenshot goes: the ignored artifacts/screens/ folder."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / name


class Offline:
    """The export opened from disk in a fresh 1280x720 context: only file: and data: load."""

    def __init__(self, chromium, path: Path, fragment: str = "") -> None:
        self.context = chromium.browser.new_context(viewport=PROJECTOR)
        self.blocked = files_only(self.context)
        self.errors: list[str] = []
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_selector(".krp-shell[data-charts=ready]", state="attached")


@pytest.fixture
def offline(chromium, exported):
    opened = []

    def opener(fragment: str = "") -> Offline:
        opened.append(Offline(chromium, exported, fragment))
        return opened[-1]

    yield opener
    for page in opened:
        page.context.close()


# ------------------------------------------------------------------ helpers (one page or frame)
def shown_frame(where) -> str:
    return where.get_attribute(".krp-shell", "data-frame")


def holder(where, place_id: str) -> str | None:
    """Return the faction whose control marker sits on a place in the frame shown, if any."""
    return where.evaluate(
        """(id) => { const p = window.krPlayer;
        const i = p.frames[p.index].features.find((f) => { const x = p.doc.features[f];
          return x.type === "place" && x.id === id && p.onMap[f]; });
        return i === undefined ? null : p.doc.features[i].faction; }""",
        place_id,
    )


def slide_to(where, key: str) -> None:
    """Drag the slider to a frame as a browser reports it: new value, then input and change."""
    position = where.evaluate("(k) => krPlayer.positionOf(krPlayer.find(k))", key)
    where.eval_on_selector(
        ".krp-slider",
        "(s, v) => { s.value = String(v); s.dispatchEvent(new Event('input', {bubbles: true}));"
        " s.dispatchEvent(new Event('change', {bubbles: true})); }",
        position,
    )


def strip_bar(where, key: str) -> dict[str, int]:
    """Return the counts the strip's bar of a frame carries, and how many coloured pieces it has."""
    return where.eval_on_selector(
        f'.krc-bar[data-key="{key}"]',
        """(g) => { const out = { pieces: g.querySelectorAll('.krc-seg').length };
        for (const k of ['battles', 'movements', 'other']) {
          out[k] = Number(g.getAttribute('data-' + k));
          out[k + '_beyond'] = Number(g.getAttribute('data-' + k + '-beyond')); }
        return out; }""",
    )


def chart_bars(where, place_id: str) -> list[tuple[str, str, str]]:
    """Return the chart's bars of a place: (holder, first day, end or '' when open), in order."""
    return [
        tuple(bar)
        for bar in where.eval_on_selector_all(
            f'.krc-holding[data-place="{place_id}"]',
            "els => els.map(e => [e.getAttribute('data-faction'), e.getAttribute('data-from'),"
            " e.getAttribute('data-to')])",
        )
    ]


def cursor(where) -> dict:
    """Return the chart cursor's frame key and its band's left and right edges."""
    return where.eval_on_selector(
        ".krc-cursor",
        "(c) => { const b = c.querySelector('.krc-cursor-band');"
        " return { key: c.getAttribute('data-key'), left: Number(b.getAttribute('x')),"
        " right: Number(b.getAttribute('x')) + Number(b.getAttribute('width')) }; }",
    )


def x_of_day(where, iso: str) -> float:
    return where.evaluate(
        "(d) => { const [y, m, n] = d.split('-').map(Number);"
        " return krPlayer.charts.dayX(Date.UTC(y, m - 1, n) / 86400000); }",
        iso,
    )


def expected_strip(dataset, key: str) -> dict[str, int]:
    """Return what the strip must show for a frame, from the model."""
    year, _, month = key.partition("-")
    period = model.month(int(year), int(month)) if month else model.year(int(year))
    state = model.state_at(dataset, period)

    def split(table):
        within = (table["t0"] >= period.t0) & (table["t1"] <= period.t1)
        return int(within.sum()), int((~within).sum())

    out = {}
    for name, table in (("battles", state.battles), ("movements", state.movements),
                        ("other", state.other_events)):  # fmt: skip
        out[name], out[name + "_beyond"] = split(table)
    return out


def expected_bars(dataset, place_id: str) -> list[tuple[str, str, str]]:
    rows = dataset.control[dataset.control["place_id"] == place_id]
    return [
        (
            r.faction_id,
            r.t0.strftime("%Y-%m-%d"),
            "" if r.until != r.until else r.until.strftime("%Y-%m-%d"),
        )
        for r in rows.itertuples()
    ]


def show_chart(where, keyboard) -> None:
    keyboard.press("g")
    where.wait_for_selector(".krp-chart-slot:not([hidden]) .krc-holding")


# ------------------------------------------------------------------ the export, from disk
@pytest.mark.parametrize("key", ["1979", "1985", "1989-10", "1994-03", "1997-07", "1999"])
def test_the_strip_counts_each_frames_events_by_kind(offline, dataset, key):
    page = offline().page
    bar = strip_bar(page, key)
    want = expected_strip(dataset, key)
    assert {k: bar[k] for k in want} == want
    assert bar["pieces"] == sum(1 for n in want.values() if n)  # one coloured piece per count
    frame = page.evaluate("(k) => { const f = krPlayer.frames[krPlayer.find(k)];"
                          " return f.events.length + f.ongoing.length + f.sometime.length; }",
                          key)  # fmt: skip
    assert bar["battles"] + bar["battles_beyond"] + bar["other"] + bar["other_beyond"] == frame


def test_the_chart_bars_are_the_control_timeline(offline, dataset):
    page = offline("#year=1989&month=10").page
    show_chart(page, page.keyboard)
    for place_id in ("pailin", "anlong_veng", "phnom_malai", "ampil", "phnom_penh"):
        assert chart_bars(page, place_id) == expected_bars(dataset, place_id), place_id
    rows = page.eval_on_selector_all(
        ".krc-place", "els => els.map(e => e.getAttribute('data-place'))"
    )
    assert rows.index("preah_vihear_temple") < rows.index("pailin") < rows.index("phnom_penh")
    # the second channel: Pailin 1979-89 is inferred (hatched), 1989-94 stated (solid)
    kinds = page.eval_on_selector_all(
        '.krc-holding[data-place="pailin"]',
        "els => els.map(e => e.classList.contains('krc-inferred'))",
    )
    assert kinds[:3] == [True, False, False]
    hollow = page.locator('.krc-holding[data-place="ampil"][data-faction="vietnam"] .krc-hollow')
    assert hollow.count() == 2  # before its capture is dated, and after its last attestation
    # only a stated change of hands is marked: 24 Oct 1989, c. 18-19 Mar 1994, 19 Apr 1994
    assert page.locator('.krc-change[data-place="pailin"]').count() == 3


def test_the_cursor_and_the_strip_mark_follow_scrubbing(offline):
    page = offline("#year=1989&month=10").page
    show_chart(page, page.keyboard)
    for key, first, after in (
        ("1985", "1985-01-01", "1986-01-01"),
        ("1994-03", "1994-03-01", "1994-04-01"),
    ):
        slide_to(page, key)
        assert shown_frame(page) == key
        at = cursor(page)
        assert at["key"] == key
        assert at["left"] == pytest.approx(x_of_day(page, first), abs=0.5)
        assert at["right"] == pytest.approx(x_of_day(page, after), abs=0.5)
        assert page.get_attribute(".krc-bar.krc-current", "data-key") == key
    page.keyboard.press("ArrowRight")
    assert cursor(page)["key"] == "1994-04"


def test_a_click_on_a_strip_bar_moves_the_map_to_that_frame(offline):
    opened = offline("#year=1989&month=10")
    page = opened.page
    page.click('.krc-bar[data-key="1985"] .krc-hit')
    assert shown_frame(page) == "1985"
    assert "year=1985" in page.url
    page.click('.krc-bar[data-key="1994-03"] .krc-hit')
    assert shown_frame(page) == "1994-03"
    assert holder(page, "pailin") == "rgc"
    assert opened.blocked == [] and opened.errors == []


def test_a_click_on_a_bar_shows_that_holder_on_the_map(offline):
    page = offline("#year=1979").page
    show_chart(page, page.keyboard)
    page.click('.krc-holding[data-place="pailin"][data-faction="khmer_rouge"] .krc-seg >> nth=0')
    assert holder(page, "pailin") == "khmer_rouge"
    assert (
        "1989-10-24"
        <= page.evaluate("krPlayer.doc.charts.periods[krPlayer.index][1]")
        < "1994-03-18"
    )
    assert "Khmer Rouge" in page.inner_text(".krc-detail") and "seeds/" in page.inner_text(
        ".krc-detail"
    )
    page.click('.krc-holding[data-place="pailin"][data-faction="vietnam"] .krc-seg >> nth=0')
    assert holder(page, "pailin") == "vietnam"


def test_a_click_between_bars_moves_to_the_date_under_the_pointer(offline):
    page = offline("#year=1979").page
    show_chart(page, page.keyboard)
    band = page.locator(".krc-region-band").first.bounding_box()
    svg = page.locator(".krc-svg").bounding_box()
    # 1991 is stepped month by month: mid-July is the July frame; 1990 is one frame
    for day, key in (("1991-07-15", "1991-07"), ("1990-06-15", "1990")):
        page.mouse.click(svg["x"] + x_of_day(page, day), band["y"] + band["height"] / 2)
        assert shown_frame(page) == key


def test_the_tooltip_carries_the_verbatim_quote_and_its_seed(offline, dataset):
    page = offline("#year=1990").page
    show_chart(page, page.keyboard)
    title = page.text_content(
        '.krc-holding[data-place="pailin"][data-faction="khmer_rouge"] > title'
    )
    row = dataset.control[(dataset.control["place_id"] == "pailin")].iloc[2]
    assert row["quote"] in title and f"seeds/{row['seed']}" in title


def test_the_table_gives_the_same_facts_and_its_buttons_move_the_map(offline, dataset):
    page = offline("#year=1979").page
    show_chart(page, page.keyboard)
    page.click(".krc-table-toggle")
    rows = page.locator(".krc-table .krc-row")
    held = dataset.control[dataset.control["faction_id"] != ""]
    # The Khmer Rouge at Phnom Chat are known only by their end ("chase the Khmer Rouge from
    # their stronghold in Phnom Chat on August 20, 1993"): no source vouches for a stretch of
    # it, so it has no bar and no row; every other holding has one.
    unvouched = held[(held["place_id"] == "phnom_chat") & (held["faction_id"] == "khmer_rouge")]
    assert len(unvouched) == 1
    assert rows.count() == len(held) - 1
    place = page.locator("th", has_text=re.compile(r"^Pailin$"))
    pailin = page.locator(".krc-table .krc-row").filter(has=place).nth(2)
    assert "Khmer Rouge" in pailin.inner_text() and "24 Oct 1989" in pailin.inner_text()
    pailin.locator(".krc-show").click()
    assert holder(page, "pailin") == "khmer_rouge"


def test_g_shows_and_hides_the_chart_and_t_both_views(offline):
    page = offline().page
    chart, strip = page.locator(".krp-chart-slot"), page.locator(".krc-strip")
    assert chart.is_hidden() and strip.is_visible()
    page.keyboard.press("g")
    assert chart.is_visible() and page.get_attribute(".krc-toggle", "aria-pressed") == "true"
    page.keyboard.press("t")
    assert chart.is_hidden() and strip.is_hidden()
    page.keyboard.press("t")
    assert chart.is_visible() and strip.is_visible()
    page.click(".krc-toggle")
    assert chart.is_hidden()


def test_the_export_draws_both_with_the_network_cut(offline):
    opened = offline("#year=1989&month=10")
    page = opened.page
    assert page.locator(".krc-bar").count() == page.evaluate("krPlayer.frames.length")
    show_chart(page, page.keyboard)
    page.mouse.move(0, 0)
    page.hover('.krc-holding[data-place="anlong_veng"] .krc-seg >> nth=0')
    page.evaluate("() => document.fonts.ready.then(() => true)")
    page.screenshot(path=str(shot("charts-export.png")))
    assert opened.blocked == [] and opened.errors == []


# ------------------------------------------------------------------ the app
def test_in_the_app_a_chart_click_moves_the_map_and_tells_the_server(app: AppPage, dataset):
    app.open({"year": "1989", "month": "10"}, frame="1989-10")
    app.map.locator(".krp-shell[data-charts=ready]").wait_for(state="attached")
    app.map.locator(".leaflet-container").click(position={"x": 300, "y": 200})
    app.page.keyboard.press("g")
    frame = app.map_frame()
    frame.wait_for_selector(".krp-chart-slot:not([hidden]) .krc-holding")
    app.page.evaluate("() => document.fonts.ready.then(() => true)")
    app.page.screenshot(path=str(shot("charts-app.png")))
    assert chart_bars(frame, "pailin") == expected_bars(dataset, "pailin")
    for key in ("1989-10", "1993"):
        want = expected_strip(dataset, key)
        assert {k: strip_bar(frame, key)[k] for k in want} == want
    app.map.locator(
        '.krc-holding[data-place="pailin"][data-from="1996-08-08"] .krc-seg'
    ).first.click()
    app.wait_for_frame()
    assert holder(frame, "pailin") == "rgc"
    shown = app.frame_key()
    app.wait_for_server_frame(shown)  # one report on the click, as after a slider release
    assert cursor(frame)["key"] == shown
    app.map.locator('.krc-bar[data-key="1993"] .krc-hit').click()
    app.wait_for_frame("1993")
    app.wait_for_server_frame("1993")
    app.assert_healthy()


def test_in_predict_mode_nothing_past_the_revealed_frame_is_drawn(app: AppPage):
    app.open({"mode": "predict", "year": "1989"}, frame="1989")
    frame = app.map_frame()
    frame.wait_for_selector(".krp-shell[data-charts=ready]", state="attached")
    limit = frame.evaluate("krPlayer.limit")
    assert frame.locator(".krc-bar").count() == limit + 1
    frame.click(".krc-toggle")
    frame.wait_for_selector(".krp-chart-slot:not([hidden]) .krc-holding")
    froms = frame.eval_on_selector_all(
        ".krc-holding", "els => els.map(e => e.getAttribute('data-from'))"
    )
    assert froms and max(froms) < "1990-01-01"
    ends = frame.eval_on_selector_all(
        ".krc-holding .krc-seg", "els => els.map(e => e.getAttribute('data-to'))"
    )
    assert max(ends) <= "1990-01-01"  # no bar runs past the end of 1989
    frame.click(".krc-table-toggle")
    untils = frame.eval_on_selector_all(
        ".krc-table .krc-row td:nth-child(5)", "els => els.map(e => e.textContent)"
    )
    assert untils and not any(
        str(y) in t for t in untils for y in range(1990, 2000)
    )  # no later end leaks
    frame.click(".krc-table-toggle")
    frame.click('.krc-bar[data-key="1979"] .krc-hit')
    app.wait_for_frame("1979")
    frame.evaluate("krPlayer.show(krPlayer.limit)")
    app.map.locator(".krp-reveal").click()
    app.wait_for_frame("1989-01")
    # the server hands out each reveal: the map comes back with one more frame in it
    frame = app.map_frame()
    frame.wait_for_selector(".krp-shell[data-charts=ready]", state="attached")
    assert frame.locator(".krc-bar").count() == limit + 2  # redrawn for the new limit
    app.assert_healthy()


def test_app_screenshot_with_the_chart_in_presentation_mode(app: AppPage):
    app.open({"mode": "present", "year": "1994", "month": "3"}, frame="1994-03")
    frame = app.map_frame()
    frame.wait_for_selector(".krp-shell[data-charts=ready]", state="attached")
    frame.click(".krc-toggle")
    frame.wait_for_selector(".krp-chart-slot:not([hidden]) .krc-holding")
    size = frame.evaluate(
        "() => parseFloat(getComputedStyle(document.querySelector('.krc-place')).fontSize)"
    )
    assert size >= 24  # projector labels
    app.page.evaluate("() => document.fonts.ready.then(() => true)")
    app.page.screenshot(path=str(shot("charts-app-present.png")))
    app.assert_healthy()
