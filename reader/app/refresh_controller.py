"""Refreshing feeds on a worker thread, with progress for the status bar."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Sequence

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from reader.app.emit_gate import EmitGate
from reader.core.errors import UserError
from reader.library import Library
from reader.library.refresh import RefreshProgress, RefreshSummary

log = logging.getLogger(__name__)


class _Done:
    # Signals carry this wrapper rather than a bare None (see reader.app.tasks._Outcome).
    __slots__ = ("error", "summary")

    def __init__(self, summary: RefreshSummary | None, error: str | None) -> None:
        self.summary = summary
        self.error = error


class RefreshController(QObject):
    """One refresh at a time. A request made while one runs is merged into the next run.

    Signals arrive on the GUI thread: ``started(total_or_0)``, ``progressed(RefreshProgress)``,
    ``finished(RefreshSummary)`` or ``failed(message)``.
    """

    started = Signal()
    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    _progress_posted = Signal(object)
    _done_posted = Signal(object)  # _Done

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()
        # Feed ids asked for while a refresh ran; None inside means "every feed".
        self._queued: set[int] | None = set()
        self._queued_any = False
        self._queued_force = False
        self._progress_posted.connect(self.progressed, Qt.ConnectionType.QueuedConnection)
        self._done_posted.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh_due)
        self._gate = EmitGate()

    @property
    def running(self) -> bool:
        return self._thread is not None

    def start_schedule(self, interval_ms: int = 5 * 60 * 1000) -> None:
        """Refresh the feeds that are due now and then, in the background."""
        self._timer.start(interval_ms)

    def refresh_due(self) -> None:
        if not self.running:
            self._start(None, force=False)

    def refresh(self, feed_ids: Sequence[int] | None = None, *, force: bool = True) -> None:
        """Refresh the given feeds, or every feed (``force``) / the due ones."""
        if self.running:
            self._queued_any = True
            self._queued_force = self._queued_force or force
            if feed_ids is None:
                self._queued = None
            elif self._queued is not None:
                self._queued.update(feed_ids)
            return
        self._start(list(feed_ids) if feed_ids is not None else None, force=force)

    def cancel(self) -> None:
        self._queued_any = False
        self._queued = set()
        self._cancel.set()

    def _start(self, feed_ids: list[int] | None, *, force: bool) -> None:
        self._cancel = threading.Event()
        cancel = self._cancel
        library = self._library
        gate, progressed, done = self._gate, self._progress_posted, self._done_posted

        def work() -> None:
            try:
                summary = library.refresh(
                    feed_ids,
                    force=force,
                    progress=lambda event: gate.emit(progressed, event),
                    cancel=cancel,
                )
            except UserError as exc:
                gate.emit(done, _Done(None, str(exc)))
            except Exception as exc:
                log.error("refresh failed\n%s", traceback.format_exc())
                gate.emit(done, _Done(None, f"Refresh failed: {type(exc).__name__}: {exc}"))
            else:
                gate.emit(done, _Done(summary, None))

        self._thread = threading.Thread(target=work, name="folio-refresh", daemon=True)
        self.started.emit()
        self._thread.start()

    @Slot(object)
    def _finish(self, done: _Done) -> None:
        summary, error = done.summary, done.error
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=5)
        if summary is not None:
            self.finished.emit(summary)
        else:
            self.failed.emit(error or "Refresh failed")
        if self._queued_any:
            queued, force = self._queued, self._queued_force
            self._queued, self._queued_any, self._queued_force = set(), False, False
            self._start(sorted(queued) if queued is not None else None, force=force)

    def shutdown(self, timeout: float = 3.0) -> None:
        """Stop the schedule, cancel a running refresh and wait a little for it.

        Not long: what it already handed to the library's writer is stored when the library
        closes, and a feed still on its way from a slow server is fetched again next time."""
        self._timer.stop()
        self._queued_any = False
        self._cancel.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=timeout)
        self._thread = None
        # A refresh still waiting on a slow server finishes on its own, unheard.
        self._gate.close()


__all__ = ["RefreshController", "RefreshProgress", "RefreshSummary"]
