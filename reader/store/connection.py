"""The library's database: its connections, watched and guarded.

peewee opens one connection per thread: the library's writer thread has one, and so has each
thread that reads. :class:`LibraryDatabase` knows all of them, so that when the library file
was disturbed under them (see :mod:`reader.store.file_guard`) they can all be closed and opened
again: SQLite shares one -shm mapping among every connection of a process, so a single fresh
connection beside stale ones would still use the deleted file. Every connection it opens also
reports its writes to whoever watches (see :mod:`reader.store.write_watch`).

Write transactions start in :func:`reader.store.write_lock.write_transaction`, which holds
:meth:`LibraryDatabase.guarded` around each: the files are checked before it begins, and no
other thread closes the connections while it runs.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
import threading
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import peewee

from reader.core.errors import LibraryError
from reader.core.file_warnings import FilesReplaced
from reader.store.failures import is_damage, mark_damaged
from reader.store.file_guard import Disturbance, FileGuard
from reader.store.write_watch import watch_connection

log = logging.getLogger(__name__)

Warn = Callable[[FilesReplaced], None]

# Python 3.12 and newer can tell a connection not to checkpoint when it closes; a connection
# whose -wal was deleted must not copy what it holds over pages another process wrote since.
_NO_CHECKPOINT_ON_CLOSE: int | None = getattr(sqlite3, "SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE", None)


class LibraryConnection(sqlite3.Connection):
    """A plain connection that can be referred to weakly (the built-in one cannot)."""


class LibraryDatabase(peewee.SqliteDatabase):  # type: ignore[misc]
    """The library file's database: every thread's connection known, all reopened together
    when the file was disturbed, and each one's writes reported while anyone watches."""

    def __init__(
        self, path: Path, *, pragmas: dict[str, Any], on_warning: Warn | None = None
    ) -> None:
        super().__init__(
            str(path), pragmas=pragmas, check_same_thread=False, factory=LibraryConnection
        )
        self.path = Path(path)
        self.guard = FileGuard(self.path)
        self.on_warning = on_warning
        self._generation = 0
        self._connections: weakref.WeakSet[LibraryConnection] = weakref.WeakSet()
        self._connections_lock = threading.Lock()
        # Held by a write transaction from its check to its end, and by a reopening: no
        # thread closes the writer's connection under a transaction (reentrant: a write
        # transaction that finds the files disturbed reopens them itself).
        self._reopen_lock = threading.RLock()
        self._warned = False

    # -- peewee's hooks ---------------------------------------------------------------------
    def _add_conn_hooks(self, conn: sqlite3.Connection) -> None:
        super()._add_conn_hooks(conn)
        watch_connection(conn)

    def _connect(self) -> sqlite3.Connection:
        conn: LibraryConnection = super()._connect()
        with self._connections_lock:
            self._connections.add(conn)
        return conn

    def connect(self, reuse_if_open: bool = False) -> bool:
        opened = bool(super().connect(reuse_if_open))
        self._state.generation = self._generation
        return opened

    def is_closed(self) -> bool:
        state = self._state
        if not state.closed and getattr(state, "generation", self._generation) != self._generation:
            # This thread's connection was closed by reopen(), on another thread.
            state.reset()
        return bool(state.closed)

    def _close(self, conn: sqlite3.Connection) -> None:
        with self._connections_lock:
            self._connections.discard(conn)  # type: ignore[arg-type]
        conn.close()

    # -- reopening ----------------------------------------------------------------------------
    def close_all(self, *, checkpoint: bool = True) -> None:
        """Close every thread's connection; each thread opens a new one on its next query."""
        with self._connections_lock:
            connections = list(self._connections)
            self._connections = weakref.WeakSet()
            self._generation += 1
        for conn in connections:
            if not checkpoint and _NO_CHECKPOINT_ON_CLOSE is not None:
                with contextlib.suppress(sqlite3.Error):
                    conn.setconfig(_NO_CHECKPOINT_ON_CLOSE, True)  # type: ignore[attr-defined]
            try:
                conn.close()
            except sqlite3.Error:
                log.debug("closing a connection failed", exc_info=True)
        self._state.reset()

    def calibrate(self) -> None:
        """Read once, so SQLite holds its locks, and let the guard see them."""
        self.execute_sql("PRAGMA schema_version").fetchone()
        self.guard.calibrate()

    @contextmanager
    def guarded(self) -> Iterator[None]:
        """Around one write transaction: the files checked first (connections reopened if they
        were disturbed), and no reopening by another thread until it ends."""
        with self._reopen_lock:
            self.ensure_undisturbed()
            yield

    def ensure_undisturbed(self) -> None:
        """Reopen every connection if the library file was disturbed under them.

        Runs before each write transaction, so a change is never written into a -wal that
        another process deleted, nor while this process holds none of SQLite's locks."""
        if self.in_transaction():
            return
        # A read first: this process then holds SQLite's locks if nothing took them away.
        self.execute_sql("PRAGMA schema_version").fetchone()
        self.reopen_if_disturbed()

    def reopen_if_disturbed(self) -> bool:
        """Close and reopen every connection if the file was disturbed; True if it was."""
        if self.guard.check() is None:
            return False
        with self._reopen_lock:
            finding = self.guard.check()  # as it is now: another thread may have reopened
            if finding is None:
                return True
            if finding.kind is Disturbance.GONE:
                raise LibraryError(
                    f"the library file {self.path} was moved or deleted while Folio had it open;"
                    " nothing more can be saved into it (put it back, or restore a backup)"
                )
            log.info("%s: %s; reopening the library", self.path, finding.describe())
            self.close_all(checkpoint=finding.kind is Disturbance.LOCKS_LOST)
            self.calibrate()
        if finding.kind is not Disturbance.LOCKS_LOST:
            self._warn_once(FilesReplaced(finding.names))
        return True

    def _warn_once(self, message: FilesReplaced) -> None:
        if self._warned:
            return
        self._warned = True
        if self.on_warning is not None:
            try:
                self.on_warning(message)
            except Exception:
                log.exception("showing a warning failed")

    # -- reads outside transactions ---------------------------------------------------------
    def execute_sql(self, sql: str, params: Any = None) -> Any:
        try:
            return super().execute_sql(sql, params)
        except peewee.DatabaseError as exc:
            if is_damage(exc):
                mark_damaged(self.path, str(exc))
                raise
            # A read that failed because the file was disturbed is read again, once, on new
            # connections; inside a transaction the whole transaction must be redone instead.
            if (
                not isinstance(exc, peewee.OperationalError)
                or self.in_transaction()
                or not is_io_error(exc)
                or not self.reopen_if_disturbed()
            ):
                raise
            return super().execute_sql(sql, params)


def is_io_error(exc: BaseException) -> bool:
    """Whether ``exc`` (or the SQLite error peewee wrapped in it) is an I/O error."""
    error = exc.args[0] if exc.args and isinstance(exc.args[0], sqlite3.Error) else exc
    code = getattr(error, "sqlite_errorcode", None)
    return isinstance(code, int) and code & 0xFF == sqlite3.SQLITE_IOERR
