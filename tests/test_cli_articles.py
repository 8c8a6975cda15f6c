"""French names a side with its article, fused with the preposition: "passe aux Khmers rouges".

English and Khmer name sides bare and stay as they were; the article of each side is data
(``data/translations.csv``, column ``article``), checked like every translation.
"""

from __future__ import annotations

import pytest

from kr_map import i18n, wording
from kr_map.articles import SideName, with_article
from kr_map.cli import main
from kr_map.loader import validate

from .test_validate import rewrite


@pytest.mark.parametrize(
    ("name", "article", "preposition", "said"),
    [("Khmers rouges", "les", "à", "aux Khmers rouges"), ("Viêt Nam", "le", "à", "au Viêt Nam"),
     ("République", "la", "à", "à la République"), ("APRONUC", "l'", "à", "à l'APRONUC"),
     ("Khmers rouges", "les", "de", "des Khmers rouges"), ("Viêt Nam", "le", "de", "du Viêt Nam"),
     ("Khmers rouges", "les", "par", "par les Khmers rouges"), ("APRONUC", "l'", "le", "l'APRONUC"),
     ("Khmers rouges", "", "à", "à Khmers rouges"), ("Khmers rouges", "les", "", "Khmers rouges")],
)  # fmt: skip
def test_french_fuses_a_and_de_with_le_and_les_only(name, article, preposition, said):
    assert with_article(name, article, preposition) == said


def test_a_side_name_is_the_bare_name_wherever_a_string_is_used():
    name = SideName("Khmers rouges", "les")
    assert name == "Khmers rouges" and f"{name}" == "Khmers rouges"
    assert ", ".join([name, "FNLPK"]) == "Khmers rouges, FNLPK"
    assert (
        i18n.gettext_for("fr")("passes to {holder} ({date})").format(holder=name, date="1989")
        == "passe aux Khmers rouges (1989)"
    )


def change_of_hands(dataset, lang: str, faction_id: str) -> str:
    with i18n.speaking(lang):
        holder = wording.holder_name(faction_id, dataset.factions)
        return i18n._("{place} passes to {holder} ({date})").format(
            place="Pailin", holder=holder, date="1989"
        )


@pytest.mark.parametrize(
    ("faction_id", "french"),
    [("khmer_rouge", "Pailin passe aux Khmers rouges (1989)"),
     ("vietnam", "Pailin passe au Viêt Nam (1989)"),
     ("prk", "Pailin passe à la République populaire du Kampuchéa / État du Cambodge (1989)"),
     ("untac", "Pailin passe à l'Autorité provisoire des Nations unies au Cambodge (1989)")],
)  # fmt: skip
def test_french_names_the_side_with_its_article(dataset, faction_id, french):
    assert change_of_hands(dataset, "fr", faction_id) == french


def test_english_and_khmer_name_the_side_bare_as_before(dataset):
    assert change_of_hands(dataset, "en", "khmer_rouge") == "Pailin passes to Khmer Rouge (1989)"
    khmer = change_of_hands(dataset, "km", "khmer_rouge")
    km_name = dataset.factions.loc["khmer_rouge", "name@km"].split(" (")[0]
    expected = i18n.gettext_for("km")("{place} passes to {holder} ({date})")
    assert khmer == expected.format(place="Pailin", holder=km_name, date="1989")


def test_kr_map_state_in_french_says_passe_aux_khmers_rouges(capsys):
    assert main(["state", "--date", "1989-10-31", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "passe aux Khmers rouges (24 oct. 1989)" in out
    assert "tenu par les Khmers rouges" in out
    assert "à Khmers rouges" not in out and "par Khmers rouges" not in out


def set_article(data_dir, faction_id: str, lang: str, article: str) -> None:
    def change(table, fields):
        for row in table:
            if (row["table"], row["id"], row["column"]) == ("factions", faction_id, "article"):
                row["lang"], row["text"] = lang, article
        return fields

    rewrite(data_dir / "translations.csv", change)


def test_an_article_that_french_does_not_have_is_refused(data_copy):
    set_article(data_copy, "vietnam", "fr", "el")
    _, problems = validate(data_copy)
    assert [p.column for p in problems] == ["text"]
    assert str(problems[0]).startswith("data/translations.csv:")
    assert "must be one of le, la, les, l'" in problems[0].message


def test_an_article_for_khmer_is_refused(data_copy):
    set_article(data_copy, "vietnam", "km", "le")
    _, problems = validate(data_copy)
    assert [(p.column, p.message) for p in problems] == [
        ("lang", "km names a side without an article: give no `article` row")
    ]
