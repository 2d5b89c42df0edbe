"""Unexpected exceptions: logged with their traceback, shown briefly, and the app keeps running."""

from __future__ import annotations

import faulthandler
import logging
import os
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import TextIO

from platformdirs import user_log_path
from PySide6.QtCore import QObject, Qt, Signal

from reader import APP_NAME
from reader.core.errors import UserError
from reader.library.failures import explain_failure

log = logging.getLogger("reader.crash")

LOG_FILENAME = "folio.log"
LOG_MAX_BYTES = 1_000_000
LOG_BACKUPS = 2
FAULTS_FILENAME = "folio-faults.log"


def log_file_path() -> Path:
    return user_log_path(APP_NAME, appauthor=False) / LOG_FILENAME


def setup_logging(path: Path | None = None) -> Path | None:
    """Send warnings and errors to a rotating log file; None when it cannot be written."""
    path = path or log_file_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # Opened now, so a log that cannot be written is known from the start.
        path.open("a", encoding="utf-8").close()
    except OSError:
        return None
    handler = _LogFile(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    logging.getLogger().addHandler(handler)
    return path


class _LogFile(logging.Handler):
    """The rotating log file, made when the first record comes: most runs write none, and the
    module it lives in (with the socket and pickle modules it loads) slows the window's start."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self._path = path
        # As logging's file handlers name their file.
        self.baseFilename = os.fspath(path.absolute())
        self._file: logging.Handler | None = None

    def emit(self, record: logging.LogRecord) -> None:
        # Records come one at a time: logging holds this handler's lock around emit().
        if self._file is None:
            from logging.handlers import RotatingFileHandler

            try:
                self._file = RotatingFileHandler(
                    self._path, maxBytes=LOG_MAX_BYTES, backupCount=LOG_BACKUPS, encoding="utf-8"
                )
            except OSError:
                self.handleError(record)
                return
            self._file.setFormatter(self.formatter)
        self._file.emit(record)

    def flush(self) -> None:
        if self._file is not None:
            self._file.flush()

    def close(self) -> None:
        if self._file is not None:
            self._file.close()
        super().close()


def record_faults(folder: Path | None = None) -> Path | None:
    """Write the Python stack of every thread to a file if the process crashes (a segfault
    in Qt, say), so there is something to go on; None when the file cannot be opened."""
    folder = folder or log_file_path().parent
    path = folder / FAULTS_FILENAME
    try:
        folder.mkdir(parents=True, exist_ok=True)
        # Kept open to the end: faulthandler writes to it from a signal handler.
        handle = path.open("a", encoding="utf-8")
    except OSError:
        return None
    faulthandler.enable(file=handle, all_threads=True)
    _fault_files.append(handle)
    return path


_fault_files: list[TextIO] = []


class CrashHandler(QObject):
    """Catches exceptions no one handled, on the GUI thread and on worker threads.

    A :class:`UserError` that escaped is shown as it is; anything else is our bug: its
    traceback goes to the log and ``crashed`` carries one short line for the status bar.
    """

    crashed = Signal(str)
    _posted = Signal(str)

    def __init__(self, parent: QObject | None = None, *, log_path: Path | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        # The open library, so that its disk's and file's failures are told as such.
        self.library_path: Path | None = None
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._posted.connect(self.crashed, Qt.ConnectionType.QueuedConnection)
        self.count = 0

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = self._handle_thread

    def uninstall(self) -> None:
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous_hook
        if threading.excepthook == self._handle_thread:
            threading.excepthook = self._previous_thread_hook

    def describe(self, exc: BaseException) -> str:
        if isinstance(exc, UserError):
            return str(exc)
        # A full disk or a damaged library is not our bug: say what it is and what to do.
        problem = explain_failure(exc, self.library_path) if self.library_path else None
        if problem is not None:
            text = str(problem)
            return text[:1].upper() + text[1:]
        where = (
            self.tr(" (details in {log_path})").format(log_path=self.log_path)
            if self.log_path
            else ""
        )
        text = str(exc).splitlines()[0] if str(exc) else ""
        summary = f"{type(exc).__name__}: {text}" if text else type(exc).__name__
        return self.tr("Something went wrong: {value}{where}").format(
            value=summary[:160], where=where
        )

    def handle(
        self,
        exc_type: type[BaseException],
        exc: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        self.count += 1
        if not isinstance(exc, UserError):
            log.error(
                "unexpected error\n%s", "".join(traceback.format_exception(exc_type, exc, tb))
            )
        self._posted.emit(self.describe(exc))

    def _handle_thread(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        self.handle(args.exc_type, args.exc_value, args.exc_traceback)
