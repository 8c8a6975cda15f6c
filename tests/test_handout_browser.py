"""Handouts and the quiz in the offline export, opened from disk with the network cut.

"Print this frame" gives A4 pages with the map, the legend, the date shown, the events'
verbatim quotes and sources, and the permalink with its QR code (or why there is none);
the quiz stops the map before each answer, reveals it with its quote, and keeps a score;
`kr-map handout` writes the same pages to a PDF, read back with pypdf.
"""

from __future__ import annotations

import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from pypdf import PdfReader

from kr_map import cli, i18n, quiz, story
from kr_map.frames import frame_sequence, frames_document
from kr_map.loader import load

from .browser import SCREENS, files_only, open_player_page
from .test_export_browser import require_browser

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

SCREEN = {"width": 1280, "height": 900}
PUBLIC = "https://school.example/kr-map.html"
PAILIN_QUOTE = "On October 24, 1989, the Khmer Rouge claimed victory over the city of Pailin"


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("handout")
    published, local = folder / "published.html", folder / "local.html"
    assert cli.main(["export", str(published), "--url", PUBLIC]) == 0
    assert cli.main(["export", str(local)]) == 0
    languages = folder / "languages.html"
    assert cli.main(["export", str(languages), "--lang", "km,en,fr"]) == 0
    return {"published": published, "local": local, "languages": languages}


@pytest.fixture
def offline(chromium):
    """Return a browser context whose pages reach only file: and data: URLs."""
    require_browser()
    context = chromium.browser.new_context(viewport=SCREEN)
    blocked = files_only(context)
    yield context
    context.close()
    assert blocked == [], f"the page asked the network for {blocked}"


def plain(text: str) -> str:
    """Return text as compared: the zero-width spaces the page puts between Khmer words
    dropped, runs of white space made one space."""
    return " ".join(text.replace("\u200b", "").split())


def printed(context, url: str, selector: str = ".krp-print-frame"):
    page, errors = open_player_page(context, url)
    page.evaluate("() => { window.print = () => {}; }")  # the dialog is the browser's
    page.click(selector)
    page.emulate_media(media="print")
    return page, errors


def test_a_printed_frame_shows_map_date_quote_source_and_permalink_with_its_qr(offline, exports):
    page, errors = printed(offline, exports["published"].as_uri() + "#year=1989&month=10")
    SCREENS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENS / "handout-frame-print.png", full_page=True)
    for text in ("Date shown: October 1989", PAILIN_QUOTE, "Source: Battle of Pailin",
                 f"{PUBLIC}#year=1989&month=10"):  # fmt: skip
        assert page.get_by_text(text).first.is_visible(), text
    assert page.locator(".krp-handout-qr path").is_visible()
    assert page.locator(".folium-map").is_visible()
    assert page.locator(".krp-legend").is_visible()
    for hidden in (".krp-timebar", ".krp-print-frame", ".krp-cite", ".krp-filters", ".krp-modes"):
        assert not page.locator(hidden).is_visible(), hidden
    assert errors == []


# The map's own controls: none of them is on paper (the attribution, the scale and the note
# that translations are under review are the map's small print, and stay).
CONTROLS_SHOWN = """() => [...document.querySelectorAll('.leaflet-control')]
  .filter((n) => !n.matches('.leaflet-control-attribution, .leaflet-control-scale, .krp-review'))
  .filter((n) => n.checkVisibility()).map((n) => n.className)"""


def test_a_frame_printed_in_khmer_has_its_words_and_none_of_the_maps_controls(offline, exports):
    """The language switch printed on the map's corner of a Khmer handout."""
    url = exports["languages"].as_uri() + "#year=1994&month=4&lang=km"
    page, errors = printed(offline, url)
    assert page.locator(".krp-handout").is_visible()
    assert "Khmer Rouge came back offensively" in page.locator(".krp-handout").inner_text()
    assert page.evaluate(CONTROLS_SHOWN) == []
    assert errors == []


def test_the_story_printed_in_khmer_gives_each_title_and_content_note_its_translation(
    offline, exports
):
    """On paper as on the story card: a step's title, its content note (the warning a
    class must be able to read) and each event's title with their Khmer translations,
    labelled, under the English."""
    dataset = load()
    with i18n.speaking("km"):
        steps = story.story_document(dataset, frame_sequence(dataset))
        events = frames_document(dataset)["events"]
    url = exports["languages"].as_uri() + "#lang=km"
    page, errors = printed(offline, url, ".krp-print-story")
    text = plain(page.locator(".krp-handout").inner_text())
    expected = []
    for step in steps:
        beside = step["translated"]
        expected += [beside["title"]["text"]]
        if step.get("contentNote"):
            expected += [step["contentNote"], beside["content_note"]["text"]]
        expected += [
            events[e]["translated"]["title"]["text"] for e in step["events"] if e in events
        ]
    assert any(step.get("contentNote") for step in steps)
    missing = [words for words in expected if plain(words) not in text]
    assert missing == [], missing
    assert errors == []


