"""The situation at a date: who held what, what happened, who was on the move."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np
import pandas as pd

from kr_map import claims, translations, vocab
from kr_map.dates import DateFormatError, add_months, parse_iso
from kr_map.loader import Dataset

FIRST_YEAR, LAST_YEAR = 1979, 1999
_KEY_FORMATS = {"year": "%Y", "month": "%Y-%m", "day": "%Y-%m-%d"}


@dataclass(frozen=True)
class Period:
    """A stretch of days the map shows: a year, a month or a single day."""

    first: date
    last: date
    unit: str  # "year", "month" or "day"

    @property
    def label(self) -> str:
        """Return the period as people say it: '1989', 'March 1994', '24 October 1989'."""
        if self.unit == "year":
            return str(self.first.year)
        if self.unit == "month":
            return self.first.strftime("%B %Y")
        return f"{self.first.day} {self.first.strftime('%B %Y')}"

    @property
    def key(self) -> str:
        """Return the period as an ISO string: '1989', '1994-03', '1989-10-24'."""
        return self.first.strftime(_KEY_FORMATS[self.unit])

    @property
    def t0(self) -> pd.Timestamp:
        return pd.Timestamp(self.first)

    @property
    def t1(self) -> pd.Timestamp:
        return pd.Timestamp(self.last)


def year(value: int) -> Period:
    """Return the whole calendar year."""
    return Period(date(value, 1, 1), date(value, 12, 31), "year")


def month(value: int, number: int) -> Period:
    """Return one calendar month."""
    first = date(value, number, 1)
    return Period(first, date.fromordinal(add_months(first, 1).toordinal() - 1), "month")


def day(value: date) -> Period:
    """Return a single day."""
    return Period(value, value, "day")


_ISO_PERIOD = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def parse_period(text: str) -> Period:
    """Return the period an ISO string names: '1994' a year, '1994-03' a month, else a day."""
    if not _ISO_PERIOD.match(text.strip()):
        raise DateFormatError(f"must be a date like 1994, 1994-03 or 1994-03-17, got {text!r}")
    span = parse_iso(text)
    return Period(span.first, span.last, span.detail)


def control_on(dataset: Dataset, when: date | pd.Timestamp) -> pd.DataFrame:
    """Return who held each place on a day: one row per place that someone held.

    ``attested`` says whether a source vouches for the holding on that day; when it is False
    the holding is only carried on from its last attestation (``last_attested``) until the end
    of its holder, or its start is not known yet (a vague ``since``).
    """
    moment = pd.Timestamp(when)
    control = dataset.control
    open_or_later = control["until"].isna() | (control["until"] > moment)
    held = control[(control["t0"] <= moment) & open_or_later & (control["faction_id"] != "")]
    attested = (held["attested_from"] <= moment) & (held["attested_until"] > moment)
    return held.assign(attested=attested.to_numpy(dtype=bool)).reset_index(drop=True)


def control_at_end_of(dataset: Dataset, period: Period) -> pd.DataFrame:
    """Return the holdings the map shows on the period's last day, with their status.

    ``status`` (:func:`kr_map.claims.status_on`): stated, inferred or after; a holding whose
    start is only a range is left out before its first attestation. ``changed``: a source
    states that the place changed hands to this holder on a date inside the period.
    """
    control = dataset.control
    status = claims.statuses_on(control, period.t1)
    shown = status.notna() & (control["faction_id"] != "")
    changed = (control["start_claim"] == "change") & (control["t0"] >= period.t0)
    changed &= control["t1"] <= period.t1
    attested = (control["attested_from"] <= period.t1) & (control["attested_until"] > period.t1)
    held = control.assign(status=status, changed=changed, attested=attested)
    return held[shown].reset_index(drop=True)


@dataclass(frozen=True)
class Government:
    """The government of the day in Phnom Penh, with the passage that dates it."""

    government_id: str
    name: str
    faction_id: str
    since_label: str
    until_label: str  # the next government's start, "" when none follows
    until_basis: str  # that start's basis: "until" is said only when it is stated
    basis: str
    seed: str
    quote: str
    summary: str
    translation_cells: tuple[tuple[str, str], ...] = ()  # translations.cells_in (langdata)
    # The sources say who governed from Phnom Penh, not where the front lines ran.
    caveat: str = "the sources say who governed from Phnom Penh, not where the front lines ran"


def government_at(dataset: Dataset, period: Period) -> Government | None:
    """Return the government of the day in Phnom Penh at the end of the period, or None."""
    governments = dataset.governments
    if governments.empty:
        return None
    moment = period.t1
    open_or_later = governments["until"].isna() | (governments["until"] > moment)
    current = governments[(governments["t0"] <= moment) & open_or_later]
    if current.empty:
        return None
    row = current.iloc[-1]
    following = governments[governments["t0"] > row["t0"]]
    return Government(
        government_id=str(row["government_id"]),
        name=str(row["name"]),
        faction_id=str(row["faction_id"]),
        since_label=str(row["when"]),
        until_label=str(following.iloc[0]["when"]) if len(following) else "",
        until_basis=str(following.iloc[0]["basis"]) if len(following) else "",
        basis=str(row["basis"]),
        seed=str(row["seed"]),
        quote=str(row["quote"]),
        summary=str(row["summary"]),
        translation_cells=translations.cells_in(row),
    )


def _overlapping(frame: pd.DataFrame, period: Period) -> pd.DataFrame:
    return frame[(frame["t0"] <= period.t1) & (frame["t1"] >= period.t0)]


def events_during(dataset: Dataset, period: Period) -> pd.DataFrame:
    """Return the events that may have happened in the period, in date order."""
    return _overlapping(dataset.events, period)


def movements_during(dataset: Dataset, period: Period) -> pd.DataFrame:
    """Return the movements of people under way at some time in the period."""
    return _overlapping(dataset.movements, period)


def camps_during(dataset: Dataset, period: Period) -> pd.DataFrame:
    """Return the border camps the sources place in the period (first to last mention)."""
    camps = dataset.camps
    return camps[(camps["first_seen"] <= period.t1) & (camps["last_seen"] >= period.t0)]


@dataclass(frozen=True)
class State:
    """Everything the map shows for one period."""

    period: Period
    control: pd.DataFrame
    events: pd.DataFrame
    movements: pd.DataFrame
    camps: pd.DataFrame
    government: Government | None = None

    @cached_property
    def battles(self) -> pd.DataFrame:
        return self.events[self.events["kind"].isin(vocab.VIOLENT_EVENT_KINDS)]

    @cached_property
    def other_events(self) -> pd.DataFrame:
        return self.events[~self.events["kind"].isin(vocab.VIOLENT_EVENT_KINDS)]


def state_at(dataset: Dataset, period: Period) -> State:
    """Return the situation for a period: control at its end, its events and movements."""
    return State(
        period=period,
        control=control_at_end_of(dataset, period),
        events=events_during(dataset, period),
        movements=movements_during(dataset, period),
        camps=camps_during(dataset, period),
        government=government_at(dataset, period),
    )


def dense_years(dataset: Dataset, threshold: int = 4) -> list[int]:
    """Return the years with at least ``threshold`` events or changes dated to the month or day.

    Those years are worth stepping month by month; a year whose events are only known to
    the year would show the same picture twelve times.
    """
    fine = ("day", "month", "season")
    events, control = dataset.events, dataset.control
    years = pd.concat(
        [
            events.loc[events["precision"].isin(fine), "t0"].dt.year,
            control.loc[control["precision"].isin(fine), "t0"].dt.year,
        ]
    )
    counts = years.value_counts()
    return sorted(int(y) for y in counts[counts >= threshold].index)


def changes_between(dataset: Dataset, before: Period, after: Period) -> pd.DataFrame:
    """Return the places whose holder, as the map shows it, differs between two periods' ends."""
    a = control_at_end_of(dataset, before).set_index("place_id")
    b = control_at_end_of(dataset, after).set_index("place_id")
    places = sorted(set(a.index) | set(b.index))
    rows = []
    for place_id in places:
        was = a.loc[place_id, "faction_id"] if place_id in a.index else ""
        now = b.loc[place_id, "faction_id"] if place_id in b.index else ""
        if was != now:
            name = dataset.places.loc[place_id, "name"]
            rows.append({"place_id": place_id, "place_name": name, "before": was, "after": now})
    return pd.DataFrame(rows, columns=["place_id", "place_name", "before", "after"])


