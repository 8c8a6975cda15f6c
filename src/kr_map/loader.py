"""Reads and validates the data folder, and joins it into one ``Dataset`` of pandas tables."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
from geopy.distance import geodesic

from kr_map import geo, holdings, translations, vocab
from kr_map import schema as s
from kr_map import validation as v
from kr_map.dates import describe, parse_interval, parse_iso, period_of
from kr_map.i18n import _, ngettext
from kr_map.problems import DataError, Problem
from kr_map.reading import (  # noqa: F401  (read_rows, read_seeds: the loader's public API)
    BORDERS_FILE,
    FileRefused,
    check_borders,
    file_label,
    read_input,
    read_rows,
    read_seed_files,
    read_seeds,
)

_BUNDLED_BORDERS = Path(__file__).resolve().parents[2] / "data" / "borders.geojson"
_ONE_DAY = pd.Timedelta(days=1)


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
    # The government of the day in Phnom Penh, a step function (governments.csv).
    governments: pd.DataFrame = field(default_factory=pd.DataFrame)
    # Border camps with the first and last day the sources mention them and ``border_km``.
    camps: pd.DataFrame = field(default_factory=pd.DataFrame)
    # What each seed file copies: title, url, licence, publisher (sources.csv), by seed.
    sources: pd.DataFrame = field(default_factory=pd.DataFrame)
    # translations.csv as read (empty when the folder has none); the tables above carry
    # theirs as columns "<column>@<lang>" and "<column>@<lang>:status" (translations.attach).
    translations: pd.DataFrame = field(default_factory=pd.DataFrame)

    def source_records(self) -> dict[str, dict[str, str]]:
        """Return the texts the seeds copy, by seed file: title, url, licence, publisher."""
        return {
            str(seed): {key: str(row[key]) for key in ("title", "url", "licence", "publisher")}
            for seed, row in self.sources.iterrows()
        }


def validate(
    data_dir: Path, seeds_dir: Path | None = None, *, allow_outside: bool = False
) -> tuple[dict, list[Problem]]:
    """Return every table's rows and every problem found in the data folder.

    Problems that stop a file from being read come first; the knock-on problems they
    would cause elsewhere (every reference to an unreadable places.csv, every quote
    from an unreadable seed) are left out, and repeated unknown ids grouped in one line.
    Files that are links out of their folder are refused unless ``allow_outside``.
    """
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        if data_dir.exists():
            message = _(
                "is a file, not a folder: give the folder that holds places.csv, events.csv, ..."
            )
        else:
            message = _("folder not found: give the folder that holds places.csv, events.csv, ...")
        return {}, [Problem(str(data_dir), 0, "", message, True)]
    outside = {"allow_outside": allow_outside}
    seeds, problems = read_seed_files(seeds_dir or default_seeds_dir(data_dir), **outside)
    tables = list(s.TABLES) + [t for t in s.OPTIONAL_TABLES if (data_dir / t.file).exists()]
    rows, unusable, damaged = {}, set(), set()
    for table in tables:
        table_rows, read_problems = read_rows(data_dir / table.file, table, **outside)
        rows[table.name] = table_rows
        problems += read_problems
        damaged |= {(p.row, p.column) for p in read_problems if p.file.endswith(table.file)}
        if any(p.blocking for p in read_problems):
            unusable.add(table.name)
        cell_problems = v.check_cells(table, table_rows) + v.check_unique_keys(table, table_rows)
        problems += [p for p in cell_problems if (p.row, p.column) not in damaged]
    keys = {
        t.name: {r[t.key] for _, r in rows[t.name] if r.get(t.key)}
        for t in tables
        if t.key and t.name not in unusable
    }
    if s.FACTIONS.name in keys:
        # A faction of the vocabulary without its row is reported once, by _missing_factions;
        # the rows that name it are not blamed for it.
        keys[s.FACTIONS.name] |= set(vocab.FACTION_IDS)
    for table in tables:
        problems += _group_unknown_ids(v.check_references(table, rows[table.name], keys))
        problems += _table_checks(table, rows[table.name], seeds)
    problems += _source_problems(tables, rows, unusable, seeds)
    problems += check_borders(data_dir / BORDERS_FILE, **outside)
    problems += v.check_across_tables(rows, borders_beside(data_dir, **outside))
    problems += translations.check_translations(rows, _clean_tables(tables, problems))
    labels = {t.file: file_label(data_dir / t.file) for t in tables}
    return rows, [replace(p, file=labels.get(p.file, p.file)) for p in problems]


def _clean_tables(tables: list[s.TableSchema], problems: list[Problem]) -> set[str]:
    """Return the tables whose translations can be checked: those with no problem of their own.

    The quiz is left out: its translations are checked with it (quiz.read_quiz), so that a
    quiz of one's own never stops the map from loading.
    """
    flawed = {t.name for t in tables for p in problems if Path(p.file).name == t.file}
    return {t.name for t in tables if t.name not in flawed and t is not s.QUIZ}


def _source_problems(
    tables: list[s.TableSchema], rows: dict, unusable: set[str], seeds: dict[str, str | None]
) -> list[Problem]:
    """Return the problems of sources.csv: its seeds exist, and every cited seed has a row."""
    if s.SOURCES.name in unusable:
        return []  # its own problem is reported once
    sources = rows[s.SOURCES.name]
    problems = v.check_source_rows(sources, seeds)
    known = {row["seed"] for _, row in sources if row.get("seed")}
    citing = {t.name: (t, rows[t.name]) for t in tables if t is not s.SOURCES}
    return problems + _group_unknown_ids(v.check_seeds_have_sources(citing, known, set(seeds)))


def _group_unknown_ids(problems: list[Problem]) -> list[Problem]:
    """Return one problem per unknown id and column, naming the other rows it is in."""
    groups: dict[tuple[str, str, str], list[Problem]] = {}
    for problem in problems:
        groups.setdefault((problem.file, problem.column, problem.message), []).append(problem)
    grouped = []
    for same in groups.values():
        first, others = same[0], [p.row for p in same[1:]]
        if others:
            shown = ", ".join(map(str, others[:5])) + (", ..." if len(others) > 5 else "")
            also = ngettext(
                "{problem} (also in {count} more row: {rows})",
                "{problem} (also in {count} more rows: {rows})",
                len(others),
            )
            message = also.format(problem=first.message, count=len(others), rows=shown)
            first = replace(first, message=message)
        grouped.append(first)
    return grouped


def _table_checks(
    table: s.TableSchema, rows: v.Rows, seeds: dict[str, str | None]
) -> list[Problem]:
    readable = {name: text for name, text in seeds.items() if text is not None}
    if table is s.PLACES:
        return v.check_coordinates(table, rows)
    if table is s.FACTIONS:
        problems = _missing_factions(table, rows)
        for moment in ("first", "last"):
            dated = _citing_readable(rows, seeds, f"{moment}_seed")
            problems += v.check_attested_moment(table, dated, readable, moment, own_quote=False)
        ends = ("first", "first_precision"), ("last", "last_precision")
        return problems + v.check_end_after_start(table, rows, *ends)
    if table is s.CONTROL:
        problems = v.check_dates(table, rows, "since", None) + _quote_problems(table, rows, seeds)
        dated = _citing_readable(rows, seeds, "until_seed")
        problems += v.check_attested_moment(table, dated, readable, "until", own_quote=True)
        ends = ("since", "precision"), ("until", "until_precision")
        return problems + v.check_end_after_start(table, rows, *ends)
    if table is s.GOVERNMENTS:
        return v.check_dates(table, rows, "since", None) + _quote_problems(table, rows, seeds)
    if table is s.STORY:
        return v.check_story(table, rows)
    if table in (s.EVENTS, s.MOVEMENTS):
        problems = v.check_dates(table, rows, "start", "end") + v.check_counts(table, rows)
        problems += _quote_problems(table, rows, seeds)
        if table is s.MOVEMENTS:
            problems += v.check_distinct_ends(table, rows) + v.check_open_ends(table, rows)
        return problems
    return []


def _citing_readable(rows: v.Rows, seeds: dict[str, str | None], column: str) -> v.Rows:
    """Return the rows whose seed (in ``column``) can be checked: blank, readable or unknown.

    Rows citing a seed that could not be read, or any seed when the seeds folder is
    missing, are left out: that one cause is reported once, not at every row.
    """
    if not seeds:
        return [(n, r) for n, r in rows if not r.get(column)]
    return [(n, r) for n, r in rows if seeds.get(r.get(column, ""), "") is not None]


def _quote_problems(table: s.TableSchema, rows: v.Rows, seeds: dict[str, str | None]):
    """Return the quote checks, skipped where the seed could not be read (reported once)."""
    readable = {name: text for name, text in seeds.items() if text is not None}
    return v.check_quotes(table, _citing_readable(rows, seeds, "seed"), readable)


def _missing_factions(table: s.TableSchema, rows: v.Rows) -> list[Problem]:
    """Return a problem for each faction the map draws that has no row in factions.csv."""
    present = {row.get("faction_id") for _, row in rows}
    missing = [f for f in vocab.FACTION_IDS if f not in present]
    if not rows or not missing:
        return []
    message = _(
        "no row for the faction(s) {missing}: the map's legend, faction "
        "filter and story need a row for each of {sides}"
    ).format(missing=", ".join(missing), sides=", ".join(vocab.FACTION_IDS))
    return [Problem(table.file, len(rows) + 2, "faction_id", message, True)]


def load(
    data_dir: Path | None = None, seeds_dir: Path | None = None, *, allow_outside: bool = False
) -> Dataset:
    """Return the validated dataset, or raise ``DataError`` listing every problem.

    Files that are links out of the data or seeds folder are refused unless ``allow_outside``.
    """
    data_dir = Path(data_dir) if data_dir else default_data_dir()
    try:
        return _load(data_dir, seeds_dir, allow_outside)
    finally:
        parse_iso.cache_clear()  # the memo only pays off within one load; kept, it holds memory


def _load(data_dir: Path, seeds_dir: Path | None, allow_outside: bool) -> Dataset:
    rows, problems = validate(data_dir, seeds_dir, allow_outside=allow_outside)
    if problems:
        raise DataError(problems)
    frames = _with_translations({name: _frame(table) for name, table in rows.items()})
    places = _places(frames["places"])
    factions = _factions(frames["factions"])
    events = _events(frames["events"], places)
    control = holdings.with_claims(_control(frames["control"], places, factions), events)
    movements = _movements(frames["movements"], places)
    return Dataset(
        places=places,
        factions=factions,
        control=control,
        events=events,
        movements=movements,
        story=_story(frames.get("story")),
        data_dir=data_dir,
        governments=_governments(frames.get("governments")),
        camps=_camps(places, events, movements, control, borders_beside(data_dir, allow_outside)),
        sources=_sources(frames["sources"]),
        translations=frames.get(s.TRANSLATIONS.name, pd.DataFrame()),
    )


def _with_translations(frames: dict[str, pd.DataFrame]) -> dict[str, pd.DataFrame]:
    """Return the tables with their translations (translations.csv, if any) beside them."""
    table = frames.get(s.TRANSLATIONS.name)
    if table is None or table.empty:
        return frames
    frames = {
        name: translations.attach(frame, name, table) if name in translations.KEYS else frame
        for name, frame in frames.items()
    }
    # A holding has no key to translate it by; its quote reads as the same sentence elsewhere.
    quoting = ("events", "movements", "governments")
    memory = translations.quote_memory(frames[name] for name in quoting if name in frames)
    return {**frames, "control": translations.attach_quotes(frames["control"], memory)}


def borders_beside(data_dir: Path, allow_outside: bool = False) -> dict | None:
    """Return the borders stored beside the data, else the bundled ones, else None."""
    for path in (data_dir / BORDERS_FILE, _BUNDLED_BORDERS):
        try:
            return json.loads(read_input(path, allow_outside=allow_outside).decode("utf-8"))
        except (OSError, ValueError, FileRefused):
            continue  # missing or unreadable: fall back to the bundled borders
    return None


def _frame(rows: v.Rows) -> pd.DataFrame:
    frame = pd.DataFrame([row for _, row in rows])
    frame.insert(0, "row", [number for number, _ in rows])
    return frame


def _factions(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the sides with their short names and their lifetime as days.

    ``first_t0`` is the first day the side may have existed; ``last_t0`` the first day of its
    end, from which it holds nothing (NaT: before, or beyond, the map's period).
    """
    frame = _with_columns(
        frame, ("short_name", *_moment_columns("first"), *_moment_columns("last"))
    )
    short = frame["short_name"].where(frame["short_name"] != "", frame["name"])
    first = _moment_days(frame, "first")
    last = _moment_days(frame, "last")
    return frame.assign(
        short_name=short,
        first_t0=first["t0"],
        first_label=first["label"],
        last_t0=last["t0"],
        last_label=last["label"],
    ).set_index("faction_id", drop=False)


