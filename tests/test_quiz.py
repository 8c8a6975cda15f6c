"""The quiz: every answer is checked against the data it asks about, like any other row."""

from __future__ import annotations

import csv
from pathlib import Path

from kr_map import frames, quiz
from kr_map.cli import main
from kr_map.loader import Dataset, load

from .translated import without_translations


def write_quiz(data_dir: Path, rows: list[dict[str, str]]) -> None:
    columns = ["question", "kind", "prompt", "date", "place_id", "event_ids", "answer", "choices"]
    with (data_dir / "quiz.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)
    without_translations(data_dir, "quiz")  # a quiz of one's own has no translations


def problems_of(data_copy: Path, rows: list[dict[str, str]]) -> list[str]:
    write_quiz(data_copy, rows)
    dataset = load(data_copy)
    return [str(p) for p in quiz.read_quiz(data_copy, dataset)[1]]


def holder(answer: str, date: str = "1990", place: str = "pailin") -> dict[str, str]:
    return {"question": "1", "kind": "holder", "prompt": "Who held it?", "date": date,
            "place_id": place, "answer": answer, "choices": "khmer_rouge;prk;vietnam;rgc"}  # fmt: skip


def test_the_bundled_quiz_is_valid_and_has_six_to_ten_questions(dataset: Dataset):
    questions, problems = quiz.read_quiz(dataset.data_dir, dataset)
    assert problems == []
    assert 6 <= len(questions) <= 10
    assert {q.kind for q in questions} == {"place", "order", "holder"}


def test_khmer_rouge_held_pailin_at_the_end_of_1990_is_a_valid_answer(data_copy: Path):
    assert problems_of(data_copy, [holder("khmer_rouge")]) == []


def test_a_holder_the_data_contradicts_is_a_problem_naming_file_row_and_column(data_copy: Path):
    problems = problems_of(data_copy, [holder("prk")])
    assert len(problems) == 1
    assert problems[0].startswith("data/quiz.csv:2:answer:")
    assert "'khmer_rouge' held 'pailin' at the end of 1990" in problems[0]


def test_a_holding_only_carried_past_its_last_attestation_cannot_be_asked(data_copy: Path):
    # Phnom Chat is attested for the government on 20 August 1993 only.
    problems = problems_of(data_copy, [holder("rgc", "1993-09", "phnom_chat")])
    assert len(problems) == 1 and problems[0].startswith("data/quiz.csv:2:date:")


def test_a_place_the_event_did_not_happen_at_is_a_problem(data_copy: Path):
    row = {"question": "1", "kind": "place", "prompt": "Click it.",
           "event_ids": "fall_of_pailin_1989", "answer": "anlong_veng"}  # fmt: skip
    problems = problems_of(data_copy, [row])
    assert problems == [
        "data/quiz.csv:2:answer: the data puts the event 'fall_of_pailin_1989' at 'pailin', "
        "not at 'anlong_veng'"
    ]


def test_an_order_the_dates_contradict_is_a_problem(data_copy: Path):
    row = {"question": "1", "kind": "order", "prompt": "Order them.",
           "event_ids": "cgdk_formed_1982;paris_peace_accords_1991",
           "answer": "paris_peace_accords_1991;cgdk_formed_1982"}  # fmt: skip
    problems = problems_of(data_copy, [row])
    assert len(problems) == 1
    assert problems[0].startswith("data/quiz.csv:2:answer: the data dates 'cgdk_formed_1982'")


def test_events_whose_dates_overlap_cannot_be_put_in_order(data_copy: Path):
    row = {"question": "1", "kind": "order", "prompt": "Order them.",
           "event_ids": "insurgency_first_phase_1979;cgdk_formed_1982",
           "answer": "insurgency_first_phase_1979;cgdk_formed_1982"}  # fmt: skip
    assert "overlap" in problems_of(data_copy, [row])[0]


def test_unknown_ids_are_problems_of_their_column(data_copy: Path, capsys):
    row = {"question": "1", "kind": "place", "prompt": "Click it.",
           "event_ids": "no_such_event", "answer": "pailin"}  # fmt: skip
    write_quiz(data_copy, [row])
    assert main(["validate", str(data_copy)]) == 1
    assert capsys.readouterr().out.splitlines() == [
        "data/quiz.csv:2:event_ids: unknown event id 'no_such_event': not in events.csv"
    ]


def test_kr_map_validate_reports_a_contradicted_quiz_answer(data_copy: Path, capsys):
    write_quiz(data_copy, [holder("vietnam")])
    assert main(["validate", str(data_copy)]) == 1
    assert "data/quiz.csv:2:answer:" in capsys.readouterr().out


def test_a_question_asks_before_its_answer_and_reveals_it(dataset: Dataset):
    keys = [f.key for f in frames.frame_sequence(dataset)]
    document = quiz.quiz_document(dataset, quiz.load_quiz(dataset), keys)
    ampil = next(q for q in document["questions"] if "Ampil" in q["prompt"])
    # The whole-year frame 1985 shows the end of 1985: it is not before January 1985.
    assert (ampil["ask"], ampil["show"]) == ("1984", "1985-01")
    assert ampil["answerText"] == "Vietnam"
    assert ampil["sources"][0]["quote"].startswith("In January 1985, the Vietnamese captured")
    pailin = next(q for q in document["questions"] if q["answer"] == "pailin")
    assert (pailin["ask"], pailin["show"]) == ("1989-09", "1989-10")
