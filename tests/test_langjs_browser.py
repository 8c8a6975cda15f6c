"""The export in three languages (issue 21), in Chromium, from disk with the network cut.

One file holds English, Khmer and French (``kr-map export --lang en,km,fr``). In each
language and each mode: no word of the player's own is left in English, Khmer is drawn
with the bundled Noto Sans Khmer and never broken inside a word, nothing overflows a
1280x720 projector, and every quote on screen is word for word in the seeds. A document
carrying translations (contract E: ``translated``) shows each under its original.
Screenshots of presentation mode go to /tmp/shots-lang/ (looked at by the developer).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kr_map import cli, i18n, quiz, story, vocab
from kr_map.export import export_html
from kr_map.loader import default_data_dir, default_seeds_dir, load
from kr_map.validation import normalise_space

from .browser import PROJECTOR, files_only
from .test_wall_browser import measure_wall

pytestmark = pytest.mark.browser
pytest_plugins = ["tests.browser"]

SHOTS = Path("/tmp/shots-lang")
MODES = ("explore", "present", "story", "compare", "predict", "quiz")
ZWSP = "\u200b"
SEED_FILES = sorted(default_seeds_dir(default_data_dir()).glob("*.txt"))
WALLS = {"1280x720": PROJECTOR, "1920x1080": {"width": 1920, "height": 1080}}


@pytest.fixture(scope="module")
def three_languages(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("langjs") / "kr-map-en-km-fr.html"
    assert cli.main(["export", str(path), "--lang", "en,km,fr"]) == 0
    return path


@pytest.fixture
def open_offline(chromium):
    contexts = []

    def opener(path: Path, fragment: str = "", viewport=PROJECTOR):
        context = chromium.browser.new_context(viewport=viewport)
        contexts.append(context)
        blocked, errors = files_only(context), []
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(path.as_uri() + fragment)
        page.wait_for_selector(".krp-shell[data-ready=true]", state="attached")
        page.evaluate("() => document.fonts.ready.then(() => true)")
        return page, blocked, errors

    yield opener
    for context in contexts:
        context.close()


# ------------------------------------------------------------------ what the page says
# Every visible text node and every aria-label / title of a visible element, without the
# zero-width break opportunities the Khmer wrapping adds.
PAGE_WORDS = """() => {
  const shown = (node) => node && node.checkVisibility && node.checkVisibility();
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.replaceAll('\\u200b', '').trim();
    if (text && shown(node.parentElement) && !node.parentElement.closest('script, style')) {
      out.push(text);
    }
  }
  document.querySelectorAll('[aria-label], [title]').forEach((node) => {
    if (shown(node)) {
      ['aria-label', 'title'].forEach((name) => {
        const value = node.getAttribute(name);
        if (value) out.push(value.replaceAll('\\u200b', '').trim());
      });
    }
  });
  return out;
}"""


def english_patterns(lang: str) -> list[tuple[str, re.Pattern]]:
    """Return each player message that ``lang`` words differently, as a pattern of its English.

    A ``{name}`` placeholder matches any text; a message with fewer than four letters of its
    own ("{count} s") is left out, as it cannot tell English from a translation.
    """
    patterns = []
    for english, translated in i18n.browser_messages(lang)["messages"].items():
        own = re.sub(r"\{\w+\}", "", english)
        if translated == english or sum(ch.isalpha() for ch in own) < 4:
            continue
        parts = re.split(r"\{\w+\}", english.strip())
        patterns.append((english, re.compile(".+".join(map(re.escape, parts)), re.S)))
    return patterns


def untranslated(words: list[str], lang: str) -> list[tuple[str, str]]:
    """Return the (text, English message) pairs where the page shows a message in English."""
    patterns = english_patterns(lang)
    return [(text, english) for text in words for english, p in patterns if p.fullmatch(text)]


def open_mode(open_offline, path, lang, mode, viewport=PROJECTOR):
    page, blocked, errors = open_offline(
        path, f"#year=1989&month=10&mode={mode}&lang={lang}", viewport
    )
    if mode == "story":  # a step with a content note shows its text once the teacher asks
        clear = page.locator(".krp-content-clear")
        if clear.count():
            clear.first.click()
    return page, blocked, errors


@pytest.mark.parametrize("lang", ["km", "fr"])
@pytest.mark.parametrize("mode", MODES)
def test_every_word_of_the_player_is_in_the_page_language_in_every_mode(
    three_languages, open_offline, lang, mode
):
    page, blocked, errors = open_mode(open_offline, three_languages, lang, mode)
    for box in (".krp-langs summary", ".krp-modes summary"):  # open: their buttons count too
        if page.locator(box).is_visible():  # (the wall at 720 lines has no language box)
            page.locator(box).click()
    assert page.evaluate("document.documentElement.lang") == lang
    assert untranslated(page.evaluate(PAGE_WORDS), lang) == []
    assert blocked == [] and errors == []


def test_the_check_for_english_finds_the_english_page_english(three_languages, open_offline):
    """The test above can fail: the English page's own words are found by it."""
    page, _, _ = open_mode(open_offline, three_languages, "en", "present")
    found = {english for _, english in untranslated(page.evaluate(PAGE_WORDS), "fr")}
    assert {"▶ Play", "Play or pause (space)", "Translation under review"} - found == {
        "Translation under review"  # English is the original: nothing is under review
    }
    assert len(found) >= 10


