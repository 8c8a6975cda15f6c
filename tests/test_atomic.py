"""Atomic writes: the target is the old file or the new one, never half of either."""

from __future__ import annotations

import os
import stat

import pytest

from kr_map import atomic
from kr_map.atomic import atomic_write_bytes, atomic_write_text

PLACES = "place_id,name\npailin,Pailin\n"


def files_in(folder):
    return sorted(p.name for p in folder.iterdir())


def test_writes_a_new_file(tmp_path):
    target = tmp_path / "places.csv"
    atomic_write_text(target, PLACES)
    assert target.read_text(encoding="utf-8") == PLACES
    assert files_in(tmp_path) == ["places.csv"]


def test_replaces_an_existing_file(tmp_path):
    target = tmp_path / "places.csv"
    target.write_text("old\n", encoding="utf-8")
    atomic_write_text(target, PLACES)
    assert target.read_text(encoding="utf-8") == PLACES
    assert files_in(tmp_path) == ["places.csv"]


def test_text_is_written_byte_for_byte_without_newline_translation(tmp_path):
    target = tmp_path / "places.csv"
    atomic_write_text(target, "a\nb\r\nPhnom Pénh\n")
    assert target.read_bytes() == "a\nb\r\nPhnom Pénh\n".encode()


def test_text_uses_the_encoding_given(tmp_path):
    target = tmp_path / "places.csv"
    atomic_write_text(target, "Pénh", encoding="latin-1")
    assert target.read_bytes() == b"P\xe9nh"


def test_writes_bytes(tmp_path):
    target = tmp_path / "borders.bin"
    atomic_write_bytes(target, b"\x00\x01\xff")
    assert target.read_bytes() == b"\x00\x01\xff"


def test_accepts_a_path_given_as_text(tmp_path):
    atomic_write_text(str(tmp_path / "places.csv"), PLACES)
    assert (tmp_path / "places.csv").read_text(encoding="utf-8") == PLACES


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_keeps_the_permissions_of_an_existing_file(tmp_path):
    target = tmp_path / "places.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    atomic_write_text(target, PLACES)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_a_new_file_gets_ordinary_permissions_not_the_temp_files_private_ones(tmp_path):
    previous = os.umask(0o022)
    try:
        atomic_write_text(tmp_path / "places.csv", PLACES)
    finally:
        os.umask(previous)
    assert stat.S_IMODE((tmp_path / "places.csv").stat().st_mode) == 0o644


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_writing_through_a_symlink_replaces_the_file_it_points_to(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "places.csv"
    link.symlink_to(real)
    atomic_write_text(link, PLACES)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == PLACES


def test_a_failed_rename_leaves_the_original_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "places.csv"
    target.write_bytes(b"original\n")

    def crash(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(atomic.os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_text(target, PLACES)
    assert target.read_bytes() == b"original\n"
    assert files_in(tmp_path) == ["places.csv"]


def test_a_failed_flush_to_disk_leaves_the_original_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "places.csv"
    target.write_bytes(b"original\n")

    def crash(fd):
        raise OSError("I/O error")

    monkeypatch.setattr(atomic.os, "fsync", crash)
    with pytest.raises(OSError, match="I/O error"):
        atomic_write_text(target, PLACES)
    assert target.read_bytes() == b"original\n"
    assert files_in(tmp_path) == ["places.csv"]


def test_an_interrupt_mid_write_leaves_the_original_and_no_temp_file(tmp_path, monkeypatch):
    target = tmp_path / "places.csv"
    target.write_bytes(b"original\n")

    def interrupt(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_text(target, PLACES)
    assert target.read_bytes() == b"original\n"
    assert files_in(tmp_path) == ["places.csv"]


def test_text_that_cannot_be_encoded_changes_nothing(tmp_path):
    target = tmp_path / "places.csv"
    target.write_bytes(b"original\n")
    with pytest.raises(UnicodeEncodeError):
        atomic_write_text(target, "ភ្នំពេញ", encoding="ascii")
    assert target.read_bytes() == b"original\n"
    assert files_in(tmp_path) == ["places.csv"]


def test_a_missing_folder_is_an_error_not_created(tmp_path):
    with pytest.raises(FileNotFoundError):
        atomic_write_text(tmp_path / "no_such_folder" / "places.csv", PLACES)
    assert files_in(tmp_path) == []


def test_stale_temp_files_are_found_and_removed_but_nothing_else(tmp_path):
    from kr_map.atomic import remove_stale_temp_files, stale_temp_files

    target = tmp_path / "places.csv"
    target.write_text("kept")
    stale = tmp_path / ".places.csv.ab12cd34.tmp"
    stale.write_text("half")
    others = [tmp_path / ".events.csv.ab12cd34.tmp", tmp_path / "places.csv.tmp"]
    for other in others:
        other.write_text("not ours")

    assert stale_temp_files(target) == [stale]
    assert remove_stale_temp_files(target) == [stale]
    assert not stale.exists() and target.read_text() == "kept"
    assert all(other.exists() for other in others)
    assert stale_temp_files(tmp_path / "missing" / "places.csv") == []
