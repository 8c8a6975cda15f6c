"""The CLI's human output and the handouts in a language (issue 21)."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from kr_map import i18n
from kr_map.articles import SideName
from kr_map.cli import build_parser, environment_language, main
from kr_map.handout import handout_page

from .test_validate import edit_cell, rewrite

KHMER = re.compile("[\u1780-\u17ff]")
KHMER_DIGITS = "០១២៣៤៥៦៧៨៩"
# A column name that would retitle the terminal (OSC 0 ... BEL) and reverse the line (RLO).
HOSTILE = "\x1b]0;owned\x07\u202e"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def run_state(capsys, *extra: str) -> str:
    assert main(["state", "--date", "1989-10-31", *extra]) == 0
    return capsys.readouterr().out


def test_kr_map_state_in_french_says_how_holdings_began_and_ended_in_french(capsys):
    out = run_state(capsys, "--lang", "fr")
    fr = i18n.gettext_for("fr")
    holder = SideName("Khmers rouges", "les")  # the name and its article, translations.csv
    began = fr("passes to {holder} ({date})").format(holder=holder, date="24 oct. 1989")
    assert began in out  # Pailin's stated change of hands, French message and name
    assert "passes to" not in out and "first attested" not in out and "last attested" not in out
    assert "Khmer Rouge capture Pailin" in out  # the data's own words stay as written


def test_kr_map_state_in_khmer_words_kinds_and_holdings_in_khmer(capsys):
    out = run_state(capsys, "--lang", "km")
    km = i18n.gettext_for("km")
    assert km("capture") in out
    assert km("passes to {holder} ({date})").split(" {holder}")[0] in out
    assert "held by" not in out and "passes to" not in out


def test_kr_map_state_json_stays_in_english_whatever_the_language(capsys):
    english = run_state(capsys, "--json")
    assert run_state(capsys, "--json", "--lang", "km") == english
    assert not KHMER.search(english)


def test_kr_map_handout_takes_a_language(tmp_path):
    args = build_parser().parse_args(["handout", "--date", "1989-10", "--lang", "km", "x.pdf"])
    assert args.lang == "km"
    assert build_parser().parse_args(["handout", "--story", "y.pdf"]).lang is None  # en, see below


def test_the_khmer_handout_is_printed_from_a_khmer_page_with_the_font(dataset):
    page = handout_page(dataset, None, "km")
    assert page.count('<html lang="km">') == 1
    assert "Noto Sans Khmer" in page
    km = i18n.gettext_for("km")
    assert km("Held by") in page and km("Start") in page  # the cards' labels, built in Khmer
    assert '"Held by"' not in page


# --- Every line a command prints for a person speaks --lang (or the locale's language) ---


@pytest.fixture
def broken(data_copy: Path) -> Path:
    """Return a data folder with one problem of each kind of check (cells, ids, dates)."""
    edit_cell(data_copy / "control.csv", 2, "place_id", "atlantis")  # validation.py
    edit_cell(data_copy / "events.csv", 3, "people_low", "6,000")  # schema.py
    edit_cell(data_copy / "events.csv", 4, "start", "24/10/89")  # schema.py + dates.py
    return data_copy


@pytest.fixture
def locale_is(monkeypatch):
    """Return a function that sets the user's locale as a shell would (LANG only)."""

    def set_locale(value: str, language: str = "") -> None:
        for name in LOCALE_VARIABLES:
            monkeypatch.delenv(name, raising=False)
        monkeypatch.setenv("LANG", value)
        if language:
            monkeypatch.setenv("LANGUAGE", language)
        # What Python itself sets when the user's locale is not installed (PEP 538).
        monkeypatch.setenv("LC_CTYPE", "C.UTF-8")

    return set_locale


def validate_in(capsys, folder: Path, *extra: str) -> tuple[list[str], str]:
    assert main(["validate", str(folder), *extra]) == 1
    captured = capsys.readouterr()
    return captured.out.splitlines(), captured.err


