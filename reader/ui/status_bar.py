"""The window's status bar: messages, a problem shown for a while, progress and the undo offer."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from reader.core.errors import UserError

STATUS_TIMEOUT_MS = 8_000
# Refresh and transfer results stay up longer: they sum up minutes of work.
RESULT_TIMEOUT_MS = 12_000
# Long enough to read a line about something that went wrong.
CRASH_TIMEOUT_MS = 15_000


class StatusBar(QStatusBar):
    def __init__(self, undo: QAction, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.crash_label = QLabel(self)
        self.crash_label.setObjectName("crashMessage")
        self.crash_label.hide()
        self.addWidget(self.crash_label, 1)
        self.undo_button = QToolButton(self)
        self.undo_button.setDefaultAction(undo)
        self.undo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.undo_button.hide()
        self.addPermanentWidget(self.undo_button)
        self.progress_label = QLabel(self)
        self.progress_label.hide()
        self.addPermanentWidget(self.progress_label)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        self.addPermanentWidget(self.progress)
        self._crash_timer = QTimer(self)
        self._crash_timer.setSingleShot(True)
        self._crash_timer.timeout.connect(self.crash_label.hide)

    def show_message(self, text: str, timeout_ms: int = STATUS_TIMEOUT_MS) -> None:
        self.showMessage(text, timeout_ms)

    def show_crash(self, text: str) -> None:
        """Something went wrong that is not the user's doing: shown apart, for a while."""
        self.crash_label.setText(text)
        self.crash_label.setToolTip(text)
        self.crash_label.show()
        self._crash_timer.start(CRASH_TIMEOUT_MS)

    def show_write_failure(self, exc: BaseException) -> None:
        """A change the user made could not be written."""
        if isinstance(exc, UserError):
            self.show_message(str(exc))
        else:
            self.show_crash(
                self.tr("Could not save the change: {kind}: {exc}").format(
                    kind=type(exc).__name__, exc=exc
                )
            )

    def start_progress(self, label: str) -> None:
        """A busy bar (its length unknown yet) with ``label`` beside it."""
        self.progress.setRange(0, 0)
        self.progress.show()
        self.progress_label.setText(label)
        self.progress_label.show()

    def set_progress(self, done: int, total: int, label: str | None = None) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if label is not None:
            self.progress_label.setText(label)

    def end_progress(self) -> None:
        self.progress.hide()
        self.progress_label.hide()


def sentence(message: str) -> str:
    """A message that starts with its first letter capitalised (the library's errors start
    in lower case, to be used inside other sentences)."""
    return message[:1].upper() + message[1:]
