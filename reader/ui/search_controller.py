"""Search: the search box (results as you type, Escape to go back, Down to the results), saving
a search in the sidebar, the syntax help beside the box, and the rules for new articles, which
are written in the same query language."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QKeyEvent
from PySide6.QtWidgets import QLineEdit, QToolBar, QToolButton, QWidget

from reader.app.settings import Settings
from reader.app.translations import QT_TRANSLATE_NOOP
from reader.library import Library
from reader.ui.actions import command
from reader.ui.article_list_controller import ArticleListController
from reader.ui.article_list_model import SearchSource
from reader.ui.icons import icon
from reader.ui.saved_search_section import SavedSearchCommands
from reader.ui.search_help import SearchHelpButton
from reader.ui.sidebar_controller import SidebarController
from reader.ui.sidebar_keys import QueryKey

if TYPE_CHECKING:
    from reader.ui.rules_dialog import RulesDialog

# Typing pauses this long before the results are looked for.
TYPING_PAUSE_MS = 300


class SearchController(QObject):
    def __init__(
        self,
        *,
        library: Library,
        settings: Settings,
        box: QLineEdit,
        toolbar: QToolBar,
        sidebar: SidebarController,
        articles: ArticleListController,
        saved_searches: SavedSearchCommands,
        dialog_parent: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._settings = settings
        self._box = box
        self._sidebar = sidebar
        self._articles = articles
        self.saved_searches = saved_searches
        self._dialog_parent = dialog_parent
        # What the list shows results for ("" when it shows a sidebar item).
        self._text = ""
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(TYPING_PAUSE_MS)
        self._timer.timeout.connect(lambda: self.run_search(box.text()))
        box.returnPressed.connect(lambda: self.run_search(box.text()))
        box.textEdited.connect(lambda _text: self._timer.start())
        box.installEventFilter(self)
        box.setToolTip(self.tr('Search: words, "phrases", OR, -word, tag:, is:unread, after:7d …'))
        # Saving the search is a button of its own beside the box, never inside it: there it
        # would share the box's end with the clear button.
        self.save_action = QAction(icon("saved"), self.tr("Save this search in the sidebar"), box)
        self.save_action.setObjectName("saveSearch")
        self.save_action.setEnabled(False)
        self.save_action.triggered.connect(lambda: saved_searches.save(box.text()))
        box.textChanged.connect(lambda text: self.save_action.setEnabled(bool(text.strip())))
        self.save_button = QToolButton(toolbar)
        self.save_button.setObjectName("saveSearchButton")
        self.save_button.setDefaultAction(self.save_action)
        self.save_button.setAutoRaise(True)
        self.save_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        toolbar.addWidget(self.save_button)
        self.help_button = SearchHelpButton(toolbar)
        toolbar.addWidget(self.help_button)
        self.rules_dialog: RulesDialog | None = None
        sidebar.current_changed.connect(self._sidebar_changed)

    @command(
        "focus_search",
        QT_TRANSLATE_NOOP("Action", "&Search the Library"),
        "Reading",
        ("/",),
        icon="search",
    )
    def focus_search(self) -> None:
        self._box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self._box.selectAll()

    def run_search(self, text: str) -> None:
        """Show the articles matching ``text``; an empty text goes back to the last view."""
        self._timer.stop()
        text = " ".join(text.split())
        if self._box.text() != text and text:
            self._box.setText(text)
        if not text:
            self.clear_search()
            return
        if text == self._text:
            return
        self._text = text
        self._sidebar.show_search()
        source = SearchSource(
            QueryKey(text),
            self.tr("Search: “{text}”").format(text=text),
            text,
            self._settings.newest_first,
            relevance=self._settings.search_by_relevance,
        )
        self._articles.show(source)

    def shutdown(self) -> None:
        """The window closes: a search still waiting for the typing pause never runs."""
        self._timer.stop()

    def clear_search(self) -> None:
        was_searching = bool(self._text)
        self._clear_box()
        if was_searching:
            self._sidebar.reopen()

    def _sidebar_changed(self) -> None:
        if not self._sidebar.searching:
            # A sidebar item was opened: the box no longer says what the list shows.
            self._clear_box()

    def _clear_box(self) -> None:
        self._timer.stop()
        self._text = ""
        if self._box.text():
            self._box.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.clear_search()
                self._articles.focus()
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Tab) and self._text:
                self._articles.focus()
                if self._articles.current_row() is None:
                    self._articles.select_first()
                return True
        return super().eventFilter(watched, event)

    @command("show_rules", QT_TRANSLATE_NOOP("Action", "&Rules for New Articles…"), "Library")
    def show_rules(self) -> RulesDialog:
        from reader.ui.rules_dialog import RulesDialog

        if self.rules_dialog is None:
            self.rules_dialog = RulesDialog(self._library, self._dialog_parent)
        self.rules_dialog.reload()
        self.rules_dialog.show()
        self.rules_dialog.raise_()
        return self.rules_dialog
