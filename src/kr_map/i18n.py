"""The map's languages: gettext catalogs read with Babel, one translator per language.

The catalogs in ``kr_map/locale/`` are the single source of every translated message:
``kr_map.pot`` is extracted from the Python modules (``_()``/``gettext`` calls) and from the
player's ``assets/core/messages.js`` (``N_()`` calls) with ``pybabel extract -F babel.cfg``;
``km`` and ``fr`` each have a ``kr_map.po`` (see ``docs/TRANSLATING.md``). The ``.po`` files
are compiled in memory when first used, so no binary ``.mo`` is kept in the repository and a
reviewer's edited ``.po`` counts at the next start.

No native speaker has reviewed the Khmer and French yet: every entry is marked fuzzy, and
fuzzy entries are used all the same (a reader sees them with "translation under review").
"""

from __future__ import annotations

import contextlib
import functools
import gettext
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from contextvars import ContextVar
from pathlib import Path
from typing import Any

from babel import Locale
from babel.core import negotiate_locale
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal

from kr_map import vocab

LANGS = ("en", "km", "fr")
DEFAULT_LANG = "en"
DOMAIN = "kr_map"
LOCALE_DIR = Path(__file__).parent / "locale"
# Messages the browser needs are those extracted from the player's modules.
_BROWSER_SOURCE = "assets/"

# Native names, as each language writes its own (the language switch shows these).
LANGUAGE_NAMES = {"en": "English", "km": "ភាសាខ្មែរ", "fr": "Français"}


def N_(text: str) -> str:  # gettext's own name for "mark, translate later"
    """Return ``text`` unchanged: it marks a message for extraction, translated where shown."""
    return text


# vocab.LAYER_TITLES, marked so that pybabel finds them (vocab.py stays free of gettext);
# tests/test_i18n.py checks that each title there is a message of the template.
_LAYER_TITLE_MESSAGES = (
    N_("Zones of control (approximate)"),
    N_("Control"),
    N_("Border camps"),
    N_("Refugee & troop movements"),
    N_("Battles & violence"),
    N_("Other events"),
)


class UnknownLanguage(ValueError):
    """A language the map has no catalog for."""


def check_lang(lang: str) -> str:
    """Return ``lang`` if the map speaks it; raise UnknownLanguage naming the choices."""
    if lang not in LANGS:
        raise UnknownLanguage(f"language must be one of {', '.join(LANGS)}, got {lang!r}")
    return lang


def po_path(lang: str) -> Path:
    """Return the catalog file a translator edits for ``lang``."""
    return LOCALE_DIR / check_lang(lang) / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def catalog(lang: str) -> Catalog:
    """Return the parsed ``.po`` catalog of ``lang`` (fuzzy entries kept, flagged)."""
    with po_path(lang).open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


@functools.cache
def translator(lang: str) -> gettext.NullTranslations:
    """Return the translations of ``lang``; English is the messages themselves."""
    if check_lang(lang) == DEFAULT_LANG:
        return gettext.NullTranslations()
    usable = Catalog(locale=lang, domain=DOMAIN)
    # The .po's own Plural-Forms, not the installed Babel's idea of the language's: Babel 2.14
    # gives French two forms where the catalog (and newer Babel, from CLDR) has three.
    usable.mime_headers = catalog(lang).mime_headers
    for message in catalog(lang):
        if message.id and _keeps_placeholders(message.id, message.string):
            usable.add(message.id, message.string, flags=message.flags)
    compiled = io.BytesIO()
    write_mo(compiled, usable, use_fuzzy=True)  # unreviewed, but shown: see module doc
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


# A message's placeholder: its name and the spec after a colon ("" when none).
PLACEHOLDER = re.compile(r"\{(\w*)(?::([^{}]*))?\}")
# Placeholders that hold a side's name (``articles.SideName``): only these may carry a
# spec in a translation, ``{holder:à}`` asking for "aux Khmers rouges" (see articles.py);
# any other value would fail to format with one.
NAME_PLACEHOLDERS = frozenset({"holder"})


def _keeps_placeholders(message_id, translation) -> bool:
    """Return True when every form of a written translation keeps its message's placeholders.

    A counted message (``ngettext``) has a tuple of ids and of forms; each form is checked
    against the singular.
    """
    ids = (message_id,) if isinstance(message_id, str) else tuple(message_id)
    forms = (translation,) if isinstance(translation, str) else tuple(translation or ())
    return bool(forms) and all(forms) and all(_same_placeholders(ids[0], f) for f in forms)


def _same_placeholders(message: str, translation: str) -> bool:
    """Return True when a translation keeps its message's ``{name}`` placeholders.

    A translation that lost or renamed one (an edited ``.po``) would fail where the map
    fills it in: it is left out, and the English message is shown instead. A spec
    (``{holder:à}``) is kept only on a side's name (:data:`NAME_PLACEHOLDERS`).
    """
    found = PLACEHOLDER.findall(translation)
    if any(spec and name not in NAME_PLACEHOLDERS for name, spec in found):
        return False
    names = sorted(name for name, _spec in found)
    return sorted(name for name, _spec in PLACEHOLDER.findall(message)) == names


def gettext_for(lang: str):
    """Return the ``_`` function of ``lang``: English message in, translated message out."""
    return translator(lang).gettext


# --- The language being spoken -------------------------------------------------------
#
# The text the map builds in Python (captions, cards' labels, tips, headlines, story wording)
# is written in the language of the page being built. Rather than pass ``lang`` through every
# builder, a build runs inside ``with speaking(lang):`` and the wording calls ``_()``. A cache
# of built text must therefore key on ``current()`` as well as on its data.

_SPEAKING: ContextVar[str] = ContextVar("kr_map_language", default=DEFAULT_LANG)


