"""What one frame shows, as plain data: features, their cards and tooltips.

Pure functions from a :class:`~kr_map.model.State` to JSON-ready dicts. Nothing
here is HTML or JavaScript: every text from the CSVs stays a string value,
and the player (``assets/player.js``) puts it on the page with ``textContent``.

A feature is one thing on the map:

- ``zone``: a soft circle around a resistance stronghold (``r`` in metres);
- ``place``: a held place, filled with its holder's colour (``was``: the
  previous holder when it changed hands in the frame; ``hollow``: after the
  holding's last attestation);
- ``camp``: a border camp while the sources mention it;
- ``move``: an arrow from ``from`` to ``to``;
- ``symbol``: a battle or other event, a shape per kind, sized by people.

Each carries its ``layer`` and the ``factions`` it involves, so the player can
filter layers and factions in the browser without asking the server.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import pandas as pd

from kr_map import symbols
from kr_map.model import State
from kr_map.wording import faction_ids, faction_names, people_text

# Above this many markers in one layer, nearby ones are merged (with a count) so a frame
# stays light even from 100k events; the bundled data never gets near it.
MAX_MARKERS = 40
MAX_CARDS = 6  # a popup lists at most this many cards, then "... and N more"
VAGUE = ("season", "year", "range")
ZONE_KINDS = ("base", "region", "mountain", "province", "town", "city", "temple")
ZONE_RADIUS_M = {"region": 40_000, "province": 40_000, "mountain": 25_000}
DEFAULT_ZONE_RADIUS_M = 20_000
LABELLED_KINDS = ("city", "town", "base", "temple", "mountain", "village", "crossing")

Feature = dict[str, Any]
Card = dict[str, Any]


def _point(lat: Any, lon: Any) -> list[float]:
    return [round(float(lat), 5), round(float(lon), 5)]


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def _facts(pairs: list[tuple[str, str]]) -> list[list[str]]:
    return [[label, value] for label, value in pairs if value]


def grid_cells(frame: pd.DataFrame, lat: str, lon: str, limit: int) -> pd.Series:
    """Return a grouping key per row that merges nearby points until at most ``limit`` remain."""
    key = frame["place_id"].astype(str) if "place_id" in frame else frame.index.to_series()
    size = 0.05
    while key.nunique() > limit:
        key = (
            (frame[lat] // size).astype(int).astype(str)
            + ":"
            + (frame[lon] // size).astype(int).astype(str)
        )
        size *= 2
    return key


# --- Cards: the facts behind a feature, with the quote and seed they come from ---------


def event_card(event: pd.Series, factions: pd.DataFrame) -> Card:
    """Return the card of one event."""
    return {
        "title": _text(event["title"]),
        "facts": _facts(
            [
                ("When", _text(event["when"])),
                ("What", _text(event["kind"]).replace("_", " ")),
                ("Where", _text(event.get("place_name"))),
                ("Who", faction_names(event["factions"], factions)),
                ("People", people_text(event["people_low"], event["people_high"])),
            ]
        ),
        "summary": _text(event.get("summary")),
        "quote": _text(event["quote"]),
        "seed": _text(event["seed"]),
    }


def control_card(holding: pd.Series, factions: pd.DataFrame) -> Card:
    """Return the card of a place's holder: since when, until when, stated or inferred."""
    changed = bool(holding.get("changed")) and bool(_text(holding.get("previous_faction")))
    return {
        "title": _text(holding["place_name"]),
        "facts": _facts(
            [
                ("Held by", faction_names(holding["faction_id"], factions)),
                ("Since", _text(holding["when"])),
                ("Until", _text(holding.get("until_label"))),
                ("Before", faction_names(holding["previous_faction"], factions) if changed else ""),
                (
                    "Last attested",
                    _text(holding.get("last_attested")) if _after_attestation(holding) else "",
                ),
                (
                    "Location",
                    "approximate" if holding["place_coord_precision"] == "approximate" else "",
                ),
            ]
        ),
        "basis": _text(holding.get("basis")),
        "summary": _text(holding.get("summary")),
        "quote": _text(holding["quote"]),
        "seed": _text(holding["seed"]),
    }


