"""Article commands: read, star, archive, tag and delete the selected articles, mark a whole
list read, and undo them, latest first."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QObject

from reader.app.edit_controller import EditController
from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.types import Article
from reader.library import Library
from reader.ui.actions import WindowActions, command
from reader.ui.article_list_controller import ArticleListController
from reader.ui.article_list_model import ArticleSource, FilterSource
from reader.ui.reading_controller import ReadingController
from reader.ui.sidebar_controller import SidebarController
from reader.ui.sidebar_model import SidebarNode
from reader.ui.status_bar import STATUS_TIMEOUT_MS, StatusBar
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
        star.setToolTip(
            self.tr("Unstar the article (s)") if starred else self.tr("Star the article (s)")
        )
        archive.setChecked(archived)
        archive.setToolTip(
            self.tr("Move the article out of the archive (e)")
            if archived
            else self.tr("Move the article to the archive (e)")
        )

    @command(
        "toggle_read",
        QT_TRANSLATE_NOOP("Action", "Mark &Read / Unread"),
        "Article",
        ("M",),
        icon="mark-unread",
    )
    def toggle_read(self) -> None:
        articles = self._articles.selected_articles()
        if not articles:
            return
        self._reading.cancel_marking_read()
        read = not all(a.read for a in articles)
        self._articles.mark([a.id for a in articles], read=read)
        count = len(articles)
        self._record(
            articles,
            self.tr("Marked %n article(s) read", "", count)
            if read
            else self.tr("Marked %n article(s) unread", "", count),
            "read",
        )

    @command(
        "toggle_star",
        QT_TRANSLATE_NOOP("Action", "S&tar / Unstar"),
        "Article",
        ("S",),
        icon="star",
        icon_on="star-filled",
        tip=QT_TRANSLATE_NOOP("Action", "Star the article"),
        checkable=True,
    )
    def toggle_star(self) -> None:
        articles = self._articles.selected_articles()
        if articles:
            starred = not all(a.starred for a in articles)
            self._articles.mark([a.id for a in articles], starred=starred)
            count = len(articles)
            self._record(
                articles,
                self.tr("Starred %n article(s)", "", count)
                if starred
                else self.tr("Unstarred %n article(s)", "", count),
                "starred",
            )
        self._update_actions()

    @command(
        "toggle_archive",
        QT_TRANSLATE_NOOP("Action", "&Archive / Unarchive"),
        "Article",
        ("E",),
        icon="archive",
        icon_on="archived",
        tip=QT_TRANSLATE_NOOP("Action", "Move the article to the archive"),
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
        self._record(
            articles,
            self.tr("Archived %n article(s)", "", len(ids))
            if archived
            else self.tr("Moved %n article(s) out of the archive", "", len(ids)),
            "archived",
        )

    def _record(self, articles: Sequence[Article], description: str, state: str) -> None:
        """Offer to undo a change of ``state`` (read, starred, archived) of ``articles``: each
        gets its own state back, and comes back into the list if the change took it out."""
        before = list(articles)
        library, edits, list_controller = self._library, self._edits, self._articles

        def put_back(group: list[int], value: bool) -> None:
            change = {state: value}
            list_controller.show_state(group, **change)
            edits.run(lambda: mark_existing(library, group, **change), article_ids=group)

        def undo() -> None:
            ids = [a.id for a in before if a.id not in self._pending_delete]
            for value in (True, False):
                group = [a.id for a in before if getattr(a, state) is value and a.id in ids]
                if group:
                    put_back(group, value)
            list_controller.restore([a for a in before if a.id in ids])
            self._status.show_message(self.tr("Undone: {change}").format(change=description))

        self._undo_stack.push(UndoEntry(description, undo))

    @command(
        "edit_tags",
        QT_TRANSLATE_NOOP("Action", "&Tag…"),
        "Article",
        ("T",),
        icon="tag",
        tip=QT_TRANSLATE_NOOP("Action", "Add a tag"),
    )
    def edit_tags(self) -> None:
        self._reading.focus_tags()

    @command(
        "delete",
        QT_TRANSLATE_NOOP("Action", "&Delete"),
        "Article",
        ("Delete",),
        icon="delete",
        tip=QT_TRANSLATE_NOOP("Action", "Delete the article"),
    )
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
            # Back in the list at once, where they were, even where the list's filter would
            # no longer take them (a read article in Unread).
            self._articles.restore(articles)
            self._articles.unhide(ids)
            self._sidebar.refresh_counts()
            self._status.show_message(self.tr("Kept %n article(s)", "", len(ids)))

        def commit() -> None:
            self._edits.run(
                lambda: library.delete_articles(ids),
                lambda _n: self._pending_delete.difference_update(ids),
            )

        self._undo_stack.push(
            UndoEntry(self.tr("Deleted %n article(s)", "", len(ids)), undo, commit)
        )
        self._sidebar.refresh_counts()

    @command(
        "mark_all_read",
        QT_TRANSLATE_NOOP("Action", "Mark All as Rea&d"),
        "Article",
        ("Shift+A",),
        icon="mark-read",
        tip=QT_TRANSLATE_NOOP("Action", "Mark every article in this list read"),
    )
    def mark_all_read(self, node: SidebarNode | None = None) -> None:
        """Mark every article of the list (or of a sidebar item) read; undo brings them back."""
        if node is not None:
            source: ArticleSource | None = self._sidebar.source_for(node)
        else:
            source = self._articles.source
        if not isinstance(source, FilterSource):
            self._status.show_message(
                self.tr("Mark all as read works on a view, a feed, a folder or a tag")
            )
            return
        flt, title = source.filter, source.title
        library, edits, articles = self._library, self._edits, self._articles
        # The articles marked, known once the write ran. The undo is offered at once, in the
        # order of the reader's changes; its own write runs after this one (the edits keep
        # their order), when the ids are known.
        marked: list[int] = []

        def write() -> list[int]:
            marked[:] = library.mark_all_read(flt)
            return list(marked)

        def undo() -> None:
            edits.run(lambda: mark_existing(library, marked, read=False), article_ids=marked)
            articles.show_state(marked, read=False)
            self._status.show_message(self.tr("Marked %n article(s) unread again", "", len(marked)))

        entry = UndoEntry(self.tr("Marked every article read in {title}").format(title=title), undo)

        def done(ids: list[int]) -> None:
            if not ids:
                self._undo_stack.discard(entry)
                self._status.show_message(self.tr("Nothing unread in {title}").format(title=title))
                return
            articles.show_state(ids, read=True)
            self._undo_stack.describe(
                entry,
                self.tr("Marked %n article(s) read in {title}", "", len(ids)).format(title=title),
            )

        if source is articles.source:
            # Every row listed is one of them: shown read at once.
            articles.show_state(articles.loaded_ids(), read=True)
        self._undo_stack.push(entry)
        edits.run(write, done)

    @command("undo", QT_TRANSLATE_NOOP("Action", "&Undo"), "Article", ("Ctrl+Z",), icon="undo")
    def undo(self) -> None:
        if not self._undo_stack.undo():
            self._status.show_message(self.tr("Nothing to undo"))

    def _undo_changed(self) -> None:
        entry = self._undo_stack.entry
        action = self._actions.undo
        action.setEnabled(entry is not None)
        action.setText(self.tr("&Undo"))
        action.setToolTip(
            self.tr("Undo: {change} (Ctrl+Z)").format(change=entry.description)
            if entry
            else self.tr("Undo (Ctrl+Z)")
        )
        if entry is None or not self._undo_stack.offered:
            self._status.undo_button.hide()
            return
        self._status.undo_button.show()
        self._status.show_message(entry.description, STATUS_TIMEOUT_MS)


def mark_existing(library: Library, article_ids: Sequence[int], **state: bool) -> None:
    """Mark the articles among ``article_ids`` that are still in the library (an undo may
    come after some were deleted for good)."""
    present = [a.id for a in library.list_brief(list(article_ids))]
    if present:
        library.mark(present, **state)
