"""Watching which threads write to a library file.

While a watcher is registered, every connection opened on a library (peewee opens one per
thread) reports each statement that would change the file — an insert, update or delete, or a
change of schema, in its "main" database; a connection's own temporary tables do not count —
with the name of the thread that prepared it. SQLite asks while it prepares a statement, so
watching costs nothing once statements are cached, and connections opened while nobody watches
are not asked at all. The tests use it to hold the library to one writer thread; the
library's database (:class:`reader.store.connection.LibraryDatabase`) hooks every connection
it opens.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable

# (thread name, table): one statement that writes to the library file.
WriteReport = Callable[[str, str], None]

_WRITES = frozenset(
    {
        sqlite3.SQLITE_INSERT,
        sqlite3.SQLITE_UPDATE,
        sqlite3.SQLITE_DELETE,
        sqlite3.SQLITE_CREATE_TABLE,
        sqlite3.SQLITE_CREATE_INDEX,
        sqlite3.SQLITE_CREATE_TRIGGER,
        sqlite3.SQLITE_CREATE_VIEW,
        sqlite3.SQLITE_CREATE_VTABLE,
        sqlite3.SQLITE_DROP_TABLE,
        sqlite3.SQLITE_DROP_INDEX,
        sqlite3.SQLITE_DROP_TRIGGER,
        sqlite3.SQLITE_DROP_VIEW,
        sqlite3.SQLITE_DROP_VTABLE,
        sqlite3.SQLITE_ALTER_TABLE,
    }
)

_watchers: list[WriteReport] = []
_lock = threading.Lock()


def watch_writes(report: WriteReport) -> None:
    """Call ``report(thread_name, table)`` for each write prepared on connections opened from
    now on."""
    with _lock:
        _watchers.append(report)


def unwatch_writes(report: WriteReport) -> None:
    with _lock:
        if report in _watchers:
            _watchers.remove(report)


def _authorize(
    action: int, first: str | None, _second: str | None, database: str | None, _source: str | None
) -> int:
    # SQLite's own tables (sqlite_master and the like) are left out: reading a virtual table
    # prepares statements on sqlite_master without writing anything, and a real change of
    # schema is reported as the CREATE, DROP or ALTER it is.
    if action in _WRITES and database == "main" and not (first or "").startswith("sqlite_"):
        with _lock:
            watchers = list(_watchers)
        thread = threading.current_thread().name
        for report in watchers:
            report(thread, first or "")
    return sqlite3.SQLITE_OK


def watch_connection(conn: sqlite3.Connection) -> None:
    """Have ``conn`` report its writes, if anyone watches now (the library's database calls
    this for every connection it opens, the ones it opens again after a disturbance too)."""
    with _lock:
        watching = bool(_watchers)
    if watching:
        conn.set_authorizer(_authorize)
