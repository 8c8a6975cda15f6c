"""The guided story: ordered moments, each a date, a map view, a narrative and its sources."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from kr_map import translations
from kr_map.loader import Dataset
from kr_map.timeline import Frame, position
from kr_map.vocab import DISTRESSING_EVENT_KINDS

# A step's text that translations.csv may translate, shown beside the original.
TRANSLATED_COLUMNS = ("title", "narrative", "content_note", "teacher_notes")
DEFAULT_CONTENT_NOTE = (
    "Content note: this step describes killings of civilians. Reveal it when the class is ready."
)


@dataclass(frozen=True)
class Source:
    """A verbatim quote and the seed file it comes from, as one story step cites it."""

    event_id: str
    title: str
    when: str
    quote: str
    seed: str
    # The event's translations ("quote@km", ...: translations.cells_in), every language.
    translation_cells: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Step:
    """One moment of the story and how the map should look for it."""

    number: int
    title: str
    year: int
    month: int | None
    lat: float
    lon: float
    zoom: int
    layers: tuple[str, ...]
    narrative: str
    content_note: str
    sources: tuple[Source, ...]
    teacher_notes: str = ""
    # The row's translations ("narrative@km", ...: translations.cells_in), every language.
    translation_cells: tuple[tuple[str, str], ...] = ()

    @property
    def frame(self) -> Frame:
        """Return the slider frame the step's date names: its year, or its month."""
        return Frame(self.year, self.month)


def steps(dataset: Dataset) -> list[Step]:
    """Return the story's steps in telling order, each with the sources it rests on."""
    return [_step(row, dataset.events) for _, row in dataset.story.iterrows()]


def _step(row: pd.Series, events: pd.DataFrame) -> Step:
    cited = events.loc[[e for e in row["event_ids"] if e in events.index]]
    date_text = str(row["date"])
    month = int(date_text[5:7]) if len(date_text) >= 7 else None
    note = _text(row.get("content_note"))
    if not note and cited["kind"].isin(DISTRESSING_EVENT_KINDS).any():
        note = DEFAULT_CONTENT_NOTE
    return Step(
        number=int(row["step"]),
        title=str(row["title"]),
        year=int(date_text[:4]),
        month=month,
        lat=float(row["lat"]),
        lon=float(row["lon"]),
        zoom=int(row["zoom"]),
        layers=tuple(row["layers"]),
        narrative=str(row["narrative"]),
        content_note=note,
        teacher_notes=_text(row.get("teacher_notes")),
        translation_cells=translations.cells_in(row),
        sources=tuple(
            Source(
                str(e["event_id"]),
                str(e["title"]),
                str(e["when"]),
                str(e["quote"]),
                str(e["seed"]),
                translations.cells_in(e),
            )
            for _, e in cited.iterrows()
        ),
    )


def _text(cell: Any) -> str:
    """Return an optional text cell as a string ('' when blank or absent)."""
    return "" if cell is None or pd.isna(cell) else str(cell)


def story_document(dataset: Dataset, frames: Sequence[Frame]) -> list[dict[str, Any]]:
    """Return the story's steps as the export's player reads them (``doc.story``, plain text).

    Each step names the frame of ``frames`` its date shows (the nearest one, as in the
    app), its view, layers and events, its narrative, content note and teacher notes, and
    the verbatim quotes it rests on. Steps dated outside ``frames``' years are left out,
    and the others numbered 1, 2, 3 ... again: a file of 1988-1990 tells a story of two.
    """
    sequence = list(frames)
    if not sequence:
        return []
    years = {frame.year for frame in sequence}
    shown = [step for step in steps(dataset) if step.year in years]
    return [_step_record(number, step, sequence) for number, step in enumerate(shown, start=1)]


def _step_record(number: int, step: Step, sequence: list[Frame]) -> dict[str, Any]:
    return {
        "step": number,
        "title": step.title,
        "date": sequence[position(sequence, step.frame)].key,
        "lat": step.lat,
        "lon": step.lon,
        "zoom": step.zoom,
        "layers": list(step.layers),
        "events": [source.event_id for source in step.sources],
        "narrative": step.narrative,
        "contentNote": step.content_note,
        "teacherNotes": step.teacher_notes,
        "sources": [
            {
                "title": s.title,
                "when": s.when,
                "quote": s.quote,
                "seed": s.seed,
                **translations.translated(dict(s.translation_cells), ("title", "quote")),
            }
            for s in step.sources
        ],
        **translations.translated(dict(step.translation_cells), TRANSLATED_COLUMNS),
    }