@contextlib.contextmanager
def speaking(lang: str) -> Iterator[str]:
    """Run the block with ``lang`` as the language of every ``_()``; return to the last after."""
    token = _SPEAKING.set(check_lang(lang))
    try:
        yield lang
    finally:
        _SPEAKING.reset(token)


def current() -> str:
    """Return the language being spoken (``en`` outside any :func:`speaking` block)."""
    return _SPEAKING.get()


def _(message: str) -> str:
    """Return ``message`` in the language being spoken (the English itself when untranslated)."""
    return gettext_for(current())(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """Return the form of a counted message for ``count`` in the language being spoken."""
    return translator(current()).ngettext(singular, plural, count)


def unreviewed_count(lang: str) -> int:
    """Return how many translated messages of ``lang`` no reviewer has confirmed (fuzzy)."""
    if check_lang(lang) == DEFAULT_LANG:
        return 0
    return sum(1 for message in catalog(lang) if message.id and message.fuzzy)


def browser_messages(lang: str) -> dict[str, Any]:
    """Return the browser's dictionary for ``lang``: ``{lang, messages, unreviewed}``.

    ``messages`` maps each English message the player uses (those extracted from
    ``assets/``) to its translation; an untranslated message is left out, so the player
    shows the English. ``unreviewed`` is true while any entry of the catalog is fuzzy.
    """
    messages: dict[str, str] = {}
    if check_lang(lang) != DEFAULT_LANG:
        for message in catalog(lang):
            from_browser = any(_BROWSER_SOURCE in str(path) for path, _ in message.locations)
            if message.id and message.string and from_browser:
                messages[str(message.id)] = str(message.string)
    return {"lang": lang, "messages": messages, "unreviewed": unreviewed_count(lang) > 0}


def layer_titles(lang: str) -> dict[str, str]:
    """Return the legend's title of each layer in ``lang`` (the frames document's ``layerTitles``)."""
    _ = gettext_for(lang)
    return {layer: _(title) for layer, title in vocab.LAYER_TITLES.items()}


# --- Negotiation ---------------------------------------------------------------------

_WEIGHT = re.compile(r"^q=([01](?:\.\d{0,3})?)$")


def accepted_languages(header: str | None) -> list[str]:
    """Return the language tags of an Accept-Language header, most wanted first."""
    weighted = []
    for position, part in enumerate((header or "").split(",")):
        tag, *params = (piece.strip() for piece in part.split(";"))
        weight = 1.0
        for param in params:
            match = _WEIGHT.match(param.replace(" ", ""))
            if match:
                weight = float(match.group(1))
        if tag and tag != "*" and weight > 0:
            weighted.append((-weight, position, tag))
    return [tag for _, _, tag in sorted(weighted)]


def negotiate(preferred: Iterable[str | None]) -> str:
    """Return the map's language closest to the reader's preferences (``en`` failing all).

    ``preferred`` holds tags such as ``km-KH`` or ``fr_FR`` (``st.context.locale``, the
    tags of an Accept-Language header); Babel's ``negotiate_locale`` matches ``fr-CA`` to
    ``fr``.
    """
    tags = [tag.replace("_", "-") for tag in preferred if tag]
    return negotiate_locale(tags, LANGS, sep="-") or DEFAULT_LANG


def language_for(
    requested: str | None = None, locale: str | None = None, accept_language: str | None = None
) -> str:
    """Return the language of a page: ``?lang=`` when the map speaks it, else the browser's."""
    if requested in LANGS:
        return requested
    return negotiate([locale, *accepted_languages(accept_language)])


# --- Numbers -------------------------------------------------------------------------


@functools.cache
def native_digits(lang: str) -> str:
    """Return the ten digits ``lang`` writes numbers in: Khmer digits for ``km`` (CLDR ``khmr``).

    Babel holds which numbering system CLDR gives a language as its native one
    (``Locale('km').other_numbering_systems['native']`` is ``khmr``) but not the digits
    themselves; Unicode's character names give those (``KHMER DIGIT ZERO`` ...).
    """
    systems = Locale.parse(check_lang(lang)).other_numbering_systems
    system = systems.get("native", "latn")
    script = _SCRIPT_OF_NUMBERING_SYSTEM.get(system)
    if script is None:
        return "0123456789"
    names = ("ZERO", "ONE", "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE")
    return "".join(unicodedata.lookup(f"{script} DIGIT {name}") for name in names)


# CLDR numbering-system ids of the map's languages, with the Unicode script of their digits.
_SCRIPT_OF_NUMBERING_SYSTEM = {"khmr": "KHMER"}


def with_native_digits(text: str, lang: str) -> str:
    """Return ``text`` with its ASCII digits written in ``lang``'s native digits."""
    digits = native_digits(lang)
    if digits == "0123456789":
        return text
    return text.translate(str.maketrans("0123456789", digits))


def number(value: int, lang: str) -> str:
    """Return a whole number as ``lang`` writes it: ``10,000``, ``10 000``, ``១០,០០០``."""
    return with_native_digits(format_decimal(value, locale=check_lang(lang)), lang)


def document_in(document: dict[str, Any], lang: str) -> dict[str, Any]:
    """Return a frames document speaking ``lang``: its ``i18n`` dictionary, layer titles and
    ``languageNames`` (each language as it writes itself, for the language switch and the
    translations' labels: a browser's CLDR data may lack Khmer's own name).

    The rest of the document is the data's own text, unchanged (quotes stay verbatim).
    """
    return {**document, "i18n": browser_messages(lang), "layerTitles": layer_titles(lang),
            "languageNames": dict(LANGUAGE_NAMES)}  # fmt: skip
