"""Fetching the pages of imported links in the background while the window is open: after an
import that left links waiting, and at start when some still wait (the library keeps them
waiting across restarts). It can be paused, and stays paused, across restarts too, until
resumed."""

from __future__ import annotations

import logging
import threading
import traceback
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from reader.app.emit_gate import EmitGate
from reader.app.settings import Settings
from reader.app.tasks import TaskRunner
from reader.core.errors import UserError
from reader.library import Library

if TYPE_CHECKING:
    from reader.core.transfer import FetchPendingReport

log = logging.getLogger(__name__)

# Pages fetched at once (at most one per site: see reader.library.link_fetching).
JOBS = 4


class _Done:
    # Signals carry this wrapper rather than a bare None (see reader.app.tasks._Outcome).
    __slots__ = ("error", "report")

    def __init__(self, report: FetchPendingReport | None, error: str | None) -> None:
        self.report = report
        self.error = error


class LinkFetchController(QObject):
    """One run at a time; a link imported while one runs is fetched by the next run.

    Signals arrive on the GUI thread: ``started()``, ``progressed(done, total)``,
    ``finished(FetchPendingReport)`` (also after a pause: the report says it was stopped),
    ``failed(message)``, and ``waiting(count, paused)`` with how many links wait and whether
    fetching them is paused (0 when none wait).
    """

    started = Signal()
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)
    waiting = Signal(int, bool)
    _progress_posted = Signal(int, int)
    _done_posted = Signal(object)  # _Done

    def __init__(
        self,
        library: Library,
        settings: Settings,
        tasks: TaskRunner,
        *,
        jobs: int = JOBS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._settings = settings
        self._tasks = tasks
        self._jobs = jobs
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()
        self._again = False
        self._closing = False
        self._gate = EmitGate()
        self._progress_posted.connect(self.progressed, Qt.ConnectionType.QueuedConnection)
        self._done_posted.connect(self._finish, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self._thread is not None

    @property
    def paused(self) -> bool:
        return self._settings.links_paused

    def resume_waiting(self) -> None:
        """At start: fetch the links still waiting from an earlier run, unless paused (then
        only say how many wait)."""
        library = self._library

        def counted(count: int) -> None:
            if self._closing or count == 0:
                return
            if self.paused:
                self.waiting.emit(count, True)
            else:
                self.start()

        self._tasks.run(library.count_pending, counted, lambda _exc: None)

    def start(self) -> None:
        """Fetch the links waiting now (unless paused); a run going on takes them up after."""
        if self._closing:
            return
        if self.paused:
            self._announce_waiting()
            return
        if self.running:
            self._again = True
            return
        self._cancel = cancel = threading.Event()
        library, jobs = self._library, self._jobs
        # Emits go through the gate and texts are translated without this object: the window
        # may have quit, and deleted it, while a slow site was being asked.
        gate, progressed, done = self._gate, self._progress_posted, self._done_posted

        def progress(fetched: int, total: int) -> None:
            gate.emit(progressed, fetched, total)

        def work() -> None:
            try:
                report = library.fetch_pending(progress=progress, cancel=cancel, jobs=jobs)
            except UserError as exc:
                gate.emit(done, _Done(None, str(exc)))
            except Exception as exc:
                log.error("fetching links failed\n%s", traceback.format_exc())
                message = QCoreApplication.translate(
                    "LinkFetchController", "Fetching links failed: {kind}: {exc}"
                ).format(kind=type(exc).__name__, exc=exc)
                gate.emit(done, _Done(None, message))
            else:
                gate.emit(done, _Done(report, None))

        self._thread = threading.Thread(target=work, name="folio-links", daemon=True)
        self.started.emit()
        self._thread.start()

    def pause(self) -> None:
        """Stop after the pages being fetched now; the rest wait, also across restarts."""
        self._settings.links_paused = True
        self._again = False
        self._cancel.set()
        if not self.running:
            self._announce_waiting()

    def resume(self) -> None:
        self._settings.links_paused = False
        self.start()

    def retry(self, article_ids: list[int] | None = None) -> None:
        """Put failed links (all, or those given) back in the queue and fetch them."""
        library = self._library

        def requeued(_count: int) -> None:
            if not self._closing:
                self.start()

        self._tasks.run(lambda: library.retry_links(article_ids), requeued, self._retry_failed)

    def _retry_failed(self, exc: BaseException) -> None:
        self.failed.emit(str(exc) if isinstance(exc, UserError) else f"{type(exc).__name__}")

    def _announce_waiting(self) -> None:
        library = self._library

        def counted(count: int) -> None:
            if not self._closing:
                self.waiting.emit(count, self.paused)

        self._tasks.run(library.count_pending, counted, lambda _exc: None)

    @Slot(object)
    def _finish(self, done: _Done) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=5)
        if self._closing:
            return
        if done.report is not None:
            self.finished.emit(done.report)
        else:
            self.failed.emit(done.error or self.tr("Fetching links failed"))
        again, self._again = self._again, False
        if again and not self.paused and not self._closing:
            self.start()
        elif not self._closing:
            self._announce_waiting()

    def shutdown(self, timeout: float = 10.0) -> None:
        """Stop after the pages being fetched now (the rest wait for the next start)."""
        self._closing = True
        self._cancel.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=timeout)
        self._thread = None
        # Pages still on their way from a slow site arrive unheard.
        self._gate.close()
