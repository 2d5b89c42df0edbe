"""The sidebar's tree view and the delegate that paints unread counts and failing feeds."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from reader.ui.sidebar_model import ERROR_ROLE, KIND_ROLE, UNREAD_ROLE, NodeKind
from reader.ui.theme import LIGHT, Theme

Index = QModelIndex | QPersistentModelIndex


class SidebarDelegate(QStyledItemDelegate):
    """Icon, name and unread count, painted directly: the sidebar may list thousands of feeds,
    and every row has the same height so the tree never measures them."""

    ROW_HEIGHT = 26

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme: Theme = LIGHT

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        return QSize(120, self.ROW_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        rect: QRect = option.rect
        palette: QPalette = option.palette
        font = QFont(index.data(Qt.ItemDataRole.FontRole) or option.font)
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.save()
        if index.data(KIND_ROLE) is NodeKind.SECTION:
            painter.setFont(font)
            painter.setPen(QColor(self.theme.muted))
            painter.drawText(
                rect.adjusted(2, 6, 0, 0),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                title,
            )
            painter.restore()
            return
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
            text_color = palette.color(QPalette.ColorRole.HighlightedText)
        elif index.data(ERROR_ROLE):
            text_color = QColor(self.theme.error)
        else:
            text_color = palette.color(QPalette.ColorRole.Text)
        x = rect.left() + 4
        icon = index.data(Qt.ItemDataRole.DecorationRole)
        if isinstance(icon, QIcon):
            size = 16
            icon.paint(painter, QRect(x, rect.center().y() - size // 2 + 1, size, size))
            x += size + 7
        right = rect.right() - 4
        unread = int(index.data(UNREAD_ROLE) or 0)
        if unread:
            right = self._paint_badge(painter, str(unread), right, rect, font) - 6
        metrics = QFontMetrics(font)
        width = max(right - x, 10)
        painter.setFont(font)
        painter.setPen(text_color)
        painter.drawText(
            QRect(x, rect.top(), width, rect.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, width),
        )
        painter.restore()

    def _paint_badge(
        self, painter: QPainter, text: str, right: int, row: QRect, font: QFont
    ) -> int:
        small = QFont(font)
        small.setBold(False)
        small.setPointSizeF(font.pointSizeF() * 0.88)
        metrics = QFontMetrics(small)
        width = metrics.horizontalAdvance(text) + 14
        height = metrics.height() + 3
        badge = QRect(right - width, row.center().y() - height // 2 + 1, width, height)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(self.theme.chip))
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setFont(small)
        painter.setPen(QColor(self.theme.chip_text))
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), text)
        return badge.left()


class SidebarView(QTreeView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(True)
        self.setRootIsDecorated(True)
        self.setIndentation(14)
        self.setAnimated(False)
        self.setExpandsOnDoubleClick(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.sidebar_delegate = SidebarDelegate(self)
        self.setItemDelegate(self.sidebar_delegate)
        self.setMinimumWidth(160)
