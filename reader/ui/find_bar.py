"""Finding text in the article shown (Ctrl+F): a bar under the article with the words to
find, how many there are, and the next and previous one.

Enter goes to the next match and Shift+Enter to the previous one; Escape closes the bar. Every
match is marked; the current one more strongly, and scrolled into view.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTextEdit,
    QToolButton,
    QWidget,
)

from reader.ui.article_browser import ArticleBrowser
from reader.ui.icons import icon
from reader.ui.theme import LIGHT, Theme

MARK_KIND = "find"
# More than this many matches are not all marked (the count says "1,000+").
MAX_MATCHES = 1000


class FindBar(QWidget):
    # The bar closed (Escape, its close button): the window gives the keyboard back.
    closed = Signal()

    def __init__(self, browser: ArticleBrowser, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._browser = browser
        self._theme = LIGHT
        self._matches: list[QTextCursor] = []
        self._current = -1
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 5, 8, 5)
        layout.setSpacing(6)
        self.input = QLineEdit(self)
        self.input.setObjectName("findInput")
        self.input.setPlaceholderText(self.tr("Find in article"))
        self.input.setAccessibleName(self.tr("Find in article"))
        self.input.setClearButtonEnabled(True)
        self.input.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.input.setMaximumWidth(320)
        self.input.textChanged.connect(lambda _text: self.search(from_top=False))
        self.input.installEventFilter(self)
        layout.addWidget(self.input, 1)
        self.previous_button = self._button(
            "▲", self.tr("Previous match (Shift+Enter)"), self.previous
        )
        self.next_button = self._button("▼", self.tr("Next match (Enter)"), self.next)
        layout.addWidget(self.previous_button)
        layout.addWidget(self.next_button)
        self.count = QLabel(self)
        self.count.setObjectName("findCount")
        layout.addWidget(self.count)
        layout.addStretch(1)
        close = QToolButton(self)
        close.setIcon(icon("close"))
        close.setAutoRaise(True)
        close.setToolTip(self.tr("Close (Escape)"))
        close.setAccessibleName(self.tr("Close the find bar"))
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)
        self.hide()

    def _button(self, text: str, tip: str, slot: object) -> QToolButton:
        button = QToolButton(self)
        button.setText(text)
        button.setAutoRaise(True)
        button.setToolTip(tip)
        button.setAccessibleName(tip.split(" (", maxsplit=1)[0])
        button.clicked.connect(slot)
        return button

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self._mark()

    # -- opening and closing ---------------------------------------------------------------------
    def open_bar(self) -> None:
        self.show()
        self.input.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.input.selectAll()
        self.search(from_top=False)

    def close_bar(self) -> None:
        self._matches = []
        self._current = -1
        self._browser.set_marks(MARK_KIND, [])
        self.hide()
        self.closed.emit()

    # -- finding ----------------------------------------------------------------------------------
    @property
    def matches(self) -> int:
        return len(self._matches)

    def search(self, *, from_top: bool) -> None:
        """Look for the bar's text in the article again (it changed, or the article did);
        the first match at or after the part of the article on screen becomes current."""
        if not self.isVisible():
            return
        text = self.input.text()
        document = self._browser.document()
        self._matches = []
        if text.strip():
            cursor = QTextCursor(document)
            while len(self._matches) < MAX_MATCHES:
                cursor = document.find(text, cursor)
                if cursor.isNull():
                    break
                self._matches.append(QTextCursor(cursor))
        self._current = -1
        if self._matches:
            top = 0 if from_top else self._first_position_on_screen()
            self._current = next(
                (i for i, c in enumerate(self._matches) if c.selectionStart() >= top), 0
            )
        self._mark()
        self._show_current()

    def _first_position_on_screen(self) -> int:
        cursor = self._browser.cursorForPosition(self._browser.viewport().rect().topLeft())
        return cursor.position()

    def next(self) -> None:
        self._step(+1)

    def previous(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        if not self._matches:
            return
        self._current = (self._current + delta) % len(self._matches)
        self._mark()
        self._show_current()

    def _show_current(self) -> None:
        has_text = bool(self.input.text().strip())
        total = len(self._matches)
        if not has_text:
            self.count.setText("")
        elif not total:
            self.count.setText(self.tr("Not found"))
        else:
            more = "+" if total >= MAX_MATCHES else ""
            self.count.setText(
                self.tr("{current} of {total}{more}").format(
                    current=QLocale().toString(self._current + 1),
                    total=QLocale().toString(total),
                    more=more,
                )
            )
        self.previous_button.setEnabled(total > 1)
        self.next_button.setEnabled(total > 1)
        self.input.setProperty("notFound", has_text and not total)
        self.input.style().unpolish(self.input)
        self.input.style().polish(self.input)
        if 0 <= self._current < total:
            match = self._matches[self._current]
            # Scrolled to with a cursor at the match: the reading view shows no caret.
            place = QTextCursor(match)
            place.setPosition(match.selectionEnd())
            self._browser.setTextCursor(place)
            self._browser.ensureCursorVisible()

    def _mark(self) -> None:
        every = QTextCharFormat()
        every.setBackground(QColor(self._theme.find_match))
        current = QTextCharFormat()
        current.setBackground(QColor(self._theme.find_current))
        current.setForeground(QColor(self._theme.find_current_text))
        marks = []
        for i, cursor in enumerate(self._matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor
            selection.format = current if i == self._current else every
            marks.append(selection)
        self._browser.set_marks(MARK_KIND, marks)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.input and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            key = event.key()
            if key == Qt.Key.Key_Escape:
                self.close_bar()
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if event.modifiers() & Qt.KeyboardModifier.ShiftModifier:
                    self.previous()
                else:
                    self.next()
                return True
        return super().eventFilter(watched, event)
