"""The map first, its areas after (kr_map/areas_apart.py): a document built without areas and
its areas part, joined, say what a whole build says, and a part joins only its own document."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from kr_map import areas_apart, frames
from kr_map import land as lands
from kr_map.area_store import AreaStore
from kr_map.loader import load
from kr_map.player import address_of, publish, published_file

from .test_frames_onepass import _synthetic


def resolved(document: dict) -> list[list[str]]:
    """Return each frame's features as JSON, their cards written out (not numbered)."""
    features, cards = document["features"], document["cards"]

    def written(index: int) -> str:
        feature = dict(features[index])
        if "cards" in feature:
            feature["cards"] = [cards[c] for c in feature["cards"]]
        if "card" in feature:
            feature["card"] = cards[feature["card"]]
        return json.dumps(feature, sort_keys=True)

    return [[written(i) for i in frame["features"]] for frame in document["frames"]]


def same_as_whole(joined: dict, whole: dict) -> None:
    assert resolved(joined) == resolved(whole)
    assert joined.keys() == whole.keys()
    for key in whole.keys() - {"features", "cards", "frames"}:
        assert json.dumps(joined[key], sort_keys=True) == json.dumps(whole[key], sort_keys=True)
    for mine, theirs in zip(joined["frames"], whole["frames"], strict=True):
        assert rest_of(mine, joined["cards"]) == rest_of(theirs, whole["cards"])


def rest_of(frame: dict, cards: list) -> dict:
    """Return a frame's entry but its features, its government's card written out."""
    government = frame["government"] and {
        **frame["government"],
        "card": cards[frame["government"]["card"]],
    }
    return {**frame, "features": None, "government": government}


@pytest.fixture(scope="module")
def synthetic_data(tmp_path_factory) -> Path:
    # 2,500 events: enough holdings in 1989 that some areas' cards are no marker's
    return _synthetic().generate(tmp_path_factory.mktemp("apart"), 2500, None, 3)


def test_the_bundled_document_without_areas_joined_to_its_part_is_the_whole_document(dataset):
    base = frames.frames_document(dataset, areas=False)
    assert base["areasApart"] is True
    assert not any(f["type"] == "area" for f in base["features"])
    part = areas_apart.areas_part(dataset, base)
    assert part["features"] and all(f["type"] == "area" for f in part["features"])
    same_as_whole(areas_apart.join(base, part), frames.frames_document(dataset))


def test_joined_equals_whole_on_synthetic_data_with_a_store(synthetic_data, tmp_path):
    dataset = load(synthetic_data)
    lands.forget()
    whole = frames.frames_document(dataset, 1989, 1989)
    base = frames.frames_document(dataset, 1989, 1989, areas=False)
    lands.forget()
    with AreaStore(tmp_path / "areas.sqlite") as store:
        part = areas_apart.areas_part(dataset, base, 1989, 1989, store=store)
    assert part["cards"], "the areas' cards include some the document lacks"
    same_as_whole(areas_apart.join(base, part), whole)


def test_a_part_joins_only_the_document_it_was_made_for(dataset):
    base = frames.frames_document(dataset, areas=False)
    part = areas_apart.areas_part(dataset, base)
    other = frames.frames_document(dataset, 1988, 1990, areas=False)
    whole = frames.frames_document(dataset)
    for document in (other, whole, {**base, "cards": base["cards"][:-1]}):
        assert not areas_apart.fits(document, part)
        with pytest.raises(ValueError, match="another frames document"):
            areas_apart.join(document, part)
    with pytest.raises(ValueError, match="other frames"):
        areas_apart.areas_part(dataset, other)
    before = json.dumps(base, sort_keys=True)
    areas_apart.join(base, part)
    assert json.dumps(base, sort_keys=True) == before  # joining changes neither


def test_large_datasets_are_shown_before_their_areas(dataset, monkeypatch):
    monkeypatch.delenv(areas_apart.APART_ENV, raising=False)
    assert len(dataset.control) < areas_apart.APART_FROM
    assert not areas_apart.worth_apart(dataset)
    monkeypatch.setenv(areas_apart.APART_ENV, str(len(dataset.control)))
    assert areas_apart.worth_apart(dataset)
    monkeypatch.setenv(areas_apart.APART_ENV, str(len(dataset.control) + 1))
    assert not areas_apart.worth_apart(dataset)
    monkeypatch.setenv(areas_apart.APART_ENV, "many")  # not a number: the default
    assert not areas_apart.worth_apart(dataset)


def test_the_part_is_made_in_a_thread_of_its_own_and_its_failure_reaches_the_caller():
    called_in = []
    done = areas_apart.in_background(lambda: called_in.append(threading.current_thread()) or 7)
    assert done.result(timeout=10) == 7
    assert called_in[0] is not threading.current_thread() and called_in[0].daemon

    def fails():
        raise RuntimeError("no areas")

    failed = areas_apart.in_background(fails)
    with pytest.raises(RuntimeError, match="no areas"):
        failed.result(timeout=10)


def test_the_part_is_published_where_its_address_said_before_it_was_made(tmp_path):
    url = address_of("data", "v1", "areas-0123-en")
    assert not published_file(tmp_path, url).exists()
    assert (
        publish({"frames": [{"features": [3]}]}, tmp_path, "data", "v1", tag="areas-0123-en") == url
    )
    written = json.loads(published_file(tmp_path, url).read_text(encoding="utf-8"))
    assert written["packed"]["lists"]["features"]["items"] == [3]