def expected_problems(lang: str) -> list[str]:
    """Return the broken folder's problems as the catalog of ``lang`` words them."""
    _ = i18n.gettext_for(lang)
    bad_date = _(
        "must be a date like 1989-10-24, 1985-01 or 1979 (or a span like 1984/1986), got {value}"
    ).format(value="'24/10/89'")
    return [
        "data/control.csv:2:place_id: "
        + _("unknown place id {value}: not in places.csv").format(value="'atlantis'"),
        "data/events.csv:3:people_low: "
        + _("`{column}` must be a whole number without commas like 6000, got {value}").format(
            column="people_low", value="'6,000'"
        ),
        "data/events.csv:4:start: "
        + _("`{column}` {reason}").format(column="start", reason=bad_date),
    ]


def where(lines: list[str]) -> list[str]:
    """Return each problem's ``file:row:column:`` (a column name holds no ': ')."""
    return sorted(line.split(": ", 1)[0] for line in lines)


@pytest.mark.parametrize("lang", ["km", "fr"])
def test_validate_words_each_problem_in_the_language_asked_keeping_file_row_and_column(
    capsys, broken, lang
):
    english, _ = validate_in(capsys, broken, "--lang", "en")
    lines, err = validate_in(capsys, broken, "--lang", lang)
    assert where(lines) == where(english)  # the same cells, named the same way
    for line in expected_problems(lang):
        assert line in lines
        assert line not in english  # the catalog translates it: a real change of language
    summary = i18n.translator(lang).ngettext(
        "{count} problem in {folder}", "{count} problems in {folder}", len(lines)
    )
    assert err.strip() == summary.format(count=i18n.number(len(lines), lang), folder=broken)


def test_validate_in_khmer_counts_the_problems_in_khmer_digits(capsys, broken):
    _, err = validate_in(capsys, broken, "--lang", "km")
    assert KHMER_DIGITS[3] in err and not re.search("[0-9] ", err)


def test_validate_speaks_the_locale_of_the_shell_without_lang(capsys, broken, locale_is):
    locale_is("fr_FR.UTF-8")
    lines, err = validate_in(capsys, broken)
    assert expected_problems("fr")[0] in lines
    assert err.startswith("3 problèmes dans ")
    english, _ = validate_in(capsys, broken, "--lang", "en")  # --lang wins over the locale
    assert expected_problems("en")[0] in english


@pytest.mark.parametrize(
    ("locale", "lang"),
    [("fr_FR.UTF-8", "fr"), ("km_KH.UTF-8", "km"), ("fr_CA", "fr"), ("C.UTF-8", "en"),
     ("de_DE.UTF-8", "en"), ("", "en")],
)  # fmt: skip
def test_the_locale_picks_the_nearest_language_of_the_map(locale_is, locale, lang):
    locale_is(locale)
    assert environment_language() == lang


def test_language_lists_preferences_before_the_locale_unless_it_is_c(locale_is):
    locale_is("fr_FR.UTF-8", language="km:fr")
    assert environment_language() == "km"
    locale_is("C.UTF-8", language="km")  # gettext, too, ignores LANGUAGE in the C locale
    assert environment_language() == "en"
    assert environment_language({"LC_ALL": "fr_FR.UTF-8", "LANG": "km_KH"}) == "fr"


def test_valid_data_says_ok_in_the_language_asked(capsys, data_copy):
    assert main(["validate", str(data_copy), "--lang", "km"]) == 0
    out = capsys.readouterr().out
    with (data_copy / "events.csv").open(encoding="utf-8", newline="") as handle:
        events = len(list(csv.DictReader(handle)))
    km = i18n.translator("km")
    counted = km.ngettext("{file}: {count} row", "{file}: {count} rows", events)
    assert counted.format(file="events.csv", count=i18n.number(events, "km")) in out
    assert out.startswith(km.gettext("ok: {folder} is valid ({counts})").split("{folder}")[0])
    assert "is valid" not in out


def test_hostile_column_names_stay_inert_in_a_khmer_report(capsys, data_copy):
    rewrite(data_copy / "governments.csv", lambda table, fields: [*fields, HOSTILE, HOSTILE])
    lines, err = validate_in(capsys, data_copy, "--lang", "km")
    text = "\n".join(lines) + err
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e]", text)
    shown = "\\x1b]0;owned\\x07\\u202e"  # as the escapes, visible and harmless
    twice = i18n.gettext_for("km")(
        "the column `{column}` appears twice (columns {first} and {second}); "
        "each column name must be used once"
    )
    assert lines == [f"data/governments.csv:1:{shown}: " + twice.format(
        column=shown, first=10, second=11
    )]  # fmt: skip


