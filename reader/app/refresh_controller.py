"""Refreshing feeds on a worker thread, with progress for the status bar, and on a schedule
while the window is open."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from reader.core.errors import UserError
from reader.library import Library

if TYPE_CHECKING:
    from reader.library.refresh import RefreshProgress, RefreshSummary

log = logging.getLogger(__name__)

# How often the schedule looks for feeds that are due (each feed's interval says when it is).
SCHEDULE_TICK_MS = 60 * 1000
# The first look, soon after the window opens: what fell due while it was closed.
FIRST_LOOK_MS = 3 * 1000


class _Done:
    # Signals carry this wrapper rather than a bare None (see reader.app.tasks._Outcome).
    __slots__ = ("error", "summary")

    def __init__(self, summary: RefreshSummary | None, error: str | None) -> None:
        self.summary = summary
        self.error = error


class RefreshController(QObject):
    """One refresh at a time. A request made while one runs is merged into the next run.

    Signals arrive on the GUI thread: ``started()``, ``progressed(RefreshProgress)``,
    ``finished(RefreshSummary)`` or ``failed(message)``. A refresh the schedule starts is
    quiet: ``started`` comes only once a feed was due, and :attr:`scheduled` says which kind
    of refresh a ``finished`` ends. ``held(reason)`` says the schedule is waiting (on battery,
    say), ``""`` that it runs again.
    """

    started = Signal()
    progressed = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    held = Signal(str)
    _started_posted = Signal()
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
        self._started_posted.connect(self.started, Qt.ConnectionType.QueuedConnection)
        self._progress_posted.connect(self.progressed, Qt.ConnectionType.QueuedConnection)
        self._done_posted.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh_due)
        self._first_look = QTimer(self)
        self._first_look.setSingleShot(True)
        self._first_look.timeout.connect(self.refresh_due)
        # Whether the refresh running (or the one that just ended) was the schedule's.
        self.scheduled = False
        # Why the schedule waits now ("" when it does not), asked before each scheduled run.
        self._hold: Callable[[], str] | None = None
        self._held = ""
        self._closing = False

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def automatic(self) -> bool:
        """Whether feeds are refreshed by themselves when they fall due."""
        return self._timer.isActive()

    def start_schedule(
        self, tick_ms: int = SCHEDULE_TICK_MS, *, first_ms: int = FIRST_LOOK_MS
    ) -> None:
        """Refresh the feeds that are due, in the background, from now on: a look soon, then
        one every ``tick_ms`` (each feed's interval decides whether it is due)."""
        self._timer.start(tick_ms)
        self._first_look.start(first_ms)

    def stop_schedule(self) -> None:
        self._timer.stop()
        self._first_look.stop()

    def hold_when(self, reason: Callable[[], str] | None) -> None:
        """``reason()`` says why scheduled refreshes should wait now ("" when they need not):
        on battery, on a metered connection. Refreshes asked for by the user never wait."""
        self._hold = reason

    def refresh_due(self) -> None:
        """Refresh the feeds that are due, quietly, unless a refresh runs or the schedule is
        held."""
        reason = self._hold() if self._hold is not None else ""
        if reason != self._held:
            self._held = reason
            self.held.emit(reason)
        if reason or self.running:
            return
        self._start(None, force=False, scheduled=True)

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
        self._start(list(feed_ids) if feed_ids is not None else None, force=force, scheduled=False)

    def cancel(self) -> None:
        self._queued_any = False
        self._queued = set()
        self._cancel.set()

    def _start(self, feed_ids: list[int] | None, *, force: bool, scheduled: bool) -> None:
        if self._closing:
            return
        self._cancel = threading.Event()
        cancel = self._cancel
        library = self._library
        self.scheduled = scheduled
        # A scheduled refresh says it started only once a feed was due and is done.
        announced = [not scheduled]

        def progress(event: RefreshProgress) -> None:
            if not announced[0]:
                announced[0] = True
                self._started_posted.emit()
            self._progress_posted.emit(event)

        def work() -> None:
            try:
                summary = library.refresh(feed_ids, force=force, progress=progress, cancel=cancel)
            except UserError as exc:
                self._done_posted.emit(_Done(None, str(exc)))
            except Exception as exc:
                log.error("refresh failed\n%s", traceback.format_exc())
                self._done_posted.emit(
                    _Done(
                        None,
                        self.tr("Refresh failed: {kind}: {exc}").format(
                            kind=type(exc).__name__, exc=exc
                        ),
                    )
                )
            else:
                self._done_posted.emit(_Done(summary, None))

        self._thread = threading.Thread(target=work, name="folio-refresh", daemon=True)
        if not scheduled:
            self.started.emit()
        self._thread.start()

    @Slot(object)
    def _finish(self, done: _Done) -> None:
        summary, error = done.summary, done.error
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=5)
        if self._closing:
            return  # the window is going: nobody is left to show it
        if summary is not None:
            self.finished.emit(summary)
        else:
            self.failed.emit(error or self.tr("Refresh failed"))
        if self._queued_any:
            queued, force = self._queued, self._queued_force
            self._queued, self._queued_any, self._queued_force = set(), False, False
            self._start(
                sorted(queued) if queued is not None else None, force=force, scheduled=False
            )

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop the schedule, cancel a running refresh and wait for it."""
        self._closing = True
        self.stop_schedule()
        self._queued_any = False
        self._cancel.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=timeout)
        self._thread = None


__all__ = ["RefreshController", "RefreshProgress", "RefreshSummary"]


def __getattr__(name: str) -> object:
    # The refresh's own module is loaded with the first refresh, not with the window.
    if name in ("RefreshProgress", "RefreshSummary"):
        from reader.library import refresh

        return getattr(refresh, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
