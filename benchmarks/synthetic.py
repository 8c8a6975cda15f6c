"""Write a synthetic kr-map data folder of exactly the size asked, every row valid by design.

    python benchmarks/synthetic.py OUT --events 100000 [--places N] [--seed 1]

writes ``OUT/data/{places,factions,control,events,movements}.csv`` and copies the real
``seeds/`` to ``OUT/seeds`` (the loader looks for seeds beside the data folder), so
``kr_map.loader.load(OUT / "data")`` validates it exactly as it validates the real data,
and the folder holds exactly ``--events`` events (no row is dropped afterwards).

It mirrors the shape of the bundled data (``data/*.csv``, read at generation time):

- per event about 0.27 places, 0.22 holdings and 0.11 movements;
- the kinds and date precisions of events and movements in the bundled proportions;
- events without a place (an agreement signed abroad), or naming no side, as often;
- holdings in runs per place (about 2.5 holders one after the other, the bundled mean),
  each within its holder's lifetime, some inferred, some ending on a stated ``until``,
  and stated changes of hands (a holding whose start is a capture of the place in
  events.csv, as in the bundled data);
- movements mostly without a named destination, some with a direction (``toward_place``);
- places in lat 9.5..15, lon 101.5..107.5, each in the country its coordinates lie in.

Quotes are whole sentences taken verbatim from the seed texts.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import shutil
import time
from collections import Counter
from datetime import date, timedelta
from pathlib import Path

from kr_map import geo, vocab
from kr_map.dates import parse_interval, period_of

REPO = Path(__file__).resolve().parents[1]
PLACE_RATIO, CONTROL_RATIO, MOVEMENT_RATIO = 0.27, 0.22, 0.11
HOLDERS_PER_PLACE = 2.5
FIRST_DAY, LAST_DAY = date(1979, 1, 7), date(1999, 12, 31)
COUNTRIES = ("KH", "TH", "LA", "VN")


class Shape:
    """The bundled data's proportions: what share of its rows has each kind, precision, blank."""

    def __init__(self, data: Path = REPO / "data") -> None:
        events, movements = _read(data / "events.csv"), _read(data / "movements.csv")
        control, places = _read(data / "control.csv"), _read(data / "places.csv")
        self.event_kinds = Counter(r["kind"] for r in events)
        self.event_precisions = Counter(r["precision"] for r in events)
        self.movement_kinds = Counter(r["kind"] for r in movements)
        self.movement_precisions = Counter(r["precision"] for r in movements)
        self.control_precisions = Counter(r["precision"] for r in control)
        self.place_kinds = Counter(r["kind"] for r in places)
        self.event_unplaced = _share(events, lambda r: not r["place_id"])
        self.event_no_sides = _share(events, lambda r: not r["factions"])
        self.event_sides = Counter(len(r["factions"].split(";")) for r in events if r["factions"])
        self.event_with_end = _share(events, lambda r: bool(r["end"]))
        self.event_people = _share(events, lambda r: bool(r["people_low"]))
        self.inferred = _share(control, lambda r: r.get("basis") == "inferred")
        # a stated change of hands needs a day-dated start: most of those are captures
        # (8 of the 30 bundled holdings are changes of hands, 12 are dated to the day)
        self.captured = 0.8
        self.until = max(0.05, _share(control, lambda r: bool(r.get("until"))))
        self.no_destination = _share(movements, lambda r: not r["to_place"])
        self.toward = 0.3  # of those without a destination (one of ten in the bundled data)


def _share(rows: list[dict], test) -> float:
    return sum(1 for r in rows if test(r)) / max(1, len(rows))


def _pick(rng: random.Random, counts: Counter) -> str:
    return rng.choices(list(counts), weights=list(counts.values()))[0]


def seed_sentences(seeds_dir: Path) -> dict[str, list[str]]:
    """Return, per seed file, its sentences (whitespace folded) long enough to be quotes."""
    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if 30 <= len(s) <= 300]
        out[path.name] = sentences
    return out