def test_broken_data_under_another_command_is_reported_in_its_language(capsys, broken):
    assert main(["state", "--date", "1989-10", "--data", str(broken), "--lang", "fr"]) == 1
    err = capsys.readouterr().err
    assert expected_problems("fr")[0] in err.splitlines()
    fr = i18n.gettext_for("fr")
    assert fr("The data has problems: run `kr-map validate` to see them all.") in err
    assert "The data has problems" not in err


def as_pattern(template: str) -> str:
    """Return a regular expression matching ``template`` with any text in its placeholders."""
    return re.sub(r"\\\{\w+\\\}", ".+?", re.escape(template))


def test_export_in_khmer_says_what_it_wrote_in_khmer(capsys, tmp_path):
    out = tmp_path / "map.html"
    assert main(["export", str(out), "--lang", "km", "--from", "1989", "--to", "1989"]) == 0
    lines = capsys.readouterr().out.splitlines()
    km = i18n.translator("km")
    frames = km.ngettext(
        "{count} frame ({first}–{last}), layers {layers}, languages {langs}",
        "{count} frames ({first}–{last}), layers {layers}, languages {langs}",
        2,
    )
    wrote = km.gettext("Wrote {path} ({format}, {size}): {summary}.")
    assert re.fullmatch(as_pattern(wrote.replace("{summary}", frames)), lines[0])
    assert f"({'១៩៨៩'}–{'១៩៨៩'})" in lines[0] and str(out) in lines[0]
    assert "Wrote" not in lines[0] and "frames" not in lines[0]
    assert lines[1] == km.gettext("Open it in any web browser; it needs no internet and no server.")


def test_a_csv_export_speaks_the_locale_and_writes_the_same_file(capsys, tmp_path, locale_is):
    english, khmer = tmp_path / "en.csv", tmp_path / "km.csv"
    assert main(["export", str(english), "--lang", "en"]) == 0
    capsys.readouterr()
    locale_is("km_KH.UTF-8")
    assert main(["export", str(khmer)]) == 0
    line = capsys.readouterr().out.strip()
    rows = i18n.translator("km").ngettext("{count} row of {table}", "{count} rows of {table}", 2)
    assert rows.split("{count}")[1].split("{table}")[0] in line and KHMER.search(line)
    assert khmer.read_bytes() == english.read_bytes()  # the machine's output never changes


def test_geocode_says_each_place_and_the_summary_in_the_language_spoken(tmp_path, capsys):
    from kr_map.geocode_cli import run_geocode

    from .test_geocode import PLACES_CSV, FakeGeocoder, cli_args

    places = tmp_path / "places.csv"
    places.write_bytes(PLACES_CSV.encode("utf-8"))
    with i18n.speaking("fr"):  # as `kr-map geocode --lang fr` runs it (cli.main)
        assert run_geocode(cli_args("--places", str(places)), geocoder=FakeGeocoder()) == 0
    out = capsys.readouterr().out.splitlines()
    fr = i18n.gettext_for("fr")
    skipped = fr("{label}: already has coordinates (--force looks it up again)")
    assert out[0] == skipped.format(label=f"{fr('skipped'):<10} phnom_penh")
    summary = fr("{filled} filled, {not_found} not found, {skipped} skipped")
    assert fr("{summary}.").format(summary=summary.format(filled=2, not_found=0, skipped=2)) in out
    assert out[-1] == fr("Wrote {path}.").format(path=places)
    assert not any("Wrote" in line or "filled" in line for line in out)


@pytest.mark.parametrize(
    "argv",
    [["validate"], ["state", "--date", "1989"], ["geocode"], ["export", "x.html"],
     ["handout", "--story", "x.pdf"]],
)  # fmt: skip
def test_every_command_takes_lang_and_speaks_the_locale_without_it(argv, locale_is):
    from kr_map.cli import output_language

    locale_is("km_KH.UTF-8")
    assert output_language(build_parser().parse_args([*argv, "--lang", "fr"])) == "fr"
    assert output_language(build_parser().parse_args(argv)) == "km"
