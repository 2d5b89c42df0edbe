"""An import's writes: short transactions on the library's writer, each batch written while
the next is prepared, and everything taken out again if writing fails half-way.

A batch's job runs on the writer thread and records what it creates in the
:class:`ImportWrites` it is given; what it returns is handed to ``written`` on the importing
thread once it has committed, so that only that thread ever touches the import's report.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, Generic, TypeVar

from reader.core.errors import UserError
from reader.library.context import LibraryContext
from reader.store.import_writes import ImportWrites, undo_import

log = logging.getLogger(__name__)

R = TypeVar("R")

# Rows per write transaction: a few hundred keep a transaction to a fraction of a second, so
# that the window and other folio commands wait little for the lock, while commits (which
# WAL makes cheap) stay a small part of the cost.
IMPORT_BATCH = 250
FOLIO_BATCH = 200
IMAGE_BATCH = 50

Job = Callable[[ImportWrites], R]


class Batches(Generic[R]):
    """An import's batches, written one at a time on the writer while the next is prepared.

    What a batch wrote joins ``writes`` once it has committed, and ``written(result, end)``
    is told. Used as a context: if the import fails, the batch in flight is let finish (and
    counted), then everything the import wrote is taken out again, and the failure goes on.
    """

    def __init__(
        self,
        context: LibraryContext,
        writes: ImportWrites,
        written: Callable[[R, int], None],
    ) -> None:
        self._ctx = context
        self._writes = writes
        self._written = written
        self._pending: tuple[Future[tuple[R, ImportWrites]], int] | None = None

    def write(self, job: Job[R], end: int) -> None:
        """Write a batch (after the one before has committed); ``end`` is the number of the
        file's items dealt with once it is in."""
        self.wait()
        self._pending = (self._ctx.writer.submit(_recorded(job), bulk=True), end)

    def run(self, job: Job[Any]) -> Any:
        """Write something the import needs before it goes on (its folders, its feeds), after
        the batch in flight; returns what ``job`` returned."""
        self.wait()
        result, done = self._ctx.writer.run(_recorded(job), bulk=True)
        self._writes.absorb(done)
        return result

    def wait(self) -> None:
        """Wait for the batch in flight, if any."""
        if self._pending is None:
            return
        future, end = self._pending
        self._pending = None
        result, done = future.result()
        self._writes.absorb(done)
        self._written(result, end)

    def __enter__(self) -> Batches[R]:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, _tb: Any
    ) -> None:
        if error is None:
            try:
                self.wait()
            except BaseException as failure:
                self._undo(failure)
                raise
            return
        with contextlib.suppress(BaseException):
            self.wait()  # its rows are counted, so that they are taken out too
        self._undo(error)

    def _undo(self, error: BaseException) -> None:
        if self._writes.empty:
            return
        try:
            while not self._ctx.writer.run(lambda: undo_import(self._writes), bulk=True):
                pass
        except Exception:
            log.exception("undoing a failed import failed")
            raise UserError(
                f"the import failed ({error}), and what it had written could not all be taken"
                " out again; see the log"
            ) from error
        finally:
            for kind_name in ("articles", "feeds", "tags"):
                self._ctx.events.notify(kind_name, None)


def _recorded(job: Job[R]) -> Callable[[], tuple[R, ImportWrites]]:
    """``job`` with a record of its own: it joins the import's only if the transaction
    commits (a rolled-back batch wrote nothing)."""

    def run() -> tuple[R, ImportWrites]:
        done = ImportWrites()
        return job(done), done

    return run
