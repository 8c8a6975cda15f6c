"""The map's languages: complete catalogs, one source of messages, the reader's language chosen."""

from __future__ import annotations

import re
import shutil
import unicodedata
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from kr_map import i18n, vocab
from kr_map.cli import main
from kr_map.dates import describe_in

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = i18n.LOCALE_DIR / "kr_map.pot"
TRANSLATED = ("km", "fr")
KHMER_DIGITS = "០១២៣៤៥៦៧៨៩"


def singular(message_id) -> str:
    """Return a message's id: a counted message (ngettext) by its singular."""
    return message_id if isinstance(message_id, str) else message_id[0]


def complete(translation) -> bool:
    """Return True when a translation, or every plural form of one, is written."""
    forms = (translation,) if isinstance(translation, str) else tuple(translation)
    return bool(forms) and all(forms)


def template_ids() -> set[str]:
    with TEMPLATE.open("rb") as handle:
        return {singular(message.id) for message in read_po(handle) if message.id}


def extracted_ids() -> set[str]:
    """Return the messages pybabel finds today, by babel.cfg, in the sources."""
    method_map = [
        ("src/kr_map/**.py", "python"),
        ("app.py", "python"),
        ("src/kr_map/assets/core/messages.js", "javascript"),
    ]
    found = extract_from_dir(str(ROOT), method_map=method_map)
    return {singular(message) for _, _, message, _, _ in found}


def test_the_template_holds_every_message_the_sources_mark():
    assert extracted_ids() == template_ids(), (
        "src/kr_map/locale/kr_map.pot is out of date: run `bash scripts/update_catalogs.sh`"
    )


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_of_the_template_is_translated(lang):
    translated = {
        singular(message.id): message.string for message in i18n.catalog(lang) if message.id
    }
    missing = sorted(template_ids() - {key for key, text in translated.items() if complete(text)})
    assert missing == [], f"{lang} has no translation for {missing}"


@pytest.fixture
def edited_french(tmp_path, monkeypatch):
    """Return a function that edits a copy of the French catalog, as a reviewer might."""

    def edit(change) -> None:
        shutil.copytree(i18n.LOCALE_DIR, tmp_path / "locale")
        po = tmp_path / "locale" / "fr" / "LC_MESSAGES" / "kr_map.po"
        po.write_text(change(po.read_text(encoding="utf-8")), encoding="utf-8")
        monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path / "locale")
        for cached in (i18n.catalog, i18n.translator):
            cached.cache_clear()

    yield edit
    for cached in (i18n.catalog, i18n.translator):
        cached.cache_clear()


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_page_says_under_review_while_any_translation_is_fuzzy(lang):
    assert i18n.unreviewed_count(lang) > 0
    assert i18n.browser_messages(lang)["unreviewed"] is True


def test_once_every_entry_is_reviewed_the_page_no_longer_says_under_review(edited_french):
    edited_french(lambda po: po.replace("#, fuzzy, ", "#, ").replace("#, fuzzy\n", ""))
    assert i18n.unreviewed_count("fr") == 0
    assert i18n.browser_messages("fr")["unreviewed"] is False
    assert i18n.translator("fr").gettext("Language") == "Langue"
    assert i18n.unreviewed_count("km") > 0


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_translation_keeps_every_placeholder_of_its_message(lang):
    for message in i18n.catalog(lang):
        if message.id:
            names = set(re.findall(r"\{(\w+)\}", str(message.id)))
            # a side's name may ask for its article: {holder:à} (see kr_map/articles.py)
            written = set(re.findall(r"\{(\w+)(?::[^{}]*)?\}", str(message.string)))
            assert written == names, message.id


_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_./=<>-]*")


def test_khmer_translations_are_written_in_khmer_script():
    """Khmer throughout, but for words copied from the English: a name (Natural Earth,
    kr-map), a file or a key (data/story.csv, Page Up), which stay as written."""
    for message in i18n.catalog("km"):
        if not message.id:
            continue
        text = re.sub(r"\{\w+\}", "", str(message.string))
        english = re.sub(r"\{\w+\}", "", str(message.id))
        copied = _LATIN_WORD.findall(text)
        assert all(word in english for word in copied), (message.id, copied)
        letters = [ch for ch in _LATIN_WORD.sub("", text) if ch.isalpha()]
        assert all("KHMER" in unicodedata.name(ch) for ch in letters), message.id
        left = english
        for word in copied:
            left = left.replace(word, "")
        if any(ch.isalpha() for ch in left):  # words to translate: some Khmer is written
            assert letters, message.id


def test_each_legend_title_of_the_layers_is_a_message_of_the_template():
    assert set(vocab.LAYER_TITLES.values()) <= template_ids()


@pytest.mark.parametrize(
    ("lang", "title"),
    [("en", "Border camps"), ("fr", "Camps frontaliers"), ("km", "ជំរំតាមព្រំដែន")],
)
def test_the_legend_titles_the_border_camps_layer_in_each_language(lang, title):
    assert i18n.layer_titles(lang)["camps"] == title
    assert set(i18n.layer_titles(lang)) == set(vocab.LAYERS)


def test_the_browser_gets_only_the_players_messages_with_their_translations():
    messages = i18n.browser_messages("fr")["messages"]
    assert messages["Translation under review"] == "Traduction en cours de relecture"
    assert "Situation on {date}" not in messages  # a CLI message stays in Python
    assert i18n.browser_messages("en") == {"lang": "en", "messages": {}, "unreviewed": False}


