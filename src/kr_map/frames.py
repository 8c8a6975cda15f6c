"""The frames document: every frame of the timeline as data, for the one player.

One JSON document per dataset holds every frame (years; in busy years also their
months), and for each frame its caption, the ids of the features it shows and
the events it lists. Features and cards repeat from frame to frame (a place
held for ten years looks the same in each), so each is stored once and frames
refer to it by index. Layers and factions are not baked in: every feature says
its layer and the factions it involves, and the player filters in the browser.

The app serves this document once per session (:mod:`kr_map.player`); the
HTML export inlines it. Both hand it to ``assets/player.js``.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pandas as pd

from kr_map import (
    area_workers,
    captions,
    charts,
    claims,
    headline,
    i18n,
    model,
    scene,
    symbols,
    territory,
    timeline,
    translations,
    wording,
)
from kr_map.area_store import AreaStore
from kr_map.citation import record as citation_record
from kr_map.land import Land
from kr_map.loader import Dataset, borders_beside
from kr_map.vocab import LAYER_TITLES, LAYERS

VERSION = 1


class ValueTable:
    """JSON values stored once and referred to by index (features, cards)."""

    def __init__(self, start: int = 0) -> None:
        self.start = start  # the index of the first value: a table that continues another
        self._index: dict[Any, int] = {}
        self._built: dict[Any, int] = {}
        self.values: list[Any] = []
        # an area's geometry (large, shared by the frames that draw the same area, its
        # polygons by the areas that keep them) is written out once per polygon object: a
        # number per distinct polygon stands for it in the value's key
        self._texts: dict[str, int] = {}
        self._numbers: dict[int, tuple[Any, int]] = {}

    def _key(self, value: Any) -> Any:
        """Return what says whether two values are the same: their JSON, an area's geometry
        by the numbers of its polygons' JSON."""
        geometry = value.get("geometry") if isinstance(value, dict) else None
        if not isinstance(geometry, dict):
            return json.dumps(value, sort_keys=True, default=str)
        kind, coordinates = geometry.get("type"), geometry.get("coordinates")
        polygons = {"Polygon": [coordinates], "MultiPolygon": coordinates}.get(kind)
        if polygons is None or geometry.keys() != {"type", "coordinates"}:
            shape: Any = self._number(geometry)
        else:
            shape = (kind, *(self._number(p) for p in polygons))
        rest = json.dumps({**value, "geometry": None}, sort_keys=True, default=str)
        return (rest, shape)

    def _number(self, part: Any) -> int:
        """Return the number of a part's JSON, written out once per object."""
        if id(part) not in self._numbers:  # the object is kept: its id is not reused
            text = json.dumps(part, sort_keys=True, default=str)
            self._numbers[id(part)] = (part, self._texts.setdefault(text, len(self._texts)))
        return self._numbers[id(part)][1]

    def add_once(self, key: Any, build) -> int:
        """Return the index of the value ``build()`` makes, calling it only the first time
        ``key`` (what the value is made from: a row's id) is seen."""
        if key not in self._built:
            self._built[key] = self.add(build())
        return self._built[key]

    def add(self, value: Any) -> int:
        """Return the index of ``value``, storing it the first time it is seen."""
        key = self._key(value)
        if key not in self._index:
            self._index[key] = self.start + len(self.values)
            self.values.append(value)
        return self._index[key]


def period_of(frame: timeline.Frame) -> model.Period:
    """Return the period a slider frame shows: its year, or its month."""
    return model.year(frame.year) if frame.month is None else model.month(frame.year, frame.month)


def frame_sequence(dataset: Dataset, first: int = model.FIRST_YEAR, last: int = model.LAST_YEAR):
    """Return the dataset's frames: every year, and the months of its busy years."""
    return timeline.frames(first, last, monthly=model.dense_years(dataset))