class Lifetimes:
    """Each faction's first and last possible day (factions.csv), to date rows inside them."""

    def __init__(self, factions: list[dict]) -> None:
        self.first: dict[str, date] = {}
        self.last: dict[str, date] = {}
        for row in factions:
            fid = row["faction_id"]
            first = period_of(row["first"], "", row["first_precision"]) if row["first"] else None
            last = period_of(row["last"], "", row["last_precision"]) if row["last"] else None
            self.first[fid] = first.first if first else date(1900, 1, 1)
            # a holding must start before the day its holder ends can begin
            self.last[fid] = last.first if last else date(2100, 1, 1)
        self.ids = tuple(self.first)

    def alive(self, first: date, last: date) -> list[str]:
        """Return the factions attested before ``last`` and not ended before ``first``."""
        return [f for f in self.ids if self.first[f] <= last and self.last[f] > first]


def _day(rng: random.Random, first: date = FIRST_DAY, last: date = LAST_DAY) -> date:
    return first + timedelta(days=rng.randrange(max(1, (last - first).days)))


def _dates(rng: random.Random, precision: str, with_end: float, d: date | None = None):
    """Return (start, end) text that fits the precision; mostly short spans, some long."""
    d = d or _day(rng)
    if precision == "day":
        if rng.random() < with_end:
            return d.isoformat(), min(
                d + timedelta(days=rng.randrange(1, 90)), LAST_DAY
            ).isoformat()
        return d.isoformat(), ""
    if precision in ("month", "season"):
        start = f"{d.year}-{d.month:02d}"
        if rng.random() < with_end:
            year, month = divmod(d.year * 12 + d.month - 1 + rng.randrange(1, 8), 12)
            if year <= LAST_DAY.year:
                return start, f"{year}-{month + 1:02d}"
        return start, ""
    if precision == "year":
        if rng.random() < with_end and d.year < LAST_DAY.year:
            return str(d.year), str(rng.randrange(d.year + 1, min(d.year + 4, 1999) + 1))
        return str(d.year), ""
    first = min(d.year, 1998)  # range: a vague span of years
    return str(first), str(rng.randrange(first + 1, min(first + 3, 1999) + 1))


def _people(rng: random.Random, share: float) -> tuple[str, str]:
    if rng.random() >= share:
        return "", ""
    low = rng.choice((50, 200, 1000, 6000, 20000, 100000)) * rng.randrange(1, 5)
    return str(low), str(low if rng.random() < 0.6 else low * rng.randrange(2, 4))


def _provenance(rng: random.Random, sentences: dict[str, list[str]]) -> tuple[str, str]:
    seed = rng.choice(list(sentences))
    return seed, rng.choice(sentences[seed])


def places(rng: random.Random, count: int, shape: Shape, outlines: geo.Outlines) -> list[dict]:
    """Return ``count`` places, each in the country its coordinates lie in (land only)."""
    rows = []
    kinds = list(shape.place_kinds)
    for i in range(count):
        kind = kinds[i] if i < len(kinds) else _pick(rng, shape.place_kinds)
        country = None
        while country is None:
            lat, lon = round(rng.uniform(9.5, 15.0), 4), round(rng.uniform(101.5, 107.5), 4)
            country = geo.country_of(lat, lon, outlines)
        rows.append({
            "place_id": f"place_{i:06d}", "name": f"Place {i}", "lat": f"{lat:.4f}",
            "lon": f"{lon:.4f}", "kind": kind, "country": country, "coord_source": "synthetic",
            "coord_precision": rng.choice(vocab.COORD_PRECISIONS),
            "aliases": f"Alias {i};Other {i}" if rng.random() < 0.3 else "",
        })  # fmt: skip
    return rows


