"""What a frame is about: its headline event, the bounds of its action, the places it names.

Contract C (``/docs/ARCHITECTURE.md``). Every rule reads kinds, dates and precisions, never
hand-picked ids:

- **headline**: among the events whose start is dated inside the frame, those dated within
  a season (a day, a month, a season, a range of at most :data:`DATED_DAYS` days) come
  before those known only to the year or a wider range, so a whole-year frame never opens
  on background ("1997: a prize was won") when a dated event exists. Then a capture that is
  a stated change of hands dated in the frame, then fighting (a battle, an offensive, an
  attack, an ambush, shelling, a bombing, a capture the sources do not state as a change of
  hands), then any other event; within one tier the kind that most changes who holds power
  (:data:`KIND_ORDER`: a coup before an arrest, an arrest before talks), then the earliest,
  then the id. No event dated inside the frame: no headline.
- **focus**: the bounds of the frame's action: the headline's place, the places that changed
  hands, the fighting and the movements dated in the frame, and the places it is about
  (below), so that every name that must show is on the stage (near Cambodia only; None: the
  whole country).
- **about**: the places whose names always show: the headline's place, the places that
  changed hands or passed to a new holder in the frame, and the places of fighting dated in
  the frame or under way during it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from kr_map import claims, vocab
from kr_map.model import State

DATED_DAYS = 92  # a season: a date known this well is news, not background
FIGHTING = tuple(k for k in vocab.VIOLENT_EVENT_KINDS if k != "massacre")
# Turning points of power first, then violence against people, then talk and background.
KIND_ORDER = (
    "capture", "battle", "offensive", "attack", "ambush", "shelling", "bombing",
    "coup", "surrender", "withdrawal", "agreement", "election", "defection", "death",
    "arrest", "massacre", "founding", "camp", "negotiation", "political", "other",
)  # fmt: skip
# Places within this many degrees (lat, lon) of Cambodia's centre can be framed; a far-off
# place (Tonkin, say) would zoom the stage out to half of Asia.
NEAR_DEGREES = (4.0, 5.0)
CENTRE = (12.6, 104.9)

Point = tuple[float, float]


def dated_events(state: State) -> pd.DataFrame:
    """Return the period's events whose start is dated inside it (the panel's "events")."""
    events, period = state.events, state.period
    return events[(events["t0"] >= period.t0) & (events["start_t1"] <= period.t1)]


def _rank(index: Sequence[str], value: str) -> int:
    return index.index(value) if value in index else len(index)


def _stated_change(event: Mapping[str, Any], changes: Iterable[claims.Claim]) -> bool:
    """Return True when a capture event is a change of hands a source states (same place, day)."""
    if event["kind"] != "capture":
        return False
    return any(
        change.where == event["place_id"] and change.t0 == event["t0"] and change.t1 == event["t1"]
        for change in changes
    )


def _uncertain_days(event: dict) -> int:
    """Return how many days the event's date may mean: its start's, or a range's whole span."""
    last = event["t1"] if event["precision"] == "range" else event["start_t1"]
    return int((last - event["t0"]).days) + 1


def _tier(event: Mapping[str, Any], changes: list[claims.Claim]) -> int:
    if _stated_change(event, changes):
        return 0
    return 1 if event["kind"] in FIGHTING else 2


def headline(state: State, changes: list[claims.Claim]) -> str | None:
    """Return the id of the event the frame is about, or None when none is dated inside it.

    ``changes``: the stated changes of hands (:func:`kr_map.claims.changes_of_hands`).
    """
    period = state.period
    within = [c for c in changes if c.within(period.t0, period.t1)]
    return headline_among(dated_events(state).to_dict("records"), within)