# ------------------------------------------------------------------ Khmer typography
KHMER_FONT = """() => ({
  check: document.fonts.check('28px "Noto Sans Khmer"', 'ក'),
  faces: [...document.fonts].filter((f) => f.family.replaceAll('"', '') === 'Noto Sans Khmer')
    .map((f) => f.status),
  family: getComputedStyle(document.querySelector('.krp-play')).fontFamily,
  size: parseFloat(getComputedStyle(document.querySelector('.krp-shell')).fontSize),
  lineHeight: getComputedStyle(document.querySelector('.krp-shell')).lineHeight,
})"""

# The line breaks inside every visible Khmer text: each must fall on a word boundary of
# Intl.Segmenter('km'). A break is where a grapheme cluster starts lower than the one
# before it; its offset is the cluster's start.
KHMER_BREAKS = """() => {
  const khmer = /[\\u1780-\\u17ff]/;
  const bad = [];
  let lines = 0;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    if (!khmer.test(text) || !node.parentElement.checkVisibility()) continue;
    const words = new Set([0, text.length]);
    for (const s of new Intl.Segmenter('km', { granularity: 'word' }).segment(text)) {
      words.add(s.index);
      words.add(s.index + s.segment.length);
    }
    let top = null;
    for (const c of new Intl.Segmenter('km', { granularity: 'grapheme' }).segment(text)) {
      const range = document.createRange();
      range.setStart(node, c.index);
      range.setEnd(node, c.index + c.segment.length);
      const rect = range.getClientRects()[0];
      if (!rect || !c.segment.trim()) continue;
      if (top !== null && rect.top > top + rect.height / 2) {
        lines += 1;
        const before = text.slice(0, c.index);
        if (!words.has(c.index) && !/[\\s\\u200b]$/.test(before)) bad.push(text.slice(Math.max(0, c.index - 6), c.index + 6));
      }
      top = rect.top;
    }
  }
  return { bad, lines };
}"""


def test_khmer_is_drawn_with_the_bundled_font_at_28px_and_a_larger_line_height(
    three_languages, open_offline
):
    page, blocked, errors = open_mode(open_offline, three_languages, "km", "present")
    state = page.evaluate(KHMER_FONT)
    assert state["check"] is True
    assert "loaded" in state["faces"]
    assert state["family"].startswith('"Noto Sans Khmer"')
    assert state["size"] >= 28
    assert float(state["lineHeight"].removesuffix("px")) >= 1.5 * state["size"]
    assert blocked == [] and errors == []


@pytest.mark.parametrize("mode", ["present", "story", "explore"])
def test_no_khmer_word_is_broken_across_lines(three_languages, open_offline, mode):
    page, _, _ = open_mode(open_offline, three_languages, "km", mode)
    page.locator(".krp-modes summary").click()
    found = page.evaluate(KHMER_BREAKS)
    assert found["bad"] == []


def test_the_khmer_words_are_wrapped_and_a_narrow_box_still_breaks_only_between_words(
    three_languages, open_offline
):
    """The check above sees line breaks: a long Khmer note in a narrow box has several."""
    page, _, _ = open_mode(open_offline, three_languages, "km", "present")
    page.evaluate("""() => { const note = document.querySelector('.krp-review');
        note.style.width = '120px'; note.style.whiteSpace = 'normal'; }""")
    found = page.evaluate(KHMER_BREAKS)
    assert found["lines"] >= 2
    assert found["bad"] == []


