import random

import pytest

from kr_map import model, page, query
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


# --- total parsing: whatever a URL holds, a note and a sane view, never an exception ---

NON_ASCII_DIGITS = ["²", "¹", "³", "١٩٨٩", "١", "߁", "𝟏𝟗𝟖𝟗", "①", "٣"]


@pytest.mark.parametrize("name", ["year", "month", "story", "compare"])
@pytest.mark.parametrize("value", NON_ASCII_DIGITS)
def test_digits_that_are_not_ascii_give_a_note_and_the_default(name, value):
    view, notes = query.parse_query({name: value}, story_steps=14)
    assert view == query.View()
    assert len(notes) == 1 and name in notes[0]


@pytest.mark.parametrize("name", ["year", "month", "story", "compare"])
def test_ten_kilobytes_of_digits_are_refused_unread_with_a_short_note(name):
    view, notes = query.parse_query({name: "9" * 10_000}, story_steps=14)
    assert view == query.View()
    assert len(notes) == 1 and len(notes[0]) < 200 and "10,000 characters" in notes[0]


def test_html_in_a_value_is_quoted_in_the_note_not_used():
    view, notes = query.parse_query({"mode": "<img src=x onerror=alert(1)>"})
    assert view.mode == "explore"
    assert notes == ["Ignored mode='<img src=x onerror=alert(1)>': use one of "
                     "explore, present, story, compare, predict, quiz."]  # fmt: skip


def test_a_repeated_parameter_keeps_its_first_value_and_says_so():
    view, notes = query.parse_query({"year": ["1994", "1979"], "month": ["3"]})
    assert (view.year, view.month) == (1994, 3)
    assert notes == ["year was given 2 times; used the first, '1994'."]


@pytest.mark.parametrize("name", list(query.PARAMETERS))
def test_an_empty_value_gives_a_note_and_the_default(name):
    view, notes = query.parse_query({name: ""}, story_steps=14)
    assert view == query.View()
    assert len(notes) == 1 and name in notes[0]


def test_an_empty_list_of_values_is_an_empty_value():
    view, notes = query.parse_query({"year": []})
    assert view == query.View() and len(notes) == 1


def test_a_story_step_without_a_story_is_noted():
    view, notes = query.parse_query({"story": "3"}, story_steps=0)
    assert view.story is None and "no story" in notes[0]


def test_many_unknown_parameters_make_one_short_note():
    view, notes = query.parse_query({f"p{i}": "1" for i in range(1000)})
    assert view == query.View()
    assert len(notes) == 1 and len(notes[0]) < 200


def test_the_page_module_still_offers_the_same_functions():
    assert page.parse_query is query.parse_query and page.View is query.View
    assert page.to_query is query.to_query


_NASTY = [
    "", "0", "1", "12", "13", "1979", "1999", "2000", "-1", "+5", " 7 ", "1e3", "0x10", "١",
    "²", "9" * 50, "%", "%E0%A4%A", "<script>", "{{7*7}}", "\x00", "\x1b]0;x\x07", "☃",
    "control,battles", "khmer_rouge", "story", ",", ";", "None", "nan", "inf",
]  # fmt: skip


def _random_params(rng: random.Random) -> dict[str, object]:
    names = [*query.PARAMETERS, "zz", "", "YEAR", "<b>"]
    params: dict[str, object] = {}
    for _ in range(rng.randint(0, 9)):
        value = "".join(rng.choice(_NASTY) for _ in range(rng.randint(1, 3)))
        if rng.random() < 0.2:
            value = [value, rng.choice(_NASTY)]
        elif rng.random() < 0.1:
            value = None
        params[rng.choice(names)] = value
    return params


@pytest.mark.parametrize("seed", range(40))
def test_fuzzed_urls_never_raise_and_always_give_a_valid_view(seed):
    rng = random.Random(seed)
    for _ in range(50):
        params = _random_params(rng)
        view, notes = query.parse_query(params, story_steps=rng.choice([0, 14]))
        assert model.FIRST_YEAR <= view.year <= model.LAST_YEAR
        assert view.month is None or 1 <= view.month <= 12
        assert set(view.layers) <= set(query.LAYERS) and view.factions
        assert view.mode in query.MODES
        assert all(isinstance(note, str) and len(note) < 400 for note in notes)
        again, more = query.parse_query(query.to_query(view), story_steps=14)
        assert again == view and more == []


def test_present_carries_the_story_or_compare_it_was_given():
    assert page.shown_mode(page.parse_query({"mode": "present", "story": "11"}, 14)[0]) == "story"
    assert page.shown_mode(page.parse_query({"mode": "present", "compare": "1990"})[0]) == "compare"
    assert page.shown_mode(page.parse_query({"mode": "present"})[0]) == "explore"
    assert page.shown_mode(page.parse_query({"mode": "predict"})[0]) == "predict"


def test_the_credit_line_comes_from_each_sources_record_or_names_the_file(dataset):
    record = {"title": "Battle of Pailin", "publisher": "Wikipedia", "licence": "CC BY-SA 4.0"}
    line = page.sources_line({"battle_of_pailin.txt": record}, dataset)
    assert "“Battle of Pailin” (Wikipedia, CC BY-SA 4.0)" in line
    assert "seeds/khmer_rouge_insurgency.txt" in line, "no record: the file, no publisher guessed"
    assert "Wikipedia" not in page.sources_line(None, dataset)


def test_changes_on_the_wall_are_escaped_plain_text():
    records = [{"place": "<b>X</b>", "before": "A", "after": "B", "since": "1990",
                "quote": "a <script> quote", "source": "seeds/x.txt"}]  # fmt: skip
    html = page.changes_html(records, "Changes & more")
    assert "<script>" not in html and "&lt;script&gt;" in html and "&lt;b&gt;X" in html
    assert "Changes &amp; more" in html
    assert "No change of hands" in page.changes_html([], "None")