def _since(rng: random.Random, year: int, following: int | None, shape: Shape):
    """Return (since text, precision, its span) of a holding starting in ``year``."""
    precision = _pick(rng, shape.control_precisions)
    if precision == "range" and (following is None or following > year + 1) and year < 1999:
        text = f"{year}/{year + 1}"
    else:
        precision = "range" if precision == "range" else precision
        precision = "year" if precision == "range" else precision
        first = FIRST_DAY if year == FIRST_DAY.year else date(year, 1, 1)
        start, _ = _dates(rng, precision, 0.0, _day(rng, first, date(year, 12, 31)))
        text = start
    span = parse_interval(text) if precision == "range" else period_of(text, "", precision)
    return text, precision, span


def holdings(rng, count: int, place_ids: list[str], lives: Lifetimes, sentences, shape: Shape):
    """Return (control rows, capture events): runs of holders per place, each in its lifetime."""
    rows, captures = [], []
    while len(rows) < count:
        place = rng.choice(place_ids)
        k = min(count - len(rows), rng.choice((1, 2, 2, 3, 3, 4)))
        years = sorted(rng.sample(range(1979, 1999), k))
        for j, year in enumerate(years):
            following = years[j + 1] if j + 1 < len(years) else None
            since, precision, span = _since(rng, year, following, shape)
            alive = lives.alive(span.first, span.last)
            if not alive:
                continue
            holder = rng.choice(alive)
            seed, quote = _provenance(rng, sentences)
            inferred = rng.random() < shape.inferred
            row = {
                "place_id": place, "faction_id": holder, "since": since, "precision": precision,
                "seed": seed, "quote": quote,
                "summary": "Inferred: the seed implies it." if inferred else "",
                "until": "", "until_precision": "", "until_seed": "", "until_quote": "",
                "basis": "inferred" if inferred else "stated",
            }  # fmt: skip
            if following is None and rng.random() < shape.until:
                end = date(min(span.last.year + rng.randrange(1, 4), 1999), 6, 30)
                if end < lives.last[holder] and end > span.last:
                    until_seed, until_quote = _provenance(rng, sentences)
                    row.update(until=end.isoformat(), until_precision="day",
                               until_seed=until_seed, until_quote=until_quote)  # fmt: skip
            rows.append(row)
            if not inferred and precision == "day" and rng.random() < shape.captured:
                captures.append((place, holder, since, seed, quote))
    return rows, captures


def events(rng, count: int, place_ids: list[str], lives: Lifetimes, sentences, shape: Shape,
           captures: list[tuple]) -> list[dict]:  # fmt: skip
    """Return ``count`` events: the captures behind stated changes of hands, then the rest."""
    rows = []
    for place, holder, since, seed, quote in captures[:count]:
        rows.append({
            "event_id": f"event_{len(rows):07d}", "start": since, "end": "", "precision": "day",
            "kind": "capture", "place_id": place, "factions": holder,
            "title": f"Synthetic capture {len(rows)}", "summary": "", "people_low": "",
            "people_high": "", "seed": seed, "quote": quote,
        })  # fmt: skip
    while len(rows) < count:
        i = len(rows)
        precision = _pick(rng, shape.event_precisions)
        start, end = _dates(rng, precision, shape.event_with_end)
        span = period_of(start, end, precision)
        alive = lives.alive(span.first, span.last)
        sides = min(len(alive), _pick(rng, shape.event_sides))
        named = rng.random() >= shape.event_no_sides and sides
        low, high = _people(rng, shape.event_people)
        seed, quote = _provenance(rng, sentences)
        kind = _pick(rng, shape.event_kinds)
        unplaced = rng.random() < shape.event_unplaced
        rows.append({
            "event_id": f"event_{i:07d}", "start": start, "end": end, "precision": precision,
            "kind": kind, "place_id": "" if unplaced else rng.choice(place_ids),
            "factions": ";".join(rng.sample(alive, sides)) if named else "",
            "title": f"Synthetic {kind} {i}",
            "summary": "A synthetic event." if rng.random() < 0.6 else "",
            "people_low": low, "people_high": high, "seed": seed, "quote": quote,
        })  # fmt: skip
    return rows


