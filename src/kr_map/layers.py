"""Turns the state at a date into folium feature groups: pure, shared by app and export."""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable

import folium
import pandas as pd

from kr_map import popups, symbols
from kr_map.model import State
from kr_map.schema import split_list
from kr_map.vocab import LAYER_TITLES, LAYERS

# Above this many markers in one layer, nearby ones are merged (with a count) so a frame
# builds in about 0.4 s even from 100k events and the browser stays fast; the bundled data never gets
# near it. Past it, movements keep the largest ones and zones the first ones.
MAX_MARKERS = 40
MAX_CARDS = 6  # a popup lists at most this many events, then "... and N more"
VAGUE = ("season", "year", "range")
ZONE_KINDS = ("base", "region", "mountain", "province", "town", "city", "temple")
ZONE_RADIUS_M = {"region": 40_000, "province": 40_000, "mountain": 25_000}
DEFAULT_ZONE_RADIUS_M = 20_000
CLEARANCE_PX = 10  # gap between a place's marker (radius 11) and the symbols beside it
LABELLED_KINDS = ("city", "town", "base", "temple", "mountain")


def _group(name: str, period_key: str) -> folium.FeatureGroup:
    group = folium.FeatureGroup(name=LAYER_TITLES[name], show=True)
    group._id = f"{name}_{period_key.replace('-', '_')}"  # stable names: readable, diffable JS
    return group


def _classes(*names: str) -> str:
    return " ".join(n for n in names if n)


