"""Unexpected exceptions: logged with their traceback, shown briefly, and the app keeps running."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from platformdirs import user_log_path
from PySide6.QtCore import QObject, Qt, Signal

from reader import APP_NAME
from reader.core.errors import UserError

log = logging.getLogger("reader.crash")

LOG_FILENAME = "folio.log"


def log_file_path() -> Path:
    return user_log_path(APP_NAME, appauthor=False) / LOG_FILENAME


def setup_logging(path: Path | None = None) -> Path | None:
    """Send warnings and errors to a rotating log file; None when it cannot be written."""
    path = path or log_file_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=2, encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    logging.getLogger().addHandler(handler)
    return path


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
