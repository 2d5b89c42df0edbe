"""Loading the full article of feed articles from their pages, in the background: one article
the reader asked for, or every article of a feed that was just set to fetch full text. The
pages go through the same extraction as saving an article."""

from __future__ import annotations

import logging
import threading
import traceback
from collections import deque
from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from reader.app.emit_gate import EmitGate
from reader.core.errors import UserError
from reader.library import Library

log = logging.getLogger(__name__)


class FullTextController(QObject):
    """Articles are loaded one after another, in the order asked; asking again while a run
    goes on adds to it.

    Signals arrive on the GUI thread: ``started(total)``, ``progressed(done, total)``,
    ``loaded(article_id, problem)`` for each article (``problem`` is "" when its page was
    read), and ``finished(done, problems)`` when nothing is left (or it was stopped).
    """

    started = Signal(int)
    progressed = Signal(int, int)
    loaded = Signal(int, str)
    finished = Signal(int, list)
    _loaded_posted = Signal(int, str)
    _done_posted = Signal()

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._lock = threading.Lock()
        self._queue: deque[int] = deque()
        # The article whose page is being fetched now.
        self._current: int | None = None
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()
        self._done = 0
        self._total = 0
        self._problems: list[str] = []
        self._closing = False
        self._gate = EmitGate()
        self._loaded_posted.connect(self._article_loaded, Qt.ConnectionType.QueuedConnection)
        self._done_posted.connect(self._finish, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def load(self, article_ids: Sequence[int]) -> None:
        """Fetch the pages of these feed articles and keep their articles instead of what the
        feed gave (an article whose page cannot be read keeps it, and says why)."""
        with self._lock:
            fresh = [i for i in dict.fromkeys(article_ids) if i not in self._queue]
            if self._current is not None:
                fresh = [i for i in fresh if i != self._current]
            self._queue.extend(fresh)
        if not fresh:
            return
        self._total += len(fresh)
        if self._thread is None:
            self._cancel = threading.Event()
            self._thread = threading.Thread(target=self._work, name="folio-fulltext", daemon=True)
            self.started.emit(self._total)
            self._thread.start()
        else:
            self.progressed.emit(self._done, self._total)

    def cancel(self) -> None:
        """Stop after the article being loaded now."""
        self._cancel.set()

    def _work(self) -> None:
        # Emits go through the gate and texts are translated without this object: the window
        # may have quit, and deleted it, while a slow page was being fetched.
        library, cancel, gate = self._library, self._cancel, self._gate
        loaded, done = self._loaded_posted, self._done_posted
        while not cancel.is_set():
            with self._lock:
                if not self._queue:
                    self._current = None
                    break
                article_id = self._current = self._queue.popleft()
            try:
                problems = library.fetch_full_text_for([article_id])
                problem = problems[0] if problems else ""
            except UserError as exc:
                problem = str(exc)
            except Exception as exc:
                log.error("loading the full article failed\n%s", traceback.format_exc())
                problem = QCoreApplication.translate(
                    "FullTextController", "internal error: {kind}: {exc}"
                ).format(kind=type(exc).__name__, exc=exc)
            gate.emit(loaded, article_id, problem)
        with self._lock:
            self._current = None
            if cancel.is_set():
                self._queue.clear()
        gate.emit(done)

    @Slot(int, str)
    def _article_loaded(self, article_id: int, problem: str) -> None:
        if self._closing:
            return
        self._done += 1
        if problem:
            self._problems.append(problem)
        self.loaded.emit(article_id, problem)
        self.progressed.emit(self._done, self._total)

    @Slot()
    def _finish(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=5)
        if self._closing:
            return
        with self._lock:
            more = bool(self._queue)
        if more and not self._cancel.is_set():
            # Asked for after the worker found its queue empty: a new run takes them.
            self._thread = threading.Thread(target=self._work, name="folio-fulltext", daemon=True)
            self._thread.start()
            return
        done, problems = self._done, self._problems
        self._done, self._total, self._problems = 0, 0, []
        self.finished.emit(done, problems)

    def shutdown(self, timeout: float = 10.0) -> None:
        self._closing = True
        self._cancel.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=timeout)
        self._thread = None
        # A page still on its way from a slow site arrives unheard.
        self._gate.close()
