"""What one frame shows, as plain data: features, their cards and tooltips.

Pure functions from a :class:`~kr_map.model.State` to JSON-ready dicts. Nothing
here is HTML or JavaScript: every text from the CSVs stays a string value,
and the player (``assets/player.js``) puts it on the page with ``textContent``.
Every sentence about the past comes from a claim (:mod:`kr_map.claims`) worded
by :mod:`kr_map.wording`.

A feature is one thing on the map:

- ``area``: ground near the places a side held, with its status (stated,
  inferred, after, contested), as GeoJSON (:mod:`kr_map.territory`);
- ``place``: a held place, filled with its holder's colour (``was``: the
  previous holder when a source says it changed hands in the frame;
  ``hollow``: after the holding's last attestation);
- ``camp``: a border camp while the sources mention it;
- ``move``: an arrow from ``from`` to ``to``; ``to`` is null and ``open`` true
  when the source names no destination (``toward``: the direction it gives);
- ``symbol``: a battle or other event, a shape per kind, sized by people.

Each carries its ``layer`` and the ``factions`` it involves, so the player can
filter layers and factions in the browser without asking the server.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from kr_map import claims, symbols, translations, wording
from kr_map.i18n import _
from kr_map.land import Land
from kr_map.model import State

# Above this many markers in one layer, nearby ones are merged (with a count) so a frame
# stays light even from 100k events; the bundled data never gets near it.
MAX_MARKERS = 40
MAX_CARDS = 6  # a popup lists at most this many cards, then "... and N more"
VAGUE = ("season", "year", "range")
LABELLED_KINDS = ("city", "town", "base", "temple", "mountain", "village", "crossing")

Feature = dict[str, Any]
Card = dict[str, Any]


def _point(lat: Any, lon: Any) -> list[float]:
    return [round(float(lat), 5), round(float(lon), 5)]


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _facts(pairs: list[tuple[str, str]]) -> list[list[str]]:
    return [[label, value] for label, value in pairs if value]


def _groups(records: list[dict], lat: str, lon: str, limit: int) -> list[list[dict]]:
    """Return the records grouped by :func:`grid_cells` in order of first appearance."""
    groups: dict[str, list[dict]] = {}
    places = [str(r["place_id"]) for r in records]
    if len(records) > limit:
        lats = np.array([r[lat] for r in records], dtype=float)
        lons = np.array([r[lon] for r in records], dtype=float)
        places = grid_cells(places, lats, lons, limit)
    for key, record in zip(places, records, strict=True):
        groups.setdefault(key, []).append(record)
    return list(groups.values())


def grid_cells(places: list[str], lats: np.ndarray, lons: np.ndarray, limit: int) -> list[str]:
    """Return a grouping key per point that merges nearby points until at most ``limit``
    remain: its place while there are few places, else its grid cell."""
    if len(set(places)) <= limit:
        return places
    size = 0.05
    cells = _distinct((lats // size).astype(np.int64), (lons // size).astype(np.int64))
    while len(cells[0]) > limit:  # cells of doubling size: a cell holds two halves a side
        size *= 2
        cells = _distinct(cells[0] // 2, cells[1] // 2)  # counted on the cells, not the points
    rows, columns = (lats // size).astype(np.int64), (lons // size).astype(np.int64)
    return [f"{r}:{c}" for r, c in zip(rows.tolist(), columns.tolist(), strict=True)]


def _distinct(rows: np.ndarray, columns: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return the distinct (row, column) cells, each as one number for a cheap unique."""
    across = columns - columns.min()
    _, first = np.unique(rows * (int(across.max()) + 1) + across, return_index=True)
    return rows[first], columns[first]


# --- Cards: the facts behind a feature, with the quote and seed they come from ---------


def event_card(event: pd.Series, factions: pd.DataFrame) -> Card:
    """Return the card of one event: its facts, as precise as the source, and their basis."""
    claim = claims.event_claim(event)
    return {
        "title": _text(event["title"]),
        "facts": _facts(
            [
                (_("When"), wording.event_when(claim)),
                (_("What"), wording.kind_word(_text(event["kind"]))),
                (_("Where"), claim.place),
                (_("Who"), wording.faction_names(claim.who, factions)),
                (_("People"), wording.people_text(*claim.people)),
            ]
        ),
        "basis": [wording.claim_basis(claim, _text(event["title"]))],
        "summary": claim.why,
        "quote": _text(event["quote"]),
        "seed": _text(event["seed"]),
        **translations.translated(event, ("title", "summary", "quote")),
    }


def holding_words(holding: pd.Series, factions: pd.DataFrame) -> tuple[str, str]:
    """Return how a holding began and how it ended (or was last attested), in words."""
    start = claims.holding_start(holding)
    end = claims.holding_end(holding)
    return (
        wording.start_phrase(start, factions),
        wording.end_phrase(end, _text(holding["run_last_attested"])),
    )


