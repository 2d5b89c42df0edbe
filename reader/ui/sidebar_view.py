"""The sidebar's tree view and the delegate that paints unread counts and failing feeds."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QWidget,
)

from reader.app.resources import resource_path
from reader.ui.sidebar_model import COLOR_ROLE, ERROR_ROLE, KIND_ROLE, UNREAD_ROLE, NodeKind
from reader.ui.theme import LIGHT, Theme, mix, tag_icon_color

Index = QModelIndex | QPersistentModelIndex


class SidebarDelegate(QStyledItemDelegate):
    """Icon, name and unread count, painted directly: the sidebar may list thousands of feeds,
    and every row has the same height so the tree never measures them."""

    ROW_HEIGHT = 26

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._theme: Theme = LIGHT
        # A tag's icon in its colour, adjusted to the theme: (icon name, colour) -> icon.
        self._colored: dict[tuple[str, str], QIcon] = {}

    @property
    def theme(self) -> Theme:
        return self._theme

    @theme.setter
    def theme(self, theme: Theme) -> None:
        self._theme = theme
        self._colored.clear()

    def colored_icon(self, name: str, color: str) -> QIcon:
        """The outline icon ``name`` drawn in ``color`` (made visible on this theme's sidebar)
        and filled with a tint of it: a thin outline alone hardly shows a colour."""
        cached = self._colored.get((name, color))
        if cached is None:
            cached = self._colored[(name, color)] = _filled_icon(
                name,
                stroke=tag_icon_color(color, self._theme),
                fill=mix(QColor(self._theme.sidebar), QColor(color), 0.5),
            )
        return cached

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
        color = index.data(COLOR_ROLE)
        if color and not index.data(ERROR_ROLE) and index.data(KIND_ROLE) is NodeKind.TAG:
            icon = self.colored_icon("tag", str(color))
        right = rect.right() - 4
        unread = int(index.data(UNREAD_ROLE) or 0)
        if unread:
            right = self._paint_badge(painter, str(unread), right, rect, font) - 6
        metrics = QFontMetrics(font)
        # In a narrow sidebar (a small window) a title needs the icon's room more than the
        # icon: "Ungelesen" or "All articles" stay whole. A tag keeps its coloured icon.
        size = 16
        crowded = metrics.horizontalAdvance(title) > right - (x + size + 7)
        keep_icon = not crowded or index.data(KIND_ROLE) is NodeKind.TAG
        if isinstance(icon, QIcon) and keep_icon:
            icon.paint(painter, QRect(x, rect.center().y() - size // 2 + 1, size, size))
            x += size + 7
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


def _filled_icon(name: str, *, stroke: QColor, fill: QColor) -> QIcon:
    source = resource_path("icons", f"{name}.svg").read_bytes()
    source = source.replace(b'fill="none"', f'fill="{fill.name()}"'.encode("ascii"), 1)
    source = source.replace(b"currentColor", stroke.name().encode("ascii"))
    renderer = QSvgRenderer(QByteArray(source))
    result = QIcon()
    for ratio in (1, 2):
        pixmap = QPixmap(16 * ratio, 16 * ratio)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        result.addPixmap(pixmap)
    return result


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
        self.setMinimumWidth(150)  # PaneLayout keeps it at SIDEBAR_MIN or more