def grid_cells(frame: pd.DataFrame, lat: str, lon: str, limit: int) -> pd.Series:
    """Return a grouping key per row that merges nearby points until at most ``limit`` remain."""
    key = frame.index.to_series().astype(str) if "place_id" not in frame else frame["place_id"]
    size = 0.05
    while key.nunique() > limit:
        key = (
            (frame[lat] // size).astype(int).astype(str)
            + ":"
            + (frame[lon] // size).astype(int).astype(str)
        )
        size *= 2
    return key


def _popup(cards: Iterable[str], total: int | None = None) -> folium.Popup:
    """Return a popup of at most MAX_CARDS cards, saying how many more there are."""
    shown = list(itertools.islice(cards, MAX_CARDS))
    total = len(shown) if total is None else total
    if total > len(shown):
        shown.append(f'<p class="kr-more">… and {total - len(shown)} more</p>')
    # keep the popup's title clear of the zoom buttons in the map's top-left corner
    return folium.Popup(
        popups.stack(shown), max_width=440, parse_html=False, auto_pan_padding_top_left=[56, 84]
    )


def _involving(events: pd.DataFrame, faction_ids: Collection[str] | None) -> pd.DataFrame:
    """Return the events involving one of the factions (or naming none), in order."""
    if faction_ids is None:
        return events
    keep = events["factions"].map(lambda cell: _allowed(cell, faction_ids)).astype(bool)
    return events[keep]


def _allowed(factions_cell: str, faction_ids: Collection[str] | None) -> bool:
    if faction_ids is None:
        return True
    ids = split_list(factions_cell)
    return not ids or any(f in faction_ids for f in ids)


def control_layer(state: State, factions: pd.DataFrame, faction_ids=None) -> folium.FeatureGroup:
    """Return one marker per held place, filled with its holder's colour; changes ringed."""
    group = _group("control", state.period.key)
    held = state.control
    if faction_ids is not None:
        held = held[held["faction_id"].isin(faction_ids)]
    for _, rows in held.groupby(
        grid_cells(held, "place_lat", "place_lon", MAX_MARKERS), sort=False
    ):
        row = rows.iloc[0]
        colour = factions.loc[row["faction_id"], "colour"]
        approximate = row["place_coord_precision"] == "approximate"
        if bool(row["changed"]) and row["previous_faction"]:
            _change_ring(row, factions).add_to(group)
        folium.CircleMarker(
            [row["place_lat"], row["place_lon"]],
            radius=11 if len(rows) == 1 else 14,
            color=symbols.OUTLINE,
            weight=2.5,
            dash_array="4 3" if approximate else None,
            fill_color=colour,
            fill_opacity=0.95,
            class_name=_classes(
                "kr-control",
                f"kr-place-{row['place_id']}",
                f"kr-faction-{row['faction_id']}",
                "kr-approximate" if approximate else "",
                "kr-changed" if row["changed"] else "",
            ),
            tooltip=popups.plain(_control_tooltip(rows, factions)),
            popup=_popup((popups.control_card(r, factions) for _, r in rows.iterrows()), len(rows)),
        ).add_to(group)
        if len(rows) == 1 and row["place_kind"] in LABELLED_KINDS:
            _place_label(
                row["place_id"], row["place_name"], row["place_lat"], row["place_lon"]
            ).add_to(group)
    return group


def _place_label(place_id: str, name: str, lat: float, lon: float) -> folium.Marker:
    """Return the place's name, set to the left of its marker (symbols sit to the right)."""
    return folium.Marker(
        [lat, lon],
        icon=folium.DivIcon(
            html=f'<span class="kr-place-label">{popups.plain(name)}</span>',
            icon_size=(170, 22),
            icon_anchor=(184, 11),
            class_name=f"kr-label-{place_id}",
        ),
        interactive=False,
    )


def _control_tooltip(rows: pd.DataFrame, factions: pd.DataFrame) -> str:
    if len(rows) > 1:
        return f"{len(rows)} places"
    row = rows.iloc[0]
    holder = factions.loc[row["faction_id"], "name"]
    if row["changed"] and row["previous_faction"]:
        before = factions.loc[row["previous_faction"], "name"]
        return f"{row['place_name']}: {before} → {holder} ({row['when']})"
    return f"{row['place_name']}: {holder}"


def _change_ring(row: pd.Series, factions: pd.DataFrame) -> folium.CircleMarker:
    """Return an outer ring in the previous holder's colour: the place changed hands."""
    return folium.CircleMarker(
        [row["place_lat"], row["place_lon"]],
        radius=19,
        color=factions.loc[row["previous_faction"], "colour"],
        weight=7,
        fill=False,
        interactive=False,
        class_name=f"kr-change-ring kr-place-{row['place_id']} kr-was-{row['previous_faction']}",
    )


def zones_layer(state: State, factions: pd.DataFrame, faction_ids=None) -> folium.FeatureGroup:
    """Return soft, dashed areas around held strongholds, labelled approximate."""
    group = _group("zones", state.period.key)
    held = state.control[state.control["place_kind"].isin(ZONE_KINDS)]
    held = held[held["faction_id"].isin(faction_ids)] if faction_ids is not None else held
    held = held[factions.loc[held["faction_id"], "side"].to_numpy() == "resistance"]
    for _, row in held.head(MAX_MARKERS).iterrows():
        colour = factions.loc[row["faction_id"], "colour"]
        name = factions.loc[row["faction_id"], "name"]
        folium.Circle(
            [row["place_lat"], row["place_lon"]],
            radius=ZONE_RADIUS_M.get(row["place_kind"], DEFAULT_ZONE_RADIUS_M),
            color=colour,
            weight=2,
            dash_array="8 6",
            fill_color=colour,
            fill_opacity=0.18,
            interactive=True,
            class_name=f"kr-zone kr-place-{row['place_id']} kr-faction-{row['faction_id']}",
            tooltip=popups.plain(
                f"Approximate area held by {name} around {row['place_name']}: "
                "the sources give no boundary"
            ),
        ).add_to(group)
    return group


def _event_markers(
    name: str, events: pd.DataFrame, state: State, factions: pd.DataFrame
) -> folium.FeatureGroup:
    group = _group(name, state.period.key)
    placed = events[events["place_id"] != ""]
    for _, rows in placed.groupby(
        grid_cells(placed, "place_lat", "place_lon", MAX_MARKERS), sort=False
    ):
        group.add_child(_event_marker(name, rows, factions))
    return group


def _event_marker(name: str, rows: pd.DataFrame, factions: pd.DataFrame) -> folium.Marker:
    lead = rows.iloc[rows["people_high"].fillna(rows["people_low"]).fillna(0).argmax()]
    first_faction = (split_list(str(lead["factions"])) or [""])[0]
    fill = (
        factions.loc[first_faction, "colour"]
        if first_faction in factions.index
        else symbols.NEUTRAL_FILL
    )
    people = rows["people_high"].fillna(rows["people_low"]).max()
    size = symbols.symbol_size(
        None if pd.isna(people) else float(people), base=24 if name == "battles" else 18
    )
    vague = bool(rows["precision"].isin(VAGUE).all())
    shape = symbols.shape_for(str(lead["kind"])) if name == "battles" else "dot"
    badge = f'<span class="kr-badge">{len(rows)}</span>' if len(rows) > 1 else ""
    html = (
        f'<div class="kr-symbol">{symbols.svg_symbol(shape, fill, size, vague=vague)}{badge}</div>'
    )
    label = lead["title"] if len(rows) == 1 else f"{len(rows)} events at {lead['place_name']}"
    return folium.Marker(
        [lead["place_lat"], lead["place_lon"]],
        icon=folium.DivIcon(
            html=html,
            icon_size=(size, size),
            icon_anchor=_offset_anchor(name, size),
            class_name=_classes(
                f"kr-{name}",
                f"kr-place-{lead['place_id']}",
                f"kr-kind-{lead['kind']}",
                "kr-vague" if vague else "",
            ),
        ),
        tooltip=popups.plain(f"{label} ({lead['when']})"),
        popup=_popup(
            (popups.event_card(r, factions) for _, r in _lead_first(rows, lead)), len(rows)
        ),
    )


def _lead_first(rows: pd.DataFrame, lead: pd.Series):
    """Yield the rows with the one the symbol stands for first, the rest in date order."""
    yield None, lead
    for index, row in rows.iterrows():
        if row["event_id"] != lead["event_id"]:
            yield index, row


def _offset_anchor(name: str, size: int) -> tuple[int, int]:
    """Return an icon anchor that sets the symbol beside its place, clear of the control marker.

    Battles sit up and to the right, other events down and to the right, camps down and to
    the left, and names to the left: a place's own marker is never covered.
    """
    shift = size // 2 + CLEARANCE_PX
    if name == "battles":
        return (size // 2 - shift, size // 2 + shift)
    if name == "camps":
        return (size // 2 + shift, size // 2 - shift)
    return (size // 2 - shift, size // 2 - shift)


def battles_layer(state: State, factions: pd.DataFrame, faction_ids=None) -> folium.FeatureGroup:
    """Return the period's battles and other violence, a shape per kind, sized by people."""
    return _event_markers("battles", _involving(state.battles, faction_ids), state, factions)


def events_layer(state: State, factions: pd.DataFrame, faction_ids=None) -> folium.FeatureGroup:
    """Return the period's other events (agreements, defections, elections...) as dots."""
    return _event_markers("events", _involving(state.other_events, faction_ids), state, factions)


def movements_layer(state: State) -> folium.FeatureGroup:
    """Return an arrow per movement: origin to destination, width by people moving."""
    group = _group("movements", state.period.key)
    moves = state.movements
    if len(moves) > MAX_MARKERS:  # keep the largest movements
        size = moves["people_high"].fillna(moves["people_low"]).fillna(0)
        moves = moves.loc[size.sort_values(ascending=False, kind="stable").index[:MAX_MARKERS]]
    for _, move in moves.iterrows():
        people = move["people_high"] if not pd.isna(move["people_high"]) else move["people_low"]
        colour = symbols.movement_colour(str(move["kind"]))
        vague = move["precision"] in VAGUE
        ends = [[move["from_lat"], move["from_lon"]], [move["to_lat"], move["to_lon"]]]
        tip = f"{move['from_name']} → {move['to_name']}: {popups.people_text(move['people_low'], move['people_high']) or 'numbers not given'} · {move['distance_km']:,.0f} km"
        folium.PolyLine(
            ends,
            color=colour,
            weight=symbols.line_weight(None if pd.isna(people) else float(people)),
            opacity=0.85,
            dash_array="10 8" if vague else None,
            class_name=f"kr-movement kr-move-{move['movement_id']} kr-kind-{move['kind']}",
            tooltip=popups.plain(tip),
            popup=_popup([popups.movement_card(move)]),
        ).add_to(group)
        _arrow_head(move, colour).add_to(group)
    return group


def _arrow_head(move: pd.Series, colour: str) -> folium.Marker:
    angle = symbols.screen_bearing(
        move["from_lat"], move["from_lon"], move["to_lat"], move["to_lon"]
    )
    svg = (
        f'<svg width="22" height="22" viewBox="0 0 22 22" style="transform: rotate({angle:.0f}deg)">'
        f'<polygon points="11,1 20,20 11,15 2,20" fill="{colour}" stroke="#fff" stroke-width="1.2"/></svg>'
    )
    return folium.Marker(
        [move["to_lat"], move["to_lon"]],
        icon=folium.DivIcon(
            html=svg, icon_size=(22, 22), icon_anchor=(11, 11), class_name="kr-arrowhead"
        ),
        interactive=False,
    )


def camps_layer(state: State) -> folium.FeatureGroup:
    """Return the border camps the sources place in the period, labelled by name."""
    group = _group("camps", state.period.key)
    for place_id, camp in state.camps.head(MAX_MARKERS).iterrows():
        svg = symbols.svg_symbol("tent", symbols.NEUTRAL_FILL, 22)
        folium.Marker(
            [camp["lat"], camp["lon"]],
            icon=folium.DivIcon(
                html=f'<div class="kr-symbol">{svg}<span class="kr-label">{popups.plain(camp["name"])}</span></div>',
                icon_size=(22, 22),
                icon_anchor=_offset_anchor("camps", 22),
                class_name=f"kr-camp kr-place-{place_id}",
            ),
            tooltip=popups.plain(_camp_tooltip(camp)),
        ).add_to(group)
    return group


def _camp_tooltip(camp: pd.Series) -> str:
    seen = f"{camp['first_seen']:%Y}–{camp['last_seen']:%Y}"
    text = f"{camp['name']}: in the sources {seen}"
    border = camp.get("border_km")
    if border is not None and pd.notna(border) and border < 200:
        text += f"; about {border:.0f} km from the Cambodian border (geodesic)"
    return text


def frame_stamp(state: State) -> folium.FeatureGroup:
    """Return an invisible marker naming the period, so a browser can tell frames apart."""
    group = folium.FeatureGroup(name="frame")
    group._id = f"frame_{state.period.key.replace('-', '_')}"
    folium.Marker(
        [13.0, 104.0],
        icon=folium.DivIcon(
            html="", icon_size=(0, 0), class_name=f"kr-frame kr-frame-{state.period.key}"
        ),
        interactive=False,
    ).add_to(group)
    return group


def frame_layers(
    state: State,
    factions: pd.DataFrame,
    layers: Iterable[str] = LAYERS,
    faction_ids: Collection[str] | None = None,
) -> list[folium.FeatureGroup]:
    """Return the feature groups for one period, bottom layer first, plus the frame stamp."""
    wanted = set(layers)
    builders = {
        "zones": lambda: zones_layer(state, factions, faction_ids),
        "control": lambda: control_layer(state, factions, faction_ids),
        "camps": lambda: camps_layer(state),
        "movements": lambda: movements_layer(state),
        "battles": lambda: battles_layer(state, factions, faction_ids),
        "events": lambda: events_layer(state, factions, faction_ids),
    }
    return [builders[name]() for name in LAYERS if name in wanted] + [frame_stamp(state)]
