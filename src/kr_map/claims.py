"""Typed claims: every statement the map makes about the past, with its basis and sources.

A caption, a card line, a tooltip, an area and an arrow each assert something. Each is
built from a :class:`Claim`: what (held, changed hands, ended, opened, moved, fought,
happened), where, who, when (as precise as the source), the basis, and the rows and quotes
it rests on. :mod:`kr_map.wording` says every claim in words, in one place, by its basis:

- ``stated``: the quote says it ("claimed victory over the city of Pailin");
- ``inferred``: the seed implies it, and the row's summary says how it was read;
- ``attested``: attested only: the source mentions the holding at that date, but says
  nothing of how or when it began (Battambang province "maintained" by the Khmer Rouge).

The facts about starts and ends are read once, by the loader (``start_claim``,
``end_claim`` and the ``run_*`` columns of ``Dataset.control``); this module turns them
into claims and never guesses beyond them.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from kr_map import vocab

CLAIM_KINDS = ("held", "changed_hands", "ended", "opened", "moved", "fought", "happened")
BASES = ("stated", "inferred", "attested")
# Area and marker status of a holding on a day: vouched for, or carried on after it.
STATUSES = ("stated", "inferred", "after")


@dataclass(frozen=True)
class Source:
    """One row and the verbatim quote it rests on."""

    table: str
    row: int
    seed: str
    quote: str


@dataclass(frozen=True)
class Claim:
    """One statement about the past, as precise as its source and no more."""

    what: str
    where: str  # place id; "" when the source names no place on the map
    place: str  # the place's name, for people
    who: tuple[str, ...]
    when: str  # the date as the source gives it, for people ("c. 18–19 Mar 1994")
    t0: pd.Timestamp  # the first day the date may mean
    t1: pd.Timestamp  # the last day the date may mean
    precision: str
    basis: str
    sources: tuple[Source, ...]
    why: str = ""  # how an inferred claim was read (the row's summary)
    was: str = ""  # changed hands: the holder before, "" when the sources do not say
    people: tuple[int | None, int | None] = (None, None)
    destination: str = ""  # moved: the place name, "" when the source gives none
    toward: str = ""  # moved without a destination: the direction the source gives

    def __post_init__(self) -> None:
        if self.what not in CLAIM_KINDS:
            raise ValueError(f"unknown claim kind {self.what!r}")
        if self.basis not in BASES:
            raise ValueError(f"unknown basis {self.basis!r}")
        if self.what == "changed_hands" and self.basis != "stated":
            raise ValueError("a change of hands is only claimed when a source states it")

    def within(self, first: pd.Timestamp, last: pd.Timestamp) -> bool:
        """Return True when every day the claim's date may mean lies in first..last."""
        return first <= self.t0 and self.t1 <= last


def _text(value) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _count(value) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


# --- Holdings ------------------------------------------------------------------------


def holding_start(holding: pd.Series) -> Claim:
    """Return the claim of how a holding (its run of rows for one holder) began."""
    changed = holding["run_start_claim"] == "change"
    basis = "stated" if changed else "attested"
    if not changed and holding["run_basis"] != "stated":
        basis = "inferred"
    return Claim(
        what="changed_hands" if changed else "held",
        where=str(holding["place_id"]),
        place=_text(holding["place_name"]),
        who=(str(holding["faction_id"]),),
        when=_text(holding["held_since_label"]),
        t0=pd.Timestamp(holding["held_since"]),
        t1=pd.Timestamp(holding["run_t1"]),
        precision=_text(holding["precision"]),
        basis=basis,
        sources=(
            Source(
                "control.csv",
                int(holding["run_row"]),
                _text(holding["run_seed"]),
                _text(holding["run_quote"]),
            ),
        ),
        why=_text(holding["run_summary"]),
        was=_text(holding["run_was"]) if changed else "",
    )


