"""The areas' tile grounds kept on disk by content (kr_map/area_store.py): a build reads what
another build made, across processes and data versions, and gives the same document."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from shapely import geometry as g

from kr_map import area_store, area_workers, frames, territory, tiles
from kr_map import land as lands
from kr_map.area_store import AreaStore
from kr_map.loader import load


@pytest.fixture
def cuts(monkeypatch) -> list[tuple]:
    """Count the tile grounds cut from their holdings (not read from a store)."""
    made: list[tuple] = []
    cut = lands._Tiling._cut

    def counted(self, tile, near, towns):
        made.append(tile)
        return cut(self, tile, near, towns)

    monkeypatch.setattr(lands._Tiling, "_cut", counted)
    return made


def build(data: Path, store: AreaStore | None) -> dict:
    """Return the frames document of a data folder, from cold, as a new process would."""
    lands.forget()
    if store is None:
        return frames.frames_document(load(data))
    with store:
        return frames.frames_document(load(data), store=store)


def test_a_second_build_reads_every_tile_ground_and_gives_the_same_document(
    data_copy, tmp_path, cuts
):
    plain = build(data_copy, None)
    made_without = len(cuts)
    path = tmp_path / "cache" / "areas.sqlite"
    assert build(data_copy, AreaStore(path)) == plain
    assert len(cuts) == 2 * made_without  # an empty store: every ground cut, and kept
    assert build(data_copy, AreaStore(path)) == plain
    assert len(cuts) == 2 * made_without  # none cut the second time


def test_a_place_moved_cuts_again_only_the_tiles_near_it(data_copy, tmp_path, cuts):
    path = tmp_path / "areas.sqlite"
    build(data_copy, AreaStore(path))
    first = len(cuts)
    places = data_copy / "places.csv"
    text = places.read_text(encoding="utf-8")
    assert "pailin,Pailin,12.8490,102.6093," in text
    places.write_text(text.replace("pailin,Pailin,12.8490,", "pailin,Pailin,12.8590,"), "utf-8")
    del cuts[:]
    moved = build(data_copy, AreaStore(path))
    again = list(cuts)
    assert moved == build(data_copy, None)  # what a build without the store gives
    assert 0 < len(again) < first / 2
    pailin = territory.to_km(102.6093, 12.8590)
    near_pailin = set(tiles.near(*pailin, territory.REACH_KM["city"]))
    assert set(again) <= near_pailin


def test_a_damaged_store_is_made_again(data_copy, tmp_path):
    plain = build(data_copy, None)
    path = tmp_path / "areas.sqlite"
    path.write_bytes(b"not a database at all\n" * 100)
    assert build(data_copy, AreaStore(path)) == plain
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT COUNT(*) FROM entries").fetchone()[0] > 0


def test_entries_that_do_not_decode_are_made_again(data_copy, tmp_path, cuts):
    path = tmp_path / "areas.sqlite"
    plain = build(data_copy, AreaStore(path))
    with sqlite3.connect(path) as db:
        db.execute("UPDATE entries SET value = x'00ff'")
    del cuts[:]
    assert build(data_copy, AreaStore(path)) == plain
    assert cuts  # cut again: nothing read could be decoded


def test_a_store_that_cannot_be_written_leaves_the_build_as_without_it(data_copy, tmp_path):
    plain = build(data_copy, None)
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder", encoding="utf-8")
    assert build(data_copy, AreaStore(blocked / "areas.sqlite")) == plain
    assert blocked.read_text(encoding="utf-8") == "not a folder"


def test_a_linked_store_is_never_written_through(data_copy, tmp_path):
    outside = tmp_path / "someone's file.txt"
    outside.write_text("keep me", encoding="utf-8")
    link = tmp_path / "areas.sqlite"
    link.symlink_to(outside)
    assert build(data_copy, AreaStore(link)) == build(data_copy, None)
    assert outside.read_text(encoding="utf-8") == "keep me"


def test_the_store_keeps_under_its_limit_by_dropping_what_was_used_longest_ago(tmp_path):
    store = AreaStore(tmp_path / "areas.sqlite", limit_bytes=400_000)
    for i in range(100):
        store.put(b"old %03d" % i, bytes(10_000))
    store.save()
    with sqlite3.connect(store.path) as db:
        db.execute("UPDATE entries SET used = 1")
    for i in range(100):
        store.put(b"new %03d" % i, bytes(10_000))
    store.close()
    with sqlite3.connect(store.path) as db:
        keys = [bytes(k) for (k,) in db.execute("SELECT key FROM entries")]
        size = db.execute("SELECT SUM(LENGTH(value)) FROM entries").fetchone()[0]
    assert size <= 400_000
    assert sum(k.startswith(b"new") for k in keys) > sum(k.startswith(b"old") for k in keys)


def test_a_tile_ground_comes_back_as_it_was_kept():
    square = g.box(0, 0, 2, 2)
    pieces = {(("khmer_rouge",), "stated"): square.wkb,
              (("khmer_rouge", "rgc"), "contested"): g.box(5, 5, 6, 6).wkb}  # fmt: skip
    decoded = area_store.decode_ground(area_store.encode_ground(pieces))
    assert {c: wkb for c, (wkb, _) in decoded.items()} == pieces
    assert decoded[(("khmer_rouge",), "stated")][1].equals(square)


@pytest.mark.parametrize("value", [b"", b"\x00\x00\x00\x05[1,2", b"\x00\x00\x00\x02[]junk",
                                   area_store.encode_ground({(("x",), "stated"): b"\x01\x02"})])  # fmt: skip
def test_bytes_that_are_not_a_tile_ground_decode_to_nothing(value):
    assert area_store.decode_ground(value) is None


def test_the_environment_can_turn_the_store_off(monkeypatch, tmp_path):
    monkeypatch.setenv("KR_MAP_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv(area_store.STORE_ENV, "0")
    store = area_store.default()
    store.put(b"key", b"value")
    store.close()
    assert store.get(b"key") is None
    assert not (tmp_path / area_store.FILE_NAME).exists()


def test_workers_cut_the_grounds_a_build_then_reads(data_copy, tmp_path, cuts, monkeypatch):
    plain = build(data_copy, None)
    everything = len(cuts)
    monkeypatch.setattr(area_workers, "MIN_GROUNDS", 1)
    monkeypatch.setenv(area_workers.WORKERS_ENV, "2")
    cut_ahead = area_workers.cut_ahead
    counted: list[int] = []
    monkeypatch.setattr(area_workers, "cut_ahead", lambda *a: counted.append(cut_ahead(*a)))
    del cuts[:]
    assert build(data_copy, AreaStore(tmp_path / "areas.sqlite")) == plain
    assert counted == [everything]  # the build's process and one worker cut them all
    assert 0 < len(cuts) < everything  # this process cut its share only


def test_a_failed_worker_leaves_its_tiles_to_the_build(data_copy, tmp_path, cuts, monkeypatch):
    plain = build(data_copy, None)
    everything = len(cuts)
    monkeypatch.setattr(area_workers, "MIN_GROUNDS", 1)
    monkeypatch.setenv(area_workers.WORKERS_ENV, "2")
    monkeypatch.setattr(area_workers.sys, "executable", "false")  # a worker that exits 1
    del cuts[:]
    assert build(data_copy, AreaStore(tmp_path / "areas.sqlite")) == plain
    assert len(cuts) == everything


@pytest.mark.parametrize(("configured", "grounds", "wanted"),
                         [("4", 10_000, 4), ("1", 10_000, 0), ("4", 10, 0), ("x", 10, 0)])  # fmt: skip
def test_workers_are_started_only_when_asked_and_worth_it(monkeypatch, configured, grounds, wanted):
    monkeypatch.setenv(area_workers.WORKERS_ENV, configured)
    assert area_workers.workers_wanted(grounds) == wanted


def test_a_store_another_process_is_writing_keeps_its_entries_for_the_next_save(tmp_path):
    path = tmp_path / "areas.sqlite"
    AreaStore(path).close()  # the file and its table
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another build's worker, mid-write
    store = AreaStore(path, wait_s=0.05)
    store.put(b"key", b"value")
    store.save()
    assert store.problem is None and store.get(b"key") == b"value"  # kept, not lost
    other.execute("COMMIT")
    other.close()
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT value FROM entries").fetchall() == [(b"value",)]
