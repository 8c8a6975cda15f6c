"""`kr-map state`: who held what on a date, with names, precision and coordinates."""

from __future__ import annotations

import json

import pandas as pd

from kr_map import model
from kr_map.cli import main


def state_json(capsys, *argv):
    assert main(["state", *argv, "--json"]) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def test_pailin_held_by_the_khmer_rouge_after_october_1989_with_names_and_coordinates(capsys):
    document, err = state_json(capsys, "--date", "1990-01-01")
    assert err == ""
    pailin = next(c for c in document["control"] if c["place_id"] == "pailin")
    assert pailin["place_name"] == "Pailin" and pailin["faction_name"] == "Khmer Rouge"
    assert (pailin["since"], pailin["precision"]) == ("1989-10-24", "day")
    assert (pailin["lat"], pailin["lon"]) == (12.849, 102.6093)
    assert {"seed", "quote", "faction_id"} <= set(pailin)


def test_events_and_movements_carry_place_names_precision_and_coordinates(capsys):
    document, _ = state_json(capsys, "--date", "1989-10-24")
    fall = next(e for e in document["events"] if e["event_id"] == "fall_of_pailin_1989")
    assert fall["place_name"] == "Pailin" and fall["precision"] == "day"
    assert (fall["lat"], fall["lon"]) == (12.849, 102.6093)
    for movement in document["movements"]:
        assert movement["from_name"] and (movement["to_name"] or movement["to_place"] is None)
        assert isinstance(movement["from_lat"], float) and movement["precision"]
        assert movement["route"].startswith(movement["from_name"] + " → ")


def test_the_text_lists_names_first_and_the_precision(capsys):
    assert main(["state", "--date", "1994-05-15"]) == 0
    out = capsys.readouterr().out
    assert "  Pailin (pailin)" in out
    line = next(line for line in out.splitlines() if line.startswith("  Pailin (pailin)"))
    assert "Khmer Rouge" in line and "passes to Khmer Rouge (19 Apr 1994)" in line
    assert "Khmer Rouge retake Pailin [Pailin]" in out
    assert "Events of 1994 (" in out and "Movements under way in 1994 (" in out


def test_a_date_outside_1979_to_1999_warns_and_still_answers(capsys):
    document, err = state_json(capsys, "--date", "2005-06-01")
    assert "warning: 2005-06-01 is outside the map's years (1979 to 1999)" in err
    assert document["date"] == "2005-06-01" and document["control"]
    _, err = state_json(capsys, "--date", "1979-01-07")
    assert err == ""


def test_fields_the_model_adds_to_control_are_shown_when_present(capsys, monkeypatch):
    real = model.state_at

    def with_basis(dataset, period):
        state = real(dataset, period)
        control = state.control.assign(basis="stated", run_last_attested="1989-10-24")
        return model.State(state.period, control, state.events, state.movements, state.camps)

    monkeypatch.setattr(model, "state_at", with_basis)
    document, _ = state_json(capsys, "--date", "1990")
    assert {c["basis"] for c in document["control"]} == {"stated"}
    assert document["control"][0]["last_attested"] == "1989-10-24"
    assert main(["state", "--date", "1990"]) == 0
    assert "a source vouches for it on this date" in capsys.readouterr().out


def test_the_new_fields_appear_exactly_when_the_model_has_them(capsys, dataset):
    document, _ = state_json(capsys, "--date", "1990-06-01")
    columns = model.state_at(dataset, model.day(pd.Timestamp("1990-06-01").date())).control
    keys = {"basis": "basis", "attested": "attested", "last_attested": "run_last_attested"}
    for key, column in keys.items():
        assert (key in document["control"][0]) == (column in columns.columns), key
    # an end is worded from the claims, never printed as a bare date
    assert "until_label" not in document["control"][0] and document["control"][0]["end"]


def test_state_keeps_ranges_and_counts_as_the_sources_give_them(capsys):
    document, _ = state_json(capsys, "--date", "1998-06-01")
    retreat = next(
        m for m in document["movements"] if m["movement_id"] == "last_khmer_rouge_retreat_1998"
    )
    assert retreat["people"] == "250–300 people" and retreat["to_place"] is None
    assert "destination not given" in retreat["route"]
    pauk = next(e for e in document["events"] if e["event_id"] == "ke_pauk_surrenders_1998")
    assert pauk["when"] == "29 Mar 1998"
    elections = next(e for e in document["events"] if e["event_id"] == "national_elections_1998")
    assert elections["when"] == "sometime in 1998"
    assert main(["state", "--date", "1979-09"]) == 0
    out = capsys.readouterr().out
    assert "over 1,000,000 people" in out
    assert out.count("1,000,000 people") == out.count("over 1,000,000 people")
    assert "Events of 1979 (" in out  # a whole year's events under the year, not one day


def test_state_says_a_holding_is_past_its_last_mention_and_words_no_unstated_end(capsys):
    document, _ = state_json(capsys, "--date", "1990-06-01")
    thom = next(c for c in document["control"] if c["place_id"] == "mount_thom")
    assert thom["status"] == "after" and thom["end"] == "last attested Jul 1979"
    malai = next(c for c in document["control"] if c["place_id"] == "phnom_malai")
    assert malai["start"] == "held by Khmer Rouge (first attested 24 Oct 1989)"
    assert malai["end"] == "until Aug 1996" and malai["status"] == "stated"
    pailin = next(c for c in document["control"] if c["place_id"] == "pailin")
    assert pailin["start"] == "passes to Khmer Rouge (24 Oct 1989)"
