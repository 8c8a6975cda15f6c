"""Every claim in words, by its basis, in one place: plain text, never markup.

The rules (issue 16): "passes to" only for a stated change of hands, at its date; a start
the source does not state reads "held by X (first attested January 1985)"; "until" only
for a stated end, otherwise "last attested ..."; a range stays a range ("c. 18–19 Mar
1994"); a low/high count stays "250–300"; "over one million" stays "over 1,000,000"; a
year-only date reads "sometime in 1998", never as the first of January.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from kr_map.claims import Claim

BASIS_WORDS = {"stated": "stated", "inferred": "inferred", "attested": "attested only"}
WHY_STATED = "the quote says it"
WHY_ATTESTED = "the source mentions it at that date; how and since when it was held is not given"
WHY_UNENDED = "no source says when this holding ended"
DESTINATION_NOT_GIVEN = "destination not given"


def people_text(low, high, noun: str = "people") -> str:
    """Return a count as the sources give it: '6,000', '250–300', 'over 1,000,000'."""
    low = None if low is None or pd.isna(low) else int(low)
    high = None if high is None or pd.isna(high) else int(high)
    if low is None and high is None:
        return ""
    if low is not None and high is not None:
        text = f"{low:,}" if low == high else f"{low:,}–{high:,}"
    elif low is not None:  # the quotes say "over one million", "more than a hundred"
        text = f"over {low:,}"
    else:
        text = f"up to {high:,}"
    return f"{text} {noun}".strip()


def faction_ids(cell) -> tuple[str, ...]:
    """Return the faction ids of a cell as the loader gives them (a tuple), or of a list."""
    if isinstance(cell, str):
        return (cell,) if cell else ()
    if cell is None or (not isinstance(cell, (tuple, list)) and pd.isna(cell)):
        return ()
    return tuple(str(f) for f in cell if str(f))


def faction_names(ids: Iterable[str] | str, factions: pd.DataFrame, *, short: bool = False) -> str:
    """Return the names of faction ids, in order, comma separated."""
    column = "short_name" if short and "short_name" in factions.columns else "name"
    return ", ".join(
        str(factions.loc[fid, column]) if fid in factions.index else fid for fid in faction_ids(ids)
    )


def holder_name(faction_id: str, factions: pd.DataFrame) -> str:
    """Return a side's name without its bracketed detail: 'Khmer Rouge'."""
    if faction_id not in factions.index:
        return faction_id
    return str(factions.loc[faction_id, "name"]).split(" (")[0]


def date_phrase(when: str, precision: str) -> str:
    """Return a date as precise as its source: a bare year reads 'sometime in 1998'."""
    if precision == "year" and when.isdigit():
        return f"sometime in {when}"
    return when


def basis_word(basis: str) -> str:
    """Return the basis as people read it: stated, inferred, attested only."""
    return BASIS_WORDS[basis]


# --- Holdings ------------------------------------------------------------------------


def start_phrase(claim: Claim, factions: pd.DataFrame) -> str:
    """Return how a holding began, by basis: 'passes to X (date)' only when stated."""
    holder = holder_name(claim.who[0], factions)
    if claim.what == "changed_hands":
        return f"passes to {holder} ({claim.when})"
    if claim.basis == "inferred":
        return f"held by {holder} (inferred; first dated {claim.when})"
    return f"held by {holder} (first attested {claim.when})"


def end_phrase(end: Claim | None, last_attested: str) -> str:
    """Return how a holding ended: 'until' a stated end, else 'last attested ...'."""
    if end is not None and end.basis == "stated":
        return f"until {end.when}"
    if end is not None:
        return f"last attested {last_attested}; ends {end.when} (inferred)"
    return f"last attested {last_attested}"


def change_sentence(claim: Claim, factions: pd.DataFrame) -> str:
    """Return a stated change of hands as a caption says it: 'Pailin passes to Khmer Rouge'."""
    if claim.what != "changed_hands":
        raise ValueError("only a stated change of hands is worded as one")
    return f"{claim.place} {start_phrase(claim, factions)}"


def claim_basis(claim: Claim, statement: str) -> list[str]:
    """Return a card's [statement, basis word, why] for one claim."""
    if claim.basis == "stated":
        why = WHY_STATED
    elif claim.basis == "attested":
        why = WHY_ATTESTED
    else:
        why = claim.why or "read from the seed"
    return [statement, basis_word(claim.basis), why]


def end_basis(end: Claim | None, last_attested: str) -> list[str]:
    """Return a card's [statement, basis word, why] for a holding's end."""
    if end is None:
        return [f"Last attested {last_attested}", basis_word("attested"), WHY_UNENDED]
    if end.basis == "stated":
        return [f"Until {end.when}", basis_word("stated"), "a source dates the end"]
    return [f"Ends {end.when}", basis_word("inferred"), "the next row for the place is inferred"]


AREA_STATUS_WORDS = {
    "stated": "a source vouches for the holding at this date",
    "inferred": "only a stated inference covers the holding at this date",
    "after": "after the last time a source mentions the holding",
    "contested": "the areas of two sides meet here",
}


def area_tip(factions_ids, status: str, places: list[str], factions: pd.DataFrame) -> str:
    """Return an area's tooltip: whose, near which places, on what basis; never a boundary."""
    sides = " and ".join(holder_name(f, factions) for f in factions_ids)
    near = ", ".join(places) if places else "held places"
    return (
        f"{sides}: ground near {near}; {AREA_STATUS_WORDS[status]}. "
        "Drawn by distance from the places, not a boundary the sources give."
    )


# --- Movements and events --------------------------------------------------------------


def movement_route(claim: Claim) -> str:
    """Return 'From → To', or 'From → ? (destination not given)'."""
    if claim.destination:
        return f"{claim.place} → {claim.destination}"
    toward = f", towards {claim.toward}" if claim.toward else ""
    return f"{claim.place} → ? ({DESTINATION_NOT_GIVEN}{toward})"


def event_when(claim: Claim) -> str:
    """Return an event's date as precise as its source."""
    return date_phrase(claim.when, claim.precision)


def source_credit(source: dict[str, str]) -> str:
    """Return the credit line of a source text: “Battle of Pailin”, Wikipedia, CC BY-SA 4.0."""
    parts = [f"“{source.get('title', '')}”", source.get("publisher", ""), source.get("licence", "")]
    return ", ".join(part for part in parts if part and part != "“”")
