"""The window's status bar: messages, a problem shown for a while, progress, the links being
fetched in the background and the undo offer.

A message too long for the bar is cut with an ellipsis where it ends; its whole text is the
bar's tooltip while it shows, so no message is ever lost to the window's width.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QResizeEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QToolButton, QWidget

from reader.core.errors import UserError

STATUS_TIMEOUT_MS = 8_000
# Refresh and transfer results stay up longer: they sum up minutes of work.
RESULT_TIMEOUT_MS = 12_000
# Long enough to read a line about something that went wrong.
CRASH_TIMEOUT_MS = 15_000


_LAYOUT_EVENTS = (QEvent.Type.Show, QEvent.Type.Hide, QEvent.Type.Move, QEvent.Type.Resize)


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
        # Links being fetched in the background: how far, pause or resume, and the failures.
        self.links_label = QLabel(self)
        self.links_label.setObjectName("linksProgress")
        self.links_label.hide()
        self.addPermanentWidget(self.links_label)
        self.links_button = QToolButton(self)
        self.links_button.setObjectName("linksPause")
        self.links_button.setAutoRaise(True)
        self.links_button.hide()
        self.addPermanentWidget(self.links_button)
        self.failed_button = QToolButton(self)
        self.failed_button.setObjectName("linksFailed")
        self.failed_button.setAutoRaise(True)
        self.failed_button.hide()
        self.addPermanentWidget(self.failed_button)
        self._crash_timer = QTimer(self)
        self._crash_timer.setSingleShot(True)
        self._crash_timer.timeout.connect(self.crash_label.hide)
        self._progress: dict[str, tuple[str, int, int]] = {}
        self._message = ""
        self._fitted = ""
        self._message_timer = QTimer(self)
        self._message_timer.setSingleShot(True)
        self._message_timer.timeout.connect(self.clearMessage)
        self.messageChanged.connect(self._message_changed)
        # The room for the message changes as the widgets on the right come, go and move.
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._refit_message)
        for widget in self.findChildren(QWidget):
            if widget.parent() is self and widget is not self.crash_label:
                widget.installEventFilter(self)

    def show_message(self, text: str, timeout_ms: int = STATUS_TIMEOUT_MS) -> None:
        self.showMessage(text, timeout_ms)

    # The bar paints its message itself, cut off where the first widget on the right starts:
    # the message is shortened to fit with an ellipsis, and the whole of it is the tooltip.
    def showMessage(self, text: str, timeout: int | None = 0) -> None:
        self._message = " ".join(text.split())
        if timeout:
            self._message_timer.start(timeout)
        else:
            self._message_timer.stop()
        self._show_fitted()

    def currentMessage(self) -> str:
        """The whole message shown, however much of it fits."""
        return self._message if super().currentMessage() else ""

    def clearMessage(self) -> None:
        self._message = ""
        self._message_timer.stop()
        super().clearMessage()

    def _show_fitted(self) -> None:
        text = self._message
        room = self._message_room()
        fitted = self.fontMetrics().elidedText(text, Qt.TextElideMode.ElideRight, room)
        self._fitted = fitted or text
        super().showMessage(self._fitted, 0)
        self.setToolTip(text if fitted != text else "")

    def _message_room(self) -> int:
        """How wide a message may be: up to the first widget shown on the right."""
        right = self.width()
        for widget in self.findChildren(QWidget):
            if widget.parent() is self and widget.isVisible() and widget is not self.crash_label:
                right = min(right, widget.x())
        return max(40, right - 16)

    def _message_changed(self, text: str) -> None:
        # Qt shows menu items' status tips here by itself, around showMessage.
        if text != self._fitted:
            self._message = self._fitted = text
            self.setToolTip("")

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _LAYOUT_EVENTS and self._message:
            self._refit.start()
        return super().eventFilter(watched, event)

    def _refit_message(self) -> None:
        if self._message and super().currentMessage():
            self._show_fitted()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._message:
            self._show_fitted()

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

    # Several kinds of work may run at once (an import, then the refresh of the feeds it
    # brought): each has its progress under its ``kind``; the bar shows the latest started.
    def start_progress(self, label: str, kind: str = "work") -> None:
        """A busy bar (its length unknown yet) with ``label`` beside it."""
        self._progress.pop(kind, None)
        self._progress[kind] = (label, 0, 0)
        self._show_progress()

    def set_progress(
        self, done: int, total: int, label: str | None = None, kind: str = "work"
    ) -> None:
        old_label = self._progress.get(kind, ("", 0, 0))[0]
        self._progress[kind] = (old_label if label is None else label, done, total)
        self._show_progress()

    def end_progress(self, kind: str = "work") -> None:
        self._progress.pop(kind, None)
        self._show_progress()

    def _show_progress(self) -> None:
        if not self._progress:
            self.progress.hide()
            self.progress_label.hide()
            return
        label, done, total = list(self._progress.values())[-1]
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        self.progress.show()
        self.progress_label.setText(label)
        self.progress_label.show()


def sentence(message: str) -> str:
    """A message that starts with its first letter capitalised (the library's errors start
    in lower case, to be used inside other sentences)."""
    return message[:1].upper() + message[1:]
