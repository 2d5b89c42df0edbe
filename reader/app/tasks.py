"""Running plain functions off the GUI thread and getting their results back on it."""

from __future__ import annotations

import itertools
import logging
import traceback
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from reader.core.errors import UserError

log = logging.getLogger(__name__)

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Outcome:
    """A result or an error. Signals carry this wrapper, never a bare None: PySide6 with
    Python 3.11 miscounts references to None sent through queued connections."""

    __slots__ = ("error", "result")

    def __init__(self, result: Any, error: BaseException | None) -> None:
        self.result = result
        self.error = error


class TaskRunner(QObject):
    """A small pool for library calls the GUI thread must not wait for.

    Its threads read and wait; they never write. A library call that changes something hands
    the change to the library's one writer thread and waits here for it, off the GUI thread.
    One long-lived object owns the callbacks, so a result always finds its way back even
    when the widget that asked for it has gone (it is then dropped).
    """

    finished = Signal(int, object)  # token, _Outcome
    busy_changed = Signal(bool)

    def __init__(
        self,
        *,
        workers: int = 2,
        initializer: Callable[[], object] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._pool = ThreadPoolExecutor(
            max_workers=workers, thread_name_prefix="folio-task", initializer=initializer
        )
        self._tokens = itertools.count(1)
        self._callbacks: dict[int, tuple[Done | None, Failed | None]] = {}
        self._futures: dict[int, Future[Any]] = {}
        self._closed = False
        self.finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        fn: Callable[[], Any],
        on_done: Done | None = None,
        on_error: Failed | None = None,
    ) -> int:
        """Run ``fn`` on a worker; call ``on_done(result)`` or ``on_error(exc)`` on this thread."""
        token = next(self._tokens)
        if self._closed:
            # The window is closing (work it had put off comes now): nobody would hear it.
            return token
        self._callbacks[token] = (on_done, on_error)
        was_idle = not self._futures

        def work() -> None:
            try:
                result = fn()
            except BaseException as exc:  # reported on the GUI thread, never lost
                if not isinstance(exc, UserError):
                    log.error("background task failed\n%s", traceback.format_exc())
                self.finished.emit(token, _Outcome(None, exc))
            else:
                self.finished.emit(token, _Outcome(result, None))

        self._futures[token] = self._pool.submit(work)
        if was_idle:
            self.busy_changed.emit(True)
        return token

    def forget(self, token: int) -> None:
        """Drop the callbacks of a task whose result nobody wants any more."""
        self._callbacks.pop(token, None)

    @property
    def busy(self) -> bool:
        return bool(self._futures)

    @Slot(int, object)
    def _deliver(self, token: int, outcome: _Outcome) -> None:
        result, error = outcome.result, outcome.error
        self._futures.pop(token, None)
        on_done, on_error = self._callbacks.pop(token, (None, None))
        try:
            if error is None:
                if on_done is not None:
                    on_done(result)
            elif on_error is not None:
                on_error(error)
            elif not isinstance(error, UserError):
                raise error
        finally:
            if not self._futures:
                self.busy_changed.emit(False)

    def shutdown(self) -> None:
        """Wait for running tasks; drop their results, and any task asked for later."""
        self._closed = True
        self._callbacks.clear()
        self._pool.shutdown(wait=True, cancel_futures=True)
