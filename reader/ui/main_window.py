"""The main window: the sidebar, the article list and the article pane, and every action."""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, Qt, QTimer, QUrl
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QColor,
    QDesktopServices,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeyEvent,
    QPainter,
    QPixmap,
)
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMessageBox,
    QProgressBar,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QWidget,
)

from reader import APP_NAME
from reader.app.crash import CrashHandler
from reader.app.library_events import ChangeBatch, LibraryEvents
from reader.app.refresh_controller import RefreshController, RefreshProgress, RefreshSummary
from reader.app.save_controller import SAVABLE_SUFFIXES, SaveController
from reader.app.settings import Settings, ThemeChoice
from reader.app.tasks import TaskRunner
from reader.app.transfer_controller import TransferController
from reader.core.errors import DuplicateError, NotFoundError, UserError
from reader.core.types import Article, ArticleFilter, Folder, SaveResult
from reader.core.urls import is_http_url
from reader.library import Library
from reader.ui.actions import WindowActions
from reader.ui.article_list_model import (
    ArticleListModel,
    ArticleSource,
    FilterSource,
    SearchSource,
)
from reader.ui.article_list_view import ArticleListPanel
from reader.ui.article_pane import ArticlePane
from reader.ui.empty_state import EmptyState
from reader.ui.file_dialogs import get_open_file_name, get_save_file_name
from reader.ui.icons import icon
from reader.ui.saved_search_section import SearchTools
from reader.ui.sidebar_model import (
    Key,
    NodeKind,
    SidebarData,
    SidebarModel,
    SidebarNode,
    SidebarSection,
)
from reader.ui.sidebar_view import SidebarView
from reader.ui.theme import Theme, ThemeManager
from reader.ui.undo import UndoEntry, UndoStack

log = logging.getLogger(__name__)

DEFAULT_VIEW: Key = ("view", "unread")
STATUS_TIMEOUT_MS = 8_000
IMPORT_FILTER = (
    "Subscriptions and reading lists (*.opml *.xml *.csv *.html *.htm *.json *.zip);;All files (*)"
)
EXPORT_FORMATS: list[tuple[str, str, str]] = [
    ("opml", "Subscriptions as OPML (*.opml)", ".opml"),
    ("folio", "Everything as Folio JSON (*.json)", ".json"),
    ("markdown", "Articles as Markdown files in a zip (*.zip)", ".zip"),
    ("html", "Articles in one HTML file (*.html)", ".html"),
    ("epub", "Articles as an EPUB book (*.epub)", ".epub"),
    ("bookmarks", "Links as bookmarks (*.html)", ".html"),
    ("csv", "Links as CSV (*.csv)", ".csv"),
]