def test_a_document_in_a_language_gains_its_dictionary_and_keeps_the_data_text():
    document = {"layerTitles": dict(vocab.LAYER_TITLES), "frames": [{"caption": "x"}]}
    french = i18n.document_in(document, "fr")
    assert french["i18n"]["lang"] == "fr"
    assert french["layerTitles"]["control"] == "Contrôle"
    assert french["frames"] == document["frames"]
    assert document["layerTitles"]["control"] == "Control"  # the original is not changed
    # each language named as it writes itself, in the app as in the export (a browser's
    # CLDR data may lack Khmer's own name: the app's label read "Khmer" in Chromium)
    assert french["languageNames"] == {"en": "English", "km": "ភាសាខ្មែរ", "fr": "Français"}


@pytest.mark.parametrize(
    ("requested", "locale", "header", "expected"),
    [
        ("km", "en-US", None, "km"),
        (None, "fr-FR", None, "fr"),
        (None, "km-KH", None, "km"),
        (None, None, "de-DE,de;q=0.9,fr-CH;q=0.8,en;q=0.5", "fr"),
        (None, None, "en;q=0.2, km;q=0.9", "km"),
        (None, None, "km;q=0, fr", "fr"),
        ("xx", "de-DE", "de", "en"),
        (None, None, None, "en"),
    ],
)
def test_the_language_is_the_one_asked_for_else_the_browsers_closest(
    requested, locale, header, expected
):
    assert i18n.language_for(requested, locale, header) == expected


def test_an_unknown_language_is_refused_with_the_choices():
    with pytest.raises(i18n.UnknownLanguage, match="en, km, fr"):
        i18n.translator("de")


def test_khmer_digits_are_those_of_cldr_native_numbering_system_for_khmer():
    assert Locale("km").other_numbering_systems["native"] == "khmr"
    assert i18n.native_digits("km") == KHMER_DIGITS
    assert [unicodedata.decimal(d) for d in i18n.native_digits("km")] == list(range(10))
    assert i18n.native_digits("fr") == "0123456789"


@pytest.mark.parametrize("lang", ["en", "fr", "km"])
def test_a_count_is_grouped_as_babel_groups_it_in_each_language(lang):
    written = format_decimal(26000, locale=lang)
    expected = written.translate(str.maketrans("0123456789", i18n.native_digits(lang)))
    assert i18n.number(26000, lang) == expected


def run_state(capsys, *args: str) -> str:
    assert main(["state", "--date", "1989-10", *args]) == 0
    return capsys.readouterr().out


def test_kr_map_state_in_french_words_its_headings_and_dates_in_french(capsys):
    out = run_state(capsys, "--lang", "fr")
    assert out.startswith("Situation au 31 oct. 1989\n")
    assert "Événements de 1989 (" in out
    assert "24 oct. 1989" in out
    assert "Khmer Rouge capture Pailin" in out  # the data's own words stay as written


def test_kr_map_state_in_khmer_writes_khmer_headings_and_khmer_digits(capsys):
    out = run_state(capsys, "--lang", "km")
    first = out.splitlines()[0]
    assert first == "ស្ថានភាពនៅ ៣១ តុលា ១៩៨៩"
    assert "ព្រឹត្តិការណ៍ក្នុង ១៩៨៩" in out


def test_kr_map_state_in_english_is_as_before(capsys):
    assert run_state(capsys) == run_state(capsys, "--lang", "en")
    assert run_state(capsys).startswith("Situation on 1989-10-31\n")


def test_the_catalogs_are_text_files_compiled_when_loaded():
    # No binary .mo is read: a reviewer's edited .po counts at the next start.
    assert i18n.translator("fr").gettext("Language") == "Langue"
    assert "*.mo" in (ROOT / ".gitignore").read_text(encoding="utf-8").split()


def test_a_translation_that_lost_its_placeholder_falls_back_to_english(edited_french):
    edited_french(lambda po: po.replace('msgstr "vers {date}"', 'msgstr "vers {datte}"'))
    assert describe_in("1985", "", "range", "fr") == "c. 1985"
    assert i18n.translator("fr").gettext("Language") == "Langue"


def test_speaking_sets_the_language_of_underscore_for_the_block_only():
    assert i18n.current() == "en"
    with i18n.speaking("fr"):
        assert i18n.current() == "fr"
        assert i18n._("Translation under review") == i18n.gettext_for("fr")(
            "Translation under review"
        )
        assert i18n._("Translation under review") != "Translation under review"
        with i18n.speaking("km"):
            assert i18n.current() == "km"
        assert i18n.current() == "fr"
    assert i18n.current() == "en"
    assert i18n._("Translation under review") == "Translation under review"


def test_speaking_refuses_a_language_the_map_has_no_catalog_for():
    with pytest.raises(i18n.UnknownLanguage), i18n.speaking("de"):
        pass
    assert i18n.current() == "en"


def test_a_spec_on_a_placeholder_that_is_not_a_name_falls_back_to_english(edited_french):
    edited_french(
        lambda text: text.replace('msgstr "fin {date}"', 'msgstr "fin {date:à}"', 1)
    )  # a date cannot take an article: formatting it would fail
    with i18n.speaking("fr"):
        assert i18n._("until {date}").format(date="1994") == "until 1994"
        assert i18n._("passes to {holder} ({date})") == "passe {holder:à} ({date})"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_a_stated_end_and_a_count_are_not_worded_as_something_else(lang):
    """ "until" is a stated end, not an approximate date; a count of people is not a heading."""
    say = i18n.gettext_for(lang)
    approximate = say("c. {date}")
    for stated_end in ("until {date}", "Until {date}", "Ends {date}"):
        assert say(stated_end) != approximate
    counts = [
        say(m) for m in ("over {count} people", "{count} places", "Control ({count} places):")
    ]
    assert len(set(counts)) == 3
