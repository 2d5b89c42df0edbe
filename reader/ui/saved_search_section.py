"""Saved searches in the sidebar: a section with live unread counts, and the commands that
save, rename and delete them."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication

from reader.app.translations import QT_TRANSLATE_NOOP
from reader.library import Library
from reader.library.views import SidebarCounts
from reader.ui.prompts import Prompts
from reader.ui.sidebar_edits import SidebarEdit
from reader.ui.sidebar_keys import SavedSearchKey, SidebarKey
from reader.ui.sidebar_model import NodeKind, SidebarNode

SECTION_KEY = "searches"


class SavedSearchesSection:
    """The saved searches, in their order, each listing what its query finds."""

    key = SECTION_KEY
    title = QT_TRANSLATE_NOOP("SidebarModel", "Saved searches")
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


class SavedSearchCommands:
    """Save what the search box holds, rename and delete saved searches.

    ``apply`` carries out a sidebar change (see ``SidebarEditor.apply``): asking first when
    there is a question, stepping off an item that goes away, then writing."""

    def __init__(
        self,
        library: Library,
        prompts: Prompts,
        apply: Callable[[SidebarEdit], bool],
    ) -> None:
        self._library = library
        self._prompts = prompts
        self._apply = apply

    def save(self, query: str) -> None:
        """Ask for a name and keep ``query`` in the sidebar under it."""
        query = " ".join(query.split())
        if not query:
            return
        name = self._prompts.ask_text(
            QCoreApplication.translate("SavedSearchCommands", "Save search"),
            QCoreApplication.translate(
                "SavedSearchCommands", "Show this search in the sidebar as:"
            ),
            query,
        )
        if name is None:
            return
        library = self._library
        self._apply(
            SidebarEdit(
                lambda: library.save_search(name, query),
                error_title=QCoreApplication.translate("SavedSearchCommands", "Save search"),
            )
        )

    def rename(self, node: SidebarNode) -> None:
        """Ask for a new name for the saved search of a sidebar item."""
        if not isinstance(node.key, SavedSearchKey):
            return
        name = self._prompts.ask_text(
            QCoreApplication.translate("SavedSearchCommands", "Rename saved search"),
            QCoreApplication.translate("SavedSearchCommands", "New name for “{title}”:").format(
                title=node.title
            ),
            node.title,
        )
        if name is None:
            return
        library, search_id = self._library, node.key.id
        self._apply(
            SidebarEdit(
                lambda: library.rename_saved_search(search_id, name),
                error_title=QCoreApplication.translate(
                    "SavedSearchCommands", "Rename saved search"
                ),
            )
        )

    def delete(self, node: SidebarNode) -> None:
        if not isinstance(node.key, SavedSearchKey):
            return
        library, search_id = self._library, node.key.id
        self._apply(
            SidebarEdit(
                lambda: library.delete_saved_search(search_id),
                confirm=(
                    QCoreApplication.translate("SavedSearchCommands", "Delete saved search"),
                    QCoreApplication.translate(
                        "SavedSearchCommands",
                        "Delete the saved search “{title}”? No article is deleted.",
                    ).format(title=node.title),
                ),
                leaving={node.key},
            )
        )
