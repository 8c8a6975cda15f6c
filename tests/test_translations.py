"""translations.csv: each translation names a real original and says its numbers and years."""

from __future__ import annotations

import csv

import pytest

from kr_map import schema
from kr_map.loader import validate
from kr_map.translations import TRANSLATABLE, numbers_in

HEADER = ["table", "id", "column", "lang", "text", "status"]


def write_translations(data_dir, *rows: list[str]) -> None:
    with (data_dir / "translations.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        writer.writerows(rows)


def problems_of(data_dir) -> list[str]:
    return [str(p) for p in validate(data_dir)[1]]


OFFENSIVE = "government_offensive_pailin_1994"  # "... with 7,000 tired troops, tanks, ..."


def test_the_bundled_translations_are_valid_and_all_unreviewed(data_copy):
    assert problems_of(data_copy) == []
    with (data_copy / "translations.csv").open(encoding="utf-8", newline="") as file:
        table = list(csv.DictReader(file))
    assert {row["lang"] for row in table} == {"fr", "km"}
    assert {row["status"] for row in table} == {"unreviewed"}


def test_a_french_count_written_with_a_french_thousands_space_is_the_same_number(data_copy):
    text = "Le gouvernement attaqua Pailin avec 7 000 soldats fatigués."
    write_translations(data_copy, ["events", OFFENSIVE, "summary", "fr", text, "unreviewed"])
    assert problems_of(data_copy) == []


def test_a_translation_naming_a_different_number_is_an_error_at_its_text(data_copy):
    text = "Le gouvernement attaqua Pailin avec 70 000 soldats fatigués."
    write_translations(data_copy, ["events", OFFENSIVE, "summary", "fr", text, "unreviewed"])
    problems = problems_of(data_copy)
    assert len(problems) == 1
    assert problems[0].startswith("data/translations.csv:2:text: ")
    assert "names 70000" in problems[0] and "leaves out 7000" in problems[0]


def test_a_khmer_translation_with_a_different_year_in_khmer_digits_is_an_error(data_copy):
    # "The Khmer Rouge captured Pailin in 1990": the original is dated 1989 in its text.
    text = "ខ្មែរក្រហមដណ្ដើមបានប៉ៃលិននៅឆ្នាំ ១៩៩០"
    write_translations(
        data_copy, ["events", "fall_of_pailin_1989", "quote", "km", text, "unreviewed"]
    )
    problems = problems_of(data_copy)
    assert len(problems) == 1 and "translations.csv:2:text:" in problems[0]
    assert "names 1990" in problems[0] and "leaves out 1989" in problems[0]


def test_a_translation_of_a_row_that_does_not_exist_is_an_error_at_its_id(data_copy):
    write_translations(data_copy, ["events", "no_such_event", "title", "fr", "Rien", "unreviewed"])
    assert problems_of(data_copy) == [
        "data/translations.csv:2:id: no row 'no_such_event' in events.csv: "
        "a translation needs its original"
    ]


def test_a_column_that_is_not_reader_text_cannot_be_translated(data_copy):
    write_translations(data_copy, ["events", OFFENSIVE, "start", "fr", "1994-03-17", "unreviewed"])
    problems = problems_of(data_copy)
    assert len(problems) == 1 and "translations.csv:2:column:" in problems[0]


def test_the_status_says_whether_a_native_speaker_reviewed_it(data_copy):
    write_translations(data_copy, ["events", OFFENSIVE, "title", "fr", "Offensive", "done"])
    problems = problems_of(data_copy)
    assert len(problems) == 1 and "translations.csv:2:status:" in problems[0]


def test_one_translation_per_cell_and_language(data_copy):
    row = ["events", OFFENSIVE, "title", "fr", "Offensive sur Pailin", "unreviewed"]
    write_translations(data_copy, row, row)
    problems = problems_of(data_copy)
    assert len(problems) == 1 and "translations.csv:3:id:" in problems[0]


@pytest.mark.parametrize(
    ("text", "values"),
    [
        ("7,000 troops in 1994", {"7000": 1, "1994": 1}),
        ("7 000 soldats en 1994", {"7000": 1, "1994": 1}),
        ("កងទ័ព ៧.០០០ នាក់ ឆ្នាំ ១៩៩៤", {"7000": 1, "1994": 1}),
        ("from 1989 to 1997", {"1989": 1, "1997": 1}),
    ],
)
def test_numbers_are_read_as_values_whatever_digits_and_separators(text, values):
    assert dict(numbers_in(text)) == values


def test_the_schema_and_the_checks_agree_on_what_may_be_translated():
    assert set(schema.TRANSLATABLE_TABLES) == set(TRANSLATABLE)