def control_card(holding: pd.Series, factions: pd.DataFrame) -> Card:
    """Return the card of a place's holder: how it began, how it ended, and on what basis."""
    start = claims.holding_start(holding)
    end = claims.holding_end(holding)
    began, ended = holding_words(holding, factions)
    facts = [
        (_("Held by"), wording.faction_names(holding["faction_id"], factions)),
        (_("Start"), began),
        (_("End"), ended),
    ]
    if start.was:
        facts.append((_("Taken from"), wording.faction_names(start.was, factions)))
    if holding["place_coord_precision"] == "approximate":
        facts.append((_("Location"), _("approximate")))
    return {
        "title": _text(holding["place_name"]),
        "facts": _facts(facts),
        "basis": [
            wording.claim_basis(start, _capitalised(began)),
            wording.end_basis(end, _text(holding["run_last_attested"])),
        ],
        "summary": _text(holding.get("summary")),
        "quote": _text(holding["quote"]),
        "seed": _text(holding["seed"]),
        **translations.translated(holding, ("quote",)),
    }


def movement_card(move: pd.Series) -> Card:
    """Return the card of a movement of people; an unnamed destination is said to be so."""
    claim = claims.movement_claim(move)
    approximate = "approximate" in (
        _text(move.get("from_coord_precision")),
        _text(move.get("to_coord_precision")),
    )
    distance = ""
    if claim.destination:
        km = wording.number(round(float(move["distance_km"])))
        distance = (
            _("about {km} km in a straight line (approximate ends)")
            if approximate
            else _("{km} km in a straight line")
        ).format(km=km)
    what = wording.kind_word(_text(move["kind"]))
    title = _("{kind}: {route}").format(
        kind=_capitalised(what), route=wording.movement_route(claim)
    )
    return {
        "title": title,
        "facts": _facts(
            [
                (_("When"), wording.event_when(claim)),
                (_("What"), what),
                (_("From"), claim.place),
                (_("To"), claim.destination or _(wording.DESTINATION_NOT_GIVEN)),
                (_("Towards"), claim.toward if not claim.destination else ""),
                (_("People"), wording.people_text(*claim.people)),
                (_("Distance"), distance),
            ]
        ),
        "basis": [wording.claim_basis(claim, title)],
        "summary": claim.why,
        "quote": _text(move["quote"]),
        "seed": _text(move["seed"]),
        **translations.translated(move, ("summary", "quote")),
    }


def _capitalised(text: str) -> str:
    """Return ``text`` with its first letter upper case (a sentence's start; Khmer has none)."""
    return text[:1].upper() + text[1:]


def _once(cards, key: tuple[str, Any], build) -> int:
    """Return the index of a card, built once per row when the table remembers (add_once)."""
    add_once = getattr(cards, "add_once", None)
    return add_once(key, build) if add_once is not None else cards.add(build())


def _control_card(cards, holding, factions: pd.DataFrame) -> int:
    return _once(cards, ("control", holding["row"]), lambda: control_card(holding, factions))


def _movement_card(cards, move) -> int:
    return _once(cards, ("move", move["movement_id"]), lambda: movement_card(move))


def _event_card(cards, event, factions: pd.DataFrame) -> int:
    return _once(cards, ("event", event["event_id"]), lambda: event_card(event, factions))


# --- Features, layer by layer ---------------------------------------------------------


def area_features(
    state: State,
    factions: pd.DataFrame,
    land: Land,
    cards,
    records: list[dict] | None = None,
) -> list[Feature]:
    """Return the frame's areas of control: near held places, by status (see territory).

    ``records``: the frame's holdings as records already (``state.control.to_dict``).
    """
    records = state.control.to_dict("records") if records is None else records
    return area_features_of(records, factions, land, cards)


def area_features_of(
    records: list[dict], factions: pd.DataFrame, land: Land, cards
) -> list[Feature]:
    """Return :func:`area_features` of the frame's holdings as records."""
    by_place = {str(r["place_id"]): r for r in records}
    out = []
    for area in land.areas_of(records):
        names = [_text(by_place[p]["place_name"]) for p in area.places if p in by_place]
        out.append(
            {
                "layer": "zones",
                "type": "area",
                "faction": area.factions[0],
                "factions": list(area.factions),
                "status": area.status,
                "geometry": area.geometry,
                "tip": wording.area_tip(area.factions, area.status, names, factions),
                "cards": [
                    _control_card(cards, by_place[p], factions)
                    for p in area.places[:MAX_CARDS]
                    if p in by_place
                ],
                "more": max(0, len(area.places) - MAX_CARDS),
            }
        )
    return out