def event_record(
    event: pd.Series, factions: pd.DataFrame, names: dict[tuple, str] | None = None
) -> dict[str, Any]:
    """Return one event as the events panel lists it: plain text fields, dates as precise
    as the source ("sometime in 1998"). ``names``: the sides' names worded so far, by ids."""
    ids = tuple(event["faction_ids"])
    names = {} if names is None else names
    if ids not in names:
        names[ids] = wording.faction_names(ids, factions, short=True)
    place = event.get("place_name")
    return {
        "title": str(event["title"]),
        "when": wording.date_phrase(str(event["when"]), str(event["precision"])),
        "kind": wording.kind_word(str(event["kind"])),
        "place": "" if place is None or pd.isna(place) else str(place),
        "placed": bool(str(event.get("place_id") or "")),
        "factions": list(ids),
        "who": names[ids],
        "people": wording.people_text(event["people_low"], event["people_high"]),
        "summary": "" if pd.isna(event["summary"]) else str(event["summary"]),
        "quote": str(event["quote"]),
        "seed": str(event["seed"]),
        **translations.translated(event, ("title", "summary", "quote")),
    }


def government_card(government: model.Government) -> dict[str, Any]:
    """Return the card of the government of the day, with the caveat that it is no front line.

    "Until" is said only when the next government's start is stated; otherwise the card
    says when the next one is first recorded. An inferred start reads "From (inferred)".
    """
    since = i18n._("Since") if government.basis == "stated" else i18n._("From (inferred)")
    since_label, until_label = (
        wording.when(government.since_label),
        wording.when(government.until_label),
    )
    ends = (
        [(i18n._("Until"), until_label)]
        if government.until_basis == "stated"
        else [(i18n._("Next government recorded from"), until_label)]
    )
    shaded = i18n._("Shaded approximately: {caveat}.").format(caveat=government.caveat)
    return {
        "title": i18n._("Governing from Phnom Penh: {name}").format(name=government.name),
        "facts": [[label, value] for label, value in ((since, since_label), *ends) if value],
        "basis": [
            [
                i18n._("Governing from Phnom Penh from {date}").format(date=since_label),
                wording.basis_word(government.basis),
                i18n._(wording.WHY_STATED) if government.basis == "stated" else government.summary,
            ]
        ],
        "summary": f"{government.summary} {shaded}".strip(),
        "quote": government.quote,
        "seed": government.seed,
        "legend": i18n._("shaded: {name}, governing from Phnom Penh (not a front line)").format(
            name=government.name
        ),
        **translations.translated(dict(government.translation_cells), ("name", "summary", "quote")),
    }


def frame_events(state: model.State) -> dict[str, list[str]]:
    """Return the period's events as the panel lists them, each at the precision it has.

    ``events``: those whose start is dated inside the period; ``ongoing``: under way since
    before it; ``sometime``: known only to a span wider than the period that starts in it or
    overlaps it (a year-only event in a month frame: "sometime in 1998", never January news).
    """
    events = state.events
    ids = [str(e) for e in events["event_id"]]
    return events_listed(state.period, ids, events["t0"].to_numpy(), events["start_t1"].to_numpy())


def events_listed(
    period: model.Period, ids: list[str], t0: np.ndarray, start_t1: np.ndarray
) -> dict[str, list[str]]:
    """Return :func:`frame_events` of the period's events given as their ids and the first
    and last days their start may fall on."""
    first, last = period.t0.to_datetime64(), period.t1.to_datetime64()
    begun = start_t1 < first  # its start is surely before the period
    dated = (t0 >= first) & (start_t1 <= last)
    under_way = np.flatnonzero(begun)
    # latest start first; equal starts in table order
    latest = under_way[::-1][np.argsort(t0[under_way][::-1], kind="stable")][::-1]
    return {
        "events": [ids[i] for i in np.flatnonzero(dated)],
        "ongoing": [ids[i] for i in latest],
        "sometime": [ids[i] for i in np.flatnonzero(~begun & ~dated)],
    }


