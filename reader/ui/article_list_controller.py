"""The article list pane: what it lists, its header, the row the reader is on, and changes to
articles shown at once in the list while they are written in the background."""

from __future__ import annotations

from collections.abc import Collection, Sequence, Set
from dataclasses import replace

from PySide6.QtCore import QModelIndex, QObject, QPoint, Signal
from PySide6.QtWidgets import QMenu

from reader.app.edit_controller import EditController
from reader.app.library_events import ChangeBatch
from reader.app.settings import Settings
from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.types import Article
from reader.library import Library
from reader.ui.actions import WindowActions, command
from reader.ui.article_list_model import ArticleListModel, ArticleSource, FilterSource, SearchSource
from reader.ui.article_list_view import ArticleListPanel

# The article context menu: action names, None for a separator.
ARTICLE_MENU = (
    "open_in_browser",
    "copy_link",
    None,
    "toggle_read",
    "toggle_star",
    "toggle_archive",
    "edit_tags",
    None,
    "delete",
)


class ArticleListController(QObject):
    # The reader is on another article (None: on none, or the list was replaced).
    current_changed = Signal(object)
    # The current article's row changed (read, starred, archived, tags …), not which it is.
    current_updated = Signal()
    # The rows selected changed (the current one may not have).
    selection_changed = Signal()
    # The list shows something else (another view, feed, search …).
    source_changed = Signal()

    def __init__(
        self,
        *,
        library: Library,
        settings: Settings,
        model: ArticleListModel,
        panel: ArticleListPanel,
        edits: EditController,
        actions: WindowActions,
        pending_delete: Set[int],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._settings = settings
        self._model = model
        self._view = panel.view
        self._header = panel.header
        self._edits = edits
        self._actions = actions
        # Articles deleted while their undo is offered: changes to them are not shown.
        self._pending_delete = pending_delete
        self.menu: QMenu | None = None
        self._choosing_order = False
        selection = self._view.selectionModel()
        selection.currentChanged.connect(self._view_current_changed)
        selection.selectionChanged.connect(lambda *_: self.selection_changed.emit())
        self._view.customContextMenuRequested.connect(self._show_menu)
        model.count_changed.connect(self._update_header)
        model.dataChanged.connect(self._rows_changed)
        self._header.search_order_chosen.connect(self.choose_search_order)
        model.modelReset.connect(lambda: self.current_changed.emit(None))
        edits.reverted.connect(self._reverted)

    # -- what the list shows ---------------------------------------------------------------------
    @property
    def source(self) -> ArticleSource | None:
        return self._model.source

    def show(self, source: ArticleSource | None) -> None:
        # A search's results keep two lines for what matched; other lists need none.
        searching = isinstance(source, SearchSource) and source.has_words
        self._view.article_delegate.snippet_lines = 2 if searching else 0
        self._model.set_source(source)
        self._update_header()
        self.source_changed.emit()

    def retitle(self, title: str) -> None:
        """The item the list shows was renamed."""
        self._model.retitle(title)
        self._update_header()

    def set_tag_colors(self, colors: dict[str, str | None]) -> None:
        self._model.set_tag_colors(colors)

    def _update_header(self) -> None:
        source = self._model.source
        if source is None:
            self._header.set_title("")
            self._header.set_count(None, "articles")
            self._header.show_search_order(None)
            return
        self._header.set_title(source.title)
        self._header.set_count(self._model.total, source.noun)
        order = None
        if isinstance(source, SearchSource) and source.has_words:
            order = (
                "relevance" if source.relevance else "newest" if source.newest_first else "oldest"
            )
        self._header.show_search_order(order)

    @command(
        "oldest_first",
        QT_TRANSLATE_NOOP("Action", "&Oldest First"),
        "View",
        icon="sort",
        checkable=True,
        follows_check=True,
    )
    def set_oldest_first(self, oldest: bool) -> None:
        self._settings.newest_first = not oldest
        source = self._model.source
        if self._choosing_order:
            return
        if isinstance(source, (FilterSource, SearchSource)) and source.newest_first == oldest:
            self._reorder(source.with_order(not oldest))

    @command(
        "relevance_first",
        QT_TRANSLATE_NOOP("Action", "Best &Matches First in Search Results"),
        "View",
        checkable=True,
        follows_check=True,
    )
    def set_relevance_first(self, relevance: bool) -> None:
        self._settings.search_by_relevance = relevance
        source = self._model.source
        if self._choosing_order:
            return
        if isinstance(source, SearchSource) and source.relevance != relevance:
            self._reorder(source.with_relevance(relevance))

    def choose_search_order(self, order: str) -> None:
        """The list header's menu: best matches first, or newest or oldest first."""
        relevance = order == "relevance"
        oldest = self._actions.oldest_first.isChecked() if relevance else order == "oldest"
        # The actions show the choice (and keep it in the settings); the list is read once.
        self._choosing_order = True
        try:
            self._actions.relevance_first.setChecked(relevance)
            self._actions.oldest_first.setChecked(oldest)
        finally:
            self._choosing_order = False
        source = self._model.source
        if isinstance(source, SearchSource):
            self._reorder(replace(source, relevance=relevance, newest_first=not oldest))

    def _reorder(self, source: ArticleSource) -> None:
        """List ``source`` (the same articles in another order), keeping the reader's row."""
        current = self.current_article()
        self._model.set_source(source)
        self._update_header()
        if current is not None:
            self.select_article(current.id)

    # -- the current row -------------------------------------------------------------------------
    def focus(self) -> None:
        """Give the keyboard to the list."""
        self._view.setFocus()

    def current_article(self) -> Article | None:
        index = self._view.currentIndex()
        return self._model.article(index.row()) if index.isValid() else None

    def article_by_id(self, article_id: int) -> Article | None:
        """The listed row of ``article_id``, if it is loaded."""
        return self._model.article_by_id(article_id)

    def current_row(self) -> int | None:
        index = self._view.currentIndex()
        return index.row() if index.isValid() else None

    def selected_articles(self) -> list[Article]:
        """The selected rows' articles; the current one when none is selected."""
        rows = sorted(i.row() for i in self._view.selectionModel().selectedRows())
        found = [a for r in rows if (a := self._model.article(r)) is not None]
        if not found:
            current = self.current_article()
            return [current] if current is not None else []
        return found

    def _view_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.current_changed.emit(self._model.article(current.row()) if current.isValid() else None)

    def _rows_changed(self, top: QModelIndex, bottom: QModelIndex, *_roles: object) -> None:
        current = self._view.currentIndex()
        if current.isValid() and top.row() <= current.row() <= bottom.row():
            self.current_updated.emit()

    def select_row(self, row: int) -> None:
        index = self._model.index(row)
        if not index.isValid():
            return
        selection = self._view.selectionModel()
        selection.setCurrentIndex(index, selection.SelectionFlag.ClearAndSelect)
        self._view.scrollTo(index)

    def select_article(self, article_id: int) -> bool:
        """Make the row of ``article_id`` current, reading pages until it is listed."""
        row = self._model.row_of(article_id)
        if row is None:
            row = self._model.fetch_until(article_id)
        if row is None:
            return False
        self.select_row(row)
        return True

    def select_first(self) -> None:
        if self._model.rowCount() > 0:
            self.select_row(0)

    def step(self, delta: int) -> None:
        """Move to the next (+1) or previous (-1) row, reading the next page at the end."""
        model = self._model
        index = self._view.currentIndex()
        row = index.row() + delta if index.isValid() else 0
        if row >= model.rowCount() and model.canFetchMore():
            model.fetchMore()
        if 0 <= row < model.rowCount():
            self.select_row(row)
            self._view.setFocus()

    def step_unread(self, delta: int, *, skip_id: int | None = None) -> bool:
        """Move to the next (+1) or previous (-1) unread row other than ``skip_id``'s;
        False when there is none (looking a few pages ahead at most)."""
        model = self._model
        index = self._view.currentIndex()
        row = index.row() + delta if index.isValid() else (0 if delta > 0 else -1)
        pages = 0
        while True:
            while 0 <= row < model.rowCount():
                article = model.article(row)
                if article is not None and not article.read and article.id != skip_id:
                    self.select_row(row)
                    self._view.setFocus()
                    return True
                row += delta
            # Look further only forwards, a few pages at most: a step never stalls the window.
            if delta < 0 or not model.canFetchMore() or pages >= 10:
                return False
            model.fetchMore()
            pages += 1

    def remove_and_advance(self, ids: Collection[int]) -> None:
        """The articles left this list: the row after them becomes current."""
        index = self._view.currentIndex()
        row = index.row() if index.isValid() else 0
        self._model.remove_ids(list(ids))
        count = self._model.rowCount()
        if count:
            self.select_row(min(row, count - 1))
        else:
            self.current_changed.emit(None)

    # -- changes ---------------------------------------------------------------------------------
    def mark(self, article_ids: list[int], **state: bool) -> None:
        """Mark articles read, starred or archived: shown at once, written in order."""
        if not article_ids:
            return
        self._model.update_local(article_ids, **state)
        library = self._library
        self._edits.run(lambda: library.mark(article_ids, **state), article_ids=article_ids)

    def show_state(self, article_ids: list[int], **state: bool) -> None:
        """Show a change the library made (or is about to make) without writing it."""
        self._model.update_local(article_ids, **state)

    def loaded_ids(self) -> list[int]:
        """The articles the list holds now (the pages read so far)."""
        return self._model.loaded_ids()

    def show_tags(self, article_id: int, tags: tuple[str, ...]) -> None:
        self._model.update_local([article_id], tags=tags)

    def hide(self, ids: list[int]) -> None:
        """Take articles out of the list while their deletion can be undone."""
        self._model.hide(ids)
        row = self.current_row()
        if row is not None:
            self.select_row(row)
        else:
            self.current_changed.emit(None)

    def unhide(self, ids: list[int]) -> None:
        self._model.unhide(ids)
        self._model.apply_changes(ids)

    def restore(self, articles: Sequence[Article]) -> None:
        """Put articles a change took out of the list back (an undo), at once and where they
        belong; the first of them becomes the current row."""
        inserted = self._model.restore(articles)
        if inserted:
            self.select_article(inserted[0])

    def library_changed(self, batch: ChangeBatch) -> None:
        if batch.highlight_ids:
            self._model.highlights_changed(sorted(batch.highlight_ids))
        if batch.tags and not batch.article_ids and not batch.everything:
            # A tag was renamed or coloured: the rows on screen show it again.
            self._model.refresh_loaded()
        if batch.articles:
            changed = batch.article_ids - self._pending_delete - self._edits.busy_ids()
            self._model.apply_changes(sorted(changed), everything=batch.everything)

    def _reverted(self, ids: list[int]) -> None:
        self._model.apply_changes(ids)

    def _show_menu(self, pos: QPoint) -> None:
        if not self._view.indexAt(pos).isValid():
            return
        menu = QMenu(self._view.window())
        for name in ARTICLE_MENU:
            menu.addSeparator() if name is None else menu.addAction(self._actions[name])
        menu.popup(self._view.viewport().mapToGlobal(pos))
        self.menu = menu
