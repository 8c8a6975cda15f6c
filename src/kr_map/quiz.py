"""The quiz: questions from ``data/quiz.csv``, each checked against the data it asks about.

Three kinds of question, all built on predict mode (the map stops before the answer):

- ``place``: "click the place where ...": ``answer`` is a place id and every event in
  ``event_ids`` must have happened there;
- ``order``: "put these events in order": ``event_ids`` in the order shown, ``answer`` the
  same ids earliest first, and the data must date each one wholly before the next;
- ``holder``: "who held ``place_id`` at ``date``": ``answer`` is the faction the map shows
  holding it at the end of that date, as a source states it or as it is inferred (never a
  holding carried on past its last attestation), and one of ``choices``.

An answer the data contradicts, or cannot vouch for, is a problem naming the file, row and
column, like every other problem of the data. :func:`quiz_document` turns the questions into
``doc.quiz`` for the player (``views/quiz.js``): the prompts, the choices, the answers and
the verbatim quotes and sources that the answers rest on, all plain data.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from kr_map import model, timeline, translations, wording
from kr_map import schema as s
from kr_map import validation as v
from kr_map.frames import frame_sequence, period_of
from kr_map.i18n import N_, _
from kr_map.loader import Dataset
from kr_map.problems import DataError, Problem
from kr_map.reading import file_label, read_rows

ACCEPTED_STATUSES = ("stated", "inferred")


@dataclass(frozen=True)
class Question:
    """One checked question of the quiz, with what its answer rests on."""

    number: int
    kind: str
    prompt: str
    date: str
    place_id: str
    event_ids: tuple[str, ...]
    answer: tuple[str, ...]
    choices: tuple[str, ...]
    # The prompt's translations ("prompt@km", ...: translations.cells_in), every language.
    translation_cells: tuple[tuple[str, str], ...] = ()


def read_quiz(
    data_dir: Path, dataset: Dataset, *, allow_outside: bool = False
) -> tuple[list[Question], list[Problem]]:
    """Return the quiz's questions and the problems of ``quiz.csv`` (none when it is absent)."""
    path = Path(data_dir) / s.QUIZ.file
    if not path.exists():
        return [], []
    rows, problems = read_rows(path, s.QUIZ, allow_outside=allow_outside)
    problems += v.check_cells(s.QUIZ, rows) + v.check_unique_keys(s.QUIZ, rows)
    keys = {
        "places": set(dataset.places.index),
        "events": set(dataset.events.index),
    }
    problems += v.check_references(s.QUIZ, rows, keys)
    flawed = {p.row for p in problems}
    for number, row in rows:
        if number not in flawed:
            problems += check_question(number, row, dataset)
    if not problems:
        problems += translation_problems(rows, dataset)
    labels = {s.QUIZ.file: file_label(path)}
    labels[s.TRANSLATIONS.file] = file_label(Path(data_dir) / s.TRANSLATIONS.file)
    problems = [
        Problem(labels.get(p.file, p.file), p.row, p.column, p.message, p.blocking)
        for p in problems
    ]
    if problems:
        return [], problems
    cells = translations.cells_of(dataset.translations, s.QUIZ.name)
    return [_question({**row, **cells.get(row["question"], {})}) for _, row in rows], []


def translation_problems(rows: v.Rows, dataset: Dataset) -> list[Problem]:
    """Return the problems of the quiz's translations (translations.csv) against ``rows``."""
    table = dataset.translations
    if table.empty:
        return []
    names = [f.name for f in s.TRANSLATIONS.fields]
    translated = [
        (int(number), {name: str(cell) for name, cell in zip(names, cells, strict=True)})
        for number, *cells in table[["row", *names]].itertuples(index=False)
    ]
    checked = {s.QUIZ.name: rows, s.TRANSLATIONS.name: translated}
    return translations.check_translations(checked, {s.QUIZ.name})


def load_quiz(dataset: Dataset, *, allow_outside: bool = False) -> list[Question]:
    """Return the dataset's checked quiz questions, or raise ``DataError`` listing every problem."""
    questions, problems = read_quiz(dataset.data_dir, dataset, allow_outside=allow_outside)
    if problems:
        raise DataError(problems)
    return questions


def _question(row: v.Row) -> Question:
    return Question(
        number=int(row["question"]),
        kind=row["kind"],
        prompt=row["prompt"],
        date=row.get("date", ""),
        place_id=row.get("place_id", ""),
        event_ids=tuple(s.split_list(row.get("event_ids", ""))),
        answer=tuple(s.split_list(row["answer"])),
        choices=tuple(s.split_list(row.get("choices", ""))),
        translation_cells=translations.cells_in(row),
    )


# What a question of each kind lacks when a column it needs is blank: a whole sentence each.
NEEDS = {
    "place": N_("a place question needs `{column}`"),
    "order": N_("an order question needs `{column}`"),
    "holder": N_("a holder question needs `{column}`"),
}


