"""Frames documents kept on disk by content hash (issue 22): built once per data version,
read back after a restart, and never trusted when the file is not whole and ours."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kr_map import cache


class Builder:
    """Builds a small document and counts how often it was asked to."""

    def __init__(self, text: str = "a") -> None:
        self.calls, self.text = 0, text

    def __call__(self) -> dict:
        self.calls += 1
        return {"version": 1, "frames": [{"key": "1989", "caption": self.text}], "title": "t"}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def test_a_document_is_built_once_and_read_back_after_a_restart(folder):
    build = Builder()
    first = cache.cached_document("k1", build, folder=folder)
    again = cache.cached_document("k1", build, folder=folder)  # as a new process would
    assert build.calls == 1
    assert again == first == build()


@pytest.mark.parametrize(
    "damage",
    [
        lambda raw: raw[: len(raw) // 2],  # cut short
        lambda raw: b"",
        lambda raw: b"not json\n{}",
        lambda raw: raw.replace(b'"caption":"a"', b'"caption":"b"'),  # edited body
        lambda raw: raw.split(b"\n", 1)[1],  # no header
    ],
)
def test_a_damaged_entry_is_built_again_and_replaced(folder, damage):
    build = Builder()
    cache.cached_document("k1", build, folder=folder)
    (entry,) = folder.glob("frames-*.json")
    entry.write_bytes(damage(entry.read_bytes()))
    document = cache.cached_document("k1", build, folder=folder)
    assert build.calls == 2 and document == build()
    assert cache.read_entry(entry, "k1") == document  # whole again


def test_an_entry_for_another_key_is_not_taken(folder):
    cache.cached_document("k1", Builder("a"), folder=folder)
    (entry,) = folder.glob("frames-*.json")
    assert cache.read_entry(entry, "k2") is None


def test_a_new_version_replaces_the_old_entry_of_its_source(folder):
    cache.cached_document("k1", Builder(), source="s", folder=folder)
    cache.cached_document("k9", Builder(), source="other", folder=folder)
    cache.cached_document("k2", Builder(), source="s", folder=folder)
    assert sorted(p.name for p in folder.iterdir()) == ["frames-other-k9.json", "frames-s-k2.json"]


def test_the_entries_of_one_version_stay_side_by_side_and_a_new_version_replaces_them(folder):
    """The languages and kinds of one data version are all kept (a classroom app in three
    languages reads all three after a restart); another version's entry removes them."""
    keys = [cache.part_key("v1", kind, lang) for kind in ("lang", "classroom") for lang in "ab"]
    for key in keys:
        cache.cached_document(key, Builder(), source="s", folder=folder, version="v1")
    assert len(list(folder.glob("frames-s-*.json"))) == 4
    build = Builder()
    for key in keys:  # as a new process would: every one read back
        cache.cached_document(key, build, source="s", folder=folder, version="v1")
    assert build.calls == 0
    new = cache.part_key("v2", "lang", "a")
    cache.cached_document(new, Builder(), source="s", folder=folder, version="v2")
    assert [p.name for p in folder.glob("frames-s-*.json")] == [f"frames-s-{new}.json"]


def test_an_entry_of_the_format_before_versions_is_built_again(folder):
    build = Builder()
    path = folder / "frames-data-k1.json"
    cache.write_entry(path, "k1", build())
    path.write_bytes(
        path.read_bytes().replace(cache.FORMAT.encode(), b"kr-map frames document cache 1")
    )
    assert cache.read_entry(path, "k1") is None


def test_the_version_follows_the_catalogs_as_well_as_the_code(monkeypatch, tmp_path):
    """A caption's French words come from the catalog: a new translation is a new version."""
    package = tmp_path / "kr_map"
    po = package / "locale" / "fr" / "LC_MESSAGES" / "kr_map.po"
    po.parent.mkdir(parents=True)
    (package / "frames.py").write_text("x = 1\n")
    po.write_text('msgid "passes to"\nmsgstr "passe à"\n')
    monkeypatch.setattr(cache, "PACKAGE", package)
    cache.code_digest.cache_clear()
    try:
        before = cache.code_digest()
        po.write_text('msgid "passes to"\nmsgstr "passe aux"\n')
        cache.code_digest.cache_clear()
        assert cache.code_digest() != before
    finally:
        cache.code_digest.cache_clear()


def test_an_unwritable_cache_builds_each_time_without_failing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    build = Builder()
    assert cache.cached_document("k1", build, folder=blocker / "cache") == build()
    cache.cached_document("k1", build, folder=blocker / "cache")
    assert build.calls == 3


def test_the_key_follows_every_byte_of_the_data_and_the_years(data_copy):
    seeds = data_copy.parent / "seeds"
    key = cache.document_key(data_copy, seeds, 1979, 1999)
    assert cache.document_key(data_copy, seeds, 1979, 1999) == key
    assert cache.document_key(data_copy, seeds, 1980, 1999) != key
    events = data_copy / "events.csv"
    events.write_bytes(events.read_bytes().replace(b"Pailin", b"Pai1in", 1))
    assert cache.document_key(data_copy, seeds, 1979, 1999) != key


def test_the_cache_folder_follows_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "kr-map"
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "mine"))
    assert cache.cache_dir() == tmp_path / "mine"


def test_no_temporary_file_is_left_beside_an_entry(folder):
    cache.cached_document("k1", Builder(), folder=folder)
    assert [p.name for p in folder.iterdir()] == ["frames-data-k1.json"]
    assert json.loads(next(folder.iterdir()).read_bytes().split(b"\n", 1)[0])["key"] == "k1"


def test_the_app_after_a_restart_reads_its_document_instead_of_building_it(monkeypatch, tmp_path):
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from kr_map import export, frames

    from .conftest import ROOT

    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    st.cache_resource.clear()
    first = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not first.exception
    assert list((tmp_path / "cache").glob("frames-*.json")), "the document was kept on disk"

    def no_build(*args, **kwargs):
        raise AssertionError("the document was built again")

    st.cache_resource.clear()  # what a restart forgets
    monkeypatch.setattr(frames, "frames_document", no_build)
    monkeypatch.setattr(export, "classroom_document", no_build)  # the quiz: kept too
    again = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    assert not again.exception
    st.cache_resource.clear()