class MainWindow(QMainWindow):
    def __init__(
        self,
        library: Library,
        *,
        settings: Settings | None = None,
        sections: Sequence[SidebarSection] | None = None,
        crash_handler: CrashHandler | None = None,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings or Settings()
        self._title = f"{APP_NAME} — demo library" if demo else APP_NAME
        self.setWindowTitle(self._title)
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        # Controllers: reads in the background, user writes in order on one thread.
        # Readers keep a small page cache of their own; see Library.limit_read_cache.
        library.limit_read_cache()
        self.tasks = TaskRunner(workers=2, initializer=library.limit_read_cache, parent=self)
        self.writes = TaskRunner(workers=1, parent=self)
        self.events = LibraryEvents(library, parent=self)
        self.refresher = RefreshController(library, parent=self)
        self.saver = SaveController(library, parent=self)
        self.transfers = TransferController(library, parent=self)
        self.undo_stack = UndoStack(parent=self)
        self.themes = ThemeManager(self.settings, parent=self)
        self.crash_handler = crash_handler
        self._pending_delete: set[int] = set()
        # Articles with a user's change still on its way to the library.
        self._busy: Counter[int] = Counter()
        self._current_key: Key | None = None
        self._search_text = ""
        self._shown_id: int | None = None
        self._counts_running = False
        self._counts_again = False
        self._sidebar_loading = False
        self._sidebar_again = False
        self._closing = False
        self._syncing_sidebar = False
        # A folder just created: shown (its parents expanded) once the sidebar lists it.
        self._reveal_key: Key | None = None

        self.commands = WindowActions(self)
        self._build_widgets(sections)
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        # Saved searches in the sidebar, the search syntax help and the rules dialog.
        self.search_tools = SearchTools(self, add_section=sections is None)
        self._connect()
        self.themes.apply()
        self._restore_state()
        # The first page is read now, before the window shows; the feeds and tags of the
        # sidebar, and every count, are read in the background once it is on screen.
        self.sidebar_loaded = False
        self.sidebar_model.show(self.sidebar_model.load(library, only=["views"]))
        self._after_sidebar_loaded()
        self._open_key(self._initial_key())
        self._update_empty_state()
        self._update_actions()
        QTimer.singleShot(0, self.reload_sidebar)
        # Keys go to the list from the start: "j" reads the next article rather than typing
        # into the search box.
        self.article_view.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building ------------------------------------------------------------------------------
    def _build_widgets(self, sections: Sequence[SidebarSection] | None) -> None:
        self.sidebar_model = SidebarModel(sections, parent=self)
        self.sidebar_model.favicon_loader = self._load_favicon
        self.sidebar = SidebarView(self)
        self.sidebar.setModel(self.sidebar_model)

        self.article_list_model = ArticleListModel(
            self.library, run_in_background=self._run_read, parent=self
        )
        self.list_panel = ArticleListPanel(self)
        self.article_view = self.list_panel.view
        self.article_view.setModel(self.article_list_model)
        self.list_header = self.list_panel.header
        self.list_header.sort_button.setDefaultAction(self.commands.oldest_first)
        self.list_header.sort_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

        self.article_pane = ArticlePane(self)
        self.article_pane.browser.image_loader = self._load_image
        self.tag_bar = self.article_pane.tag_bar

        self.reading_splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.reading_splitter.setObjectName("readingSplitter")
        self.reading_splitter.addWidget(self.list_panel)
        self.reading_splitter.addWidget(self.article_pane)
        self.reading_splitter.setStretchFactor(0, 0)
        self.reading_splitter.setStretchFactor(1, 1)
        self.reading_splitter.setSizes([400, 640])
        self.reading_splitter.setHandleWidth(1)
        self.reading_splitter.setChildrenCollapsible(False)

        self.empty_state = EmptyState(self)
        self.content = QStackedWidget(self)
        self.content.addWidget(self.reading_splitter)
        self.content.addWidget(self.empty_state)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(self.sidebar)
        self.splitter.addWidget(self.content)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([250, 1030])
        self.splitter.setHandleWidth(1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

    def _build_menus(self) -> None:
        a = self.commands
        bar = self.menuBar()
        library = bar.addMenu("&Library")
        for name in (
            "add_feed",
            "save_article",
            None,
            "import",
            "export",
            None,
            "refresh_all",
            "refresh_feed",
            "cancel_refresh",
            None,
            "preferences",
            None,
            "quit",
        ):
            library.addSeparator() if name is None else library.addAction(a[name])
        article = bar.addMenu("&Article")
        for name in (
            "open_in_browser",
            "copy_link",
            None,
            "toggle_read",
            "toggle_star",
            "toggle_archive",
            "edit_tags",
            "delete",
            None,
            "mark_all_read",
            None,
            "undo",
        ):
            article.addSeparator() if name is None else article.addAction(a[name])
        go = bar.addMenu("&Go")
        for name in (
            "next_article",
            "previous_article",
            "next_unread",
            "previous_unread",
            "page_down",
            None,
            "focus_search",
        ):
            go.addSeparator() if name is None else go.addAction(a[name])
        feeds = bar.addMenu("&Feeds")
        for name in (
            "feed_properties",
            "unsubscribe",
            None,
            "new_folder",
            "rename_folder",
            "delete_folder",
            None,
            "rename_tag",
            "tag_color",
            "delete_tag",
        ):
            feeds.addSeparator() if name is None else feeds.addAction(a[name])
        view = bar.addMenu("&View")
        for name in ("zoom_in", "zoom_out", "zoom_reset", None, "oldest_first"):
            view.addSeparator() if name is None else view.addAction(a[name])
        theme = view.addMenu("&Theme")
        for name in ("theme_system", "theme_light", "theme_dark"):
            theme.addAction(a[name])
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(a.shortcuts)

    def _build_toolbar(self) -> None:
        a = self.commands
        toolbar = QToolBar("Main", self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for name in (
            "add_feed",
            "save_article",
            "refresh_all",
            None,
            "mark_all_read",
            None,
            "toggle_star",
            "toggle_archive",
            "edit_tags",
            "delete",
            "open_in_browser",
        ):
            toolbar.addSeparator() if name is None else toolbar.addAction(a[name])
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.search_box = QLineEdit(toolbar)
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText("Search  ( / )")
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_box.setFixedWidth(280)
        self.search_box.setAccessibleName("Search articles")
        self.search_box.installEventFilter(self)
        toolbar.addWidget(self.search_box)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _build_status_bar(self) -> None:
        status = self.statusBar()
        self.crash_label = QLabel(self)
        self.crash_label.setObjectName("crashMessage")
        self.crash_label.hide()
        status.addWidget(self.crash_label, 1)
        self.undo_button = QToolButton(self)
        self.undo_button.setDefaultAction(self.commands.undo)
        self.undo_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.undo_button.hide()
        status.addPermanentWidget(self.undo_button)
        self.progress_label = QLabel(self)
        self.progress_label.hide()
        status.addPermanentWidget(self.progress_label)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(160)
        self.progress.setMaximumHeight(14)
        self.progress.setTextVisible(False)
        self.progress.hide()
        status.addPermanentWidget(self.progress)
        self._crash_timer = QTimer(self)
        self._crash_timer.setSingleShot(True)
        self._crash_timer.timeout.connect(self.crash_label.hide)

    def _connect(self) -> None:
        a = self.commands
        self.sidebar.selectionModel().currentChanged.connect(self._sidebar_current_changed)
        self.sidebar.customContextMenuRequested.connect(self._sidebar_menu)
        self.sidebar_model.feeds_dropped.connect(self._move_feeds)
        self.sidebar_model.folders_dropped.connect(self.move_folders)
        self.sidebar_model.modelAboutToBeReset.connect(self._remember_sidebar)
        self.sidebar_model.modelReset.connect(self._restore_sidebar)
        self.article_view.selectionModel().currentChanged.connect(self._article_current_changed)
        self.article_view.selectionModel().selectionChanged.connect(
            lambda *_: self._update_actions()
        )
        self.article_view.customContextMenuRequested.connect(self._article_menu)
        self.article_view.doubleClicked.connect(lambda _index: self.open_in_browser())
        self.article_list_model.count_changed.connect(self._update_header)
        self.article_list_model.modelReset.connect(self._list_reset)
        self.article_pane.browser.link_activated.connect(self._open_link)
        self.article_pane.browser.page_past_end.connect(self.next_unread)
        self.article_pane.images_requested.connect(self.load_images)
        self.tag_bar.tags_added.connect(self._add_tags)
        self.tag_bar.tag_removed.connect(self._remove_tag)
        self.tag_bar.finished.connect(self.article_view.setFocus)
        self.empty_state.add_feed.connect(self.add_feed)
        self.empty_state.save_article.connect(self.save_article)
        self.empty_state.import_file.connect(self.import_file)
        self.search_box.returnPressed.connect(lambda: self.run_search(self.search_box.text()))
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(300)
        self._search_timer.timeout.connect(lambda: self.run_search(self.search_box.text()))
        self.search_box.textEdited.connect(lambda _text: self._search_timer.start())
        self._read_timer = QTimer(self)
        self._read_timer.setSingleShot(True)
        self._read_timer.timeout.connect(self._mark_shown_read)

        self.events.changed.connect(self._library_changed)
        self.events.warned.connect(lambda text: self.show_message(text, 60_000))
        self.refresher.started.connect(self._refresh_started)
        self.refresher.progressed.connect(self._refresh_progressed)
        self.refresher.finished.connect(self._refresh_finished)
        self.refresher.failed.connect(self._refresh_failed)
        self.saver.started.connect(lambda source: self.show_message(f"Saving {source}…", 0))
        self.saver.saved.connect(self._saved)
        self.saver.failed.connect(self._save_failed)
        self.transfers.started.connect(self._transfer_started)
        self.transfers.progressed.connect(self._transfer_progressed)
        self.transfers.finished.connect(self._transfer_finished)
        self.transfers.failed.connect(self._transfer_failed)
        self.undo_stack.changed.connect(self._undo_changed)
        self.themes.changed.connect(self._theme_changed)
        self.settings.changed.connect(self._setting_changed)
        if self.crash_handler is not None:
            self.crash_handler.crashed.connect(self.show_crash)

        triggers: dict[str, Callable[[], Any]] = {
            "add_feed": self.add_feed,
            "save_article": self.save_article,
            "import": self.import_file,
            "export": self.export_file,
            "refresh_all": self.refresh_all,
            "refresh_feed": self.refresh_selected_feed,
            "cancel_refresh": self.refresher.cancel,
            "preferences": self.show_preferences,
            "quit": self.close,
            "next_article": self.next_article,
            "previous_article": self.previous_article,
            "next_unread": self.next_unread,
            "previous_unread": self.previous_unread,
            "page_down": self.article_pane.browser.page_down,
            "open_in_browser": self.open_in_browser,
            "copy_link": self.copy_link,
            "focus_search": self.focus_search,
            "toggle_read": self.toggle_read,
            "toggle_star": self.toggle_star,
            "toggle_archive": self.toggle_archive,
            "edit_tags": self.focus_tags,
            "delete": self.delete_selected,
            "mark_all_read": self.mark_all_read,
            "undo": self.undo,
            "feed_properties": self.show_feed_properties,
            "unsubscribe": self.unsubscribe,
            "new_folder": lambda: self.new_folder(self._selected_node()),
            "rename_folder": self.rename_folder,
            "delete_folder": self.delete_folder,
            "rename_tag": self.rename_tag,
            "tag_color": self.choose_tag_color,
            "delete_tag": self.delete_tag,
            "zoom_in": lambda: self.zoom(+1),
            "zoom_out": lambda: self.zoom(-1),
            "zoom_reset": lambda: self.zoom(0),
            "shortcuts": self.show_shortcuts,
            "theme_system": lambda: self._choose_theme(ThemeChoice.SYSTEM),
            "theme_light": lambda: self._choose_theme(ThemeChoice.LIGHT),
            "theme_dark": lambda: self._choose_theme(ThemeChoice.DARK),
        }
        for name, slot in triggers.items():
            a[name].triggered.connect(lambda _checked=False, slot=slot: slot())
        a.oldest_first.toggled.connect(self._set_oldest_first)

    # -- state kept between runs ---------------------------------------------------------------
    def _restore_state(self) -> None:
        s = self.settings
        geometry = s.window_state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for name, splitter in (("splitter", self.splitter), ("reading", self.reading_splitter)):
            state = s.window_state(name)
            if state is not None:
                splitter.restoreState(state)
        self.article_pane.set_font_size(s.font_size)
        self.commands.oldest_first.setChecked(not s.newest_first)
        choice = {
            ThemeChoice.SYSTEM: "theme_system",
            ThemeChoice.LIGHT: "theme_light",
            ThemeChoice.DARK: "theme_dark",
        }[s.theme]
        self.commands[choice].setChecked(True)

    def _save_state(self) -> None:
        s = self.settings
        s.set_window_state("geometry", self.saveGeometry())
        s.set_window_state("splitter", self.splitter.saveState())
        s.set_window_state("reading", self.reading_splitter.saveState())
        if self._current_key is not None:
            s.set_last_view(_key_text(self._current_key))
        s.sync()

    def _initial_key(self) -> Key:
        text = self.settings.last_view()
        key = _key_from_text(text) if text else None
        return key if key is not None else DEFAULT_VIEW

    # -- background reads ------------------------------------------------------------------------
    def _run_read(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None] | None,
    ) -> object:
        return self.tasks.run(fn, done, failed)

    def _write(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        *,
        article_ids: Sequence[int] = (),
    ) -> None:
        """A user's change, run in order on the write thread so the window never waits.

        While it runs, change notifications about ``article_ids`` are not shown: the window
        already shows the change, and an earlier notification would briefly undo it."""
        ids = list(article_ids)
        self._busy.update(ids)

        def finish() -> None:
            self._busy.subtract(ids)
            self._busy += Counter()  # drops the ids back at zero

        def ok(result: Any) -> None:
            finish()
            if done is not None:
                done(result)

        def bad(exc: BaseException) -> None:
            finish()
            (failed or self._write_failed)(exc)
            if ids:
                # Show what the library really holds again.
                self.article_list_model.apply_changes(ids)
                self._refresh_shown_now()

        self.writes.run(fn, ok, bad)

    def _write_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.show_message(str(exc))
        else:
            self.show_crash(f"Could not save the change: {type(exc).__name__}: {exc}")

    # -- the sidebar -----------------------------------------------------------------------------
    def reload_sidebar(self) -> None:
        """Read the sidebar's tree again in the background."""
        if self._sidebar_loading:
            self._sidebar_again = True
            return
        self._sidebar_loading = True
        model, library = self.sidebar_model, self.library
        self.tasks.run(lambda: model.load(library), self._sidebar_loaded, self._sidebar_failed)

    def _sidebar_loaded(self, data: SidebarData) -> None:
        self._sidebar_loading = False
        if self._closing:
            return
        self.sidebar_model.show(data)
        self._after_sidebar_loaded()
        first = not self.sidebar_loaded
        self.sidebar_loaded = True
        if first:
            self._adopt_current_node()
        self._update_empty_state()
        if self._sidebar_again:
            self._sidebar_again = False
            self.reload_sidebar()
        else:
            self.refresh_counts()

    def _sidebar_failed(self, exc: BaseException) -> None:
        self._sidebar_loading = False
        self.show_crash(f"Could not read the feed list: {exc}")

    def _after_sidebar_loaded(self) -> None:
        tags = self.sidebar_model.node_for_key(("section", "tags"))
        tag_nodes = tags.children if tags else []
        self.tag_bar.set_known_tags([node.title for node in tag_nodes])
        # The tags section was just read from the library (after every "tags" change): the
        # list and the tag bar take their colours from it rather than each asking again.
        colors = {node.title: node.color for node in tag_nodes}
        self.article_list_model.set_tag_colors(colors)
        self.tag_bar.set_tag_colors(colors)
        for row in range(self.sidebar_model.rowCount()):
            self.sidebar.expand(self.sidebar_model.index(row, 0))
        self._reveal_new_folder()

    def _reveal_new_folder(self) -> None:
        key = self._reveal_key
        index = self.sidebar_model.index_for_key(key) if key is not None else QModelIndex()
        if not index.isValid():
            return
        self._reveal_key = None
        parent = index.parent()
        while parent.isValid():
            self.sidebar.expand(parent)
            parent = parent.parent()
        self.sidebar.scrollTo(index)

    def _adopt_current_node(self) -> None:
        """The list opened before the sidebar was read: select its item and take its name."""
        key = self._current_key
        if key is None or self._search_text:
            return
        node = self.sidebar_model.node_for_key(key)
        if node is None:
            if key[0] != "view":
                self._open_key(DEFAULT_VIEW)  # the feed or tag is gone
            return
        self._select_sidebar_key(key)
        source = self.article_list_model.source
        if isinstance(source, FilterSource) and source.title != node.title:
            self.article_list_model.retitle(node.title)
            self._update_header()

    def refresh_counts(self) -> None:
        """Count unread articles for the sidebar in the background."""
        if self._closing:
            return
        if self._counts_running:
            self._counts_again = True
            return
        self._counts_running = True
        job = self.sidebar_model.count_job(self.library, exclude_ids=sorted(self._pending_delete))
        self.tasks.run(job, self._counts_loaded, self._counts_failed)

    def _counts_loaded(self, counts: dict[Key, int]) -> None:
        self._counts_running = False
        if self._closing:
            return
        self.sidebar_model.apply_counts(counts)
        self._update_title()
        if self._counts_again:
            self._counts_again = False
            self.refresh_counts()

    def _counts_failed(self, exc: BaseException) -> None:
        self._counts_running = False
        log.warning("counting unread articles failed: %s", exc)

    def _remember_sidebar(self) -> None:
        self._expanded = {
            key
            for key in self.sidebar_model.all_keys()
            if self.sidebar.isExpanded(self.sidebar_model.index_for_key(key))
        }

    def _restore_sidebar(self) -> None:
        for key in getattr(self, "_expanded", set()):
            index = self.sidebar_model.index_for_key(key)
            if index.isValid():
                self.sidebar.expand(index)
        self._select_sidebar_key(self._current_key)

    def _select_sidebar_key(self, key: Key | None) -> None:
        """Show ``key`` as the sidebar's selection without opening it again."""
        selection = self.sidebar.selectionModel()
        flags = selection.SelectionFlag
        index = self.sidebar_model.index_for_key(key) if key is not None else QModelIndex()
        self._syncing_sidebar = True
        try:
            if index.isValid():
                selection.setCurrentIndex(index, flags.ClearAndSelect)
                self.sidebar.scrollTo(index)
            else:
                selection.clearSelection()
                selection.setCurrentIndex(QModelIndex(), flags.Clear)
        finally:
            self._syncing_sidebar = False

    def _sidebar_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self._syncing_sidebar:
            return
        node = self.sidebar_model.node(current)
        if node is None or node.kind is NodeKind.SECTION:
            return
        if self._search_text:
            self.search_box.clear()
            self._search_text = ""
        self._open_node(node)

    def select_view_key(self, key: Key) -> None:
        """Show the list of the sidebar item ``key`` (("view", "unread"), ("feed", 3) …)."""
        self._clear_search_box()
        self._open_key(key)

    def _open_key(self, key: Key) -> None:
        node = self.sidebar_model.node_for_key(key)
        if node is None and not self.sidebar_loaded:
            # Before the sidebar is read, a feed, folder or tag can still be listed.
            source = self._source_for_key(key)
            if source is not None:
                self._current_key = key
                self.article_list_model.set_source(source)
                self._update_header()
                self._update_actions()
                return
        if node is None:
            node = self.sidebar_model.node_for_key(DEFAULT_VIEW)
        if node is None:
            return
        self._select_sidebar_key(node.key)
        self._open_node(node)

    def _source_for_key(self, key: Key) -> FilterSource | None:
        kind, value = key[0], key[1] if len(key) > 1 else None
        flt: ArticleFilter | None = None
        if kind == "feed" and isinstance(value, int):
            flt = ArticleFilter(feed_id=value)
        elif kind == "folder" and isinstance(value, int):
            flt = ArticleFilter(folder_id=value)
        elif kind == "tag" and isinstance(value, str):
            flt = ArticleFilter(tag=value)
        if flt is None:
            return None
        return FilterSource(key, "", flt, self.settings.newest_first)

    def _open_node(self, node: SidebarNode) -> None:
        self._current_key = node.key
        self.article_list_model.set_source(self._source_for(node))
        self._update_header()
        self._update_actions()

    def _source_for(self, node: SidebarNode) -> ArticleSource:
        newest_first = self.settings.newest_first
        if node.kind is NodeKind.VIEW:
            flt = self.library.smart_view_filter(node.payload)
            return FilterSource(node.key, node.title, flt, newest_first)
        if node.query is not None:
            return SearchSource(node.key, node.title, node.query, newest_first)
        return FilterSource(node.key, node.title, node.filter or ArticleFilter(), newest_first)

    def _selected_node(self) -> SidebarNode | None:
        if self._current_key is None or self._search_text:
            return None
        return self.sidebar_model.node_for_key(self._current_key)

    # -- search --------------------------------------------------------------------------------
    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    def run_search(self, text: str) -> None:
        """Show the articles matching ``text``; an empty text goes back to the last view."""
        self._search_timer.stop()
        text = " ".join(text.split())
        if self.search_box.text() != text and text:
            self.search_box.setText(text)
        if not text:
            self.clear_search()
            return
        if text == self._search_text:
            return
        self._search_text = text
        self._select_sidebar_key(None)
        source = SearchSource(
            ("search", text), f"Search: “{text}”", text, self.settings.newest_first
        )
        self.article_list_model.set_source(source)
        self._update_header()
        self._update_actions()

    def clear_search(self) -> None:
        was_searching = bool(self._search_text)
        self._clear_search_box()
        if was_searching:
            self._open_key(self._current_key or DEFAULT_VIEW)

    def _clear_search_box(self) -> None:
        self._search_timer.stop()
        self._search_text = ""
        if self.search_box.text():
            self.search_box.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search_box and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() == Qt.Key.Key_Escape:
                self.clear_search()
                self.article_view.setFocus()
                return True
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_Tab) and self._search_text:
                self.article_view.setFocus()
                if not self.article_view.currentIndex().isValid():
                    self.select_first_article()
                return True
        return super().eventFilter(watched, event)

    # -- the list --------------------------------------------------------------------------------
    def _list_reset(self) -> None:
        self._show_article(None)

    def _update_header(self) -> None:
        source = self.article_list_model.source
        if source is None:
            self.list_header.set_title("")
            self.list_header.set_count(None, "articles")
            return
        self.list_header.set_title(source.title)
        self.list_header.set_count(self.article_list_model.total, source.noun)

    def _update_title(self) -> None:
        unread = self.sidebar_model.unread(("view", "unread"))
        self.setWindowTitle(f"{self._title} ({unread:,})" if unread else self._title)

    def _set_oldest_first(self, oldest: bool) -> None:
        self.settings.newest_first = not oldest
        source = self.article_list_model.source
        if isinstance(source, (FilterSource, SearchSource)) and source.newest_first == oldest:
            current = self.current_article()
            self.article_list_model.set_source(source.with_order(not oldest))
            if current is not None:
                self._select_article_id(current.id)

    def current_article(self) -> Article | None:
        index = self.article_view.currentIndex()
        return self.article_list_model.article(index.row()) if index.isValid() else None

    def selected_articles(self) -> list[Article]:
        rows = sorted(i.row() for i in self.article_view.selectionModel().selectedRows())
        found = [a for r in rows if (a := self.article_list_model.article(r)) is not None]
        if not found:
            current = self.current_article()
            return [current] if current is not None else []
        return found

    def _select_row(self, row: int) -> None:
        index = self.article_list_model.index(row)
        if not index.isValid():
            return
        self.article_view.selectionModel().setCurrentIndex(
            index, self.article_view.selectionModel().SelectionFlag.ClearAndSelect
        )
        self.article_view.scrollTo(index)

    def _select_article_id(self, article_id: int) -> bool:
        row = self.article_list_model.row_of(article_id)
        if row is None:
            row = self.article_list_model.fetch_until(article_id)
        if row is None:
            return False
        self._select_row(row)
        return True

    def select_first_article(self) -> None:
        if self.article_list_model.rowCount() > 0:
            self._select_row(0)

    def next_article(self) -> None:
        self._step(+1)

    def previous_article(self) -> None:
        self._step(-1)

    def _step(self, delta: int) -> None:
        model = self.article_list_model
        index = self.article_view.currentIndex()
        row = index.row() + delta if index.isValid() else 0
        if row >= model.rowCount() and model.canFetchMore():
            model.fetchMore()
        if 0 <= row < model.rowCount():
            self._select_row(row)
            self.article_view.setFocus()

    def next_unread(self) -> None:
        self._step_unread(+1)

    def previous_unread(self) -> None:
        self._step_unread(-1)

    def _step_unread(self, delta: int) -> None:
        model = self.article_list_model
        index = self.article_view.currentIndex()
        row = index.row() + delta if index.isValid() else (0 if delta > 0 else -1)
        pages = 0
        while True:
            while 0 <= row < model.rowCount():
                article = model.article(row)
                if article is not None and not article.read and article.id != self._shown_id:
                    self._select_row(row)
                    self.article_view.setFocus()
                    return
                row += delta
            # Look further only forwards, a few pages at most: a step never stalls the window.
            if delta < 0 or not model.canFetchMore() or pages >= 10:
                break
            model.fetchMore()
            pages += 1
        self.show_message("No more unread articles in this list")

    def _article_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        article = self.article_list_model.article(current.row()) if current.isValid() else None
        self._show_article(article)

    def _show_article(self, article: Article | None) -> None:
        self._read_timer.stop()
        if article is None:
            self._shown_id = None
            if self.article_pane.article is not None:
                self.article_pane.show_article(None)
            self._update_actions()
            return
        try:
            full = self.library.open_article(article.id)
        except UserError:
            self.article_pane.show_article(None, message="This article is no longer here.")
            self._shown_id = None
            return
        self._shown_id = full.id
        self.article_pane.show_article(full)
        if not full.read:
            delay = self.settings.mark_read_delay_ms
            if delay <= 0:
                self._mark_shown_read()
            else:
                self._read_timer.start(delay)
        self._update_actions()

    def _mark_shown_read(self) -> None:
        article_id = self._shown_id
        if article_id is None:
            return
        article = self.article_list_model.article_by_id(article_id)
        if article is not None and article.read:
            return
        self._set_state([article_id], read=True)

    # -- article actions ------------------------------------------------------------------------
    def _set_state(self, article_ids: list[int], **state: bool) -> None:
        if not article_ids:
            return
        self.article_list_model.update_local(article_ids, **state)
        library = self.library
        self._write(lambda: library.mark(article_ids, **state), article_ids=article_ids)
        self._update_actions()

    def toggle_read(self) -> None:
        articles = self.selected_articles()
        if not articles:
            return
        self._read_timer.stop()
        read = not all(a.read for a in articles)
        self._set_state([a.id for a in articles], read=read)

    def toggle_star(self) -> None:
        articles = self.selected_articles()
        if articles:
            starred = not all(a.starred for a in articles)
            self._set_state([a.id for a in articles], starred=starred)

    def toggle_archive(self) -> None:
        articles = self.selected_articles()
        if not articles:
            return
        archived = not all(a.archived for a in articles)
        ids = [a.id for a in articles]
        self._set_state(ids, archived=archived)
        source = self.article_list_model.source
        if isinstance(source, FilterSource) and source.filter.archived is not None:
            # The list no longer holds them: move on as the inbox of a mail client does.
            self._remove_and_advance(ids)
        self.show_message(
            f"Archived {_plural(len(ids), 'article')}"
            if archived
            else f"Moved {_plural(len(ids), 'article')} out of the archive"
        )

    def _remove_and_advance(self, ids: list[int]) -> None:
        index = self.article_view.currentIndex()
        row = index.row() if index.isValid() else 0
        self.article_list_model.remove_ids(ids)
        count = self.article_list_model.rowCount()
        if count:
            self._select_row(min(row, count - 1))
        else:
            self._show_article(None)

    def delete_selected(self) -> None:
        articles = self.selected_articles()
        if not articles:
            return
        ids = [a.id for a in articles]
        self._pending_delete.update(ids)
        self.article_list_model.hide(ids)
        index = self.article_view.currentIndex()
        if index.isValid():
            self._select_row(index.row())
        else:
            self._show_article(None)
        library = self.library

        def undo() -> None:
            self._pending_delete.difference_update(ids)
            self.article_list_model.unhide(ids)
            self.article_list_model.apply_changes(ids)
            self.refresh_counts()
            self.show_message(f"Kept {_plural(len(ids), 'article')}")

        def commit() -> None:
            self._write(
                lambda: library.delete_articles(ids),
                lambda _n: self._pending_delete.difference_update(ids),
            )

        self.undo_stack.push(UndoEntry(f"Deleted {_plural(len(ids), 'article')}", undo, commit))
        self.refresh_counts()

    def mark_all_read(self, node: SidebarNode | None = None) -> None:
        """Mark every article of the list (or of a sidebar item) read; undo brings them back."""
        if node is not None:
            source: ArticleSource | None = self._source_for(node)
        else:
            source = self.article_list_model.source
        if not isinstance(source, FilterSource):
            self.show_message("Mark all as read works on a view, a feed, a folder or a tag")
            return
        flt, title = source.filter, source.title
        library = self.library

        def done(ids: list[int]) -> None:
            if not ids:
                self.show_message(f"Nothing unread in {title}")
                return
            self.article_list_model.update_local(ids, read=True)

            def undo() -> None:
                self._write(lambda: library.mark(ids, read=False))
                self.article_list_model.update_local(ids, read=False)
                self.show_message(f"Marked {_plural(len(ids), 'article')} unread again")

            self.undo_stack.push(
                UndoEntry(f"Marked {_plural(len(ids), 'article')} read in {title}", undo)
            )

        self._write(lambda: library.mark_all_read(flt), done)

    def undo(self) -> None:
        if not self.undo_stack.undo():
            self.show_message("Nothing to undo")

    def _undo_changed(self) -> None:
        entry = self.undo_stack.entry
        self.commands.undo.setEnabled(entry is not None)
        if entry is None:
            self.undo_button.hide()
            return
        self.commands.undo.setText("&Undo")
        self.undo_button.show()
        self.show_message(entry.description, STATUS_TIMEOUT_MS)

    def open_in_browser(self) -> None:
        article = self.current_article()
        url = (article.url or article.canonical_url) if article else None
        if not url:
            self.show_message("This article has no web address")
            return
        self._open_link(QUrl(url))

    def copy_link(self) -> None:
        article = self.current_article()
        url = (article.url or article.canonical_url) if article else None
        clipboard = QGuiApplication.clipboard()
        if url and clipboard is not None:
            clipboard.setText(url)
            self.show_message("Link copied")

    def _open_link(self, url: QUrl) -> None:
        if url.scheme() in ("http", "https", "mailto"):
            QDesktopServices.openUrl(url)
        else:
            self.show_message(f"Not opened: {url.toString()}")

    def load_images(self, article_id: int) -> None:
        """Fetch an article's web images into the library, in the background."""
        library = self.library

        def done(count: int) -> None:
            self.show_message(f"Loaded {_plural(count, 'image')}")
            if self._shown_id == article_id:
                self._refresh_shown_now()

        def failed(exc: BaseException) -> None:
            self.show_message(f"Could not load the images: {exc}")
            if self._shown_id == article_id:
                self.article_pane.images_button.setEnabled(True)

        self.tasks.run(lambda: library.cache_images(article_id), done, failed)

    def focus_tags(self) -> None:
        if self._shown_id is None:
            self.show_message("Select an article to tag it")
            return
        self.tag_bar.focus_input()

    def _add_tags(self, names: list[str]) -> None:
        article_id = self._shown_id
        shown = self.article_pane.article
        if article_id is None or shown is None:
            return
        tags = tuple(sorted({*shown.tags, *names}, key=str.casefold))
        self._show_tags(article_id, tags)
        library = self.library
        self._write(lambda: library.add_tags(article_id, names), article_ids=[article_id])

    def _remove_tag(self, name: str) -> None:
        article_id = self._shown_id
        shown = self.article_pane.article
        if article_id is None or shown is None:
            return
        tags = tuple(t for t in shown.tags if t.casefold() != name.casefold())
        self._show_tags(article_id, tags)
        library = self.library
        self._write(lambda: library.remove_tags(article_id, [name]), article_ids=[article_id])

    def _show_tags(self, article_id: int, tags: tuple[str, ...]) -> None:
        shown = self.article_pane.article
        if shown is not None and shown.id == article_id:
            from dataclasses import replace

            self.article_pane.update_article(replace(shown, tags=tags))
        self.article_list_model.update_local([article_id], tags=tags)

    # -- library changes -----------------------------------------------------------------------
    def _library_changed(self, batch: ChangeBatch) -> None:
        if self._closing:
            return
        if batch.feeds:
            self._feeds_changed(batch)
        if batch.tags:
            # A tag may have been created, renamed or deleted.
            self.reload_sidebar()
            if not batch.article_ids and not batch.everything:
                self.article_list_model.refresh_loaded()
        if batch.articles:
            ids = sorted(batch.article_ids - self._pending_delete - set(self._busy))
            self.article_list_model.apply_changes(ids, everything=batch.everything)
            self._refresh_shown(batch)
        extra = batch.kinds - {"articles", "tags", "feeds", "folders"}
        if extra:
            # Kinds other sections care about (saved searches, say): read the tree again.
            self.reload_sidebar()
        self.refresh_counts()
        self._update_empty_state()

    def _feeds_changed(self, batch: ChangeBatch) -> None:
        self.sidebar_model.forget_favicons(sorted(batch.feed_ids) or None)
        if batch.feed_ids:
            feeds = self.library.list_feeds_brief(sorted(batch.feed_ids))
            if len(feeds) == len(batch.feed_ids) and self.sidebar_model.update_feeds(feeds):
                return
        self.reload_sidebar()

    def _refresh_shown(self, batch: ChangeBatch) -> None:
        shown = self._shown_id
        if shown is None or not (batch.everything or shown in batch.article_ids):
            return
        if shown in self._busy:
            return
        self._refresh_shown_now()

    def _refresh_shown_now(self) -> None:
        shown = self._shown_id
        if shown is None:
            return
        try:
            article = self.library.open_article(shown)
        except UserError:
            self._show_article(None)
            return
        self.article_pane.update_article(article)

    # -- feeds -----------------------------------------------------------------------------------
    def _folder_names(self) -> list[str]:
        return [path for _id, path in self.library.folder_paths()]

    def add_feed(self) -> None:
        from reader.ui.add_feed_dialog import AddFeedDialog

        dialog = AddFeedDialog(self._folder_names(), self)
        library = self.library

        def submitted(url: str, folder: str | None) -> None:
            def done(result: Any) -> None:
                feed = result.feed
                dialog.accept()
                self.show_message(
                    f"Subscribed to {feed.title or feed.url}: "
                    f"{_plural(result.new_articles, 'article')}"
                )
                self.reload_sidebar()

            def failed(exc: BaseException) -> None:
                message = str(exc) if isinstance(exc, UserError) else f"{type(exc).__name__}: {exc}"
                dialog.show_error(message[:1].upper() + message[1:])

            self.tasks.run(lambda: library.subscribe(url, folder=folder), done, failed)

        dialog.submitted.connect(submitted)
        dialog.open()
        self.add_feed_dialog = dialog

    def _selected_feed_ids(self, node: SidebarNode | None = None) -> list[int]:
        node = node or self._selected_node()
        if node is None:
            return []
        return [int(n.key[1]) for n in node.walk() if n.kind is NodeKind.FEED]  # type: ignore[call-overload]

    def refresh_all(self) -> None:
        self.refresher.refresh(None, force=True)

    def refresh_selected_feed(self, node: SidebarNode | None = None) -> None:
        ids = self._selected_feed_ids(node)
        if not ids:
            self.show_message("Select a feed or a folder to refresh it (F5 refreshes every feed)")
            return
        self.refresher.refresh(ids)

    def _refresh_started(self) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.progress_label.setText("Refreshing…")
        self.progress_label.show()
        self.commands.cancel_refresh.setEnabled(True)

    def _refresh_progressed(self, progress: RefreshProgress) -> None:
        self.progress.setRange(0, progress.total)
        self.progress.setValue(progress.done)
        text = f"Refreshing {progress.done} of {progress.total}"
        if progress.new_articles:
            text += f" · {_plural(progress.new_articles, 'new article')}"
        if progress.errors:
            text += f" · {_plural(progress.errors, 'problem')}"
        self.progress_label.setText(text)

    def _refresh_finished(self, summary: RefreshSummary) -> None:
        self._progress_done()
        self.show_message(summary.line(), 12_000)
        self.reload_sidebar()

    def _refresh_failed(self, message: str) -> None:
        self._progress_done()
        self.show_message(message, 12_000)

    def _progress_done(self) -> None:
        self.progress.hide()
        self.progress_label.hide()
        self.commands.cancel_refresh.setEnabled(False)

    def _move_feeds(self, feed_ids: list[int], folder_id: int | None) -> None:
        paths = dict(self.library.folder_paths())
        folder = paths.get(folder_id) if folder_id is not None else None
        library = self.library

        def move() -> None:
            for feed_id in feed_ids:
                library.move_feed(feed_id, folder)

        self._write(
            move,
            lambda _r: self.show_message(
                f"Moved to {folder}" if folder else "Moved out of its folder"
            ),
        )

    def move_folders(self, folder_ids: list[int], parent_id: int | None) -> None:
        """Put the folders (dragged in the sidebar) inside ``parent_id``, or at the top level."""
        library = self.library
        nodes = [self.sidebar_model.node_for_key(("folder", i)) for i in folder_ids]
        moved = [(folder_id, n.title) for folder_id, n in zip(folder_ids, nodes, strict=True) if n]
        target = self.sidebar_model.node_for_key(("folder", parent_id)) if parent_id else None
        target_name = target.title if target is not None else None

        def move() -> None:
            for folder_id, name in moved:
                folders = library.list_folders()
                _check_folder_exists(folders, folder_id, name)
                if parent_id is not None and target_name is not None:
                    _check_folder_exists(folders, parent_id, target_name)
                library.move_folder(folder_id, parent_id)  # refuses a name taken there

        names = ", ".join(f"“{name}”" for _, name in moved)
        self._write(
            move,
            lambda _r: self.show_message(
                f"Moved {names} into “{target_name}”"
                if target_name
                else f"Moved {names} to the top level"
            ),
            self._folder_or_tag_failed,
        )

    def _node_to_act_on(
        self, node: SidebarNode | None, kind: NodeKind, hint: str
    ) -> SidebarNode | None:
        """``node`` (from a context menu), else the sidebar's selection, when it is of ``kind``;
        else None, with ``hint`` in the status bar."""
        node = node or self._selected_node()
        if node is None or node.kind is not kind:
            self.show_message(hint)
            return None
        return node

    def show_feed_properties(self, node: SidebarNode | None = None) -> None:
        node = self._node_to_act_on(node, NodeKind.FEED, "Select a feed to see its properties")
        if node is None:
            return
        feed = self.library.get_feed(int(node.key[1]))  # type: ignore[call-overload]
        from reader.ui.feed_properties_dialog import FeedPropertiesDialog

        dialog = FeedPropertiesDialog(feed, self._folder_names(), self)
        library = self.library

        def accepted() -> None:
            changes = dialog.changes()
            options: dict[str, Any] = {"fetch_full_text": changes.fetch_full_text}
            if changes.title and changes.title != feed.title:
                options["title"] = changes.title
            if changes.url != feed.url:
                options["url"] = changes.url
            if changes.folder != feed.folder:
                options["folder"] = changes.folder
            self._write(lambda: library.set_feed_options(feed.id, **options))

        dialog.accepted.connect(accepted)
        dialog.open()
        self.feed_dialog = dialog

    def unsubscribe(self, node: SidebarNode | None = None) -> None:
        node = self._node_to_act_on(node, NodeKind.FEED, "Select a feed to unsubscribe from it")
        if node is None:
            return
        answer = QMessageBox.question(
            self,
            "Unsubscribe",
            f"Unsubscribe from “{node.title}”?\n\nIts articles are deleted, except those you"
            " starred or tagged, which stay as saved articles.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        feed_id = int(node.key[1])  # type: ignore[call-overload]
        library = self.library
        if self._current_key == node.key:
            self._open_key(DEFAULT_VIEW)
        self._write(
            lambda: library.remove_feed(feed_id),
            lambda _n: self.show_message(f"Unsubscribed from {node.title}"),
        )

    def rename_tag(self, node: SidebarNode | None = None) -> None:
        node = self._node_to_act_on(node, NodeKind.TAG, "Select a tag to rename it")
        if node is None:
            return
        old = node.title
        new, ok = QInputDialog.getText(self, "Rename tag", f"New name for “{old}”:", text=old)
        new = " ".join(new.split())
        if not ok or not new or new == old:
            return
        library = self.library
        if self._current_key == node.key:
            self._current_key = ("tag", new.casefold())
        self._write(
            lambda: library.rename_tag(old, new),
            lambda _r: self.show_message(f"Renamed the tag “{old}” to “{new}”"),
        )

    def delete_tag(self, node: SidebarNode | None = None) -> None:
        node = self._node_to_act_on(node, NodeKind.TAG, "Select a tag to delete it")
        if node is None:
            return
        name = node.title
        answer = QMessageBox.question(
            self, "Delete tag", f"Delete the tag “{name}”? The articles themselves stay."
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        library = self.library
        if self._current_key == node.key:
            self._open_key(DEFAULT_VIEW)
        self._write(
            lambda: library.delete_tag(name),
            lambda _r: self.show_message(f"Deleted the tag “{name}”"),
        )

    def choose_tag_color(self, node: SidebarNode | None = None) -> None:
        node = self._node_to_act_on(node, NodeKind.TAG, "Select a tag to give it a colour")
        if node is None:
            return
        initial = QColor(node.color) if node.color else QColor("#3a7bd5")
        chosen = QColorDialog.getColor(initial, self, f"Colour for the tag “{node.title}”")
        if chosen.isValid():
            self.set_tag_color(node, chosen.name())

    def set_tag_color(self, node: SidebarNode, color: str | None) -> None:
        """Give the tag of ``node`` a colour ("#rrggbb"), or take its colour away (None)."""
        name = node.title
        library = self.library
        self._write(
            lambda: library.set_tag_color(name, color),
            lambda _r: self.show_message(
                f"The tag “{name}” is now {color}" if color else f"The tag “{name}” has no colour"
            ),
            self._folder_or_tag_failed,
        )

    # -- folders ---------------------------------------------------------------------------------
    def new_folder(self, node: SidebarNode | None = None) -> None:
        """Ask for a name and make a folder: inside ``node`` when it is a folder, else at the
        top level. "A/B" makes a folder B inside A (A made too when missing)."""
        parent: Folder | None = node.payload if node is not None else None
        if node is None or node.kind is not NodeKind.FOLDER or not isinstance(parent, Folder):
            parent = None
        where = f"inside “{parent.name}”" if parent else "at the top level"
        text, ok = QInputDialog.getText(self, "New folder", f"Name of the new folder {where}:")
        if not ok:
            return
        parts = [" ".join(part.split()) for part in text.split("/")]
        parts = [part for part in parts if part]
        if not parts:
            self.show_message("A folder needs a name")
            return
        library = self.library

        def create() -> tuple[int, str]:
            return _create_folder(library, parent, parts)

        def done(made: tuple[int, str]) -> None:
            folder_id, path = made
            self._reveal_key = ("folder", folder_id)
            self._reveal_new_folder()
            self.show_message(f"Made the folder “{path}”")

        self._write(create, done, self._folder_or_tag_failed)

    def rename_folder(self, node: SidebarNode | None = None) -> None:
        node = self._node_to_act_on(node, NodeKind.FOLDER, "Select a folder to rename it")
        if node is None:
            return
        folder: Folder = node.payload
        old = node.title
        text, ok = QInputDialog.getText(self, "Rename folder", f"New name for “{old}”:", text=old)
        if not ok:
            return
        new = " ".join(text.split())
        if not new:
            self.show_message("A folder needs a name")
            return
        if "/" in new:
            self.show_message("A folder name cannot hold “/” (drag feeds to move them instead)")
            return
        if new == old:
            return
        library = self.library
        key = node.key

        def rename() -> None:
            _check_folder_exists(library.list_folders(), folder.id, old)
            library.rename_folder(folder.id, new)  # refuses a name a sibling has

        def done(_result: object) -> None:
            source = self.article_list_model.source
            if self._current_key == key and isinstance(source, FilterSource):
                self.article_list_model.retitle(new)
                self._update_header()
            self.show_message(f"Renamed the folder “{old}” to “{new}”")

        self._write(rename, done, self._folder_or_tag_failed)

    def delete_folder(self, node: SidebarNode | None = None) -> None:
        node = self._node_to_act_on(node, NodeKind.FOLDER, "Select a folder to delete it")
        if node is None:
            return
        folder: Folder = node.payload
        name = node.title
        inside = [n for n in node.walk() if n is not node]
        subfolders = sum(1 for n in inside if n.kind is NodeKind.FOLDER)
        feeds = sum(1 for n in inside if n.kind is NodeKind.FEED)
        question = f"Delete the folder “{name}”"
        if subfolders:
            question += f" and the {_plural(subfolders, 'folder')} inside it"
        question += "?\n\n"
        if feeds:
            question += (
                "Its feed moves" if feeds == 1 else f"Its {_plural(feeds, 'feed')} move"
            ) + " to the top level. "
        question += "No feeds or articles are deleted."
        answer = QMessageBox.question(self, "Delete folder", question)
        if answer != QMessageBox.StandardButton.Yes:
            return
        gone = {n.key for n in node.walk() if n.kind is NodeKind.FOLDER}
        if self._current_key in gone:
            self._open_key(DEFAULT_VIEW)
        library = self.library

        def delete() -> None:
            _check_folder_exists(library.list_folders(), folder.id, name)
            library.delete_folder(folder.id)

        self._write(
            delete,
            lambda _r: self.show_message(f"Deleted the folder “{name}”"),
            self._folder_or_tag_failed,
        )

    def _folder_or_tag_failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            message = str(exc)
            self.show_message(message[:1].upper() + message[1:])
        else:
            self._write_failed(exc)

    # -- saving, importing, exporting ------------------------------------------------------------
    def save_article(self) -> None:
        from reader.ui.save_article_dialog import SaveArticleDialog

        dialog = SaveArticleDialog(self)

        def submitted(source: str, tags: list[str]) -> None:
            dialog.accept()
            self.saver.save(source, tags)

        dialog.submitted.connect(submitted)
        dialog.open()
        self.save_dialog = dialog

    def save_sources(self, sources: Sequence[str]) -> None:
        for source in sources:
            self.saver.save(source)

    def _saved(self, _source: str, result: SaveResult) -> None:
        verb = "Saved" if result.created else "Updated"
        text = f"{verb} “{result.article.title}”"
        if result.notes:
            text += " — " + "; ".join(result.notes)
        self.show_message(text)

    def _save_failed(self, source: str, message: str) -> None:
        self.show_message(f"Could not save {source}: {message}", 12_000)

    def import_file(self) -> None:
        path, _ = get_open_file_name(self, "Import", "", IMPORT_FILTER)
        if path and not self.transfers.import_file(Path(path)):
            self.show_message("An import or export is running; try again when it is done")

    def export_file(self) -> None:
        filters = ";;".join(label for _f, label, _s in EXPORT_FORMATS)
        path, chosen = get_save_file_name(self, "Export", "", filters)
        if not path:
            return
        fmt, _label, suffix = next((f for f in EXPORT_FORMATS if f[1] == chosen), EXPORT_FORMATS[0])
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(suffix)
        if not self.transfers.export_file(target, fmt):
            self.show_message("An import or export is running; try again when it is done")

    def _transfer_started(self, label: str) -> None:
        self.progress.setRange(0, 0)
        self.progress.show()
        self.progress_label.setText(label)
        self.progress_label.show()

    def _transfer_progressed(self, done: int, total: int) -> None:
        if total > 0:
            self.progress.setRange(0, total)
            self.progress.setValue(done)

    def _transfer_finished(self, message: str) -> None:
        self._progress_done()
        self.show_message(message, 12_000)
        self.reload_sidebar()

    def _transfer_failed(self, message: str) -> None:
        self._progress_done()
        self.show_message(message, 12_000)

    def _load_favicon(self, feed_id: int) -> QIcon | None:
        try:
            found = self.library.feed_icon(feed_id)
        except UserError:
            return None
        if found is None:
            return None
        pixmap = QPixmap()
        if not pixmap.loadFromData(found[1]) or pixmap.isNull():
            return None
        return QIcon(pixmap)

    def _load_image(self, digest: str) -> tuple[str, bytes] | None:
        try:
            return self.library.image(digest)
        except UserError:
            return None

    # -- drag and drop -------------------------------------------------------------------------
    @staticmethod
    def dropped_sources(event: QDropEvent | QDragEnterEvent | QDragMoveEvent) -> list[str]:
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

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.dropped_sources(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.dropped_sources(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        sources = self.dropped_sources(event)
        if not sources:
            self.show_message("Folio saves web links and .html, .htm, .txt and .md files")
            event.ignore()
            return
        event.acceptProposedAction()
        self.save_sources(sources)

    # -- menus -----------------------------------------------------------------------------------
    def _article_menu(self, pos: QPoint) -> None:
        if not self.article_view.indexAt(pos).isValid():
            return
        a = self.commands
        menu = QMenu(self)
        for name in (
            "open_in_browser",
            "copy_link",
            None,
            "toggle_read",
            "toggle_star",
            "toggle_archive",
            "edit_tags",
            None,
            "delete",
        ):
            menu.addSeparator() if name is None else menu.addAction(a[name])
        menu.popup(self.article_view.viewport().mapToGlobal(pos))
        self._menu = menu

    def _sidebar_menu(self, pos: QPoint) -> None:
        node = self.sidebar_model.node(self.sidebar.indexAt(pos))
        if node is not None and node.kind is NodeKind.SECTION and node.key != ("section", "feeds"):
            return
        menu = QMenu(self)
        if node is None or node.kind is NodeKind.SECTION:
            # Empty space and the Feeds header: a place for a new top-level folder.
            menu.addAction(icon("folder"), "New Folder…").triggered.connect(
                lambda _checked=False: self.new_folder(None)
            )
            menu.popup(self.sidebar.viewport().mapToGlobal(pos))
            self._menu = menu
            return

        def add(text: str, slot: Callable[[], None], icon_name: str | None = None) -> QAction:
            action = menu.addAction(icon(icon_name) if icon_name else icon("feed"), text)
            if icon_name is None:
                action.setIcon(type(action.icon())())
            action.triggered.connect(lambda _checked=False: slot())
            return action

        add("Mark All as Read", lambda: self.mark_all_read(node), "mark-read")
        if node.kind in (NodeKind.FEED, NodeKind.FOLDER):
            add("Refresh", lambda: self.refresh_selected_feed(node), "refresh")
        if node.kind is NodeKind.FEED:
            menu.addSeparator()
            add("Feed Properties…", lambda: self.show_feed_properties(node), "properties")
            add("Unsubscribe…", lambda: self.unsubscribe(node), "delete")
            menu.addSeparator()
            add("New Folder…", lambda: self.new_folder(None), "folder")
        if node.kind is NodeKind.FOLDER:
            menu.addSeparator()
            add("New Folder…", lambda: self.new_folder(node), "folder")
            add("Rename Folder…", lambda: self.rename_folder(node))
            add("Delete Folder…", lambda: self.delete_folder(node), "delete")
        if node.kind is NodeKind.TAG:
            menu.addSeparator()
            add("Rename Tag…", lambda: self.rename_tag(node))
            colour = add("Tag Colour…", lambda: self.choose_tag_color(node))
            if node.color:
                colour.setIcon(_swatch(node.color))
                add("No Colour", lambda: self.set_tag_color(node, None))
            add("Delete Tag…", lambda: self.delete_tag(node), "delete")
        if node.kind is NodeKind.SEARCH:
            menu.addSeparator()
            tools = self.search_tools
            add("Rename Saved Search…", lambda: tools.rename_saved_search(node))
            add("Delete Saved Search…", lambda: tools.delete_saved_search(node), "delete")
        menu.popup(self.sidebar.viewport().mapToGlobal(pos))
        self._menu = menu

    # -- appearance ------------------------------------------------------------------------------
    def _choose_theme(self, choice: ThemeChoice) -> None:
        self.settings.theme = choice

    def _theme_changed(self, theme: Theme) -> None:
        self.article_view.article_delegate.set_theme(theme)
        self.sidebar.sidebar_delegate.theme = theme
        self.tag_bar.set_theme(theme)
        self.article_pane.set_theme(theme)
        self.article_view.viewport().update()
        self.sidebar.viewport().update()

    def zoom(self, step: int) -> None:
        """Make the article text larger (+1) or smaller (-1), or back to normal (0)."""
        from reader.app.settings import DEFAULT_FONT_SIZE

        size = DEFAULT_FONT_SIZE if step == 0 else self.settings.font_size + step
        self.settings.font_size = size
        self.show_message(f"Text size {self.settings.font_size} pt", 2_000)

    def _setting_changed(self, key: str) -> None:
        if key == "appearance/font_size":
            self.article_pane.set_font_size(self.settings.font_size)

    def show_preferences(self) -> None:
        from reader.ui.preferences_dialog import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self)
        dialog.accepted.connect(
            lambda: self.commands.oldest_first.setChecked(not self.settings.newest_first)
        )
        dialog.open()
        self.preferences_dialog = dialog

    def show_shortcuts(self) -> None:
        from reader.ui.shortcuts_dialog import ShortcutsDialog

        dialog = ShortcutsDialog(self)
        dialog.open()
        self.shortcuts_dialog = dialog

    # -- status ----------------------------------------------------------------------------------
    def show_message(self, text: str, timeout_ms: int = STATUS_TIMEOUT_MS) -> None:
        self.statusBar().showMessage(text, timeout_ms)

    def show_crash(self, text: str) -> None:
        self.crash_label.setText(text)
        self.crash_label.setToolTip(text)
        self.crash_label.show()
        self._crash_timer.start(15_000)

    def _update_actions(self) -> None:
        has_article = self.current_article() is not None
        for name in (
            "open_in_browser",
            "copy_link",
            "toggle_read",
            "toggle_star",
            "toggle_archive",
            "edit_tags",
            "delete",
        ):
            self.commands[name].setEnabled(has_article)
        self.commands.mark_all_read.setEnabled(
            isinstance(self.article_list_model.source, FilterSource)
        )
        self.commands.undo.setEnabled(self.undo_stack.entry is not None)
        self.commands.cancel_refresh.setEnabled(self.refresher.running)
        node = self._selected_node()
        self.commands.feed_properties.setEnabled(node is not None and node.kind is NodeKind.FEED)
        self.commands.unsubscribe.setEnabled(node is not None and node.kind is NodeKind.FEED)
        is_tag = node is not None and node.kind is NodeKind.TAG
        self.commands.rename_tag.setEnabled(is_tag)
        self.commands.tag_color.setEnabled(is_tag)
        self.commands.delete_tag.setEnabled(is_tag)
        is_folder = node is not None and node.kind is NodeKind.FOLDER
        self.commands.rename_folder.setEnabled(is_folder)
        self.commands.delete_folder.setEnabled(is_folder)

    def _update_empty_state(self) -> None:
        empty = self.library.is_empty()
        self.content.setCurrentWidget(self.empty_state if empty else self.reading_splitter)

    # -- for the benchmark and tests -----------------------------------------------------------
    def wait_until_ready(self) -> None:
        """Process events until the window is on screen with its first page listed."""
        app = QApplication.instance()
        while app is not None and not self.isVisible():
            app.processEvents()
        if app is not None:
            app.processEvents()

    def wait_for_counts(self) -> None:
        app = QApplication.instance()
        while app is not None and (self._counts_running or self.tasks.busy):
            app.processEvents()

    # -- closing -----------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_state()
        self._closing = True
        self._read_timer.stop()
        self._search_timer.stop()  # a search typed just before would start after the workers
        self.undo_stack.commit()
        self.refresher.shutdown()
        self.transfers.shutdown()
        self.saver.shutdown()
        self.writes.shutdown()
        self.tasks.shutdown()
        self.events.detach()
        super().closeEvent(event)


def _check_folder_exists(folders: Sequence[Folder], folder_id: int, name: str) -> None:
    """The folder the sidebar showed is still there. The library would take a stale id for
    the path of a folder named by that number, and SQLite may give a deleted folder's id to
    the next one made: the name must match too."""
    if not any(f.id == folder_id and f.name == name for f in folders):
        raise NotFoundError(f"the folder “{name}” is no longer there")


def _create_folder(
    library: Library, parent: Folder | None, parts: Sequence[str]
) -> tuple[int, str]:
    """Make the folder ``parts`` (a path of names) inside ``parent``; folders on the way that
    exist already (in any case) are used as they are, the last one may not. Runs on the write
    thread; returns the new folder's id and path."""
    paths = dict(library.folder_paths())
    prefix: list[str] = []
    if parent is not None:
        _check_folder_exists(library.list_folders(), parent.id, parent.name)
        prefix = [paths[parent.id]]
    wanted = "/".join([*prefix, *parts])
    taken = next((path for path in paths.values() if path.casefold() == wanted.casefold()), None)
    if taken is not None:
        raise DuplicateError(f"there is already a folder “{taken.rsplit('/', 1)[-1]}” there")
    folder_id = library.create_folder(wanted)
    return folder_id, dict(library.folder_paths())[folder_id]


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


def _plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}" if count == 1 else f"{count:,} {noun}s"


def _key_text(key: Key) -> str:
    return "\t".join(str(part) for part in key)


def _key_from_text(text: str) -> Key | None:
    parts = text.split("\t")
    if len(parts) != 2:
        return None
    kind, value = parts
    converted: Hashable = int(value) if kind in ("feed", "folder") and value.isdigit() else value
    return (kind, converted)
