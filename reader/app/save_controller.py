"""Saving articles (web addresses, dropped files) on worker threads."""

from __future__ import annotations

import logging
import traceback
from concurrent.futures import ThreadPoolExecutor

from PySide6.QtCore import QObject, Qt, Signal, Slot

from reader.core.errors import UserError
from reader.core.types import SaveResult
from reader.library import Library

log = logging.getLogger(__name__)

# What a dropped or chosen file may be.
SAVABLE_SUFFIXES = (".html", ".htm", ".txt", ".md", ".markdown")


def save_source(library: Library, source: str, tags: list[str]) -> SaveResult:
    """Save a web address or a file; runs on a worker thread."""
    return library.save(source, tags=tags)


class SaveController(QObject):
    """Saves run two at a time; ``saved`` or ``failed`` arrive on the GUI thread."""

    started = Signal(str)  # source
    saved = Signal(str, object)  # source, SaveResult
    failed = Signal(str, str)  # source, message
    _done = Signal(str, object)  # source, SaveResult or error message

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="folio-save")
        self._running = 0
        self._done.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> int:
        return self._running

    def save(self, source: str, tags: list[str] | None = None) -> None:
        names = list(tags or [])
        library = self._library
        self._running += 1
        self.started.emit(source)

        def work() -> None:
            try:
                result = save_source(library, source, names)
            except UserError as exc:
                self._done.emit(source, str(exc))
            except Exception as exc:
                log.error("saving %s failed\n%s", source, traceback.format_exc())
                self._done.emit(source, f"{type(exc).__name__}: {exc}")
            else:
                self._done.emit(source, result)

        self._pool.submit(work)

    @Slot(str, object)
    def _deliver(self, source: str, outcome: SaveResult | str) -> None:
        self._running -= 1
        if isinstance(outcome, SaveResult):
            self.saved.emit(source, outcome)
        else:
            self.failed.emit(source, outcome or self.tr("could not save"))

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
