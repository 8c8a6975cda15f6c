"""On the wall: presentation mode at 1280x720 (a projector) and 1920x1080, measured.

In every mode (explore at five dates, chart open, predict, story first/middle/last,
compare) and in the export (``#mode=present``), in headless Chromium with the network
cut, measured in the page and in each map frame:

- nothing scrolls (the page, the map frames);
- the map's area left uncovered (its box less every box on it but the attribution, the
  scale and the note that translations are under review, the corner's furniture, and less
  the page's own boxes over it) is at least 55% of the screen;
- every visible text is at least 24 px (the attribution and the scale aside, and the
  letters drawn inside a marker's disc, which are part of its symbol; the note that
  translations are under review is text to read: measured);
- a verbatim passage of a seed of at least 40 characters is visible at 24 px or more;
- the date is at least 40 px, and the mode's controls lie inside the screen, uncovered;
- every year of the time bar is named.

Each view is photographed to artifacts/screens/wall-*.png. The export also follows a
changed address while open and says so when a value is not understood.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.register_assert_rewrite("tests.browser")

from kr_map import cli  # noqa: E402

from .browser import FULL_HD, PROJECTOR, SCREENS, AppPage, files_only, open_player_page  # noqa: E402
from .conftest import ROOT  # noqa: E402

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

SIZES = {"1280x720": PROJECTOR, "1920x1080": FULL_HD}
DATES = ("1979", "1985", "1989-10", "1994-04", "1998")
MIN_TEXT, MIN_DATE, MIN_MAP, MIN_PASSAGE = 24, 40, 0.55, 40
SEEDS = ROOT / "seeds"

# What one document (the page or a map frame) shows: scrolling, texts too small, the map's
# box and the boxes on it, the visible verbatim passages, the date, the controls' boxes.
MEASURE_JS = r"""(controls) => {
  const view = { w: innerWidth, h: innerHeight };
  const clipCache = new Map();
  const cut = (a, b) => ({ left: Math.max(a.left, b.left), top: Math.max(a.top, b.top),
    right: Math.min(a.right, b.right), bottom: Math.min(a.bottom, b.bottom) });
  const empty = (r) => r.right - r.left < 2 || r.bottom - r.top < 2;  // a screen reader's 1 px
  // The part of an element's box that can be seen: cut by every clipping ancestor.
  function clipOf(node) {
    if (!node || node.nodeType !== 1) return { left: 0, top: 0, right: view.w, bottom: view.h };
    if (clipCache.has(node)) return clipCache.get(node);
    const style = getComputedStyle(node);
    let box = clipOf(node.parentElement);
    if (style.display === "none" || style.visibility === "hidden" || Number(style.opacity) === 0) {
      box = { left: 0, top: 0, right: 0, bottom: 0 };
    } else if (style.overflow !== "visible" || style.clip !== "auto" || style.clipPath !== "none") {
      box = cut(box, node.getBoundingClientRect());
    }
    clipCache.set(node, box);
    return box;
  }
  const visibleBox = (node, rect) => {
    const seen = cut(rect, clipOf(node));
    return empty(seen) ? null : seen;
  };
  // The attribution and the scale are aside; so are the marks drawn inside a marker's
  // disc ("KR"), which are part of its symbol, not text to read (the legend names them).
  const skip = (node) => node.closest(".leaflet-control-attribution:not(.krp-review), .leaflet-control-scale, script, style, noscript, title") ||
    (node.closest("svg") && node.closest(".leaflet-marker-icon, .krp-legend"));
  const small = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let text = walker.nextNode(); text; text = walker.nextNode()) {
    const node = text.parentElement;
    if (!node || !text.textContent.trim() || skip(node)) continue;
    const range = document.createRange();
    range.selectNodeContents(text);
    const seen = [...range.getClientRects()].some((r) => visibleBox(node, r));
    if (!seen) continue;
    const size = parseFloat(getComputedStyle(node).fontSize);
    if (size < controls.minText - 0.01) {
      small.push(`${size}px ${node.tagName.toLowerCase()}.${String(node.className.baseVal ?? node.className).split(" ")[0]}: ${text.textContent.trim().slice(0, 40)}`);
    }
  }
  // Verbatim passages: the longest run of characters from a quote's start that is seen.
  const passages = [];
  document.querySelectorAll(".krp-quote, .kr-quote").forEach((quote) => {
    const size = parseFloat(getComputedStyle(quote).fontSize);
    const text = quote.firstChild;
    if (!text || text.nodeType !== 3 || size < controls.minText) return;
    const range = document.createRange();
    let seen = "";
    const limit = Math.min(text.length, 400);
    for (let i = 0; i < limit; i += 1) {
      range.setStart(text, i);
      range.setEnd(text, i + 1);
      const rects = [...range.getClientRects()];
      const ch = text.data[i];
      if (/\s/.test(ch)) { seen += ch; continue; }  // a space at a line's end hangs outside
      if (!rects.length || !rects.every((r) => visibleBox(quote, r))) break;
      seen += ch;
    }
    if (seen.trim()) passages.push({ text: seen, size });
  });
  const map = document.querySelector(".leaflet-container");
  const mapBox = map ? map.getBoundingClientRect().toJSON() : null;
  const covers = map ? [...map.querySelectorAll(".leaflet-control, .krp-notes > *")]
    .filter((c) => !c.matches(".leaflet-control-attribution, .leaflet-control-scale, .krp-review"))
    .map((c) => c.getBoundingClientRect().toJSON()).filter((r) => r.width > 0 && r.height > 0) : [];
  // and whatever of the page around the map floats over it (a date laid on the map)
  document.querySelectorAll(".krp-notes > *, .krp-head").forEach((n) => {
    if (n.closest(".krp-notes") || getComputedStyle(n).position === "absolute") {
      covers.push(n.getBoundingClientRect().toJSON());
    }
  });
  const date = document.querySelector(".krp-date");
  const dateSeen = date && [...date.getClientRects()].some((r) => visibleBox(date, r));
  const boxes = {};
  controls.selectors.forEach((selector) => {
    boxes[selector] = [...document.querySelectorAll(selector)].map((n) => {
      const r = n.getBoundingClientRect();
      const seen = visibleBox(n, r);
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height,
               shown: getComputedStyle(n).visibility !== "hidden" && r.width > 0 && getComputedStyle(n).display !== "none",
               whole: Boolean(seen) && seen.bottom - seen.top >= r.height - 2 && seen.right - seen.left >= r.width - 2 };
    });
  });
  const player = window.krPlayer;
  const years = player ? player.frames.filter((f, i) => !f.month && i <= player.limit).length : 0;
  // The document, and Streamlit's main section (the app's page scrolls in it).
  const scrollers = [document.scrollingElement, ...document.querySelectorAll('[data-testid="stMain"]')];
  const overflowing = scrollers.filter((e) => e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1);
  return {
    view,
    scrolls: overflowing.length > 0,
    scrollSize: overflowing.map((e) => [e.tagName, e.scrollWidth, e.scrollHeight, e.clientWidth, e.clientHeight]),
    small, passages, mapBox, covers, boxes, years,
    yearsNamed: document.querySelectorAll(".krp-year").length,
    date: date ? { size: parseFloat(getComputedStyle(date).fontSize), seen: Boolean(dateSeen), text: date.textContent } : null,
    frame: player ? player.frames[player.index].key : null,
  };
}"""

# The controls each mode needs on screen, in the map frames and in the page.
CONTROLS = {
    "explore": [".krp-buttons .krp-button", ".krp-slider", ".krc-toggle", ".krp-filters > summary"],
    "predict": [".krp-buttons .krp-button", ".krp-slider", ".krp-reveal"],
    # the step's navigation, the start of its narrative (or of its translation, on a short
    # wall in another language), and its first source's credit
    "story": [
        ".krp-story-nav .krp-button",
        ".krp-slider",
        ".krp-story-title",
        ".krp-story-narrative, .krp-story-narrative + .krp-translated",
        ".krp-story-source:first-of-type .krp-source",
    ],
    "compare": [".krp-buttons .krp-button", ".krp-slider"],
}
PAGE_CONTROLS = [".st-key-leave_present button", ".kr-changes"]


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


@pytest.fixture(scope="module")
def seed_text() -> str:
    return " ".join(_normal(p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*.txt")))


def _verbatim(passage: str, seeds: str) -> str:
    """Return the longest stretch of ``passage`` (quote marks and ellipses aside) in a seed."""
    text = _normal(passage.replace("“", "").replace("”", "").replace("…", ""))
    best = ""
    for start in range(0, max(1, len(text) - MIN_PASSAGE + 1), 10):
        end = len(text)
        while end - start > len(best) and text[start:end].strip() not in seeds:
            end -= 1
        if end - start > len(best):
            best = text[start:end].strip()
    return best


def _uncovered(maps: list[dict], page_covers: list[dict], view: dict) -> float:
    """Return the share of the screen where a map shows with nothing over it (sampled)."""
    step, seen, total = 6, 0, 0
    for y in range(0, int(view["h"]), step):
        for x in range(0, int(view["w"]), step):
            total += 1
            for m in maps:
                box, covers = m["box"], m["covers"] + page_covers
                inside = box["left"] <= x < box["right"] and box["top"] <= y < box["bottom"]
                if inside and not any(
                    c["left"] <= x < c["right"] and c["top"] <= y < c["bottom"] for c in covers
                ):
                    seen += 1
                    break
    return seen / total


def _shift(box: dict, dx: float, dy: float) -> dict:
    return {
        "left": box["left"] + dx,
        "right": box["right"] + dx,
        "top": box["top"] + dy,
        "bottom": box["bottom"] + dy,
    }


def measure_wall(page, frames: list, mode: str, seeds: str) -> dict:
    """Return what the wall shows: problems found, and the numbers measured."""
    top = page.main_frame
    in_app = bool(frames)
    selectors = CONTROLS[mode]
    problems: list[str] = []
    maps, passages, dates = [], [], []
    page_view = page.evaluate("() => ({ w: innerWidth, h: innerHeight })")
    page_info = top.evaluate(MEASURE_JS, {"minText": MIN_TEXT, "selectors": PAGE_CONTROLS})
    page_covers = [c for c in page_info["boxes"][".st-key-leave_present button"]] if in_app else []
    if page_info["scrolls"]:
        problems.append(f"the page scrolls: {page_info['scrollSize']} in {page_view}")
    problems += [f"page text {s}" for s in page_info["small"]]
    passages += page_info["passages"]
    for frame, offset in frames or [(top, (0, 0))]:
        info = frame.evaluate(MEASURE_JS, {"minText": MIN_TEXT, "selectors": selectors})
        dx, dy = offset
        name = f"map frame at x={dx:.0f}"
        if in_app and info["scrolls"]:
            problems.append(f"{name} scrolls: {info['scrollSize']} in {info['view']}")
        problems += [f"{name} text {s}" for s in info["small"]]
        passages += info["passages"]
        if info["mapBox"]:
            box = _shift(info["mapBox"], dx, dy)
            covers = [_shift(c, dx, dy) for c in info["covers"]]
            maps.append({"box": box, "covers": covers})
        if not info["date"] or not info["date"]["seen"] or info["date"]["size"] < MIN_DATE:
            problems.append(f"{name}: the date is not seen at {MIN_DATE} px: {info['date']}")
        dates.append(info["date"])
        if info["yearsNamed"] < info["years"]:
            problems.append(f"{name}: {info['yearsNamed']} of {info['years']} years named")
        for selector, boxes in info["boxes"].items():
            shown = [b for b in boxes if b["shown"]]
            if not shown:
                problems.append(f"{name}: no {selector} on screen")
            for b in shown:
                moved = _shift(b, dx, dy)
                inside = (
                    moved["left"] >= -1
                    and moved["top"] >= -1
                    and moved["right"] <= page_view["w"] + 1
                    and moved["bottom"] <= page_view["h"] + 1
                )
                covered = any(
                    c["left"] < moved["right"] and moved["left"] < c["right"]
                    and c["top"] < moved["bottom"] and moved["top"] < c["bottom"]
                    for c in page_covers
                )  # fmt: skip
                if not inside or covered or not b["whole"]:
                    problems.append(f"{name}: {selector} at {moved} is off screen, cut or covered")
    for selector, boxes in page_info["boxes"].items():
        for b in boxes:
            if b["shown"] and (b["bottom"] > page_view["h"] + 1 or b["right"] > page_view["w"] + 1):
                problems.append(f"page: {selector} at {b} is off screen")
    share = _uncovered(maps, page_covers, page_view)
    if share < MIN_MAP:
        problems.append(f"the map's uncovered area is {share:.1%} of the screen")
    verbatim = max((_verbatim(p["text"], seeds) for p in passages), key=len, default="")
    if len(verbatim) < MIN_PASSAGE:
        problems.append(f"no verbatim passage of {MIN_PASSAGE} characters seen: {passages[:3]}")
    return {"problems": problems, "map": share, "passage": len(verbatim), "dates": dates}


def _app_frames(app: AppPage) -> list:
    """Return each map frame with its offset in the page."""
    frames = []
    locator = app.page.locator('[data-stale="false"] iframe[src*="streamlit_folium"]')
    for i in range(locator.count()):
        box = locator.nth(i).bounding_box()
        frames.append((app.map_frame(i), (box["x"], box["y"])))
    return frames


def _settled(app: AppPage) -> None:
    app.page.evaluate("() => document.fonts.ready.then(() => true)")
    for i in range(
        app.page.locator('[data-stale="false"] iframe[src*="streamlit_folium"]').count()
    ):
        app.map_frame(i).evaluate(
            "() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))"
        )


def _check(app: AppPage, mode: str, name: str, seeds: str, report: dict) -> None:
    _settled(app)
    result = measure_wall(app.page, _app_frames(app), mode, seeds)
    app.screenshot(f"wall-{name}")
    report[name] = result


def _assert_all(report: dict) -> None:
    failed = {name: r["problems"] for name, r in report.items() if r["problems"]}
    summary = {name: f"map {r['map']:.1%}, passage {r['passage']}" for name, r in report.items()}
    print("\n".join(f"{name}: {text}" for name, text in summary.items()))
    assert not failed, "\n".join(f"{name}: {p}" for name, ps in failed.items() for p in ps)


@pytest.mark.parametrize("size", SIZES)
def test_explore_on_the_wall_at_five_dates_and_with_the_chart_open(app: AppPage, size, seed_text):
    app.page.set_viewport_size(SIZES[size])
    app.open({"mode": "present", "year": "1979"}, frame="1979")
    app.map.locator(".krp-shell[data-charts=ready]").wait_for(state="attached")
    report: dict = {}
    for key in DATES:
        app.player("player.show(player.find(arg));", key)
        app.wait_for_frame(key)
        _check(app, "explore", f"{size}-{key}", seed_text, report)
    app.map.locator(".krc-toggle").click()
    app.map.locator(".krp-chart-slot:not([hidden]) .krc-holding").first.wait_for()
    _check(app, "explore", f"{size}-1998-chart", seed_text, report)
    _assert_all(report)
    app.assert_healthy()


@pytest.mark.parametrize("size", SIZES)
def test_predict_on_the_wall_keeps_reveal_next_uncovered(app: AppPage, size, seed_text):
    app.page.set_viewport_size(SIZES[size])
    app.open({"mode": "predict", "year": "1989", "month": "10"}, frame=None)
    app.wait_for_frame()
    app.page.get_by_text("Presentation mode (projector)").click()  # the sidebar's toggle
    app.wait_until_idle()
    app.map.locator(".krp-shell.krp-present[data-ready=true]").wait_for(state="attached")
    report: dict = {}
    _check(app, "predict", f"{size}-predict", seed_text, report)
    _assert_all(report)
    app.assert_healthy()


@pytest.mark.parametrize("size", SIZES)
def test_story_on_the_wall_first_middle_and_last_steps(app: AppPage, size, seed_text, dataset):
    count = len(dataset.story)
    app.page.set_viewport_size(SIZES[size])
    report: dict = {}
    for step in (1, (count + 1) // 2, count):
        app.open({"mode": "present", "story": str(step)}, frame=None)
        shown = app.page.locator(".st-key-note_button_" + str(step))
        if shown.count():
            shown.get_by_role("button").click()
            app.wait_until_idle()
        app.map.locator(f'.krp-story-count:text("{step} of {count}")').wait_for()
        _check(app, "story", f"{size}-story-{step}", seed_text, report)
    _assert_all(report)
    app.assert_healthy()


@pytest.mark.parametrize("size", SIZES)
def test_compare_on_the_wall_lists_the_changes_with_dates_and_sources(
    app: AppPage, size, seed_text
):
    app.page.set_viewport_size(SIZES[size])
    app.open({"mode": "present", "year": "1988", "compare": "1990"}, frame=None)
    app.page.locator(".kr-changes").wait_for()
    for i in range(2):
        app.map_frame(i).wait_for_selector(".krp-shell[data-ready=true]", state="attached")
    report: dict = {}
    _check(app, "compare", f"{size}-compare", seed_text, report)
    changes = app.page.locator(".kr-changes").inner_text()
    assert "Pailin" in changes and "since" in changes
    _assert_all(report)
    app.assert_healthy()


# The app's list of changes under compare's two maps: its box, and each line of it.
CHANGES_JS = r"""(where) => {
  const band = document.querySelector(where.band);
  const box = band.getBoundingClientRect();
  const inner = { top: box.top + band.clientTop, bottom: box.top + band.clientTop + band.clientHeight };
  const items = [...band.querySelectorAll(`h2, li, ${where.more}`)].map((n) => {
    const r = n.getBoundingClientRect();
    return { change: n.tagName === "LI", more: n.matches(where.more),
             shown: n.checkVisibility(), top: r.top, bottom: r.bottom, text: n.textContent.slice(0, 50) };
  });
  return { inner, view: innerHeight, scrolls: band.scrollHeight > band.clientHeight + 1, items };
}"""


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["en", "km", "fr"])
def test_compare_on_the_wall_lists_whole_lines_and_counts_the_changes_left_out(
    app: AppPage, size, lang
):
    app.page.set_viewport_size(SIZES[size])
    app.open({"mode": "present", "year": "1979", "compare": "1998", "lang": lang}, frame=None)
    app.page.locator(".kr-changes").wait_for()
    for i in range(2):
        app.map_frame(i).wait_for_selector(".krp-shell[data-ready=true]", state="attached")
    _settled(app)
    band = app.page.evaluate(CHANGES_JS, {"band": ".kr-changes", "more": ".kr-more"})
    app.screenshot(f"wall-compare-changes-{lang}-{size}")
    _assert_changes_fit(band)
    app.assert_healthy()


def _assert_changes_fit(band: dict) -> None:
    """Assert compare's list of changes holds whole lines, on screen, and counts the rest."""
    assert not band["scrolls"], "the list scrolls"
    assert band["inner"]["bottom"] <= band["view"] + 1, f"the list runs off the screen: {band}"
    shown = [i for i in band["items"] if i["shown"]]
    for line in shown:
        inside = (
            band["inner"]["top"] - 1 <= line["top"]
            and line["bottom"] <= band["inner"]["bottom"] + 1
        )
        assert inside, f"cut: {line} in {band['inner']}"
    changes = [i for i in band["items"] if i["change"]]
    left = sum(1 for i in changes if not i["shown"])
    shown_changes = len(changes) - left
    assert len(changes) == 9 and 2 <= shown_changes < 9, band["items"]
    (more,) = [i["text"] for i in shown if i["more"]]
    assert re.search(rf"(?<![0-9]){left}(?![0-9])", more.translate(KHMER_DIGITS)), more