def headline_among(dated: list[Mapping[str, Any]], within: list[claims.Claim]) -> str | None:
    """Return the id of the headline among a frame's ``dated`` events (records, table order),
    or None when there is none; ``within``: the stated changes of hands dated in the frame."""
    if not dated:
        return None
    ranked = sorted(
        dated,
        key=lambda e: (
            _uncertain_days(e) > DATED_DAYS,
            _tier(e, within),
            _rank(KIND_ORDER, str(e["kind"])),
            e["t0"],
            str(e["event_id"]),
        ),
    )
    return str(ranked[0]["event_id"])


def _place_of(events: pd.DataFrame, event_id: str | None) -> str:
    if event_id is None or event_id not in events.index:
        return ""
    place = events.loc[event_id, "place_id"]
    return "" if pd.isna(place) else str(place)


def _fighting(events: pd.DataFrame) -> pd.DataFrame:
    return events[events["kind"].isin(vocab.VIOLENT_EVENT_KINDS)]


def _dated_moves(state: State) -> pd.DataFrame:
    moves, period = state.movements, state.period
    return moves[(moves["t0"] >= period.t0) & (moves["t0"] <= period.t1)]


def _near(point: Point) -> bool:
    lat, lon = point
    return abs(lat - CENTRE[0]) <= NEAR_DEGREES[0] and abs(lon - CENTRE[1]) <= NEAR_DEGREES[1]


def bounds_of(points: Iterable[Point]) -> list[list[float]] | None:
    """Return [[south, west], [north, east]] around the points near Cambodia, or None."""
    near = [p for p in points if _near(p)]
    if not near:
        return None
    lats, lons = zip(*near, strict=True)
    return [[min(lats), min(lons)], [max(lats), max(lons)]]


def focus(
    state: State,
    changes: list[claims.Claim],
    headline_id: str | None,
    places: pd.DataFrame,
    about_ids: list[str] | None = None,
) -> list[list[float]] | None:
    """Return the bounds of the frame's action, or None (the whole country).

    ``places``: the dataset's places (lat, lon by place id); ``about_ids``: :func:`about`
    of the same frame, when the caller has it already.
    """
    period = state.period
    moves = _dated_moves(state)
    moved = [
        str(p)
        for column in ("from_place", "to_place", "toward_place")
        if column in moves
        for p in moves[column].dropna()
    ]
    ids = focus_places(
        _place_of(state.events, headline_id),
        [c.where for c in changes if c.within(period.t0, period.t1)],
        [str(p) for p in _fighting(dated_events(state))["place_id"].dropna()],
        moved,
        about(state, changes, headline_id) if about_ids is None else about_ids,
    )
    known = [p for p in ids if p in places.index]
    return bounds_of((float(places.loc[p, "lat"]), float(places.loc[p, "lon"])) for p in known)


def focus_places(
    headline_place: str,
    changed: Iterable[str],
    dated_fighting: Iterable[str],
    dated_moves: Iterable[str],
    about_ids: Iterable[str],
) -> list[str]:
    """Return the places whose bounds are the frame's focus, in order, each once: the
    headline's, those that changed hands, the fighting and the movements (their ends and
    directions) dated in the frame, and the places it is about."""
    ids = [headline_place, *changed, *dated_fighting, *dated_moves, *about_ids]
    return [p for p in dict.fromkeys(ids) if p]


def about(state: State, changes: list[claims.Claim], headline_id: str | None) -> list[str]:
    """Return the ids of the places the frame is about, whose labels always show."""
    period = state.period
    control = state.control
    began = control[(control["t0"] >= period.t0) & (control["t0"] <= period.t1)]
    return about_places(
        _place_of(state.events, headline_id),
        [c.where for c in changes if c.within(period.t0, period.t1)],
        [str(p) for p in began["place_id"]],
        [str(p) for p in _fighting(state.events)["place_id"].dropna()],
    )


def about_places(
    headline_place: str, changed: Iterable[str], began: Iterable[str], fighting: Iterable[str]
) -> list[str]:
    """Return the places a frame is about, in order, each once: the headline's, those that
    changed hands, those that passed to a holder in the frame, the places of its fighting."""
    return [p for p in dict.fromkeys([headline_place, *changed, *began, *fighting]) if p]
