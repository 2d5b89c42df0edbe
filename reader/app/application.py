"""The Qt application object: names, icon, one instance per process."""

from __future__ import annotations

import ctypes
import gc
import logging
import os
import signal
import sys
import threading
from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QCompleter, QDialog, QWidget

from reader import APP_NAME, __version__
from reader.app.pyside_workarounds import protect_singletons
from reader.app.resources import resource_path

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
    protect_singletons()
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(argv or sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("folio")
    app.setWindowIcon(QIcon(str(resource_path("icons", "folio.svg"))))
    return app


def quit_on_signals(app: QApplication) -> QTimer:
    """Quit the event loop on SIGINT or SIGTERM, so the code after it (closing the library,
    removing a demo's folder) still runs. Returns the timer that lets Python see signals."""

    def close_dialogs() -> None:
        # A modal dialog runs an event loop of its own, which quit() does not end; before the
        # main loop runs (an error dialog at start-up) quit() does nothing at all.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible():
                widget.reject()

    def stop(_signum: int, _frame: object) -> None:
        # Posted, never called here: a signal handler runs between any two steps of the
        # code it interrupts (a task handed to a worker pool, holding the pool's lock), and
        # quitting at once closes the window, which shuts that pool down: a deadlock. The
        # event loop quits on its next turn, or as soon as it starts; a dialog open then
        # (its own event loop runs the posted calls too) is closed first.
        QTimer.singleShot(0, close_dialogs)
        QTimer.singleShot(0, app.quit)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    # Python handles signals only when it runs; a light tick gives it the chance while Qt
    # sits in its event loop.
    timer = QTimer(app)
    timer.start(300)
    timer.timeout.connect(lambda: None)
    return timer


def tear_down(
    app: QApplication,
    windows: Sequence[QWidget],
    *,
    close: Sequence[Callable[[], None]] = (),
    forget: Sequence[Callable[[], None]] = (),
    timers: Sequence[QTimer] = (),
) -> None:
    """End the window's process in an order that leaves nothing to chance.

    Left to the interpreter, objects go in whatever order it frees them: widgets after the
    QApplication, cached pixmaps after both, a worker's signal into a deleted controller. Each
    can crash the process as it quits. So: stop the timers; close the windows (their
    controllers stop their workers and wait for them); run ``close`` (the library: its writer
    finishes, its files are closed); delete every widget while the QApplication still exists;
    run ``forget`` (caches that hold pixmaps); and only then let the QApplication go."""
    for timer in timers:
        timer.stop()
    for window in windows:
        if window.isVisible():
            window.close()
    for step in close:
        try:
            step()
        except Exception:
            log.exception("closing failed")
    for widget in _unowned_windows():
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    for step in forget:
        step()
    gc.collect()
    app.shutdown()


def _unowned_windows() -> list[QWidget]:
    """The top-level widgets nothing else deletes. A widget with a parent goes with it; a
    completer's pop-up has none but is deleted by its completer, which would delete it a
    second time (and crash) had it gone first."""
    popups = [
        completer.popup()
        for widget in QApplication.topLevelWidgets()
        for completer in widget.findChildren(QCompleter)
    ]
    return [
        widget
        for widget in QApplication.topLevelWidgets()
        if widget.parent() is None and not any(widget is popup for popup in popups)
    ]


def exit_code_or_leave(code: int) -> int:
    """``code``, or leave the process at once with it if a worker thread is still waiting on
    the network after :func:`tear_down`.

    The interpreter waits for every thread of a thread pool as it exits; a refresh stuck
    behind a slow server would keep an invisible process alive until the server answered or
    the request timed out. By now the library is closed and every window is gone, so there is
    nothing left such a thread could save."""
    # Daemon threads count too: the interpreter joins a pool's threads whatever they are.
    stuck = [
        thread
        for thread in threading.enumerate()
        if thread is not threading.main_thread() and thread.is_alive()
    ]
    if not stuck:
        return code
    log.info("leaving without waiting for %s", ", ".join(t.name for t in stuck))
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


# The shared libraries Qt's X11 platform plugin needs beyond libxcb itself, with the Debian
# and Ubuntu packages that carry them. Qt aborts the process when one is missing; checking
# first lets Folio say what to install instead.
_XCB_LIBRARIES = {
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}


def platform_problem() -> str | None:
    """One sentence saying why the window cannot open on this X11 display, or None."""
    if not sys.platform.startswith("linux"):
        return None
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith("xcb"):
        return None
    if not platform and os.environ.get("WAYLAND_DISPLAY"):
        return None
    missing = []
    for soname, package in _XCB_LIBRARIES.items():
        try:
            ctypes.CDLL(soname)
        except OSError:
            missing.append(package)
    if not missing:
        return None
    return (
        "folio: the window cannot open because system libraries Qt needs for X11 are missing"
        f" (on Debian or Ubuntu: sudo apt install {' '.join(missing)}); the folio command line"
        " works without them ('folio --help')."
    )