def _moment_columns(prefix: str) -> tuple[str, ...]:
    return prefix, f"{prefix}_precision", f"{prefix}_seed", f"{prefix}_quote"


def _with_columns(frame: pd.DataFrame, columns, default: str = "") -> pd.DataFrame:
    """Return the frame with every optional column present (blank where the file lacks it)."""
    missing = {c: default for c in columns if c not in frame.columns}
    return frame.assign(**missing) if missing else frame


def _moment_days(frame: pd.DataFrame, prefix: str) -> pd.DataFrame:
    """Return the first and last day and the label of a dated moment column (NaT if blank)."""
    spans = [
        period_of(text, "", precision) if text else None
        for text, precision in zip(frame[prefix], frame[f"{prefix}_precision"], strict=True)
    ]
    labels = [
        describe(text, "", precision) if text else ""
        for text, precision in zip(frame[prefix], frame[f"{prefix}_precision"], strict=True)
    ]
    return pd.DataFrame(
        {
            "t0": pd.to_datetime([sp.first if sp else None for sp in spans]),
            "t1": pd.to_datetime([sp.last if sp else None for sp in spans]),
            "label": labels,
        },
        index=frame.index,
    ).astype({"t0": "datetime64[s]", "t1": "datetime64[s]"})


def _places(frame: pd.DataFrame) -> pd.DataFrame:
    places = frame.assign(
        lat=frame["lat"].astype(float),
        lon=frame["lon"].astype(float),
        aliases=[tuple(s.split_list(cell)) for cell in frame["aliases"]],
    )
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
    """Return the events in date order, with ``faction_ids``: the ``factions`` cell as a tuple."""
    events = _with_place(_counts(_spans(frame, "start", "end")), places, "place_id", "place_")
    # The last day the start alone may mean: a year-only start belongs to its year, not January.
    start_t1 = [
        period_of(a, "", p).last
        for a, p in zip(events.get("start", []), events.get("precision", []), strict=True)
    ]
    events = events.assign(
        faction_ids=[tuple(s.split_list(c)) for c in events["factions"]],
        start_t1=pd.Series(pd.to_datetime(start_t1), index=events.index, dtype="datetime64[s]"),
    )
    return events.sort_values(["t0", "t1", "event_id"]).set_index("event_id", drop=False)