# ------------------------------------------------------------------ the export
def _open_export(chromium, path: Path, fragment: str, viewport: dict):
    context = chromium.browser.new_context(viewport=viewport)
    blocked = files_only(context)
    page, errors = open_player_page(
        context, path.as_uri() + fragment, ".krp-shell[data-charts=ready]"
    )
    return context, page, blocked, errors


@pytest.mark.parametrize("size", SIZES)
def test_the_export_on_the_wall_follows_its_address(chromium, exported, size, seed_text):
    context, page, blocked, errors = _open_export(
        chromium, exported, "#year=1979&mode=present", SIZES[size]
    )
    try:
        assert page.locator(".krp-shell.krp-staged").count() == 1
        report: dict = {}
        for key in DATES:
            year, _, month = key.partition("-")
            page.evaluate("(h) => { location.hash = h; }", f"#year={year}&month={month}&mode=present" if month else f"#year={year}&mode=present")  # fmt: skip
            page.wait_for_selector(f'.krp-shell[data-frame="{key}"]', state="attached")
            page.evaluate("() => document.fonts.ready.then(() => true)")
            report[f"export-{size}-{key}"] = measure_wall(page, [], "explore", seed_text)
            SCREENS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENS / f"wall-export-{size}-{key}.png"))
        _assert_all(report)
        assert blocked == [] and errors == []
    finally:
        context.close()


