"""A whole page in one language: its ``lang`` attribute, and the Khmer font when in Khmer."""

from __future__ import annotations

import re

from kr_map import fonts, i18n

_HTML_TAG = re.compile(r"<html(?:\s+lang=\"[^\"]*\")?>")


class PageShapeError(RuntimeError):
    """The page has no single ``<html>`` or ``</head>`` to put the language on (a bug)."""


def page_in(page: str, lang: str) -> str:
    """Return the page with ``<html lang="...">`` set to ``lang`` and, for Khmer, the font.

    The Khmer font goes in whole as a ``<style>`` before ``</head>`` (``fonts.py``), so the
    page still opens offline with Khmer shaped by Noto Sans Khmer.
    """
    i18n.check_lang(lang)
    if len(_HTML_TAG.findall(page)) != 1 or page.count("</head>") != 1:
        raise PageShapeError("the page has no single <html> and </head> to set its language on")
    page = _HTML_TAG.sub(f'<html lang="{lang}">', page, count=1)
    if lang == "km":
        style = f'<style id="kr-khmer-font">{fonts.khmer_font_face_css()}</style>'
        page = page.replace("</head>", style + "</head>", 1)
    return page
