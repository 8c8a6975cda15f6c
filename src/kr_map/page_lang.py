"""A whole page in one language: its ``lang`` attribute, and the Khmer font when in Khmer."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

from branca.element import MacroElement
from folium.elements import JSCSSMixin
from folium.template import Template

from kr_map import fonts, i18n
from kr_map.atomic import atomic_write_bytes, atomic_write_text

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


# --- The app: Streamlit's page and the map's frame ------------------------------------
#
# The app serves the font once as a file of its static folder (``static/kr-map/``, beside the
# frames documents) and points two small style sheets at it: the map's frame links one (its
# ``@font-face`` and ``:lang(km)`` rules, as the export has them inline), and Streamlit's page
# gets the same face also under Streamlit's own family name, "Source Sans", limited to the
# Khmer block: Streamlit's widgets then draw Khmer with it and Latin with their own font.

STREAMLIT_FAMILY = "Source Sans"  # Streamlit 1.67's body font (its theme's bodyFont)
# Streamlit's icons (the sidebar's arrows, an expander's chevron) are words its icon font
# draws as one picture (ligatures): in the Khmer font they were read as "keyboard_arrow_right".
STREAMLIT_ICONS = '[data-testid="stIconMaterial"]'
STREAMLIT_ICON_FAMILY = "Material Symbols Rounded"  # its theme's iconFont


@dataclass(frozen=True)
class AppFont:
    """Where the app's pages get the Khmer font: a style sheet for the map's frame, and the
    font's address from Streamlit's page (both None: inline the font instead)."""

    map_css_url: str | None
    page_font_url: str | None


def _face(family: str, url: str) -> str:
    return (
        f'@font-face {{ font-family: "{family}"; src: url("{url}") format("truetype");'
        f" font-weight: 100 900; font-style: normal; font-display: block;"
        f" unicode-range: {fonts.KHMER_RANGE}; }}\n"
    )


def _lang_rules() -> str:
    # The line height as fonts.py gives it in the export: any rule of the player's own wins
    # over it (this sheet comes after player.css in the map's frame; a plain :lang(km) made the
    # wall's date, titles and captions half as tall again as in the export).
    return (
        f':lang(km), :lang(km) * {{ font-family: "{fonts.KHMER_FAMILY}", '
        '"DejaVu Sans", Verdana, Arial, sans-serif; }\n:where(:lang(km)) { line-height: 1.6; }\n'
    )


def publish_font(static_dir: Path, route_from_frame: str, subdir: str = "kr-map") -> AppFont:
    """Write the Khmer font and the map frame's style sheet into the static folder once.

    Returns their addresses (the sheet from the map's frame, the font from Streamlit's
    page), or an AppFont of Nones when the folder cannot be written (a read-only install).
    """
    font = fonts.khmer_font()
    data = font.data()
    digest = hashlib.sha256(data).hexdigest()[:12]
    folder = static_dir / subdir
    font_name = f"khmer-{digest}{font.path.suffix.lower()}"
    css = _face(fonts.KHMER_FAMILY, font_name) + _lang_rules()
    css_name = f"khmer-map-{hashlib.sha256(css.encode()).hexdigest()[:12]}.css"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        if not (folder / font_name).is_file():
            atomic_write_bytes(folder / font_name, data)
        if not (folder / css_name).is_file():
            atomic_write_text(folder / css_name, css)
    except OSError:
        return AppFont(None, None)
    return AppFont(f"{route_from_frame}{subdir}/{css_name}", f"app/static/{subdir}/{font_name}")


def frame_font_css(font: AppFont) -> str:
    """Return the CSS that gives Khmer the bundled font in a page the app writes into
    Streamlit's page (the presenter window): its addresses are those of Streamlit's page."""
    if font.page_font_url is None:
        return fonts.khmer_font_face_css()
    return _face(fonts.KHMER_FAMILY, font.page_font_url) + _lang_rules()


def page_font_css(font: AppFont) -> str:
    """Return the CSS that gives Khmer in Streamlit's own page the bundled font (and
    Streamlit's icons their own font back)."""
    icons = f':lang(km) {STREAMLIT_ICONS} {{ font-family: "{STREAMLIT_ICON_FAMILY}"; }}\n'
    if font.page_font_url is None:
        return frame_font_css(font) + icons
    return frame_font_css(font) + _face(STREAMLIT_FAMILY, font.page_font_url) + icons


class MapLanguage(JSCSSMixin, MacroElement):
    """The map's frame in a language: ``<html lang>`` and, in Khmer, the font's style sheet.

    ``lang`` is one of :data:`kr_map.i18n.LANGS` (checked), written as JSON: no text from a
    request reaches the script.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        document.documentElement.setAttribute("lang", {{ this.lang_json }});
        {% endmacro %}
        """
    )

    def __init__(self, lang: str, font: AppFont | None = None) -> None:
        super().__init__()
        self._name = "KrMapLanguage"
        self.lang_json = json.dumps(i18n.check_lang(lang))
        self.default_js = []
        self.default_css = []
        if lang == "km" and font is not None and font.map_css_url:
            self.default_css = [("kr_khmer_font", font.map_css_url)]
        elif lang == "km":
            css = fonts.khmer_font_face_css()
            encoded = base64.b64encode(css.encode("utf-8")).decode("ascii")
            self.default_css = [("kr_khmer_font", f"data:text/css;base64,{encoded}")]


def html_lang_script(lang: str) -> str:
    """Return a script that sets Streamlit's page's ``<html lang>`` (run by ``st.html``)."""
    return (
        "<script>document.documentElement.setAttribute"
        f'("lang", {json.dumps(i18n.check_lang(lang))});</script>'
    )
