"""Text from the data never drives the user's terminal: control characters are escaped."""

from __future__ import annotations

import json

import pytest

from kr_map.cli import main
from kr_map.problems import Problem
from kr_map.terminal import for_terminal, json_for_terminal

from .hostile import mirror_translations
from .test_bad_data import read_table, write_table

HOSTILE = "\x1b]0;owned\x07\x1b[2J\x9b31m\u202eKhmer Rouge\r\nnext"


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),  # retitle the terminal window
        ("\x1b[2J", "\\x1b[2J"),  # clear the screen
        ("\x9b2J", "\\x9b2J"),  # the same with the one-byte C1 CSI
        ("a\nb\rc\td", "a\\x0ab\\x0dc\\x09d"),  # one record stays one line
        ("\u202eevil", "\\u202eevil"),  # right-to-left override disguises text
        ("\x00\x7f", "\\x00\\x7f"),
    ],
)
def test_control_characters_become_visible_escapes(raw, shown):
    assert for_terminal(raw) == shown


def test_ordinary_text_in_any_script_is_untouched():
    text = "Pailin ប៉ៃលិន — Khao I Dang (เขาอีด่าง), “quoted”, 6,000 people"
    assert for_terminal(text) == text


def test_json_keeps_its_meaning_and_its_layout():
    document = json.dumps({"title": HOSTILE, "n": [1, 2]}, ensure_ascii=False, indent=2)
    safe = json_for_terminal(document)
    assert json.loads(safe) == {"title": HOSTILE, "n": [1, 2]}
    assert "\x1b" not in safe and "\x9b" not in safe and "\u202e" not in safe
    assert safe.count("\n") == document.count("\n")


def test_a_problem_line_is_terminal_safe():
    line = str(Problem("data/events.csv", 2, "\x1b[2Jtitle", "bad \x07 value"))
    assert line == "data/events.csv:2:\\x1b[2Jtitle: bad \\x07 value"


def hostile_copy(data_copy):
    events = data_copy / "events.csv"
    header, rows = read_table(events)
    rows[0][header.index("title")] = HOSTILE
    write_table(events, header, rows)
    places = data_copy / "places.csv"
    header, rows = read_table(places)
    rows[0][header.index("name")] = "Pailin\x1b[31m"  # pailin, the first place
    write_table(places, header, rows)
    mirror_translations(data_copy)  # the title's translations say the hostile text too
    return data_copy


def assert_no_control_characters(text: str) -> None:
    assert not any(c in text for c in "\x1b\x07\x9b\u202e\r"), repr(text[:200])


def test_state_prints_data_text_with_escapes(data_copy, capsys):
    hostile_copy(data_copy)
    assert main(["state", "--date", "1978", "--data", str(data_copy)]) == 0
    out, err = capsys.readouterr()
    assert_no_control_characters(out + err)
    assert "\\x1b]0;owned\\x07" in out


def test_state_json_is_safe_and_still_exact(data_copy, capsys):
    hostile_copy(data_copy)
    assert main(["state", "--date", "1989-10-24", "--json", "--data", str(data_copy)]) == 0
    out = capsys.readouterr().out
    assert_no_control_characters(out)
    pailin = next(c for c in json.loads(out)["control"] if c["place_id"] == "pailin")
    assert pailin["place_name"] == "Pailin\x1b[31m"  # the data, exactly, once decoded


def test_validate_prints_problems_and_folder_names_with_escapes(tmp_path, data_copy, capsys):
    events = data_copy / "events.csv"
    header, rows = read_table(events)
    rows[0][header.index("seed")] = "\x1b]0;x\x07.txt"
    write_table(events, header, rows)
    assert main(["validate", str(data_copy)]) == 1
    out, err = capsys.readouterr()
    assert_no_control_characters(out + err)
    assert out.startswith("data/events.csv:2:seed: seed '\\x1b]0;x\\x07.txt' is not a file")


def test_the_ok_line_escapes_the_folder_name(tmp_path, capsys):
    import shutil

    from .conftest import DATA, SEEDS

    odd = tmp_path / "\x1b[2Jclass"
    shutil.copytree(DATA, odd / "data")
    shutil.copytree(SEEDS, odd / "seeds")
    assert main(["validate", str(odd / "data")]) == 0
    out = capsys.readouterr().out
    assert_no_control_characters(out)
    assert "\\x1b[2Jclass" in out
