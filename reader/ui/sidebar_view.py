"""The sidebar's tree view and the delegate that paints unread counts and failing feeds."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
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
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.theme: Theme = LIGHT

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        if index.data(KIND_ROLE) is NodeKind.SECTION:
            return QSize(size.width(), size.height() + 10)
        return QSize(size.width(), max(size.height(), 26))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        kind = index.data(KIND_ROLE)
        unread = int(index.data(UNREAD_ROLE) or 0)
        rect: QRect = option.rect
        if kind is NodeKind.SECTION:
            painter.save()
            painter.setFont(index.data(Qt.ItemDataRole.FontRole) or QFont())
            painter.setPen(QColor(self.theme.muted))
            painter.drawText(
                rect.adjusted(4, 8, 0, 0),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                str(index.data(Qt.ItemDataRole.DisplayRole)),
            )
            painter.restore()
            return
        badge = str(unread) if unread else ""
        font: QFont = option.font
        badge_width = QFontMetrics(font).horizontalAdvance(badge) + 14 if badge else 0
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        if index.data(ERROR_ROLE):
            opt.palette.setColor(QPalette.ColorRole.Text, QColor(self.theme.error))
        widget = opt.widget
        style = widget.style() if widget is not None else None
        if style is None:
            super().paint(painter, opt, index)
        else:
            # The selection spans the whole row; the text stops short of the count.
            style.drawPrimitive(QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, widget)
            opt.rect = rect.adjusted(0, 0, -badge_width - 6, 0)
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, widget)
        if badge:
            painter.save()
            height = QFontMetrics(font).height() + 2
            badge_rect = QRect(
                rect.right() - badge_width - 4,
                rect.center().y() - height // 2 + 1,
                badge_width,
                height,
            )
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.theme.chip))
            painter.drawRoundedRect(badge_rect, height / 2, height / 2)
            painter.setPen(QColor(self.theme.chip_text))
            small = QFont(font)
            small.setPointSizeF(font.pointSizeF() * 0.9)
            painter.setFont(small)
            painter.drawText(badge_rect, int(Qt.AlignmentFlag.AlignCenter), badge)
            painter.restore()


class SidebarView(QTreeView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self.setHeaderHidden(True)
        self.setUniformRowHeights(False)
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
