"""The Khmer font, offline: Noto Sans Khmer from its PyPI package, embedded whole.

``fontpkg-noto-sans-khmer`` (a dependency) installs Noto Sans Khmer, a variable TTF, with
its SIL Open Font License beside it (``fontpkg_noto_sans_khmer/LICENSE``). The export in
Khmer carries the font as a ``data:`` URL in an ``@font-face`` rule, so Khmer shapes right
on a machine with no Khmer font and no network. The font is never subset: a subset made
from the text of one page drops the glyphs that shaping substitutes (subscript consonants,
vowel parts), and Khmer then breaks.
"""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass
from pathlib import Path

import fontpkg

from kr_map.atomic import atomic_write_text

KHMER_FAMILY = "Noto Sans Khmer"
# The Khmer blocks, and the joiners and dotted circle Khmer shaping uses: Latin text in a
# Khmer page keeps the page's own font.
KHMER_RANGE = "U+1780-17FF, U+19E0-19FF, U+200B-200D, U+25CC"
# The player's own stack (player.css), after the Khmer font.
_FALLBACK = '"DejaVu Sans", Verdana, Arial, sans-serif'
_MIME = {".ttf": "font/ttf", ".otf": "font/otf", ".woff": "font/woff", ".woff2": "font/woff2"}
_FORMAT = {".ttf": "truetype", ".otf": "opentype", ".woff": "woff", ".woff2": "woff2"}


class FontMissing(RuntimeError):
    """The Khmer font package is not installed (it is a dependency of kr-map)."""


@dataclass(frozen=True)
class FontFile:
    """An installed font file and the licence that ships with it."""

    family: str
    path: Path
    licence: Path

    def data(self) -> bytes:
        """Return the font file's bytes, whole."""
        return self.path.read_bytes()


@functools.cache
def khmer_font() -> FontFile:
    """Return the installed Noto Sans Khmer file and its OFL licence file."""
    try:
        path = Path(fontpkg.path(KHMER_FAMILY))
    except fontpkg.FontpkgError as error:
        raise FontMissing(
            f"{KHMER_FAMILY} is not installed: pip install fontpkg-noto-sans-khmer ({error})"
        ) from None
    licence = path.parent.parent / "LICENSE"
    if not licence.is_file():
        raise FontMissing(f"{KHMER_FAMILY}'s licence file is missing beside {path}")
    return FontFile(KHMER_FAMILY, path, licence)


def data_url(font: FontFile) -> str:
    """Return the whole font file as a ``data:`` URL."""
    suffix = font.path.suffix.lower()
    encoded = base64.b64encode(font.data()).decode("ascii")
    return f"data:{_MIME[suffix]};base64,{encoded}"


@functools.cache
def khmer_font_face_css() -> str:
    """Return CSS that gives Khmer text (``:lang(km)``) the bundled font, embedded whole.

    One ``@font-face`` holds the variable font's whole weight and width range; the rule
    after it puts the family first wherever the page or an element is in Khmer.
    """
    font = khmer_font()
    suffix = font.path.suffix.lower()
    return (
        "@font-face {"
        f' font-family: "{font.family}";'
        f' src: url("{data_url(font)}") format("{_FORMAT[suffix]}");'
        " font-weight: 100 900; font-stretch: 62.5% 100%; font-style: normal;"
        f" font-display: block; unicode-range: {KHMER_RANGE}; }}\n"
        f':lang(km), :lang(km) * {{ font-family: "{font.family}", {_FALLBACK}; }}\n'
        ":where(:lang(km)) { line-height: 1.6; }\n"  # any rule of the page wins over it
    )


def publish_css(static_dir: Path) -> Path | None:
    """Write the Khmer ``@font-face`` CSS into the app's static folder once; return its file.

    The app serves ``static/`` (``server.enableStaticServing``); the player's frame links
    ``static/kr-map/khmer-font-<hash>.css`` when the page is in Khmer, and the browser
    caches it. Returns None when the folder cannot be written (a read-only install): the
    caller then inlines :func:`khmer_font_face_css` instead.
    """
    css = khmer_font_face_css()
    digest = hashlib.sha256(css.encode("utf-8")).hexdigest()[:12]
    target = static_dir / "kr-map" / f"khmer-font-{digest}.css"
    try:
        if not target.is_file():
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_text(target, css)
    except OSError:
        return None
    return target
