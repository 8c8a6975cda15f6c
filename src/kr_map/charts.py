"""Time at a glance: the event strip on the slider and the who-held-what chart, as data.

The frames document carries this under ``charts`` and ``assets/charts.js`` draws it
in the browser (the app and the export alike). Nothing here is drawn or styled:

- ``periods``: for every frame, its first and last day (ISO), so the browser can
  put dates on the slider's scale and find the frame that shows a date.
- ``strip``: for every frame, how many events (battles and violence, other events)
  and movements the frame lists, each split into those dated *within* the frame
  and those whose dates reach *beyond* it (under way since earlier, or known only
  roughly: "mid-1980s" is counted, lighter, in each year it may mean).
- ``chart``: one row per place that someone held, grouped by region along the
  border (rules in :data:`REGIONS`), and each holding as a bar from its first day
  to its end, cut into the stretches a source vouches for and the stretches it
  does not (before a vague start is known, after the last attestation).

The counts of a frame are those of :func:`kr_map.model.state_at` for its period,
and a holding is shown in a frame when :func:`kr_map.model.control_on` finds it on
the frame's last day: the strip and the chart say what the map says.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from kr_map import claims, i18n, model, vocab, wording
from kr_map.loader import Dataset

VERSION = 1

# The strip's kinds, bottom of the bar first.
STRIP_KINDS = (
    ("battles", i18n.N_("Battles & violence")),
    ("movements", i18n.N_("Movements of people")),
    ("other", i18n.N_("Other events")),
)


@dataclass(frozen=True)
class Region:
    """A stretch of the border (or the interior) whose places share a group of rows."""

    region_id: str
    title: str
    rule: str

    def holds(self, lat: float, lon: float) -> bool:
        """Return True when a place at (lat, lon) belongs to this region."""
        if self.region_id == "north":
            return lat >= NORTH_BORDER_LAT
        if self.region_id == "west":
            return lat < NORTH_BORDER_LAT and lon <= WEST_BORDER_LON
        return lat < NORTH_BORDER_LAT and lon > WEST_BORDER_LON


# The Thai border runs east-west along the Dangrek escarpment near 14.2-14.4 N, then turns
# south near 102.3-102.9 E down to the Cardamom mountains and the sea. A place from 14 N
# north lies on the northern stretch; south of it, a place west of 103.2 E on the western
# one; the rest is the interior (Siem Reap, Phnom Penh). Rows run along the border: the
# northern stretch, then the western one from north to south, then the interior; inside a
# region, north to south (latitude falling), then west to east.
NORTH_BORDER_LAT = 14.0
WEST_BORDER_LON = 103.2
REGIONS = (
    Region("north", i18n.N_("Northern border (Dangrek)"), i18n.N_("latitude {lat}° N or more")),
    Region(
        "west",
        i18n.N_("Western border (Thailand)"),
        i18n.N_("south of {lat}° N and west of {lon}° E"),
    ),
    Region("interior", i18n.N_("Interior"), i18n.N_("south of {lat}° N and east of {lon}° E")),
)


def region_record(region: Region) -> dict[str, str]:
    """Return a region as the chart shows it: its title and its rule, in the language spoken."""
    rule = i18n._(region.rule).format(lat=NORTH_BORDER_LAT, lon=WEST_BORDER_LON)
    return {"id": region.region_id, "title": i18n._(region.title), "rule": rule}


def region_of(lat: float, lon: float) -> Region:
    """Return the region a place lies in, by the latitude/longitude rules of :data:`REGIONS`."""
    return next(region for region in REGIONS if region.holds(lat, lon))


def _iso(moment: pd.Timestamp) -> str:
    return pd.Timestamp(moment).strftime("%Y-%m-%d")


def _counts(table: pd.DataFrame, period: model.Period) -> list[int]:
    """Return [within, beyond]: rows dated inside the period, and rows reaching beyond it."""
    within = (table["t0"] >= period.t0) & (table["t1"] <= period.t1)
    return [int(within.sum()), int((~within).sum())]


def strip_counts(dataset: Dataset, period: model.Period) -> dict[str, list[int]]:
    """Return, by strip kind, how many events or movements the period lists: [within, beyond].

    Battles and other events together are the period's events in :func:`model.state_at`;
    movements are its movements under way.
    """
    events = model.events_during(dataset, period)
    violent = events["kind"].isin(vocab.VIOLENT_EVENT_KINDS)
    return {
        "battles": _counts(events[violent], period),
        "movements": _counts(model.movements_during(dataset, period), period),
        "other": _counts(events[~violent], period),
    }


def _within(t0: pd.Series, t1: pd.Series, periods: Sequence[model.Period]) -> np.ndarray:
    """Return, per period and row, whether the row is dated inside the period."""
    first = np.array([p.t0.to_datetime64() for p in periods], dtype="datetime64[ns]")[:, None]
    last = np.array([p.t1.to_datetime64() for p in periods], dtype="datetime64[ns]")[:, None]
    return (t0.to_numpy("datetime64[ns]") >= first) & (t1.to_numpy("datetime64[ns]") <= last)


def strip_data(
    dataset: Dataset, periods: Sequence[model.Period], frames: model.Frames | None = None
) -> dict[str, Any]:
    """Return the event strip: its kinds and, per frame, six counts (within, beyond per kind).

    The counts of every frame at once: :func:`strip_counts` per period, from the rows each
    period shows (``frames``, computed when not given).
    """
    counts: list[list[int]] = []
    if periods:
        frames = frames if frames is not None else model.Frames(dataset, list(periods))
        events, moves = dataset.events, dataset.movements
        dated = _within(events["t0"], events["t1"], periods)
        dated_moves = _within(moves["t0"], moves["t1"], periods)
        parts = {
            "battles": (frames.in_events & frames.violent, dated),
            "movements": (frames.in_movements, dated_moves),
            "other": (frames.in_events & ~frames.violent, dated),
        }
        columns = []
        for kind, _ in STRIP_KINDS:
            shown, inside = parts[kind]
            columns += [(shown & inside).sum(axis=1), (shown & ~inside).sum(axis=1)]
        counts = np.stack(columns, axis=1).astype(int).tolist()
    return {
        "kinds": [{"id": kind, "title": i18n._(title)} for kind, title in STRIP_KINDS],
        "counts": counts,
    }


def _text(value: Any) -> str:
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def holding_segments(holding: pd.Series, start: pd.Timestamp, end: pd.Timestamp) -> list[dict]:
    """Return a holding's bar cut at its attested window: [{from, to, attested}], inside the chart.

    Days run from ``from`` to the day before ``to`` (``to`` is the first day not held or
    not vouched for), as in the control table. ``end`` is the first day after the chart.
    A holding whose start is only a range has no bar before its first attestation: nothing
    vouches for those years (as on the map).
    """
    begins = holding["attested_from"] if holding["precision"] == "range" else holding["t0"]
    first = max(pd.Timestamp(begins), start)
    last = end if pd.isna(holding["until"]) else min(pd.Timestamp(holding["until"]), end)
    if first >= last:
        return []
    vouched_from = min(max(pd.Timestamp(holding["attested_from"]), first), last)
    vouched_until = max(min(pd.Timestamp(holding["attested_until"]), last), vouched_from)
    pieces = (
        (first, vouched_from, False),
        (vouched_from, vouched_until, True),
        (vouched_until, last, False),
    )
    return [
        {"from": _iso(a), "to": _iso(b), "attested": attested} for a, b, attested in pieces if a < b
    ]


def frames_showing(holding: pd.Series, periods: Sequence[model.Period]) -> list[int]:
    """Return the indices of the frames whose map shows this holding (on their last day)."""
    return [i for i, period in enumerate(periods) if claims.status_on(holding, period.t1)]


def _frames_by_holding(
    control: pd.DataFrame, periods: Sequence[model.Period], per_frame: bool = False
) -> dict:
    """Return, per control row label, the frames showing it: :func:`frames_showing` at once.

    ``per_frame``: one :func:`kr_map.claims.statuses_on` per frame, as before issue 22 (for
    the reference builder); else every frame at once.
    """
    shown: dict = {label: [] for label in control.index}
    if per_frame:
        for i, period in enumerate(periods):
            for label in control.index[claims.statuses_on(control, period.t1).notna()]:
                shown[label].append(i)
        return shown
    matrix = model.status_matrix(control, list(periods)) > 0
    for label, column in zip(control.index, matrix.T, strict=True):
        shown[label] = np.flatnonzero(column).tolist()
    return shown


def holding_dates(holding: pd.Series, factions: pd.DataFrame) -> tuple[str, str, str]:
    """Return a chart bar's start and end as the claims say them, and its whole sentence.

    The chart's tooltip reads "from <since> until <until>": ``until`` is a date only when a
    source states the end; otherwise it says that no source gives one.
    """
    start = claims.holding_start(holding)
    began_on = wording.when(start.when)
    if holding["start_claim"] == "again":
        since = i18n._("{date} (attested again; held since {start})").format(
            date=wording.when(str(holding["when"])), start=began_on
        )
    elif start.basis == "stated":
        since = i18n._("{date} (stated change of hands)").format(date=began_on)
    elif start.basis == "attested":
        since = i18n._("{date} (first attested)").format(date=began_on)
    else:
        since = i18n._("{date} (inferred)").format(date=began_on)
    end = claims.holding_end(holding)
    last = str(holding["run_last_attested"])
    if end is not None and end.basis == "stated":
        until = wording.when(end.when)
    elif end is not None:
        until = i18n._("an end no source states (inferred: {date}; last attested {last})").format(
            date=wording.when(end.when), last=wording.when(last)
        )
    else:
        until = i18n._("an end no source gives (last attested {last})").format(
            last=wording.when(last)
        )
    began, ended = wording.start_phrase(start, factions), wording.end_phrase(end, last)
    return (
        since,
        until,
        i18n._("{place}: {start}; {end}.").format(
            place=holding["place_name"], start=began, end=ended
        ),
    )


def _holding_record(holding, place: int, shown: list[int], start, end, factions) -> dict:
    faction = str(holding["faction_id"])
    ends_dated = _text(holding.get("end_claim")) in ("stated", "inferred")
    since, until, sentence = holding_dates(holding, factions)
    return {
        "place": place,
        "faction": faction,
        "from": _iso(holding["t0"]),
        "to": None if pd.isna(holding["until"]) else _iso(holding["until"]),
        "segments": holding_segments(holding, start, end),
        "basis": _text(holding["basis"]) or "inferred",
        "since": since,
        "until": until,
        "text": sentence,
        "was": _text(holding["was"]),
        # Only a stated change of hands is marked as one.
        "changed": holding["start_claim"] == "change",
        "lastAttested": wording.when(_text(holding.get("claimed_last_attested"))),
        "summary": _text(holding.get("summary")),
        "quote": _text(holding["quote"]),
        "seed": _text(holding["seed"]),
        "endQuote": _text(holding.get("until_quote")) if ends_dated else "",
        "endSeed": _text(holding.get("until_seed")) if ends_dated else "",
        "frames": shown,
    }


def place_rows(control: pd.DataFrame) -> list[dict[str, Any]]:
    """Return the held places as chart rows, in border order (see :data:`REGIONS`)."""
    places = control[control["faction_id"] != ""].drop_duplicates("place_id")[
        ["place_id", "place_name", "place_lat", "place_lon"]
    ]
    rows = []
    for _, place in places.iterrows():
        lat, lon = float(place["place_lat"]), float(place["place_lon"])
        region = region_of(lat, lon)
        rows.append({"id": str(place["place_id"]), "name": str(place["place_name"]),
                     "region": region.region_id, "lat": lat, "lon": lon})  # fmt: skip
    order = [r.region_id for r in REGIONS]
    return sorted(rows, key=lambda r: (order.index(r["region"]), -r["lat"], r["lon"], r["id"]))


def chart_of(
    dataset: Dataset, periods: Sequence[model.Period], per_frame: bool = False
) -> dict[str, Any]:
    """Return the who-held-what chart: regions, place rows, and every holding inside the frames."""
    start, end = periods[0].t0, periods[-1].t1 + pd.Timedelta(days=1)
    control = dataset.control
    places = place_rows(control)
    row_of = {place["id"]: i for i, place in enumerate(places)}
    holdings = []
    held = control[control["faction_id"] != ""]
    showing = _frames_by_holding(held, periods, per_frame)
    for label, holding in zip(held.index, model.records(held), strict=True):
        place = row_of[str(holding["place_id"])]
        record = _holding_record(holding, place, showing[label], start, end, dataset.factions)
        if record["segments"]:
            holdings.append(record)
    shown = {h["place"] for h in holdings}
    kept = [i for i in range(len(places)) if i in shown]  # places held only outside the frames go
    renumber = {old: new for new, old in enumerate(kept)}
    for record in holdings:
        record["place"] = renumber[record["place"]]
    return {
        "start": _iso(start),
        "end": _iso(end),
        "regions": [region_record(r) for r in REGIONS],
        "places": [places[i] for i in kept],
        "holdings": holdings,
    }


def chart_data(
    dataset: Dataset, periods: Sequence[model.Period], frames: model.Frames | None = None
) -> dict[str, Any]:
    """Return the ``charts`` part of the frames document for the periods of its frames.

    ``frames``: the rows each period shows, when the caller has computed them already.
    """
    if not periods:
        return {"version": VERSION, "periods": [], "strip": strip_data(dataset, []), "chart": None}
    return {
        "version": VERSION,
        "periods": [[_iso(p.t0), _iso(p.t1)] for p in periods],
        "strip": strip_data(dataset, periods, frames),
        "chart": chart_of(dataset, periods),
    }
