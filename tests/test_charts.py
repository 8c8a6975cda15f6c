"""The data of the event strip and the who-held-what chart (kr_map.charts), on the real dataset."""

from __future__ import annotations

import itertools
import json

import pandas as pd
import pytest

from kr_map import charts, frames, model, vocab


@pytest.fixture(scope="module")
def document(dataset):
    return frames.frames_document(dataset)


@pytest.fixture(scope="module")
def chart(document):
    return document["charts"]["chart"]


def frame_period(frame) -> model.Period:
    return (
        model.year(frame["year"])
        if not frame["month"]
        else model.month(frame["year"], frame["month"])
    )


def frame_index(document, key: str) -> int:
    return next(i for i, f in enumerate(document["frames"]) if f["key"] == key)


def holdings_of(chart, place_id: str) -> list[dict]:
    row = next(i for i, p in enumerate(chart["places"]) if p["id"] == place_id)
    return [h for h in chart["holdings"] if h["place"] == row]


@pytest.mark.parametrize("key", ["1979", "1985", "1989", "1989-10", "1994-03", "1997-07", "1999"])
def test_strip_counts_of_a_frame_are_its_events_and_movements_split_by_kind(dataset, document, key):
    i = frame_index(document, key)
    state = model.state_at(dataset, frame_period(document["frames"][i]))
    counts = document["charts"]["strip"]["counts"][i]
    battles, movements, other = counts[0] + counts[1], counts[2] + counts[3], counts[4] + counts[5]
    assert battles == len(state.battles) and other == len(state.other_events)
    assert battles + other == len(state.events)
    assert movements == len(state.movements)
    frame = document["frames"][i]
    listed = len(frame["events"]) + len(frame["ongoing"]) + len(frame["sometime"])
    assert battles + other == listed  # what the panel lists


def test_the_strip_kinds_are_battles_movements_and_other_in_that_order(document):
    kinds = [k["id"] for k in document["charts"]["strip"]["kinds"]]
    assert kinds == ["battles", "movements", "other"]
    assert len(document["charts"]["strip"]["counts"]) == len(document["frames"])


def test_the_fall_of_pailin_is_a_battle_dated_within_october_1989(dataset, document):
    october = charts.strip_counts(dataset, model.month(1989, 10))
    events = model.events_during(dataset, model.month(1989, 10))
    sure = events[
        (events["t0"] >= pd.Timestamp("1989-10-01")) & (events["t1"] <= pd.Timestamp("1989-10-31"))
    ]
    assert "fall_of_pailin_1989" in set(sure["event_id"])
    assert october["battles"][0] == int(sure["kind"].isin(vocab.VIOLENT_EVENT_KINDS).sum()) >= 1


def test_a_vague_mid_1980s_event_is_counted_lighter_in_each_year_it_may_mean(dataset):
    # military_stalemate_mid_1980s: a range 1984-1986, "other"; never a spike in one year
    stalemate = dataset.events.loc["military_stalemate_mid_1980s"]
    assert (stalemate["t0"].year, stalemate["t1"].year) == (1984, 1986)
    for year in (1984, 1985, 1986):
        period = model.year(year)
        events = model.events_during(dataset, period)
        assert "military_stalemate_mid_1980s" in set(events["event_id"])
        beyond = events[(events["t0"] < period.t0) | (events["t1"] > period.t1)]
        others = beyond[~beyond["kind"].isin(vocab.VIOLENT_EVENT_KINDS)]
        assert charts.strip_counts(dataset, period)["other"][1] == len(others)
        assert "military_stalemate_mid_1980s" in set(others["event_id"])


def test_pailin_changes_hands_on_its_real_dates(chart):
    pailin = holdings_of(chart, "pailin")
    assert [(h["faction"], h["from"], h["to"]) for h in pailin] == [
        ("vietnam", "1979-01-07", "1989-09-01"),
        ("prk", "1989-09-01", "1989-10-24"),
        ("khmer_rouge", "1989-10-24", "1994-03-18"),
        ("rgc", "1994-03-18", "1994-04-19"),
        ("khmer_rouge", "1994-04-19", "1996-08-08"),
        ("rgc", "1996-08-08", "1997-11-08"),
        ("rgc", "1997-11-08", None),
    ]
    # a change of hands only where a source states a capture: not the State of Cambodia's
    # defence of September 1989, not Ieng Sary's inferred defection, not a second source
    assert [h["changed"] for h in pailin] == [False, False, True, True, True, False, False]
    assert [h["was"] for h in pailin][2:5] == ["prk", "khmer_rouge", "rgc"]
    assert [h["basis"] for h in pailin][:3] == ["inferred", "stated", "stated"]
    assert pailin[2]["since"] == "24 Oct 1989 (stated change of hands)"
    assert pailin[2]["until"] == "c. 18–19 Mar 1994" and pailin[2]["seed"].endswith(".txt")
    # the KR end of 1996 is inferred: never an "until" that reads as stated
    assert pailin[4]["until"] == (
        "an end no source states (inferred: 8 Aug 1996; last attested 19 Apr 1994)"
    )