@pytest.mark.parametrize("lang", ["km", "fr"])
@pytest.mark.parametrize("mode", ["present", "story", "predict"])  # compare: see the report
@pytest.mark.parametrize("size", WALLS)
def test_the_wall_rules_hold_in_khmer_and_french(three_languages, open_offline, lang, mode, size):
    """The wall's own measure (tests/test_wall_browser.py): nothing scrolls, text of 24 px
    or more, a verbatim passage seen, the map the stage, the mode's controls whole."""
    page, _, _ = open_mode(open_offline, three_languages, lang, mode, WALLS[size])
    seeds = " ".join(normalise_space(p.read_text(encoding="utf-8")) for p in SEED_FILES)
    result = measure_wall(page, [], "explore" if mode == "present" else mode, seeds)
    assert result["problems"] == []


# ------------------------------------------------------------------ quotes stay verbatim
QUOTES = """() => [...document.querySelectorAll('.krp-quote')].filter((q) => q.checkVisibility())
  .map((q) => ({ text: q.textContent.replaceAll('\\u200b', ''), lang: q.getAttribute('lang') }))"""


@pytest.mark.parametrize("lang", ["en", "km", "fr"])
def test_every_quote_on_screen_is_word_for_word_in_the_seeds_in_every_language(
    three_languages, open_offline, lang
):
    seeds = " ".join(normalise_space(path.read_text(encoding="utf-8")) for path in SEED_FILES)
    seen = 0
    for mode in ("present", "story"):
        page, _, _ = open_mode(open_offline, three_languages, lang, mode)
        for quote in page.evaluate(QUOTES):
            text = normalise_space(quote["text"]).strip("“”")
            assert text in seeds, text
            assert quote["lang"] == "en"
            seen += 1
    assert seen >= 2


# ------------------------------------------------------------------ the file's languages
def test_the_language_switch_shows_the_file_in_another_of_its_languages(
    three_languages, open_offline
):
    page, _, _ = open_mode(open_offline, three_languages, "en", "explore")
    assert page.evaluate("document.documentElement.lang") == "en"
    assert page.locator(".krp-review").count() == 0  # English is the original
    page.locator(".krp-langs summary").click()
    names = page.locator(".krp-lang").all_inner_texts()
    assert [n.replace(ZWSP, "") for n in names] == [
        i18n.LANGUAGE_NAMES[c] for c in ("en", "km", "fr")
    ]
    page.locator(".krp-lang[data-lang=km]").click()
    page.wait_for_function("document.documentElement.lang === 'km'")
    page.wait_for_selector(".krp-shell[data-ready=true][lang=km]", state="attached")
    assert "lang=km" in page.evaluate("location.hash")
    assert "year=1989&month=10" in page.evaluate("location.hash")
    review = page.locator(".krp-review").inner_text().replace(ZWSP, "")
    assert review == i18n.translator("km").gettext("Translation under review")


def test_on_a_full_hd_wall_the_language_box_sits_with_the_buttons_not_on_the_map(
    three_languages, open_offline
):
    page, _, _ = open_mode(open_offline, three_languages, "km", "present", WALLS["1920x1080"])
    assert page.locator(".krp-controls .krp-langs").is_visible()
    assert page.locator(".leaflet-control.krp-langs").count() == 0
    page, _, _ = open_mode(open_offline, three_languages, "km", "present")  # 720 lines
    assert not page.locator(".krp-langs").is_visible()


def test_the_presenter_window_opens_in_the_language_the_projector_shows(
    three_languages, open_offline
):
    page, _, _ = open_mode(open_offline, three_languages, "fr", "explore")
    page.locator(".krp-modes summary").click()
    with page.expect_popup() as opened:
        page.locator(".krp-presenter-open").click()
    presenter = opened.value
    assert presenter.url.endswith("?presenter#lang=fr")
    presenter.wait_for_selector(".krp-presenter")
    title = presenter.inner_text(".krp-presenter-title")
    assert title == i18n.translator("fr").gettext("Presenter view") != "Presenter view"
    assert presenter.evaluate("document.documentElement.lang") == "fr"