def check_question(number: int, row: v.Row, dataset: Dataset) -> list[Problem]:
    """Return why the data contradicts (or cannot vouch for) one question's answer."""
    question = _question(row)
    needed = {"place": ("event_ids",), "order": ("event_ids",), "holder": ("date", "place_id")}
    missing = [c for c in (*needed[question.kind], "answer") if not row.get(c, "")]
    if missing:
        needs = _(NEEDS.get(question.kind, N_("this question needs `{column}`")))
        return [Problem(s.QUIZ.file, number, c, needs.format(column=c)) for c in missing]
    check = {"place": _place_problems, "order": _order_problems, "holder": _holder_problems}
    return [
        Problem(s.QUIZ.file, number, column, text)
        for column, text in check[question.kind](question, dataset)
    ]


def _place_problems(question: Question, dataset: Dataset) -> list[tuple[str, str]]:
    if len(question.answer) != 1:
        return [("answer", _("a place question's answer is one place id"))]
    answer = question.answer[0]
    if answer not in dataset.places.index:
        message = _("unknown place id {value}: not in places.csv")
        return [("answer", message.format(value=repr(answer)))]
    problems = []
    for event_id in question.event_ids:
        where = str(dataset.events.loc[event_id, "place_id"] or "")
        if where != answer:
            if where:
                message = _("the data puts the event {event} at {place}, not at {answer}")
            else:
                message = _(
                    "the data puts the event {event} at no place on the map, not at {answer}"
                )
            said = message.format(event=repr(event_id), place=repr(where), answer=repr(answer))
            problems.append(("answer", said))
    return problems


def _order_problems(question: Question, dataset: Dataset) -> list[tuple[str, str]]:
    if sorted(question.answer) != sorted(question.event_ids) or len(question.answer) < 2:
        return [("answer", _("an order question's answer lists the same events as `event_ids`"))]
    events = dataset.events
    problems = []
    for earlier, later in zip(question.answer, question.answer[1:], strict=False):
        if events.loc[earlier, "t1"] <= events.loc[later, "t0"]:
            continue
        if events.loc[later, "t1"] <= events.loc[earlier, "t0"]:
            message = _("the data dates {later} before {earlier} ({when_earlier}; {when_later})")
        else:
            message = _(
                "the data's dates of {earlier} and {later} overlap: no order to ask "
                "({when_earlier}; {when_later})"
            )
        said = message.format(
            earlier=repr(earlier), later=repr(later),
            when_earlier=_when(events, earlier), when_later=_when(events, later),
        )  # fmt: skip
        problems.append(("answer", said))
    return problems


def _when(events: pd.DataFrame, event_id: str) -> str:
    row = events.loc[event_id]
    return f"{event_id}: {wording.date_phrase(str(row['when']), str(row['precision']))}"


def holding_at(dataset: Dataset, place_id: str, date: str) -> pd.Series | None:
    """Return the holding the map shows for a place at the end of ``date``, or None."""
    held = model.control_at_end_of(dataset, model.parse_period(date))
    rows = held[held["place_id"] == place_id]
    return None if rows.empty else rows.iloc[0]


def _holder_problems(question: Question, dataset: Dataset) -> list[tuple[str, str]]:
    answer = question.answer[0] if len(question.answer) == 1 else ""
    if not answer:
        return [("answer", _("a holder question's answer is one faction id"))]
    problems = []
    if answer not in dataset.factions.index:
        message = _("unknown faction id {value}: not in factions.csv")
        problems.append(("answer", message.format(value=repr(answer))))
    unknown = [c for c in question.choices if c not in dataset.factions.index]
    if unknown:
        message = _("unknown faction id(s) {values}")
        problems.append(("choices", message.format(values=", ".join(map(repr, unknown)))))
    if question.choices and answer not in question.choices:
        message = _("the answer {value} is not among the choices")
        problems.append(("choices", message.format(value=repr(answer))))
    holding = holding_at(dataset, question.place_id, question.date)
    if holding is None:
        message = _("the data records no holder of {place} at {date}")
        problems.append(
            ("answer", message.format(place=repr(question.place_id), date=question.date))
        )
    elif holding["faction_id"] != answer:
        message = _(
            "the data says {side} held {place} at the end of {date} "
            "(control.csv row {row}), not {answer}"
        )
        said = message.format(
            side=repr(holding["faction_id"]), place=repr(question.place_id),
            date=question.date, row=holding["row"], answer=repr(answer),
        )  # fmt: skip
        problems.append(("answer", said))
    elif holding["status"] not in ACCEPTED_STATUSES:
        message = _(
            "no source vouches for {answer} holding {place} at {date}: the holding is only "
            "carried on past its last attestation"
        )
        said = message.format(
            answer=repr(answer), place=repr(question.place_id), date=question.date
        )
        problems.append(("date", said))
    return problems


# --- doc.quiz -------------------------------------------------------------------------