def _place_tip(rows: list[dict], factions: pd.DataFrame) -> str:
    if len(rows) > 1:
        return _places_count(len(rows))
    row = rows[0]
    if bool(row["changed"]):
        change = claims.holding_start(row)
        sentence = wording.change_sentence(change, factions)
        if not change.was:
            return sentence
        return _("{change}; taken from {holder}").format(
            change=sentence, holder=wording.holder_name(change.was, factions)
        )
    began, ended = holding_words(row, factions)
    return _("{place}: {start}; {end}").format(place=row["place_name"], start=began, end=ended)


def _places_count(count: int) -> str:
    return _("{count} places").format(count=wording.number(count))


def place_features(
    state: State, factions: pd.DataFrame, cards, records: list[dict] | None = None
) -> list[Feature]:
    """Return one marker per held place in its holder's colour; stated changes of hands ringed.

    ``records``: the frame's holdings as records already (``state.control.to_dict``).
    """
    records = state.control.to_dict("records") if records is None else records
    return place_features_of(records, factions, cards)


def place_features_of(records: list[dict], factions: pd.DataFrame, cards) -> list[Feature]:
    """Return :func:`place_features` of the frame's holdings as records."""
    return [place_feature(rows, factions, cards) for rows in place_groups(records)]


def place_feature(rows: list[dict], factions: pd.DataFrame, cards) -> Feature:
    """Return the marker of a held place (or of several nearby, counted)."""
    row = rows[0]
    changed = bool(row["changed"]) and bool(_text(row["was"]))
    return {
        "layer": "control",
        "type": "place",
        "id": row["place_id"],
        "place": str(row["place_id"]),
        "ll": _point(row["place_lat"], row["place_lon"]),
        "faction": row["faction_id"],
        "factions": sorted({r["faction_id"] for r in rows}),
        "was": row["was"] if changed else None,
        "approx": row["place_coord_precision"] == "approximate",
        "hollow": row["status"] == "after",
        "inferred": row["status"] == "inferred",
        "count": len(rows),
        "label": row["place_name"] if len(rows) == 1 else _places_count(len(rows)),
        "tip": _place_tip(rows, factions),
        "cards": [_control_card(cards, r, factions) for r in rows[:MAX_CARDS]],
        "more": max(0, len(rows) - MAX_CARDS),
    }


def camp_features(state: State) -> list[Feature]:
    """Return the border camps the sources place in the period, labelled by name."""
    return camp_features_of(state.camps)


def camp_features_of(camps: pd.DataFrame) -> list[Feature]:
    """Return :func:`camp_features` of the period's camps (a camps table's rows)."""
    return [camp_feature(place_id, camp) for place_id, camp in camps.head(MAX_MARKERS).iterrows()]


def camp_feature(place_id: Any, camp: pd.Series) -> Feature:
    """Return the marker of a border camp (a camps table's row), labelled by name."""
    return {
        "layer": "camps",
        "type": "camp",
        "id": str(place_id),
        "place": str(place_id),
        "ll": _point(camp["lat"], camp["lon"]),
        "label": _text(camp["name"]),
        "factions": [],
        "tip": camp_tip(camp),
    }


def camp_tip(camp: pd.Series) -> str:
    """Return a camp's tooltip: its name, when the sources mention it, its border distance."""
    first, last = (wording.when(f"{camp[c]:%Y}") for c in ("first_seen", "last_seen"))
    border = camp.get("border_km")
    if border is not None and pd.notna(border) and border < 200:
        return _(
            "{camp}: in the sources {first}–{last}; about {km} km from the Cambodian border"
        ).format(camp=camp["name"], first=first, last=last, km=wording.number(round(border)))
    return _("{camp}: in the sources {first}–{last}").format(
        camp=camp["name"], first=first, last=last
    )


def movement_features(state: State, cards, records: list[dict] | None = None) -> list[Feature]:
    """Return an arrow per movement, wider for more people; open where no end is named.

    ``records``: the period's movements as records already, in their order (made once per
    build).
    """
    moves = state.movements.to_dict("records") if records is None else records
    return movement_features_of(moves, cards)


