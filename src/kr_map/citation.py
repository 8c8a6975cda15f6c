"""What a citation of kr-map says about the work itself: title, authors, version, data version.

The player writes the citation of a view from this record (``assets/views/cite.js``), in
the app and in the export alike. The title and authors are written here once;
``CITATION.cff`` at the top of the repository says the same (a test keeps them in step).
"""

from __future__ import annotations

import hashlib
from importlib import metadata
from typing import Any

import pandas as pd

from kr_map import __version__
from kr_map.vocab import LAYER_TITLES

TITLE = "kr-map: an interactive, sourced historical map of the Khmer Rouge insurgency, 1979-1999"
AUTHORS = "The kr-map contributors"
_TABLES = ("places", "factions", "control", "events", "movements", "story", "governments")
_SHOWN_HEX = 12


def software_version() -> str:
    """Return the installed kr-map's version (the source tree's when it is not installed)."""
    try:
        return metadata.version("kr-map")
    except metadata.PackageNotFoundError:
        return __version__


def data_version(dataset: Any) -> str:
    """Return a short digest of the data's content: the same rows give the same digest.

    It hashes the validated tables (their columns and every cell), so a re-saved file
    with the same rows keeps its version and any changed cell changes it.
    """
    digest = hashlib.sha256()
    for name in _TABLES:
        table = getattr(dataset, name, None)
        if not isinstance(table, pd.DataFrame):
            continue
        digest.update(f"\x1e{name}\x1e".encode())
        digest.update(table.to_csv(index=False, lineterminator="\n").encode())
    return digest.hexdigest()[:_SHOWN_HEX]


def metadata_tags(
    work: dict[str, Any], sources: dict[str, dict[str, str]]
) -> list[tuple[str, str]]:
    """Return the page's citation metadata as (name, content) pairs, plain text.

    ``work`` is :func:`record`'s dict and ``sources`` the data's source records (both are in
    the frames document). Highwire ``citation_*`` and Dublin Core ``DC.*`` names, which
    reference managers (Zotero's embedded-metadata reader among them) pick up from a page's
    head; one ``DC.source`` per source text the data quotes.
    """
    tags = [
        ("citation_title", work["title"]),
        ("citation_author", work["authors"]),
        ("DC.title", work["title"]),
        ("DC.creator", work["authors"]),
        ("DC.type", "InteractiveResource"),
        ("DC.format", "text/html"),
        ("DC.language", "en"),
        ("DC.identifier", f"kr-map {work['software']}, data version {work['dataVersion']}"),
    ]
    for source in sources.values():
        tags.append(("DC.source", source.get("url") or source.get("title", "")))
    licences = sorted({s["licence"] for s in sources.values() if s.get("licence")})
    if licences:
        tags.append(("DC.rights", "Quoted texts: " + ", ".join(licences)))
    return [(name, content) for name, content in tags if content]


def record(dataset: Any) -> dict[str, Any]:
    """Return the citation record the player cites a view with (plain strings).

    The styles are written in English, so the layers switched on are named by their English
    titles (``layerTitles``) whatever the page's language: the frames document's own
    ``layerTitles`` follow the page.
    """
    return {
        "title": TITLE,
        "authors": AUTHORS,
        "software": software_version(),
        "dataVersion": data_version(dataset),
        "layerTitles": dict(LAYER_TITLES),
    }
