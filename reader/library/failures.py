"""What to tell the user when the disk or the library file failed, and what to do about it."""

from __future__ import annotations

import shlex
from pathlib import Path

from platformdirs import user_data_path

from reader import APP_NAME
from reader.core.errors import LibraryDamagedError, UserError
from reader.store.failures import is_damage, storage_failure

BACKUP_FOLDER = "backups"
AUTO_PREFIX = "auto-"
BEFORE_RESTORE = "before-restore-"


def explain_failure(exc: BaseException, library: Path | None) -> UserError | None:
    """The one-line error to show for ``exc``: a user's problem as it is, a failure of the
    disk or of the library file said plainly (a damaged library with the command that
    restores its newest backup); None for anything else, which is a bug."""
    problem: UserError | None
    if isinstance(exc, UserError):
        problem = exc
    elif library is not None:
        problem = storage_failure(exc, library)
    else:
        problem = None
    if library is None or problem is None:
        return problem
    if isinstance(problem, LibraryDamagedError):
        advice = restore_advice(library)
        if advice not in str(problem):
            return LibraryDamagedError(f"{problem}; {advice}")
    elif is_damage(problem) and newest_backup(library) is not None:
        # Not an SQLite file at all: a library whose first page was overwritten, or a file
        # given by mistake; with backups beside it, the first is likely.
        return LibraryDamagedError(f"{problem}; if it was your library, {restore_advice(library)}")
    return problem


def newest_backup(library: Path) -> Path | None:
    """The newest automatic backup of ``library``, else the newest one made by hand."""
    folder = library.parent / BACKUP_FOLDER
    try:
        autos = sorted(folder.glob(f"{AUTO_PREFIX}*.sqlite"))
        if autos:
            return autos[-1]
        # A copy made before a restore may be the damaged library itself.
        others = sorted(
            (p for p in folder.glob("*.sqlite") if not p.name.startswith(BEFORE_RESTORE)),
            key=lambda p: p.stat().st_mtime,
        )
    except OSError:
        return None
    return others[-1] if others else None


def restore_advice(library: Path) -> str:
    backup = newest_backup(library)
    if backup is None:
        return (
            f"there is no backup in {library.parent / BACKUP_FOLDER} to restore; keep a copy of"
            " the file before trying to repair it"
        )
    default = user_data_path(APP_NAME, appauthor=False) / "library.sqlite"
    where = "" if library == default else f" --db {shlex.quote(str(library))}"
    return f"restore its newest backup with: folio{where} restore {shlex.quote(str(backup))}"
