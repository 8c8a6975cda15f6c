"""The CLI's human output and the handouts in a language (issue 21)."""

from __future__ import annotations

import re

from kr_map import i18n
from kr_map.cli import build_parser, main
from kr_map.handout import handout_page

KHMER = re.compile("[\u1780-\u17ff]")


def run_state(capsys, *extra: str) -> str:
    assert main(["state", "--date", "1989-10-31", *extra]) == 0
    return capsys.readouterr().out


def test_kr_map_state_in_french_says_how_holdings_began_and_ended_in_french(capsys):
    out = run_state(capsys, "--lang", "fr")
    fr = i18n.gettext_for("fr")
    began = fr("passes to {holder} ({date})").format(holder="Khmers rouges", date="24 oct. 1989")
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
    assert build_parser().parse_args(["handout", "--story", "y.pdf"]).lang == "en"


def test_the_khmer_handout_is_printed_from_a_khmer_page_with_the_font(dataset):
    page = handout_page(dataset, None, "km")
    assert page.count('<html lang="km">') == 1
    assert "Noto Sans Khmer" in page
    km = i18n.gettext_for("km")
    assert km("Held by") in page and km("Start") in page  # the cards' labels, built in Khmer
    assert '"Held by"' not in page
