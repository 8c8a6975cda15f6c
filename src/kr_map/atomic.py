"""Atomic file writes: a reader sees the old file or the new one, never half of either.

The new content goes to a temporary file in the target's own folder (so the final
``os.replace`` is a rename within one file system, which POSIX and Windows make
atomic), is flushed to disk, and only then replaces the target. If anything fails
before the rename, the temporary file is removed and the target is left as it was.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

__all__ = [
    "atomic_write_bytes",
    "atomic_write_text",
    "remove_stale_temp_files",
    "stale_temp_files",
]


def atomic_write_bytes(path: Path | str, data: bytes) -> None:
    """Replace the file at ``path`` with ``data`` in one step, or leave it untouched.

    An existing target keeps its permission bits; a new file gets the permissions
    an ordinary ``open(path, "w")`` would give it (``0o666`` less the umask), not
    the private ``0o600`` of a temporary file. A symbolic link is followed, so the
    file it points to is replaced and the link stays a link.
    """
    target = Path(os.path.realpath(path))
    mode = _mode_for(target)
    fd, temp_name = tempfile.mkstemp(dir=target.parent, prefix=_temp_prefix(target), suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, target)
    except BaseException:
        # BaseException, not Exception: a Ctrl-C mid-write must not leave the
        # temporary file behind either. The error itself is re-raised.
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise
    _sync_folder(target.parent)


def atomic_write_text(path: Path | str, text: str, *, encoding: str = "utf-8") -> None:
    """Replace the file at ``path`` with ``text`` in one step, or leave it untouched.

    The text is encoded as it is: line endings are not translated, so a ``"\\n"``
    written here is a ``"\\n"`` on every platform.
    """
    atomic_write_bytes(path, text.encode(encoding))


def _temp_prefix(target: Path) -> str:
    return f".{target.name}."


def stale_temp_files(path: Path | str) -> list[Path]:
    """Return the temporary files a write to ``path`` left behind when it was killed.

    A write interrupted by SIGKILL or a power cut cannot clean up; its temporary file
    (``.places.csv.<random>.tmp`` beside ``places.csv``) stays until someone removes it.
    """
    target = Path(os.path.realpath(path))
    prefix = _temp_prefix(target)
    if not target.parent.is_dir():
        return []
    return sorted(
        p
        for p in target.parent.iterdir()
        if p.name.startswith(prefix) and p.name.endswith(".tmp") and p.is_file()
    )


def remove_stale_temp_files(path: Path | str) -> list[Path]:
    """Remove the temporary files interrupted writes to ``path`` left; return those removed.

    Only call this when no other write to ``path`` is under way (a second ``kr-map
    geocode`` on the same file at the same time would lose its temporary file).
    """
    removed = []
    for stale in stale_temp_files(path):
        with contextlib.suppress(FileNotFoundError):
            stale.unlink()
            removed.append(stale)
    return removed


def _mode_for(target: Path) -> int:
    """Return the permission bits the replaced file should have."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_current_umask()


def _current_umask() -> int:
    # The umask can only be read by setting it; set it straight back.
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def _sync_folder(folder: Path) -> None:
    """Ask the OS to record the rename itself on disk, where it can (POSIX)."""
    if os.name != "posix":
        return
    # The file is already in place; a failure here (some file systems refuse to
    # fsync a folder) only weakens durability after a power cut, so it must not
    # turn a successful write into a reported failure.
    with contextlib.suppress(OSError):
        folder_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(folder_fd)
        finally:
            os.close(folder_fd)
