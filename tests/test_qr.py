"""QR codes of the permalinks: segno's matrix, carried compactly, and `kr-map export --url`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import segno

from kr_map import cli, qr


def modules(code: dict) -> list[list[bool]]:
    size = code["size"]
    rows = []
    for row in code["rows"]:
        bits = bin(int(row, 16))[2:].zfill(len(row) * 4)
        rows.append([bit == "1" for bit in bits[:size]])
    return rows


def test_the_compact_matrix_is_segnos_module_for_module():
    address = "https://school.example/kr-map.html#year=1989&month=10"
    code = qr.qr_matrix(address)
    expected = [[bool(m) for m in row] for row in segno.make_qr(address, error="m").matrix]
    assert code["size"] == len(expected)
    assert modules(code) == expected


def test_each_frame_links_to_its_own_view_in_the_export_and_in_the_app():
    codes = qr.qr_codes("https://school.example/kr-map.html#old", ["1989", "1994-03"])
    assert codes["base"] == "https://school.example/kr-map.html"
    assert (
        codes["codes"]["1994-03"]["url"] == "https://school.example/kr-map.html#year=1994&month=3"
    )
    app = qr.qr_codes("https://maps.school.example/?year=1979", ["1989"], separator="?")
    assert app["codes"]["1989"]["url"] == "https://maps.school.example/?year=1989"


@pytest.mark.parametrize("address", ["file:///home/t/kr-map.html", "kr-map.html", "ftp://x/y"])
def test_an_address_a_phone_cannot_open_is_refused_with_the_reason(address):
    with pytest.raises(qr.AddressError, match="public address of the file"):
        qr.check_public_url(address)


def test_an_app_on_this_computer_has_no_public_address():
    assert qr.public_address("http://localhost:8501/") is None
    assert qr.public_address("http://127.0.0.1:8501/?year=1989") is None
    assert qr.public_address("https://maps.school.example/") == "https://maps.school.example/"


def exported_document(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    found = re.search(r'<script type="application/json" id="kr-frames">(.*?)</script>', text, re.S)
    return json.loads(found.group(1))


def test_export_with_url_carries_a_qr_code_per_frame_and_the_quiz(tmp_path):
    out = tmp_path / "map.html"
    assert cli.main(["export", str(out), "--from", "1989", "--to", "1990",
                     "--url", "https://school.example/kr-map.html"]) == 0  # fmt: skip
    document = exported_document(out)
    keys = [frame["key"] for frame in document["frames"]]
    assert sorted(document["qr"]["codes"]) == sorted(keys)
    assert document["qr"]["codes"]["1989-10"]["url"].endswith("#year=1989&month=10")
    asked = [q["prompt"] for q in document["quiz"]["questions"]]
    assert "Who held Pailin at the end of 1990?" in asked
    assert not [q for q in document["quiz"]["questions"] if q["show"] not in keys]


def test_export_without_url_has_no_qr_and_a_bad_url_is_a_usage_error(tmp_path, capsys):
    out = tmp_path / "map.html"
    assert cli.main(["export", str(out), "--from", "1989", "--to", "1989"]) == 0
    assert "qr" not in exported_document(out)
    assert cli.main(["export", str(tmp_path / "b.html"), "--url", "file:///x.html"]) == 2
    assert "--url must be the public address" in capsys.readouterr().err
    assert cli.main(["export", str(tmp_path / "e.csv"), "--url", "https://a.example/"]) == 2
