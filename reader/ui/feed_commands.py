"""Feed commands: refresh with progress in the status bar, a feed's properties (with its last
problem and "retry now"), unsubscribing, and moving feeds between folders by dragging them in
the sidebar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QWidget

from reader.app.full_text_controller import FullTextController
from reader.app.refresh_controller import RefreshController
from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.errors import UserError
from reader.core.limits import DEFAULT_KEEP_ITEMS
from reader.core.types import Feed
from reader.library import Library
from reader.ui.actions import WindowActions, command
from reader.ui.prompts import Prompts
from reader.ui.sidebar_controller import SidebarController
from reader.ui.sidebar_edits import SidebarEdit, SidebarEditor
from reader.ui.sidebar_keys import FeedKey
from reader.ui.sidebar_model import NodeKind, SidebarNode
from reader.ui.status_bar import RESULT_TIMEOUT_MS, StatusBar

if TYPE_CHECKING:
    from reader.app.refresh_controller import RefreshProgress, RefreshSummary
    from reader.ui.feed_properties_dialog import FeedChanges, FeedPropertiesDialog


class FeedCommandsController(QObject):
    def __init__(
        self,
        *,
        library: Library,
        refresher: RefreshController,
        sidebar: SidebarController,
        editor: SidebarEditor,
        status: StatusBar,
        actions: WindowActions,
        dialog_parent: QWidget,
        prompts: Prompts | None = None,
        full_text: FullTextController | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._prompts = prompts
        self._full_text = full_text
        # Whether the status bar shows the refresh running (a scheduled one shows only once
        # a feed was due).
        self._refresh_shown = False
        self._library = library
        self._refresher = refresher
        self._sidebar = sidebar
        self._editor = editor
        self._status = status
        self._actions = actions
        self._dialog_parent = dialog_parent
        self.properties_dialog: FeedPropertiesDialog | None = None
        refresher.started.connect(self._refresh_started)
        refresher.progressed.connect(self._refresh_progressed)
        refresher.finished.connect(self._refresh_finished)
        refresher.failed.connect(self._refresh_failed)
        # The item a list was opened on before the tree was read is there once it is.
        sidebar.current_changed.connect(self._update_actions)
        sidebar.current_changed.connect(self._tell_problem)
        sidebar.tree_loaded.connect(self._update_actions)
        self._update_actions()

    def _update_actions(self) -> None:
        node = self._sidebar.selected_node()
        is_feed = node is not None and node.kind is NodeKind.FEED
        self._actions.feed_properties.setEnabled(is_feed)
        self._actions.unsubscribe.setEnabled(is_feed)
        self._actions.cancel_refresh.setEnabled(self._refresher.running)

    def _tell_problem(self) -> None:
        """A failing feed, opened, says why in the status bar (its properties say more)."""
        node = self._sidebar.selected_node()
        if node is None or node.kind is not NodeKind.FEED or not isinstance(node.payload, Feed):
            return
        feed = node.payload
        if feed.last_error:
            self._status.show_message(
                self.tr("{feed}: the last refresh failed: {error}").format(
                    feed=feed.title or feed.url, error=feed.last_error
                ),
                RESULT_TIMEOUT_MS,
            )

    # -- refreshing ------------------------------------------------------------------------------
    @command(
        "refresh_all",
        QT_TRANSLATE_NOOP("Action", "&Refresh All"),
        "Library",
        ("F5",),
        icon="refresh",
        tip=QT_TRANSLATE_NOOP("Action", "Fetch new articles from every feed"),
    )
    def refresh_all(self) -> None:
        self._refresher.refresh(None, force=True)

    @command(
        "refresh_feed",
        QT_TRANSLATE_NOOP("Action", "Refresh &Feed"),
        "Library",
        ("R",),
        tip=QT_TRANSLATE_NOOP("Action", "Fetch new articles from the selected feed or folder"),
    )
    def refresh_selected_feed(self, node: SidebarNode | None = None) -> None:
        node = node or self._sidebar.selected_node()
        ids = [n.key.id for n in node.walk() if isinstance(n.key, FeedKey)] if node else []
        if not ids:
            self._status.show_message(
                self.tr("Select a feed or a folder to refresh it (F5 refreshes every feed)")
            )
            return
        self._refresher.refresh(ids)

    @command("cancel_refresh", QT_TRANSLATE_NOOP("Action", "Stop Refreshing"), "Library")
    def cancel_refresh(self) -> None:
        self._refresher.cancel()

    def _refresh_started(self) -> None:
        self._refresh_shown = True
        self._status.start_progress(self.tr("Refreshing…"), "refresh")
        self._actions.cancel_refresh.setEnabled(True)

    def _refresh_progressed(self, progress: RefreshProgress) -> None:
        text = self.tr("Refreshing {done} of {total}").format(
            done=QLocale().toString(progress.done), total=QLocale().toString(progress.total)
        )
        if progress.new_articles:
            text += " · " + self.tr("%n new article(s)", "", progress.new_articles)
        if progress.errors:
            text += " · " + self.tr("%n problem(s)", "", progress.errors)
        self._status.set_progress(progress.done, progress.total, text, "refresh")

    def _refresh_finished(self, summary: RefreshSummary) -> None:
        if self._refresher.scheduled and summary.total == 0:
            # The schedule looked and nothing was due: nothing to say.
            self._actions.cancel_refresh.setEnabled(False)
            return
        self._refresh_ended(self._summary_text(summary))
        self._sidebar.reload()
        self._update_properties()

    def _summary_text(self, summary: RefreshSummary) -> str:
        """The library's summary line (``RefreshSummary.line``) in the window's language."""
        if summary.total == 0:
            return self.tr("No feeds are due; nothing to refresh")
        parts = [self.tr("%n new article(s)", "", summary.new_articles)]
        if summary.updated_articles:
            parts.append(self.tr("%n updated", "", summary.updated_articles))
        if summary.errors:
            parts.append(self.tr("%n error(s)", "", len(summary.errors)))
        seconds = QLocale().toString(summary.seconds, "f", 1)
        if summary.cancelled:
            text = self.tr("Stopped after {done} of %n feed(s) in {seconds} s", "", summary.total)
            text = text.format(done=QLocale().toString(summary.done), seconds=seconds)
        else:
            text = self.tr("Refreshed %n feed(s) in {seconds} s", "", summary.total)
            text = text.format(seconds=seconds)
        return text + ": " + ", ".join(parts)

    def _refresh_failed(self, message: str) -> None:
        self._refresh_ended(message)
        self._update_properties()

    def _refresh_ended(self, message: str) -> None:
        if self._refresh_shown:
            self._status.end_progress("refresh")
        self._refresh_shown = False
        self._actions.cancel_refresh.setEnabled(False)
        self._status.show_message(message, RESULT_TIMEOUT_MS)

    def _update_properties(self) -> None:
        """The properties dialog open shows what the refresh found for its feed."""
        dialog = self.properties_dialog
        if dialog is None or not dialog.isVisible():
            return
        try:
            dialog.show_state(self._library.get_feed(dialog.feed.id))
        except UserError:
            dialog.reject()  # unsubscribed meanwhile

    # -- a feed ----------------------------------------------------------------------------------
    @command(
        "feed_properties",
        QT_TRANSLATE_NOOP("Action", "Feed &Properties…"),
        "Feeds",
        icon="properties",
    )
    def show_feed_properties(self, node: SidebarNode | None = None) -> None:
        node = self._editor.target(
            node, NodeKind.FEED, self.tr("Select a feed to see its properties")
        )
        if node is None or not isinstance(node.key, FeedKey):
            return
        from reader.ui.feed_properties_dialog import FeedPropertiesDialog

        feed = self._library.get_feed(node.key.id)
        folders = [path for _id, path in self._library.folder_paths()]
        minutes = int(self._library.refresh_interval.total_seconds() // 60)
        dialog = FeedPropertiesDialog(feed, folders, self._dialog_parent, library_minutes=minutes)
        dialog.retry_requested.connect(lambda: self._refresher.refresh([feed.id]))
        dialog.accepted.connect(lambda: self._save_properties(feed, dialog.changes()))
        dialog.open()
        self.properties_dialog = dialog

    def _save_properties(self, feed: Feed, changes: FeedChanges) -> None:
        library = self._library
        options: dict[str, Any] = {}
        undo: dict[str, Any] = {}
        for name, old, new in (
            ("title", feed.title, changes.title or feed.title),
            ("url", feed.url, changes.url),
            ("folder", feed.folder, changes.folder),
            ("fetch_full_text", feed.fetch_full_text, changes.fetch_full_text),
            ("keep_items", feed.keep_items or DEFAULT_KEEP_ITEMS, changes.keep_items),
            ("refresh_minutes", feed.refresh_minutes, changes.refresh_minutes),
        ):
            if new != old:
                options[name], undo[name] = new, old
        if not options:
            return
        name = changes.title or feed.title or feed.url
        offer = changes.fetch_full_text and not feed.fetch_full_text

        def done(_feed: Any) -> None:
            if offer:
                self._offer_full_text(feed.id, name)

        self._editor.apply(
            SidebarEdit(
                lambda: library.set_feed_options(feed.id, **options),
                done=done,
                undo=(
                    self.tr("Changed the properties of {feed}").format(feed=name),
                    lambda: library.set_feed_options(feed.id, **undo),
                ),
            )
        )

    def _offer_full_text(self, feed_id: int, name: str) -> None:
        """The feed now fetches its new articles' pages: offer to do it for those it has."""
        if self._prompts is None or self._full_text is None:
            return
        ids = self._library.feed_article_ids(feed_id)
        if not ids:
            return
        question = self.tr(
            "“{feed}” will fetch the full article of its new articles from now on.\n\n"
            "Fetch the full article of the %n article(s) it already has too? "
            "Their pages are fetched in the background.",
            "",
            len(ids),
        ).format(feed=name)
        if self._prompts.confirm(self.tr("Fetch full articles"), question):
            self._full_text.load(ids)

    @command("unsubscribe", QT_TRANSLATE_NOOP("Action", "&Unsubscribe…"), "Feeds", icon="delete")
    def unsubscribe(self, node: SidebarNode | None = None) -> None:
        node = self._editor.target(
            node, NodeKind.FEED, self.tr("Select a feed to unsubscribe from it")
        )
        if node is None or not isinstance(node.key, FeedKey):
            return
        feed_id = node.key.id
        library = self._library
        self._editor.apply(
            SidebarEdit(
                lambda: library.remove_feed(feed_id),
                message=self.tr("Unsubscribed from {title}").format(title=node.title),
                confirm=(
                    self.tr("Unsubscribe"),
                    self.tr(
                        "Unsubscribe from “{title}”?\n\nIts articles are deleted, "
                        "except those you starred or tagged, which stay as saved "
                        "articles."
                    ).format(title=node.title),
                ),
                leaving={node.key},
            )
        )

    def move_feeds(self, feed_ids: list[int], folder_id: int | None) -> None:
        """Put feeds (dragged in the sidebar) into a folder, or at the top level."""
        paths = dict(self._library.folder_paths())
        folder = paths.get(folder_id) if folder_id is not None else None
        library = self._library
        # Where each was, by the folder's id (a path could be renamed meanwhile).
        before: dict[int, int | None] = {}
        for feed_id in feed_ids:
            node = self._sidebar.node(FeedKey(feed_id))
            if node is not None and isinstance(node.payload, Feed):
                before[feed_id] = node.payload.folder_id

        def move() -> None:
            for feed_id in feed_ids:
                library.move_feed(feed_id, folder)

        def move_back() -> None:
            now = dict(library.folder_paths())
            for feed_id, old in before.items():
                library.move_feed(feed_id, now.get(old) if old is not None else None)

        count = len(feed_ids)
        self._editor.apply(
            SidebarEdit(
                move,
                message=self.tr("Moved to {folder}").format(folder=folder)
                if folder
                else self.tr("Moved out of its folder"),
                undo=(
                    self.tr("Moved %n feed(s) to {folder}", "", count).format(folder=folder)
                    if folder
                    else self.tr("Moved %n feed(s) to the top level", "", count),
                    move_back,
                ),
            )
        )
