"""Contract C: the sources as data, and what each frame is about (headline, focus, about)."""

from __future__ import annotations

import csv

import pytest

from kr_map import frames, model, reveal, validation
from kr_map.cli import state_document
from kr_map.loader import borders_beside, load, validate
from kr_map.problems import DataError

from .conftest import SEEDS


@pytest.fixture(scope="module")
def document(dataset) -> dict:
    return frames.frames_document(dataset, borders=borders_beside(dataset.data_dir))


def frame_of(document: dict, key: str) -> dict:
    return next(frame for frame in document["frames"] if frame["key"] == key)


def rewrite_sources(data_dir, change) -> None:
    """Rewrite data/sources.csv with ``change(rows)`` applied to its rows (dicts)."""
    path = data_dir / "sources.csv"
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header, rows = reader.fieldnames, list(reader)
    rows = change(rows)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def problems_of(data_dir) -> list[str]:
    """Return the problems of a data folder as ``file:row:column: message``, file names bare."""
    return [str(p).removeprefix("data/") for p in validate(data_dir)[1]]


# --- Sources as data ------------------------------------------------------------------


def test_every_seed_file_has_its_source_with_the_title_of_its_own_heading(dataset):
    seeds = sorted(path.name for path in SEEDS.glob("*.txt"))
    assert sorted(dataset.sources.index) == seeds
    for seed, source in dataset.sources.iterrows():
        heading = validation.seed_heading((SEEDS / str(seed)).read_text(encoding="utf-8"))
        assert source["title"] == heading
        assert source["url"].startswith("https://")
        assert source["licence"] and source["publisher"]


def test_the_frames_document_credits_each_seed_from_the_sources_table(dataset, document):
    assert document["sources"] == dataset.source_records()
    assert document["sources"]["battle_of_pailin.txt"] == {
        "title": "Battle of Pailin",
        "url": "https://en.wikipedia.org/wiki/Battle_of_Pailin",
        "licence": "CC BY-SA 4.0",
        "publisher": "Wikipedia",
    }
    cited = {card["seed"] for card in document["cards"]} | {
        event["seed"] for event in document["events"].values()
    }
    assert cited <= set(document["sources"])


def test_a_predict_document_keeps_the_sources(document):
    assert reveal.document_until(document, "1985")["sources"] == document["sources"]


def test_the_state_command_names_the_sources_it_quotes(dataset):
    answer = state_document(dataset, model.day(model.parse_period("1989-10-24").first))
    assert answer["sources"]["battle_of_pailin.txt"]["title"] == "Battle of Pailin"
    assert set(answer["sources"]) <= set(dataset.sources.index)


def test_a_seed_cited_without_a_row_in_sources_is_named_where_it_is_cited(data_copy):
    rewrite_sources(
        data_copy, lambda rows: [r for r in rows if r["seed"] != "battle_of_pailin.txt"]
    )
    problems = problems_of(data_copy)
    assert any(
        p.startswith("events.csv:")
        and ":seed: seed 'battle_of_pailin.txt' has no row in sources.csv" in p
        for p in problems
    ), problems
    with pytest.raises(DataError):
        load(data_copy)


def test_a_source_for_a_seed_file_that_does_not_exist_is_refused(data_copy):
    extra = {
        "seed": "lost.txt", "title": "Lost", "url": "https://example.org/lost",
        "licence": "CC BY 4.0", "publisher": "Nobody", "retrieved": "",
    }  # fmt: skip
    rewrite_sources(data_copy, lambda rows: [*rows, extra])
    assert any(
        p.startswith("sources.csv:4:seed: seed 'lost.txt' is not a file in seeds/")
        for p in problems_of(data_copy)
    )


def test_a_title_that_is_not_the_seeds_own_heading_is_refused(data_copy):
    def retitle(rows):
        rows[0]["title"] = "Khmer Rouge war"
        return rows

    rewrite_sources(data_copy, retitle)
    assert any(
        p.startswith("sources.csv:2:title: `title` must be the seed's own heading")
        for p in problems_of(data_copy)
    )


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "en.wikipedia.org/x"])
def test_a_source_address_must_be_a_web_address(data_copy, url):
    def readdress(rows):
        rows[0]["url"] = url
        return rows

    rewrite_sources(data_copy, readdress)
    assert any(
        p.startswith("sources.csv:2:url: `url` must be a web address")
        for p in problems_of(data_copy)
    )