def test_a_language_the_file_lacks_opens_the_default_with_a_note_naming_those_it_holds(
    three_languages, open_offline
):
    page, _, _ = open_offline(three_languages, "#lang=de")
    note = page.locator(".krp-note").first.inner_text().replace(ZWSP, "")
    for code in ("en", "km", "fr"):
        assert i18n.LANGUAGE_NAMES[code] in note
    assert "de" in note
    assert page.evaluate("document.documentElement.lang") == "en"


# ------------------------------------------------------------------ translations beside
KM_TITLE = "ខ្មែរក្រហមដណ្ដើមបានប៉ៃលិន"
KM_NARRATIVE = "ជនភៀសខ្លួនរាប់ពាន់នាក់បានរត់ទៅព្រំដែនថៃ"
KM_PROMPT = "តើជំរំនេះនៅឯណា?"


@pytest.fixture(scope="module")
def translated_export(tmp_path_factory) -> tuple[Path, str]:
    """An export in Khmer whose document carries translations, as langdata's builders will."""
    monkeypatch = pytest.MonkeyPatch()
    dataset = load(default_data_dir())
    with i18n.speaking("km"):
        from kr_map.frames import frames_document
        from kr_map.loader import borders_beside

        document = frames_document(dataset, 1989, 1989, borders_beside(dataset.data_dir))
    frame = next(f for f in document["frames"] if f["key"] == "1989-10")
    headline = frame["headline"] or frame["events"][0]
    entry = {"text": KM_TITLE, "status": "unreviewed", "lang": "km"}
    events = {
        **document["events"],
        headline: {**document["events"][headline], "translated": {"title": entry}},
    }
    document = {**document, "events": events}
    real_story, real_quiz = story.story_document, quiz.quiz_document

    def story_with(*args, **kwargs):
        steps = real_story(*args, **kwargs)
        narrative = {"text": KM_NARRATIVE, "status": "reviewed", "lang": "km"}
        return [{**steps[0], "contentNote": "", "translated": {"narrative": narrative}}, *steps[1:]]

    def quiz_with(*args, **kwargs):
        made = real_quiz(*args, **kwargs)
        prompt = {"text": KM_PROMPT, "status": "unreviewed", "lang": "km"}
        first = {**made["questions"][0], "translated": {"prompt": prompt}}
        return {**made, "questions": [first, *made["questions"][1:]]}

    monkeypatch.setattr(story, "story_document", story_with)
    monkeypatch.setattr(quiz, "quiz_document", quiz_with)
    try:
        page = export_html(dataset, 1989, 1989, document=document, lang="km")
    finally:
        monkeypatch.undo()
    path = tmp_path_factory.mktemp("translated") / "kr-map-km-translated.html"
    path.write_text(page, encoding="utf-8")
    return path, headline


TRANSLATIONS = """() => [...document.querySelectorAll('.krp-translated')].filter((n) => n.checkVisibility())
  .map((n) => ({ column: n.dataset.column,
    label: n.querySelector('.krp-translated-label').textContent.replaceAll('\\u200b', ''),
    text: n.querySelector('.krp-translated-text').textContent.replaceAll('\\u200b', ''),
    lang: n.querySelector('.krp-translated-text').getAttribute('lang'),
    before: n.previousElementSibling ? n.previousElementSibling.className : '' }))"""


def test_a_translation_is_shown_under_its_original_labelled_and_in_its_language(
    translated_export, open_offline
):
    path, headline = translated_export
    # the events panel of explore, where every card is whole (the wall keeps the cards that fit)
    page, blocked, errors = open_offline(path, "#year=1989&month=10")
    shown = page.evaluate(TRANSLATIONS)
    unreviewed = (
        i18n.translator("km")
        .gettext("Translation ({language}, unreviewed) of the original above")
        .replace("{language}", i18n.LANGUAGE_NAMES["km"])
    )
    assert {"column": "title", "label": unreviewed, "text": KM_TITLE, "lang": "km",
            "before": "krp-event-title"} in shown  # fmt: skip
    titles = page.locator(f".krp-event[data-event='{headline}'] .krp-event-title")
    assert KM_TITLE not in titles.first.inner_text()  # the original stays where it was
    assert blocked == [] and errors == []


