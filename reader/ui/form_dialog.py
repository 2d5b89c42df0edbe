"""What the small dialogs share: a form, an error line, and a busy state while work runs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.urls import is_http_url


def clipboard_url() -> str:
    """The clipboard's text when it is a web address, else ""."""
    clipboard = QGuiApplication.clipboard()
    text = clipboard.text().strip() if clipboard is not None else ""
    return text if is_http_url(text) and " " not in text else ""


class FormDialog(QDialog):
    """A dialog with a form, an inline error message and OK/Cancel buttons.

    Long work (discovery, fetching) runs elsewhere; the dialog shows a busy bar meanwhile and
    stays open on failure so the user can correct what they typed.
    """

    def __init__(self, title: str, ok_text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        layout.addLayout(self.form)
        self.error = QLabel(self)
        self.error.setObjectName("dialogError")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: palette(bright-text); background: #b3261e; padding: 6px;")
        self.error.hide()
        layout.addWidget(self.error)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(ok_text)
        ok.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def submit(self) -> None:
        """Check the form; subclasses emit what was asked for or call accept()."""
        self.accept()

    def show_error(self, message: str) -> None:
        self.set_busy(False)
        self.error.setText(message)
        self.error.show()

    def set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        self.ok_button.setEnabled(not busy)
        if busy:
            self.error.hide()
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
