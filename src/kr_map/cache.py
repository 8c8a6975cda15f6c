"""Frames documents kept on disk by content hash: built once per data version and code.

Building the frames document takes seconds on a researcher's thousands of rows; the app
builds it once per data version, and keeps it here so that a restart (or a second app
process) reads it instead of building it again. The key is a digest of every byte of the
data and seeds folders, of kr-map's own code and of the years asked for, so a saved
change, an upgrade or other years never meet an old document.

An entry is one file: a header line (format, key, version, SHA-256 of the body) and the
document as JSON. It is written atomically and trusted only when its header matches the
key and the body's digest: a truncated, edited or foreign file is built again and replaced.
Entries of one version (the same data, seeds and code) live side by side, one per
language and kind (the frames document, the classroom's); writing an entry of a new
version removes those of the older ones.

The folder is ``$KR_MAP_CACHE_DIR``, else ``$XDG_CACHE_HOME/kr-map``, else
``~/.cache/kr-map``. When it cannot be written the document is built as before.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from kr_map.atomic import atomic_write_bytes

FORMAT = "kr-map frames document cache 2"
CACHE_ENV = "KR_MAP_CACHE_DIR"
PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path:
    """Return the folder cached documents live in (it may not exist yet)."""
    configured = os.environ.get(CACHE_ENV)
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "kr-map"


def content_digest(*folders: Path, follow_links: bool = False) -> str:
    """Return a digest of the files in ``folders``: their names and every byte.

    A link is followed only when ``follow_links`` (the operator allowed data outside
    the folder); otherwise its target's name stands for it, and nothing outside is read.
    """
    digest = hashlib.sha256()
    for folder in folders:
        digest.update(f"\x1d{folder.name}\x1d".encode())
        try:
            paths = sorted(p for p in folder.iterdir())
        except OSError:
            digest.update(b"missing")
            continue
        for path in paths:
            digest.update(f"\x1e{path.name}\x1e".encode())
            try:
                if path.is_symlink() and not follow_links:
                    digest.update(f"link:{os.readlink(path)}".encode())
                elif path.is_file():
                    digest.update(path.read_bytes())
            except OSError:
                digest.update(b"unreadable")
    return digest.hexdigest()


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Return a digest of kr-map's Python modules and message catalogs: another version (or
    other words for a caption) builds other documents."""
    digest = hashlib.sha256()
    for path in [*sorted(PACKAGE.glob("*.py")), *sorted(PACKAGE.glob("locale/**/*.po"))]:
        digest.update(f"\x1e{path.relative_to(PACKAGE).as_posix()}\x1e".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def document_key(data_dir: Path, seeds_dir: Path, *parts: Any, follow_links: bool = False) -> str:
    """Return the key of a frames document: the data's and seeds' bytes, the code, ``parts``."""
    text = json.dumps(
        [content_digest(data_dir, seeds_dir, follow_links=follow_links), code_digest(), parts],
        default=str,
    )
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def part_key(version: str, *parts: Any) -> str:
    """Return the key of one entry of a version (:func:`document_key` without parts): the
    version and ``parts`` (the language, the kind of document)."""
    return hashlib.sha256(json.dumps([version, parts], default=str).encode()).hexdigest()[:32]


def _entry(folder: Path, source: str, key: str) -> Path:
    return folder / f"frames-{source}-{key}.json"


def read_entry(path: Path, key: str) -> dict[str, Any] | None:
    """Return the document a cache file holds for ``key``, or None unless it is whole and ours."""
    try:
        raw = path.read_bytes()
    except OSError:
        return None
    header, newline, body = raw.partition(b"\n")
    head = _header(header) if newline else None
    expected = {"format": FORMAT, "key": key, "sha256": hashlib.sha256(body).hexdigest()}
    if head is None or {name: head.get(name) for name in expected} != expected:
        return None
    try:
        document = json.loads(body)
    except ValueError:
        return None
    return (
        document
        if isinstance(document, dict) and isinstance(document.get("frames"), list)
        else None
    )


def _header(line: bytes) -> dict[str, Any] | None:
    try:
        head = json.loads(line)
    except ValueError:
        return None
    return head if isinstance(head, dict) else None


def _version_of(path: Path) -> str | None:
    """Return the version an entry was written for (its first line only is read)."""
    try:
        with path.open("rb") as file:
            head = _header(file.readline(4096))
    except OSError:
        return None
    return head.get("version") if head and head.get("format") == FORMAT else None


def write_entry(path: Path, key: str, document: dict[str, Any], version: str | None = None) -> None:
    """Write a cache file for ``key`` in one step (a reader sees the old file or the new)."""
    body = json.dumps(document, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    head = {"format": FORMAT, "key": key, "version": version or key,
            "sha256": hashlib.sha256(body).hexdigest()}  # fmt: skip
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write_bytes(path, json.dumps(head).encode("utf-8") + b"\n" + body)


def cached_document(
    key: str,
    build: Callable[[], dict[str, Any]],
    source: str = "data",
    folder: Path | None = None,
    version: str | None = None,
) -> dict[str, Any]:
    """Return the frames document of ``key``: read from the cache, else built and kept.

    ``source`` names the data folder in the file names; once a new entry is written, the
    entries of the same source written for another ``version`` (other data, seeds or code)
    are removed; those of the same version under other keys (the other languages) stay.
    Without ``version`` an entry is its own version: every other entry of the source goes.
    """
    folder = folder if folder is not None else cache_dir()
    path = _entry(folder, source, key)
    document = read_entry(path, key)
    if document is not None:
        return document
    document = build()
    try:
        write_entry(path, key, document, version)
    except OSError:
        return document  # a read-only cache: built each time, as without one
    for old in folder.glob(f"frames-{source}-*.json"):
        if old != path and (version is None or _version_of(old) != version):
            with contextlib.suppress(OSError):
                old.unlink()
    return document