def movements(rng, count: int, place_ids: list[str], sentences, shape: Shape) -> list[dict]:
    """Return ``count`` movements, most without a named destination, as in the bundled data."""
    rows = []
    for i in range(count):
        precision = _pick(rng, shape.movement_precisions)
        start, end = _dates(rng, precision, 0.3)
        origin, destination, toward = rng.sample(place_ids, 3)
        open_end = rng.random() < shape.no_destination
        low, high = _people(rng, 0.8)
        seed, quote = _provenance(rng, sentences)
        rows.append({
            "movement_id": f"move_{i:07d}", "from_place": origin,
            "to_place": "" if open_end else destination, "start": start, "end": end,
            "precision": precision, "kind": _pick(rng, shape.movement_kinds),
            "people_low": low, "people_high": high, "seed": seed, "quote": quote, "summary": "",
            "basis": "inferred" if rng.random() < 0.2 else "stated",
            "toward_place": toward if open_end and rng.random() < shape.toward else "",
        })  # fmt: skip
    return rows


def _write(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def _read(path: Path) -> list[dict]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def counts_for(n_events: int, n_places: int | None = None) -> dict[str, int]:
    """Return how many rows of each table a folder of ``n_events`` events holds."""
    return {
        "events.csv": n_events,
        "places.csv": n_places or max(40, round(n_events * PLACE_RATIO)),
        "control.csv": max(1, round(n_events * CONTROL_RATIO)),
        "movements.csv": max(1, round(n_events * MOVEMENT_RATIO)),
    }


def generate(out: Path, n_events: int, n_places: int | None = None, seed: int = 1,
             check: bool = True) -> Path:  # fmt: skip
    """Write the synthetic folder under ``out`` and return its data folder.

    Exactly ``n_events`` events (and :func:`counts_for` rows of the other tables); with
    ``check`` the loader validates it and any problem is an error (no row is dropped).
    """
    rng = random.Random(seed)
    counts, shape = counts_for(n_events, n_places), Shape()
    data, seeds = out / "data", out / "seeds"
    data.mkdir(parents=True, exist_ok=True)
    if seeds.exists():
        shutil.rmtree(seeds)
    shutil.copytree(REPO / "seeds", seeds)
    for name in ("factions.csv", "governments.csv", "borders.geojson", "sources.csv"):
        shutil.copyfile(REPO / "data" / name, data / name)
    borders = json.loads((REPO / "data" / "borders.geojson").read_text(encoding="utf-8"))
    outlines = {c: r for c, r in geo.country_outlines(borders).items() if c in COUNTRIES}
    sentences = seed_sentences(seeds)
    lives = Lifetimes(_read(data / "factions.csv"))
    place_rows = places(rng, counts["places.csv"], shape, outlines)
    ids = [p["place_id"] for p in place_rows]
    held = ids[: max(1, round(counts["control.csv"] / HOLDERS_PER_PLACE))]
    control, captures = holdings(rng, counts["control.csv"], held, lives, sentences, shape)
    _write(data / "places.csv", place_rows)
    _write(data / "control.csv", control)
    _write(data / "events.csv", events(rng, n_events, ids, lives, sentences, shape, captures))
    _write(data / "movements.csv", movements(rng, counts["movements.csv"], ids, sentences, shape))
    if check:
        _check(data)
    return data


def _check(data: Path) -> None:
    from kr_map.loader import load
    from kr_map.problems import DataError

    try:
        load(data)
    except DataError as error:
        raise RuntimeError(f"synthetic data is invalid: {error.report(limit=5)}") from error


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (data/ and seeds/ inside)")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--places", type=int, default=None, help="default: 0.27 per event")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
    args = parser.parse_args()
    t = time.perf_counter()
    data = generate(args.out, args.events, args.places, args.seed)
    print(f"wrote {data} in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
