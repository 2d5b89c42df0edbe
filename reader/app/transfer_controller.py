"""Imports and exports on a worker thread, with progress for the status bar."""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

from reader.app.emit_gate import EmitGate
from reader.core.errors import UserError
from reader.library import Library

if TYPE_CHECKING:
    from reader.core.transfer import ImportReport

log = logging.getLogger(__name__)


class _Done:
    # Signals carry this wrapper rather than a bare None (see reader.app.tasks._Outcome).
    __slots__ = ("message", "report", "succeeded")

    def __init__(self, succeeded: bool, message: str, report: ImportReport | None) -> None:
        self.succeeded = succeeded
        self.message = message
        self.report = report


class TransferController(QObject):
    """One import or export at a time. ``progressed(done, total)``; ``finished(message)``;
    after an import, ``imported(ImportReport)`` first (what the window does next: fetch the
    new feeds, the links' pages)."""

    started = Signal(str)  # what runs ("Importing pocket.csv")
    progressed = Signal(int, int)
    finished = Signal(str)
    failed = Signal(str)
    imported = Signal(object)  # ImportReport
    _progress_posted = Signal(int, int)
    _done_posted = Signal(object)  # _Done

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()
        self._progress_posted.connect(self.progressed, Qt.ConnectionType.QueuedConnection)
        self._done_posted.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._closing = False
        self._gate = EmitGate()
        # Taken here, on the GUI thread: workers never look this object up again.
        progressed = self._progress_posted
        self._progress = lambda done, total: self._gate.emit(progressed, int(done), int(total))

    @property
    def running(self) -> bool:
        return self._thread is not None

    def import_file(self, path: Path) -> bool:
        if self.running:
            return False  # and the running one keeps the cancel event it can be stopped with
        library = self._library
        cancel = self._cancel = threading.Event()

        def work() -> tuple[str, ImportReport]:
            report = library.import_file(path, progress=self._progress, cancel=cancel)
            # Translated here, on the worker, without this object: it may be gone by now.
            message = QCoreApplication.translate(
                "TransferController", "Imported {name}: {value}"
            ).format(name=path.name, value=report.status_line())
            return message, report

        return self._start(self.tr("Importing {name}…").format(name=path.name), work)

    def export_file(self, path: Path, format: str | None = None) -> bool:
        library = self._library

        def work() -> str:
            count = library.export_file(path, format=format, progress=self._progress)
            return QCoreApplication.translate(
                "TransferController", "Exported {count} to {name}"
            ).format(count=count, name=path.name)

        return self._start(self.tr("Exporting to {name}…").format(name=path.name), work)

    def cancel(self) -> None:
        self._cancel.set()

    def _start(self, label: str, work: Callable[[], str | tuple[str, ImportReport]]) -> bool:
        if self.running:
            return False

        gate, done = self._gate, self._done_posted

        def run() -> None:
            try:
                outcome = work()
            except UserError as exc:
                gate.emit(done, _Done(False, str(exc), None))
            except Exception as exc:
                log.error("%s failed\n%s", label, traceback.format_exc())
                message = QCoreApplication.translate(
                    "TransferController", "{label} failed: {kind}: {exc}"
                ).format(label=label, kind=type(exc).__name__, exc=exc)
                gate.emit(done, _Done(False, message, None))
            else:
                message, report = outcome if isinstance(outcome, tuple) else (outcome, None)
                gate.emit(done, _Done(True, message, report))

        self._thread = threading.Thread(target=run, name="folio-transfer", daemon=True)
        self.started.emit(label)
        self._thread.start()
        return True

    @Slot(object)
    def _finish(self, done: _Done) -> None:
        succeeded, message, report = done.succeeded, done.message, done.report
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=5)
        if self._closing:
            return
        if report is not None:
            self.imported.emit(report)
        if succeeded:
            self.finished.emit(message)
        else:
            self.failed.emit(message or self.tr("failed"))

    def shutdown(self, timeout: float = 30.0) -> None:
        self._closing = True
        self._cancel.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=timeout)
        self._thread = None
        self._gate.close()