def _movements(frame: pd.DataFrame, places: pd.DataFrame) -> pd.DataFrame:
    """Return the movements in date order with both ends' places joined in.

    A blank ``to_place`` is a destination the source does not name: its ``to_*`` columns
    are empty and ``distance_km`` is NaN; ``toward_*`` is the direction the source gives.
    """
    # A copy of the data from before `basis` existed claims nothing stated.
    moves = _with_columns(frame, ("basis",), "inferred")
    moves = _counts(_spans(_with_columns(moves, ("toward_place",)), "start", "end"))
    moves = _with_place(moves, places, "from_place", "from_")
    moves = _with_place(moves, places, "to_place", "to_")
    moves = _with_place(moves, places, "toward_place", "toward_")
    distances = [
        float("nan") if pd.isna(c) else round(geodesic((a, b), (c, d)).km, 1)
        for a, b, c, d in zip(
            moves["from_lat"], moves["from_lon"], moves["to_lat"], moves["to_lon"], strict=True
        )
    ]
    moves = moves.assign(distance_km=distances, open=moves["to_place"] == "")
    return moves.sort_values(["t0", "movement_id"]).set_index("movement_id", drop=False)


def _control(frame: pd.DataFrame, places: pd.DataFrame, factions: pd.DataFrame) -> pd.DataFrame:
    """Return every holding with its first day, its end and how that end is known.

    A holding starts at its ``since``, never before the war began nor before its holder is
    first attested (``t0``). It ends (``until``, first day not held; NaT: open) at the first of:
    its own stated ``until``, the next row for the place, the end of its holder. The sources
    attest it from the last day its ``since`` may mean (``attested_from``) to ``attested_until``:
    its end when a source dates that end, else only its ``since``; the map draws the rest hollow.
    """
    frame = _with_columns(frame, ("summary", *_moment_columns("until")))
    frame = _with_columns(frame, ("basis",), "inferred")
    frame = frame.rename(columns={"until": "until_stated"})
    control = _spans(frame, "since", None)
    holder = factions.reindex(control["faction_id"])
    start_floor = holder["first_t0"].fillna(pd.Timestamp(vocab.WAR_START)).to_numpy()
    begin = control["t0"].where(control["t0"] >= start_floor, start_floor)
    control = control.assign(t0=begin.clip(lower=pd.Timestamp(vocab.WAR_START)))
    control = control.sort_values(["place_id", "t0", "row"]).reset_index(drop=True)
    stated = _moment_days(control.rename(columns={"until_stated": "until"}), "until")
    return _with_place(holdings.ends(control, factions, stated), places, "place_id", "place_")