def movement_card(move: pd.Series) -> Card:
    """Return the card of a movement of people, with its straight-line length."""
    approximate = "approximate" in (
        _text(move.get("from_coord_precision")),
        _text(move.get("to_coord_precision")),
    )
    distance = f"{move['distance_km']:,.0f} km in a straight line"
    return {
        "title": f"{_text(move['kind']).capitalize()}: {move['from_name']} → {move['to_name']}",
        "facts": _facts(
            [
                ("When", _text(move["when"])),
                ("What", _text(move["kind"]).replace("_", " ")),
                ("From", _text(move["from_name"])),
                ("To", _text(move["to_name"])),
                ("People", people_text(move["people_low"], move["people_high"])),
                ("Distance", f"about {distance} (approximate ends)" if approximate else distance),
            ]
        ),
        "basis": _text(move.get("basis")),
        "summary": _text(move.get("summary")),
        "quote": _text(move["quote"]),
        "seed": _text(move["seed"]),
    }


# --- Features, layer by layer ---------------------------------------------------------


def zone_features(state: State, factions: pd.DataFrame) -> list[Feature]:
    """Return soft areas around held resistance strongholds, labelled approximate."""
    held = state.control[state.control["place_kind"].isin(ZONE_KINDS)]
    side = factions["side"].reindex(held["faction_id"]).to_numpy()
    held = held[side == "resistance"]
    out = []
    for _, row in held.head(MAX_MARKERS).iterrows():
        name = factions.loc[row["faction_id"], "name"]
        out.append(
            {
                "layer": "zones",
                "type": "zone",
                "ll": _point(row["place_lat"], row["place_lon"]),
                "r": ZONE_RADIUS_M.get(row["place_kind"], DEFAULT_ZONE_RADIUS_M),
                "faction": row["faction_id"],
                "factions": [row["faction_id"]],
                "tip": f"Approximate area held by {name} around {row['place_name']}: "
                "the sources give no boundary",
            }
        )
    return out


def _after_attestation(row: pd.Series) -> bool:
    """Return True when the frame lies after the holding's last attestation in the sources."""
    attested = row.get("attested", True)
    return attested is not None and not pd.isna(attested) and not bool(attested)


def _place_tip(rows: pd.DataFrame, factions: pd.DataFrame) -> str:
    if len(rows) > 1:
        return f"{len(rows)} places"
    row = rows.iloc[0]
    holder = factions.loc[row["faction_id"], "name"]
    text = f"{row['place_name']}: {holder}"
    if bool(row["changed"]) and _text(row["previous_faction"]):
        before = factions.loc[row["previous_faction"], "name"]
        text = f"{row['place_name']}: {before} → {holder} ({row['when']})"
    if _after_attestation(row):
        text += f" (last attested {_text(row.get('last_attested'))})"
    return text


def place_features(state: State, factions: pd.DataFrame, cards) -> list[Feature]:
    """Return one marker per held place in its holder's colour; changes of hands ringed."""
    held = state.control
    out = []
    for _, rows in held.groupby(
        grid_cells(held, "place_lat", "place_lon", MAX_MARKERS), sort=False
    ):
        row = rows.iloc[0]
        changed = bool(row["changed"]) and bool(_text(row["previous_faction"]))
        out.append(
            {
                "layer": "control",
                "type": "place",
                "id": row["place_id"],
                "ll": _point(row["place_lat"], row["place_lon"]),
                "faction": row["faction_id"],
                "factions": sorted(set(rows["faction_id"])),
                "was": row["previous_faction"] if changed else None,
                "approx": row["place_coord_precision"] == "approximate",
                "hollow": _after_attestation(row),
                "inferred": _text(row.get("basis")) == "inferred",
                "count": len(rows),
                "label": row["place_name"] if len(rows) == 1 else f"{len(rows)} places",
                "tip": _place_tip(rows, factions),
                "cards": [
                    cards.add(control_card(r, factions)) for _, r in rows.head(MAX_CARDS).iterrows()
                ],
                "more": max(0, len(rows) - MAX_CARDS),
            }
        )
    return out


def camp_features(state: State) -> list[Feature]:
    """Return the border camps the sources place in the period, labelled by name."""
    out = []
    for place_id, camp in state.camps.head(MAX_MARKERS).iterrows():
        out.append(
            {
                "layer": "camps",
                "type": "camp",
                "id": str(place_id),
                "ll": _point(camp["lat"], camp["lon"]),
                "label": _text(camp["name"]),
                "factions": [],
                "tip": camp_tip(camp),
            }
        )
    return out


