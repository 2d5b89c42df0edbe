"""Imports and exports on a worker thread, with progress for the status bar."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from reader.core.errors import UserError
from reader.library import Library

log = logging.getLogger(__name__)


class TransferController(QObject):
    """One import or export at a time. ``progressed(done, total)``; ``finished(message)``."""

    started = Signal(str)  # what runs ("Importing pocket.csv")
    progressed = Signal(int, int)
    finished = Signal(str)
    failed = Signal(str)
    _progress_posted = Signal(int, int)
    _done_posted = Signal(bool, str)  # succeeded, message

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()
        self._progress_posted.connect(self.progressed, Qt.ConnectionType.QueuedConnection)
        self._done_posted.connect(self._finish, Qt.ConnectionType.QueuedConnection)

    @property
    def running(self) -> bool:
        return self._thread is not None

    def import_file(self, path: Path) -> bool:
        library = self._library
        cancel = self._cancel = threading.Event()

        def work() -> str:
            report = library.import_file(path, progress=self._progress, cancel=cancel)
            return self.tr("Imported {name}: {value}").format(
                name=path.name, value=report.status_line()
            )

        return self._start(self.tr("Importing {name}…").format(name=path.name), work)

    def export_file(self, path: Path, format: str | None = None) -> bool:
        library = self._library

        def work() -> str:
            count = library.export_file(path, format=format, progress=self._progress)
            return self.tr("Exported {count} to {name}").format(count=count, name=path.name)

        return self._start(self.tr("Exporting to {name}…").format(name=path.name), work)

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, done: int, total: int) -> None:
        self._progress_posted.emit(int(done), int(total))

    def _start(self, label: str, work: Callable[[], str]) -> bool:
        if self.running:
            return False

        def run() -> None:
            try:
                message: Any = work()
            except UserError as exc:
                self._done_posted.emit(False, str(exc))
            except Exception as exc:
                log.error("%s failed\n%s", label, traceback.format_exc())
                self._done_posted.emit(
                    False,
                    self.tr("{label} failed: {kind}: {exc}").format(
                        label=label, kind=type(exc).__name__, exc=exc
                    ),
                )
            else:
                self._done_posted.emit(True, str(message))

        self._thread = threading.Thread(target=run, name="folio-transfer", daemon=True)
        self.started.emit(label)
        self._thread.start()
        return True

    @Slot(bool, str)
    def _finish(self, succeeded: bool, message: str) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=5)
        if succeeded:
            self.finished.emit(message)
        else:
            self.failed.emit(message or "failed")

    def shutdown(self, timeout: float = 30.0) -> None:
        self._cancel.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=timeout)
        self._thread = None
