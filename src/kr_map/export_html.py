"""The self-contained HTML export: the app's own player with the frames document inlined.

One file that opens from disk with no server and no network: Leaflet, the
player's script and style are inline (:mod:`kr_map.offline`), the borders are
bundled (:mod:`kr_map.basemap`), and the frames are the app's own
(:func:`kr_map.frames.frames_document`). The document travels in a
``<script type="application/json">`` element with ``<``, ``>`` and ``&``
written as ``\\u003c`` etc.; the player reads it with ``JSON.parse`` and puts
every text on the page with ``textContent``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from branca.element import Element

from kr_map import (
    area_store,
    basemap,
    citation,
    compare,
    fonts,
    frames,
    i18n,
    intervals,
    model,
    offline,
    page_lang,
    story,
)
from kr_map.frames import period_of
from kr_map.loader import Dataset, default_data_dir
from kr_map.player import Player
from kr_map.timeline import Frame
from kr_map.vocab import LAYERS

__all__ = ["DATA_ELEMENT_ID", "PAGE_TITLE", "build_page", "period_of"]

PAGE_TITLE = "Khmer Rouge insurgency, 1979–1999: kr-map"
DATA_ELEMENT_ID = "kr-frames"
# folium's page says maximum-scale=1 and user-scalable=no: people must be able to zoom.
_PLACEHOLDER = "<!-- kr-map frames document -->"
_META_PLACEHOLDER = "<!-- kr-map citation metadata -->"
_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1">'


def build_page(
    dataset: Dataset,
    first: int = model.FIRST_YEAR,
    last: int = model.LAST_YEAR,
    layers: Iterable[str] = LAYERS,
    *,
    borders: dict[str, Any] | None = None,
    tiles_online: bool = False,
    document: dict[str, Any] | None = None,
    lang: str | Sequence[str] = "en",
    classroom: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> tuple[str, list[dict[str, Any]]]:
    """Return the self-contained HTML page for the years ``first``..``last``, and its frames.

    ``document`` is a frames document already built for these years (the app's
    cached one), in the page's first language: the page then costs a render, not a
    rebuild. ``lang`` is the page's language, or its languages (``("en", "km", "fr")``,
    the first the default): the page holds one frames document per language, each built
    while speaking it, with its dictionary and layer titles; ``#lang=`` picks one and a
    switch on the map changes it. The Khmer font goes in whole when Khmer is among them.
    ``classroom`` adds the export's classroom parts (quiz, QR codes) to each document.
    """
    wanted = [name for name in LAYERS if name in set(layers)]
    langs = page_languages(lang)
    borders = borders if borders is not None else _default_borders(dataset)
    documents = {
        code: document_for(dataset, first, last, borders, code, document if n == 0 else None,
                           classroom)
        for n, code in enumerate(langs)
    }  # fmt: skip
    document = documents[langs[0]]
    fmap = basemap.base_map(borders, tiles_online=tiles_online)
    if tiles_online:
        basemap.layer_control().add_to(fmap)
    options = {
        "docElement": DATA_ELEMENT_ID, "layers": wanted, "permalink": True,
        "languages": [
            {"lang": code, "element": element_id(code, langs), "name": i18n.LANGUAGE_NAMES[code]}
            for code in langs
        ],
    }  # fmt: skip
    Player(options, host="export").add_to(fmap)
    root = fmap.get_root()
    root.title = PAGE_TITLE
    root.header.add_child(Element(f"<title>{PAGE_TITLE}</title>"), name="kr_title")
    # The data joins the page after the template engine is done with it.
    root.header.add_child(Element(_META_PLACEHOLDER), name="kr_meta")
    root.html.add_child(Element(_PLACEHOLDER), name="kr_frames")
    page = offline.inline_assets(root.render())
    data = "".join(
        f'<script type="application/json" id="{element_id(code, langs)}">'
        f"{frames.script_json(intervals.pack(documents[code]))}</script>"  # per-frame lists packed
        for code in langs
    )
    if page.count(_PLACEHOLDER) != 1 or page.count(_META_PLACEHOLDER) != 1:  # a bug here
        raise RuntimeError("the export page lost its place for the frames document")
    tags = citation.metadata_tags(document["citation"], document.get("sources") or {})
    page = page.replace(_META_PLACEHOLDER, _meta_tags(tags))
    page = page.replace(_PLACEHOLDER, data)
    page = page_lang.page_in(page, langs[0])
    if "km" in langs[1:]:  # the first language's page_in embeds it for a Khmer default
        style = f'<style id="kr-khmer-font">{fonts.khmer_font_face_css()}</style>'
        page = page.replace("</head>", style + "</head>", 1)
    page = _fix_viewport(page)
    return page, document["frames"]


def page_languages(lang: str | Sequence[str]) -> tuple[str, ...]:
    """Return the page's languages, the default first: ``"en,km"`` or ``["en", "km"]``.

    Raises :class:`kr_map.i18n.UnknownLanguage` naming the choices for one the map does
    not speak, and ValueError for an empty or repeated list.
    """
    codes = lang.split(",") if isinstance(lang, str) else list(lang)
    codes = [code.strip() for code in codes]
    if not codes or not all(codes):
        raise ValueError(f"give one language or a comma list of them ({','.join(i18n.LANGS)})")
    if len(set(codes)) != len(codes):
        raise ValueError(f"a language is named twice in {','.join(codes)}")
    return tuple(i18n.check_lang(code) for code in codes)


def element_id(lang: str, langs: Sequence[str]) -> str:
    """Return the id of the element holding the document in ``lang`` (the default's: kr-frames)."""
    return DATA_ELEMENT_ID if lang == langs[0] else f"{DATA_ELEMENT_ID}-{lang}"


def document_for(
    dataset: Dataset,
    first: int,
    last: int,
    borders: dict[str, Any],
    lang: str,
    document: dict[str, Any] | None = None,
    classroom: Callable[[dict[str, Any]], dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """Return the page's frames document in ``lang``: built while speaking it (contract E).

    ``document`` is one already built in ``lang`` (the app's cached one); the story,
    compare's lists and the ``classroom`` parts are added in ``lang`` too.
    """
    with i18n.speaking(lang):
        if document is None:
            with area_store.default() as store:
                document = frames.frames_document(dataset, first, last, borders, store)
        document = with_modes(dataset, document)
        if classroom is not None:
            document = classroom(document)
        return i18n.document_in(document, lang)


def with_modes(dataset: Dataset, document: dict[str, Any]) -> dict[str, Any]:
    """Return the frames document with what the export's modes need and the app computes on
    its server: the story's steps (``story``) and compare's lists of changes (``compare``).

    The document given (perhaps the app's cached one) is not changed.
    """
    sequence = [Frame(f["year"], f["month"]) for f in document["frames"]]
    return {
        **document,
        "story": story.story_document(dataset, sequence),
        "compare": compare.compare_document(dataset, sequence, document.get("sources")),
    }


def _meta_tags(tags: list[tuple[str, str]]) -> str:
    """Return <meta> elements with every name and content escaped (data is never markup)."""
    return "".join(
        f'<meta name="{html.escape(name, quote=True)}" content="{html.escape(content, quote=True)}">'
        for name, content in tags
    )


def _fix_viewport(page: str) -> str:
    start = page.find('<meta name="viewport"')
    if start < 0:
        return page.replace("<head>", "<head>" + _VIEWPORT, 1)
    end = page.find(">", start)
    return page[:start] + _VIEWPORT + page[end + 1 :]


def _default_borders(dataset: Dataset) -> dict[str, Any]:
    """Return the borders stored beside the data, or the bundled ones."""
    for folder in (dataset.data_dir, default_data_dir()):
        path = folder / "borders.geojson"
        if path.is_file():
            return basemap.load_borders(path)
    raise FileNotFoundError("borders.geojson not found beside the data or in the bundled data/")
