"""The sidebar pane: reading its tree and unread counts in the background, keeping its
selection in step with the list shown, and opening the list of the item the user picks."""

from __future__ import annotations

import logging
from collections.abc import Collection, Set

from PySide6.QtCore import QModelIndex, QObject, Signal
from PySide6.QtGui import QIcon, QPixmap

from reader.app.library_events import ChangeBatch
from reader.app.settings import Settings
from reader.app.tasks import TaskRunner
from reader.core.errors import UserError
from reader.core.types import ArticleFilter
from reader.library import Library
from reader.ui.article_list_controller import ArticleListController
from reader.ui.article_list_model import ArticleSource, FilterSource, SearchSource
from reader.ui.sidebar_keys import (
    DEFAULT_VIEW,
    FeedKey,
    FolderKey,
    SectionKey,
    SidebarKey,
    TagKey,
    ViewKey,
    key_from_text,
    key_text,
)
from reader.ui.sidebar_model import NodeKind, SidebarData, SidebarModel, SidebarNode
from reader.ui.sidebar_view import SidebarView
from reader.ui.status_bar import StatusBar

log = logging.getLogger(__name__)


class SidebarController(QObject):
    # The list now shows another sidebar item, or a search (then no item is current).
    current_changed = Signal()
    # The tags section was read: tag names (list) and their colours by name (dict).
    tags_loaded = Signal(list, dict)
    # The whole tree was read from the library.
    tree_loaded = Signal()
    # New unread counts are shown.
    counts_loaded = Signal()

    def __init__(
        self,
        *,
        library: Library,
        settings: Settings,
        model: SidebarModel,
        view: SidebarView,
        articles: ArticleListController,
        tasks: TaskRunner,
        status: StatusBar,
        pending_delete: Set[int],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._settings = settings
        self._model = model
        self._view = view
        self._articles = articles
        self._tasks = tasks
        self._status = status
        # Articles deleted while their undo is offered: left out of the counts.
        self._pending_delete = pending_delete
        self._current_key: SidebarKey | None = None
        # The list shows what the search box found rather than the current item.
        self._searching = False
        self._loaded = False
        self._loading = False
        self._load_again = False
        self._counting = False
        self._count_again = False
        self._closing = False
        self._syncing = False
        self._expanded: set[SidebarKey] = set()
        # A folder just made: shown (its parents expanded) once the tree lists it.
        self._reveal_key: SidebarKey | None = None
        model.favicon_loader = self._load_favicon
        view.selectionModel().currentChanged.connect(self._view_current_changed)
        model.modelAboutToBeReset.connect(self._remember_expanded)
        model.modelReset.connect(self._restore_expanded)

    # -- state -----------------------------------------------------------------------------------
    @property
    def loaded(self) -> bool:
        """Whether the whole tree has been read once (at first only the views are there)."""
        return self._loaded

    @property
    def current_key(self) -> SidebarKey | None:
        """The item whose list is open (kept while a search is shown, to go back to)."""
        return self._current_key

    @property
    def searching(self) -> bool:
        return self._searching

    @property
    def counting(self) -> bool:
        return self._counting

    def selected_node(self) -> SidebarNode | None:
        """The item whose list is shown, which the Feeds menu's commands act on."""
        if self._current_key is None or self._searching:
            return None
        return self._model.node_for_key(self._current_key)

    def node(self, key: SidebarKey) -> SidebarNode | None:
        return self._model.node_for_key(key)

    def restore(self) -> None:
        """Show the views at once, and open the list that was open when the window last
        closed; the rest of the tree is read once the window is on screen."""
        self._model.show(self._model.load(self._library, only=["views"]))
        self._after_tree_shown()
        text = self._settings.last_view()
        key = key_from_text(text) if text else None
        self.open_key(key if key is not None else DEFAULT_VIEW)

    def save_state(self) -> None:
        if self._current_key is not None:
            self._settings.set_last_view(key_text(self._current_key))

    # -- reading the tree and the counts ---------------------------------------------------------
    def reload(self) -> None:
        """Read the sidebar's tree again in the background."""
        if self._loading:
            self._load_again = True
            return
        self._loading = True
        model, library = self._model, self._library
        self._tasks.run(lambda: model.load(library), self._tree_read, self._tree_failed)

    def _tree_read(self, data: SidebarData) -> None:
        self._loading = False
        if self._closing:
            return
        self._model.show(data)
        self._after_tree_shown()
        first = not self._loaded
        self._loaded = True
        if first:
            self._adopt_current_node()
        self.tree_loaded.emit()
        if self._load_again:
            self._load_again = False
            self.reload()
        else:
            self.refresh_counts()

    def _tree_failed(self, exc: BaseException) -> None:
        self._loading = False
        self._status.show_crash(self.tr("Could not read the feed list: {exc}").format(exc=exc))

    def _after_tree_shown(self) -> None:
        tags = self._model.node_for_key(SectionKey("tags"))
        tag_nodes = tags.children if tags else []
        # The tags section was just read from the library (after every "tags" change): the
        # list and the tag bar take their colours from it rather than each asking again.
        self.tags_loaded.emit(
            [node.title for node in tag_nodes], {node.title: node.color for node in tag_nodes}
        )
        for row in range(self._model.rowCount()):
            self._view.expand(self._model.index(row, 0))
        self._reveal_new_folder()

    def _load_favicon(self, feed_id: int) -> QIcon | None:
        try:
            found = self._library.feed_icon(feed_id)
        except UserError:
            return None
        if found is None:
            return None
        pixmap = QPixmap()
        if not pixmap.loadFromData(found[1]) or pixmap.isNull():
            return None
        return QIcon(pixmap)

    def reveal(self, key: SidebarKey) -> None:
        """Bring ``key`` into sight (its parents opened) now, or once the tree lists it."""
        self._reveal_key = key
        self._reveal_new_folder()

    def _reveal_new_folder(self) -> None:
        key = self._reveal_key
        index = self._model.index_for_key(key) if key is not None else QModelIndex()
        if not index.isValid():
            return
        self._reveal_key = None
        parent = index.parent()
        while parent.isValid():
            self._view.expand(parent)
            parent = parent.parent()
        self._view.scrollTo(index)

    def _adopt_current_node(self) -> None:
        """The list opened before the sidebar was read: select its item and take its name."""
        key = self._current_key
        if key is None or self._searching:
            return
        node = self._model.node_for_key(key)
        if node is None:
            if not isinstance(key, ViewKey):
                self.open_key(DEFAULT_VIEW)  # the feed or tag is gone
            return
        self._select(key)
        source = self._articles.source
        if isinstance(source, FilterSource) and source.title != node.title:
            self._articles.retitle(node.title)

    def refresh_counts(self) -> None:
        """Count unread articles for the sidebar in the background."""
        if self._closing:
            return
        if self._counting:
            self._count_again = True
            return
        self._counting = True
        job = self._model.count_job(self._library, exclude_ids=sorted(self._pending_delete))
        self._tasks.run(job, self._counts_read, self._counts_failed)

    def _counts_read(self, counts: dict[SidebarKey, int]) -> None:
        self._counting = False
        if self._closing:
            return
        self._model.apply_counts(counts)
        self.counts_loaded.emit()
        if self._count_again:
            self._count_again = False
            self.refresh_counts()

    def _counts_failed(self, exc: BaseException) -> None:
        self._counting = False
        log.warning("counting unread articles failed: %s", exc)

    def library_changed(self, batch: ChangeBatch) -> None:
        if self._closing:
            return
        if batch.feeds:
            self._feeds_changed(batch)
        # A tag may have been made, renamed or deleted; other kinds (saved searches, say)
        # belong to sections of their own: read the tree again.
        if batch.tags or batch.kinds - {"articles", "tags", "feeds", "folders", "highlights"}:
            self.reload()
        self.refresh_counts()

    def _feeds_changed(self, batch: ChangeBatch) -> None:
        self._model.forget_favicons(sorted(batch.feed_ids) or None)
        if batch.feed_ids:
            feeds = self._library.list_feeds_brief(sorted(batch.feed_ids))
            if len(feeds) == len(batch.feed_ids) and self._model.update_feeds(feeds):
                return
        self.reload()

    # -- the selection ---------------------------------------------------------------------------
    def _remember_expanded(self) -> None:
        self._expanded = {
            key
            for key in self._model.all_keys()
            if self._view.isExpanded(self._model.index_for_key(key))
        }

    def _restore_expanded(self) -> None:
        for key in self._expanded:
            index = self._model.index_for_key(key)
            if index.isValid():
                self._view.expand(index)
        self._select(self._current_key)

    def _select(self, key: SidebarKey | None) -> None:
        """Show ``key`` as the sidebar's selection without opening it again."""
        selection = self._view.selectionModel()
        flags = selection.SelectionFlag
        index = self._model.index_for_key(key) if key is not None else QModelIndex()
        self._syncing = True
        try:
            if index.isValid():
                selection.setCurrentIndex(index, flags.ClearAndSelect)
                self._view.scrollTo(index)
            else:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), flags.Clear)
        finally:
            self._syncing = False

    def show_current(self) -> None:
        """Select the open list's item again (a click on an item that opens no list, such as
        the sync account, took the selection away)."""
        if not self._searching:
            self._select(self._current_key)

    def _view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing:
            return
        node = self._model.node(current)
        if node is None or node.kind in (NodeKind.SECTION, NodeKind.ACCOUNT):
            return
        self._open_node(node)

    # -- opening lists ---------------------------------------------------------------------------
    def open_key(self, key: SidebarKey) -> None:
        """Show the list of the sidebar item ``key``; the first view when it is not there."""
        node = self._model.node_for_key(key)
        if node is None and not self._loaded:
            # Before the sidebar is read, a feed, folder or tag can still be listed.
            source = self._source_for_key(key)
            if source is not None:
                self._show(key, source)
                return
        if node is None:
            node = self._model.node_for_key(DEFAULT_VIEW)
        if node is None:
            return
        self._select(node.key)
        self._open_node(node)

    def reopen(self) -> None:
        """Show the current item's list again (after a search)."""
        self.open_key(self._current_key or DEFAULT_VIEW)

    def show_search(self) -> None:
        """The list shows a search: no sidebar item is current until one is opened."""
        self._searching = True
        self._select(None)
        self.current_changed.emit()

    def leave(self, keys: Collection[SidebarKey]) -> None:
        """Items that are going away: when one is open, the first view opens instead."""
        if self._current_key in keys:
            self.open_key(DEFAULT_VIEW)

    def follow(self, old: SidebarKey, new: SidebarKey) -> None:
        """An item was renamed to a new key: an open list stays open under it."""
        if self._current_key == old:
            self._current_key = new

    def _open_node(self, node: SidebarNode) -> None:
        if node.kind is NodeKind.HIGHLIGHTS:
            # Not a list of articles: the window shows the highlights' own list.
            self._show(node.key, None)
            return
        self._show(node.key, self.source_for(node))

    def _show(self, key: SidebarKey, source: ArticleSource | None) -> None:
        self._current_key = key
        self._searching = False
        self._articles.show(source)
        self.current_changed.emit()

    def source_for(self, node: SidebarNode) -> ArticleSource:
        """What the list shows for the sidebar item ``node``."""
        newest_first = self._settings.newest_first
        if node.kind is NodeKind.VIEW:
            flt = self._library.smart_view_filter(node.payload)
            return FilterSource(node.key, node.title, flt, newest_first)
        if node.query is not None:
            return SearchSource(
                node.key,
                node.title,
                node.query,
                newest_first,
                relevance=self._settings.search_by_relevance,
            )
        return FilterSource(node.key, node.title, node.filter or ArticleFilter(), newest_first)

    def _source_for_key(self, key: SidebarKey) -> FilterSource | None:
        match key:
            case FeedKey(feed_id):
                flt = ArticleFilter(feed_id=feed_id)
            case FolderKey(folder_id):
                flt = ArticleFilter(folder_id=folder_id)
            case TagKey(name):
                flt = ArticleFilter(tag=name)
            case _:
                return None
        return FilterSource(key, "", flt, self._settings.newest_first)

    def shutdown(self) -> None:
        """The window is closing: results that arrive from now on are dropped."""
        self._closing = True
