from datetime import date

import pytest

from kr_map.dates import DateFormatError, describe, parse_interval, parse_iso, period_of


def test_a_day_is_one_day():
    span = parse_iso("1989-10-24")
    assert (span.first, span.last, span.detail) == (date(1989, 10, 24), date(1989, 10, 24), "day")


def test_a_month_covers_every_day_of_that_month():
    span = parse_iso("1985-02")
    assert (span.first, span.last) == (date(1985, 2, 1), date(1985, 2, 28))


def test_a_year_covers_the_whole_year():
    span = parse_iso("1979")
    assert (span.first, span.last, span.detail) == (date(1979, 1, 1), date(1979, 12, 31), "year")


def test_an_interval_is_a_range_from_first_to_last_possible_day():
    span = parse_interval("1984/1986")
    assert (span.first, span.last, span.detail) == (date(1984, 1, 1), date(1986, 12, 31), "range")


@pytest.mark.parametrize("text", ["24/10/89", "1989-13", "1989-02-30", "89", "1989-1-5", ""])
def test_impossible_or_foreign_dates_are_refused(text):
    with pytest.raises(DateFormatError):
        parse_iso(text)


def test_an_interval_that_ends_before_it_starts_is_refused():
    with pytest.raises(DateFormatError):
        parse_interval("1990/1985")


def test_summer_1979_is_three_months_not_a_false_exact_day():
    span = period_of("1979-06", "", "season")
    assert (span.first, span.last) == (date(1979, 6, 1), date(1979, 8, 31))
    assert describe("1979-06", "", "season") == "c. Jun–Aug 1979"


def test_the_1993_94_dry_season_names_both_its_years():
    assert describe("1993-12", "", "season") == "c. Dec 1993 – Feb 1994"


def test_an_event_runs_from_the_first_day_of_its_start_to_the_last_of_its_end():
    span = period_of("1984-11", "1985-04", "month")
    assert (span.first, span.last) == (date(1984, 11, 1), date(1985, 4, 30))


def test_dates_read_the_way_people_say_them():
    assert describe("1989-10-24", "", "day") == "24 Oct 1989"
    assert describe("1984-11", "1985-04", "month") == "Nov 1984 – Apr 1985"
    assert describe("1984/1986", "", "range") == "c. 1984–1986"
    assert describe("1984", "1986", "range") == "c. 1984 – 1986"


def test_a_vague_span_is_described_with_the_detail_each_end_was_written_in():
    assert describe("1994-03-18/1994-03-19", "", "range") == "c. 18–19 Mar 1994"
    assert describe("1979/1993-08", "", "range") == "c. 1979 – Aug 1993"
    assert describe("1998-03-29/1998", "", "range") == "c. 29 Mar 1998 – 1998"


@pytest.mark.parametrize(
    "start,end,precision,expected",
    [
        ("1989-09", "1989", "range", "1989-09/1989-12"),
        ("1993-07-07", "1993", "range", "1993-07-07/1993-12-31"),
        ("1998-03-29", "1998", "range", "1998-03-29/1998-12-31"),
        ("1979-11-19", "1980", "range", "1979-11-19/1980-12-31"),
        ("1984", "1986", "range", "1984/1986"),
        ("1979-01", "1979-06", "month", "1979-01/1979-06"),
        ("1979/1993-08", "", "range", "1979/1993-08"),
    ],
)
def test_an_interval_end_is_written_as_finely_as_its_start_for_every_edtf_reader(
    start, end, precision, expected
):
    import edtf
    from edtf_validate.valid_edtf import is_valid

    from kr_map.edtf_dates import edtf_date

    written = edtf_date(start, end, precision)
    assert written.edtf == expected
    edtf.parse_edtf(written.edtf)
    assert is_valid(written.edtf)
    assert written.latest == period_of(start, end, precision).last


def test_the_app_first_page_does_not_wait_for_the_edtf_grammar_only_an_export_does():
    import subprocess
    import sys

    probe = (
        "import sys; import kr_map.export; from kr_map.edtf_dates import edtf_date; "
        "print('edtf' in sys.modules); edtf_date('1989-10-24', '', 'day'); "
        "print('edtf' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)

    assert done.stdout.split() == ["False", "True"]