def framing(state: model.State, changes: list[claims.Claim], places: pd.DataFrame):
    """Return what a frame is about (contract C): ``headline``, ``focus`` and ``about``."""
    news = headline.headline(state, changes)
    about = headline.about(state, changes, news)
    return {
        "headline": news,
        "focus": headline.focus(state, changes, news, places, about),
        "about": about,
    }


def _texts(values) -> list[str]:
    """Return the cells as text, a missing cell as ""."""
    return ["" if v is None or (not isinstance(v, str) and pd.isna(v)) else str(v) for v in values]


class Framing:
    """:func:`framing` of every frame of a :class:`kr_map.model.Frames`, on the columns'
    arrays: the rules of :mod:`kr_map.headline` given each frame's rows, no table per frame."""

    def __init__(self, states: model.Frames, changes: list[claims.Claim], places) -> None:
        self.states, self.changes = states, changes
        self._within: dict[int, list[claims.Claim]] = {}
        events, control, moves = states.events, states.control, states.movements
        self.first, self.last = model.period_bounds(states.periods)
        self.event_t0, self.event_start_t1 = events["t0"].to_numpy(), events["start_t1"].to_numpy()
        self.event_t1, self.move_t1 = events["t1"].to_numpy(), moves["t1"].to_numpy()
        self.event_ids = [str(e) for e in events["event_id"]]
        self.event_place = _texts(events["place_id"])
        self.control_t0 = control["t0"].to_numpy()
        self.control_place = _texts(control["place_id"])
        self.move_t0 = moves["t0"].to_numpy()
        self.move_places = [
            _texts(moves[c]) for c in ("from_place", "to_place", "toward_place") if c in moves
        ]
        self.coords = {
            str(p): (float(lat), float(lon))
            for p, lat, lon in zip(places.index, places["lat"], places["lon"], strict=True)
        }

    def within(self, i: int) -> list[claims.Claim]:
        """Return the stated changes of hands dated inside frame ``i``."""
        if i not in self._within:
            period = self.states.periods[i]
            first, last = period.t0, period.t1
            self._within[i] = [c for c in self.changes if c.within(first, last)]
        return self._within[i]

    def counts(self, i: int) -> captions.Counts:
        """Return what frame ``i``'s caption counts (:func:`kr_map.captions.caption`)."""
        states, first, last = self.states, self.first[i, 0], self.last[i, 0]
        events, moves = np.flatnonzero(states.in_events[i]), np.flatnonzero(states.in_movements[i])
        dated = (self.event_t0[events] >= first) & (self.event_t1[events] <= last)
        moved = (self.move_t0[moves] >= first) & (self.move_t1[moves] <= last)
        within, moves_within = int(dated.sum()), int(moved.sum())
        return captions.Counts(
            battles=int((dated & states.violent[events]).sum()),
            movements=moves_within,
            events=within,
            rough=len(events) + len(moves) - within - moves_within,
        )

    def listed(self, i: int) -> dict[str, list[str]]:
        """Return :func:`frame_events` of frame ``i``."""
        events = np.flatnonzero(self.states.in_events[i])
        ids = [self.event_ids[p] for p in events]
        t0, start_t1 = self.event_t0[events], self.event_start_t1[events]
        return events_listed(self.states.periods[i], ids, t0, start_t1)

    def of(self, i: int) -> dict[str, Any]:
        """Return :func:`framing` of frame ``i``."""
        states, first, last = self.states, self.first[i, 0], self.last[i, 0]
        events = np.flatnonzero(states.in_events[i])
        dated = events[(self.event_t0[events] >= first) & (self.event_start_t1[events] <= last)]
        within = self.within(i)
        news = headline.headline_among(states.event_records(dated), within)
        news_place = next(
            (self.event_place[p] for p in dated if str(states.event_ids[p]) == news), ""
        )
        held = np.flatnonzero(states.shown[i])
        began = held[(self.control_t0[held] >= first) & (self.control_t0[held] <= last)]
        changed = [c.where for c in within]
        about = headline.about_places(
            news_place,
            changed,
            [self.control_place[p] for p in began],
            [self.event_place[p] for p in events[states.violent[events]]],
        )
        moves = np.flatnonzero(states.in_movements[i])
        moves = moves[(self.move_t0[moves] >= first) & (self.move_t0[moves] <= last)]
        ids = headline.focus_places(
            news_place,
            changed,
            [self.event_place[p] for p in dated[states.violent[dated]]],
            [column[p] for column in self.move_places for p in moves],
            about,
        )
        focus = headline.bounds_of(self.coords[p] for p in ids if p in self.coords)
        return {"headline": news, "focus": focus, "about": about}