def _governments(frame: pd.DataFrame | None) -> pd.DataFrame:
    """Return the governments of the day in date order, each until the next (NaT: open)."""
    columns = [f.name for f in s.GOVERNMENTS.fields]
    if frame is None or frame.empty:
        return pd.DataFrame(columns=[*columns, "t0", "t1", "when", "until"])
    governments = _spans(_with_columns(frame, ("basis",), "inferred"), "since", None)
    governments = governments.sort_values(["t0", "row"]).reset_index(drop=True)
    until = governments["t0"].shift(-1).astype("datetime64[s]")
    return governments.assign(until=until).set_index("government_id", drop=False)


def _camps(
    places: pd.DataFrame,
    events: pd.DataFrame,
    movements: pd.DataFrame,
    control: pd.DataFrame,
    borders: dict | None,
) -> pd.DataFrame:
    """Return each camp with the first and last day the sources mention it and ``border_km``.

    A holding counts as a mention only while attested: an open end is not a last mention.
    """
    camps = places[places["kind"] == "camp"]
    attested_last = (control["attested_until"] - _ONE_DAY).where(
        control["attested_until"] > control["t0"], control["t0"]
    )
    mentions = pd.concat(
        [
            events[["place_id", "t0", "t1"]],
            movements[["from_place", "t0", "t1"]].rename(columns={"from_place": "place_id"}),
            movements[["to_place", "t0", "t1"]].rename(columns={"to_place": "place_id"}),
            control[["place_id", "t0"]].assign(t1=attested_last),
        ],
        ignore_index=True,
    )
    mentions = mentions[mentions["place_id"].isin(camps.index)]
    spans = mentions.groupby("place_id").agg(first_seen=("t0", "min"), last_seen=("t1", "max"))
    camps = camps.join(spans, how="inner")
    if borders is None:
        return camps.assign(border_km=float("nan"))
    return geo.with_border_distance(camps, borders)


def _sources(frame: pd.DataFrame) -> pd.DataFrame:
    """Return the sources by seed file: title, url, licence, publisher, retrieved."""
    return _with_columns(frame, ("retrieved",)).set_index("seed", drop=False)


def _story(frame: pd.DataFrame | None) -> pd.DataFrame:
    columns = [f.name for f in s.STORY.fields]
    if frame is None or frame.empty:
        return pd.DataFrame(columns=columns)
    story = frame.assign(
        event_ids=[tuple(s.split_list(cell)) for cell in frame["event_ids"]],
        layers=[tuple(s.split_list(cell)) for cell in frame["layers"]],
        step=frame["step"].astype(int),
        lat=frame["lat"].astype(float),
        lon=frame["lon"].astype(float),
        zoom=frame["zoom"].astype(int),
        t0=[pd.Timestamp(parse_interval(d).first) for d in frame["date"]],
    )
    return story.sort_values("step").reset_index(drop=True)