def camp_tip(camp: pd.Series) -> str:
    """Return a camp's tooltip: its name, when the sources mention it, its border distance."""
    text = f"{camp['name']}: in the sources {camp['first_seen']:%Y}–{camp['last_seen']:%Y}"
    border = camp.get("border_km")
    if border is not None and pd.notna(border) and border < 200:
        text += f"; about {border:.0f} km from the Cambodian border"
    return text


def movement_features(state: State, cards) -> list[Feature]:
    """Return an arrow per movement: origin to destination, wider for more people."""
    moves = state.movements
    if len(moves) > MAX_MARKERS:  # keep the largest movements
        size = moves["people_high"].fillna(moves["people_low"]).fillna(0)
        moves = moves.loc[size.sort_values(ascending=False, kind="stable").index[:MAX_MARKERS]]
    out = []
    for _, move in moves.iterrows():
        people = move["people_high"] if not pd.isna(move["people_high"]) else move["people_low"]
        count = people_text(move["people_low"], move["people_high"]) or "numbers not given"
        out.append(
            {
                "layer": "movements",
                "type": "move",
                "id": str(move["movement_id"]),
                "from": _point(move["from_lat"], move["from_lon"]),
                "to": _point(move["to_lat"], move["to_lon"]),
                "colour": symbols.movement_colour(str(move["kind"])),
                "w": symbols.line_weight(None if pd.isna(people) else float(people)),
                "vague": move["precision"] in VAGUE,
                "inferred": _text(move.get("basis")) == "inferred",
                "factions": [],
                "label": f"{move['from_name']} → {move['to_name']}",
                "tip": f"{move['from_name']} → {move['to_name']}: {count}",
                "cards": [cards.add(movement_card(move))],
                "more": 0,
            }
        )
    return out


def _lead(rows: pd.DataFrame) -> pd.Series:
    """Return the event a merged symbol stands for: the one with the most people."""
    return rows.iloc[int(rows["people_high"].fillna(rows["people_low"]).fillna(0).argmax())]


def symbol_features(
    layer: str, events: pd.DataFrame, factions: pd.DataFrame, cards
) -> list[Feature]:
    """Return a symbol per place with events: a shape per kind, sized by people, badge count."""
    placed = events[events["place_id"].fillna("").astype(str) != ""]
    out = []
    for _, rows in placed.groupby(
        grid_cells(placed, "place_lat", "place_lon", MAX_MARKERS), sort=False
    ):
        lead = _lead(rows)
        first = (faction_ids(lead["factions"]) or ("",))[0]
        people = rows["people_high"].fillna(rows["people_low"]).max()
        ordered = [lead] + [r for _, r in rows.iterrows() if r["event_id"] != lead["event_id"]]
        involved = sorted({f for cell in rows["factions"] for f in faction_ids(cell)})
        title = (
            _text(lead["title"])
            if len(rows) == 1
            else f"{len(rows)} events at {lead['place_name']}"
        )
        out.append(
            {
                "layer": layer,
                "type": "symbol",
                "id": str(lead["event_id"]),
                "ll": _point(lead["place_lat"], lead["place_lon"]),
                "shape": symbols.shape_for(str(lead["kind"])) if layer == "battles" else "dot",
                "faction": first if first in factions.index else None,
                "factions": involved,
                "size": symbols.symbol_size(
                    None if pd.isna(people) else float(people),
                    base=26 if layer == "battles" else 20,
                ),
                "vague": bool(rows["precision"].isin(VAGUE).all()),
                "count": len(rows),
                "events": [str(e) for e in rows["event_id"]],
                "label": _text(lead["place_name"]),
                "tip": f"{title} ({lead['when']})",
                "cards": [cards.add(event_card(r, factions)) for r in ordered[:MAX_CARDS]],
                "more": max(0, len(rows) - MAX_CARDS),
            }
        )
    return out


def frame_features(state: State, factions: pd.DataFrame, cards) -> list[Feature]:
    """Return every feature of a frame, bottom layer first (zones ... other events).

    ``cards`` stores each card once and returns its index (a :class:`ValueTable`).
    """
    return [
        *zone_features(state, factions),
        *place_features(state, factions, cards),
        *camp_features(state),
        *movement_features(state, cards),
        *symbol_features("battles", state.battles, factions, cards),
        *symbol_features("events", state.other_events, factions, cards),
    ]


def involves(feature: Feature, enabled: Collection[str]) -> bool:
    """Return True when the feature shows under a faction filter (the player's rule, in Python)."""
    return not feature["factions"] or any(f in enabled for f in feature["factions"])
