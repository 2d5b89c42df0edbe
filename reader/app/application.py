"""The Qt application object: names, icon, one instance per process."""

from __future__ import annotations

import ctypes
import logging
import os
import signal
import sys

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

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

    def stop(_signum: int, _frame: object) -> None:
        # Posted, never called here: a signal handler runs between any two steps of the
        # code it interrupts (a task handed to a worker pool, holding the pool's lock), and
        # quitting at once closes the window, which shuts that pool down: a deadlock. The
        # event loop quits on its next turn, or as soon as it starts.
        QTimer.singleShot(0, app.quit)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    # Python handles signals only when it runs; a light tick gives it the chance while Qt
    # sits in its event loop.
    timer = QTimer(app)
    timer.start(300)
    timer.timeout.connect(lambda: None)
    return timer


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
