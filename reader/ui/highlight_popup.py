"""The small popup a click on a highlight opens: its colour, its note, and removing it.

A colour is changed at once; the note when the popup closes (Escape or a click elsewhere keeps
what was typed: nothing written is thrown away). Remove removes the highlight.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.highlights import Highlight, HighlightColor
from reader.ui.highlight_layer import COLOR_NAMES, swatch_icon

QUOTE_CHARS = 160


class HighlightPopup(QFrame):
    # The highlight's new colour (its value), chosen in the popup.
    color_chosen = Signal(str)
    # The note as typed, when the popup closed with it changed ("" removes it).
    note_changed = Signal(str)
    remove_requested = Signal()

    def __init__(self, highlight: Highlight, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("highlightPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.highlight = highlight
        self._note = highlight.note or ""
        self._removing = False
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 10, 10)
        layout.setSpacing(8)
        quote = " ".join(highlight.quote.split())
        if len(quote) > QUOTE_CHARS:
            quote = quote[: QUOTE_CHARS - 1].rstrip() + "…"
        self.quote_label = QLabel(f"“{quote}”", self)
        self.quote_label.setWordWrap(True)
        self.quote_label.setObjectName("highlightQuote")
        layout.addWidget(self.quote_label)
        if not highlight.placed:
            missing = QLabel(
                self.tr("Could not be placed in the article's text as it is now."), self
            )
            missing.setWordWrap(True)
            layout.addWidget(missing)
        row = QHBoxLayout()
        row.setSpacing(4)
        self.color_buttons: dict[HighlightColor, QToolButton] = {}
        group = QButtonGroup(self)
        for color, name in COLOR_NAMES.items():
            button = QToolButton(self)
            button.setObjectName(f"color_{color.value}")
            button.setIcon(swatch_icon(color, 18))
            button.setIconSize(QSize(18, 18))
            button.setCheckable(True)
            button.setChecked(color is highlight.color)
            button.setAutoRaise(True)
            button.setToolTip(QCoreApplication.translate("HighlightLayer", name))
            button.setAccessibleName(QCoreApplication.translate("HighlightLayer", name))
            button.clicked.connect(lambda _checked, c=color: self._choose(c))
            group.addButton(button)
            row.addWidget(button)
            self.color_buttons[color] = button
        row.addStretch(1)
        self.remove_button = QPushButton(self.tr("Remove"), self)
        self.remove_button.setObjectName("removeHighlight")
        self.remove_button.clicked.connect(self._remove)
        row.addWidget(self.remove_button)
        layout.addLayout(row)
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setObjectName("highlightNote")
        self.note_edit.setPlaceholderText(self.tr("Add a note…"))
        self.note_edit.setPlainText(self._note)
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(self.note_edit.fontMetrics().lineSpacing() * 4 + 14)
        layout.addWidget(self.note_edit)
        hint = QLabel(self.tr("Ctrl+Enter or a click elsewhere keeps the note"), self)
        hint.setObjectName("popupHint")
        hint.setEnabled(False)
        layout.addWidget(hint)
        self.setFixedWidth(340)

    def _choose(self, color: HighlightColor) -> None:
        if color is not self.highlight.color:
            self.color_chosen.emit(color.value)

    def _remove(self) -> None:
        self._removing = True
        self.remove_requested.emit()
        self.close()

    def show_at(self, point: QPoint) -> None:
        """Open under ``point`` (global), kept on its screen."""
        self.adjustSize()
        screen = QGuiApplication.screenAt(point) or QGuiApplication.primaryScreen()
        x, y = point.x() - 20, point.y() + 12
        if screen is not None:
            area = screen.availableGeometry()
            x = max(area.left(), min(x, area.right() - self.width()))
            if y + self.height() > area.bottom():
                y = max(area.top(), point.y() - self.height() - 12)
        self.move(x, y)
        self.show()
        self.note_edit.setFocus(Qt.FocusReason.PopupFocusReason)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.close()
            return
        super().keyPressEvent(event)

    def closeEvent(self, event: QCloseEvent) -> None:
        text = self.note_edit.toPlainText().strip()
        if not self._removing and text != self._note.strip():
            self._note = text
            self.note_changed.emit(text)
        super().closeEvent(event)
