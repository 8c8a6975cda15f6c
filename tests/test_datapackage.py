"""data/datapackage.json: generated from the schema, and valid for the Frictionless validator."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from frictionless import Package

from kr_map import datapackage, schema

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


def report_of(folder: Path):
    return Package(str(folder / "datapackage.json")).validate()


def test_the_committed_descriptor_is_the_one_the_schema_generates():
    committed = (DATA / "datapackage.json").read_text(encoding="utf-8")
    assert committed == datapackage.descriptor_text(DATA), (
        "data/datapackage.json is out of date: run `python -m kr_map.datapackage`"
    )


def test_every_table_of_the_schema_is_a_resource_with_its_keys():
    resources = {r["name"]: r for r in datapackage.descriptor(DATA)["resources"]}
    assert set(resources) == {t.name for t in (*schema.TABLES, *schema.OPTIONAL_TABLES)}
    assert resources["places"]["schema"]["primaryKey"] == ["place_id"]
    foreign = resources["control"]["schema"]["foreignKeys"]
    assert {
        "fields": ["place_id"],
        "reference": {"resource": "places", "fields": ["place_id"]},
    } in foreign
    fields = {f["name"]: f for f in resources["events"]["schema"]["fields"]}
    assert fields["kind"]["constraints"]["enum"] == list(schema.EVENTS.field("kind").choices)
    assert fields["people_low"]["type"] == "integer"
    assert "required" not in fields["end"].get("constraints", {})


def test_a_new_schema_column_appears_in_the_descriptor():
    extra = schema.Field("basis", "choice", required=False, choices=("stated", "inferred"))
    control = schema.CONTROL
    changed = schema.TableSchema(control.name, control.file, control.key, (*control.fields, extra))
    resource = datapackage.resource(changed, None, schema.TABLES)
    assert resource["schema"]["fields"][-1]["constraints"]["enum"] == ["stated", "inferred"]


def test_licences_and_sources_name_the_articles():
    document = datapackage.descriptor(DATA)
    assert document["licenses"][0]["name"] == "CC-BY-SA-4.0"
    paths = {s["path"] for s in document["sources"]}
    assert "https://en.wikipedia.org/wiki/Battle_of_Pailin" in paths
    assert "https://en.wikipedia.org/wiki/Khmer_Rouge_insurgency" in paths


def test_the_frictionless_validator_accepts_the_data_package():
    report = report_of(DATA)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    for table in schema.TABLES:
        lines = (DATA / table.file).read_text(encoding="utf-8").strip().splitlines()
        assert 0 < rows[table.name] <= len(lines) - 1  # quoted cells may span lines


@pytest.mark.parametrize(
    ("file", "old", "new", "error"),
    [
        ("events.csv", ",pailin,", ",nowhere,", "foreign-key"),
        ("events.csv", ",capture,", ",party,", "constraint-error"),
        ("places.csv", "12.8490", "twelve", "type-error"),
    ],
)
def test_a_broken_copy_fails_the_frictionless_validator(data_copy, file, old, new, error):
    shutil.copy(DATA / "datapackage.json", data_copy / "datapackage.json")
    path = data_copy / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    report = report_of(data_copy)
    assert not report.valid
    assert error in {row[0] for row in report.flatten(["type"])}


def test_the_command_checks_and_regenerates(data_copy, capsys):
    target = data_copy / "datapackage.json"
    target.write_text(target.read_text(encoding="utf-8").replace('"integer"', '"string"'))
    assert datapackage.main(["--data", str(data_copy), "--check"]) == 1
    assert datapackage.main(["--data", str(data_copy)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["name"] == "kr-map"
    assert datapackage.main(["--data", str(data_copy), "--check"]) == 0
    assert "matches the schema" in capsys.readouterr().out