def test_a_story_step_and_a_quiz_question_show_their_translations_beside_them(
    translated_export, open_offline
):
    path, _ = translated_export
    # On the 1920x1080 wall there is room beside the verbatim quote (on 1280x720 the quote and
    # its source come first: see the next test)
    page, _, errors = open_offline(path, "#mode=story&step=1", WALLS["1920x1080"])
    shown = page.evaluate(TRANSLATIONS)
    reviewed = i18n.translator("km").gettext("Translation ({language}) of the original above")
    label = reviewed.replace("{language}", i18n.LANGUAGE_NAMES["km"])
    assert {"column": "narrative", "label": label, "text": KM_NARRATIVE, "lang": "km",
            "before": "krp-story-narrative"} in shown  # fmt: skip
    page, _, errors = open_offline(path, "#mode=quiz")
    page.wait_for_selector(".krp-quiz-prompt")
    prompts = page.evaluate(TRANSLATIONS)
    assert [p["text"] for p in prompts if p["column"] == "prompt"] == [KM_PROMPT]
    assert errors == []


def test_on_a_full_wall_translations_give_way_whole_to_the_quote_and_its_source(
    translated_export, open_offline
):
    path, _ = translated_export
    page, _, errors = open_offline(path, "#mode=story&step=1")  # 1280x720: no room to spare
    page.wait_for_function("() => document.querySelectorAll('.krp-translated[hidden]').length > 0")
    fits = page.evaluate(
        """() => { const card = document.querySelector('.krp-headline').getBoundingClientRect();
          const inside = (n) => n.getBoundingClientRect().bottom <= card.bottom + 1;
          const shown = [...document.querySelectorAll('.krp-headline .krp-translated')]
            .filter((n) => !n.hidden);
          return { quote: inside(document.querySelector('.krp-headline .krp-quote')),
                   source: inside(document.querySelector('.krp-headline .krp-source')),
                   translations: shown.every(inside) }; }"""
    )
    assert fits == {"quote": True, "source": True, "translations": True}
    assert errors == []


# ------------------------------------------------------------------ looked at
@pytest.mark.parametrize("lang", ["km", "fr"])
@pytest.mark.parametrize("size", WALLS)
def test_screenshots_of_presentation_mode(three_languages, open_offline, lang, size):
    page, _, _ = open_mode(open_offline, three_languages, lang, "present", WALLS[size])
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"present-{lang}-{size}.png"))
    assert page.evaluate("document.documentElement.scrollHeight <= innerHeight")


@pytest.mark.parametrize("lang", ["km", "fr"])
def test_the_citation_names_the_view_in_english_as_its_style_is_written(
    three_languages, open_offline, lang
):
    """The styles are English ("Accessed December 5, 2026"): a Khmer or French page cited
    "map view of តុលា ១៩៨៩" in the middle of them."""
    page, blocked, errors = open_offline(three_languages, f"#year=1989&month=10&lang={lang}")
    page.click(".krp-cite")
    page.wait_for_selector("dialog.krp-cite-dialog[open]")
    texts = page.eval_on_selector_all(
        "dialog.krp-cite-dialog textarea", "ns => ns.map(n => n.value)"
    )
    assert texts and all("map view of October 1989" in text for text in texts[:3]), texts
    assert not any(re.search("[\u1780-\u17ff]", text) for text in texts), texts
    assert not errors and not blocked


@pytest.mark.parametrize("lang", ["km", "fr"])
def test_the_citation_names_the_layers_shown_in_english_as_its_style_is_written(
    three_languages, open_offline, lang
):
    """With a layer switched off the citation lists those on by their titles: English ones,
    as the rest of the reference ("layers: Control, …"), not the page's ("Contrôle")."""
    page, blocked, errors = open_offline(three_languages, f"#year=1989&month=10&lang={lang}")
    page.click(".krp-filters > summary")
    page.get_by_role("checkbox", name=i18n.layer_titles(lang)["camps"], exact=True).uncheck()
    page.click(".krp-cite")
    page.wait_for_selector("dialog.krp-cite-dialog[open]")
    apa = page.eval_on_selector("dialog.krp-cite-dialog textarea", "n => n.value")
    shown = [vocab.LAYER_TITLES[layer] for layer in vocab.LAYERS if layer != "camps"]
    assert f"layers: {', '.join(shown)}" in apa, apa
    assert i18n.layer_titles(lang)["control"] not in apa
    assert not errors and not blocked
