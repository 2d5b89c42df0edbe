"""Work the window does in the background and the commands over it: the feeds an import added
are fetched at once; the pages of imported links are fetched (with progress, pause and resume
in the status bar, and the links that failed listed with why); and "Load Full Article" reads a
feed article's page."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QObject
from PySide6.QtWidgets import QWidget

from reader.app.full_text_controller import FullTextController
from reader.app.link_fetch_controller import LinkFetchController
from reader.app.refresh_controller import RefreshController
from reader.app.tasks import TaskRunner
from reader.app.transfer_controller import TransferController
from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.transfer import FetchPendingReport, ImportReport
from reader.core.types import Article
from reader.core.urls import is_http_url
from reader.library import Library
from reader.ui.actions import WindowActions, command, translated
from reader.ui.article_list_controller import ArticleListController
from reader.ui.status_bar import RESULT_TIMEOUT_MS, StatusBar

if TYPE_CHECKING:
    from reader.ui.failed_links_dialog import FailedLinksDialog

# The command's text, as it is while links are fetched and while they are paused.
PAUSE_LINKS = QT_TRANSLATE_NOOP("Action", "&Pause Fetching Links")
RESUME_LINKS = QT_TRANSLATE_NOOP("Action", "&Resume Fetching Links")


class BackgroundCommandsController(QObject):
    def __init__(
        self,
        *,
        library: Library,
        tasks: TaskRunner,
        refresher: RefreshController,
        links: LinkFetchController,
        full_text: FullTextController,
        transfers: TransferController,
        articles: ArticleListController,
        status: StatusBar,
        actions: WindowActions,
        dialog_parent: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._tasks = tasks
        self._refresher = refresher
        self._links = links
        self._full_text = full_text
        self._articles = articles
        self._status = status
        self._actions = actions
        self._dialog_parent = dialog_parent
        self.failed_dialog: FailedLinksDialog | None = None
        transfers.imported.connect(self._imported)
        links.started.connect(self._links_started)
        links.progressed.connect(self._links_progressed)
        links.finished.connect(self._links_finished)
        links.failed.connect(lambda message: status.show_message(message, RESULT_TIMEOUT_MS))
        links.waiting.connect(self._links_waiting)
        status.links_button.clicked.connect(self.toggle_links)
        status.failed_button.clicked.connect(self.show_failed_links)
        full_text.started.connect(lambda total: self._full_text_progressed(0, total))
        full_text.progressed.connect(self._full_text_progressed)
        full_text.loaded.connect(self._full_text_loaded)
        full_text.finished.connect(self._full_text_finished)
        articles.current_changed.connect(lambda _article: self._update_actions())
        self._update_actions()

    def start(self) -> None:
        """Take up what an earlier run left: links still waiting for their page."""
        self._links.resume_waiting()

    # -- after an import -------------------------------------------------------------------------
    def _imported(self, report: ImportReport) -> None:
        if report.feed_ids:
            # Fetched at once, with the refresh's progress: no empty feeds until the next one.
            self._refresher.refresh(report.feed_ids)
        if report.pending:
            self._links.start()

    # -- links' pages ----------------------------------------------------------------------------
    @command("pause_links", PAUSE_LINKS, "Library")
    def toggle_links(self) -> None:
        """Pause fetching the pages of imported links, or go on with it."""
        if self._links.paused:
            self._links.resume()
        else:
            self._links.pause()
            self._status.show_message(
                self.tr("Paused fetching links; the rest wait until you resume")
            )
        self._update_actions()

    @command("failed_links", QT_TRANSLATE_NOOP("Action", "Links Not &Fetched…"), "Library")
    def show_failed_links(self) -> None:
        from reader.ui.failed_links_dialog import FailedLinksDialog

        self._status.failed_button.hide()
        dialog = FailedLinksDialog(self._library.failed_links(), self._dialog_parent)
        dialog.retry_requested.connect(lambda ids: self._links.retry(ids or None))
        dialog.open()
        self.failed_dialog = dialog

    def _links_started(self) -> None:
        self._status.links_label.setText(self.tr("Fetching links…"))
        self._status.links_label.setToolTip(
            self.tr("Fetching the pages of imported links, one request at a time per site")
        )
        self._status.links_label.show()
        self._show_links_button(paused=False)
        self._update_actions()

    def _links_progressed(self, done: int, total: int) -> None:
        if total:
            self._status.links_label.setText(
                self.tr("Fetching links {done} of {total}").format(
                    done=QLocale().toString(done), total=QLocale().toString(total)
                )
            )

    def _links_finished(self, report: FetchPendingReport) -> None:
        self._status.links_label.hide()
        self._status.links_button.hide()
        if report.fetched or report.failed:
            text = self.tr("Fetched the pages of %n link(s)", "", report.fetched)
            if report.failed:
                text += self.tr("; %n could not be fetched", "", report.failed)
            self._status.show_message(text, RESULT_TIMEOUT_MS)
        if report.failed:
            self._status.failed_button.setText(self.tr("%n link(s) not fetched", "", report.failed))
            self._status.failed_button.setToolTip(self.tr("See why, and try them again"))
            self._status.failed_button.show()
        self._update_actions()

    def _links_waiting(self, count: int, paused: bool) -> None:
        if count and paused:
            self._status.links_label.setText(self.tr("%n link(s) waiting", "", count))
            self._status.links_label.setToolTip(
                self.tr("Fetching the pages of imported links is paused")
            )
            self._status.links_label.show()
            self._show_links_button(paused=True)
        else:
            self._status.links_label.hide()
            self._status.links_button.hide()
        self._update_actions()

    def _show_links_button(self, *, paused: bool) -> None:
        button = self._status.links_button
        button.setText(self.tr("Resume") if paused else self.tr("Pause"))
        button.setToolTip(
            self.tr("Go on fetching the pages of imported links")
            if paused
            else self.tr("Stop fetching links for now; they wait, even across restarts")
        )
        button.show()

    # -- the full article --------------------------------------------------------------------------
    @command(
        "load_full_text",
        QT_TRANSLATE_NOOP("Action", "Load &Full Article"),
        "Article",
        ("F",),
        tip=QT_TRANSLATE_NOOP(
            "Action",
            "Fetch the article's page and show the whole article instead of the feed's text",
        ),
    )
    def load_full_text(self) -> None:
        article = self._articles.current_article()
        if article is None:
            return
        if not _can_load(article):
            self._status.show_message(
                self.tr("Only a feed's articles with a web address can load their page")
            )
            return
        self._full_text.load([article.id])

    def _full_text_progressed(self, done: int, total: int) -> None:
        if total == 1:
            label = self.tr("Loading the full article…")
        else:
            label = self.tr("Loading full articles {done} of {total}").format(
                done=QLocale().toString(done), total=QLocale().toString(total)
            )
        self._status.show_message(label, 0)

    def _full_text_loaded(self, article_id: int, problem: str) -> None:
        # The library says the article changed; the pane shows it again by itself. A problem
        # with the article on screen is said at once.
        current = self._articles.current_article()
        if problem and current is not None and current.id == article_id:
            self._status.show_message(problem, RESULT_TIMEOUT_MS)

    def _full_text_finished(self, done: int, problems: list[str]) -> None:
        if done == 1 and not problems:
            self._status.show_message(self.tr("Loaded the full article"))
        elif done == 1:
            self._status.show_message(problems[0], RESULT_TIMEOUT_MS)
        else:
            text = self.tr("Loaded the full article of %n article(s)", "", done - len(problems))
            if problems:
                text += self.tr("; %n could not be loaded: {first}", "", len(problems)).format(
                    first=problems[0]
                )
            self._status.show_message(text, RESULT_TIMEOUT_MS)

    def _update_actions(self) -> None:
        article = self._articles.current_article()
        self._actions.load_full_text.setEnabled(article is not None and _can_load(article))
        self._actions.pause_links.setText(
            translated(RESUME_LINKS if self._links.paused else PAUSE_LINKS)
        )

    def shutdown(self) -> None:
        self._links.shutdown()
        self._full_text.shutdown()


def _can_load(article: Article) -> bool:
    return article.feed_id is not None and bool(article.url) and is_http_url(article.url or "")
