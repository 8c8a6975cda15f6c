"""A side's name in the player's own sentences, in each language (core/i18n.js sideIn).

French names a side with its article, fused with the preposition before it: the player's
"Changed hands from {holder}." is "… aux mains des Khmers rouges." in French, as the Python's
"passes to {holder}" is "passe aux Khmers rouges". The forms come from the data
(``article`` rows of data/translations.csv) through ``translations.sides_in_sentences``; the
browser fills them in with the catalog's messages and writes no grammar of its own.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kr_map import i18n, translations

ROOT = Path(__file__).resolve().parents[1]
I18N_JS = ROOT / "src" / "kr_map" / "assets" / "core" / "i18n.js"
MESSAGES_JS = ROOT / "src" / "kr_map" / "assets" / "core" / "messages.js"


def sides(dataset, lang: str) -> dict[str, dict[str, str]]:
    with i18n.speaking(lang):
        return translations.sides_in_sentences(dataset.factions)


def test_french_sentences_get_each_side_with_its_article_in_the_forms_they_ask_for(dataset):
    french = sides(dataset, "fr")
    assert french["khmer_rouge"] == {
        "": "Khmers rouges",
        "de": "des Khmers rouges",
        "par": "par les Khmers rouges",
    }
    assert french["vietnam"]["de"] == "du Viêt Nam"
    assert french["prk"]["par"].startswith("par la République populaire du Kampuchéa")
    assert french["untac"]["de"] == "de l'Autorité provisoire des Nations unies au Cambodge"
    assert set(french) == set(dataset.factions.index)


@pytest.mark.parametrize("lang", ["en", "km"])
def test_english_and_khmer_sentences_name_each_side_bare(dataset, lang):
    named = sides(dataset, lang)
    assert all(set(forms) == {""} for forms in named.values())
    assert named["khmer_rouge"][""] == ("Khmer Rouge" if lang == "en" else "ខ្មែរក្រហម")


def test_every_form_a_french_message_asks_for_is_given_for_every_side(dataset):
    messages = i18n.browser_messages("fr")["messages"].values()
    asked = translations.asked_forms(messages)
    assert {"de", "par"} <= asked
    assert all(asked <= set(forms) for forms in sides(dataset, "fr").values())


def test_only_a_sides_placeholder_asks_for_a_form():
    messages = ["passe {holder:à}", "{place:x} {holder}", "{count} {holder:par}"]
    assert translations.asked_forms(messages) == {"à", "par"}


# Node fills the catalog's French messages with the sides' forms, as the player does.
_FILL = """
import { sideIn, speak, t } from %(i18n)s;
import { MESSAGES } from %(messages)s;
import { readFileSync } from "node:fs";
const doc = JSON.parse(readFileSync(%(doc)s, "utf8"));
speak(doc);
console.log(JSON.stringify([
  t(MESSAGES.changedFrom, { holder: sideIn("khmer_rouge", "Khmer Rouge") }),
  t(MESSAGES.showHeldBy, { place: "Pailin", holder: sideIn("vietnam", "Vietnam") }),
  t(MESSAGES.holding, { place: "Pailin", holder: sideIn("untac", "UNTAC"), since: "1992", until: "1993" }),
]));
"""


@pytest.mark.skipif(shutil.which("node") is None, reason="Node runs the player's module")
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_players_sentences_say_each_side_as_the_language_does(dataset, tmp_path, lang):
    doc = {"i18n": i18n.browser_messages(lang), "sides": sides(dataset, lang)}
    (tmp_path / "doc.json").write_text(json.dumps(doc), encoding="utf-8")
    runner = tmp_path / "fill.mjs"
    names = {
        "i18n": json.dumps(I18N_JS.as_uri()),
        "messages": json.dumps(MESSAGES_JS.as_uri()),
        "doc": json.dumps(str(tmp_path / "doc.json")),
    }
    runner.write_text(_FILL % names, encoding="utf-8")
    result = subprocess.run(["node", str(runner)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    changed, shown, holding = json.loads(result.stdout)
    if lang == "fr":
        assert changed == "A changé de mains ; auparavant aux mains des Khmers rouges."
        assert shown == "Voir sur la carte Pailin tenu par le Viêt Nam"
        assert holding.startswith("Pailin : aux mains de l'Autorité provisoire des Nations")
    else:
        assert changed == "Changed hands from Khmer Rouge."
        assert shown == "Show Pailin held by Vietnam on the map"
        assert holding == (
            "Pailin: United Nations Transitional Authority in Cambodia, from 1992 until 1993."
        )


def test_the_legend_and_the_filters_name_each_side_as_the_captions_do(dataset):
    """A French page says "Khmers rouges" in its caption and in its legend alike; the mark on
    the disc stays the one drawn from the name as written, the same in every language."""
    from kr_map import frames

    def legend(lang: str) -> dict[str, dict[str, str]]:
        with i18n.speaking(lang):
            return {side["id"]: side for side in frames._factions(dataset.factions)}

    english, french, khmer = legend("en"), legend("fr"), legend("km")
    assert english["khmer_rouge"]["short"] == "Khmer Rouge"
    assert french["khmer_rouge"]["short"] == sides(dataset, "fr")["khmer_rouge"][""]
    assert french["rgc"]["name"].startswith("Gouvernement royal du Cambodge")
    assert khmer["khmer_rouge"]["short"] == "ខ្មែរក្រហម"
    assert {i: s["mark"] for i, s in french.items()} == {i: s["mark"] for i, s in english.items()}
    assert {i: s["mark"] for i, s in khmer.items()} == {i: s["mark"] for i, s in english.items()}
