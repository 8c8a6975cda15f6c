"""Dates in each language: CLDR's month names and ranges through Babel, vague dates still vague."""

from __future__ import annotations

from datetime import date

import pytest
from babel import Locale
from babel.dates import format_interval, format_skeleton

from kr_map import i18n
from kr_map.dates import describe, describe_in, phrase_in


def khmer(text: str) -> str:
    return i18n.with_native_digits(text, "km")


def test_english_is_the_maps_own_wording():
    for case in [("1989-10-24", "", "day"), ("1984/1986", "", "range"), ("1984-11", "", "season")]:
        assert describe_in(*case, "en") == describe(*case)


@pytest.mark.parametrize("lang", ["fr", "km"])
def test_the_fall_of_pailin_is_dated_with_cldrs_day_month_and_year(lang):
    expected = format_skeleton("yMMMd", date(1989, 10, 24), locale=lang)
    assert describe_in("1989-10-24", "", "day", lang) == i18n.with_native_digits(expected, lang)


def test_khmer_writes_cldrs_month_name_and_khmer_digits():
    october = Locale("km").months["format"]["abbreviated"][10]  # CLDR: តុលា
    assert describe_in("1989-10-24", "", "day", "km") == f"២៤ {october} ១៩៨៩"
    assert describe_in("1985-01", "", "month", "km").endswith(" ១៩៨៥")


def test_french_writes_cldrs_month_abbreviations():
    january = Locale("fr").months["format"]["abbreviated"][1]  # CLDR: janv.
    assert describe_in("1985-01", "", "month", "fr") == f"{january} 1985"


@pytest.mark.parametrize("lang", ["fr", "km"])
def test_a_range_of_years_takes_cldrs_range_punctuation(lang):
    expected = format_interval(date(1989, 1, 1), date(1991, 1, 1), "y", locale=lang)
    assert describe_in("1989", "1991", "year", lang) == i18n.with_native_digits(expected, lang)


def test_a_range_of_days_in_one_month_is_worded_by_cldr_once():
    expected = format_interval(date(1989, 10, 24), date(1989, 10, 26), "yMMMd", locale="fr")
    assert describe_in("1989-10-24", "1989-10-26", "day", "fr") == expected
    assert expected.count("1989") == 1


def test_a_vague_date_is_still_vague_in_french_and_khmer():
    assert describe_in("1985", "", "range", "fr") == "vers 1985"
    assert describe_in("1984/1986", "", "range", "fr") == "vers 1984–1986"
    assert describe_in("1984/1986", "", "range", "km").startswith("ប្រហែល ")
    assert describe_in("1984/1986", "", "range", "km").endswith(khmer("1986"))


def test_a_season_over_new_year_keeps_both_years_as_in_english():
    assert describe("1984-11", "", "season") == "c. Nov 1984 – Jan 1985"
    expected = format_interval(date(1984, 11, 1), date(1985, 1, 1), "yMMM", locale="fr")
    assert describe_in("1984-11", "", "season", "fr") == f"vers {expected}"


@pytest.mark.parametrize("lang", ["fr", "km"])
def test_a_year_stays_a_year_never_becomes_a_day(lang):
    text = describe_in("1998", "", "year", lang)
    assert text == i18n.with_native_digits("1998", lang)


def test_a_bare_year_is_sometime_in_that_year_in_each_language():
    assert phrase_in("1998", "", "year", "fr") == "à une date non précisée de 1998"
    assert phrase_in("1998", "", "year", "km") == "នៅពេលណាមួយក្នុងឆ្នាំ ១៩៩៨"
    assert phrase_in("1989", "1991", "year", "fr") == "1989–1991"  # a span is not "sometime"


def test_ends_known_to_different_detail_are_each_written_as_written():
    text = describe_in("1988-05-26", "1989-09", "range", "fr")
    assert text == "vers 26 mai 1988 – sept. 1989"
