"""QR codes of the map's permalinks, made locally with segno, as data the page can draw.

A printed handout carries the address of its frame as text and as a QR code, so a pupil's
phone opens the same view. The page cannot run Python, so the export carries one compact
module matrix per frame (``doc.qr``), made here when ``kr-map export --url`` gives the
address where the file will be published; ``core/qr.js`` draws a matrix as SVG. Without
an address there is no code: a ``file://`` path means nothing on a phone.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

import segno

from kr_map.i18n import _

__all__ = ["check_public_url", "frame_address", "public_address", "qr_codes", "qr_matrix"]


class AddressError(ValueError):
    """The address given for the published file cannot be put in a QR code."""


LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1", "0.0.0.0")


def public_address(url: str) -> str | None:
    """Return ``url`` when a phone elsewhere could open it, else None (this computer only)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or (parts.hostname or "") in ("", *LOCAL_HOSTS):
        return None
    return url.strip().split("#", 1)[0]


def check_public_url(url: str) -> str:
    """Return ``url`` without a fragment, or raise AddressError saying why it is unusable."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc:
        message = _(
            "--url must be the public address of the file, like "
            "https://school.example/kr-map.html, got {value}"
        )
        raise AddressError(message.format(value=repr(url)))
    return url.strip().split("#", 1)[0]


def frame_address(base_url: str, key: str, separator: str = "#") -> str:
    """Return the address that opens frame ``key`` ('1989-10') at ``base_url``.

    ``separator`` is ``#`` for the export (its view is in the fragment) and ``?`` for
    the app (its view is in the query).
    """
    year, _, month = key.partition("-")
    return f"{base_url}{separator}year={int(year)}" + (f"&month={int(month)}" if month else "")


def qr_matrix(text: str) -> dict[str, Any]:
    """Return the QR code of ``text`` as ``{"size": n, "rows": [hex of each row's modules]}``.

    Each row is its n dark (1) or light (0) modules, left first, as a binary number padded
    on the right to whole hex digits. No quiet zone: the drawing adds it.
    """
    code = segno.make_qr(text, error="m")
    rows = []
    for row in code.matrix:
        bits = "".join("1" if module else "0" for module in row)
        bits += "0" * (-len(bits) % 4)
        rows.append(f"{int(bits, 2):0{len(bits) // 4}x}")
    return {"size": len(code.matrix), "rows": rows}


def qr_codes(base_url: str, frame_keys: Iterable[str], separator: str = "#") -> dict[str, Any]:
    """Return ``doc.qr``: the published address and each frame's permalink and QR matrix."""
    base = check_public_url(base_url)
    if separator == "?":
        base = base.split("?", 1)[0]
    codes = {}
    for key in frame_keys:
        address = frame_address(base, key, separator)
        codes[key] = {"url": address, **qr_matrix(address)}
    return {"base": base, "codes": codes}