def test_the_bars_are_the_control_timeline_place_by_place(dataset, chart):
    for place_id in ("pailin", "anlong_veng", "phnom_malai", "ampil"):
        rows = dataset.control[dataset.control["place_id"] == place_id]
        bars = holdings_of(chart, place_id)
        assert [b["faction"] for b in bars] == list(rows["faction_id"])
        assert [b["from"] for b in bars] == [t.strftime("%Y-%m-%d") for t in rows["t0"]]
        assert [b["quote"] for b in bars] == list(rows["quote"])


def test_each_bar_is_cut_where_the_sources_stop_vouching(chart):
    # Ampil: the Vietnamese capture of January 1985 is attested, the years after are not
    vietnam = next(h for h in holdings_of(chart, "ampil") if h["faction"] == "vietnam")
    assert vietnam["segments"] == [
        {"from": "1985-01-01", "to": "1985-01-31", "attested": False},
        {"from": "1985-01-31", "to": "1985-02-01", "attested": True},
        {"from": "1985-02-01", "to": "1989-09-01", "attested": False},
    ]
    # Khmer Rouge Pailin 1989-94: a dated start and a dated end, attested throughout
    kr = holdings_of(chart, "pailin")[2]
    assert kr["segments"] == [{"from": "1989-10-24", "to": "1994-03-18", "attested": True}]
    # Ampil's KPNLF base: set up some time in 1979-84, attested only when it fell in 1985
    kpnlf = next(h for h in holdings_of(chart, "ampil") if h["faction"] == "kpnlf")
    assert kpnlf["segments"] == [{"from": "1984-12-31", "to": "1985-01-01", "attested": True}]
    for holding in chart["holdings"]:
        segments = holding["segments"]
        assert segments[0]["from"] >= holding["from"]
        assert all(a["to"] == b["from"] for a, b in itertools.pairwise(segments))


def test_a_holding_lists_the_frames_whose_map_shows_it(dataset, document, chart):
    kr = holdings_of(chart, "pailin")[2]
    shown = {document["frames"][i]["key"] for i in kr["frames"]}
    assert "1989-10" in shown and "1989-09" not in shown and "1994-03" not in shown
    assert {"1990", "1993", "1994-02"} <= shown
    for i in kr["frames"][:5] + kr["frames"][-5:]:
        period = frame_period(document["frames"][i])
        held = model.control_on(dataset, period.last)
        assert "khmer_rouge" in set(held.loc[held["place_id"] == "pailin", "faction_id"])


def test_rows_run_along_the_border_north_then_west_then_interior(chart):
    regions = [p["region"] for p in chart["places"]]
    assert regions == sorted(regions, key=["north", "west", "interior"].index)
    for region in ("north", "west", "interior"):
        lats = [p["lat"] for p in chart["places"] if p["region"] == region]
        assert lats == sorted(lats, reverse=True)
    by_id = {p["id"]: p["region"] for p in chart["places"]}
    assert by_id["preah_vihear_temple"] == "north" and by_id["anlong_veng"] == "north"
    assert by_id["pailin"] == "west" and by_id["phnom_malai"] == "west"
    assert by_id["phnom_penh"] == "interior"


def test_region_rules_follow_latitude_and_longitude():
    assert charts.region_of(14.39, 104.68).region_id == "north"
    assert charts.region_of(12.85, 102.61).region_id == "west"
    assert charts.region_of(11.56, 104.92).region_id == "interior"
    assert [r.region_id for r in charts.REGIONS] == ["north", "west", "interior"]


def test_a_shorter_export_keeps_only_its_years(dataset):
    document = frames.frames_document(dataset, 1990, 1990)
    data = document["charts"]
    assert data["periods"] == [["1990-01-01", "1990-12-31"]]
    assert data["chart"]["start"] == "1990-01-01" and data["chart"]["end"] == "1991-01-01"
    ids = {p["id"] for p in data["chart"]["places"]}
    assert "ampil" not in ids and "pailin" in ids  # Ampil was lost in 1985, gone in 1989
    for holding in data["chart"]["holdings"]:
        assert holding["segments"][0]["from"] >= "1990-01-01"
        assert holding["segments"][-1]["to"] <= "1991-01-01"
        assert holding["frames"] in ([], [0])


def test_the_charts_data_is_plain_json(document):
    text = json.dumps(document["charts"])
    assert json.loads(text) == document["charts"]
