"""Python's words in the language spoken (issue 21): the frames document in km and fr.

Labels, kinds, basis words, tips, captions, dates and counts come from the catalogs
(``i18n.gettext_for(lang)``), never hard-coded here; the data's own text (titles, quotes,
names) is left as written. Every English message the Python modules mark is looked for in
the Khmer and French documents' Python-made strings: none may remain.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from babel.messages.pofile import read_po

from kr_map import claims, dates, frames, i18n, scene, vocab, wording

KHMER = re.compile("[\u1780-\u17ff]")
FACT_LABELS = (
    "When", "What", "Where", "Who", "People", "Held by", "Start", "End", "Taken from",
    "Location", "From", "To", "Towards", "Distance", "Since", "From (inferred)", "Until",
    "Next government recorded from",
)  # fmt: skip
FIRST_YEAR, LAST_YEAR = 1988, 1990  # a stretch with changes of hands, camps, moves, months


@pytest.fixture(scope="module")
def documents(dataset) -> dict[str, dict]:
    built = {}
    for lang in i18n.LANGS:
        with i18n.speaking(lang):
            built[lang] = frames.frames_document(dataset, FIRST_YEAR, LAST_YEAR)
    return built


def python_words(document: dict) -> Iterator[tuple[str, str]]:
    """Yield (where, text) for every string of the document that Python words."""
    yield "title", document["title"]
    yield "territoryNote", document["territoryNote"]
    for frame in document["frames"]:
        yield "frame label", frame["label"]
        yield "caption", frame["caption"]
    for card in document["cards"]:
        for label, value in card["facts"]:
            yield "fact label", label
            yield f"fact {label}", value
        for statement, word, _why in card.get("basis", []):
            yield "basis statement", statement
            yield "basis word", word
        if "legend" in card:
            yield "government legend", card["legend"]
    for feature in document["features"]:
        yield f"{feature['type']} tip", feature["tip"]
    for event in document["events"].values():
        yield "event when", event["when"]
        yield "event kind", event["kind"]
        yield "event people", event["people"]
    for kind in document["charts"]["strip"]["kinds"]:
        yield "strip kind", kind["title"]
    for region in document["charts"]["chart"]["regions"]:
        yield "region", f"{region['title']} {region['rule']}"
    for holding in document["charts"]["chart"]["holdings"]:
        yield "chart since", holding["since"]
        yield "chart until", holding["until"]
        yield "chart text", holding["text"]


def python_messages() -> list[str]:
    """Return the English messages located in the Python modules (not the player's)."""
    with (i18n.LOCALE_DIR / "kr_map.pot").open("rb") as handle:
        template = read_po(handle)
    return [
        message.id if isinstance(message.id, str) else message.id[0]
        for message in template
        if message.id and any(not path.startswith("src/kr_map/assets/")
                              for path, _line in message.locations)
    ]  # fmt: skip


def english_phrases(lang: str) -> set[str]:
    """Return the fixed phrases of the Python messages that ``lang`` says otherwise.

    A phrase is a message's text between placeholders, of two words and ten letters at
    least (a single word such as "camp" may be a place's or an event's own name).
    """
    translate = i18n.gettext_for(lang)
    phrases = set()
    for message in python_messages():
        if translate(message) == message:
            continue
        for part in re.split(r"\{\w+\}", message):
            part = part.strip(" ;:,.()")
            if len(part.split()) >= 2 and len(part) >= 10:
                phrases.add(part)
    return phrases


@pytest.mark.parametrize("lang", ["km", "fr"])
def test_no_english_phrase_of_the_python_messages_remains_in_a_document(documents, lang):
    phrases = english_phrases(lang)
    assert len(phrases) > 40  # the cards', captions', tips' and charts' sentences
    left = sorted(
        (where, phrase, text)
        for where, text in python_words(documents[lang])
        for phrase in phrases
        if phrase in text
    )
    assert left == []


@pytest.mark.parametrize("lang", ["km", "fr"])
def test_every_card_label_is_the_catalogs_translation(documents, lang):
    translate = i18n.gettext_for(lang)
    allowed = {translate(label) for label in FACT_LABELS}
    used = {label for where, label in python_words(documents[lang]) if where == "fact label"}
    assert used and used <= allowed
    english_only = {label for label in FACT_LABELS if translate(label) != label}
    assert not used & english_only
    if lang == "km":
        assert all(KHMER.search(label) for label in used)


def test_the_same_card_in_english_keeps_its_english_labels(documents):
    used = {label for where, label in python_words(documents["en"]) if where == "fact label"}
    assert used <= set(FACT_LABELS) and {"When", "Held by", "Start", "End"} <= used


def test_khmer_dates_and_counts_use_khmer_month_names_and_digits(documents):
    document = documents["km"]
    labels = [frame["label"] for frame in document["frames"]]
    assert labels[0] == "១៩៨៨"
    assert all(not re.search(r"[0-9]", label) for label in labels)
    months = [frame for frame in document["frames"] if frame["month"]]
    assert months and all(KHMER.search(frame["label"]) for frame in months)
    for where, text in python_words(document):
        if where in ("event when", "event people", "frame label"):
            assert not re.search(r"[0-9]", text), (where, text)


def test_data_text_stays_as_written_in_every_language(documents):
    for lang in ("km", "fr"):
        for english, spoken in zip(documents["en"]["cards"], documents[lang]["cards"], strict=True):
            assert (spoken["quote"], spoken["seed"]) == (english["quote"], english["seed"])
            assert spoken["summary"].startswith(english["summary"].split(" Shaded")[0])
        for event_id, event in documents[lang]["events"].items():
            english = documents["en"]["events"][event_id]
            assert (event["title"], event["quote"]) == (english["title"], english["quote"])


# --- The claims layer's distinctions survive translation ------------------------------

START_MESSAGES = {
    "changed_hands": "passes to {holder} ({date})",
    "inferred": "held by {holder} (inferred; first dated {date})",
    "attested": "held by {holder} (first attested {date})",
}
END_MESSAGES = (
    "until {date}",
    "last attested {last}; ends {date} (inferred)",
    "last attested {date}",
)


@pytest.mark.parametrize("lang", ["km", "fr"])
def test_passes_to_first_attested_and_until_stay_different_messages(lang):
    translate = i18n.gettext_for(lang)
    for group in (
        list(START_MESSAGES.values()),
        list(END_MESSAGES),
        list(wording.BASIS_WORDS.values()),
        list(wording.AREA_STATUS_WORDS.values()),
    ):
        spoken = [translate(message) for message in group]
        assert len(set(spoken)) == len(group), spoken
        assert all(text != message for text, message in zip(spoken, group, strict=True))


@pytest.mark.parametrize("lang", ["km", "fr"])
def test_each_holding_starts_with_the_message_of_its_basis(dataset, lang):
    translate = i18n.gettext_for(lang)
    seen = set()
    with i18n.speaking(lang):
        for _label, holding in dataset.control[dataset.control["faction_id"] != ""].iterrows():
            claim = claims.holding_start(holding)
            kind = "changed_hands" if claim.what == "changed_hands" else claim.basis
            holder = wording.holder_name(claim.who[0], dataset.factions)
            expected = translate(START_MESSAGES[kind]).format(
                holder=holder, date=dates.label_in(claim.when, lang)
            )
            assert wording.start_phrase(claim, dataset.factions) == expected
            seen.add(kind)
    assert seen == set(START_MESSAGES)


def test_an_open_movement_says_destination_not_given_in_each_language(dataset):
    moves = dataset.movements[dataset.movements["to_place"] == ""]
    assert len(moves)
    for lang in ("km", "fr"):
        with i18n.speaking(lang):
            card = scene.movement_card(moves.iloc[0])
        facts = dict(card["facts"])
        translate = i18n.gettext_for(lang)
        assert facts[translate("To")] == translate(wording.DESTINATION_NOT_GIVEN)
        assert translate(wording.DESTINATION_NOT_GIVEN) != wording.DESTINATION_NOT_GIVEN


def test_a_date_the_loader_worded_reads_the_same_as_describe_in_for_every_row(dataset):
    for table, start, end in (
        (dataset.events, "start", "end"),
        (dataset.movements, "start", "end"),
        (dataset.control, "since", None),
    ):
        for row in table.to_dict("records"):
            last = row[end] if end else ""
            english = dates.describe(row[start], last, row["precision"])
            for lang in ("km", "fr"):
                assert dates.label_in(english, lang) == dates.describe_in(
                    row[start], last, row["precision"], lang
                )


def test_counts_follow_each_languages_plural_rules():
    for lang, one, many in (("fr", 1, 2), ("km", 1, 2), ("en", 1, 2)):
        with i18n.speaking(lang):
            singular = i18n.ngettext("{count} recorded event", "{count} recorded events", one)
            plural = i18n.ngettext("{count} recorded event", "{count} recorded events", many)
        if lang == "km":  # Khmer has one form
            assert singular == plural and KHMER.search(plural)
        else:
            assert singular != plural


def test_every_kind_of_event_and_movement_has_its_word_in_each_language():
    assert set(wording.KIND_WORDS) == set(vocab.EVENT_KINDS) | set(vocab.MOVEMENT_KINDS)
    for lang in ("km", "fr"):
        with i18n.speaking(lang):
            words = {kind: wording.kind_word(kind) for kind in wording.KIND_WORDS}
        assert len(set(words.values())) == len(words)  # no two kinds read alike
        if lang == "km":
            assert all(KHMER.search(word) for word in words.values())


def test_a_sides_name_in_a_sentence_is_its_translation_where_the_data_gives_one(dataset):
    factions = dataset.factions
    with i18n.speaking("km"):
        assert (
            wording.holder_name("khmer_rouge", factions)
            == factions.loc["khmer_rouge", "name@km"].split(" (")[0]
        )
        short = wording.faction_names(["khmer_rouge"], factions, short=True)
    assert short == factions.loc["khmer_rouge", "short_name@km"]
    assert wording.holder_name("khmer_rouge", factions) == "Khmer Rouge"  # English as written
