"""Write a realistic synthetic kr-map data folder, every row valid, for scale benchmarks.

    python benchmarks/synthetic.py OUT --events 100000 [--places 10000] [--seed 1]

writes ``OUT/data/{places,factions,control,events,movements}.csv`` and copies the real
``seeds/`` to ``OUT/seeds`` (the loader looks for seeds beside the data folder), so
``kr_map.loader.load(OUT / "data")`` validates it exactly as it validates the real data.

Proportions follow the real dataset: per event about 0.2 control rows and 0.12
movements (the real data: 127 events, 26 control changes, 15 movements). Places lie in
lat 9.5..15, lon 101.5..107.5; kinds, precisions and factions come from ``kr_map.vocab``;
dates run 1979-1999 with the real mix of precision (day, month, season, year, range);
quotes are whole sentences taken verbatim from the seed texts.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import shutil
import time
from datetime import date, timedelta
from pathlib import Path

from kr_map import vocab

REPO = Path(__file__).resolve().parents[1]
COUNTRIES = ("KH", "KH", "KH", "KH", "TH", "TH", "LA", "VN")
PRECISIONS = ("day",) * 37 + ("month",) * 28 + ("year",) * 22 + ("range",) * 8 + ("season",) * 5
CONTROL_RATIO, MOVEMENT_RATIO = 0.2, 0.12


def seed_sentences(seeds_dir: Path) -> dict[str, list[str]]:
    """Return, per seed file, its sentences (whitespace folded) long enough to be quotes."""
    out = {}
    for path in sorted(seeds_dir.glob("*.txt")):
        text = " ".join(path.read_text(encoding="utf-8").split())
        sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if 30 <= len(s) <= 300]
        out[path.name] = sentences
    return out


def _day(rng: random.Random) -> date:
    return date(1979, 1, 1) + timedelta(
        days=rng.randrange((date(1999, 12, 31) - date(1979, 1, 1)).days)
    )


def _dates(rng: random.Random, precision: str) -> tuple[str, str]:
    """Return (start, end) text that fits the precision; mostly short spans, some long."""
    d = _day(rng)
    if precision == "day":
        if rng.random() < 0.2:
            e = min(d + timedelta(days=rng.randrange(1, 90)), date(1999, 12, 31))
            return d.isoformat(), e.isoformat()
        return d.isoformat(), ""
    if precision in ("month", "season"):
        start = f"{d.year}-{d.month:02d}"
        if rng.random() < 0.2:
            months = d.year * 12 + d.month - 1 + rng.randrange(1, 8)
            year, month = divmod(months, 12)
            if year <= 1999:
                return start, f"{year}-{month + 1:02d}"
        return start, ""
    if precision == "year":
        if rng.random() < 0.15 and d.year < 1999:
            return str(d.year), str(rng.randrange(d.year + 1, min(d.year + 4, 1999) + 1))
        return str(d.year), ""
    # range: a vague span, written as two years or two months
    first = rng.randrange(1979, 1998)
    return str(first), str(rng.randrange(first + 1, min(first + 3, 1999) + 1))


def _people(rng: random.Random) -> tuple[str, str]:
    if rng.random() < 0.5:
        return "", ""
    low = rng.choice((50, 200, 1000, 6000, 20000, 100000)) * rng.randrange(1, 5)
    return str(low), str(low if rng.random() < 0.6 else low * rng.randrange(2, 4))


def _provenance(rng: random.Random, sentences: dict[str, list[str]]) -> tuple[str, str]:
    seed = rng.choice(list(sentences))
    return seed, rng.choice(sentences[seed])


def _factions(rng: random.Random) -> str:
    return ";".join(rng.sample(vocab.FACTION_IDS, rng.choice((1, 1, 2, 2, 3))))


def places(rng: random.Random, count: int) -> list[dict]:
    # every kind occurs, camps and bases more often on the border (west)
    rows = []
    for i in range(count):
        kind = (
            vocab.PLACE_KINDS[i % len(vocab.PLACE_KINDS)]
            if i < 50
            else rng.choice(vocab.PLACE_KINDS)
        )
        rows.append({
            "place_id": f"place_{i:06d}", "name": f"Place {i}",
            "lat": f"{rng.uniform(9.5, 15.0):.4f}", "lon": f"{rng.uniform(101.5, 107.5):.4f}",
            "kind": kind, "country": rng.choice(COUNTRIES), "coord_source": "synthetic",
            "coord_precision": rng.choice(vocab.COORD_PRECISIONS),
            "aliases": f"Alias {i};Other {i}" if rng.random() < 0.3 else "",
        })  # fmt: skip
    return rows


def control(rng: random.Random, count: int, place_ids: list[str], sentences) -> list[dict]:
    rows = []
    for _ in range(count):
        precision = rng.choice(("day", "month", "year", "range"))
        start, end = _dates(rng, precision)
        since = f"{start}/{end}" if precision == "range" else start
        seed, quote = _provenance(rng, sentences)
        rows.append({
            "place_id": rng.choice(place_ids),
            "faction_id": rng.choice(vocab.FACTION_IDS) if rng.random() < 0.95 else "",
            "since": since, "precision": precision, "seed": seed, "quote": quote,
            "summary": "Synthetic holding." if rng.random() < 0.5 else "",
        })  # fmt: skip
    return rows


def events(rng: random.Random, count: int, place_ids: list[str], sentences) -> list[dict]:
    rows = []
    for i in range(count):
        precision = rng.choice(PRECISIONS)
        start, end = _dates(rng, precision)
        low, high = _people(rng)
        seed, quote = _provenance(rng, sentences)
        kind = rng.choice(vocab.EVENT_KINDS)
        rows.append({
            "event_id": f"event_{i:07d}", "start": start, "end": end, "precision": precision,
            "kind": kind, "place_id": rng.choice(place_ids) if rng.random() < 0.75 else "",
            "factions": _factions(rng) if rng.random() < 0.9 else "",
            "title": f"Synthetic {kind} {i}", "summary": "A synthetic event." if rng.random() < 0.6 else "",
            "people_low": low, "people_high": high, "seed": seed, "quote": quote,
        })  # fmt: skip
    return rows


def movements(rng: random.Random, count: int, place_ids: list[str], sentences) -> list[dict]:
    rows = []
    for i in range(count):
        precision = rng.choice(PRECISIONS)
        start, end = _dates(rng, precision)
        origin, destination = rng.sample(place_ids, 2)
        low, high = _people(rng)
        seed, quote = _provenance(rng, sentences)
        rows.append({
            "movement_id": f"move_{i:07d}", "from_place": origin, "to_place": destination,
            "start": start, "end": end, "precision": precision,
            "kind": rng.choice(vocab.MOVEMENT_KINDS), "people_low": low, "people_high": high,
            "seed": seed, "quote": quote, "summary": "",
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


def keep_valid(data: Path, targets: dict[str, int], rounds: int = 8) -> dict[str, int]:
    """Drop the rows the project's own validator rejects until the folder loads; return drops.

    Random rows break rules no generator here knows in full (a faction named before it
    existed, a place whose coordinates lie in another country than its ``country``);
    the loader is the authority, so its problems (``file:row``) say which rows go. Rows
    that then point at a dropped place go in the next round. Finally each file is cut
    to its target count (``targets``: file name -> rows), which keeps it valid.
    """
    from kr_map.loader import load
    from kr_map.problems import DataError

    dropped: dict[str, int] = {}
    for _ in range(rounds):
        try:
            load(data)
            break
        except DataError as error:
            bad: dict[str, set[int]] = {}
            report = error.report(limit=5)
            for problem in error.problems:
                bad.setdefault(Path(problem.file).name, set()).add(problem.row)
        for name, rows in bad.items():
            path = data / name
            if not path.is_file() or not rows - {0, 1}:
                raise RuntimeError(f"synthetic data: cannot repair {name}: {report}")
            kept = [r for i, r in enumerate(_read(path), start=2) if i not in rows]
            dropped[name] = dropped.get(name, 0) + len(_read(path)) - len(kept)
            _write(path, kept)
        _drop_rows_of_lost_places(data, dropped)
    else:
        raise RuntimeError(f"synthetic data still invalid after {rounds} rounds")
    for name, count in targets.items():
        rows = _read(data / name)
        if len(rows) > count:
            _write(data / name, rows[:count])
    return dropped


# The columns that name a place, per file: a row whose place was dropped goes with it.
_PLACE_COLUMNS = {"control.csv": ("place_id",), "events.csv": ("place_id",),
                  "movements.csv": ("from_place", "to_place")}  # fmt: skip


def _drop_rows_of_lost_places(data: Path, dropped: dict[str, int]) -> None:
    """Drop the rows naming a place no longer in places.csv, all at once.

    The loader reports each unknown place once (its other rows are grouped in the
    message), so leaving these to it would take a round per row.
    """
    known = {row["place_id"] for row in _read(data / "places.csv")}
    for name, columns in _PLACE_COLUMNS.items():
        rows = _read(data / name)
        kept = [r for r in rows if all(not r[c] or r[c] in known for c in columns)]
        if len(kept) < len(rows):
            dropped[name] = dropped.get(name, 0) + len(rows) - len(kept)
            _write(data / name, kept)


def generate(out: Path, n_events: int, n_places: int = 10_000, seed: int = 1,
             spare: float = 1.6) -> Path:  # fmt: skip
    """Write the synthetic folder under ``out``, every row valid; return its data folder.

    ``spare`` times the rows are generated, the invalid ones dropped (:func:`keep_valid`),
    and the files cut to the wanted counts.
    """
    rng = random.Random(seed)
    wanted = {
        "events.csv": n_events,
        "control.csv": max(1, int(n_events * CONTROL_RATIO)),
        "movements.csv": max(1, int(n_events * MOVEMENT_RATIO)),
    }
    n_events = int(n_events * spare)
    data, seeds = out / "data", out / "seeds"
    data.mkdir(parents=True, exist_ok=True)
    if seeds.exists():
        shutil.rmtree(seeds)
    shutil.copytree(REPO / "seeds", seeds)
    shutil.copyfile(REPO / "data" / "factions.csv", data / "factions.csv")
    sentences = seed_sentences(seeds)
    place_rows = places(rng, n_places)
    place_ids = [p["place_id"] for p in place_rows]
    _write(data / "places.csv", place_rows)
    _write(
        data / "control.csv",
        control(rng, max(1, int(n_events * CONTROL_RATIO)), place_ids, sentences),
    )
    _write(data / "events.csv", events(rng, n_events, place_ids, sentences))
    _write(
        data / "movements.csv",
        movements(rng, max(1, int(n_events * MOVEMENT_RATIO)), place_ids, sentences),
    )
    # the real government, borders and the seeds' own records (sources.csv)
    for name in ("governments.csv", "borders.geojson", "sources.csv"):
        if (REPO / "data" / name).is_file():
            shutil.copyfile(REPO / "data" / name, data / name)
    keep_valid(data, wanted)
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="folder to write (data/ and seeds/ inside)")
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--places", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same files)")
    args = parser.parse_args()
    t = time.perf_counter()
    data = generate(args.out, args.events, args.places, args.seed)
    print(f"wrote {data} in {time.perf_counter() - t:.1f} s")


if __name__ == "__main__":
    main()
