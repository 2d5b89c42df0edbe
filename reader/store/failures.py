"""SQLite's failures of the disk and the file, said as what the user can do about them."""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
from pathlib import Path

from reader.core.errors import DiskFullError, LibraryDamagedError, LibraryError

# Beside a library found damaged: what was found, so that later opens say so instead of
# carrying on writing into it.
DAMAGED_SUFFIX = ".damaged"

# What SQLite raises when a failed statement already ended the transaction and the rollback
# that follows finds none: the first failure is the one worth telling.
_NO_TRANSACTION = "cannot rollback - no transaction is active"

_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
# Less room than this left on a disk, and an I/O error is the disk being full.
_NEARLY_FULL = 256 * 1024


def sqlite_error(exc: BaseException) -> sqlite3.Error | None:
    """The SQLite error behind ``exc`` (peewee wraps them), skipping a failed rollback."""
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        inner = current.args[0] if current.args else None
        candidate = inner if isinstance(inner, sqlite3.Error) else current
        if isinstance(candidate, sqlite3.Error) and _NO_TRANSACTION not in str(candidate):
            return candidate
        current = current.__cause__ or current.__context__
    return None


def error_code(error: sqlite3.Error) -> int | None:
    """SQLite's primary result code (SQLITE_FULL, SQLITE_CORRUPT…) of ``error``."""
    code = getattr(error, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def _nearly_full(path: Path) -> bool:
    """Whether the file system holding ``path`` has (almost) no room left."""
    try:
        info = os.statvfs(path.parent)
    except (OSError, AttributeError):
        return False
    return info.f_bavail * info.f_frsize < _NEARLY_FULL


def is_disk_full(exc: BaseException) -> bool:
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
        return True
    error = sqlite_error(exc)
    return error is not None and error_code(error) == sqlite3.SQLITE_FULL


def storage_failure(exc: BaseException, path: Path) -> LibraryError | None:
    """A one-line error for a failure of the disk or of the library file at ``path``; None
    when ``exc`` is something else (a bug, a constraint)."""
    if isinstance(exc, LibraryError):
        return exc
    if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
        return DiskFullError(f"the disk is full; {exc.filename or path} was not written")
    error = sqlite_error(exc)
    if error is None:
        return None
    code = error_code(error)
    if code == sqlite3.SQLITE_FULL or (code == sqlite3.SQLITE_IOERR and _nearly_full(path)):
        # A full disk often shows as an I/O error: SQLite could not grow its -shm or -wal.
        return DiskFullError(
            f"the disk holding the library {path} is full, so Folio could not write to it (free"
            " some space and try again)"
        )
    if code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB):
        return LibraryDamagedError(f"the library {path} is damaged ({error})")
    if code == sqlite3.SQLITE_READONLY:
        return LibraryError(
            f"the library {path} cannot be written ({error}); check that you may write to it"
            " and to its folder"
        )
    if code == sqlite3.SQLITE_IOERR:
        return LibraryError(
            f"the library {path} could not be read or written ({error}); nothing was changed"
        )
    if code == sqlite3.SQLITE_CANTOPEN:
        return LibraryError(f"cannot open the library {path} ({error})")
    if code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        return LibraryError(
            f"the library {path} is busy: another program kept it locked; try again"
        )
    return None


def is_damage(exc: BaseException) -> bool:
    error = sqlite_error(exc)
    return error is not None and error_code(error) in (
        sqlite3.SQLITE_CORRUPT,
        sqlite3.SQLITE_NOTADB,
    )


def _marker(path: Path) -> Path:
    return path.with_name(path.name + DAMAGED_SUFFIX)


def mark_damaged(path: Path, what: str) -> None:
    """Remember beside the library that it was found damaged (a file of its own: the library
    itself cannot be trusted to keep the note)."""
    # If it cannot be written, the next failure says it again.
    with contextlib.suppress(OSError):
        _marker(path).write_text(what.strip() + "\n", encoding="utf-8")


def damage_note(path: Path) -> str | None:
    """What was found when the library was marked damaged; None if it was not."""
    try:
        text = _marker(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    return text.strip() or "found damaged before"


def clear_damage(path: Path) -> None:
    _marker(path).unlink(missing_ok=True)
