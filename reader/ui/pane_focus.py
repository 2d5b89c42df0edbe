"""Left and Right move the keyboard between the panes: sidebar, list, article.

In the sidebar, Right first opens a folder and enters it, as a tree does; on an item without
children it moves to the list. Left in the list goes back to the sidebar (when it is shown),
Right to the article; Left in the article goes back to the list.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeView, QWidget

from reader.app.translations import QT_TRANSLATE_NOOP

# The rows the shortcut list adds for these keys (group, what they do, keys).
SHORTCUT_ROWS = [
    (
        "Reading",
        QT_TRANSLATE_NOOP("Action", "Move to the Pane on the Left or Right"),
        QT_TRANSLATE_NOOP("Action", "Left, Right"),
    )
]


class PaneFocus(QObject):
    def __init__(
        self,
        sidebar: QTreeView,
        articles: QAbstractItemView,
        article: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._sidebar = sidebar
        self._articles = articles
        self._article = article
        for widget in (sidebar, articles, article):
            widget.installEventFilter(self)

    def set_list(self, articles: QAbstractItemView) -> None:
        """The middle pane now shows ``articles`` (the Highlights view's list, say)."""
        if articles is not self._articles:
            articles.installEventFilter(self)
            self._articles = articles

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False
        key = event.key()
        if key not in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            return False
        if watched is self._sidebar:
            return key == Qt.Key.Key_Right and self._from_sidebar()
        if watched is self._articles:
            target = self._sidebar if key == Qt.Key.Key_Left else self._article
            return self._go(target)
        if watched is self._article and key == Qt.Key.Key_Left:
            return self._go(self._articles)
        return False

    def _from_sidebar(self) -> bool:
        index = self._sidebar.currentIndex()
        model = self._sidebar.model()
        if index.isValid() and model is not None and model.hasChildren(index):
            return False  # the tree opens the folder, or steps into it
        return self._go(self._articles)

    @staticmethod
    def _go(target: QWidget) -> bool:
        if target.isHidden() or not target.isVisibleTo(target.window()):
            return True  # nowhere to go: the key does nothing rather than scroll sideways
        target.setFocus(Qt.FocusReason.OtherFocusReason)
        return True