# --- Every frame at once: which rows each period shows, computed in one pass -----------


def _days(values: pd.Series) -> np.ndarray:
    return values.to_numpy(dtype="datetime64[ns]")


def period_bounds(periods: list[Period]) -> tuple[np.ndarray, np.ndarray]:
    """Return the periods' first and last days as two columns (one row per period)."""
    t0 = np.array([p.t0.to_datetime64() for p in periods], dtype="datetime64[ns]")
    t1 = np.array([p.t1.to_datetime64() for p in periods], dtype="datetime64[ns]")
    return t0[:, None], t1[:, None]


def light(table: pd.DataFrame) -> pd.DataFrame:
    """Return the table with its text columns as Python objects: cheap to slice per frame.

    The values are the same strings (missing stays missing); only the storage differs, and
    columns of one type share one block (a copy consolidates them), so a slice is one take
    per type rather than one per column.
    """
    text = {c: object for c in table.columns if isinstance(table[c].dtype, pd.StringDtype)}
    return table.astype(text).copy() if text else table.copy()


def records(table: pd.DataFrame) -> list[dict]:
    """Return ``table.to_dict("records")``, made a column at a time (to_dict boxes every cell
    on its own: seconds at 100,000 rows); a missing number is None, as there."""
    columns = list(table.columns)
    values = []
    for column in columns:
        cells = table[column]
        masked = isinstance(cells.dtype, pd.api.extensions.ExtensionDtype) and cells.hasnans
        values.append(
            [None if v is pd.NA else v for v in cells.tolist()] if masked else cells.tolist()
        )
    return [dict(zip(columns, row, strict=True)) for row in zip(*values, strict=True)]


