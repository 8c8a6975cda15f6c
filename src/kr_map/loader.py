"""Reads and validates the data folder, and joins it into one ``Dataset`` of pandas tables."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
from geopy.distance import geodesic

from kr_map import schema as s
from kr_map import validation as v
from kr_map.dates import describe, parse_interval, parse_iso, period_of
from kr_map.problems import DataError, Problem

# The end of a holding that no later row ends.
FOREVER = pd.Timestamp("2200-01-01")


def default_data_dir() -> Path:
    """Return the data folder: ``$KR_MAP_DATA`` if set, else the bundled ``data/``."""
    configured = os.environ.get("KR_MAP_DATA")
    if configured:
        return Path(configured)
    return Path(__file__).resolve().parents[2] / "data"


def default_seeds_dir(data_dir: Path) -> Path:
    """Return the seeds folder that belongs beside a data folder."""
    return data_dir.parent / "seeds"


@dataclass(frozen=True)
class Dataset:
    """All validated tables, with dates as day spans and coordinates joined in."""

    places: pd.DataFrame
    factions: pd.DataFrame
    control: pd.DataFrame
    events: pd.DataFrame
    movements: pd.DataFrame
    story: pd.DataFrame
    data_dir: Path = field(default=Path("data"))

    def faction_colour(self, faction_id: str) -> str:
        """Return the colour a faction is drawn in."""
        return str(self.factions.loc[faction_id, "colour"])


def read_rows(path: Path, table: s.TableSchema) -> tuple[v.Rows, list[Problem]]:
    """Return the file's rows as text cells with their row numbers, and what was wrong."""
    label = _label(path)
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            lines = list(csv.reader(handle))
    except FileNotFoundError:
        return [], [Problem(label, 0, "", "file not found")]
    except UnicodeDecodeError as exc:
        return [], [Problem(label, 0, "", f"is not UTF-8 text ({exc.reason}); save as CSV UTF-8")]
    except csv.Error as exc:
        return [], [Problem(label, 0, "", f"is not a readable CSV file: {exc}")]
    if not lines:
        return [], [Problem(label, 1, "", "is empty: the first row must name the columns")]
    header = [cell.strip() for cell in lines[0]]
    problems = [
        Problem(label, 1, column, f"required column `{column}` is missing")
        for column in table.required_columns
        if column not in header
    ]
    rows: v.Rows = []
    for number, cells in enumerate(lines[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            message = f"row has {len(cells)} cells but the header has {len(header)} columns"
            problems.append(Problem(label, number, "", message))
            continue
        rows.append((number, {h: c.strip() for h, c in zip(header, cells, strict=True)}))
    return rows, problems


def _label(path: Path) -> str:
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def read_seeds(seeds_dir: Path) -> dict[str, str]:
    """Return the text of every seed document, by file name."""
    if not seeds_dir.is_dir():
        return {}
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(seeds_dir.glob("*.txt"))}


def validate(data_dir: Path, seeds_dir: Path | None = None) -> tuple[dict, list[Problem]]:
    """Return every table's rows and every problem found in the data folder."""
    seeds = read_seeds(seeds_dir or default_seeds_dir(data_dir))
    tables = list(s.TABLES) + [t for t in s.OPTIONAL_TABLES if (data_dir / t.file).exists()]
    rows, problems = {}, []
    for table in tables:
        table_rows, read_problems = read_rows(data_dir / table.file, table)
        rows[table.name] = table_rows
        problems += read_problems
        problems += v.check_cells(table, table_rows) + v.check_unique_keys(table, table_rows)
    keys = {t.name: {r[t.key] for _, r in rows[t.name] if r.get(t.key)} for t in tables if t.key}
    for table in tables:
        problems += v.check_references(table, rows[table.name], keys)
        problems += _table_checks(table, rows[table.name], seeds)
    labels = {t.file: _label(data_dir / t.file) for t in tables}
    return rows, [replace(p, file=labels.get(p.file, p.file)) for p in problems]


def _table_checks(table: s.TableSchema, rows: v.Rows, seeds: dict[str, str]) -> list[Problem]:
    if table is s.PLACES:
        return v.check_coordinates(table, rows)
    if table is s.CONTROL:
        return v.check_dates(table, rows, "since", None) + v.check_quotes(table, rows, seeds)
    if table is s.STORY:
        return v.check_story(table, rows)
    if table in (s.EVENTS, s.MOVEMENTS):
        problems = v.check_dates(table, rows, "start", "end") + v.check_counts(table, rows)
        problems += v.check_quotes(table, rows, seeds)
        if table is s.MOVEMENTS:
            problems += v.check_distinct_ends(table, rows)
        return problems
    return []


def load(data_dir: Path | None = None, seeds_dir: Path | None = None) -> Dataset:
    """Return the validated dataset, or raise ``DataError`` listing every problem."""
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    try:
        return _load(data_dir, seeds_dir)
    finally:
        parse_iso.cache_clear()  # the memo only pays off within one load; kept, it holds memory


def _load(data_dir: Path, seeds_dir: Path | None) -> Dataset:
    rows, problems = validate(data_dir, seeds_dir)
    if problems:
        raise DataError(problems)
    frames = {name: _frame(table_rows) for name, table_rows in rows.items()}
    places = _places(frames["places"])
    return Dataset(
        places=places,
        factions=_factions(frames["factions"]),
        control=_control(frames["control"], places),
        events=_events(frames["events"], places),
        movements=_movements(frames["movements"], places),
        story=_story(frames.get("story")),
        data_dir=data_dir,
    )


def _frame(rows: v.Rows) -> pd.DataFrame:
    frame = pd.DataFrame([row for _, row in rows])
    frame.insert(0, "row", [number for number, _ in rows])
    return frame


def _factions(frame: pd.DataFrame) -> pd.DataFrame:
    if "short_name" not in frame.columns:
        frame = frame.assign(short_name="")
    short = frame["short_name"].where(frame["short_name"] != "", frame["name"])
    return frame.assign(short_name=short).set_index("faction_id", drop=False)


def _places(frame: pd.DataFrame) -> pd.DataFrame:
    places = frame.assign(lat=frame["lat"].astype(float), lon=frame["lon"].astype(float))
    return places.set_index("place_id", drop=False)


def _with_place(frame: pd.DataFrame, places: pd.DataFrame, column: str, prefix: str):
    joined = places[["name", "lat", "lon", "kind", "coord_precision"]].add_prefix(prefix)
    return frame.join(joined, on=column)


def _spans(frame: pd.DataFrame, start: str, end: str | None) -> pd.DataFrame:
    """Add t0/t1 (first and last possible day) and a date label for people."""
    if frame.empty:
        return frame.assign(
            t0=pd.Series(dtype="datetime64[s]"), t1=pd.Series(dtype="datetime64[s]"), when=""
        )
    ends = frame[end] if end else pd.Series("", index=frame.index)
    spans = [
        period_of(a, b, p) for a, b, p in zip(frame[start], ends, frame["precision"], strict=True)
    ]
    labels = [
        describe(a, b, p) for a, b, p in zip(frame[start], ends, frame["precision"], strict=True)
    ]
    return frame.assign(
        t0=pd.to_datetime([sp.first for sp in spans]).astype("datetime64[s]"),
        t1=pd.to_datetime([sp.last for sp in spans]).astype("datetime64[s]"),
        when=labels,
    )


def _counts(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(
        people_low=pd.to_numeric(frame["people_low"].replace("", None)).astype("Int64"),
        people_high=pd.to_numeric(frame["people_high"].replace("", None)).astype("Int64"),
    )


def _events(frame: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    events = _with_place(_counts(_spans(frame, "start", "end")), places, "place_id", "place_")
    return events.sort_values(["t0", "t1", "event_id"]).set_index("event_id", drop=False)


def _movements(frame: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    moves = _counts(_spans(frame, "start", "end"))
    moves = _with_place(moves, places, "from_place", "from_")
    moves = _with_place(moves, places, "to_place", "to_")
    distances = [
        round(geodesic((a, b), (c, d)).km, 1)
        for a, b, c, d in zip(
            moves["from_lat"], moves["from_lon"], moves["to_lat"], moves["to_lon"], strict=True
        )
    ]
    moves = moves.assign(distance_km=distances)
    return moves.sort_values(["t0", "movement_id"]).set_index("movement_id", drop=False)


def _control(frame: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Sort control by place and date and add each holding's end and predecessor."""
    if "summary" not in frame.columns:
        frame = frame.assign(summary="")
    control = _spans(frame, "since", None).sort_values(["place_id", "t0", "row"])
    next_t0 = control.groupby("place_id")["t0"].shift(-1)
    control = control.assign(
        until=next_t0.fillna(FOREVER).astype("datetime64[s]"),
        previous_faction=control.groupby("place_id")["faction_id"].shift(1).fillna(""),
    )
    return _with_place(control, places, "place_id", "place_").reset_index(drop=True)


def _story(frame: pd.DataFrame | None) -> pd.DataFrame:
    columns = [f.name for f in s.STORY.fields]
    if frame is None or frame.empty:
        return pd.DataFrame(columns=columns)
    story = frame.assign(
        step=frame["step"].astype(int),
        lat=frame["lat"].astype(float),
        lon=frame["lon"].astype(float),
        zoom=frame["zoom"].astype(int),
        t0=[pd.Timestamp(parse_interval(d).first) for d in frame["date"]],
    )
    return story.sort_values("step").reset_index(drop=True)
