"""The middle pane: a header naming the list and its count, over the list itself."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup, QFocusEvent, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QHBoxLayout,
    QLabel,
    QListView,
    QMenu,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.app.translations import QT_TRANSLATE_NOOP
from reader.ui.article_delegate import ArticleDelegate

# Narrower than this, a row gives its title two lines (and its date goes under it).
NARROW_LIST = 300


class ArticleListView(QListView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleList")
        # Every row is as tall as the first: the view never measures a hundred thousand rows.
        self.setUniformItemSizes(True)
        self.setLayoutMode(QListView.LayoutMode.SinglePass)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setAcceptDrops(False)
        self.setDragEnabled(False)
        self.setMouseTracking(False)
        self.article_delegate = ArticleDelegate(self)
        self.setItemDelegate(self.article_delegate)
        self.setMinimumWidth(200)  # PaneLayout keeps it at LIST_MIN or more

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        lines = 2 if self.viewport().width() < NARROW_LIST else 1
        if lines != self.article_delegate.title_lines:
            # Rows are all as tall as the first: measured again, at their new height.
            self.article_delegate.title_lines = lines
            self.scheduleDelayedItemsLayout()

    def focusInEvent(self, event: QFocusEvent) -> None:
        # Item views make the first row current when they get focus; here that would open
        # the first article and, after the delay, mark it read, just for tabbing past.
        QAbstractScrollArea.focusInEvent(self, event)
        self.viewport().update()


# The orders a search's results can be listed in: (name, as the menu says it, as the button).
SEARCH_ORDERS = (
    (
        "relevance",
        QT_TRANSLATE_NOOP("ArticleListView", "Best Matches First"),
        QT_TRANSLATE_NOOP("ArticleListView", "Best match"),
    ),
    (
        "newest",
        QT_TRANSLATE_NOOP("ArticleListView", "Newest First"),
        QT_TRANSLATE_NOOP("ArticleListView", "Newest"),
    ),
    (
        "oldest",
        QT_TRANSLATE_NOOP("ArticleListView", "Oldest First"),
        QT_TRANSLATE_NOOP("ArticleListView", "Oldest"),
    ),
)


class ListHeader(QWidget):
    """ "Unread · 1,234 articles" and the sort order button; for search results, a menu of
    orders (best matches, newest, oldest) instead."""

    # A search's results were asked for in another order ("relevance", "newest", "oldest").
    search_order_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("listHeader")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 8, 8, 8)
        layout.setSpacing(8)
        self.title = QLabel(self)
        self.title.setObjectName("listTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.title, 1)
        self.count = QLabel(self)
        self.count.setObjectName("listCount")
        layout.addWidget(self.count)
        self.sort_button = QToolButton(self)
        self.sort_button.setAutoRaise(True)
        layout.addWidget(self.sort_button)
        self.order_button = QToolButton(self)
        self.order_button.setObjectName("searchOrder")
        self.order_button.setAutoRaise(True)
        self.order_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.order_button.setToolTip(self.tr("The order of the results"))
        self.order_menu = QMenu(self.order_button)
        group = QActionGroup(self)
        self.order_actions: dict[str, QAction] = {}
        for name, text, _short in SEARCH_ORDERS:
            action = self.order_menu.addAction(QCoreApplication.translate("ArticleListView", text))
            action.setCheckable(True)
            action.setObjectName(f"order_{name}")
            group.addAction(action)
            action.triggered.connect(lambda _checked, n=name: self.search_order_chosen.emit(n))
            self.order_actions[name] = action
        self.order_button.setMenu(self.order_menu)
        self.order_button.hide()
        layout.addWidget(self.order_button)

    def set_title(self, text: str) -> None:
        metrics = self.title.fontMetrics()
        self.title.setText(
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(self.title.width(), 120))
        )
        self.title.setToolTip(text)

    def show_search_order(self, order: str | None) -> None:
        """Offer the search orders, ``order`` chosen; None: the list is not a search with
        words, and has the plain sort button."""
        self.order_button.setVisible(order is not None)
        self.sort_button.setVisible(order is None)
        if order is None:
            return
        self.order_actions[order].setChecked(True)
        short = next(short for name, _text, short in SEARCH_ORDERS if name == order)
        short = QCoreApplication.translate("ArticleListView", short)
        self.order_button.setText(short)
        self.order_button.setAccessibleName(self.tr("Order: {short}").format(short=short))

    def set_count(self, count: int | None, noun: str) -> None:
        if count is None:
            self.count.setText("")
            return
        # ``noun`` names what is counted; each has its own plural forms.
        if noun == "results":
            self.count.setText(self.tr("%Ln result(s)", "", count))
        elif noun == "highlights":
            self.count.setText(self.tr("%Ln highlight(s)", "", count))
        else:
            self.count.setText(self.tr("%Ln article(s)", "", count))


class ArticleListPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.header = ListHeader(self)
        layout.addWidget(self.header)
        self.view = ArticleListView(self)
        layout.addWidget(self.view, 1)
        self.setFocusProxy(self.view)
