"""Today's automatic backup of the library, made in the background once the window is up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from reader import APP_NAME
from reader.core.errors import LibraryDamagedError
from reader.library.failures import explain_failure

if TYPE_CHECKING:
    from reader.library import Library
    from reader.ui.main_window import MainWindow


def start_daily_backup(window: MainWindow, library: Library) -> None:
    """Today's automatic backup, in the background; a damaged library gets a dialog saying
    which backup to restore, other failures a line in the status bar."""

    def failed(exc: BaseException) -> None:
        problem = explain_failure(exc, library.path)
        if problem is None:
            window.status_bar.show_crash(
                QCoreApplication.translate(
                    "DailyBackup", "The daily backup failed: {kind}: {exc}"
                ).format(kind=type(exc).__name__, exc=exc)
            )
            return
        text = str(problem)
        if isinstance(problem, LibraryDamagedError):
            window.prompts.show_error(APP_NAME, text[:1].upper() + text[1:])
        else:
            window.status_bar.show_message(
                QCoreApplication.translate("DailyBackup", "No backup today: {reason}").format(
                    reason=text
                ),
                30_000,
            )

    window.tasks.run(library.auto_backup, None, failed)
