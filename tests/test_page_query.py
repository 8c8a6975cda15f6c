from kr_map import page
from kr_map.vocab import FACTION_IDS


def test_a_bookmarked_url_restores_year_month_layers_and_factions():
    view, notes = page.parse_query(
        {"year": "1994", "month": "3", "layers": "control,battles", "factions": "khmer_rouge,rgc"}
    )
    assert notes == []
    assert (view.year, view.month) == (1994, 3)
    assert view.layers == ("control", "battles")
    assert view.factions == ("khmer_rouge", "rgc")
    assert view.period.label == "March 1994"


def test_a_view_survives_the_round_trip_through_the_url():
    view, _ = page.parse_query(
        {"year": "1997", "month": "7", "layers": "battles", "mode": "present"}
    )
    again, notes = page.parse_query(page.to_query(view))
    assert again == view and notes == []


def test_a_year_outside_the_period_falls_back_to_the_default_with_a_note():
    view, notes = page.parse_query({"year": "2050"})
    assert view.year == page.DEFAULT_YEAR
    assert any("year='2050'" in note for note in notes)


def test_garbage_parameters_never_crash_and_each_gets_a_note():
    view, notes = page.parse_query(
        {
            "year": "<script>",
            "month": "13",
            "layers": "nonsense",
            "factions": "martians",
            "mode": "x",
            "zz": "1",
        }
    )
    assert view == page.View()
    assert len(notes) == 6


def test_unknown_factions_are_dropped_but_known_ones_kept():
    view, notes = page.parse_query({"factions": "khmer_rouge,martians"})
    assert view.factions == ("khmer_rouge",)
    assert "martians" in notes[0]


def test_default_view_has_every_faction_and_a_short_url():
    assert page.View().factions == FACTION_IDS
    assert page.to_query(page.View()) == {"year": str(page.DEFAULT_YEAR)}
