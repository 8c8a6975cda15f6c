"""The app's presenter window: the teacher's view of the lesson on a second screen.

The export opens its presenter view as the same file with ``?presenter``; the app opens
itself with ``?presenter``, and :func:`presenter_page` is what that page shows: the player's
presenter view (``assets/views/presenter.js``) with the step's teacher notes, the next step,
the lesson's clock and the controls. It finds the map window over a BroadcastChannel named
from the data version (``assets/core/channel.js``), so it steers the map of the same data in
any tab of the same app, and the map's host (``assets/hosts/streamlit.js``) carries its
commands out through the player's own actions and reports.

The page gets a slim document: what the view reads and no more. The data's text goes in as
JSON in a ``<script type="application/json">`` element and reaches the page through
``textContent`` only (data text is never code).
"""

from __future__ import annotations

import functools
from typing import Any

from kr_map import i18n
from kr_map.bundle import bundle_assets
from kr_map.frames import script_json
from kr_map.player import asset

ENTRY = "hosts/presenter_window.js"
ROOT_ID = "kr-presenter"
DOC_ID = "kr-presenter-doc"


def presenter_document(document: dict[str, Any], steps: list[dict[str, Any]]) -> dict[str, Any]:
    """Return what the presenter view reads of a frames document and its story's steps.

    Frames keep their key and label, the story its steps (``story.story_document``, with
    teacher notes), the citation its data version (the channel's name), and the page's
    language its dictionary.
    """
    slim: dict[str, Any] = {
        "frames": [
            {"key": f["key"], "label": f.get("label", f["key"])} for f in document["frames"]
        ],
        "story": steps,
        "citation": {"dataVersion": (document.get("citation") or {}).get("dataVersion", "")},
    }
    if "i18n" in document:
        slim["i18n"] = document["i18n"]
    return slim


@functools.cache
def _script() -> str:
    # Inside <script>, "</" could end the element early: JavaScript reads "<\/" the same.
    return bundle_assets(ENTRY).replace("</", "<\\/")


def presenter_page(
    document: dict[str, Any], steps: list[dict[str, Any]], lang: str = "en", font_css: str = ""
) -> str:
    """Return the presenter window's HTML page for a frames document and its story.

    ``font_css``: the style sheet that gives the page's Khmer its font (kr_map/page_lang.py),
    ours, never data text.
    """
    if "</" in font_css:
        raise ValueError("font_css must be a style sheet alone")
    return (
        f'<!DOCTYPE html><html lang="{i18n.check_lang(lang)}"><head><meta charset="utf-8">'
        f"<style>{asset('player.css')}</style><style>{font_css}</style></head>"
        f'<body class="krp-body krp-presenter-body"><div id="{ROOT_ID}"></div>'
        f'<script type="application/json" id="{DOC_ID}">'
        f"{script_json(presenter_document(document, steps))}</script>"
        f"<script>{_script()}\nKrPresenter.mount({ROOT_ID!r}, {DOC_ID!r});</script>"
        "</body></html>"
    )
