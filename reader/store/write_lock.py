"""Where every write transaction of the library begins and ends.

The library's writer thread runs each unit of work through :func:`run_write`, which is
:func:`write_transaction` around it, once more if the first try failed because the library
file was disturbed meanwhile. A write transaction, in order:

1. checks that the library file, its -wal and -shm are still the files the connections have
   open and that this process still holds SQLite's locks on them, reopening every connection
   if not (see :mod:`reader.store.file_guard`), so no change is written into a deleted -wal;
2. takes the write lock at its start (``BEGIN IMMEDIATE``). SQLite's busy timeout lets a
   writer wait 10 s for it; a library in use by another process that writes a lot (a big
   import, a refresh) may keep it busy for longer than that without ever holding it long: it
   lets go between its short transactions, but a waiting writer only looks now and then. So a
   transaction that finds the library locked keeps asking, up to a generous deadline, before it
   gives up. Asking again is safe: nothing was written yet;
3. runs the work and commits, or rolls back if the work raised;
4. says a failure of the disk or of the file (full, damaged, read-only) as a
   :class:`LibraryError` the user can act on, not as SQLite's message about a rollback that had
   nothing left to roll back.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import peewee

from reader.core.errors import LibraryError
from reader.store.connection import LibraryDatabase, is_io_error
from reader.store.failures import storage_failure

log = logging.getLogger(__name__)

T = TypeVar("T")

# How long a write waits for another process to let go of the library, in all.
PATIENCE = 180.0


def _is_locked(exc: peewee.OperationalError) -> bool:
    message = str(exc).lower()
    return "database is locked" in message or "database is busy" in message


@contextmanager
def write_transaction(db: Any, *, patience: float = PATIENCE) -> Iterator[None]:
    """One write transaction on the calling thread (see the module's text for its steps).

    It commits when the block ends, or rolls back if the block raises; a failure of the disk
    or the file comes out as a :class:`LibraryError`."""
    guarded = db.guarded() if isinstance(db, LibraryDatabase) else contextlib.nullcontext()
    try:
        with guarded:
            transaction = _begin(db, patience)
            try:
                yield
            except BaseException:
                if db.connection().in_transaction:
                    transaction.__exit__(*sys.exc_info())
                else:
                    # SQLite has ended the transaction itself (a full disk or an I/O error
                    # rolls it back at once): a second rollback would only hide why.
                    db.pop_transaction()
                raise
            transaction.__exit__(None, None, None)
    except (peewee.DatabaseError, sqlite3.Error) as exc:
        problem = storage_failure(exc, Path(db.database))
        if problem is None:
            raise
        raise problem from exc


def _begin(db: Any, patience: float) -> Any:
    """``BEGIN IMMEDIATE``, asked again while another process holds the lock."""
    deadline = time.monotonic() + patience
    while True:
        transaction = db.atomic("IMMEDIATE")
        try:
            transaction.__enter__()
        except peewee.OperationalError as exc:
            if not _is_locked(exc) or time.monotonic() >= deadline:
                raise
            log.warning("another program is writing to the library; still waiting to write")
        else:
            return transaction


def run_write(db: Any, fn: Callable[[], T], *, patience: float = PATIENCE) -> T:
    """Run ``fn`` in one write transaction; if it failed because the library file was
    disturbed meanwhile (an I/O error, and the guard finds the files changed), run it again on
    new connections: nothing of the first try stayed."""
    try:
        with write_transaction(db, patience=patience):
            return fn()
    except LibraryError as exc:
        if not (isinstance(db, LibraryDatabase) and is_io_error(exc.__cause__ or exc)):
            raise
        if not db.reopen_if_disturbed():
            raise
    with write_transaction(db, patience=patience):
        return fn()
