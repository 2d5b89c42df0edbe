"""Noticing that the library file was disturbed under its open connections.

SQLite's locks on Linux are POSIX record locks, and those belong to the process: when any code
in it opens and closes the library file (or its -wal or -shm) with a descriptor of its own,
every lock SQLite held on that file is gone, without SQLite knowing. Another process then
believes it is alone with the library, checkpoints, and deletes the -wal and -shm files this
process still has open; whatever this process writes afterwards goes into a deleted file.

Two things are checked, both through /proc (so on systems without it the guard does nothing):

- whether the -wal, -shm or the library file behind an open descriptor is still the one at
  its path (same device and inode): if not, the connections write into a file no one else
  will ever read;
- whether this process still holds a lock on the library file and on its -shm, as SQLite
  believes it does: if not, another process may delete them at any moment.
"""

from __future__ import annotations

import logging
import os
import sys
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from reader.core.errors import LibraryError

log = logging.getLogger(__name__)

_FD_DIR = Path("/proc/self/fd")
_LOCKS = Path("/proc/locks")
_DELETED = " (deleted)"


class Disturbance(Enum):
    """What happened to the library file under the open connections."""

    LOCKS_LOST = "locks lost"  # nothing lost yet; reopening takes the locks again
    REPLACED = "replaced"  # the -wal, -shm or the library file itself is another file now
    GONE = "gone"  # the library file is no longer at its path


@dataclass(frozen=True)
class Finding:
    kind: Disturbance
    names: tuple[str, ...]  # the files concerned ("library.sqlite-wal")

    def describe(self) -> str:
        return f"{' and '.join(self.names)} {self.kind.value}"


def _identity(st: os.stat_result) -> tuple[int, int]:
    return st.st_dev, st.st_ino


class FileGuard:
    """Checks one library file; cheap enough to run before every write transaction.

    The files' identities (device and inode) are noted when the library is opened; while
    they stay the same, a check costs three stat() calls and a read of /proc/locks. Only when
    one changed are this process's open descriptors looked at, which is dearer: SQLite itself
    may have made a new -wal after the last connection closed, which is no disturbance."""

    def __init__(self, path: Path) -> None:
        real = Path(os.path.realpath(path))
        self.path = real
        self.wal = real.with_name(real.name + "-wal")
        self.shm = real.with_name(real.name + "-shm")
        self.enabled = sys.platform.startswith("linux") and _FD_DIR.is_dir()
        # Files whose locks this process was seen to hold; only those are checked later, so
        # a file system whose locks /proc/locks shows under another device never looks lost.
        self._lock_checked: tuple[Path, ...] = ()
        self._known: tuple[tuple[int, int] | None, ...] = ()

    def calibrate(self) -> None:
        """Note the files' identities and which locks show in /proc/locks; call it right
        after the library was read, while SQLite holds its locks on the library and -shm."""
        if not self.enabled:
            return
        self._known = self._identities()
        held = self._held_locks()
        checked = []
        for path in (self.path, self.shm):
            try:
                if _lock_key(path.stat()) in held:
                    checked.append(path)
            except OSError:
                continue
        self._lock_checked = tuple(checked)
        if not checked:
            log.info("locks on %s do not show in %s; not checking them", self.path, _LOCKS)

    def check(self) -> Finding | None:
        """What disturbed the library since the connections were opened, or None."""
        if not self.enabled:
            return None
        try:
            found = None
            now = self._identities()
            if now != self._known:
                found = self._replaced()
                if found is None and now[0] is None and self._known[:1] != (None,):
                    # Moved or renamed away: its descriptors show its new name, not a deleted
                    # file; reopening would start an empty library in its place.
                    found = Finding(Disturbance.GONE, (self.path.name,))
                if found is None:
                    self._known = now  # made anew by SQLite itself
            if found is None and self._lock_checked:
                found = self._locks_lost()
        except OSError:
            log.debug("could not check %s", self.path, exc_info=True)
            return None
        return found

    def _identities(self) -> tuple[tuple[int, int] | None, ...]:
        found: list[tuple[int, int] | None] = []
        for path in (self.path, self.wal, self.shm):
            try:
                found.append(_identity(path.stat()))
            except FileNotFoundError:
                found.append(None)
        return tuple(found)

    # -- descriptors --------------------------------------------------------------------------
    def _replaced(self) -> Finding | None:
        watched = {str(p): p for p in (self.path, self.wal, self.shm)}
        replaced: list[Path] = []
        gone = False
        for link in _FD_DIR.iterdir():
            try:
                target = str(link.readlink())
            except OSError:
                continue  # closed meanwhile
            path = watched.get(target.removesuffix(_DELETED))
            if path is None or path in replaced:
                continue
            try:
                opened = _identity(os.fstat(int(link.name)))
                if str(link.readlink()) != target:
                    continue  # the number was reused for another file meanwhile
            except (OSError, ValueError):
                continue
            try:
                current = _identity(path.stat())
            except FileNotFoundError:
                current = None
            if current != opened:
                replaced.append(path)
                gone = gone or (path == self.path and current is None)
        if not replaced:
            return None
        kind = Disturbance.GONE if gone else Disturbance.REPLACED
        return Finding(kind, tuple(p.name for p in replaced))

    # -- locks --------------------------------------------------------------------------------
    def _locks_lost(self) -> Finding | None:
        held = self._held_locks()
        lost = []
        for path in self._lock_checked:
            try:
                key = _lock_key(path.stat())
            except FileNotFoundError:
                lost.append(path)
                continue
            if key not in held:
                lost.append(path)
        if not lost:
            return None
        return Finding(Disturbance.LOCKS_LOST, tuple(p.name for p in lost))

    @staticmethod
    def _held_locks() -> set[tuple[int, int, int]]:
        """(major, minor, inode) of every file this process holds a POSIX lock on."""
        pid = str(os.getpid())
        held = set()
        with _LOCKS.open(encoding="ascii", errors="replace") as locks:
            for line in locks:
                # "3: POSIX  ADVISORY  READ 9946 fe:00:2164642 1073741826 1073742335";
                # a waiting request has "->" after the number and is skipped.
                parts = line.split()
                if len(parts) < 6 or parts[1] != "POSIX" or parts[4] != pid:
                    continue
                fields = parts[5].split(":")
                if len(fields) != 3:
                    continue
                try:
                    held.add((int(fields[0], 16), int(fields[1], 16), int(fields[2])))
                except ValueError:
                    continue
        return held


def _lock_key(st: os.stat_result) -> tuple[int, int, int]:
    return os.major(st.st_dev), os.minor(st.st_dev), st.st_ino


def is_library_file(candidate: Path, library: Path, *, journals: bool = True) -> bool:
    """Whether ``candidate`` names the library file (or its -wal, -shm or -journal), decided
    from names and stat() alone: reading it, even to check, would drop SQLite's locks."""
    suffixes = ("-wal", "-shm", "-journal") if journals else ()
    own = [library, *(library.with_name(library.name + s) for s in suffixes)]
    try:
        resolved = candidate.resolve()
    except OSError:
        return False
    for path in own:
        try:
            if resolved == path.resolve() or candidate.samefile(path):
                return True
        except OSError:
            continue  # that companion does not exist
    return False


def refuse_library_file(candidate: Path, library: Path, advice: str) -> None:
    """LibraryError if ``candidate`` is the library's own file (see :func:`is_library_file`)."""
    if is_library_file(candidate, library):
        what = (
            "the library itself"
            if is_library_file(candidate, library, journals=False)
            else ("one of the library's journal files")
        )
        raise LibraryError(f"{candidate} is {what}; {advice}")
