"""Private files: every file the app writes is 0600 and every folder it creates 0700, whatever the umask.

Databases, key files, backups, exports, issued PDFs and logs are health records or name them, so no
other local user may read them. Every writer goes through here: ``private_dir`` for folders,
``write_private`` (atomic) and ``open_private`` for files, ``create_private`` for a file a library
then fills (SQLite creates its ``-wal``/``-shm``/``-journal`` with the database file's own mode), and
``make_private`` to tighten a file a library wrote (a printer's PDF, an older version's files).
On Windows the modes mean little (the user's profile folder is private there); the calls still work.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO, Any

FILE_MODE = 0o600
FOLDER_MODE = 0o700
SQLITE_COMPANIONS = ("-wal", "-shm", "-journal")
_BINARY = getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FLAGS = {"w": os.O_WRONLY | os.O_CREAT | os.O_TRUNC, "a": os.O_WRONLY | os.O_CREAT | os.O_APPEND,
          "x": os.O_WRONLY | os.O_CREAT | os.O_EXCL}


def private_dir(path: Path) -> Path:
    """Create ``path`` and any missing parents as 0700 folders; a folder already there is left as it is."""
    missing: list[Path] = []
    for folder in (path, *path.parents):
        if folder.is_dir():
            break
        missing.append(folder)
    for folder in reversed(missing):
        try:
            folder.mkdir(mode=FOLDER_MODE)
        except FileExistsError:
            if not folder.is_dir():
                raise
    return path


def open_private(path: Path | str, mode: str = "w", **kwargs: Any) -> IO[Any]:
    """``open(path, mode)`` for writing (``w``, ``a``, ``x``, with ``b`` or not), the file 0600.

    A file created here is born 0600; an existing one the app rewrites or appends to is narrowed to 0600.
    """
    kind = mode.replace("b", "").replace("t", "")
    if kind not in _FLAGS:
        raise ValueError(f"open_private writes only: mode {mode!r}")
    fd = os.open(path, _FLAGS[kind] | _BINARY, FILE_MODE)
    try:
        _narrow(fd)
        return os.fdopen(fd, mode, **kwargs)
    except BaseException:
        os.close(fd)
        raise


def write_private(path: Path, data: bytes | str, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` as a 0600 file, atomically: a crash leaves the old file or the new one.

    Written beside the target under a fresh name (created exclusively, never through a link) and moved
    over it, so an existing file of another mode is replaced, not widened. A link is written through.
    """
    path = Path(os.path.realpath(path)) if path.is_symlink() else path
    raw = data.encode(encoding) if isinstance(data, str) else data
    if path.exists() and not path.is_file():  # a device or a pipe (/dev/stdout): write into it as it is
        with path.open("wb") as f:
            f.write(raw)
        return
    tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, FILE_MODE)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def create_private(path: Path) -> None:
    """An empty 0600 file at ``path`` if there is none (for a library to fill: SQLite, a ZIP)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, FILE_MODE)
    except FileExistsError:
        return
    os.close(fd)


def make_private(path: Path | str) -> None:
    """Narrow an existing file the app wrote to 0600 (nothing when it is missing or not the user's)."""
    try:
        mode = os.stat(path, follow_symlinks=False).st_mode
        if stat.S_ISREG(mode) and stat.S_IMODE(mode) & 0o077:
            os.chmod(path, stat.S_IMODE(mode) & FILE_MODE)
    except OSError:  # gone, or another user's file: nothing to narrow here
        pass


def make_database_private(path: Path) -> None:
    """Narrow a SQLite database file and the companions SQLite made beside it."""
    make_private(path)
    for suffix in SQLITE_COMPANIONS:
        make_private(path.with_name(path.name + suffix))


def _narrow(fd: int) -> None:
    if os.name == "nt":  # pragma: no cover - no POSIX modes
        return
    mode = stat.S_IMODE(os.fstat(fd).st_mode)
    if mode & 0o077:
        try:
            os.fchmod(fd, mode & FILE_MODE)
        except OSError:  # (not the user's file: it was writable to her, so the write goes on)
            pass
