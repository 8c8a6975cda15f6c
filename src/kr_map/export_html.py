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
from collections.abc import Iterable
from typing import Any

from branca.element import Element

from kr_map import (
    basemap,
    citation,
    compare,
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
    lang: str = "en",
) -> tuple[str, list[dict[str, Any]]]:
    """Return the self-contained HTML page for the years ``first``..``last``, and its frames.

    ``document`` is a frames document already built for these years (the app's
    cached one): the page then costs a render, not a rebuild. ``lang`` is the page's
    language: its dictionary, layer titles, ``lang`` attribute and, in Khmer, the font.
    """
    wanted = [name for name in LAYERS if name in set(layers)]
    borders = borders if borders is not None else _default_borders(dataset)
    if document is None:
        document = frames.frames_document(dataset, first, last, borders)
    document = i18n.document_in(with_modes(dataset, document), lang)
    fmap = basemap.base_map(borders, tiles_online=tiles_online)
    if tiles_online:
        basemap.layer_control().add_to(fmap)
    options = {"docElement": DATA_ELEMENT_ID, "layers": wanted, "permalink": True}
    Player(options, host="export").add_to(fmap)
    root = fmap.get_root()
    root.title = PAGE_TITLE
    root.header.add_child(Element(f"<title>{PAGE_TITLE}</title>"), name="kr_title")
    # The data joins the page after the template engine is done with it.
    root.header.add_child(Element(_META_PLACEHOLDER), name="kr_meta")
    root.html.add_child(Element(_PLACEHOLDER), name="kr_frames")
    page = offline.inline_assets(root.render())
    wire = frames.script_json(intervals.pack(document))  # per-frame lists packed
    data = f'<script type="application/json" id="{DATA_ELEMENT_ID}">{wire}</script>'
    if page.count(_PLACEHOLDER) != 1 or page.count(_META_PLACEHOLDER) != 1:  # a bug here
        raise RuntimeError("the export page lost its place for the frames document")
    tags = citation.metadata_tags(document["citation"], document.get("sources") or {})
    page = page.replace(_META_PLACEHOLDER, _meta_tags(tags))
    page = page.replace(_PLACEHOLDER, data)
    page = page_lang.page_in(page, lang)
    page = _fix_viewport(page)
    return page, document["frames"]


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
