"""Predict mode's document holds nothing after the revealed frame (contract A)."""

from __future__ import annotations

import json

import pytest

from kr_map import frames
from kr_map.loader import borders_beside
from kr_map.reveal import document_until, next_news_key


@pytest.fixture(scope="module")
def document(dataset) -> dict:
    return frames.frames_document(dataset, borders=borders_beside(dataset.data_dir))


def keys_of(document: dict) -> list[str]:
    return [frame["key"] for frame in document["frames"]]


def resolved(document: dict, frame: dict) -> dict:
    """Return what a frame shows, with its features' cards and its events written out."""
    features = [dict(document["features"][i]) for i in frame["features"]]
    for feature in features:
        feature["cards"] = [document["cards"][c] for c in feature.get("cards", [])]
    government = frame.get("government")
    return {
        **frame,
        "features": features,
        "government": government and document["cards"][government["card"]],
        "events": [document["events"][e] for e in (*frame["events"], *frame["ongoing"])],
    }


CUTS = ["1979", "1985-10", "1989-10", "1993"]


@pytest.mark.parametrize("key", CUTS)
def test_no_frame_after_the_revealed_one_is_in_the_document(document, key):
    cut = document_until(document, key)
    keys = keys_of(document)
    assert keys_of(cut) == keys[: keys.index(key) + 1]
    assert cut["more"] is True
    later = set(keys[keys.index(key) + 1 :]) - set(keys_of(cut))
    text = json.dumps(cut["frames"])
    assert not [k for k in later if f'"key": "{k}"' in text]


@pytest.mark.parametrize("key", CUTS)
def test_every_revealed_frame_shows_exactly_what_it_showed_before(document, key):
    cut = document_until(document, key)
    for before, after in zip(document["frames"], cut["frames"], strict=False):
        assert resolved(cut, after) == resolved(document, before)


@pytest.mark.parametrize("key", CUTS)
def test_no_feature_card_or_event_that_only_later_frames_use_is_kept(document, key):
    cut = document_until(document, key)
    used_features = {i for frame in cut["frames"] for i in frame["features"]}
    assert used_features == set(range(len(cut["features"])))
    used_cards = {c for f in cut["features"] for c in f.get("cards", [])} | {
        frame["government"]["card"] for frame in cut["frames"] if frame.get("government")
    }
    assert used_cards == set(range(len(cut["cards"])))
    listed = {
        e
        for frame in cut["frames"]
        for e in (*frame["events"], *frame["ongoing"], *frame.get("sometime", []))
    }
    assert set(cut["events"]) == listed
    assert len(cut["features"]) < len(document["features"])


@pytest.mark.parametrize("key", CUTS)
def test_the_charts_know_nothing_after_the_revealed_period(document, key):
    cut = document_until(document, key)
    charts, count = cut["charts"], len(cut["frames"])
    assert len(charts["periods"]) == count == len(charts["strip"]["counts"])
    chart = charts["chart"]
    end = chart["end"]
    assert end > charts["periods"][-1][1]
    for holding in chart["holdings"]:
        assert all(i < count for i in holding["frames"])
        assert all(seg["from"] < end and seg["to"] <= end for seg in holding["segments"])
        assert holding["to"] is None or holding["to"] <= end
        if holding["to"] is None:
            assert holding["until"] == "" and holding["endQuote"] == ""
        assert 0 <= holding["place"] < len(chart["places"])


def test_the_last_frame_cut_keeps_every_frame_and_says_there_is_no_more(document):
    last = keys_of(document)[-1]
    cut = document_until(document, last)
    assert keys_of(cut) == keys_of(document) and cut["more"] is False


def test_an_unknown_key_is_refused(document):
    with pytest.raises(KeyError):
        document_until(document, "2050")


def test_the_next_frame_comes_from_the_servers_own_sequence(document):
    keys = keys_of(document)
    following = next_news_key(document["frames"], "1989")
    assert following in keys and keys.index(following) > keys.index("1989")
    assert next_news_key(document["frames"], keys[-1]) is None
    assert next_news_key(document["frames"], "2050") is None