# Each heading and card of the events panel on the wall: shown or left out, and where.
PANEL_JS = r"""() => {
  const panel = document.querySelector(".krp-staged .krp-panel");
  const style = getComputedStyle(panel);
  const box = panel.getBoundingClientRect();
  const inner = { top: box.top + panel.clientTop, bottom: box.top + panel.clientTop + panel.clientHeight };
  const items = [...panel.querySelectorAll(".krp-panel-title, .krp-events > *")].map((n) => {
    const r = n.getBoundingClientRect();
    return { card: n.classList.contains("krp-event"), more: n.classList.contains("krp-more"),
             shown: n.checkVisibility(), top: r.top, bottom: r.bottom, text: n.textContent.slice(0, 60) };
  });
  // the headline's quote: the lines its box has room for (whole when a whole number)
  const quote = document.querySelector(".krp-headline-card > .krp-quote");
  const q = quote && quote.checkVisibility() ? getComputedStyle(quote) : null;
  const lines = q ? (quote.clientHeight - parseFloat(q.paddingTop) - parseFloat(q.paddingBottom)) /
    parseFloat(q.lineHeight) : null;
  return { shown: style.display !== "none", overflow: style.overflowY, inner,
           scrolls: panel.scrollHeight > panel.clientHeight + 1, items, quoteLines: lines };
}"""


