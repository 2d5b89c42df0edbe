"""The Highlights view: every highlight of the library, newest first, with its note and its
article's title, in the middle pane in place of the article list. Choosing one shows its
article and scrolls to it.

Pages of 200 are read as the list is scrolled, on the keyset ``(created, id)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.highlights import Highlight
from reader.library import Library
from reader.library.highlights import cursor_after
from reader.ui.article_delegate import short_date, title_lines
from reader.ui.article_list_view import ArticleListPanel
from reader.ui.highlight_layer import SWATCHES
from reader.ui.reading_controller import ReadingController
from reader.ui.theme import LIGHT, Theme

PAGE_SIZE = 200
HIGHLIGHT_ROLE = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

PAD_X = 14
PAD_Y = 8
GAP = 3
BAR = 4


class HighlightListModel(QAbstractListModel):
    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._rows: list[Highlight] = []
        self._exhausted = True

    def reload(self) -> None:
        """Read the first page again (as many rows as were loaded, at least a page)."""
        wanted = max(len(self._rows), PAGE_SIZE)
        self.beginResetModel()
        self._rows = []
        self._exhausted = False
        while not self._exhausted and len(self._rows) < wanted:
            self._read_page()
        self.endResetModel()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows = []
        self._exhausted = True
        self.endResetModel()

    def _read_page(self) -> list[Highlight]:
        after = cursor_after(self._rows[-1]) if self._rows else None
        page = self._library.highlights.recent(after=after, limit=PAGE_SIZE)
        if len(page) < PAGE_SIZE:
            self._exhausted = True
        self._rows.extend(page)
        return page

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        first = len(self._rows)
        after = cursor_after(self._rows[-1]) if self._rows else None
        page = self._library.highlights.recent(after=after, limit=PAGE_SIZE)
        if len(page) < PAGE_SIZE:
            self._exhausted = True
        if not page:
            return
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        self._rows.extend(page)
        self.endInsertRows()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        highlight = self._rows[index.row()]
        if role == HIGHLIGHT_ROLE:
            return highlight
        if role == Qt.ItemDataRole.DisplayRole:
            return highlight.quote
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            parts = [f"“{highlight.quote}”"]
            if highlight.note:
                parts.append(highlight.note)
            parts.append(highlight.article_title or self.tr("(untitled)"))
            return " — ".join(parts)
        return None

    def highlight(self, row: int) -> Highlight | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, highlight_id: int) -> int | None:
        return next((i for i, h in enumerate(self._rows) if h.id == highlight_id), None)


class HighlightDelegate(QStyledItemDelegate):
    """A colour bar, the quote on two lines, the note on one, then the article and date."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.set_theme(LIGHT)

    def set_theme(self, theme: Theme) -> None:
        base = QApplication.font()
        self._quote_font = QFont(base)
        self._quote_font.setPointSizeF(base.pointSizeF() * 1.04)
        self._note_font = QFont(base)
        self._note_font.setItalic(True)
        self._meta_font = QFont(base)
        self._meta_font.setPointSizeF(base.pointSizeF() * 0.9)
        self._quote_metrics = QFontMetrics(self._quote_font)
        self._note_metrics = QFontMetrics(self._note_font)
        self._meta_metrics = QFontMetrics(self._meta_font)
        self._text = QColor(theme.text)
        self._muted = QColor(theme.muted)
        self._border = QColor(theme.border)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        height = (
            PAD_Y * 2
            + 2 * self._quote_metrics.lineSpacing()
            + GAP
            + self._note_metrics.height()
            + GAP
            + self._meta_metrics.height()
        )
        return QSize(200, height)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        highlight = index.data(HIGHLIGHT_ROLE)
        if not isinstance(highlight, Highlight):
            super().paint(painter, option, index)
            return
        painter.save()
        rect: QRect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
            text = palette.color(QPalette.ColorRole.HighlightedText)
            muted = QColor(text)
            muted.setAlpha(190)
        else:
            text, muted = self._text, self._muted
        painter.setPen(self._border)
        painter.drawLine(rect.left() + PAD_X, rect.bottom(), rect.right(), rect.bottom())
        top = rect.top() + PAD_Y
        left = rect.left() + PAD_X + BAR + 8
        width = max(rect.right() - PAD_X - left, 10)
        quote_height = 2 * self._quote_metrics.lineSpacing()
        painter.fillRect(
            QRect(rect.left() + PAD_X, top + 2, BAR, quote_height - 4),
            QColor(SWATCHES[highlight.color]),
        )
        align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        painter.setFont(self._quote_font)
        painter.setPen(text)
        quote = f"“{' '.join(highlight.quote.split())}”"
        for number, line in enumerate(title_lines(quote, self._quote_metrics, width, 2)):
            line_top = top + number * self._quote_metrics.lineSpacing()
            painter.drawText(
                QRect(left, line_top, width, self._quote_metrics.lineSpacing()), align, line
            )
        y = top + quote_height + GAP
        if highlight.note:
            painter.setFont(self._note_font)
            note = self._note_metrics.elidedText(
                " ".join(highlight.note.split()), Qt.TextElideMode.ElideRight, width
            )
            painter.drawText(QRect(left, y, width, self._note_metrics.height()), align, note)
        y += self._note_metrics.height() + GAP
        title = highlight.article_title or self.tr("(untitled)")
        meta = f"{title} · {short_date(highlight.created)}"
        if not highlight.placed:
            meta += self.tr(" · could not be placed")
        painter.setFont(self._meta_font)
        painter.setPen(muted)
        painter.drawText(
            QRect(left, y, width, self._meta_metrics.height()),
            align,
            self._meta_metrics.elidedText(meta, Qt.TextElideMode.ElideRight, width),
        )
        painter.restore()


