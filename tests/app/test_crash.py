"""An unexpected exception is logged with its traceback, shown briefly, and the app goes on."""

from __future__ import annotations

import logging
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QTimer, Signal
from pytestqt.qtbot import QtBot

from reader.app import crash as crash_module
from reader.app.crash import CrashHandler, setup_logging
from reader.core.errors import UserError
from reader.library import Library
from reader.library.views import SmartView
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import ViewKey


class Emitter(QObject):
    fired = Signal()


@pytest.mark.qt_no_exception_capture
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_a_bug_in_a_slot_is_shown_and_logged(
    tmp_path: Path, library: Library, qtbot: QtBot, settings: object
) -> None:
    log_path = tmp_path / "logs" / "folio.log"
    handler_path = setup_logging(log_path)
    assert handler_path == log_path
    crash = CrashHandler(log_path=log_path)
    crash.install()
    window = MainWindow(library, settings=settings, crash_handler=crash)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    try:
        emitter = Emitter()

        def broken() -> None:
            raise KeyError("the missing key")

        emitter.fired.connect(broken)
        with qtbot.waitSignal(crash.crashed, timeout=5000) as blocker:
            emitter.fired.emit()
        message = blocker.args[0]
        assert message.startswith("Something went wrong: KeyError")
        assert str(log_path) in message
        assert window.status_bar.crash_label.isVisible()
        assert window.status_bar.crash_label.text() == message
        for handler in logging.getLogger().handlers:
            handler.flush()
        logged = log_path.read_text()
        assert "Traceback" in logged and "the missing key" in logged and "broken" in logged
        # The window still works.
        window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
        assert window.list_header.title.text() == "All articles"
        # A bug on a worker thread is caught too.
        with qtbot.waitSignal(crash.crashed, timeout=5000) as blocker:
            thread = threading.Thread(target=lambda: 1 / 0)
            thread.start()
            thread.join()
        assert "ZeroDivisionError" in blocker.args[0]
    finally:
        crash.uninstall()
        window.close()
        for handler in list(logging.getLogger().handlers):
            if getattr(handler, "baseFilename", None) == str(log_path):
                logging.getLogger().removeHandler(handler)
                handler.close()
    assert sys.excepthook is not crash.handle


def test_a_user_error_that_escaped_is_shown_as_it_is(qtbot: QtBot) -> None:
    crash = CrashHandler()
    assert crash.describe(UserError("no such file: x.opml")) == "no such file: x.opml"
    text = crash.describe(RuntimeError("first line\nsecond line"))
    assert text == "Something went wrong: RuntimeError: first line"
    assert QTimer is not None


def test_the_log_file_is_written_from_the_first_warning_and_rotated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(crash_module, "LOG_MAX_BYTES", 2_000)
    log_path = tmp_path / "logs" / "folio.log"
    assert setup_logging(log_path) == log_path
    (handler,) = [
        h for h in logging.getLogger().handlers if getattr(h, "baseFilename", None) == str(log_path)
    ]
    try:
        # Made at once, empty: a log that cannot be written is known from the start.
        assert log_path.read_text() == ""
        logger = logging.getLogger("reader.test")
        logger.info("not kept: below a warning")
        for number in range(40):
            logger.warning("warning number %d %s", number, "x" * 80)
        handler.flush()
        assert "not kept" not in log_path.read_text()
        assert "WARNING reader.test: warning number 39" in log_path.read_text()
        older = tmp_path / "logs" / "folio.log.1"
        assert "warning number" in older.read_text()
        assert not (tmp_path / "logs" / "folio.log.3").exists()
    finally:
        logging.getLogger().removeHandler(handler)
        handler.close()


def test_a_log_folder_that_cannot_be_made_means_no_log(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    assert setup_logging(blocker / "logs" / "folio.log") is None


def test_a_full_disk_is_said_as_such_not_as_our_bug(qapp: object, tmp_path: Path) -> None:
    import sqlite3

    from reader.app.crash import CrashHandler

    handler = CrashHandler(log_path=tmp_path / "folio.log")
    handler.library_path = tmp_path / "library.sqlite"
    full = sqlite3.OperationalError("database or disk is full")
    full.sqlite_errorcode = sqlite3.SQLITE_FULL
    text = handler.describe(full)
    assert text.startswith("The disk holding the library")
    assert "Something went wrong" not in text
    assert handler.describe(ValueError("boom")).startswith("Something went wrong")
