"""The map tells the truth: holdings end, start no earlier than their sources, and say how
they are known; places lie in their country; counts, directions and dates are the seeds' own."""

import csv
from datetime import date

import pandas as pd
import pytest

from kr_map import loader, model, vocab
from kr_map.validation import normalise_space

from .conftest import DATA, SEEDS
from .test_validate import edit_cell, problems_of, rewrite


def holders(dataset, when: date, faction_id: str) -> set[str]:
    held = model.control_on(dataset, when)
    return set(held.loc[held["faction_id"] == faction_id, "place_id"])


def at(dataset, place_id: str, when: date) -> pd.Series | None:
    held = model.control_on(dataset, when).set_index("place_id")
    return held.loc[place_id] if place_id in held.index else None


def rows_of(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


# --- holdings end with their holders ---------------------------------------------------------


def test_no_khmer_rouge_holding_from_the_last_surrender_of_9_february_1999(dataset):
    assert holders(dataset, date(1999, 2, 8), "khmer_rouge"), "they still held their refuge"
    for when in (date(1999, 2, 9), date(1999, 12, 31), date(2005, 1, 1)):
        assert holders(dataset, when, "khmer_rouge") == set()
    assert "khmer_rouge" not in set(model.state_at(dataset, model.year(1999)).control["faction_id"])


def test_phnom_malai_is_not_khmer_rouge_after_august_1996(dataset):
    assert at(dataset, "phnom_malai", date(1996, 7, 31))["faction_id"] == "khmer_rouge"
    for when in (date(1996, 8, 1), date(1996, 9, 1), date(1998, 1, 1)):
        row = at(dataset, "phnom_malai", when)
        assert row is None or row["faction_id"] != "khmer_rouge"


def test_no_vietnamese_holding_after_the_withdrawal_of_september_1989(dataset):
    assert holders(dataset, date(1989, 8, 31), "vietnam")
    assert holders(dataset, date(1989, 9, 30), "vietnam") == set()
    assert "vietnam" not in set(model.state_at(dataset, model.month(1989, 9)).control["faction_id"])


def test_no_kpnlf_holding_after_it_ceased_armed_struggle_on_23_october_1991(dataset):
    assert "sok_sann" in holders(dataset, date(1991, 10, 22), "kpnlf")
    assert holders(dataset, date(1991, 10, 23), "kpnlf") == set()


def test_no_holding_starts_before_the_war_or_before_its_holder_is_first_attested(dataset):
    control, factions = dataset.control, dataset.factions
    assert (control["t0"] >= pd.Timestamp(vocab.WAR_START)).all()
    first = control["faction_id"].map(factions["first_t0"])
    assert ((control["t0"] >= first) | first.isna()).all()
    assert holders(dataset, date(1979, 1, 6), "prk") == set()
    assert at(dataset, "ampil", date(1979, 3, 31)) is None  # the KPNLF appears in April 1979


def test_a_holding_never_outlives_its_holder(dataset):
    control = dataset.control[dataset.control["faction_id"] != ""]
    last = control["faction_id"].map(dataset.factions["last_t0"])
    ends = control.loc[last.notna(), "until"]
    assert ends.notna().all() and (ends <= last[last.notna()]).all()


def test_no_label_shows_a_far_future_stand_in(dataset):
    labels = pd.concat([dataset.control[c] for c in ("when", "until_label", "last_attested")])
    assert not labels.str.contains("2200").any()
    assert dataset.control["until"].dropna().dt.year.max() <= 1999
    camps = dataset.camps
    assert (camps["last_seen"].dt.year <= 1999).all() and camps["border_km"].notna().all()


def test_the_camps_table_is_built_once_with_its_border_distance(dataset):
    assert model.camps_during(dataset, model.year(1980)).index.isin(dataset.camps.index).all()
    assert 0 < dataset.camps.loc["khao_i_dang", "border_km"] < 30
    assert "khao_i_dang" in model.state_at(dataset, model.year(1980)).camps.index


# --- after the last attestation the map says so ----------------------------------------------


def test_sok_sann_after_1979_is_only_carried_on_from_its_last_attestation(dataset):
    state = model.state_at(dataset, model.year(1985)).control.set_index("place_id")
    sok_sann = state.loc["sok_sann"]
    assert not sok_sann["attested"] and sok_sann["last_attested"] == "Apr 1979"
    assert sok_sann["until_label"] == "23 Oct 1991" and sok_sann["basis"] == "stated"
    assert (
        model.state_at(dataset, model.month(1979, 4))
        .control.set_index("place_id")
        .loc["sok_sann", "attested"]
    )


def test_pailin_held_between_two_dated_changes_of_hands_is_attested(dataset):
    pailin = model.state_at(dataset, model.year(1991)).control.set_index("place_id").loc["pailin"]
    assert pailin["faction_id"] == "khmer_rouge" and pailin["attested"]
    assert pailin["until_label"] == "c. 18–19 Mar 1994"


def test_phnom_chat_is_a_khmer_rouge_stronghold_of_unknown_start_until_20_august_1993(dataset):
    before = at(dataset, "phnom_chat", date(1993, 8, 19))
    assert before["faction_id"] == "khmer_rouge" and not before["attested"]
    assert before["last_attested"] == "20 Aug 1993"
    assert at(dataset, "phnom_chat", date(1993, 8, 20))["faction_id"] == "rgc"


def test_every_holding_and_movement_says_whether_it_is_stated_or_inferred(dataset):
    state = model.state_at(dataset, model.year(1994))
    assert set(state.control["basis"]) <= set(vocab.BASES)
    assert {"basis", "attested", "last_attested", "until_label"} <= set(state.control.columns)
    assert set(dataset.movements["basis"]) <= set(vocab.BASES)
    for table in ("control.csv", "movements.csv"):
        for row in rows_of(table):
            assert row["basis"] in vocab.BASES, (table, row)
            if row["basis"] == "inferred":
                assert row["summary"], (table, row)


def test_a_second_source_for_the_same_holder_is_not_a_change_of_hands(dataset):
    state = model.state_at(dataset, model.year(1997)).control.set_index("place_id")
    assert state.loc["pailin", "faction_id"] == "rgc" and not state.loc["pailin", "changed"]


# --- who governed ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "period,government",
    [
        (model.year(1985), "peoples_republic_1979"),
        (model.year(1990), "state_of_cambodia_1989"),
        (model.year(1992), "untac_period_1992"),
        (model.month(1993, 5), "untac_period_1992"),
        (model.year(1994), "royal_government_1993"),
    ],
)
def test_the_government_of_the_day_in_phnom_penh(dataset, period, government):
    found = model.government_at(dataset, period)
    assert found is not None and found.government_id == government
    assert normalise_space(found.quote) in normalise_space(
        (SEEDS / found.seed).read_text(encoding="utf-8")
    )
    assert model.state_at(dataset, period).government == found


