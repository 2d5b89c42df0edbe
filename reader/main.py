"""Composition root: parse the command line, then run a command or open the window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.app.inbox_watcher import InboxWatcher
    from reader.app.open_controller import OpenController
    from reader.app.single_instance import InstanceGuard, OpenRequest
    from reader.library import Library
    from reader.ui.main_window import MainWindow


def no_display_message() -> str:
    from reader.app.launch_command import launch_hint

    return (
        "folio: no display found; run the window under a display server (for example"
        f" 'xvfb-run {launch_hint()}'), or use the folio command line"
        f" ('{launch_hint('--help')}')."
    )


def has_display() -> bool:
    if sys.platform != "linux":
        return True
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def open_window(args: argparse.Namespace) -> int:
    sources: list[str] = list(getattr(args, "sources", None) or [])
    guard: InstanceGuard | None = None
    if not getattr(args, "demo", False):
        # Before any display is needed: a window already open on the library takes the
        # files, even when this command runs where there is no display.
        from reader.app.single_instance import InstanceGuard
        from reader.core.errors import UserError
        from reader.library import default_library_path

        try:
            guard = InstanceGuard(Path(args.db or default_library_path()))
        except UserError as exc:
            # No private folder for the lock: the window opens all the same.
            print(f"folio: warning: {exc}", file=sys.stderr)
        try:
            if guard is not None and not guard.claim(sources):
                return 0
        except UserError as exc:
            print(f"folio: error: {exc}", file=sys.stderr)
            return 1
    try:
        return _run_window(args, sources, guard)
    finally:
        if guard is not None:
            guard.release()


def _run_window(args: argparse.Namespace, sources: list[str], guard: InstanceGuard | None) -> int:
    if not has_display():
        print(no_display_message(), file=sys.stderr)
        return 1
    # Qt is imported here and only here, so commands that never open the window stay fast.
    from reader.app.application import platform_problem

    problem = platform_problem()
    if problem is not None:
        print(problem, file=sys.stderr)
        return 1

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QMessageBox

    from reader import APP_NAME
    from reader.app.application import create_application, quit_on_signals
    from reader.app.crash import CrashHandler, setup_logging
    from reader.core.errors import UserError
    from reader.library import Library, default_library_path
    from reader.ui.main_window import MainWindow

    app = create_application()
    _install_language(getattr(args, "lang", None))
    quit_on_signals(app)
    crash = CrashHandler(app, log_path=setup_logging())
    crash.install()
    server = guard.listen(app) if guard is not None else None
    demo = None
    try:
        if getattr(args, "demo", False):
            from reader.app.demo import DemoSession

            demo = DemoSession()
            library = demo.library
        else:
            library = Library(args.db or default_library_path())
    except UserError as exc:
        print(f"folio: error: {exc}", file=sys.stderr)
        QMessageBox.critical(None, APP_NAME, str(exc))
        return 1
    window = MainWindow(library, crash_handler=crash, demo=demo is not None)
    window.show()
    window.start_background_work()
    window.syncer.start_schedule()
    # What opens files (and imports every format Folio reads) is made when files come, from
    # the command line or from another folio; the inbox folder is read once the window is up.
    openers: list[OpenController] = []

    def opener() -> OpenController:
        if not openers:
            openers.append(_attach_opener(window))
        return openers[0]

    if server is not None:
        server.requested.connect(lambda request: _handed_over(window, opener(), request))
    inboxes: list[InboxWatcher] = []
    # A demo library is thrown away at the end: it takes no files from the inbox folder.
    if demo is None:
        QTimer.singleShot(0, window, lambda: inboxes.append(_attach_inbox(window, library)))
    if sources:
        QTimer.singleShot(0, window, lambda: opener().open(sources))
    try:
        return app.exec()
    finally:
        if server is not None:
            server.close()
        for inbox in inboxes:
            inbox.shutdown()
        crash.uninstall()
        if demo is not None:
            demo.close()
        else:
            library.close()


def _install_language(given: str | None) -> None:
    """The window speaks the language given (--lang), else the one chosen in Preferences,
    else the system's (LANGUAGE, LC_ALL, LANG …)."""
    from reader.app.settings import Settings
    from reader.app.translations import choose_language, install_translations

    install_translations(choose_language(given or Settings().language or None))


def _attach_opener(window: MainWindow) -> OpenController:
    from reader.app.open_controller import OpenController

    opener = OpenController(window.saver, window.transfers, parent=window)
    opener.reveal.connect(window.reveal_article)
    opener.message.connect(window.status_bar.show_message)
    return opener


def _handed_over(window: MainWindow, opener: OpenController, request: OpenRequest) -> None:
    from PySide6.QtCore import Qt

    if request.activation_token:
        # Wayland lets a window come forward only with the token the desktop gave the
        # launch that asked for it; Qt reads it from here when the window asks.
        os.environ["XDG_ACTIVATION_TOKEN"] = request.activation_token
    state = window.windowState()
    if state & Qt.WindowState.WindowMinimized:
        window.setWindowState(state & ~Qt.WindowState.WindowMinimized)
    window.show()
    window.raise_()
    window.activateWindow()
    if request.sources:
        opener.open(list(request.sources))


def _attach_inbox(window: MainWindow, library: Library) -> InboxWatcher:
    from reader.app.inbox_watcher import InboxWatcher

    inbox = InboxWatcher(library, parent=window)
    inbox.message.connect(window.status_bar.show_message)
    inbox.problem.connect(lambda text: window.status_bar.show_message(text, 15_000))

    def setting_changed(key: str) -> None:
        if key == "inbox/folder":
            inbox.set_folder(window.settings.inbox_folder)

    window.settings.changed.connect(setting_changed)
    inbox.set_folder(window.settings.inbox_folder)
    return inbox


def install_desktop(args: argparse.Namespace) -> int:
    from reader.app.desktop_install import run_install_command

    return run_install_command(removing=bool(args.remove))


def run(argv: Sequence[str] | None = None) -> None:
    from reader.cli import main

    sys.exit(main(argv, gui=open_window, desktop=install_desktop))
