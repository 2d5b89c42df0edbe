"""Feed commands: refresh with progress in the status bar, a feed's properties, unsubscribing,
and moving feeds between folders by dragging them in the sidebar."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QWidget

from reader.app.refresh_controller import RefreshController, RefreshProgress, RefreshSummary
from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.limits import DEFAULT_KEEP_ITEMS
from reader.library import Library
from reader.ui.actions import WindowActions, command
from reader.ui.sidebar_controller import SidebarController
from reader.ui.sidebar_edits import SidebarEdit, SidebarEditor
from reader.ui.sidebar_keys import FeedKey
from reader.ui.sidebar_model import NodeKind, SidebarNode
from reader.ui.status_bar import RESULT_TIMEOUT_MS, StatusBar

if TYPE_CHECKING:
    from reader.ui.feed_properties_dialog import FeedPropertiesDialog


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
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
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
        sidebar.tree_loaded.connect(self._update_actions)
        self._update_actions()

    def _update_actions(self) -> None:
        node = self._sidebar.selected_node()
        is_feed = node is not None and node.kind is NodeKind.FEED
        self._actions.feed_properties.setEnabled(is_feed)
        self._actions.unsubscribe.setEnabled(is_feed)
        self._actions.cancel_refresh.setEnabled(self._refresher.running)

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
        self._status.start_progress(self.tr("Refreshing…"))
        self._actions.cancel_refresh.setEnabled(True)

    def _refresh_progressed(self, progress: RefreshProgress) -> None:
        text = self.tr("Refreshing {done} of {total}").format(
            done=QLocale().toString(progress.done), total=QLocale().toString(progress.total)
        )
        if progress.new_articles:
            text += " · " + self.tr("%n new article(s)", "", progress.new_articles)
        if progress.errors:
            text += " · " + self.tr("%n problem(s)", "", progress.errors)
        self._status.set_progress(progress.done, progress.total, text)

    def _refresh_finished(self, summary: RefreshSummary) -> None:
        self._refresh_ended(self._summary_text(summary))
        self._sidebar.reload()

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

    def _refresh_ended(self, message: str) -> None:
        self._status.end_progress()
        self._actions.cancel_refresh.setEnabled(False)
        self._status.show_message(message, RESULT_TIMEOUT_MS)

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
        dialog = FeedPropertiesDialog(feed, folders, self._dialog_parent)
        library = self._library

        def accepted() -> None:
            changes = dialog.changes()
            options: dict[str, Any] = {"fetch_full_text": changes.fetch_full_text}
            if changes.title and changes.title != feed.title:
                options["title"] = changes.title
            if changes.url != feed.url:
                options["url"] = changes.url
            if changes.folder != feed.folder:
                options["folder"] = changes.folder
            if changes.keep_items != (feed.keep_items or DEFAULT_KEEP_ITEMS):
                options["keep_items"] = changes.keep_items
            self._editor.apply(SidebarEdit(lambda: library.set_feed_options(feed.id, **options)))

        dialog.accepted.connect(accepted)
        dialog.open()
        self.properties_dialog = dialog

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

        def move() -> None:
            for feed_id in feed_ids:
                library.move_feed(feed_id, folder)

        self._editor.apply(
            SidebarEdit(
                move,
                message=self.tr("Moved to {folder}").format(folder=folder)
                if folder
                else self.tr("Moved out of its folder"),
            )
        )