def test_no_government_of_the_day_before_the_war(dataset):
    assert model.government_at(dataset, model.year(1978)) is None


# --- nothing read into the text --------------------------------------------------------------

_NUMBER_WORDS = {
    "ten thousand": 10000,
    "a thousand": 1000,
    "twenty-one": 21,
    "three": 3,
    "a hundred": 100,
    "one million": 1000000,
}


def _says(quote: str, number: int) -> bool:
    words = [w for w, n in _NUMBER_WORDS.items() if n == number]
    return f"{number:,}" in quote or str(number) in quote or any(w in quote for w in words)


@pytest.mark.parametrize("table", ["events.csv", "movements.csv"])
def test_every_count_is_written_in_the_rows_own_quote(table):
    for row in rows_of(table):
        for column in ("people_low", "people_high"):
            if row[column]:
                assert _says(row["quote"], int(row[column])), (row["quote"], column, row[column])


def test_the_siege_of_pailin_is_not_given_the_sum_of_both_sides(dataset):
    siege = dataset.events.loc["battle_of_pailin_1989"]
    assert pd.isna(siege["people_low"]) and "prk" in siege["faction_ids"]


def test_no_event_names_a_faction_before_it_existed(dataset):
    first = dataset.factions["first_t0"]
    for event in dataset.events.itertuples():
        for faction_id in event.faction_ids:
            assert pd.isna(first[faction_id]) or event.t1 >= first[faction_id], event.event_id


def test_a_movement_ends_on_an_exact_point_only_when_its_quote_names_that_place(dataset):
    places = dataset.places
    for move in dataset.movements.itertuples():
        if move.to_coord_precision == "exact":
            names = [places.loc[move.to_place, "name"], *places.loc[move.to_place, "aliases"]]
            assert any(n in move.quote for n in names), move.movement_id


def test_the_vietnamese_retreat_for_the_northwest_follows_the_sentence(dataset):
    move = dataset.movements.loc["vietnamese_leave_northwest_1989"]
    assert move["to_place"] == "northwest_cambodia"


def test_a_goal_is_not_drawn_as_a_movement_and_soon_is_not_a_day(dataset):
    assert "refugee_return_untac_1992" not in dataset.movements.index
    arrivals = dataset.movements.loc["refugees_arrive_khao_i_dang_1979"]
    assert arrivals["precision"] == "range" and arrivals["t1"] > arrivals["t0"]


def test_every_dated_moment_quote_is_word_for_word_in_its_seed():
    seeds = {p.name: normalise_space(p.read_text(encoding="utf-8")) for p in SEEDS.glob("*.txt")}
    checked = 0
    for table, prefixes in (
        ("factions.csv", ("first", "last")),
        ("control.csv", ("until",)),
        ("governments.csv", ("",)),
    ):
        for row in rows_of(table):
            for prefix in prefixes:
                quote = row[f"{prefix}_quote" if prefix else "quote"]
                seed = row[f"{prefix}_seed" if prefix else "seed"] or row.get("seed", "")
                if quote:
                    assert normalise_space(quote) in seeds[seed], (table, quote)
                    checked += 1
    assert checked >= 4 + 10


def test_lists_are_parsed_once_into_tuples(dataset):
    assert dataset.events.loc["pattaya_ceasefire_1991", "faction_ids"] == (
        "khmer_rouge", "kpnlf", "funcinpec", "prk",
    )  # fmt: skip
    assert "Anlong Veaeng" in dataset.places.loc["anlong_veng", "aliases"]


