"""Taking the library's write lock, which another process (a second window, a ``folio``
command) may hold for a while.

SQLite's busy timeout lets a writer wait 10 s for the lock. A library in use by another
process that writes a lot (a big import, a refresh) may keep it busy for longer than that
without ever holding it long: it lets go between its short transactions, but a waiting writer
only looks now and then. So a transaction that finds the library locked keeps asking, up to a
generous deadline, before it gives up. Asking again is safe: nothing was written yet.
"""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import peewee

log = logging.getLogger(__name__)

# How long a write waits for another process to let go of the library, in all.
PATIENCE = 180.0


def _is_locked(exc: peewee.OperationalError) -> bool:
    message = str(exc).lower()
    return "database is locked" in message or "database is busy" in message


@contextmanager
def write_transaction(db: Any, *, patience: float = PATIENCE) -> Iterator[None]:
    """A transaction that takes the write lock at its start (``BEGIN IMMEDIATE``), waiting up
    to ``patience`` seconds for it; it commits when the block ends, or rolls back if the
    block raises."""
    deadline = time.monotonic() + patience
    while True:
        transaction = db.atomic("IMMEDIATE")
        try:
            transaction.__enter__()
            break
        except peewee.OperationalError as exc:
            if not _is_locked(exc) or time.monotonic() >= deadline:
                raise
            log.warning("another program is writing to the library; still waiting to write")
    try:
        yield
    except BaseException:
        if db.connection().in_transaction:
            transaction.__exit__(*sys.exc_info())
        else:
            # SQLite has ended the transaction itself (a full disk or an I/O error rolls it
            # back at once): a second rollback would only hide why.
            db.pop_transaction()
        raise
    transaction.__exit__(None, None, None)
