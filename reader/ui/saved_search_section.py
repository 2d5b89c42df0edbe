"""Saved searches in the window: a sidebar section with live unread counts, a button that
saves what is in the search box, the syntax help beside it, and the rules dialog."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLineEdit, QMenu

from reader.core.errors import UserError
from reader.library import Library
from reader.library.views import SidebarCounts
from reader.ui.icons import icon
from reader.ui.rules_dialog import RulesDialog
from reader.ui.search_help import SearchHelpButton
from reader.ui.sidebar_keys import DEFAULT_VIEW, SavedSearchKey, SidebarKey
from reader.ui.sidebar_model import NodeKind, SidebarNode

if TYPE_CHECKING:
    from reader.ui.main_window import MainWindow

SECTION_KEY = "searches"


class SavedSearchesSection:
    """The saved searches, in their order, each listing what its query finds."""

    key = SECTION_KEY
    title = "Saved searches"
    always_shown = False

    def build(self, library: Library) -> list[SidebarNode]:
        return [
            SidebarNode(
                NodeKind.SEARCH,
                SavedSearchKey(saved.id),
                saved.name,
                icon_name="search",
                tooltip=saved.query,
                query=saved.query,
                payload=saved,
            )
            for saved in library.list_saved_searches(counts=False)
        ]

    def counts(
        self, library: Library, nodes: Sequence[SidebarNode], shared: SidebarCounts
    ) -> dict[SidebarKey, int]:
        unread = library.saved_search_unread_counts()
        return {
            node.key: unread.get(node.key.id, 0)
            for node in nodes
            if isinstance(node.key, SavedSearchKey)
        }


def save_search(library: Library, query: str, name: str) -> str | None:
    """Save ``query`` as ``name``; returns an error message for the user, or None."""
    try:
        library.save_search(name, query)
    except UserError as exc:
        return str(exc)
    return None


class SearchTools:
    """What search adds to the main window, wired in one call from it."""

    def __init__(self, window: MainWindow, *, add_section: bool = True) -> None:
        self.window = window
        self.library = window.library
        if add_section:
            window.sidebar_model.add_section(SavedSearchesSection(), after="views")
        box: QLineEdit = window.search_box
        self.save_action = QAction(icon("saved"), "Save this search in the sidebar", box)
        self.save_action.setObjectName("saveSearch")
        self.save_action.setVisible(False)
        self.save_action.triggered.connect(self.ask_and_save)
        box.addAction(self.save_action, QLineEdit.ActionPosition.TrailingPosition)
        box.textChanged.connect(lambda text: self.save_action.setVisible(bool(text.strip())))
        box.setToolTip('Search: words, "phrases", OR, -word, tag:, is:unread, after:7d …')
        self.help_button = SearchHelpButton(window.toolbar)
        window.toolbar.addWidget(self.help_button)
        self.rules_action = QAction("&Rules for New Articles…", window)
        self.rules_action.setObjectName("showRules")
        self.rules_action.triggered.connect(self.show_rules)
        # The first menu (Library) gains the rules.
        for action in window.menuBar().actions():
            menu = action.menu()
            if isinstance(menu, QMenu):
                menu.addSeparator()
                menu.addAction(self.rules_action)
                break
        self.rules_dialog: RulesDialog | None = None

    def ask_and_save(self) -> None:
        query = " ".join(self.window.search_box.text().split())
        if not query:
            return
        name = self.window.prompts.ask_text(
            "Save search", "Show this search in the sidebar as:", query
        )
        if name is None:
            return
        error = save_search(self.library, query, name)
        if error is not None:
            self.window.prompts.show_error("Save search", error)

    def rename_saved_search(self, node: SidebarNode, new_name: str | None = None) -> None:
        """Rename the saved search of a sidebar item (asking for the name unless given)."""
        if new_name is None:
            new_name = self.window.prompts.ask_text(
                "Rename saved search", f"New name for “{node.title}”:", node.title
            )
            if new_name is None:
                return
        if not isinstance(node.key, SavedSearchKey):
            return
        try:
            self.library.rename_saved_search(node.key.id, new_name)
        except UserError as exc:
            self.window.prompts.show_error("Rename saved search", str(exc))

    def delete_saved_search(self, node: SidebarNode, *, confirm: bool = True) -> None:
        if not isinstance(node.key, SavedSearchKey):
            return
        if confirm and not self.window.prompts.confirm(
            "Delete saved search",
            f"Delete the saved search “{node.title}”? No article is deleted.",
        ):
            return
        if self.window._current_key == node.key:
            self.window.select_view_key(DEFAULT_VIEW)
        self.library.delete_saved_search(node.key.id)

    def show_rules(self) -> RulesDialog:
        if self.rules_dialog is None:
            self.rules_dialog = RulesDialog(self.library, self.window)
        self.rules_dialog.reload()
        self.rules_dialog.show()
        self.rules_dialog.raise_()
        return self.rules_dialog