class SceneMemo:
    """Each frame's features, built once per set of rows: frames that show the same rows
    (a place held for ten years, a camp mentioned for five) reuse the same features, and
    a marker or symbol is built once per group of rows it stands for."""

    def __init__(
        self,
        factions: pd.DataFrame,
        land: Land | None,
        features: ValueTable | None = None,
        cards: ValueTable | None = None,
    ) -> None:
        self.factions, self.land = factions, land  # no land: no areas (they come apart)
        self.features = ValueTable() if features is None else features
        self.cards = ValueTable() if cards is None else cards
        self._memo: dict[tuple[str, bytes], list[int]] = {}

    def _built(self, part: str, key: bytes, build) -> list[int]:
        """Return the indexes ``build()`` gives for the rows of ``key``, built once."""
        if (part, key) not in self._memo:
            self._memo[(part, key)] = build()
        return self._memo[(part, key)]

    def _added(self, features: list[dict[str, Any]]) -> list[int]:
        return [self.features.add(f) for f in features]

    def _places(self, records: list[dict]) -> list[int]:
        factions, cards = self.factions, self.cards
        return [
            self.features.add_once(
                ("place", *((r["row"], r["status"], r["changed"]) for r in rows)),
                lambda rows=rows: scene.place_feature(rows, factions, cards),
            )
            for rows in scene.place_groups(records)
        ]

    def _symbols(self, layer: str, records: list[dict]) -> list[int]:
        factions, cards = self.factions, self.cards
        return [
            self.features.add_once(
                (layer, *(r["event_id"] for r in rows)),
                lambda rows=rows: scene.symbol_feature(layer, rows, factions, cards),
            )
            for rows in scene.symbol_groups(records)
        ]

    def _camps(self, camps: pd.DataFrame, rows: np.ndarray) -> list[int]:
        return [
            self.features.add_once(
                ("camp", p), lambda p=p: scene.camp_feature(camps.index[p], camps.iloc[p])
            )
            for p in rows[: scene.MAX_MARKERS]
        ]

    def area_features(self, frames: model.Frames, i: int) -> list[int]:
        """Return the indexes of frame ``i``'s areas of control (none without land)."""
        land = self.land
        if land is None:
            return []
        return self._built("areas", frames.keys(i)["control"], lambda: self._added(
            scene.area_features_of(frames.held_records(i), self.factions, land, self.cards)))  # fmt: skip

    def frame_features(self, frames: model.Frames, i: int) -> list[int]:
        """Return the indexes of :func:`kr_map.scene.frame_features` of frame ``i``."""
        keys, rows = frames.keys(i), frames.rows(i)
        return [
            *self.area_features(frames, i),
            *self._built("control", keys["control"], lambda: self._places(
                frames.held_records(i))),
            *self._built("camps", keys["camps"], lambda: self._camps(
                frames.camps, rows["camps"])),
            *self._built("movements", keys["movements"], lambda: self._added(
                scene.movement_features_of(
                    frames.movement_records(rows["movements"]), self.cards))),
            *self._built("battles", keys["battles"], lambda: self._symbols(
                "battles", frames.event_records(rows["battles"]))),
            *self._built("events", keys["events"], lambda: self._symbols(
                "events", frames.event_records(rows["events"]))),
        ]  # fmt: skip


