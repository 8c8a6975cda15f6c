"""The territory layer's tile grounds and joined areas kept on disk by content.

Areas are most of a large build (a researcher's 10,000 events: ~90% of it), and a
researcher edits a few rows at a time. A tile's ground depends only on the holdings near
the tile, the towns near it, the country's outline and the method's code; a joined area only
on the pieces it is joined from (:mod:`kr_map.territory`). So both are kept here under a
digest of exactly those inputs, across data versions: a build after one row changed makes
again only the tiles near the place it touched, and reads every other piece.

One SQLite file, ``areas.sqlite`` in the cache folder (:func:`kr_map.cache.cache_dir`):
SQLite writes it in transactions, so a crash leaves the file as it was before the last one,
and two app processes may share it. Entries hold shapely's WKB and JSON, never anything that
runs (no pickle). An entry that does not decode is ignored and made again. When the file
cannot be opened, read or written (a read-only folder, a foreign or damaged file) the store
says nothing and keeps nothing: the build goes on as without it. The file is kept under
:data:`LIMIT_BYTES` by removing the entries used longest ago.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import struct
import threading
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry.base import BaseGeometry

from kr_map import cache

FORMAT = b"kr-map area store 1"
FILE_NAME = "areas.sqlite"
STORE_ENV = "KR_MAP_AREA_STORE"
LIMIT_BYTES = 1 << 30  # 1 GiB: a 100,000-event build's areas with room for its next versions
_FLUSH_BYTES = 64 << 20  # written out at least this often, so a large build's memory stays flat
_METHOD_FILES = ("territory.py", "land.py", "tiles.py")
_NOT_OURS = (sqlite3.SQLITE_NOTADB, sqlite3.SQLITE_CORRUPT)
_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)

Category = tuple[tuple[str, ...], str]


@lru_cache(maxsize=1)
def method_digest() -> bytes:
    """Return a digest of the code that makes areas: another method, other entries."""
    digest = hashlib.blake2b(FORMAT, digest_size=16)
    digest.update(shapely.geos_version_string.encode("ascii"))  # another GEOS, other vertices
    for name in _METHOD_FILES:
        digest.update((cache.PACKAGE / name).read_bytes())
    return digest.digest()


def key_of(kind: bytes, *parts: Any) -> bytes:
    """Return an entry's key: the method, its kind and the repr of what it is made from
    (floats' repr is exact, so equal inputs and only equal inputs meet)."""
    digest = hashlib.blake2b(method_digest() + kind, digest_size=32)
    digest.update(repr(parts).encode("utf-8"))
    return digest.digest()


def encode_ground(pieces: dict[Category, bytes]) -> bytes:
    """Return a tile's pieces as bytes: a JSON head (categories, lengths), then their WKB."""
    head = [[list(factions), status, len(wkb)] for (factions, status), wkb in pieces.items()]
    text = json.dumps(head, ensure_ascii=False).encode("utf-8")
    return struct.pack(">I", len(text)) + text + b"".join(pieces.values())


def decode_ground(value: bytes) -> dict[Category, tuple[bytes, BaseGeometry]] | None:
    """Return a tile's pieces (category: WKB and shape) from :func:`encode_ground`'s bytes,
    None when they do not decode to polygons."""
    try:
        (size,) = struct.unpack_from(">I", value)
        head = json.loads(value[4 : 4 + size].decode("utf-8"))
        out, at = {}, 4 + size
        for factions, status, length in head:
            wkb = value[at : at + length]
            at += length
            shape = shapely.from_wkb(wkb)
            if shape.geom_type not in ("Polygon", "MultiPolygon") or len(wkb) != length:
                return None
            out[(tuple(str(f) for f in factions), str(status))] = (wkb, shape)
        return out if at == len(value) else None
    except (ValueError, TypeError, struct.error, shapely.errors.GEOSException):
        return None


def encode_groups(parts: list[tuple[bytes, int]]) -> bytes:
    """Return an area's polygons as bytes: per polygon, its group's key and place in it."""
    return b"".join(group + struct.pack(">I", place) for group, place in parts)


def decode_groups(value: bytes) -> list[tuple[bytes, int]] | None:
    """Return :func:`encode_groups`' polygons, None when the bytes are not theirs."""
    if len(value) % 20:
        return None
    return [(value[at : at + 16], struct.unpack_from(">I", value, at + 16)[0])
            for at in range(0, len(value), 20)]  # fmt: skip


class AreaStore:
    """Tile grounds and joined areas on disk: read as asked, written by :meth:`save`."""

    def __init__(
        self, path: Path | None, limit_bytes: int = LIMIT_BYTES, wait_s: float = 60.0
    ) -> None:
        self.path = path
        self.limit_bytes = limit_bytes
        self.wait_s = wait_s  # how long a write waits for another process's to end
        self._db: sqlite3.Connection | None = None
        self._broken = path is None  # no file: the store keeps nothing
        self.problem: str | None = None
        self._pending: dict[bytes, bytes] = {}
        self._pending_bytes = 0
        self._used: set[bytes] = set()
        self._lock = threading.Lock()  # the app builds two languages' documents in threads

    def get(self, key: bytes) -> bytes | None:
        """Return the value kept under ``key``, or None (not kept, or no store)."""
        with self._lock:
            if key in self._pending:
                return self._pending[key]
            row = self._query("SELECT value FROM entries WHERE key = ?", (key,))
            if row is None:
                return None
            self._used.add(key)
            return bytes(row[0])

    def kept(self, keys: list[bytes]) -> set[bytes]:
        """Return those of ``keys`` the store holds (their values are not read)."""
        found: set[bytes] = set()
        for at in range(0, len(keys), 500):  # SQLite's limit on a statement's parameters
            batch = keys[at : at + 500]
            marks = ",".join("?" * len(batch))
            with self._lock:
                rows = self._query_all(f"SELECT key FROM entries WHERE key IN ({marks})", batch)
                found.update(bytes(k) for (k,) in rows)
                found.update(k for k in batch if k in self._pending)
        return found

    def put(self, key: bytes, value: bytes) -> None:
        """Keep ``value`` under ``key`` (written by the next :meth:`save`)."""
        with self._lock:
            if self._broken or key in self._pending:
                return
            self._pending[key] = value
            self._pending_bytes += len(value)
            full = self._pending_bytes >= _FLUSH_BYTES
        if full:
            self.save()

    def save(self) -> None:
        """Write what was kept since the last save, mark what was read as used now, and
        remove the entries used longest ago while the file is over its limit."""
        with self._lock:
            pending, used = self._pending, self._used
            self._pending, self._pending_bytes, self._used = {}, 0, set()
            db = self._open()
            if db is None or not (pending or used):
                return
            now = int(time.time())
            try:
                with db:
                    db.executemany(
                        "INSERT OR IGNORE INTO entries (key, value, used) VALUES (?, ?, ?)",
                        [(k, v, now) for k, v in pending.items()],
                    )
                    db.executemany("UPDATE entries SET used = ? WHERE key = ?",
                                   [(now, k) for k in used])  # fmt: skip
                    self._prune(db)
            except sqlite3.OperationalError as error:
                if getattr(error, "sqlite_errorcode", None) not in _BUSY:
                    self._give_up(error)
                    return
                # another process is writing: kept for the next save, not lost
                self._pending.update(pending)
                self._pending_bytes += sum(len(v) for v in pending.values())
                self._used |= used
            except sqlite3.Error as error:
                self._give_up(error)

    def _prune(self, db: sqlite3.Connection) -> None:
        pages = db.execute("PRAGMA page_count").fetchone()[0]
        free = db.execute("PRAGMA freelist_count").fetchone()[0]
        size = db.execute("PRAGMA page_size").fetchone()[0]
        over = (pages - free) * size - self.limit_bytes
        if over <= 0:
            return
        (total, count) = db.execute("SELECT SUM(LENGTH(value)), COUNT(*) FROM entries").fetchone()
        drop = max(1, int(count * min(1.0, (over + self.limit_bytes // 4) / max(total, 1))))
        db.execute("DELETE FROM entries WHERE key IN "
                   "(SELECT key FROM entries ORDER BY used, key LIMIT ?)", (drop,))  # fmt: skip

    def _query_all(self, sql: str, args: list) -> list[tuple]:
        db = self._open()
        if db is None:
            return []
        try:
            return db.execute(sql, args).fetchall()
        except sqlite3.Error as error:
            self._give_up(error)
            return []

    def _query(self, sql: str, args: tuple) -> tuple | None:
        db = self._open()
        if db is None:
            return None
        try:
            return db.execute(sql, args).fetchone()
        except sqlite3.Error as error:
            self._give_up(error)
            return None

    def _open(self) -> sqlite3.Connection | None:
        if self._db is not None or self._broken:
            return self._db
        try:
            self._db = self._connect()
        except sqlite3.DatabaseError as error:
            if getattr(error, "sqlite_errorcode", None) not in _NOT_OURS:
                self._give_up(error)
                return None
            # a damaged or foreign file where ours belongs: the store is a cache, made again
            for suffix in ("", "-wal", "-shm"):
                with contextlib.suppress(OSError):
                    Path(f"{self.path}{suffix}").unlink()
            try:
                self._db = self._connect()
            except (OSError, sqlite3.Error) as again:
                self._give_up(again)
        except OSError as error:
            self._give_up(error)
        return self._db

    def _connect(self) -> sqlite3.Connection:
        if self.path.is_symlink() or (self.path.exists() and not self.path.is_file()):
            raise OSError(f"{self.path} is not a regular file")  # never written through
        self.path.parent.mkdir(parents=True, exist_ok=True)
        assert self.path is not None  # a store without a file never connects
        db = sqlite3.connect(self.path, timeout=self.wait_s, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("CREATE TABLE IF NOT EXISTS entries "
                       "(key BLOB PRIMARY KEY, value BLOB NOT NULL, used INTEGER NOT NULL)")  # fmt: skip
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _give_up(self, error: BaseException | None = None) -> None:
        """Stop using the file: the build goes on without a store (``problem`` says why)."""
        self.problem = repr(error) if error is not None else "given up"
        self._broken = True
        self._pending, self._pending_bytes, self._used = {}, 0, set()
        if self._db is not None:
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            self._db = None

    def close(self) -> None:
        """Save, then close the file."""
        self.save()
        with self._lock:
            if self._db is not None:
                with contextlib.suppress(sqlite3.Error):
                    self._db.close()
                self._db = None

    def __enter__(self) -> AreaStore:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def default() -> AreaStore:
    """Return the store in the cache folder (one that keeps nothing when the environment
    sets ``KR_MAP_AREA_STORE=0``)."""
    off = os.environ.get(STORE_ENV, "1") == "0"
    return AreaStore(None if off else cache.cache_dir() / FILE_NAME)