@pytest.fixture(scope="module")
def exported_langs(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wall-langs") / "kr-map.html"
    assert cli.main(["export", str(out), "--lang", "en,km,fr"]) == 0
    return out


KHMER_DIGITS = str.maketrans("០១២៣៤៥៦៧៨៩", "0123456789")


def _panel_problems(panel: dict) -> list[str]:
    """Return how the wall's side column breaks its rule: nothing scrolls, no line cut."""
    problems = []
    lines = panel["quoteLines"]
    if lines is not None and abs(lines - round(lines)) > 0.05:
        problems.append(f"the headline's quote is cut mid-line: {lines:.2f} lines")
    if not panel["shown"]:
        return problems  # the panel gave way whole
    if panel["scrolls"] or panel["overflow"] in ("auto", "scroll"):
        problems.append(f"the panel scrolls ({panel['overflow']})")
    shown = [i for i in panel["items"] if i["shown"]]
    for item in shown:
        if item["top"] < panel["inner"]["top"] - 1 or item["bottom"] > panel["inner"]["bottom"] + 1:
            problems.append(
                f"cut: {item['text']!r} {item['top']}..{item['bottom']} in {panel['inner']}"
            )
    left = sum(1 for i in panel["items"] if i["card"] and not i["shown"])
    more = [i["text"] for i in shown if i["more"]]
    if left and len(more) != 1:
        problems.append(f"{left} cards left out and no line says so: {more}")
    said = more[0].translate(KHMER_DIGITS) if more else ""
    if left and not re.search(rf"(?<![0-9]){left}(?![0-9])", said):
        problems.append(f"{left} cards left out, the panel says {more[0]!r}")
    return problems


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["en", "fr", "km"])
def test_the_wall_cuts_no_line_of_its_quote_and_its_events_and_counts_those_left_out(
    chromium, exported_langs, size, lang
):
    context, page, blocked, errors = _open_export(
        chromium, exported_langs, f"#year=1979&mode=present&lang={lang}", SIZES[size]
    )
    try:
        problems = {}
        for key in DATES:
            year, _, month = key.partition("-")
            address = f"#year={year}&month={month}" if month else f"#year={year}"
            page.evaluate("(h) => { location.hash = h; }", f"{address}&mode=present&lang={lang}")
            page.wait_for_selector(f'.krp-shell[data-frame="{key}"]', state="attached")
            page.evaluate(
                "() => document.fonts.ready.then(() => new Promise((done) =>"
                " requestAnimationFrame(() => requestAnimationFrame(done))))"
            )
            panel = page.evaluate(PANEL_JS)
            problems[key] = _panel_problems(panel)
            SCREENS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(SCREENS / f"wall-panel-{lang}-{size}-{key}.png"))
        assert not any(problems.values()), problems
        assert blocked == [] and errors == []
    finally:
        context.close()


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["en", "km", "fr"])
def test_the_exports_compare_lists_whole_lines_and_counts_the_changes_left_out(
    chromium, exported_langs, size, lang
):
    context = chromium.browser.new_context(viewport=SIZES[size])
    blocked = files_only(context)
    address = exported_langs.as_uri() + f"#year=1979&mode=compare&with=1998&lang={lang}"
    page, errors = open_player_page(context, address)  # compare draws no chart
    try:
        page.wait_for_selector(".krp-changes-list li")
        page.evaluate(
            "() => document.fonts.ready.then(() => new Promise((done) =>"
            " requestAnimationFrame(() => requestAnimationFrame(done))))"
        )
        band = page.evaluate(CHANGES_JS, {"band": ".krp-changes", "more": ".krp-more"})
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / f"wall-export-compare-{lang}-{size}.png"))
        _assert_changes_fit(band)
        assert blocked == [] and errors == []
    finally:
        context.close()