def frame_entry(
    state: model.State,
    frame: timeline.Frame,
    dataset: Dataset,
    shown: list[int],
    cards,
    changes,
    framed: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Return one frame's entry: its date, caption, features ``shown``, events and framing
    (``framed``: :func:`framing` of the frame, when the caller has it already)."""
    return entry_of(
        frame,
        state.period,
        captions.caption(state, changes, dataset.factions),
        shown,
        frame_events(state),
        framing(state, changes, dataset.places) if framed is None else framed,
        state.government,
        cards,
    )


def entry_of(
    frame: timeline.Frame,
    period: model.Period,
    caption: str,
    shown: list[int],
    listed: dict[str, list[str]],
    framed: dict[str, Any],
    government: model.Government | None,
    cards,
) -> dict[str, Any]:
    """Return :func:`frame_entry` from its parts: the caption, the features ``shown``, the
    events ``listed`` (:func:`frame_events`), the framing and the government of the day."""
    return {
        "key": frame.key,
        "label": wording.when(period.label),
        "year": frame.year,
        "month": frame.month,
        "caption": caption,
        "features": shown,
        **listed,
        **framed,
        "government": None
        if government is None
        else {"faction": government.faction_id, "card": cards.add(government_card(government))},
    }


def _frame_entry(
    frames: model.Frames, i: int, frame: timeline.Frame, dataset: Dataset, memo, news: Framing
) -> dict[str, Any]:
    shown = memo.frame_features(frames, i)
    period = frames.periods[i]
    caption = captions.caption_of(period, news.counts(i), news.within(i), dataset.factions)
    listed, framed = news.listed(i), news.of(i)
    return entry_of(frame, period, caption, shown, listed, framed, frames.government(i), memo.cards)


def _factions(factions: pd.DataFrame) -> list[dict[str, str]]:
    """Return each side for the legend and the filters: its names in the language spoken
    (data/translations.csv, as the captions say them), its colour and its mark (drawn from
    the name as written: the same mark in every language)."""
    return [
        {
            "id": str(fid),
            "name": wording.faction_names(str(fid), factions),
            "short": wording.faction_names(str(fid), factions, short=True),
            "colour": str(row["colour"]),
            "side": str(row["side"]),
            "mark": symbols.faction_mark(str(fid), str(row["short_name"])),
            "ink": symbols.ink_on(str(row["colour"])),
        }
        for fid, row in factions.iterrows()
    ]


def action_bounds(features: list[dict[str, Any]]) -> list[list[float]] | None:
    """Return [[south, west], [north, east]] around the features near Cambodia."""
    points = []
    for feature in features:
        for key in ("ll", "from", "to"):
            if feature.get(key):
                points.append(tuple(feature[key]))
    return headline.bounds_of(points)


def territory_outline(borders: dict[str, Any] | None, iso: str = "KH") -> dict[str, Any] | None:
    """Return the outline of the country whose government the map shades, coordinates rounded."""

    def rounded(value):
        if isinstance(value, list):
            return [rounded(v) for v in value]
        return round(float(value), 3)

    for feature in (borders or {}).get("features", []):
        if feature.get("properties", {}).get("iso_a2") == iso and feature.get("geometry"):
            geometry = feature["geometry"]
            return {"type": geometry["type"], "coordinates": rounded(geometry["coordinates"])}
    return None


def frames_document(
    dataset: Dataset,
    first: int = model.FIRST_YEAR,
    last: int = model.LAST_YEAR,
    borders: dict[str, Any] | None = None,
    store: AreaStore | None = None,
    *,
    areas: bool = True,
) -> dict[str, Any]:
    """Return the frames document of the years ``first``..``last``: plain JSON-ready data.

    Built in one pass: which rows each frame shows is computed for every frame at once
    (:class:`kr_map.model.Frames`), and each feature and card is built once for the rows
    it stands for. ``borders`` (GeoJSON) outline the country areas are cut to; by default
    the borders beside the data. ``store``: where the areas' tile grounds are kept across
    builds and data versions (:mod:`kr_map.area_store`; the caller saves and closes it); without
    it they are made anew. With ``areas=False`` the document has no areas of control and says
    so (``areasApart``): :mod:`kr_map.areas_apart` makes them after the first map.
    """
    borders = borders if borders is not None else borders_beside(dataset.data_dir)
    land = Land(dataset.places, borders, store=store) if areas else None
    memo = SceneMemo(dataset.factions, land)
    changes = claims.changes_of_hands(dataset.control)
    sequence = frame_sequence(dataset, first, last)
    periods = [period_of(frame) for frame in sequence]
    states = model.Frames(dataset, periods)
    if land is not None:
        cut_ahead(land, states, borders)
    news = Framing(states, changes, dataset.places)
    frames = [
        _frame_entry(states, i, frame, dataset, memo, news) for i, frame in enumerate(sequence)
    ]
    chart_data = charts.chart_data(dataset, periods, states)
    document = assemble(dataset, frames, memo.features, memo.cards, borders, chart_data)
    return document if areas else {**document, "areasApart": True}


def cut_ahead(land: Land, states: model.Frames, borders: dict[str, Any] | None) -> None:
    """Have a large build's tile grounds cut by several processes first, when ``land`` keeps
    them in a store (:mod:`kr_map.area_workers`)."""
    if land.store is None:
        return
    first_of: dict[bytes, int] = {}  # one day per distinct set of holdings
    for i in range(len(states.periods)):
        first_of.setdefault(states.keys(i)["control"], i)
    area_workers.cut_ahead(land, (states.held_records(i) for i in first_of.values()), borders)


def assemble(
    dataset: Dataset,
    frames: list[dict[str, Any]],
    features: ValueTable,
    cards: ValueTable,
    borders: dict[str, Any] | None,
    chart_data: dict[str, Any],
) -> dict[str, Any]:
    """Return the frames document around its frames, features, cards and charts."""
    listed = {e for f in frames for e in (*f["events"], *f["ongoing"], *f["sometime"])}
    events = dataset.events
    rows = zip(events.index, model.records(events), strict=True)
    names: dict[tuple, str] = {}  # worded once per set of sides
    return {
        "version": VERSION,
        "title": i18n._("Khmer Rouge insurgency, {first}–{last}").format(
            first=wording.when("1979"), last=wording.when("1999")
        ),
        "citation": citation_record(dataset),
        "territoryNote": territory.territory_note(),
        "sources": dataset.source_records(),
        "layers": list(LAYERS),
        "layerTitles": dict(LAYER_TITLES),
        "factions": _factions(dataset.factions),
        "sides": translations.sides_in_sentences(dataset.factions),
        "shapes": symbols.SHAPE_POINTS,
        "shapeNames": symbols.SHAPE_NAMES,
        "movementColours": {
            "people": symbols.PEOPLE_MOVEMENT_COLOUR,
            "troops": symbols.TROOP_MOVEMENT_COLOUR,
        },
        "frames": frames,
        "features": features.values,
        "cards": cards.values,
        "events": {
            str(eid): event_record(row, dataset.factions, names)
            for eid, row in rows
            if str(eid) in listed
        },
        "bounds": action_bounds(features.values),
        "territory": territory_outline(borders),
        "charts": chart_data,
    }


def script_json(document: Any) -> str:
    """Return JSON that is inert inside a <script> element and inside any template.

    No '<', '>' or '&' (no ``</script>``), no U+2028/U+2029, and no ``{{``,
    ``{%`` or ``{#``: compact JSON never has those pairs outside a string, so
    escaping their brace keeps the value and leaves a template engine nothing
    to run, should a library ever read the text as a template.
    """
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    for opener in ("{{", "{%", "{#"):
        text = text.replace(opener, "\\u007b" + opener[1])
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
