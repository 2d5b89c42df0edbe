"""Composition root: parse the command line, then run a command or open the window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.library import Library
    from reader.ui.main_window import MainWindow

NO_DISPLAY_MESSAGE = (
    "folio: no display found; run the window under a display server (for example"
    " 'xvfb-run folio'), or use the folio command line ('folio --help')."
)


def has_display() -> bool:
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_window(args: argparse.Namespace) -> int:
    if not has_display():
        print(NO_DISPLAY_MESSAGE, file=sys.stderr)
        return 1
    # Qt is imported here and only here, so commands that never open the window stay fast.
    from reader.app.application import platform_problem

    problem = platform_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1

    from PySide6.QtWidgets import QMessageBox

    from reader import APP_NAME
    from reader.app.application import (
        create_application,
        exit_code_or_leave,
        quit_on_signals,
        tear_down,
    )
    from reader.app.crash import CrashHandler, record_faults, setup_logging
    from reader.core.errors import UserError
    from reader.library import Library, default_library_path
    from reader.library.failures import explain_failure
    from reader.ui import icons
    from reader.ui.main_window import MainWindow

    app = create_application()
    signals = quit_on_signals(app)
    record_faults()
    crash = CrashHandler(app, log_path=setup_logging())
    crash.install()
    demo = None
    try:
        if getattr(args, "demo", False):
            from reader.app.demo import DemoSession

            demo = DemoSession()
            library = demo.library
        else:
            library = Library(args.db or default_library_path())
    except UserError as exc:
        try:
            path = args.db or default_library_path()
        except UserError:
            path = None
        message = str(explain_failure(exc, path) or exc)
        print(f"folio: error: {message}", file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, message)
        crash.uninstall()
        tear_down(app, [], timers=[signals])
        return 1
    crash.library_path = library.path
    window = MainWindow(library, crash_handler=crash, demo=demo is not None)
    window.show()
    window.refresher.start_schedule()
    if demo is None:
        start_daily_backup(window, library)
    try:
        code = app.exec()
    finally:
        crash.uninstall()
        tear_down(
            app,
            [window],
            close=[demo.close if demo is not None else library.close],
            forget=[icons.clear_cache],
            timers=[signals],
        )
    return exit_code_or_leave(code)


def start_daily_backup(window: MainWindow, library: Library) -> None:
    """Today's automatic backup, in the background; a damaged library gets a dialog saying
    which backup to restore, other failures a line in the status bar."""
    from PySide6.QtWidgets import QMessageBox

    from reader import APP_NAME
    from reader.core.errors import LibraryDamagedError
    from reader.library.failures import explain_failure

    def failed(exc: BaseException) -> None:
        problem = explain_failure(exc, library.path)
        if problem is None:
            window.show_crash(f"The daily backup failed: {type(exc).__name__}: {exc}")
            return
        text = str(problem)
        if isinstance(problem, LibraryDamagedError):
            QMessageBox.warning(window, APP_NAME, text[:1].upper() + text[1:])
        else:
            window.show_message(f"No backup today: {text}", 30_000)

    window.tasks.run(library.auto_backup, None, failed)


def run(argv: Sequence[str] | None = None) -> None:
    from reader.cli import main

    sys.exit(main(argv, gui=open_window))