def test_the_export_says_when_its_address_is_not_understood(chromium, exported):
    context, page, _blocked, errors = _open_export(chromium, exported, "#year=2050", PROJECTOR)
    try:
        note = page.locator(".krp-note")
        assert "year=“2050” is out of range" in note.inner_text()
        assert note.is_visible()
        page.evaluate("() => { location.hash = '#year=1989&month=10'; }")
        page.wait_for_selector('.krp-shell[data-frame="1989-10"]', state="attached")
        assert page.locator(".krp-note").count() == 0, "a good address clears the note"
        page.evaluate("() => { location.hash = '#year=1989&month=13'; }")
        page.wait_for_selector('.krp-shell[data-frame="1989"]', state="attached")
        assert "month=“13” was not understood" in page.locator(".krp-note").inner_text()
        assert errors == []
    finally:
        context.close()


# ------------------------------------------------------------------ smaller frictions
def test_a_phone_scrolls_the_page_not_a_box_inside_it_and_never_sideways(app: AppPage):
    app.page.set_viewport_size({"width": 390, "height": 844})
    app.open({"year": "1989", "month": "10"}, frame="1989-10")
    app.map.locator(".krp-shell[data-charts=ready]").wait_for(state="attached")
    frame = app.map_frame()
    frame.wait_for_function(
        "() => Math.abs(window.frameElement.getBoundingClientRect().height - "
        "document.querySelector('.krp-shell').scrollHeight) <= 2"
    )
    inside = frame.evaluate(
        "() => [document.scrollingElement.scrollHeight, innerHeight, document.scrollingElement.scrollWidth, innerWidth]"
    )
    assert inside[0] <= inside[1] + 1, f"the map's frame scrolls inside itself: {inside}"
    assert inside[2] <= inside[3] + 1, f"the map's frame is wider than itself: {inside}"
    page = app.page.evaluate(
        """() => { const m = document.querySelector('[data-testid="stMain"]');
          return [m.scrollHeight, m.clientHeight, m.scrollWidth, m.clientWidth,
                  document.scrollingElement.scrollWidth, innerWidth]; }"""
    )
    assert page[0] > page[1], "the page holds the whole map, events and all, and scrolls"
    assert page[2] <= page[3] + 1 and page[4] <= page[5] + 1, f"sideways scroll: {page}"
    app.assert_healthy()


