"""The sidebar's context menu: what can be done to the item under the pointer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QPoint
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu

from reader.ui.article_commands import ArticleCommandsController
from reader.ui.feed_commands import FeedCommandsController
from reader.ui.folder_tag_commands import FolderTagCommandsController
from reader.ui.icons import icon
from reader.ui.saved_search_section import SavedSearchCommands
from reader.ui.sidebar_model import FEEDS_SECTION, NodeKind, SidebarModel, SidebarNode
from reader.ui.sidebar_view import SidebarView

if TYPE_CHECKING:
    from reader.ui.sync_commands import SyncCommandsController


class SidebarMenu(QObject):
    def __init__(
        self,
        view: SidebarView,
        model: SidebarModel,
        *,
        articles: ArticleCommandsController,
        feeds: FeedCommandsController,
        folders_and_tags: FolderTagCommandsController,
        saved_searches: SavedSearchCommands,
        sync: SyncCommandsController | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._view = view
        self._model = model
        self._articles = articles
        self._feeds = feeds
        self._folders_and_tags = folders_and_tags
        self._saved_searches = saved_searches
        self._sync = sync
        # The menu shown last (kept so it lives while it is open).
        self.menu: QMenu | None = None
        view.customContextMenuRequested.connect(self.show_at)

    def show_at(self, pos: QPoint) -> None:
        """Pop up the menu for the item at ``pos`` (in the view's viewport)."""
        node = self._model.node(self._view.indexAt(pos))
        if node is not None and node.kind is NodeKind.SECTION and node.key != FEEDS_SECTION:
            return
        menu = QMenu(self._view.window())
        self._fill(menu, node)
        menu.popup(self._view.viewport().mapToGlobal(pos))
        self.menu = menu

    def _fill(self, menu: QMenu, node: SidebarNode | None) -> None:
        folders_and_tags = self._folders_and_tags
        if node is None or node.kind is NodeKind.SECTION:
            # Empty space and the Feeds header: a place for a new top-level folder.
            menu.addAction(icon("folder"), self.tr("New Folder…")).triggered.connect(
                lambda _checked=False: folders_and_tags.new_folder(None)
            )
            return

        def add(text: str, slot: Callable[[], None], icon_name: str | None = None) -> QAction:
            action = menu.addAction(icon(icon_name) if icon_name else icon("feed"), text)
            if icon_name is None:
                action.setIcon(type(action.icon())())
            action.triggered.connect(lambda _checked=False: slot())
            return action

        if node.kind is NodeKind.ACCOUNT:
            sync = self._sync
            if sync is not None:
                add(self.tr("Sync Now"), sync.sync_now, "sync")
                add(self.tr("Account…"), sync.show_account, "settings")
            return
        feeds = self._feeds
        add(self.tr("Mark All as Read"), lambda: self._articles.mark_all_read(node), "mark-read")
        if node.kind in (NodeKind.FEED, NodeKind.FOLDER):
            add(self.tr("Refresh"), lambda: feeds.refresh_selected_feed(node), "refresh")
        if node.kind is NodeKind.FEED:
            menu.addSeparator()
            add(self.tr("Feed Properties…"), lambda: feeds.show_feed_properties(node), "properties")
            add(self.tr("Unsubscribe…"), lambda: feeds.unsubscribe(node), "delete")
            menu.addSeparator()
            add(self.tr("New Folder…"), lambda: folders_and_tags.new_folder(None), "folder")
        if node.kind is NodeKind.FOLDER:
            menu.addSeparator()
            add(self.tr("New Folder…"), lambda: folders_and_tags.new_folder(node), "folder")
            add(self.tr("Rename Folder…"), lambda: folders_and_tags.rename_folder(node))
            add(self.tr("Delete Folder…"), lambda: folders_and_tags.delete_folder(node), "delete")
        if node.kind is NodeKind.TAG:
            menu.addSeparator()
            add(self.tr("Rename Tag…"), lambda: folders_and_tags.rename_tag(node))
            colour = add(self.tr("Tag Colour…"), lambda: folders_and_tags.choose_tag_color(node))
            if node.color:
                colour.setIcon(_swatch(node.color))
                add(self.tr("No Colour"), lambda: folders_and_tags.set_tag_color(node, None))
            add(self.tr("Delete Tag…"), lambda: folders_and_tags.delete_tag(node), "delete")
        if node.kind is NodeKind.SEARCH:
            menu.addSeparator()
            searches = self._saved_searches
            add(self.tr("Rename Saved Search…"), lambda: searches.rename(node))
            add(self.tr("Delete Saved Search…"), lambda: searches.delete(node), "delete")


def _swatch(color: str) -> QIcon:
    """A small round sample of a colour, for the tag menu."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(0, 0, 0, 0))
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor(0, 0, 0, 60))
    painter.setBrush(QColor(color))
    painter.drawEllipse(2, 2, 12, 12)
    painter.end()
    return QIcon(pixmap)
