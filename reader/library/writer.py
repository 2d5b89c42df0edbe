"""The library's one database writer: a thread that opens the library file and runs every
write, each unit of work in one transaction.

Whoever writes (the command line, the window, a refresh, an import) hands a function to the
writer and waits for its result, or takes a future. Within one process no two threads ever
write, so no write waits on another's lock; between processes SQLite's busy timeout remains,
which is why units of work are kept short (see the import and refresh code). Each unit of work
goes through :func:`reader.store.write_lock.run_write`: the library file is checked before it,
the lock waited for, and a failure of the disk or the file said plainly.

Interactive work (a user's edit) goes before bulk work (a refresh's feed, an import's batch)
already waiting, so a click is stored in the time of one unit of bulk work, not of all of them.
"""

from __future__ import annotations

import itertools
import logging
import queue
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from reader.core.errors import LibraryError
from reader.store import database as store_database
from reader.store.connection import LibraryDatabase, Warn
from reader.store.write_lock import run_write

log = logging.getLogger(__name__)

T = TypeVar("T")

THREAD_NAME = "folio-writer"

# Queue order: lower first; equal priorities keep their order of arrival.
_INTERACTIVE = 0
_BULK = 1
_STOP = 2


@dataclass(order=True, slots=True)
class _Job:
    priority: int
    number: int
    fn: Callable[[], Any] | None = field(compare=False)
    future: Future[Any] = field(compare=False, default_factory=Future)
    transaction: bool = field(compare=False, default=True)


class Writer:
    """Opens the library at ``path`` on its own thread (migrating it if needed) and runs
    writes there, one at a time. Raises :class:`LibraryError` when the file cannot be opened.

    ``on_warning`` is told, once, when another program disturbed the library file under it
    (see :mod:`reader.store.file_guard`); ``allow_damaged`` opens a library found damaged
    before, for restoring it."""

    def __init__(
        self,
        path: Path,
        *,
        name: str = THREAD_NAME,
        on_warning: Warn | None = None,
        allow_damaged: bool = False,
    ) -> None:
        self.path = Path(path)
        self._on_warning = on_warning
        self._jobs: queue.PriorityQueue[_Job] = queue.PriorityQueue()
        self._numbers = itertools.count()
        self._closed = False
        self._lock = threading.Lock()
        self._db: LibraryDatabase | None = None
        # The longest any unit of work has held the write lock, in seconds, and the most
        # processor time one took (for benchmarks: on a busy machine the first grows while
        # the writer waits for a processor, the second does not).
        self.longest_transaction = 0.0
        self.longest_transaction_cpu = 0.0
        self._thread = threading.Thread(target=self._loop, name=name, daemon=True)
        self._thread.start()
        try:
            self._db = self.call(
                lambda: store_database.open_database(
                    self.path, on_warning=on_warning, allow_damaged=allow_damaged
                )
            )
        except BaseException:
            self._stop()
            raise

    # -- running work ----------------------------------------------------------------------
    def run(self, fn: Callable[[], T], *, bulk: bool = False) -> T:
        """Run ``fn`` in one transaction on the writer thread and return its result (or raise
        its exception, after rolling back what it wrote). Called on the writer thread itself
        (by work already running there), ``fn`` runs at once in a savepoint."""
        return self.submit(fn, bulk=bulk).result()

    def submit(self, fn: Callable[[], T], *, bulk: bool = False) -> Future[T]:
        """Like :meth:`run`, without waiting: the result comes in the future."""
        if self.on_writer_thread():
            return _done_now(lambda: self._in_savepoint(fn))
        return self._enqueue(fn, _BULK if bulk else _INTERACTIVE, transaction=True)

    def call(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` on the writer thread outside any transaction: for work that opens the
        library file itself (opening, restoring), which a transaction of ours would block."""
        if self.on_writer_thread():
            return fn()
        return self._enqueue(fn, _INTERACTIVE, transaction=False).result()

    def on_writer_thread(self) -> bool:
        return threading.get_ident() == self._thread.ident

    def _enqueue(self, fn: Callable[[], T], priority: int, *, transaction: bool) -> Future[T]:
        with self._lock:
            if self._closed:
                # A worker still running when the window quit (a refresh behind a slow
                # server) must not write behind the close.
                raise LibraryError(f"the library {self.path} was closed; nothing more is saved")
            job = _Job(priority, next(self._numbers), fn, transaction=transaction)
            self._jobs.put(job)
        future: Future[T] = job.future
        return future

    def _in_savepoint(self, fn: Callable[[], T]) -> T:
        with self.database.atomic():
            return fn()

    def _loop(self) -> None:
        while True:
            job = self._jobs.get()
            if job.fn is None:
                break
            if not job.future.set_running_or_notify_cancel():
                continue
            try:
                result = self._transact(job.fn) if job.transaction else job.fn()
            except BaseException as exc:  # handed to whoever waits for it
                job.future.set_exception(exc)
            else:
                job.future.set_result(result)
        if self._db is not None:
            self._db.close()

    def _transact(self, fn: Callable[[], T]) -> T:
        began = (0.0, 0.0)

        def timed() -> T:
            nonlocal began
            # From when the lock is held (a second try, after the files were reopened,
            # starts the clock again).
            began = (time.monotonic(), time.thread_time())
            return fn()

        result = run_write(self.database, timed)
        self.longest_transaction = max(self.longest_transaction, time.monotonic() - began[0])
        self.longest_transaction_cpu = max(
            self.longest_transaction_cpu, time.thread_time() - began[1]
        )
        return result

    # -- the database handle -----------------------------------------------------------------
    @property
    def database(self) -> LibraryDatabase:
        """The open database, for reads (each thread reads on its own connection) and for the
        store's functions that take it; writes go through :meth:`run`."""
        if self._db is None:
            raise LibraryError(f"the library {self.path} is not open")
        return self._db

    def reopen(self) -> None:
        """Open the library file again (after it was replaced), migrating it if needed."""

        def reopen() -> None:
            self.database.close_all()
            self._db = store_database.open_database(self.path, on_warning=self._on_warning)

        self.call(reopen)

    def close_reader(self) -> None:
        """Close the calling thread's own connection (each thread that reads has one)."""
        if self._db is not None and not self.on_writer_thread():
            self._db.close()

    # -- lifecycle --------------------------------------------------------------------------
    def close(self) -> None:
        """Run what is queued, then stop; later writes raise :class:`LibraryError`."""
        self._stop()

    def _stop(self) -> None:
        with self._lock:
            if self._closed:
                return
            self._closed = True
            self._jobs.put(_Job(_STOP, next(self._numbers), None))
        if not self.on_writer_thread():
            self._thread.join()


def _done_now(fn: Callable[[], T]) -> Future[T]:
    future: Future[T] = Future()
    try:
        future.set_result(fn())
    except BaseException as exc:  # the caller sees it through the future, as from the queue
        future.set_exception(exc)
    return future