@pytest.fixture
def export_page(chromium, exported):
    context, page, blocked, errors = _open_export(chromium, exported, "#year=1985", PROJECTOR)
    yield page
    assert blocked == [] and errors == []
    context.close()


def test_space_after_a_click_on_next_or_chart_plays_instead_of_pressing_it_again(export_page):
    page = export_page
    page.locator(".krp-buttons .krp-button").nth(2).click()  # ▶▶ with the mouse
    page.wait_for_selector('.krp-shell[data-frame="1985-01"]', state="attached")
    page.keyboard.press(" ")
    assert page.locator(".krp-play").get_attribute("aria-pressed") == "true"
    page.keyboard.press(" ")
    assert page.locator(".krp-play").get_attribute("aria-pressed") == "false"
    page.locator(".krc-toggle").click()
    assert page.locator(".krc-toggle").get_attribute("aria-pressed") == "true"
    page.keyboard.press(" ")
    assert page.locator(".krc-toggle").get_attribute("aria-pressed") == "true", "not pressed again"
    assert page.locator(".krp-play").get_attribute("aria-pressed") == "true"
    page.keyboard.press(" ")


def test_the_caption_says_its_counts_are_of_all_factions_when_some_are_off(export_page):
    page = export_page
    scope = page.locator(".krp-caption-scope")
    assert scope.is_hidden()
    page.locator(".krp-filters > summary").click()
    page.get_by_role("checkbox", name="KPNLF", exact=True).uncheck()
    assert scope.is_visible() and "all factions" in scope.inner_text()
    page.get_by_role("checkbox", name="KPNLF", exact=True).check()
    assert scope.is_hidden()


def test_every_year_on_the_wall_is_named_and_a_click_goes_there(chromium, exported):
    context, page, _blocked, errors = _open_export(
        chromium, exported, "#year=1979&mode=present", PROJECTOR
    )
    try:
        names = page.locator(".krp-year")
        assert names.count() == 21
        page.locator('.krp-year[data-key="1996"]').click()
        page.wait_for_selector('.krp-shell[data-frame="1996"]', state="attached")
        assert "year=1996" in page.evaluate("() => location.hash")
        assert "mode=present" in page.evaluate("() => location.hash")
        assert errors == []
    finally:
        context.close()
