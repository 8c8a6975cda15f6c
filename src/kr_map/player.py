"""Puts the one time player (``assets/``) on a folium map, for the app and the export.

The player is ES modules joined into one script per host (:mod:`kr_map.bundle`):
``hosts/streamlit.js`` in the app, ``hosts/export.js`` in the one-file export.
Script and style travel as ``data:`` URLs in the element's
``default_js``/``default_css``: streamlit-folium loads them inside its frame
before the map script runs, and the export writes them inline
(:func:`kr_map.offline.inline_assets`). The map script gets one line,
``KrPlayer.mount(map, options)``, whose options are JSON made by
:func:`kr_map.frames.script_json`, with how things look
(:func:`kr_map.symbols.look`) among them; no text from the data is ever part of
a template or of script source.

The app serves the frames document as a static file (:func:`publish`): the
browser loads it once and caches it, and a rerun of the page re-sends only the
small mount line.
"""

from __future__ import annotations

import base64
import functools
import gzip
import hashlib
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any

from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from kr_map import intervals, symbols
from kr_map.atomic import atomic_write_bytes, atomic_write_text
from kr_map.bundle import bundle_assets
from kr_map.frames import script_json

# Where Streamlit serves ./static/ (server.enableStaticServing), seen from
# streamlit-folium's frame at <base>/component/<name>/index.html.
STATIC_ROUTE_FROM_FRAME = "../../app/static/"
STATIC_SUBDIR = "kr-map"
GZIP_SUFFIX = ".gz"  # a published document's gzip copy: <name>.json.gz
# The player's entry module per host: where it reports and which keys it hears.
HOSTS = {"streamlit": "hosts/streamlit.js", "export": "hosts/export.js"}
STYLES = ("player.css", "charts.css", "quiz.css", "print.css")


def asset(name: str) -> str:
    """Return one of the player's files shipped in ``kr_map/assets``."""
    return resources.files("kr_map").joinpath("assets", name).read_text(encoding="utf-8")


def _data_url(text: str, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(text.encode('utf-8')).decode('ascii')}"


@functools.cache
def _style_url(name: str) -> str:
    return _data_url(asset(name), "text/css")


@functools.cache
def _script_url(host: str) -> str:
    return _data_url(bundle_assets(HOSTS[host]), "text/javascript")


class Player(JSCSSMixin, MacroElement):
    """The time player on its parent map: ``KrPlayer.mount(map, options)``.

    ``host`` is ``"streamlit"`` (the app: reports go to Streamlit) or ``"export"``
    (the one-file page: the frame is kept in the address).
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        KrPlayer.mount({{ this._parent.get_name() }}, {{ this.options_json }});
        {% endmacro %}
        """
    )

    def __init__(
        self, options: dict[str, Any] | None, host: str = "streamlit", *, options_json: str = ""
    ) -> None:
        """``options`` become the mount's JSON; or ``options_json`` is written as it is (the
        app's mark, :data:`kr_map.mapframe.OPTIONS_MARK`, replaced on each open)."""
        super().__init__()
        if host not in HOSTS:
            raise ValueError(f"unknown player host {host!r}: one of {', '.join(HOSTS)}")
        self._name = "KrPlayer"
        self.options_json = options_json or mount_options(options or {})
        self.default_js = [("kr_player_js", _script_url(host))]
        self.default_css = [(f"kr_{name.replace('.', '_')}", _style_url(name)) for name in STYLES]


def mount_options(options: dict[str, Any]) -> str:
    """Return the player's mount options as inert JSON, with how things look among them."""
    return script_json({**options, "look": symbols.look()})


def document_digest(document_json: str) -> str:
    """Return a short content hash naming a frames document (a new name when data changes)."""
    return hashlib.sha256(document_json.encode("utf-8")).hexdigest()[:16]


def publish(
    document: dict[str, Any],
    static_dir: Path,
    source: str = "",
    version: str = "",
    tag: str | None = None,
) -> str | None:
    """Write the frames document under ``static_dir`` once; return its URL from the map frame.

    The file is ``static/kr-map/frames-<source>-<version>-<content hash>.json``, with a
    gzip copy beside it (``.json.gz``, made once: the server would otherwise compress the
    document again at every open; the player unpacks it, ``core/wire.js``), in the
    app's one cache folder: ``source`` names the data folder and ``version`` its
    contents, so :func:`remove_stale` can remove the documents of older versions. A
    ``tag`` stands for the content hash when the address must be known before the
    document is made (:func:`address_of`; the tag then says everything the content
    depends on). Returns None when the folder cannot be written (a read-only install): the
    caller then inlines the document instead. Per-frame lists travel packed
    (:mod:`kr_map.intervals`).
    """
    text = json.dumps(intervals.pack(document), ensure_ascii=False, separators=(",", ":"))
    name = _file_name(source, version, tag or document_digest(text))
    target = static_dir / STATIC_SUBDIR / name
    zipped = target.with_name(name + GZIP_SUFFIX)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        if not zipped.is_file():  # first: once the document is there, so is its copy
            atomic_write_bytes(zipped, gzip.compress(text.encode("utf-8"), 6, mtime=0))
        if not target.is_file():
            atomic_write_text(target, text)
    except OSError:
        return None
    return f"{STATIC_ROUTE_FROM_FRAME}{STATIC_SUBDIR}/{name}"


def address_of(source: str, version: str, tag: str) -> str:
    """Return the URL :func:`publish` gives a document published with ``tag``."""
    return f"{STATIC_ROUTE_FROM_FRAME}{STATIC_SUBDIR}/{_file_name(source, version, tag)}"


def _file_name(source: str, version: str, last: str) -> str:
    return "-".join(part for part in ("frames", source, version, last) if part) + ".json"


def published_file(static_dir: Path, url: str) -> Path:
    """Return the file a URL made by :func:`publish` names."""
    return static_dir / url.removeprefix(STATIC_ROUTE_FROM_FRAME)


_UNTAGGED = re.compile(r"frames-[0-9a-f]{16}\.json(\.gz)?")


def remove_stale(static_dir: Path, source: str, version: str) -> list[str]:
    """Remove the documents of the data folder ``source`` but not of ``version``; return them.

    Documents of other data folders (another app process) are kept; documents written
    before names carried a version (``frames-<hash>.json``) are removed. A file that
    cannot be removed, or is already gone, is left to the next call.
    """
    removed = []
    folder = static_dir / STATIC_SUBDIR
    for path in [*folder.glob("frames-*.json"), *folder.glob(f"frames-*.json{GZIP_SUFFIX}")]:
        ours = path.name.startswith(f"frames-{source}-")
        current = path.name.startswith(f"frames-{source}-{version}-")
        if (ours and not current) or _UNTAGGED.fullmatch(path.name):
            try:
                path.unlink()
            except OSError:
                continue
            removed.append(path.name)
    return sorted(removed)
