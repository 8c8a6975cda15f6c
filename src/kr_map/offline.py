"""Folium maps that need no internet: Leaflet comes from an installed package, not a CDN.

By default folium points every map at CDN copies of Leaflet, jQuery, Bootstrap,
Font Awesome and Leaflet.awesome-markers. Our maps only draw CircleMarkers,
PolyLines, Polygons, GeoJson, DivIcons, Popups and Tooltips, which need Leaflet
alone, plus two one-line uses of jQuery in folium's own templates
(``$(`<div ...>`)[0]`` in ``Popup`` and ``$(document).ready(f)`` in ``Map``).
So an offline map carries exactly three assets, built at run time from the
installed ``django-js-lib-leaflet`` distribution (never copied into the repo):

- Leaflet's JS, as a ``data:`` URL;
- Leaflet's CSS, as a ``data:`` URL, with its three images inlined;
- a small script (also a ``data:`` URL) that gives folium the ``$`` it needs
  and points Leaflet's default marker icon at inlined images.

``data:`` URLs work unchanged in both places a map is shown: streamlit-folium
loads ``default_js``/``default_css`` entries as ``<script src>``/``<link href>``
inside its component, and a standalone HTML file can carry them as they are
(:func:`standalone_html` turns them into plain inline ``<script>``/``<style>``).
See ``docs/OFFLINE.md`` for why this beat serving the files from ``static/``.

Folium plugins (MarkerCluster, Draw, ...) bring their own CDN links, which this
module does not replace: :func:`external_urls` finds them.
"""

from __future__ import annotations

import base64
import functools
import html as html_lib
import re
from importlib import metadata, resources
from importlib.resources.abc import Traversable
from typing import Any

import folium

__all__ = [
    "OnlineAssetError",
    "external_urls",
    "inline_assets",
    "leaflet_version",
    "make_offline",
    "offline_css",
    "offline_js",
    "offline_map",
    "standalone_html",
]

LEAFLET_DISTRIBUTION = "django-js-lib-leaflet"
_LEAFLET_PACKAGE = "js_lib_leaflet"
_LEAFLET_DIST = ("static", "js_lib_leaflet")

# folium's templates use jQuery twice: Popup builds its content node with
# $(`<div ...>...</div>`)[0], and Map calls $(document).ready(f) when it has
# objects_to_stay_in_front. This gives exactly that, and steps aside when a
# real jQuery is present. The default marker icon normally finds its images
# through a path read from leaflet.css; inlined images have no path, so the
# icon gets its URLs directly (imagePath "" + a data: URL is that data: URL).
_FOLIUM_SUPPORT_JS = """\
(function () {
  if (!window.$) {
    window.$ = function (arg) {
      if (typeof arg === "string") {
        var template = document.createElement("template");
        template.innerHTML = arg.trim();
        return Array.prototype.filter.call(template.content.childNodes, function (node) {
          return node.nodeType === 1;
        });
      }
      return {
        ready: function (callback) {
          if (document.readyState === "loading") {
            document.addEventListener("DOMContentLoaded", callback);
          } else {
            callback();
          }
        },
      };
    };
  }
  L.Icon.Default.imagePath = "";
  L.Icon.Default.mergeOptions({
    iconUrl: "%(marker-icon.png)s",
    iconRetinaUrl: "%(marker-icon-2x.png)s",
    shadowUrl: "%(marker-shadow.png)s",
  });
})();
"""

