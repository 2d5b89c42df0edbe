"""Highlights in the reading pane: what a selection on screen is in the article's reading text,
which highlight a click landed on, scrolling to a highlight, and the small button that offers
to highlight a selection.

The highlights themselves are drawn by the HTML (``<mark>`` elements the library puts in);
this layer only relates the screen's text to the reading text they are anchored in
(:class:`reader.core.text_map.TextMap`), built the first time it is needed for each article
shown, so opening an article costs nothing more.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QColor, QIcon, QPainter, QPixmap, QTextCursor
from PySide6.QtWidgets import QMenu, QToolButton

from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.anchoring_html import reading_text
from reader.core.highlights import DEFAULT_COLOR, Highlight, HighlightColor
from reader.core.text_map import TextMap
from reader.ui.article_browser import ArticleBrowser

COLOR_NAMES = {
    HighlightColor.YELLOW: QT_TRANSLATE_NOOP("HighlightLayer", "Yellow"),
    HighlightColor.GREEN: QT_TRANSLATE_NOOP("HighlightLayer", "Green"),
    HighlightColor.BLUE: QT_TRANSLATE_NOOP("HighlightLayer", "Blue"),
    HighlightColor.PINK: QT_TRANSLATE_NOOP("HighlightLayer", "Pink"),
    HighlightColor.ORANGE: QT_TRANSLATE_NOOP("HighlightLayer", "Orange"),
    HighlightColor.PURPLE: QT_TRANSLATE_NOOP("HighlightLayer", "Purple"),
}
# Swatches in menus and the popup: the light page's colours, which read on either theme.
SWATCHES = {
    HighlightColor.YELLOW: "#f5d94a",
    HighlightColor.GREEN: "#8fd07a",
    HighlightColor.BLUE: "#7fb5f0",
    HighlightColor.PINK: "#f29bbd",
    HighlightColor.ORANGE: "#f5b26b",
    HighlightColor.PURPLE: "#b9a0ef",
}


def swatch_icon(color: HighlightColor, size: int = 14) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#00000055"))
    painter.setBrush(QColor(SWATCHES[color]))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


def color_actions(parent: QObject, current: HighlightColor | None = None) -> list[QAction]:
    """One action per colour (its data the colour), ``current`` checked."""
    group = QActionGroup(parent)
    actions = []
    for color, name in COLOR_NAMES.items():
        action = QAction(
            swatch_icon(color), QCoreApplication.translate("HighlightLayer", name), parent
        )
        action.setData(color.value)
        if current is not None:
            action.setCheckable(True)
            action.setChecked(color is current)
            group.addAction(action)
        actions.append(action)
    return actions


class HighlightLayer(QObject):
    # The reader asked to highlight the selection in this colour (from the button or menu).
    highlight_requested = Signal(str)

    def __init__(self, browser: ArticleBrowser, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._browser = browser
        self.highlights: list[Highlight] = []
        self._html = ""
        self._content_start = 0
        self._map: TextMap | None = None
        self.last_color = DEFAULT_COLOR
        self.button = QToolButton(browser.viewport())
        self.button.setObjectName("highlightButton")
        self.button.setText(self.tr("Highlight"))
        self.button.setToolTip(self.tr("Highlight the selected text (H)"))
        self.button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        self.button.setCursor(Qt.CursorShape.PointingHandCursor)
        # It floats over the text: a solid face and an edge keep it apart from the words.
        self.button.setStyleSheet(
            "QToolButton#highlightButton { background-color: palette(base);"
            " border: 1px solid palette(mid); border-radius: 5px; padding: 3px 8px; }"
            " QToolButton#highlightButton:hover { background-color: palette(alternate-base); }"
        )
        menu = QMenu(self.button)
        for action in color_actions(menu):
            menu.addAction(action)
        menu.triggered.connect(lambda action: self._request(str(action.data())))
        self.button.setMenu(menu)
        self.button.clicked.connect(lambda: self._request(self.last_color.value))
        self.button.setIcon(swatch_icon(self.last_color))
        self.button.hide()
        browser.selectionChanged.connect(self._selection_changed)
        browser.verticalScrollBar().valueChanged.connect(lambda _v: self._place_button())

    def _request(self, color: str) -> None:
        self.button.hide()
        self.highlight_requested.emit(color)

    def set_last_color(self, color: HighlightColor) -> None:
        self.last_color = color
        self.button.setIcon(swatch_icon(color))

    # -- the article shown -------------------------------------------------------------------
    def set_content(self, html: str, highlights: list[Highlight], content_start: int) -> None:
        """The article's stored HTML (the reading text comes from it), its highlights as
        placed, and where its text begins in the pane's document."""
        self._html = html
        self.highlights = list(highlights)
        self._content_start = content_start
        self._map = None
        self.button.hide()

    def _text_map(self) -> TextMap:
        if self._map is None:
            text = reading_text(self._html).text if self._html else ""
            shown = self._browser.document().toRawText()
            self._map = TextMap.build(text, shown, self._content_start)
        return self._map

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as a range of the article's reading text (None: nothing of the
        article's text is selected)."""
        cursor = self._browser.textCursor()
        if not cursor.hasSelection() or not self._html:
            return None
        return self._text_map().reading_range(cursor.selectionStart(), cursor.selectionEnd())

    def highlight_at(self, position: int) -> Highlight | None:
        """The highlight drawn at ``position`` of the document (the innermost of nested ones)."""
        offset = self._text_map().reading_at(position) if self._html else None
        if offset is None:
            return None
        found = [
            h
            for h in self.highlights
            if h.placed
            and h.anchor.start is not None
            and h.anchor.end is not None
            and h.anchor.start <= offset < h.anchor.end
        ]
        if not found:
            return None
        return min(found, key=lambda h: (h.anchor.end or 0) - (h.anchor.start or 0))

    def get(self, highlight_id: int) -> Highlight | None:
        return next((h for h in self.highlights if h.id == highlight_id), None)

    def scroll_to(self, highlight_id: int) -> bool:
        """Scroll the pane so the highlight is in sight, a little below the top."""
        highlight = self.get(highlight_id)
        if highlight is None or not highlight.placed or highlight.anchor.start is None:
            return False
        found = self._text_map().shown_range(highlight.anchor.start, highlight.anchor.end or 0)
        if found is None:
            return False
        cursor = QTextCursor(self._browser.document())
        cursor.setPosition(found[0])
        rect = self._browser.cursorRect(cursor)
        bar = self._browser.verticalScrollBar()
        bar.setValue(bar.value() + rect.top() - self._browser.viewport().height() // 4)
        return True

    # -- the floating button -------------------------------------------------------------------
    def _selection_changed(self) -> None:
        # Only for a selection of the article's text (not of its title or byline).
        if self.selected_range() is not None:
            self._place_button()
        else:
            self.button.hide()

    def _place_button(self) -> None:
        cursor = self._browser.textCursor()
        if not cursor.hasSelection() or not self._html:
            return
        end = QTextCursor(cursor)
        end.setPosition(cursor.selectionEnd())
        rect = self._browser.cursorRect(end)
        viewport = self._browser.viewport()
        self.button.adjustSize()
        size = self.button.sizeHint()
        x = min(max(rect.right() - size.width() // 2, 4), viewport.width() - size.width() - 4)
        y = rect.bottom() + 6
        if y + size.height() > viewport.height():
            y = rect.top() - size.height() - 6
        if y < 0 or y > viewport.height():
            self.button.hide()
            return
        self.button.move(QPoint(x, y))
        self.button.show()
        self.button.raise_()
