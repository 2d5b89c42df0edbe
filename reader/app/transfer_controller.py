"""Imports and exports on a worker thread, with progress for the status bar."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from reader.app.emit_gate import EmitGate
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
        self._gate = EmitGate()
        # Taken here, on the GUI thread: workers never look this object up again.
        progressed = self._progress_posted
        self._progress = lambda done, total: self._gate.emit(progressed, int(done), int(total))

    @property
    def running(self) -> bool:
        return self._thread is not None

    def import_file(self, path: Path) -> bool:
        library = self._library
        cancel = self._cancel = threading.Event()

        def work() -> str:
            report = library.import_file(path, progress=self._progress, cancel=cancel)
            return f"Imported {path.name}: {report.status_line()}"

        return self._start(f"Importing {path.name}…", work)

    def export_file(self, path: Path, format: str | None = None) -> bool:
        library = self._library

        def work() -> str:
            count = library.export_file(path, format=format, progress=self._progress)
            return f"Exported {count} to {path.name}"

        return self._start(f"Exporting to {path.name}…", work)

    def cancel(self) -> None:
        self._cancel.set()

    def _start(self, label: str, work: Callable[[], str]) -> bool:
        if self.running:
            return False

        gate, done = self._gate, self._done_posted

        def run() -> None:
            try:
                message: Any = work()
            except UserError as exc:
                gate.emit(done, False, str(exc))
            except Exception as exc:
                log.error("%s failed\n%s", label, traceback.format_exc())
                gate.emit(done, False, f"{label} failed: {type(exc).__name__}: {exc}")
            else:
                gate.emit(done, True, str(message))

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
        self._gate.close()