def frame_key_of(sequence: list[timeline.Frame], date: str) -> str:
    """Return the key of the slider frame a date falls in (its month, else its year)."""
    period = model.parse_period(date[:7])
    month = period.first.month if len(date) >= 7 else None
    return sequence[timeline.position(sequence, timeline.Frame(period.first.year, month))].key


def frame_before(sequence: list[timeline.Frame], key: str) -> str:
    """Return the last frame that ends before frame ``key`` begins (predict's limit), or it.

    A whole year's frame sorts before its months but shows the end of the year: it is
    never the frame before one of its own months.
    """
    start = next(period_of(f).first for f in sequence if f.key == key)
    earlier = [f for f in sequence if period_of(f).last < start]
    return earlier[-1].key if earlier else key


def _event_source(dataset: Dataset, event_id: str) -> dict[str, str]:
    row = dataset.events.loc[event_id]
    return {
        "event": event_id,
        "title": str(row["title"]),
        "when": wording.date_phrase(str(row["when"]), str(row["precision"])),
        "quote": str(row["quote"]),
        "seed": str(row["seed"]),
        **translations.translated(row, ("title", "quote")),
    }


def _faction_name(dataset: Dataset, faction_id: str) -> str:
    """Return the side's short name in the language being spoken, as the legend names it
    (data/translations.csv): a Khmer class chooses among the names its map shows."""
    return wording.faction_names(faction_id, dataset.factions, short=True)


def question_record(
    question: Question, dataset: Dataset, sequence: list[timeline.Frame]
) -> dict[str, Any]:
    """Return one question as the player asks it: prompt, frames, choices, answer, sources.

    ``ask`` is the frame the map stops at while the class answers (the one before the
    answer's first frame, as in predict mode); ``show`` the frame revealed with the answer.
    """
    record: dict[str, Any] = {
        "number": question.number,
        "kind": question.kind,
        "prompt": question.prompt,
        **translations.translated(dict(question.translation_cells), ("prompt",)),
    }
    if question.kind == "holder":
        first = shown = frame_key_of(sequence, question.date)
        record.update(_holder_record(question, dataset))
    else:
        events = dataset.events
        dated = sorted(question.event_ids, key=lambda e: events.loc[e, "t0"])
        first = frame_key_of(sequence, str(events.loc[dated[0], "start"]))
        shown = frame_key_of(sequence, str(events.loc[dated[-1], "start"]))
        record["sources"] = [_event_source(dataset, e) for e in dated]
        if question.kind == "place":
            record["answer"] = question.answer[0]
            record["answerText"] = str(dataset.places.loc[question.answer[0], "name"])
        else:
            record["events"] = [_event_source(dataset, e) for e in question.event_ids]
            record["answer"] = list(question.answer)
            record["answerText"] = "; ".join(str(events.loc[e, "title"]) for e in question.answer)
    record["ask"] = frame_before(sequence, first)
    record["show"] = shown
    return record


def _holder_record(question: Question, dataset: Dataset) -> dict[str, Any]:
    holding = holding_at(dataset, question.place_id, question.date)
    answer = question.answer[0]
    source = {
        "title": f"{holding['place_name']}: {_faction_name(dataset, answer)}",
        "when": wording.date_phrase(str(holding["when"]), str(holding["precision"])),
        "quote": str(holding["quote"]),
        "seed": str(holding["seed"]),
        **translations.translated(holding, ("quote",)),
    }
    return {
        "choices": [{"id": f, "name": _faction_name(dataset, f)} for f in question.choices],
        "answer": answer,
        "answerText": _faction_name(dataset, answer),
        "basis": str(holding["status"]),
        "sources": [source],
    }


def quiz_document(dataset: Dataset, questions: list[Question], frame_keys: list[str]) -> dict:
    """Return ``doc.quiz``: the questions and the places a click may pick, as plain data.

    ``frame_keys`` are the document's frames: a question asks at the frame before its
    answer (predict mode's limit) and reveals the answer's frame.
    """
    sequence = [f for f in frame_sequence(dataset) if f.key in set(frame_keys)]
    asked = [q for q in questions if _within(q, dataset, sequence)]
    places = dataset.places.dropna(subset=["lat", "lon"])
    return {
        "questions": [question_record(q, dataset, sequence) for q in asked],
        "places": [
            {
                "id": str(pid),
                "name": str(row["name"]),
                "lat": float(row["lat"]),
                "lon": float(row["lon"]),
            }
            for pid, row in places.iterrows()
        ],
    }


def _within(question: Question, dataset: Dataset, sequence: list[timeline.Frame]) -> bool:
    """Return True when the question's dates lie inside the document's years."""
    if not sequence:
        return False
    years = range(sequence[0].year, sequence[-1].year + 1)
    if question.kind == "holder":
        return int(question.date[:4]) in years
    return all(int(str(dataset.events.loc[e, "start"])[:4]) in years for e in question.event_ids)
