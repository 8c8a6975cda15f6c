"""The guided story: ordered moments, each a date, a map view, a narrative and its sources."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kr_map.loader import Dataset
from kr_map.vocab import DISTRESSING_EVENT_KINDS

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


def steps(dataset: Dataset) -> list[Step]:
    """Return the story's steps in telling order, each with the sources it rests on."""
    return [_step(row, dataset.events) for _, row in dataset.story.iterrows()]


def _step(row: pd.Series, events: pd.DataFrame) -> Step:
    cited = events.loc[[e for e in row["event_ids"] if e in events.index]]
    date_text = str(row["date"])
    month = int(date_text[5:7]) if len(date_text) >= 7 else None
    note = str(row.get("content_note") or "")
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
        sources=tuple(
            Source(
                str(e["event_id"]), str(e["title"]), str(e["when"]), str(e["quote"]), str(e["seed"])
            )
            for _, e in cited.iterrows()
        ),
    )
