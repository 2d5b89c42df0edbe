"""Starting the Qt application on a library."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from reader import APP_NAME, __version__
from reader.app.resources import resource_path
from reader.core.errors import UserError
from reader.library import Library, default_library_path

log = logging.getLogger(__name__)


def create_application(argv: list[str] | None = None) -> QApplication:
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


def run_application(*, db_path: Path | None, demo: bool = False) -> int:
    app = create_application()
    try:
        library = Library(db_path or default_library_path())
    except UserError as exc:
        QMessageBox.critical(None, APP_NAME, str(exc))
        print(f"folio: error: {exc}", file=sys.stderr)
        return 1
    from reader.ui.main_window import MainWindow

    window = MainWindow(library)
    window.show()
    try:
        return app.exec()
    finally:
        library.close()
