"""Article commands: read, star, archive, tag and delete the selected articles, mark a whole
list read, and undo the last deletion or mark-all."""

from __future__ import annotations

from PySide6.QtCore import QObject

from reader.app.edit_controller import EditController
from reader.library import Library
from reader.ui.actions import WindowActions, command
from reader.ui.article_list_controller import ArticleListController
from reader.ui.article_list_model import ArticleSource, FilterSource
from reader.ui.reading_controller import ReadingController
from reader.ui.sidebar_controller import SidebarController
from reader.ui.sidebar_model import SidebarNode
from reader.ui.status_bar import STATUS_TIMEOUT_MS, StatusBar, plural
from reader.ui.undo import UndoEntry, UndoStack

# Enabled only while the list has a current article.
ON_AN_ARTICLE = (
    "open_in_browser",
    "copy_link",
    "toggle_read",
    "toggle_star",
    "toggle_archive",
    "edit_tags",
    "delete",
)


class ArticleCommandsController(QObject):
    def __init__(
        self,
        *,
        library: Library,
        articles: ArticleListController,
        reading: ReadingController,
        sidebar: SidebarController,
        edits: EditController,
        undo_stack: UndoStack,
        status: StatusBar,
        actions: WindowActions,
        pending_delete: set[int],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._articles = articles
        self._reading = reading
        self._sidebar = sidebar
        self._edits = edits
        self._undo_stack = undo_stack
        self._status = status
        self._actions = actions
        # Articles deleted while their undo is offered; written off when the offer ends.
        self._pending_delete = pending_delete
        articles.current_changed.connect(lambda _article: self._update_actions())
        articles.current_updated.connect(self._update_actions)
        articles.selection_changed.connect(self._update_actions)
        articles.source_changed.connect(self._update_actions)
        undo_stack.changed.connect(self._undo_changed)
        self._update_actions()

    def _update_actions(self) -> None:
        has_article = self._articles.current_article() is not None
        for name in ON_AN_ARTICLE:
            self._actions[name].setEnabled(has_article)
        self._actions.mark_all_read.setEnabled(isinstance(self._articles.source, FilterSource))
        self._actions.undo.setEnabled(self._undo_stack.entry is not None)
        # The star and archive buttons show the state of what they act on.
        selected = self._articles.selected_articles()
        starred = bool(selected) and all(a.starred for a in selected)
        archived = bool(selected) and all(a.archived for a in selected)
        star, archive = self._actions.toggle_star, self._actions.toggle_archive
        star.setChecked(starred)
        star.setToolTip(f"{'Unstar' if starred else 'Star'} the article (s)")
        archive.setChecked(archived)
        archive.setToolTip(
            "Move the article out of the archive (e)"
            if archived
            else "Move the article to the archive (e)"
        )

    @command("toggle_read", "Mark &Read / Unread", "Article", ("M",), icon="mark-unread")
    def toggle_read(self) -> None:
        articles = self._articles.selected_articles()
        if not articles:
            return
        self._reading.cancel_marking_read()
        read = not all(a.read for a in articles)
        self._articles.mark([a.id for a in articles], read=read)

    @command(
        "toggle_star",
        "S&tar / Unstar",
        "Article",
        ("S",),
        icon="star",
        icon_on="star-filled",
        tip="Star the article",
        checkable=True,
    )
    def toggle_star(self) -> None:
        articles = self._articles.selected_articles()
        if articles:
            starred = not all(a.starred for a in articles)
            self._articles.mark([a.id for a in articles], starred=starred)
        self._update_actions()

    @command(
        "toggle_archive",
        "&Archive / Unarchive",
        "Article",
        ("E",),
        icon="archive",
        icon_on="archived",
        tip="Move the article to the archive",
        checkable=True,
    )
    def toggle_archive(self) -> None:
        articles = self._articles.selected_articles()
        if not articles:
            self._update_actions()
            return
        archived = not all(a.archived for a in articles)
        ids = [a.id for a in articles]
        self._articles.mark(ids, archived=archived)
        source = self._articles.source
        if isinstance(source, FilterSource) and source.filter.archived is not None:
            # The list no longer holds them: move on as the inbox of a mail client does.
            self._articles.remove_and_advance(ids)
        self._update_actions()
        self._status.show_message(
            f"Archived {plural(len(ids), 'article')}"
            if archived
            else f"Moved {plural(len(ids), 'article')} out of the archive"
        )

    @command("edit_tags", "&Tag…", "Article", ("T",), icon="tag", tip="Add a tag")
    def edit_tags(self) -> None:
        self._reading.focus_tags()

    @command("delete", "&Delete", "Article", ("Delete",), icon="delete", tip="Delete the article")
    def delete_selected(self) -> None:
        """Take the selected articles out of every list now; the library forgets them when
        the undo offer ends."""
        articles = self._articles.selected_articles()
        if not articles:
            return
        ids = [a.id for a in articles]
        self._pending_delete.update(ids)
        self._articles.hide(ids)
        library = self._library

        def undo() -> None:
            self._pending_delete.difference_update(ids)
            self._articles.unhide(ids)
            self._sidebar.refresh_counts()
            self._status.show_message(f"Kept {plural(len(ids), 'article')}")

        def commit() -> None:
            self._edits.run(
                lambda: library.delete_articles(ids),
                lambda _n: self._pending_delete.difference_update(ids),
            )

        self._undo_stack.push(UndoEntry(f"Deleted {plural(len(ids), 'article')}", undo, commit))
        self._sidebar.refresh_counts()

    @command(
        "mark_all_read",
        "Mark All as Rea&d",
        "Article",
        ("Shift+A",),
        icon="mark-read",
        tip="Mark every article in this list read",
    )
    def mark_all_read(self, node: SidebarNode | None = None) -> None:
        """Mark every article of the list (or of a sidebar item) read; undo brings them back."""
        if node is not None:
            source: ArticleSource | None = self._sidebar.source_for(node)
        else:
            source = self._articles.source
        if not isinstance(source, FilterSource):
            self._status.show_message("Mark all as read works on a view, a feed, a folder or a tag")
            return
        flt, title = source.filter, source.title
        library, edits, articles = self._library, self._edits, self._articles

        def done(ids: list[int]) -> None:
            if not ids:
                self._status.show_message(f"Nothing unread in {title}")
                return
            articles.show_state(ids, read=True)

            def undo() -> None:
                edits.run(lambda: library.mark(ids, read=False))
                articles.show_state(ids, read=False)
                self._status.show_message(f"Marked {plural(len(ids), 'article')} unread again")

            self._undo_stack.push(
                UndoEntry(f"Marked {plural(len(ids), 'article')} read in {title}", undo)
            )

        edits.run(lambda: library.mark_all_read(flt), done)

    @command("undo", "&Undo", "Article", ("Ctrl+Z",), icon="undo")
    def undo(self) -> None:
        if not self._undo_stack.undo():
            self._status.show_message("Nothing to undo")

    def _undo_changed(self) -> None:
        entry = self._undo_stack.entry
        self._actions.undo.setEnabled(entry is not None)
        if entry is None:
            self._status.undo_button.hide()
            return
        self._actions.undo.setText("&Undo")
        self._status.undo_button.show()
        self._status.show_message(entry.description, STATUS_TIMEOUT_MS)