# --- What a frame is about ------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "event"),
    [
        ("1989-10", "fall_of_pailin_1989"),  # a stated change of hands
        ("1994-04", "khmer_rouge_retake_pailin_1994"),
        ("1998", "fall_of_anlong_veng_1998"),
        ("1997", "coup_1997"),  # not the Nobel prize, known only to the year
    ],
)
def test_each_frame_opens_on_the_event_it_is_about(document, key, event):
    assert frame_of(document, key)["headline"] == event


def test_a_whole_year_frame_never_opens_on_an_event_known_only_to_the_year_when_a_dated_one_exists(
    dataset, document
):
    events = dataset.events
    for frame in document["frames"]:
        if frame["month"] is not None or frame["headline"] is None:
            continue
        dated = events.loc[frame["events"]]
        if (dated["precision"] != "year").any():
            assert events.loc[frame["headline"], "precision"] != "year", frame["key"]


def test_the_headline_is_one_of_the_events_dated_in_the_frame_or_none(document):
    for frame in document["frames"]:
        if frame["events"]:
            assert frame["headline"] in frame["events"], frame["key"]
            assert frame["headline"] in document["events"]
        else:
            assert frame["headline"] is None, frame["key"]


def test_a_change_of_hands_comes_before_any_other_news_of_its_frame(document):
    frame = frame_of(document, "1994-03")  # an offensive on the 17th, the capture on 18-19
    assert frame["headline"] == "government_takes_pailin_1994"


def test_the_focus_holds_the_frames_action_and_the_whole_country_without_one(dataset, document):
    pailin = dataset.places.loc["pailin"]
    (south, west), (north, east) = frame_of(document, "1989-10")["focus"]
    assert south <= pailin["lat"] <= north and west <= pailin["lon"] <= east
    for frame in document["frames"]:
        if frame["focus"] is not None:
            (south, west), (north, east) = frame["focus"]
            assert south <= north and west <= east
            assert south >= 8 and north <= 17 and west >= 99 and east <= 110, frame["key"]


def test_the_places_a_frame_is_about_are_its_news_and_its_fighting(dataset, document):
    assert "pailin" in frame_of(document, "1989-10")["about"]
    assert "pailin" in frame_of(document, "1979")["about"]  # Vietnamese-held, under bombardment
    assert "pailin" in frame_of(document, "1985")["about"]
    assert "anlong_veng" in frame_of(document, "1998")["about"]
    assert "pailin" not in frame_of(document, "1999")["about"]
    for frame in document["frames"]:
        assert len(frame["about"]) == len(set(frame["about"]))
        assert set(frame["about"]) <= set(dataset.places.index), frame["key"]


def test_features_of_places_name_their_place(document):
    for feature in document["features"]:
        if feature["type"] in ("place", "camp", "symbol"):
            assert feature["place"], feature


# --- Predict steps by news (the server's half of Reveal next) ---------------------------


def test_reveal_next_skips_months_that_read_alike(document):
    keys = [frame["key"] for frame in document["frames"]]
    step = reveal.next_news_key(document["frames"], "1985-02")
    assert step is not None and keys.index(step) > keys.index("1985-02")
    shown = reveal.news_of(frame_of(document, "1985-02"))
    between = keys[keys.index("1985-02") + 1 : keys.index(step)]
    assert all(reveal.news_of(frame_of(document, k)) == shown for k in between)
    assert reveal.news_of(frame_of(document, step)) != shown or step == keys[-1]


def test_reveal_next_ends_with_the_last_frame(document):
    keys = [frame["key"] for frame in document["frames"]]
    assert reveal.next_news_key(document["frames"], keys[-1]) is None
    assert reveal.next_news_key(document["frames"], "2050") is None
    assert reveal.next_news_key(document["frames"], keys[-2]) == keys[-1]