# --- validation of the new rules on broken copies --------------------------------------------


def test_every_shipped_place_lies_in_the_country_it_names():
    assert [p for p in problems_of(DATA) if p.startswith("data/places.csv")] == []


def test_a_place_on_the_wrong_side_of_the_border_is_reported(data_copy):
    row = next(
        i for i, r in enumerate(rows_of("places.csv"), start=2) if r["place_id"] == "sok_sann"
    )
    edit_cell(data_copy / "places.csv", row, "lon", "102.4500")
    found = [p for p in problems_of(data_copy) if p.startswith(f"data/places.csv:{row}:lat:")]
    assert len(found) == 1 and "Thailand" in found[0] and "KH" in found[0]


def test_a_place_a_little_over_the_simplified_line_is_tolerated(data_copy):
    row = next(
        i for i, r in enumerate(rows_of("places.csv"), start=2) if r["place_id"] == "sok_sann"
    )
    # 102.69 lies about 1 km on the Thai side of the bundled line at latitude 12.5
    edit_cell(data_copy / "places.csv", row, "lon", "102.6900")
    assert [p for p in problems_of(data_copy) if p.startswith(f"data/places.csv:{row}:")] == []


def test_a_holding_after_its_holder_ended_is_reported(data_copy):
    def change(table, fields):
        table.append(
            {
                **table[0],
                "place_id": "sok_sann",
                "faction_id": "kpnlf",
                "since": "1995",
                "precision": "year",
                "until": "",
                "until_precision": "",
                "until_seed": "",
                "until_quote": "",
            }
        )
        return fields

    rewrite(data_copy / "control.csv", change)
    row = len(rows_of("control.csv")) + 2
    found = problems_of(data_copy)
    assert (
        f"data/control.csv:{row}:since: `since` 1995 is after kpnlf ended (23 Oct 1991, factions.csv)"
        in found
    )


def test_an_end_that_outlives_its_holder_or_lacks_a_precision_is_reported(data_copy):
    rows = rows_of("control.csv")
    row = next(i for i, r in enumerate(rows, start=2) if r["until"])
    edit_cell(data_copy / "control.csv", row, "until", "2001")
    edit_cell(data_copy / "control.csv", row, "until_precision", "year")
    found = problems_of(data_copy)
    assert any(p.startswith(f"data/control.csv:{row}:until:") and "outlives" in p for p in found)
    edit_cell(data_copy / "control.csv", row, "until_precision", "")
    found = problems_of(data_copy)
    assert any(p.startswith(f"data/control.csv:{row}:until_precision:") for p in found)


def test_a_holding_before_the_war_began_is_reported(data_copy):
    row = next(
        i for i, r in enumerate(rows_of("control.csv"), start=2) if r["place_id"] == "mount_thom"
    )
    edit_cell(data_copy / "control.csv", row, "since", "1978-11")
    found = problems_of(data_copy)
    assert any(p.startswith(f"data/control.csv:{row}:since:") and "war began" in p for p in found)


def test_an_event_naming_a_faction_before_it_existed_is_reported(data_copy):
    rows = rows_of("events.csv")
    row = next(i for i, r in enumerate(rows, start=2) if r["event_id"] == "pattaya_ceasefire_1991")
    edit_cell(data_copy / "events.csv", row, "factions", "rgc;khmer_rouge")
    found = problems_of(data_copy)
    assert any(p.startswith(f"data/events.csv:{row}:factions:") and "'rgc'" in p for p in found)


def test_a_faction_end_quote_not_in_the_seed_is_reported(data_copy):
    rows = rows_of("factions.csv")
    row = next(i for i, r in enumerate(rows, start=2) if r["faction_id"] == "vietnam")
    edit_cell(data_copy / "factions.csv", row, "last_quote", "The Vietnamese left in 1990.")
    found = problems_of(data_copy)
    assert any(p.startswith(f"data/factions.csv:{row}:last_quote:") for p in found)


def test_a_copy_of_the_data_without_the_new_columns_still_loads(data_copy):
    for name, columns in (
        ("control.csv", ("until", "until_precision", "until_seed", "until_quote", "basis")),
        ("movements.csv", ("basis",)),
    ):
        rewrite(
            data_copy / name, lambda table, fields, c=columns: [f for f in fields if f not in c]
        )
    (data_copy / "governments.csv").unlink()
    dataset = loader.load(data_copy)
    assert set(dataset.control["basis"]) == {"inferred"}
    assert model.government_at(dataset, model.year(1990)) is None
    assert holders(dataset, date(1999, 6, 1), "khmer_rouge") == set()  # the lifetimes still apply


def test_a_holding_re_attested_by_a_second_source_is_held_since_its_first_row(dataset):
    anlong_veng = at(dataset, "anlong_veng", date(1995, 6, 1))
    assert anlong_veng["when"] == "May 1994" and anlong_veng["held_since_label"] == "24 Feb 1994"
    assert anlong_veng["attested"] and anlong_veng["until_label"] == "29 Mar 1998"