_DATA_URL_SCRIPT = re.compile(
    r"<script\b[^>]*\bsrc=([\"'])data:text/javascript;base64,([A-Za-z0-9+/=]+)\1[^>]*>\s*</script>",
    re.IGNORECASE,
)
_DATA_URL_STYLESHEET = re.compile(
    r"<link\b[^>]*\bhref=([\"'])data:text/css;base64,([A-Za-z0-9+/=]+)\1[^>]*/?>",
    re.IGNORECASE,
)
# Places where a page fetches something it needs. <a href> (attribution links)
# and tile URL templates (strings in the map script) are deliberately not here.
_REQUIRED_REFERENCES = (
    re.compile(r"<script\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE),
    re.compile(r"<link\b[^>]*\bhref\s*=\s*[\"']([^\"']+)[\"']", re.IGNORECASE),
    re.compile(
        r"<(?:img|iframe|embed|source|audio|video)\b[^>]*\bsrc\s*=\s*[\"']([^\"']+)[\"']", re.I
    ),
    re.compile(r"@import\s+(?:url\()?\s*[\"']?([^\"');\s]+)", re.IGNORECASE),
    re.compile(r"url\(\s*[\"']?([^\"')\s]+)", re.IGNORECASE),
)
_EXTERNAL = re.compile(r"^(?:https?:)?//", re.IGNORECASE)


class OnlineAssetError(RuntimeError):
    """A page that should work offline still needs files from the internet."""


def leaflet_version() -> str:
    """Return the version of the installed Leaflet package (e.g. ``"1.9.4.1"``)."""
    return metadata.version(LEAFLET_DISTRIBUTION)


def offline_js() -> list[tuple[str, str]]:
    """Return folium ``default_js`` entries (name, data: URL) for Leaflet and its helper."""
    return [("leaflet", _leaflet_js_url()), ("kr_map_folium_support", _support_js_url())]


def offline_css() -> list[tuple[str, str]]:
    """Return folium ``default_css`` entries (name, data: URL) for Leaflet's stylesheet."""
    return [("leaflet_css", _leaflet_css_url())]


def make_offline(m: folium.Map) -> folium.Map:
    """Return the same map, now loading Leaflet from the installed package instead of CDNs.

    Only this map's own asset lists change (instance attributes): folium's
    class-level defaults, which other maps share, are left alone.
    """
    m.default_js = offline_js()
    m.default_css = offline_css()
    return m


def offline_map(**folium_map_kwargs: Any) -> folium.Map:
    """Return a ``folium.Map(**folium_map_kwargs)`` that needs no external asset."""
    return make_offline(folium.Map(**folium_map_kwargs))


def inline_assets(page: str) -> str:
    """Return the page with its data:-URL scripts and stylesheets written out inline.

    The result is smaller (no base64) and readable; it behaves the same.
    """
    page = _DATA_URL_SCRIPT.sub(lambda m: _inline_tag("script", m.group(2)), page)
    return _DATA_URL_STYLESHEET.sub(lambda m: _inline_tag("style", m.group(2)), page)


def standalone_html(m: folium.Map) -> str:
    """Return a complete HTML page for the map that opens offline, from a file or a server.

    Raises :class:`OnlineAssetError` if some element (a folium plugin, say)
    still needs a script or stylesheet from the internet.
    """
    page = inline_assets(m.get_root().render())
    needed = external_urls(page)
    if needed:
        raise OnlineAssetError("the map still needs files from the internet: " + ", ".join(needed))
    return page


def external_urls(page: str) -> list[str]:
    """Return the http(s):// and //host URLs a page must fetch to work, in order, once each.

    Counted: ``<script src>``, ``<link href>``, ``<img|iframe|... src>``,
    CSS ``@import`` and ``url(...)``. Not counted: links people click
    (``<a href>``) and tile URL templates inside the map script, which are
    optional and fail gracefully offline.
    """
    found: list[str] = []
    for pattern in _REQUIRED_REFERENCES:
        for match in pattern.finditer(page):
            url = html_lib.unescape(match.group(1)).strip()
            if _EXTERNAL.match(url) and url not in found:
                found.append(url)
    return found


def _inline_tag(tag: str, payload: str) -> str:
    """Return ``<tag>`` holding the decoded base64 payload, safe inside HTML."""
    text = base64.b64decode(payload).decode("utf-8")
    # "</script" or "</style" inside the text would end the element early.
    text = re.sub(rf"</(?={tag})", r"<\\/", text, flags=re.IGNORECASE)
    return f"<{tag}>\n{text}\n</{tag}>"


def _dist_file(*parts: str) -> Traversable:
    """Return a file of the installed Leaflet distribution (``leaflet.js``, ``images/...``)."""
    return resources.files(_LEAFLET_PACKAGE).joinpath(*_LEAFLET_DIST, *parts)


def _data_url(mime: str, data: bytes) -> str:
    """Return ``data`` as a base64 ``data:`` URL of the given MIME type."""
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _image_url(name: str) -> str:
    """Return one of Leaflet's PNG images as a data: URL."""
    return _data_url("image/png", _dist_file("images", name).read_bytes())


@functools.cache
def _leaflet_js_url() -> str:
    return _data_url("text/javascript", _dist_file("leaflet.js").read_bytes())


@functools.cache
def _leaflet_css_url() -> str:
    css = _dist_file("leaflet.css").read_text(encoding="utf-8")
    css = re.sub(r"url\(images/([\w.-]+\.png)\)", lambda m: f"url({_image_url(m.group(1))})", css)
    return _data_url("text/css", css.encode("utf-8"))


@functools.cache
def _support_js_url() -> str:
    icons = {
        n: _image_url(n) for n in ("marker-icon.png", "marker-icon-2x.png", "marker-shadow.png")
    }
    return _data_url("text/javascript", (_FOLIUM_SUPPORT_JS % icons).encode("utf-8"))
