"""The data's own text in Khmer and French: loaded with the data, shown beside the original.

A translation never replaces its original: cards, story steps and quiz questions keep the
English (quotes verbatim, as the seeds give them) and carry ``translated`` in the language
being spoken, with each translation's review status.
"""

from __future__ import annotations

import csv
import re

import pytest

from kr_map import i18n, model, quiz, scene, story, translations, wording
from kr_map.cli import main
from kr_map.frames import frame_sequence, frames_document, government_card
from kr_map.loader import load, validate
from kr_map.validation import normalise_space

from .conftest import DATA, SEEDS

PAILIN = "fall_of_pailin_1989"


def translation_rows() -> list[dict[str, str]]:
    with (DATA / "translations.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def translation_of(table: str, key: str, column: str, lang: str) -> str:
    wanted = (table, key, column, lang)
    rows = [
        r for r in translation_rows() if (r["table"], r["id"], r["column"], r["lang"]) == wanted
    ]
    assert len(rows) == 1, f"no single {lang} translation of {table} {key} {column}"
    return rows[0]["text"]


def seed_text(name: str) -> str:
    return (SEEDS / name).read_text(encoding="utf-8")


# --- Loading ------------------------------------------------------------------------


def test_the_loader_puts_each_translation_beside_its_column(dataset):
    pailin = dataset.events.loc[PAILIN]
    assert pailin["title@km"] == translation_of("events", PAILIN, "title", "km")
    assert pailin["summary@fr"] == translation_of("events", PAILIN, "summary", "fr")
    assert pailin["title@km:status"] == "unreviewed"
    assert pailin["title"] == "Khmer Rouge capture Pailin"  # the original stays as it is


def test_a_data_folder_without_translations_loads_and_speaks_only_english(data_copy):
    (data_copy / "translations.csv").unlink()
    dataset = load(data_copy)
    assert not [c for c in dataset.events.columns if "@" in c]
    with i18n.speaking("km"):
        card = scene.event_card(dataset.events.loc[PAILIN], dataset.factions)
    assert "translated" not in card and card["title"] == "Khmer Rouge capture Pailin"


# --- beside --------------------------------------------------------------------------


def test_beside_gives_nothing_in_english(dataset):
    assert translations.beside(dataset.events.loc[PAILIN], ("title", "summary")) == {}


@pytest.mark.parametrize("lang", ["km", "fr"])
def test_beside_gives_the_translation_of_the_language_spoken_with_its_status(dataset, lang):
    with i18n.speaking(lang):
        found = translations.beside(dataset.events.loc[PAILIN], ("title", "summary"))
    assert found["title"] == {
        "text": translation_of("events", PAILIN, "title", lang),
        "status": "unreviewed",
        "lang": lang,
    }
    assert found["summary"]["text"] == translation_of("events", PAILIN, "summary", lang)


def test_beside_leaves_out_a_column_with_no_translation(dataset):
    with i18n.speaking("fr"):
        found = translations.beside(dataset.events.loc[PAILIN], ("title", "people_low"))
    assert set(found) == {"title"}


# --- Cards, story steps and quiz questions ------------------------------------------


def test_an_event_card_carries_its_translation_in_khmer_and_not_in_english(dataset):
    event = dataset.events.loc[PAILIN]
    english = scene.event_card(event, dataset.factions)
    with i18n.speaking("km"):
        khmer = scene.event_card(event, dataset.factions)
    assert "translated" not in english
    assert khmer["translated"]["title"]["text"] == event["title@km"]
    assert khmer["title"] == english["title"] and khmer["summary"] == english["summary"]


def test_the_quote_on_a_khmer_card_is_the_seeds_own_english_text(dataset):
    event = dataset.events.loc[PAILIN]
    with i18n.speaking("km"):
        card = scene.event_card(event, dataset.factions)
    assert card["quote"] == event["quote"]
    assert card["quote"] in seed_text(event["seed"])
    if "quote" in card["translated"]:
        assert card["translated"]["quote"]["text"] != card["quote"]


def test_every_card_of_a_khmer_document_keeps_its_quote_verbatim_beside_its_translation(dataset):
    with i18n.speaking("km"):
        document = frames_document(dataset, 1994, 1994)
    cards = [card for card in document["cards"] if card.get("quote")]
    assert cards
    for card in cards:
        assert normalise_space(card["quote"]) in normalise_space(seed_text(card["seed"]))
    translated = [card for card in cards if "translated" in card]
    assert translated and all(
        t["lang"] == "km" and t["status"] == "unreviewed" and t["text"] != card.get(column)
        for card in translated
        for column, t in card["translated"].items()
    )


def test_a_movement_card_carries_its_translated_summary_in_french(dataset):
    move = dataset.movements.iloc[0]
    with i18n.speaking("fr"):
        card = scene.movement_card(move)
    assert card["translated"]["summary"]["text"] == move["summary@fr"]
    assert "translated" not in scene.movement_card(move)


def test_a_holding_quoting_a_translated_sentence_carries_that_sentences_translation(dataset):
    events = dataset.events
    control = dataset.control
    shared = control[control["quote"].isin(set(events["quote"]))]
    assert len(shared) > 0
    holding = shared.iloc[0]
    event = events[events["quote"] == holding["quote"]].iloc[0]
    with i18n.speaking("km"):
        card = scene.control_card(holding, dataset.factions)
    assert card["quote"] == holding["quote"]  # the English stays the card's quote
    assert card["translated"]["quote"]["text"] == event["quote@km"]
    assert "translated" not in scene.control_card(holding, dataset.factions)


def test_a_holding_whose_quote_is_translated_nowhere_has_no_translation(dataset):
    quoted = set(dataset.events["quote"]) | set(dataset.movements["quote"])
    quoted |= set(dataset.governments["quote"])
    alone = dataset.control[~dataset.control["quote"].isin(quoted)].iloc[0]
    with i18n.speaking("fr"):
        assert "translated" not in scene.control_card(alone, dataset.factions)


def test_the_government_card_carries_its_translated_name_in_khmer(dataset):
    government = model.government_at(dataset, model.parse_period("1990"))
    with i18n.speaking("km"):
        card = government_card(government)
    expected = translation_of("governments", "state_of_cambodia_1989", "name", "km")
    assert card["translated"]["name"]["text"] == expected
    assert "translated" not in government_card(government)


def test_story_steps_carry_their_translations_and_keep_the_seeds_quotes(dataset):
    frames = frame_sequence(dataset)
    english = story.story_document(dataset, frames)
    with i18n.speaking("km"):
        khmer = story.story_document(dataset, frames)
    assert all("translated" not in step for step in english)
    first = khmer[0]
    assert first["narrative"] == english[0]["narrative"]
    assert first["translated"]["narrative"]["text"] == translation_of(
        "story", "1", "narrative", "km"
    )
    assert first["translated"]["teacher_notes"]["lang"] == "km"
    for step in khmer:
        for source in step["sources"]:
            assert source["quote"] in seed_text(source["seed"])
            assert source["translated"]["quote"]["lang"] == "km"
            assert source["translated"]["quote"]["text"] != source["quote"]


def test_quiz_questions_carry_the_translated_prompt_and_event_titles(dataset):
    questions = quiz.load_quiz(dataset)
    keys = [frame.key for frame in frame_sequence(dataset)]
    english = quiz.quiz_document(dataset, questions, keys)["questions"]
    with i18n.speaking("fr"):
        french = quiz.quiz_document(dataset, questions, keys)["questions"]
    assert all("translated" not in question for question in english)
    assert french[0]["prompt"] == english[0]["prompt"]
    assert french[0]["translated"]["prompt"]["text"] == translation_of("quiz", "1", "prompt", "fr")
    source = french[0]["sources"][0]
    assert source["translated"]["title"]["text"] == dataset.events.loc[source["event"], "title@fr"]
    # "Who held Ampil at the end of January 1985?": the holding Vietnam took that month
    holder = next(q for q in french if q["kind"] == "holder" and "Ampil" in q["prompt"])
    english_holder = next(q for q in english if q["number"] == holder["number"])
    with i18n.speaking("fr"):  # the choices are named as the legend names the sides
        named = [
            wording.faction_names(c["id"], dataset.factions, short=True) for c in holder["choices"]
        ]
        when = wording.date_phrase("Jan 1985", "month")
    assert [choice["name"] for choice in holder["choices"]] == named
    assert "Khmers rouges" in named and "Khmer Rouge" not in named
    assert holder["answerText"] in named
    (held,) = holder["sources"]  # the holding's quote: verbatim, its translation beside it
    assert held["quote"] == english_holder["sources"][0]["quote"]
    assert held["translated"]["quote"]["lang"] == "fr"
    assert held["when"] == when != "Jan 1985" and english_holder["sources"][0]["when"] == "Jan 1985"


# --- Completeness: every row's reader text in km and fr -------------------------------

COMPLETE = {
    "events": ("title", "summary"),
    "movements": ("summary",),
    "governments": ("name", "summary"),
    "factions": ("name", "short_name"),
    "story": ("title", "narrative", "content_note", "teacher_notes"),
    "quiz": ("prompt",),
}


def original_rows(table: str) -> list[dict[str, str]]:
    with (DATA / f"{table}.csv").open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


@pytest.mark.parametrize("table", sorted(COMPLETE))
def test_every_row_has_khmer_and_french_translations_of_its_reader_text(table):
    have = {(r["table"], r["id"], r["column"], r["lang"]) for r in translation_rows()}
    key = translations.KEYS[table]
    missing = [
        f"{row[key]} {column} {lang}"
        for row in original_rows(table)
        for column in COMPLETE[table]
        if row.get(column)
        for lang in ("km", "fr")
        if (table, row[key], column, lang) not in have
    ]
    assert missing == []


def test_every_khmer_translation_of_more_than_a_word_is_written_in_khmer_script():
    khmer = re.compile("[\u1780-\u17ff]")
    wrong = [
        f"{r['table']} {r['id']} {r['column']}"
        for r in translation_rows()
        if r["lang"] == "km" and " " in r["text"].strip() and not khmer.search(r["text"])
    ]
    assert wrong == []


def test_every_translation_awaits_a_native_speakers_review():
    assert {row["status"] for row in translation_rows()} == {"unreviewed"}


# --- Validation of the new columns ---------------------------------------------------


def only_translation(data_dir, row: list[str]) -> None:
    """Replace the folder's translations.csv by one holding ``row`` alone (its row 2)."""
    with (data_dir / "translations.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(["table", "id", "column", "lang", "text", "status"])
        writer.writerow(row)


def test_a_quiz_prompt_translated_with_another_year_is_a_problem_of_the_quiz(data_copy, capsys):
    # The original: "Thailand opened a camp in Sa Kaeo province on 19 November 1979, ..."
    wrong = "La Thaïlande ouvrit un camp le 19 novembre 1978, à environ dix kilomètres."
    only_translation(data_copy, ["quiz", "1", "prompt", "fr", wrong, "unreviewed"])
    assert validate(data_copy)[1] == []  # the map loads: the quiz checks its own translations
    problems = [str(p) for p in quiz.read_quiz(data_copy, load(data_copy))[1]]
    assert len(problems) == 1
    assert problems[0].startswith("data/translations.csv:2:text: ")
    assert "names 1978" in problems[0] and "leaves out 1979" in problems[0]
    assert main(["validate", str(data_copy)]) == 1
    assert "data/translations.csv:2:text: " in capsys.readouterr().out


def test_translations_of_a_table_with_problems_of_its_own_wait_for_it_to_be_clean(data_copy):
    # Step 2 removed: the gap is the one problem, not every translation of step 2 as well.
    with (data_copy / "story.csv").open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        fields, rows = reader.fieldnames, [r for r in reader if r["step"] != "2"]
    with (data_copy / "story.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    problems = [str(p) for p in validate(data_copy)[1]]
    assert len(problems) == 1 and problems[0].startswith("data/story.csv:3:step: ")


def test_story_teacher_notes_are_translated_and_checked_like_the_rest(data_copy):
    # Step 2's notes: "Khao I Dang opened on 19 November 1979 ... 150,000 ... 250,000 ..."
    only_translation(
        data_copy, ["story", "2", "teacher_notes", "km", "ខៅអ៊ីដាងបើកនៅឆ្នាំ ១៩៨០", "unreviewed"]
    )
    problems = [str(p) for p in validate(data_copy)[1]]
    assert len(problems) == 1 and problems[0].startswith("data/translations.csv:2:text: ")
    assert "names 1980" in problems[0] and "teacher_notes" in problems[0]


def test_the_loader_keeps_the_translations_table_for_tables_loaded_apart(dataset):
    quiz_rows = dataset.translations[dataset.translations["table"] == "quiz"]
    assert set(quiz_rows["lang"]) == {"km", "fr"}


def test_the_headline_event_and_the_app_story_step_carry_their_translations(dataset):
    from kr_map import page
    from kr_map.frames import event_record

    event = dataset.events.loc["fall_of_pailin_1989"]
    with i18n.speaking("fr"):
        record = event_record(event, dataset.factions)
        step = page.story_card(story.steps(dataset)[5], 14)
        html = page.story_html(story.steps(dataset)[5])
    assert record["quote"] == event["quote"]  # the original, verbatim
    assert record["translated"]["quote"]["text"] == translation_of(
        "events", "fall_of_pailin_1989", "quote", "fr"
    )
    assert step["translated"]["narrative"]["lang"] == "fr"
    assert all("translated" in source for source in step["sources"])
    label = i18n.gettext_for("fr")("Translation ({language}, unreviewed) of the original above")
    assert 'class="kr-translated" lang="fr"' in html
    assert label.format(language="Français") in html  # labelled, in the page's language
    assert "translated" not in event_record(event, dataset.factions)  # English: none beside