def holding_end(holding: pd.Series) -> Claim | None:
    """Return the claim of how a holding ended, or None when no source dates its end.

    ``stated``: a source says when it ended (an ``until``, or the next holder's stated
    capture); ``inferred``: an inferred next row ends it. A holding bounded only by the end
    of its holder, or still open, has no end claim: it is "last attested".
    """
    kind = holding["run_end_claim"]
    if kind not in ("stated", "inferred"):
        return None
    until = pd.Timestamp(holding["run_until"])
    return Claim(
        what="ended",
        where=str(holding["place_id"]),
        place=_text(holding["place_name"]),
        who=(str(holding["faction_id"]),),
        when=_text(holding["run_until_label"]),
        t0=until,
        t1=until,
        precision="",
        basis=kind,
        sources=(
            Source(
                "control.csv",
                int(holding["row"]),
                _text(holding["run_until_seed"]),
                _text(holding["run_until_quote"]),
            ),
        ),
    )


def status_on(holding: pd.Series, moment: pd.Timestamp) -> str | None:
    """Return how a holding stands on a day: stated, inferred, after, or None (not shown).

    ``after``: past its last attestation, carried on until the end the model gives it.
    None when not held that day, and before the first attestation of a holding whose start
    is only a range ("since 1979 or later, attested January 1985"): nothing vouches for it.
    """
    moment = pd.Timestamp(moment)
    until = holding["until"]
    if moment < holding["t0"] or (pd.notna(until) and moment >= until):
        return None
    if moment < holding["attested_from"] and holding["precision"] == "range":
        return None
    if moment >= holding["attested_until"]:
        return "after"
    return "stated" if holding["basis"] == "stated" else "inferred"


def statuses_on(control: pd.DataFrame, moment: pd.Timestamp) -> pd.Series:
    """Return :func:`status_on` for every holding of a control table (None: not shown)."""
    moment = pd.Timestamp(moment)
    held = (control["t0"] <= moment) & (control["until"].isna() | (control["until"] > moment))
    unknown_start = (moment < control["attested_from"]) & (control["precision"] == "range")
    status = pd.Series("inferred", index=control.index, dtype=object)
    status = status.where(control["basis"] != "stated", "stated")
    status = status.where(moment < control["attested_until"], "after")
    return status.where(held & ~unknown_start, None)


def changes_of_hands(control: pd.DataFrame) -> list[Claim]:
    """Return every stated change of hands, in date order."""
    changes = control[control["start_claim"] == "change"].sort_values(["t0", "place_id"])
    return [holding_start(row) for _, row in changes.iterrows()]


def changes_within(control: pd.DataFrame, first: pd.Timestamp, last: pd.Timestamp) -> list[Claim]:
    """Return the stated changes of hands whose whole date lies in first..last."""
    return [claim for claim in changes_of_hands(control) if claim.within(first, last)]


# --- Events and movements -------------------------------------------------------------


def event_claim(event: pd.Series) -> Claim:
    """Return what an event row claims: fought, opened or happened, as the quote says."""
    kind = str(event["kind"])
    if kind in vocab.VIOLENT_EVENT_KINDS:
        what = "fought"
    elif kind == "camp" and "opened" in str(event["title"]).lower():
        what = "opened"
    else:
        what = "happened"
    return Claim(
        what=what,
        where=_text(event.get("place_id")),
        place=_text(event.get("place_name")),
        who=tuple(event["faction_ids"]),
        when=_text(event["when"]),
        t0=pd.Timestamp(event["t0"]),
        t1=pd.Timestamp(event["t1"]),
        precision=str(event["precision"]),
        basis="stated",
        sources=(Source("events.csv", int(event["row"]), str(event["seed"]), str(event["quote"])),),
        why=_text(event.get("summary")),
        people=(_count(event["people_low"]), _count(event["people_high"])),
    )


def movement_claim(move: pd.Series) -> Claim:
    """Return what a movement row claims; ``destination`` is "" when the source names none."""
    return Claim(
        what="moved",
        where=str(move["from_place"]),
        place=_text(move["from_name"]),
        who=(),
        when=_text(move["when"]),
        t0=pd.Timestamp(move["t0"]),
        t1=pd.Timestamp(move["t1"]),
        precision=str(move["precision"]),
        basis="stated" if move.get("basis") == "stated" else "inferred",
        sources=(Source("movements.csv", int(move["row"]), str(move["seed"]), str(move["quote"])),),
        why=_text(move.get("summary")),
        people=(_count(move["people_low"]), _count(move["people_high"])),
        destination=_text(move.get("to_name")),
        toward=_text(move.get("toward_name")),
    )
