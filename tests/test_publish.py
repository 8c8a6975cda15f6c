"""The app's documents as files (kr_map/player.py publish): written once, with a gzip copy
beside each, so the server sends bytes as they are instead of compressing the document at
every open; an older version's files, copies included, are removed."""

from __future__ import annotations

import gzip
import json

from kr_map.player import GZIP_SUFFIX, publish, published_file, remove_stale

DOC = {"title": "Pailin — ប៉ៃលិន", "frames": [{"key": "1989", "features": [1, 2]}]}


def test_each_document_has_a_gzip_copy_that_unpacks_to_it(tmp_path):
    url = publish(DOC, tmp_path, "data", "v1")
    plain = published_file(tmp_path, url)
    copy = plain.with_name(plain.name + GZIP_SUFFIX)
    assert gzip.decompress(copy.read_bytes()) == plain.read_bytes()
    assert json.loads(plain.read_text(encoding="utf-8"))["title"] == DOC["title"]
    assert copy.read_bytes()[4:8] == b"\0\0\0\0"  # no time in it: the same document, the same bytes


def test_a_copy_missing_beside_a_document_is_made_again(tmp_path):
    url = publish(DOC, tmp_path, "data", "v1")
    plain = published_file(tmp_path, url)
    copy = plain.with_name(plain.name + GZIP_SUFFIX)
    copy.unlink()
    assert publish(DOC, tmp_path, "data", "v1") == url
    assert gzip.decompress(copy.read_bytes()) == plain.read_bytes()


def test_an_older_version_goes_with_its_copies_and_another_folder_stays(tmp_path):
    old = published_file(tmp_path, publish(DOC, tmp_path, "data", "v1"))
    other = published_file(tmp_path, publish(DOC, tmp_path, "elsewhere", "v1"))
    new = published_file(tmp_path, publish({**DOC, "title": "x"}, tmp_path, "data", "v2"))
    removed = remove_stale(tmp_path, "data", "v2")
    assert removed == sorted([old.name, old.name + GZIP_SUFFIX])
    for kept in (other, new):
        assert kept.is_file() and kept.with_name(kept.name + GZIP_SUFFIX).is_file()