STATUS_CODES = (None, "stated", "inferred", "after")


def status_matrix(control: pd.DataFrame, periods: list[Period]) -> np.ndarray:
    """Return :func:`kr_map.claims.statuses_on` at every period's end: codes per period and row.

    0 = not shown, else the index of the status in :data:`STATUS_CODES`.
    """
    _, moment = period_bounds(periods)
    until = _days(control["until"])
    held = (_days(control["t0"]) <= moment) & (np.isnat(until) | (until > moment))
    ranged = (control["precision"] == "range").to_numpy(dtype=bool)
    unknown_start = (moment < _days(control["attested_from"])) & ranged
    stated = (control["basis"] == "stated").to_numpy(dtype=bool)
    code = np.where(stated, 1, 2) * np.ones_like(held, dtype=np.int8)
    code = np.where(moment < _days(control["attested_until"]), code, 3)
    return np.where(held & ~unknown_start, code, 0).astype(np.int8)


def overlap_matrix(t0: pd.Series, t1: pd.Series, periods: list[Period]) -> np.ndarray:
    """Return, per period and row, whether the row's [t0, t1] meets the period."""
    first, last = period_bounds(periods)
    return (_days(t0) <= last) & (_days(t1) >= first)


class Frames:
    """The state of every period of a frame sequence, from row intervals computed once.

    :meth:`state` returns what :func:`state_at` returns for the same period (the same rows,
    columns and values), and :meth:`keys` says which rows it holds, so features built from
    the same rows are built once.
    """

    def __init__(self, dataset: Dataset, periods: list[Period]) -> None:
        self.periods = periods
        self.dataset = dataset
        control, events = light(dataset.control), light(dataset.events)
        self.control, self.events = control, events
        self.movements, self.camps = light(dataset.movements), light(dataset.camps)
        first, last = period_bounds(periods)
        self.status = status_matrix(control, periods)
        self.shown = (self.status > 0) & (control["faction_id"] != "").to_numpy(dtype=bool)
        self.changed = (
            (control["start_claim"] == "change").to_numpy(dtype=bool)
            & (_days(control["t0"]) >= first)
            & (_days(control["t1"]) <= last)
        )
        self.attested = (_days(control["attested_from"]) <= last) & (
            _days(control["attested_until"]) > last
        )
        self.in_events = overlap_matrix(events["t0"], events["t1"], periods)
        self.violent = events["kind"].isin(vocab.VIOLENT_EVENT_KINDS).to_numpy(dtype=bool)
        self.event_ids = events["event_id"].to_numpy()
        moves = self.movements
        self.in_movements = overlap_matrix(moves["t0"], moves["t1"], periods)
        camps = self.camps
        self.in_camps = overlap_matrix(camps["first_seen"], camps["last_seen"], periods)
        self._governments = _government_rows(dataset.governments, last[:, 0])
        self._government_memo: dict[int, Government] = {}
        self._records: dict[str, list[dict]] = {}  # each table's records, made once
        self._held_memo: dict[tuple, dict] = {}  # a held row's record, by row and status

    def held(self, i: int) -> pd.DataFrame:
        """Return :func:`control_at_end_of` for period ``i``."""
        rows = np.flatnonzero(self.shown[i])
        status = np.array([STATUS_CODES[c] for c in self.status[i, rows]], dtype=object)
        held = self.control.iloc[rows].assign(
            status=status, changed=self.changed[i, rows], attested=self.attested[i, rows]
        )
        return held.reset_index(drop=True)

    def held_records(self, i: int) -> list[dict]:
        """Return :meth:`held` of period ``i`` as records (``to_dict("records")``), from the
        table's records made once per build."""
        records, made = self._records_of("control"), self._held_memo
        rows = np.flatnonzero(self.shown[i])
        keys = zip(
            rows.tolist(),
            self.status[i, rows].tolist(),
            self.changed[i, rows].tolist(),
            self.attested[i, rows].tolist(),
            strict=True,
        )
        out = []
        for key in keys:  # a row with the same status in many frames is one record (read only)
            if key not in made:
                p, status, changed, attested = key
                made[key] = {
                    **records[p],
                    "status": STATUS_CODES[status],
                    "changed": changed,
                    "attested": attested,
                }
            out.append(made[key])
        return out

    def rows(self, i: int) -> dict[str, np.ndarray]:
        """Return the positions of the rows period ``i`` shows, per table (battles and other
        events apart)."""
        events = np.flatnonzero(self.in_events[i])
        return {
            "control": np.flatnonzero(self.shown[i]),
            "battles": events[self.violent[events]],
            "events": events[~self.violent[events]],
            "movements": np.flatnonzero(self.in_movements[i]),
            "camps": np.flatnonzero(self.in_camps[i]),
        }

    def keys(self, i: int) -> dict[str, bytes]:
        """Return which rows period ``i`` shows, per table, as hashable keys."""
        rows = self.rows(i)
        shown = rows["control"]
        keys = {part: rows[part].tobytes() for part in ("battles", "events", "movements", "camps")}
        keys["control"] = b"".join(
            a.tobytes() for a in (shown, self.status[i, shown], self.changed[i, shown])
        )
        return keys

    def event_records(self, positions: np.ndarray) -> list[dict]:
        """Return the events at ``positions`` as records (``to_dict`` made once per build)."""
        records = self._records_of("events")
        return [records[p] for p in positions]

    def movement_records(self, positions: np.ndarray) -> list[dict]:
        """Return the movements at ``positions`` as records (``to_dict`` made once per build)."""
        records = self._records_of("movements")
        return [records[p] for p in positions]

    def _records_of(self, table: str) -> list[dict]:
        """Return the rows of ``table`` (control, events, movements) as records, made once."""
        if table not in self._records:
            self._records[table] = records(getattr(self, table))
        return self._records[table]

    def government(self, i: int) -> Government | None:
        """Return :func:`government_at` for period ``i``."""
        row = int(self._governments[i])
        if row < 0:
            return None
        if row not in self._government_memo:
            self._government_memo[row] = government_at(self.dataset, self.periods[i])
        return self._government_memo[row]

    def events_of(self, i: int) -> pd.DataFrame:
        """Return the events of period ``i`` (its :meth:`state`'s ``events``) alone."""
        return self.events[self.in_events[i]]

    def state(self, i: int, holdings: bool = True) -> State:
        """Return :func:`state_at` for period ``i``; without ``holdings`` its ``control`` is
        left empty (for a caller that reads the holdings from :meth:`held_records`)."""
        return State(
            period=self.periods[i],
            control=self.held(i) if holdings else self.control.iloc[:0],
            events=self.events_of(i),
            movements=self.movements[self.in_movements[i]],
            camps=self.camps[self.in_camps[i]],
            government=self.government(i),
        )


def _government_rows(governments: pd.DataFrame, moments: np.ndarray) -> np.ndarray:
    """Return, per moment, the position of the government of the day (-1: none)."""
    if governments.empty:
        return np.full(len(moments), -1)
    until = _days(governments["until"])
    current = (_days(governments["t0"]) <= moments[:, None]) & (
        np.isnat(until) | (until > moments[:, None])
    )
    last = current.shape[1] - 1 - np.argmax(current[:, ::-1], axis=1)
    return np.where(current.any(axis=1), last, -1)