def test_the_qr_drawn_is_the_matrix_of_the_frames_permalink(offline, exports):
    page, _ = printed(offline, exports["published"].as_uri() + "#year=1989&month=10")
    code = page.evaluate("() => window.krPlayer.doc.qr.codes['1989-10']")
    assert code["url"] == f"{PUBLIC}#year=1989&month=10"
    dark = sum(bin(int(row, 16)).count("1") for row in code["rows"])
    drawn = page.eval_on_selector(
        ".krp-handout-qr path",
        "p => [...p.getAttribute('d').matchAll(/h(\\d+)v1/g)].reduce((n, m) => n + Number(m[1]), 0)",
    )
    assert drawn == dark


def test_without_a_public_address_the_handout_says_why_there_is_no_qr(offline, exports):
    page, _ = printed(offline, exports["local"].as_uri() + "#year=1989&month=10")
    assert page.get_by_text("No QR code: this map has no public address").is_visible()
    assert page.locator(".krp-handout-qr").count() == 0
    assert page.get_by_text("local.html#year=1989&month=10 (the offline file").is_visible()


def click_place(page, lat: float, lon: float) -> None:
    x, y = page.evaluate(
        """([lat, lon]) => { const map = window.krPlayer.map;
             const at = map.latLngToContainerPoint([lat, lon]);
             const box = map.getContainer().getBoundingClientRect();
             return [box.left + at.x, box.top + at.y]; }""",
        [lat, lon],
    )
    page.mouse.click(x, y)


def shown_and_limit(page) -> tuple[str, str]:
    return tuple(
        page.evaluate(
            "() => [krPlayer.frames[krPlayer.index].key, krPlayer.frames[krPlayer.limit].key]"
        )
    )


def test_the_quiz_stops_before_each_answer_reveals_it_with_its_quote_and_scores(offline, exports):
    page, errors = open_player_page(offline, exports["local"].as_uri())
    page.click(".krp-quiz-start")
    quiz = page.locator(".krp-quiz-box")
    # 1. Click the place: Thailand's camp of 19 November 1979 (Khao I Dang).
    assert shown_and_limit(page) == ("1979-10", "1979-10")  # November is not shown yet
    click_place(page, 13.8939, 102.6675)
    assert page.locator(".krp-quiz-picked").inner_text() == "You chose: Khao I Dang camp"
    page.click(".krp-quiz-answer")
    assert shown_and_limit(page) == ("1979-11", "1979-11")
    assert quiz.get_by_text("The answer: Khao I Dang camp").is_visible()
    assert quiz.get_by_text("opened the Khao I Dang camp in Sa Kaeo province").is_visible()
    # 2. Who held Ampil at the end of January 1985? A wrong answer.
    page.click(".krp-quiz-next")
    assert shown_and_limit(page) == ("1984", "1984")
    quiz.get_by_label("KPNLF", exact=True).check()
    page.click(".krp-quiz-answer")
    assert page.locator(".krp-quiz-verdict").inner_text() == "Not this time."
    assert quiz.get_by_text("In January 1985, the Vietnamese captured the Ampil base").is_visible()
    # 3. Put four events in order: moved with the buttons into the data's order.
    page.click(".krp-quiz-next")
    for title, ups in (("Coalition Government", 1), ("Vietnam begins", 2)):
        for _ in range(ups):
            page.locator(".krp-quiz-item", has_text=title).locator(".krp-quiz-up").click()
    page.locator(".krp-quiz-item", has_text="UN-run general election").locator(
        ".krp-quiz-down"
    ).click()
    page.click(".krp-quiz-answer")
    assert page.locator(".krp-quiz-verdict").inner_text() == "Right."
    # 4. A place chosen from the list, without the mouse: Pailin.
    page.click(".krp-quiz-next")
    quiz.get_by_label("Or choose it from the list:").select_option("pailin")
    assert page.locator(".krp-quiz-picked").inner_text() == "You chose: Pailin"
    page.click(".krp-quiz-answer")
    assert page.locator(".krp-quiz-verdict").inner_text() == "Right."
    score = page.locator(".krp-quiz-score")
    assert (score.get_attribute("data-right"), score.get_attribute("data-answered")) == ("3", "4")
    assert errors == []


def test_the_quiz_prints_as_a_worksheet_then_its_answer_key(offline, exports):
    page, _ = open_player_page(offline, exports["local"].as_uri())
    page.click(".krp-quiz-start")
    page.evaluate("() => { window.print = () => {}; }")
    page.click(".krp-quiz-print")
    page.emulate_media(media="print")
    assert page.get_by_text("Who held Pailin at the end of 1990?").is_visible()
    assert page.get_by_text("Answer key", exact=True).is_visible()
    assert not page.locator(".folium-map").is_visible()


