"""The reading pane: the article the reader is on, marked read after a moment; moving on
with the keyboard; its links, its web images and its tags."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QLocale, QObject, QTimer, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication

from reader.app.edit_controller import EditController
from reader.app.library_events import ChangeBatch
from reader.app.settings import Settings
from reader.app.tasks import TaskRunner
from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.anchoring_html import MarkedArticle
from reader.core.errors import UserError
from reader.core.search_terms import SearchTerms, search_terms
from reader.core.types import Article
from reader.library import Library
from reader.ui.actions import command
from reader.ui.article_list_controller import ArticleListController
from reader.ui.article_list_model import SearchSource
from reader.ui.article_pane import ArticlePane
from reader.ui.status_bar import StatusBar
from reader.ui.undo import UndoEntry, UndoStack


class ReadingController(QObject):
    def __init__(
        self,
        *,
        library: Library,
        settings: Settings,
        pane: ArticlePane,
        articles: ArticleListController,
        tasks: TaskRunner,
        edits: EditController,
        status: StatusBar,
        undo_stack: UndoStack | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._undo_stack = undo_stack
        self._library = library
        self._settings = settings
        self._pane = pane
        self._tag_bar = pane.tag_bar
        self._articles = articles
        self._tasks = tasks
        self._edits = edits
        self._status = status
        self._shown_id: int | None = None
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.timeout.connect(self._mark_shown_read)
        pane.browser.image_loader = self._load_image
        pane.link_activated.connect(self.open_link)
        pane.browser.page_past_end.connect(self.next_unread)
        pane.images_requested.connect(self.load_images)
        pane.find_bar.closed.connect(articles.focus)
        self._tag_bar.tags_added.connect(self._add_tags)
        self._tag_bar.tag_removed.connect(self._remove_tag)
        articles.current_changed.connect(self.show)
        edits.reverted.connect(lambda _ids: self._refresh_shown_now())

    # -- showing ---------------------------------------------------------------------------------
    @property
    def shown_id(self) -> int | None:
        """The article the pane shows."""
        return self._shown_id

    def show(self, article: Article | None) -> None:
        """Show ``article`` (a row of the list) in full, or nothing."""
        self._read_timer.stop()
        if article is None:
            self._shown_id = None
            if self._pane.article is not None:
                self._pane.show_article(None)
            return
        self.show_id(article.id)

    def show_id(self, article_id: int) -> bool:
        """Show the article ``article_id`` in full (whichever list shows it, or none);
        whether it is there."""
        self._read_timer.stop()
        try:
            full = self._library.open_article(article_id)
        except UserError:
            self._pane.show_article(None, message=self.tr("This article is no longer here."))
            self._shown_id = None
            return False
        self._shown_id = full.id
        self._pane.show_article(full, search=self._search_terms(), marked=self._marked(full.id))
        if not full.read:
            delay = self._settings.mark_read_delay_ms
            if delay <= 0:
                self._mark_shown_read()
            else:
                self._read_timer.start(delay)
        return True

    def scroll_to_highlight(self, highlight_id: int) -> bool:
        """Scroll the article shown to one of its highlights; whether it is in the text."""
        return self._pane.highlights.scroll_to(highlight_id)

    def _search_terms(self) -> SearchTerms | None:
        """The words the list searched for, when it lists a search's results."""
        source = self._articles.source
        if not isinstance(source, SearchSource):
            return None
        return search_terms(self._library.parse_query(source.query))

    def cancel_marking_read(self) -> None:
        """The shown article is not marked read after the delay (the reader set its read
        state by hand, or the window closes)."""
        self._read_timer.stop()

    def _mark_shown_read(self) -> None:
        article_id = self._shown_id
        if article_id is None:
            return
        article = self._articles.article_by_id(article_id)
        if article is not None and article.read:
            return
        self._articles.mark([article_id], read=True)

    def _marked(self, article_id: int) -> MarkedArticle | None:
        """The article's HTML with its highlights marked, as the pane shows it."""
        try:
            return self._library.highlights.marked(article_id)
        except UserError:
            return None

    def library_changed(self, batch: ChangeBatch) -> None:
        shown = self._shown_id
        if shown is None or not (
            batch.everything or shown in batch.article_ids or shown in batch.highlight_ids
        ):
            return
        if self._edits.is_busy(shown):
            return
        self._refresh_shown_now()

    def refresh_shown(self) -> None:
        """Show the article shown as the library has it now (its highlights and note too)."""
        self._refresh_shown_now()

    def _refresh_shown_now(self) -> None:
        shown = self._shown_id
        if shown is None:
            return
        try:
            article = self._library.open_article(shown)
        except UserError:
            self.show(None)
            return
        self._pane.update_article(article, self._marked(shown))

    def _load_image(self, digest: str) -> tuple[str, bytes] | None:
        try:
            return self._library.image(digest)
        except UserError:
            return None

    def load_images(self, article_id: int) -> None:
        """Fetch an article's web images into the library, in the background."""
        library = self._library

        def done(count: int) -> None:
            self._status.show_message(self.tr("Loaded %n image(s)", "", count))
            if self._shown_id == article_id:
                self._refresh_shown_now()

        def failed(exc: BaseException) -> None:
            self._status.show_message(self.tr("Could not load the images: {exc}").format(exc=exc))
            if self._shown_id == article_id:
                self._pane.images_button.setEnabled(True)

        self._tasks.run(lambda: library.cache_images(article_id), done, failed)

    # -- moving on -------------------------------------------------------------------------------
    @command("next_article", QT_TRANSLATE_NOOP("Action", "&Next Article"), "Reading", ("J",))
    def next_article(self) -> None:
        self._articles.step(+1)

    @command(
        "previous_article", QT_TRANSLATE_NOOP("Action", "&Previous Article"), "Reading", ("K",)
    )
    def previous_article(self) -> None:
        self._articles.step(-1)

    @command("next_unread", QT_TRANSLATE_NOOP("Action", "Next &Unread"), "Reading", ("N",))
    def next_unread(self) -> None:
        self._step_unread(+1)

    @command("previous_unread", QT_TRANSLATE_NOOP("Action", "Previous Unr&ead"), "Reading", ("P",))
    def previous_unread(self) -> None:
        self._step_unread(-1)

    def _step_unread(self, delta: int) -> None:
        if not self._articles.step_unread(delta, skip_id=self._shown_id):
            self._status.show_message(self.tr("No more unread articles in this list"))

    @command(
        "page_down",
        QT_TRANSLATE_NOOP("Action", "Page Down, Then Next Unread"),
        "Reading",
        ("Space",),
    )
    def page_down(self) -> None:
        self._pane.browser.page_down()

    @command(
        "find_in_article", QT_TRANSLATE_NOOP("Action", "&Find in Article…"), "Reading", ("Ctrl+F",)
    )
    def find_in_article(self) -> None:
        """Open the find bar under the article (the library's search is "/")."""
        if self._pane.article is None:
            self._status.show_message(self.tr("Select an article to find words in it"))
            return
        self._pane.find_bar.open_bar()

    # -- links -----------------------------------------------------------------------------------
    @command(
        "open_in_browser",
        QT_TRANSLATE_NOOP("Action", "&Open in Browser"),
        "Reading",
        ("O",),
        icon="open-browser",
        tip=QT_TRANSLATE_NOOP("Action", "Open the article's page in your web browser"),
    )
    def open_in_browser(self) -> None:
        article = self._articles.current_article()
        url = (article.url or article.canonical_url) if article else None
        if not url:
            self._status.show_message(self.tr("This article has no web address"))
            return
        self.open_link(QUrl(url))

    @command(
        "copy_link",
        QT_TRANSLATE_NOOP("Action", "&Copy Link"),
        "Reading",
        ("Ctrl+Shift+C",),
        icon="copy-link",
    )
    def copy_link(self) -> None:
        article = self._articles.current_article()
        url = (article.url or article.canonical_url) if article else None
        clipboard = QGuiApplication.clipboard()
        if url and clipboard is not None:
            clipboard.setText(url)
            self._status.show_message(self.tr("Link copied"))

    def open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        else:
            self._status.show_message(self.tr("Not opened: {value}").format(value=url.toString()))

    # -- tags ------------------------------------------------------------------------------------
    def focus_tags(self) -> None:
        if self._shown_id is None:
            self._status.show_message(self.tr("Select an article to tag it"))
            return
        self._tag_bar.focus_input()

    def set_known_tags(self, names: list[str], colors: dict[str, str | None]) -> None:
        self._tag_bar.set_known_tags(names)
        self._tag_bar.set_tag_colors(colors)

    def _add_tags(self, names: list[str]) -> None:
        article_id = self._shown_id
        shown = self._pane.article
        if article_id is None or shown is None:
            return
        before = shown.tags
        tags = tuple(sorted({*shown.tags, *names}, key=str.casefold))
        self._show_tags(article_id, tags)
        library = self._library
        self._edits.run(lambda: library.add_tags(article_id, names), article_ids=[article_id])
        known = {t.casefold() for t in before}
        added = [n for n in names if n.casefold() not in known]
        if added:
            locale = QLocale()
            quoted = locale.createSeparatedList([locale.quoteString(n) for n in added])
            self._record(
                self.tr("Tagged “{title}” {tags}").format(title=shown.title, tags=quoted),
                article_id,
                before,
                lambda: library.remove_tags(article_id, added),
            )

    def _remove_tag(self, name: str) -> None:
        article_id = self._shown_id
        shown = self._pane.article
        if article_id is None or shown is None:
            return
        before = shown.tags
        tags = tuple(t for t in shown.tags if t.casefold() != name.casefold())
        self._show_tags(article_id, tags)
        library = self._library
        self._edits.run(lambda: library.remove_tags(article_id, [name]), article_ids=[article_id])
        if tags != before:
            gone = [t for t in before if t.casefold() == name.casefold()]
            self._record(
                self.tr("Removed the tag “{tag}” from “{title}”").format(
                    tag=gone[0], title=shown.title
                ),
                article_id,
                before,
                lambda: library.add_tags(article_id, gone),
            )

    def _record(
        self, description: str, article_id: int, tags: tuple[str, ...], write: Callable[[], None]
    ) -> None:
        """Offer to give the article ``tags`` back, with ``write``."""
        if self._undo_stack is None:
            return

        def undo() -> None:
            self._show_tags(article_id, tags)
            self._edits.run(write, article_ids=[article_id])
            self._status.show_message(self.tr("Undone: {change}").format(change=description))

        self._undo_stack.push(UndoEntry(description, undo))

    def _show_tags(self, article_id: int, tags: tuple[str, ...]) -> None:
        shown = self._pane.article
        if shown is not None and shown.id == article_id:
            self._pane.update_article(replace(shown, tags=tags))
        self._articles.show_tags(article_id, tags)
