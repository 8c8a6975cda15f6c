"""The state-at-date model, checked on real dates from the sources."""

from datetime import date

import pandas as pd
import pytest

from kr_map import model


def holder(dataset, place_id: str, when: date) -> str | None:
    held = model.control_on(dataset, when)
    rows = held[held["place_id"] == place_id]
    return rows["faction_id"].iloc[0] if len(rows) else None


def test_pailin_held_by_khmer_rouge_after_october_1989(dataset):
    assert holder(dataset, "pailin", date(1989, 10, 23)) != "khmer_rouge"
    assert holder(dataset, "pailin", date(1989, 10, 24)) == "khmer_rouge"
    assert holder(dataset, "pailin", date(1990, 6, 1)) == "khmer_rouge"


def test_pailin_before_the_khmer_rouge_took_it_was_held_by_the_phnom_penh_side(dataset):
    assert holder(dataset, "pailin", date(1989, 9, 20)) in {"prk", "vietnam"}


def test_pailin_falls_to_the_government_in_march_1994_and_back_in_april(dataset):
    assert holder(dataset, "pailin", date(1994, 3, 31)) == "rgc"
    assert holder(dataset, "pailin", date(1994, 5, 15)) == "khmer_rouge"


def test_whole_year_view_shows_control_at_the_end_of_the_year_and_marks_changes(dataset):
    state = model.state_at(dataset, model.year(1989))
    pailin = state.control[state.control["place_id"] == "pailin"].iloc[0]
    assert pailin["faction_id"] == "khmer_rouge"
    assert bool(pailin["changed"]) and pailin["previous_faction"] == "prk"
    later = model.state_at(dataset, model.year(1990))
    assert not later.control[later.control["place_id"] == "pailin"]["changed"].any()


def test_march_and_may_1994_month_views_differ_for_pailin(dataset):
    march = model.state_at(dataset, model.month(1994, 3)).control.set_index("place_id")
    may = model.state_at(dataset, model.month(1994, 5)).control.set_index("place_id")
    assert march.loc["pailin", "faction_id"] == "rgc"
    assert may.loc["pailin", "faction_id"] == "khmer_rouge"


def test_anlong_veng_falls_to_the_government_in_1998(dataset):
    assert holder(dataset, "anlong_veng", date(1997, 12, 31)) == "khmer_rouge"
    assert holder(dataset, "anlong_veng", date(1998, 12, 31)) == "rgc"


def test_a_holder_that_withdrew_no_longer_holds_the_place(dataset):
    assert holder(dataset, "ampil", date(1986, 1, 1)) == "vietnam"
    assert holder(dataset, "ampil", date(1990, 1, 1)) is None


def test_a_january_1985_event_belongs_to_january_not_to_february(dataset):
    january = model.events_during(dataset, model.month(1985, 1))
    february = model.events_during(dataset, model.month(1985, 2))
    month_events = dataset.events[
        (dataset.events["start"] == "1985-01") & (dataset.events["end"] == "")
    ]
    assert len(month_events), "the sources date events to January 1985"
    assert set(month_events.index) <= set(january.index)
    assert not set(month_events.index) & set(february.index)


def test_events_of_a_year_are_in_date_order_and_inside_the_year(dataset):
    events = model.events_during(dataset, model.year(1994))
    assert list(events["t0"]) == sorted(events["t0"])
    assert (events["t1"].dt.year >= 1994).all() and (events["t0"].dt.year <= 1994).all()


def test_movements_under_way_include_long_movements_that_started_earlier(dataset):
    for year in range(1979, 2000):
        moves = model.movements_during(dataset, model.year(year))
        assert ((moves["t0"].dt.year <= year) & (moves["t1"].dt.year >= year)).all()
    assert len(model.movements_during(dataset, model.year(1979))) > 0


def test_battles_are_only_violent_kinds(dataset):
    state = model.state_at(dataset, model.year(1994))
    assert len(state.battles) > 0
    assert set(state.battles["kind"]) <= set(model.vocab.VIOLENT_EVENT_KINDS)
    assert len(state.battles) + len(state.other_events) == len(state.events)


def test_khao_i_dang_camp_is_shown_while_the_sources_mention_it(dataset):
    assert "khao_i_dang" in dataset.camps.index
    assert "khao_i_dang" in model.camps_during(dataset, model.year(1980)).index
    assert "khao_i_dang" not in model.camps_during(dataset, model.year(1978)).index


def test_dense_years_include_1989_and_1994(dataset):
    dense = model.dense_years(dataset)
    assert {1989, 1994} <= set(dense)


@pytest.mark.parametrize(
    "text,unit", [("1994", "year"), ("1994-03", "month"), ("1994-03-17", "day")]
)
def test_a_period_is_as_fine_as_the_date_written(text, unit):
    period = model.parse_period(text)
    assert period.unit == unit and period.key == text


def test_movement_lengths_are_geodesic_kilometres(dataset):
    moves = dataset.movements
    named = moves[moves["to_place"] != ""]
    assert (named["distance_km"] > 0).all()
    assert (named["distance_km"] < 1500).all()
    # a destination the source does not name has no length: no made-up route
    assert moves.loc[moves["to_place"] == "", "distance_km"].isna().all()


def test_changes_between_1989_and_1990_list_nothing_new_for_pailin_but_1988_to_1990_does(dataset):
    same = model.changes_between(dataset, model.year(1989), model.year(1990))
    assert "pailin" not in set(same["place_id"])
    changed = model.changes_between(dataset, model.year(1988), model.year(1990)).set_index(
        "place_id"
    )
    assert changed.loc["pailin", "after"] == "khmer_rouge"
    assert changed.loc["pailin", "before"] in {"vietnam", "prk"}


@pytest.mark.parametrize("name", ["control", "events", "movements", "places", "camps"])
def test_records_are_what_to_dict_gives_cell_for_cell(dataset, name):
    for table in (getattr(dataset, name), model.light(getattr(dataset, name))):
        assert table.isna().any().any() or name in ("places", "camps")
        made, expected = model.records(table), table.to_dict("records")
        assert len(made) == len(expected)
        for mine, theirs in zip(made, expected, strict=True):
            assert list(mine) == list(theirs)
            for column, value in theirs.items():
                assert type(mine[column]) is type(value), column
                assert mine[column] == value or (pd.isna(value) and pd.isna(mine[column])), column
