"""Ways into the library and out of it: subscribing to a feed, saving an article (from the
dialog or dropped on the window), importing and exporting files, with progress and results
in the status bar."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QWidget

from reader.app.save_controller import SAVABLE_SUFFIXES, SaveController
from reader.app.tasks import TaskRunner
from reader.app.transfer_controller import TransferController
from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.errors import UserError
from reader.core.types import SaveResult
from reader.core.urls import is_http_url
from reader.library import Library
from reader.ui.actions import command
from reader.ui.prompts import Prompts
from reader.ui.sidebar_controller import SidebarController
from reader.ui.sidebar_keys import TagKey
from reader.ui.status_bar import RESULT_TIMEOUT_MS, StatusBar, sentence

if TYPE_CHECKING:
    from reader.ui.add_feed_dialog import AddFeedDialog
    from reader.ui.save_article_dialog import SaveArticleDialog

IMPORT_FILTER = QT_TRANSLATE_NOOP(
    "TransferCommands",
    "Subscriptions and reading lists (*.opml *.xml *.csv *.html *.htm *.json *.zip);;All files (*)",
)
EXPORT_FORMATS: list[tuple[str, str, str]] = [
    ("opml", QT_TRANSLATE_NOOP("TransferCommands", "Subscriptions as OPML (*.opml)"), ".opml"),
    ("folio", QT_TRANSLATE_NOOP("TransferCommands", "Everything as Folio JSON (*.json)"), ".json"),
    (
        "markdown",
        QT_TRANSLATE_NOOP("TransferCommands", "Articles as Markdown files in a zip (*.zip)"),
        ".zip",
    ),
    ("html", QT_TRANSLATE_NOOP("TransferCommands", "Articles in one HTML file (*.html)"), ".html"),
    ("epub", QT_TRANSLATE_NOOP("TransferCommands", "Articles as an EPUB book (*.epub)"), ".epub"),
    ("bookmarks", QT_TRANSLATE_NOOP("TransferCommands", "Links as bookmarks (*.html)"), ".html"),
    ("csv", QT_TRANSLATE_NOOP("TransferCommands", "Links as CSV (*.csv)"), ".csv"),
]
BUSY = QT_TRANSLATE_NOOP(
    "TransferCommands", "An import or export is running; try again when it is done"
)


class TransferCommandsController(QObject):
    # Articles the reader saved from the window (the dialog, a drop) are done: the last one
    # saved is shown. Its id, and the id of the article that was shown when saving began.
    saved_to_show = Signal(int, object)

    def __init__(
        self,
        *,
        library: Library,
        tasks: TaskRunner,
        saver: SaveController,
        transfers: TransferController,
        sidebar: SidebarController,
        prompts: Prompts,
        status: StatusBar,
        dialog_parent: QWidget,
        shown_article: Callable[[], int | None] = lambda: None,
        parent: QObject | None = None,
    ) -> None:
        """``shown_article()`` is the id of the article the pane shows (None: none)."""
        super().__init__(parent)
        self._library = library
        self._tasks = tasks
        self._saver = saver
        self._transfers = transfers
        self._sidebar = sidebar
        self._prompts = prompts
        self._status = status
        self._dialog_parent = dialog_parent
        self.add_feed_dialog: AddFeedDialog | None = None
        self.save_dialog: SaveArticleDialog | None = None
        # Saves started here and not done yet, with the article shown when each began.
        self._saving: dict[str, int | None] = {}
        self._last_saved: tuple[int, int | None] | None = None
        self._shown_article = shown_article
        saver.started.connect(
            lambda source: status.show_message(self.tr("Saving {source}…").format(source=source), 0)
        )
        saver.saved.connect(self._saved)
        saver.failed.connect(self._save_failed)
        transfers.started.connect(lambda label: status.start_progress(label, "transfer"))
        transfers.progressed.connect(self._transfer_progressed)
        transfers.finished.connect(self._transfer_finished)
        transfers.failed.connect(self._transfer_failed)

    # -- subscribing -----------------------------------------------------------------------------
    @command(
        "add_feed",
        QT_TRANSLATE_NOOP("Action", "&Add Feed…"),
        "Library",
        ("Ctrl+N",),
        icon="add-feed",
        tip=QT_TRANSLATE_NOOP("Action", "Subscribe to a feed or a site"),
    )
    def add_feed(self) -> None:
        from reader.ui.add_feed_dialog import AddFeedDialog

        folders = [path for _id, path in self._library.folder_paths()]
        dialog = AddFeedDialog(folders, self._dialog_parent)
        library = self._library

        def submitted(url: str, folder: str | None) -> None:
            def done(result: Any) -> None:
                feed = result.feed
                dialog.accept()
                feed_name = feed.title or feed.url
                if result.new_articles:
                    message = self.tr(
                        "Subscribed to {feed}: %n article(s)", "", result.new_articles
                    ).format(feed=feed_name)
                else:
                    message = self.tr("Subscribed to {feed}: no articles yet").format(
                        feed=feed_name
                    )
                self._status.show_message(message)
                self._sidebar.reload()

            def failed(exc: BaseException) -> None:
                message = str(exc) if isinstance(exc, UserError) else f"{type(exc).__name__}: {exc}"
                dialog.show_error(sentence(message))

            self._tasks.run(lambda: library.subscribe(url, folder=folder), done, failed)

        dialog.submitted.connect(submitted)
        dialog.open()
        self.add_feed_dialog = dialog

    # -- saving ----------------------------------------------------------------------------------
    @command(
        "save_article",
        QT_TRANSLATE_NOOP("Action", "&Save Article…"),
        "Library",
        ("Ctrl+L",),
        icon="save",
        tip=QT_TRANSLATE_NOOP("Action", "Save an article from the web or a file"),
    )
    def save_article(self) -> None:
        from reader.ui.save_article_dialog import SaveArticleDialog

        dialog = SaveArticleDialog(self._prompts.pick_open_file, self._dialog_parent)

        def submitted(source: str, tags: list[str]) -> None:
            dialog.accept()
            self._save(source, tags)

        dialog.submitted.connect(submitted)
        dialog.open()
        self.save_dialog = dialog

    def save_sources(self, sources: Sequence[str]) -> None:
        """Save web addresses and files (dropped on the window, say)."""
        for source in sources:
            self._save(source)

    def _save(self, source: str, tags: list[str] | None = None) -> None:
        self._saving[source] = self._shown_article()
        self._saver.save(source, tags)

    def _saved(self, source: str, result: SaveResult) -> None:
        title = result.article.title
        if result.created:
            text = self.tr("Saved “{title}”").format(title=title)
        else:
            text = self.tr("Updated “{title}”").format(title=title)
        if result.notes:
            text += " — " + "; ".join(result.notes)
        self._status.show_message(text)
        # A tag new to the library (given in the dialog, or by a rule) joins the sidebar now.
        if any(self._sidebar.node(TagKey(tag)) is None for tag in result.article.tags):
            self._sidebar.reload()
        if source in self._saving:
            self._last_saved = (result.article.id, self._saving.pop(source))
            self._show_saved()

    def _save_failed(self, source: str, message: str) -> None:
        self._status.show_message(
            self.tr("Could not save {source}: {message}").format(source=source, message=message),
            RESULT_TIMEOUT_MS,
        )
        if source in self._saving:
            del self._saving[source]
            self._show_saved()

    def _show_saved(self) -> None:
        if self._saving or self._last_saved is None:
            return
        article_id, shown_before = self._last_saved
        self._last_saved = None
        self.saved_to_show.emit(article_id, shown_before)

    # -- dropped on the window -------------------------------------------------------------------
    @staticmethod
    def dropped_sources(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
        """The web links and savable files a drag carries."""
        mime = event.mimeData()
        sources: list[str] = []
        if mime.hasUrls():
            for url in mime.urls():
                if url.isLocalFile():
                    path = Path(url.toLocalFile())
                    if path.suffix.lower() in SAVABLE_SUFFIXES and path.is_file():
                        sources.append(str(path))
                elif url.scheme() in ("http", "https"):
                    sources.append(url.toString())
        elif mime.hasText():
            text = mime.text().strip()
            if is_http_url(text) and " " not in text:
                sources.append(text)
        return sources

    def drop(self, event: QDropEvent) -> None:
        sources = self.dropped_sources(event)
        if not sources:
            self._status.show_message(
                self.tr("Folio saves web links and .html, .htm, .txt and .md files")
            )
            event.ignore()
            return
        event.acceptProposedAction()
        self.save_sources(sources)

    # -- importing and exporting -----------------------------------------------------------------
    @command(
        "import",
        QT_TRANSLATE_NOOP("Action", "&Import…"),
        "Library",
        ("Ctrl+I",),
        icon="import",
        tip=QT_TRANSLATE_NOOP("Action", "Import subscriptions (OPML) or articles"),
    )
    def import_file(self) -> None:
        path = self._prompts.pick_open_file(
            self.tr("Import"), QCoreApplication.translate("TransferCommands", IMPORT_FILTER)
        )
        if path is not None and not self._transfers.import_file(path):
            self._status.show_message(QCoreApplication.translate("TransferCommands", BUSY))

    @command(
        "export",
        QT_TRANSLATE_NOOP("Action", "&Export…"),
        "Library",
        ("Ctrl+Shift+E",),
        icon="export",
        tip=QT_TRANSLATE_NOOP("Action", "Export subscriptions or articles"),
    )
    def export_file(self) -> None:
        picked = self._prompts.pick_save_file(
            self.tr("Export"),
            [
                QCoreApplication.translate("TransferCommands", label)
                for _f, label, _s in EXPORT_FORMATS
            ],
        )
        if picked is None:
            return
        target, chosen = picked
        fmt, _label, suffix = next(
            (
                f
                for f in EXPORT_FORMATS
                if QCoreApplication.translate("TransferCommands", f[1]) == chosen
            ),
            EXPORT_FORMATS[0],
        )
        if not target.suffix:
            target = target.with_suffix(suffix)
        if not self._transfers.export_file(target, fmt):
            self._status.show_message(QCoreApplication.translate("TransferCommands", BUSY))

    def _transfer_progressed(self, done: int, total: int) -> None:
        if total > 0:
            self._status.set_progress(done, total, kind="transfer")

    def _transfer_finished(self, message: str) -> None:
        self._status.end_progress("transfer")
        self._status.show_message(message, RESULT_TIMEOUT_MS)
        self._sidebar.reload()

    def _transfer_failed(self, message: str) -> None:
        self._status.end_progress("transfer")
        self._status.show_message(message, RESULT_TIMEOUT_MS)