class HighlightListView(QListView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("highlightList")
        self.setUniformItemSizes(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.highlight_delegate = HighlightDelegate(self)
        self.setItemDelegate(self.highlight_delegate)
        self.empty_label = QLabel(
            self.tr("No highlights yet.\nSelect text in an article and press H to highlight it."),
            self.viewport(),
        )
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_label.setWordWrap(True)
        self.empty_label.setEnabled(False)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        self.empty_label.setGeometry(self.viewport().rect().adjusted(16, 40, -16, -40))


class HighlightsViewController(QObject):
    """Shows the Highlights list in the middle pane while the sidebar's Highlights item is
    open, and opens the article of the highlight chosen."""

    def __init__(
        self,
        *,
        library: Library,
        panel: ArticleListPanel,
        reading: ReadingController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._panel = panel
        self._reading = reading
        self.model = HighlightListModel(library, self)
        self.view = HighlightListView(panel)
        self.view.setModel(self.model)
        self.view.hide()
        layout = panel.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(self.view, 1)
        self.active = False
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.view.activated.connect(self._current_changed)
        self.model.modelReset.connect(self._update_empty)
        self.model.rowsInserted.connect(self._update_empty)

    def set_active(self, active: bool) -> None:
        """Show the highlights (True) or the article list (False) in the middle pane."""
        if active == self.active:
            if active:
                self._update_header()
            return
        self.active = active
        self._panel.view.setVisible(not active)
        self.view.setVisible(active)
        self._panel.setFocusProxy(self.view if active else self._panel.view)
        if active:
            self.model.reload()
            self._update_header()
        else:
            self.model.clear()

    def _update_header(self) -> None:
        header = self._panel.header
        header.set_title(self.tr("Highlights"))
        total, _unplaced = self._library.highlights.totals()
        header.set_count(total, "highlights")
        header.sort_button.hide()
        header.order_button.hide()

    def _update_empty(self) -> None:
        self.view.empty_label.setVisible(self.model.rowCount() == 0)

    def highlights_changed(self, article_ids: Sequence[int]) -> None:
        """Highlights of these articles (of any, when none are named) were made, changed or
        removed."""
        if not self.active:
            return
        current = self.model.highlight(self.view.currentIndex().row())
        self.model.reload()
        self._update_header()
        if current is not None:
            row = self.model.row_of(current.id)
            if row is not None:
                selection = self.view.selectionModel()
                blocked = selection.blockSignals(True)
                self.view.setCurrentIndex(self.model.index(row))
                selection.blockSignals(blocked)

    def _current_changed(self, index: QModelIndex, _previous: object = None) -> None:
        highlight = self.model.highlight(index.row()) if index.isValid() else None
        if highlight is not None:
            self.open(highlight)

    def open(self, highlight: Highlight) -> None:
        """Show the highlight's article, scrolled to it."""
        shown = self._reading.shown_id == highlight.article_id
        if not shown and not self._reading.show_id(highlight.article_id):
            return
        self._reading.scroll_to_highlight(highlight.id)

    def set_theme(self, theme: Theme) -> None:
        self.view.highlight_delegate.set_theme(theme)
        self.view.viewport().update()