def movement_features_of(moves: list[dict], cards) -> list[Feature]:
    """Return :func:`movement_features` of the period's movements as records."""
    if len(moves) > MAX_MARKERS:  # keep the largest movements
        moves = sorted(moves, key=lambda move: -_size(move))[:MAX_MARKERS]
    out = []
    for move in moves:
        claim = claims.movement_claim(move)
        people = move["people_high"] if not pd.isna(move["people_high"]) else move["people_low"]
        count = wording.people_text(*claim.people) or _("numbers not given")
        named = bool(claim.destination)
        toward = None
        if not named and _text(move.get("toward_place")):
            toward = _point(move["toward_lat"], move["toward_lon"])
        out.append(
            {
                "layer": "movements",
                "type": "move",
                "id": str(move["movement_id"]),
                "from": _point(move["from_lat"], move["from_lon"]),
                "to": _point(move["to_lat"], move["to_lon"]) if named else None,
                "toward": toward,
                "open": not named,
                "colour": symbols.movement_colour(str(move["kind"])),
                "w": symbols.line_weight(None if pd.isna(people) else float(people)),
                "vague": move["precision"] in VAGUE,
                "inferred": claim.basis == "inferred",
                "factions": [],
                "label": wording.movement_route(claim),
                "tip": _("{route}: {people}").format(
                    route=wording.movement_route(claim), people=count
                ),
                "cards": [_movement_card(cards, move)],
                "more": 0,
            }
        )
    return out


def _given(value: Any) -> bool:
    """Return ``pd.notna(value)`` for a count: not None, NA or NaN (called per row: cheap)."""
    return value is not None and value is not pd.NA and value == value


def _size(event: dict) -> float:
    """Return a row's people (an event's, a movement's): the high count, else the low, else 0."""
    for column in ("people_high", "people_low"):
        if _given(event[column]):
            return float(event[column])
    return 0.0


def symbol_features(
    layer: str,
    events: pd.DataFrame,
    factions: pd.DataFrame,
    cards,
    records: list[dict] | None = None,
) -> list[Feature]:
    """Return a symbol per place with events: a shape per kind, sized by people, badge count.

    ``records``: the events as records already, in their order (made once per build).
    """
    records = events.to_dict("records") if records is None else records
    return symbol_features_of(layer, records, factions, cards)


def symbol_features_of(
    layer: str, records: list[dict], factions: pd.DataFrame, cards
) -> list[Feature]:
    """Return :func:`symbol_features` of the period's events as records."""
    return [symbol_feature(layer, rows, factions, cards) for rows in symbol_groups(records)]


def symbol_groups(records: list[dict]) -> list[list[dict]]:
    """Return the events that have a place, grouped by place (or grid cell) for a symbol each."""
    placed = [r for r in records if _text(r["place_id"])]
    return _groups(placed, "place_lat", "place_lon", MAX_MARKERS)


def place_groups(records: list[dict]) -> list[list[dict]]:
    """Return the holdings grouped by place (or grid cell) for a marker each."""
    return _groups(records, "place_lat", "place_lon", MAX_MARKERS)


def symbol_feature(layer: str, rows: list[dict], factions: pd.DataFrame, cards) -> Feature:
    """Return the symbol of the events at one place (or grid cell): the lead event's shape."""
    sizes = [_size(r) for r in rows]
    lead = rows[sizes.index(max(sizes))]
    first = (tuple(lead["faction_ids"]) or ("",))[0]
    people = max(sizes) if any(_given(r["people_high"]) or _given(r["people_low"])
                               for r in rows) else None  # fmt: skip
    ordered = [lead] + [r for r in rows if r["event_id"] != lead["event_id"]]
    involved = sorted({f for r in rows for f in r["faction_ids"]})
    title = (
        _text(lead["title"])
        if len(rows) == 1
        else _("{count} events at {place}").format(
            count=wording.number(len(rows)), place=lead["place_name"]
        )
    )
    return {
        "layer": layer,
        "type": "symbol",
        "id": str(lead["event_id"]),
        "place": str(lead["place_id"]),
        "ll": _point(lead["place_lat"], lead["place_lon"]),
        "shape": symbols.shape_for(str(lead["kind"])) if layer == "battles" else "dot",
        "faction": first if first in factions.index else None,
        "factions": involved,
        "size": symbols.symbol_size(people, base=26 if layer == "battles" else 20),
        "vague": all(r["precision"] in VAGUE for r in rows),
        "count": len(rows),
        "events": [str(r["event_id"]) for r in rows],
        "label": _text(lead["place_name"]),
        "tip": _("{title} ({date})").format(
            title=title, date=wording.date_phrase(lead["when"], lead["precision"])
        ),
        "cards": [_event_card(cards, r, factions) for r in ordered[:MAX_CARDS]],
        "more": max(0, len(rows) - MAX_CARDS),
    }


def frame_features(
    state: State, factions: pd.DataFrame, cards, land: Land | None = None
) -> list[Feature]:
    """Return every feature of a frame, bottom layer first (areas ... other events).

    ``cards`` stores each card once and returns its index (a :class:`ValueTable`);
    ``land`` is the country and its towns the areas are cut to (no areas without it).
    """
    return [
        *(area_features(state, factions, land, cards) if land is not None else []),
        *place_features(state, factions, cards),
        *camp_features(state),
        *movement_features(state, cards),
        *symbol_features("battles", state.battles, factions, cards),
        *symbol_features("events", state.other_events, factions, cards),
    ]
