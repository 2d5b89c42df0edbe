"""The search syntax, one click away: a small button that opens a pop-up with the help."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QFrame, QLabel, QToolButton, QVBoxLayout, QWidget

from reader.core.query import SYNTAX_HELP


class SearchHelpPopup(QFrame):
    """The syntax help in a pop-up that closes on the next click elsewhere or Escape."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("searchHelp")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.text = QLabel(SYNTAX_HELP, self)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)

    def show_below(self, anchor: QWidget) -> None:
        self.adjustSize()
        self.move(anchor.mapToGlobal(QPoint(0, anchor.height())))
        self.show()


class SearchHelpButton(QToolButton):
    """A "?" button for beside a search box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchHelpButton")
        self.setText("?")
        self.setToolTip("Search syntax: phrases, OR, -exclusions, tag:, is:unread, after:7d …")
        self.setAccessibleName("Search syntax")
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.popup: SearchHelpPopup | None = None
        self.clicked.connect(self.show_help)

    def show_help(self) -> None:
        if self.popup is None:
            self.popup = SearchHelpPopup(self)
        self.popup.show_below(self)