def test_the_quiz_worksheet_in_khmer_gives_each_translation_under_its_english(offline, exports):
    """A Khmer class's worksheet and key: each prompt, event title and quote in English with
    its labelled Khmer translation under it, as on screen; the sides named as the map's
    legend names them; the key's dates in Khmer ("Jan 1985" was left in English)."""
    dataset = load()
    keys = [frame.key for frame in frame_sequence(dataset)]
    with i18n.speaking("km"):
        questions = quiz.quiz_document(dataset, quiz.load_quiz(dataset), keys)["questions"]
    page, errors = open_player_page(offline, exports["languages"].as_uri() + "#lang=km")
    page.click(".krp-quiz-start")
    page.evaluate("() => { window.print = () => {}; }")
    page.click(".krp-quiz-print")
    sheet = page.locator(".krp-worksheet")
    text = plain(sheet.inner_text())
    expected = []
    for question in questions:
        expected += [question["prompt"], question["translated"]["prompt"]["text"]]
        expected += [choice["name"] for choice in question.get("choices", [])]
        expected += [event["translated"]["title"]["text"] for event in question.get("events", [])]
        for source in question["sources"]:
            beside = source.get("translated", {})  # a holding's quote may have none
            expected += [source["when"], *(beside[column]["text"] for column in beside)]
    missing = [words for words in expected if plain(words) not in text]
    assert missing == [], missing
    assert "Jan 1985" not in text
    boxes = [plain(box) for box in sheet.locator("p", has_text="☐").all_inner_texts()]
    names = [choice["name"] for q in questions for choice in q.get("choices", [])]
    assert boxes == [f"☐ {name}" for name in names] and "☐ Vietnam" not in boxes
    labels = sheet.locator(".krp-translated-label").count()
    assert labels >= 2 * len(questions)  # a prompt's and at least one quote's each
    assert not errors


def handout(*arguments: str) -> subprocess.CompletedProcess:
    """Run `kr-map handout` as a user would (its own Chromium, outside this test's)."""
    command = [sys.executable, "-m", "kr_map.cli", "handout", *arguments]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def pdf_text(path: Path) -> list[str]:
    """Return each page's text, spaces and ligatures (ﬀ) made plain."""
    pages = PdfReader(path).pages
    return [" ".join(unicodedata.normalize("NFKC", p.extract_text() or "").split()) for p in pages]


def test_kr_map_handout_prints_a_frame_to_pdf_with_its_date_quote_source_and_permalink(tmp_path):
    require_browser()
    out = tmp_path / "pailin.pdf"
    result = handout("--date", "1989-10", str(out), "--url", PUBLIC)
    assert result.returncode == 0, result.stderr
    pages = pdf_text(out)
    assert 1 <= len(pages) <= 2  # the map, legend and one event fit a sheet or two
    text = " ".join(pages)
    for expected in ("Date shown: October 1989", PAILIN_QUOTE, "Battle of Pailin, Wikipedia",
                     "https://school.example/kr-map.html#year=1989&month=10"):  # fmt: skip
        assert expected in text, expected


def test_kr_map_handout_prints_the_story_with_each_step_on_a_new_page(tmp_path):
    require_browser()
    out = tmp_path / "story.pdf"
    result = handout("--story", str(out))
    assert result.returncode == 0, result.stderr
    pages = pdf_text(out)
    steps = story.steps(load())
    starts = [page for page in pages if page[:4].rstrip(".").split(".")[0].isdigit()]
    for step in steps:
        assert any(page.startswith(f"{step.number}. {step.title}") for page in starts), step.title
    assert len(pages) >= len(steps)


def test_kr_map_handout_refuses_to_overwrite_and_names_a_bad_address(tmp_path):
    out = tmp_path / "taken.pdf"
    out.write_bytes(b"%PDF- a teacher's own file")
    refused = handout("--date", "1989-10", str(out))
    assert refused.returncode == 1 and "already exists" in refused.stderr
    assert out.read_bytes() == b"%PDF- a teacher's own file"
    bad = handout("--quiz", str(tmp_path / "quiz.pdf"), "--url", "file:///home/t/kr-map.html")
    assert bad.returncode == 2 and "--url must be the public address" in bad.stderr


def test_on_the_wall_the_map_has_no_print_or_quiz_button(offline, exports):
    page, errors = open_player_page(offline, exports["local"].as_uri() + "#year=1989&mode=present")
    assert page.locator(".krp-print-frame").count() == 0
    assert page.locator(".krp-quiz-start").count() == 0
    on_screen = page.locator(".krp-handout")
    assert on_screen.count() == 1 and not on_screen.is_visible()  # it is for paper only
    assert errors == []


def test_the_browsers_own_print_command_prints_the_frame_shown(offline, exports):
    page, errors = open_player_page(offline, exports["local"].as_uri() + "#year=1994&month=3")
    page.evaluate("() => window.dispatchEvent(new Event('beforeprint'))")  # as Ctrl+P does
    page.emulate_media(media="print")
    assert page.get_by_text("Date shown: March 1994").is_visible()
    sheet = page.locator(".krp-handout")
    assert sheet.get_by_text("After two days of intense fighting, the city was taken").is_visible()
    page.evaluate("() => window.dispatchEvent(new Event('afterprint'))")
    page.emulate_media(media="screen")
    assert page.locator(".krp-handout > *").count() == 0  # nothing stale left for later
    assert errors == []
