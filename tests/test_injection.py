"""Data text is never code: hostile texts in every text column, in the export and the app.

Each free-text column of a data copy holds Jinja (``{{7*7}}``, ``{% raw %}``),
``</script>``, an ``<img onerror>``, backticks and ``${}``, quotes, Markdown,
LaTeX and an image on another machine (see tests/hostile.py). Nothing of it may
be evaluated, run, turned into markup, or fetched.
"""

from __future__ import annotations

import json
import shutil

import pytest

pytest.register_assert_rewrite("tests.browser")

from kr_map import cli  # noqa: E402

from .browser import StreamlitServer, files_only  # noqa: E402
from .conftest import DATA, SEEDS  # noqa: E402
from .hostile import PAYLOAD, make_hostile  # noqa: E402

pytest_plugins = ["tests.browser"]


@pytest.fixture(scope="module")
def hostile_data(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    shutil.copytree(DATA, root / "data")
    shutil.copytree(SEEDS, root / "seeds")
    make_hostile(root / "data")
    return root / "data"


@pytest.fixture(scope="module")
def hostile_export(hostile_data):
    out = hostile_data.parent / "hostile.html"
    assert cli.main(["export", str(out), "--data", str(hostile_data)]) == 0
    return out


def test_the_pages_tables_show_every_cell_as_written():
    """The events and changes tables are the page's own HTML: no cell becomes markup or
    Markdown (st.table would read its cells as Markdown)."""
    import pandas as pd

    from kr_map import page

    table = pd.DataFrame({"Place <b>": [PAYLOAD, None], "When": ["1989", float("nan")]})
    made = page.table_html(table, PAYLOAD)
    assert "<script" not in made.lower() and "<img" not in made and "<b>" not in made
    assert made.count("&lt;img src=x onerror=alert(1)&gt;") == 2  # the caption and the cell
    assert "**bold**" in made and "<td></td>" in made  # Markdown as written; no "nan"


def test_the_export_file_carries_the_texts_as_inert_json(hostile_export):
    page = hostile_export.read_text(encoding="utf-8")
    assert "P49" not in page, "a template was evaluated"
    assert "<img src=x" not in page and "</script><img" not in page and "{{7*7}}" not in page
    start = page.index('<script type="application/json" id="kr-frames">')
    body = page[page.index(">", start) + 1 : page.index("</script>", start)]
    document = json.loads(body)
    texts = json.dumps(document, ensure_ascii=False)
    assert PAYLOAD.replace('"', '\\"') in texts, "the text must arrive whole, as data"


def hooked(page, record):
    page.on("dialog", lambda dialog: (record.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.on("pageerror", lambda error: record.append(f"error: {error}"))


def visit_frames_and_open_every_popup(frame) -> str:
    """Show every fifth frame and open each popup on it; return all popup text seen."""
    return frame.evaluate(
        """() => { const p = window.krPlayer; let text = "";
        for (let i = 0; i < p.frames.length; i += 5) {
          p.show(i);
          Object.keys(p.onMap).forEach((f) => p.drawn[f].eachLayer((layer) => {
            if (layer.getPopup && layer.getPopup()) { layer.openPopup();
              const node = document.querySelector(".krp-popup"); if (node) text += node.textContent; }
          }));
        }
        return text + document.querySelector(".krp-shell").textContent; }"""
    )


@pytest.mark.browser
def test_the_export_in_chromium_shows_the_texts_and_runs_nothing(chromium, hostile_export):
    context = chromium.browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        fetched, record = [], []
        context.route("**/*", lambda r: (fetched.append(r.request.url), r.abort())
                      if not r.request.url.startswith(("file:", "data:")) else r.continue_())  # fmt: skip
        page = context.new_page()
        hooked(page, record)
        page.goto(hostile_export.as_uri())
        page.wait_for_selector(".krp-shell[data-ready=true]", state="attached")
        seen = visit_frames_and_open_every_popup(page)
        assert PAYLOAD in seen
        assert page.locator("img[src=x], strong, a[href^=javascript]").count() == 0
        assert record == [] and fetched == []
    finally:
        context.close()


def test_the_quiz_in_the_export_shows_its_prompt_as_text(chromium, hostile_export):
    context = chromium.browser.new_context(viewport={"width": 1280, "height": 720})
    try:
        blocked, record = files_only(context), []
        page = context.new_page()
        hooked(page, record)
        page.goto(hostile_export.as_uri() + "#mode=quiz")
        prompt = page.locator(".krp-quiz-prompt")
        prompt.wait_for()
        assert prompt.inner_text() == f"{PAYLOAD} #0"
        assert page.locator("img[src=x], strong, a[href^=javascript]").count() == 0
        assert record == [] and blocked == []
    finally:
        context.close()


@pytest.fixture(scope="module")
def hostile_server(chromium_path, hostile_data, tmp_path_factory):
    server = StreamlitServer(
        tmp_path_factory.mktemp("hostile-server") / "server.log",
        env={"KR_MAP_DATA": str(hostile_data)},
    )
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.mark.browser
@pytest.mark.parametrize(
    "query",
    ["year=1989&month=10", "mode=present&year=1994", "mode=story&story=1",
     "mode=compare&year=1988&compare=1990", "mode=predict&year=1985"],
)  # fmt: skip
def test_the_app_in_chromium_shows_the_texts_and_runs_nothing(chromium, hostile_server, query):
    tab = chromium.new_page(hostile_server)
    record: list[str] = []
    hooked(tab.page, record)
    try:
        tab.page.goto(f"{hostile_server.url}/?{query}")
        tab.wait_until_idle()
        if "story" in query:  # the content note comes first, as text
            assert PAYLOAD in tab.page.locator(".kr-notice-warning").first.text_content()
            tab.button("note_button_1").click()
            tab.wait_until_idle()
            assert PAYLOAD in tab.page.locator(".kr-story").text_content()
        tab.wait_for_frame()
        # long hostile texts wrap or clamp: they never squeeze the map out of the frame
        map_height = tab.map_frame().evaluate("document.querySelector('.krp-map').offsetHeight")
        assert map_height >= 250, f"the map is {map_height}px tall"
        seen = visit_frames_and_open_every_popup(tab.map_frame())
        assert PAYLOAD in seen
        for frame in (tab.page, tab.map_frame()):
            assert frame.locator("img[src=x], a[href^=javascript]").count() == 0
        assert tab.page.locator('[data-testid="stMain"] strong').count() == 0
        assert record == []
        tab.guard.assert_offline()
    finally:
        tab.page.context.close()
