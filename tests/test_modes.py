"""What the one-file export carries for its modes: the story with teacher notes, and
compare's holdings (issue 20, contract D; the lists made from them: test_compare.py)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from kr_map import export_html, frames, story
from kr_map.loader import load
from kr_map.problems import DataError
from kr_map.timeline import Frame

from .translated import without_translations


@pytest.fixture(scope="module")
def sequence(dataset) -> list[Frame]:
    return frames.frame_sequence(dataset)


def _rewrite_story(path: Path, change) -> None:
    rows = list(csv.DictReader(path.open(encoding="utf-8", newline="")))
    rows, fields = change(rows)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


# ------------------------------------------------------------------ the story
def test_every_story_step_has_teacher_notes_that_name_only_its_own_dates(dataset):
    for step in story.steps(dataset):
        assert step.teacher_notes, f"step {step.number} has no teacher notes"
        cited = " ".join(s.quote + " " + s.when for s in step.sources) + " " + step.narrative
        for year in {word.strip(".,;:()") for word in step.teacher_notes.split()}:
            if year.isdigit() and len(year) == 4:
                assert year in cited, f"step {step.number}: {year} is not in its rows"


def test_the_story_in_the_document_names_each_steps_frame_view_and_quotes(dataset, sequence):
    steps = story.story_document(dataset, sequence)
    assert [s["step"] for s in steps] == list(range(1, 15))
    pailin = steps[5]
    assert pailin["title"] == "The Khmer Rouge take Pailin"
    assert pailin["date"] == "1989-10"
    assert (pailin["lat"], pailin["lon"], pailin["zoom"]) == (12.849, 102.6093, 9)
    assert pailin["layers"] == ["zones", "control", "battles"]
    assert pailin["events"] == ["khmer_rouge_launch_pailin_offensive_1989", "fall_of_pailin_1989"]
    assert "24 October 1989" in pailin["teacherNotes"]
    quotes = {s["quote"] for s in pailin["sources"]}
    assert any("claimed victory over the city of Pailin" in q for q in quotes)
    assert steps[0]["contentNote"] == "This step mentions refugees dying on landmines."
    keys = {f.key for f in sequence}
    assert all(s["date"] in keys for s in steps)


def test_a_step_dated_in_a_year_without_months_shows_that_years_frame(dataset):
    steps = story.story_document(dataset, [Frame(1979), Frame(1980)])
    assert [(s["step"], s["date"]) for s in steps] == [(1, "1979"), (2, "1979")]


def test_steps_outside_the_exported_years_are_left_out(dataset):
    steps = story.story_document(dataset, frames.frame_sequence(dataset, 1988, 1990))
    assert [(s["step"], s["title"]) for s in steps] == [
        (1, "The Vietnamese army leaves"),
        (2, "The Khmer Rouge take Pailin"),
    ]
    assert story.story_document(dataset, []) == []


def test_a_story_without_the_teacher_notes_column_still_loads(data_copy):
    def drop(rows):
        fields = [f for f in rows[0] if f != "teacher_notes"]
        return [{k: r[k] for k in fields} for r in rows], fields

    _rewrite_story(data_copy / "story.csv", drop)
    without_translations(data_copy, "story", "teacher_notes")  # a folder from before both
    steps = story.steps(load(data_copy))
    assert len(steps) == 14 and all(s.teacher_notes == "" for s in steps)


def test_teacher_notes_too_long_for_the_presenter_view_are_a_problem_naming_the_cell(data_copy):
    def lengthen(rows):
        rows[2]["teacher_notes"] = "Ask the class. " * 60  # the cell is read without its last space
        return rows, list(rows[0])

    _rewrite_story(data_copy / "story.csv", lengthen)
    with pytest.raises(DataError) as caught:
        load(data_copy)
    lines = [str(p) for p in caught.value.problems]
    wanted = (
        "data/story.csv:4:teacher_notes: `teacher_notes` is 899 characters long: keep it to 800"
    )
    assert any(line.startswith(wanted) for line in lines), lines


# ------------------------------------------------------------------ compare
# compare's holdings and the lists made from them: tests/test_compare.py
def test_the_export_document_carries_the_story_and_compare_without_changing_the_apps(dataset):
    document = frames.frames_document(dataset, 1988, 1990)
    moded = export_html.with_modes(dataset, document)
    assert "story" not in document and "compare" not in document
    assert [s["date"] for s in moded["story"]] == ["1989-09", "1989-10"]
    assert set(moded["compare"]["state"]) == {f["key"] for f in document["frames"]}
    assert moded["frames"] is document["frames"]
