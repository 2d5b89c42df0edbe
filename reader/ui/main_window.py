"""The main window: the three panes, the menus and the toolbar, and the controllers that do the
work, one per area, put together. Behaviour lives in the controllers:

- ``SidebarController``: the sidebar's tree and counts, and which item's list is open;
- ``ArticleListController``: the list, its header and the row the reader is on;
- ``ReadingController``: the article shown, moving on, links, images and its tags;
- ``ArticleCommandsController``: read, star, archive, tag, delete, mark all read, undo;
- ``FeedCommandsController`` and ``FolderTagCommandsController``: the Feeds menu and the
  sidebar's context menu (``SidebarMenu``), through ``SidebarEditor``;
- ``TransferCommandsController``: subscribing, saving, importing, exporting, drops;
- ``SearchController``: the search box, saved searches and the rules;
- ``SyncCommandsController``: the sync account, its sidebar item and "Sync Now";
- ``AppearanceController``: the theme, the text size, the reading font and line length;
- ``BackgroundCommandsController``: feeds fetched after an import, the pages of imported
  links fetched in the background, and "Load Full Article";
- ``PreferencesController``: the Preferences dialog and the refresh schedule.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLocale, Qt
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import (
    QApplication,
    QLineEdit,
    QMainWindow,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QWidget,
)

from reader import APP_NAME
from reader.app.crash import CrashHandler
from reader.app.edit_controller import EditController
from reader.app.full_text_controller import FullTextController
from reader.app.library_events import ChangeBatch, LibraryEvents
from reader.app.link_fetch_controller import LinkFetchController
from reader.app.refresh_controller import RefreshController
from reader.app.save_controller import SaveController
from reader.app.settings import Settings
from reader.app.sync_controller import SyncController
from reader.app.tasks import TaskRunner
from reader.app.transfer_controller import TransferController
from reader.app.translations import QT_TRANSLATE_NOOP
from reader.library import Library
from reader.library.views import SmartView
from reader.ui.account_section import AccountSection
from reader.ui.actions import WindowActions, command, translated
from reader.ui.appearance_controller import AppearanceController
from reader.ui.article_commands import ArticleCommandsController
from reader.ui.article_list_controller import ArticleListController
from reader.ui.article_list_model import ArticleListModel
from reader.ui.article_list_view import ArticleListPanel
from reader.ui.article_pane import ArticlePane
from reader.ui.background_commands import BackgroundCommandsController
from reader.ui.empty_state import EmptyState
from reader.ui.feed_commands import FeedCommandsController
from reader.ui.first_paint import AfterFirstPaint
from reader.ui.folder_tag_commands import FolderTagCommandsController
from reader.ui.highlight_commands import HighlightCommandsController
from reader.ui.highlights_view import HighlightsViewController
from reader.ui.icons import icon
from reader.ui.pane_focus import SHORTCUT_ROWS, PaneFocus
from reader.ui.pane_layout import PaneLayout
from reader.ui.preferences_controller import PreferencesController
from reader.ui.prompts import Prompts, QtPrompts
from reader.ui.reading_controller import ReadingController
from reader.ui.saved_search_section import SavedSearchCommands, SavedSearchesSection
from reader.ui.search_controller import SearchController
from reader.ui.sidebar_controller import SidebarController
from reader.ui.sidebar_edits import SidebarEditor
from reader.ui.sidebar_keys import DEFAULT_VIEW, HighlightsKey, ViewKey
from reader.ui.sidebar_menu import SidebarMenu
from reader.ui.sidebar_model import SidebarModel, SidebarSection
from reader.ui.sidebar_view import SidebarView
from reader.ui.status_bar import StatusBar
from reader.ui.sync_commands import SyncCommandsController
from reader.ui.theme import ThemeManager
from reader.ui.transfer_commands import TransferCommandsController
from reader.ui.undo import UndoStack

# The menus and the toolbar, by action name; "|" is a separator.
MENUS = {
    QT_TRANSLATE_NOOP(
        "MainWindow", "&Library"
    ): "add_feed save_article | import export pause_links failed_links"
    " | refresh_all refresh_feed cancel_refresh | sync_now sync_account | show_rules preferences"
    " | quit",
    QT_TRANSLATE_NOOP(
        "MainWindow", "&Article"
    ): "open_in_browser copy_link load_full_text | toggle_read toggle_star"
    " toggle_archive edit_tags delete | highlight_selection edit_note | mark_all_read | undo",
    QT_TRANSLATE_NOOP(
        "MainWindow", "&Go"
    ): "next_article previous_article next_unread previous_unread page_down"
    " | focus_search find_in_article",
    QT_TRANSLATE_NOOP(
        "MainWindow", "&Feeds"
    ): "feed_properties unsubscribe | new_folder rename_folder delete_folder"
    " | rename_tag tag_color delete_tag",
    QT_TRANSLATE_NOOP(
        "MainWindow", "&View"
    ): "toggle_sidebar | zoom_in zoom_out zoom_reset | oldest_first relevance_first",
}
THEME_MENU = "theme_system theme_light theme_dark"
TOOLBAR = (
    "add_feed save_article refresh_all | mark_all_read"
    " | toggle_star toggle_archive edit_tags delete open_in_browser"
)
# The controllers that declare commands, in the order the shortcut list shows them.
COMMANDS_FROM = (
    TransferCommandsController,
    FeedCommandsController,
    SyncCommandsController,
    FolderTagCommandsController,
    ArticleListController,
    ReadingController,
    HighlightCommandsController,
    SearchController,
    ArticleCommandsController,
    BackgroundCommandsController,
    AppearanceController,
    PreferencesController,
    PaneLayout,
)


class MainWindow(QMainWindow):
    def __init__(
        self,
        library: Library,
        *,
        settings: Settings | None = None,
        sections: Sequence[SidebarSection] | None = None,
        crash_handler: CrashHandler | None = None,
        prompts: Prompts | None = None,
        demo: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.library = library
        self.settings = settings or Settings()
        # Every modal question (confirm, a name, a colour, a file) goes through this object.
        self.prompts: Prompts = prompts or QtPrompts(self)
        self._title = (
            self.tr("{APP_NAME} — demo library").format(APP_NAME=APP_NAME) if demo else APP_NAME
        )
        self.setWindowTitle(self._title)
        self.setAcceptDrops(True)
        self.resize(1280, 800)
        self._closing = False
        # Reads in the background, the user's changes in order on one thread. Readers keep a
        # small page cache of their own; see Library.limit_read_cache.
        library.limit_read_cache()
        self.tasks = TaskRunner(workers=2, initializer=library.limit_read_cache, parent=self)
        self.edits = EditController(parent=self)
        self.events = LibraryEvents(library, parent=self)
        self.refresher = RefreshController(library, parent=self)
        self.syncer = SyncController(library, parent=self)
        self.saver = SaveController(library, parent=self)
        self.transfers = TransferController(library, parent=self)
        self.links = LinkFetchController(library, self.settings, self.tasks, parent=self)
        self.full_text = FullTextController(library, parent=self)
        self.undo_stack = UndoStack(parent=self)
        self.themes = ThemeManager(self.settings, parent=self)
        self.themes.apply_style()
        self.crash_handler = crash_handler

        self.commands = WindowActions(self, [*COMMANDS_FROM, MainWindow])
        self._build_panes(sections)
        self._build_toolbar()
        self.status_bar = StatusBar(self.commands.undo, self)
        self.setStatusBar(self.status_bar)
        self._build_controllers(add_saved_searches=sections is None)
        self._build_menus()
        self._connect()
        self.themes.apply()
        self._restore_state()
        # The views are listed now, before the window shows; the feeds and tags of the
        # sidebar, every count and the sync account are read in the background once it has
        # been painted.
        self.sidebar_controller.restore()
        self._update_empty_state()
        self.after_first_paint = AfterFirstPaint(
            self,
            [self.sidebar_controller.reload, self.sync_commands.read_status],
            wanted=lambda: not self._closing,
        )
        # Keys go to the list from the start: "j" reads the next article rather than typing
        # into the search box.
        self.article_view.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- building ------------------------------------------------------------------------------
    def _build_panes(self, sections: Sequence[SidebarSection] | None) -> None:
        self.sidebar_model = SidebarModel(sections, parent=self)
        self.sidebar = SidebarView(self)
        self.sidebar.setModel(self.sidebar_model)

        self.article_list_model = ArticleListModel(
            self.library, run_in_background=self.tasks.run, parent=self
        )
        self.list_panel = ArticleListPanel(self)
        self.article_view = self.list_panel.view
        self.article_view.setModel(self.article_list_model)
        self.list_header = self.list_panel.header
        self.list_header.sort_button.setDefaultAction(self.commands.oldest_first)
        self.list_header.sort_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)

        self.article_pane = ArticlePane(self)
        self.tag_bar = self.article_pane.tag_bar

        self.reading_splitter = _splitter(
            "readingSplitter", self.list_panel, self.article_pane, parent=self
        )
        self.empty_state = EmptyState(self)
        self.content = QStackedWidget(self)
        self.content.addWidget(self.reading_splitter)
        self.content.addWidget(self.empty_state)
        self.splitter = _splitter("mainSplitter", self.sidebar, self.content, parent=self)
        self.setCentralWidget(self.splitter)
        self.pane_layout = PaneLayout(
            self.settings,
            outer=self.splitter,
            inner=self.reading_splitter,
            sidebar=self.sidebar,
            parent=self,
        )
        self.pane_focus = PaneFocus(
            self.sidebar, self.article_view, self.article_pane.browser, parent=self
        )

    def _build_toolbar(self) -> None:
        toolbar = QToolBar(self.tr("Main"), self)
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setFloatable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        for name in TOOLBAR.split():
            toolbar.addSeparator() if name == "|" else toolbar.addAction(self.commands[name])
        spacer = QWidget(toolbar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        self.search_box = QLineEdit(toolbar)
        self.search_box.setObjectName("searchBox")
        self.search_box.setPlaceholderText(self.tr("Search  ( / )"))
        self.search_box.setClearButtonEnabled(True)
        self.search_box.addAction(icon("search"), QLineEdit.ActionPosition.LeadingPosition)
        self.search_box.setFixedWidth(280)
        self.search_box.setAccessibleName(self.tr("Search articles"))
        toolbar.addWidget(self.search_box)
        self.addToolBar(toolbar)
        self.toolbar = toolbar

    def _build_controllers(self, *, add_saved_searches: bool) -> None:
        library, settings, status, actions = (
            self.library,
            self.settings,
            self.status_bar,
            self.commands,
        )
        # Articles deleted while their undo is offered: the list and the counts leave them out.
        pending_delete: set[int] = set()
        self.list_controller = articles = ArticleListController(
            library=library,
            settings=settings,
            model=self.article_list_model,
            panel=self.list_panel,
            edits=self.edits,
            actions=actions,
            pending_delete=pending_delete,
            parent=self,
        )
        self.reading_controller = reading = ReadingController(
            library=library,
            settings=settings,
            pane=self.article_pane,
            articles=articles,
            tasks=self.tasks,
            edits=self.edits,
            status=status,
            undo_stack=self.undo_stack,
            parent=self,
        )
        self.highlight_commands = HighlightCommandsController(
            library=library,
            pane=self.article_pane,
            reading=reading,
            edits=self.edits,
            undo_stack=self.undo_stack,
            prompts=self.prompts,
            status=status,
            parent=self,
        )
        self.highlights_view = HighlightsViewController(
            library=library, panel=self.list_panel, reading=reading, parent=self
        )
        self.sidebar_controller = sidebar = SidebarController(
            library=library,
            settings=settings,
            model=self.sidebar_model,
            view=self.sidebar,
            articles=articles,
            tasks=self.tasks,
            status=status,
            pending_delete=pending_delete,
            parent=self,
        )
        # Feeds, folders, tags and saved searches are changed through this one object.
        editor = SidebarEditor(sidebar, self.edits, self.prompts, status, self.undo_stack)
        self.article_commands = ArticleCommandsController(
            library=library,
            articles=articles,
            reading=reading,
            sidebar=sidebar,
            edits=self.edits,
            undo_stack=self.undo_stack,
            status=status,
            actions=actions,
            pending_delete=pending_delete,
            parent=self,
        )
        self.feed_commands = FeedCommandsController(
            library=library,
            refresher=self.refresher,
            sidebar=sidebar,
            editor=editor,
            status=status,
            actions=actions,
            dialog_parent=self,
            prompts=self.prompts,
            full_text=self.full_text,
            parent=self,
        )
        self.folder_tag_commands = FolderTagCommandsController(
            library=library,
            sidebar=sidebar,
            articles=articles,
            editor=editor,
            prompts=self.prompts,
            status=status,
            actions=actions,
            parent=self,
        )
        self.transfer_commands = TransferCommandsController(
            library=library,
            tasks=self.tasks,
            saver=self.saver,
            transfers=self.transfers,
            sidebar=sidebar,
            prompts=self.prompts,
            status=status,
            dialog_parent=self,
            shown_article=lambda: reading.shown_id,
            parent=self,
        )
        self.background = BackgroundCommandsController(
            library=library,
            tasks=self.tasks,
            refresher=self.refresher,
            links=self.links,
            full_text=self.full_text,
            transfers=self.transfers,
            articles=articles,
            status=status,
            actions=actions,
            dialog_parent=self,
            parent=self,
        )
        self.preferences = PreferencesController(
            library=library,
            settings=settings,
            edits=self.edits,
            refresher=self.refresher,
            prompts=self.prompts,
            status=status,
            actions=actions,
            dialog_parent=self,
            parent=self,
        )
        saved_searches = SavedSearchCommands(library, self.prompts, editor.apply)
        if add_saved_searches:
            self.sidebar_model.add_section(SavedSearchesSection(), after="views")
            syncer = self.syncer
            self.sidebar_model.add_section(
                AccountSection(lambda: syncer.running), after=SavedSearchesSection.key
            )
        self.sync_commands = SyncCommandsController(
            syncer=self.syncer,
            refresher=self.refresher,
            events=self.events,
            sidebar=sidebar,
            model=self.sidebar_model,
            view=self.sidebar,
            prompts=self.prompts,
            status=status,
            actions=actions,
            dialog_parent=self,
            parent=self,
        )
        self.search_controller = SearchController(
            library=library,
            settings=settings,
            box=self.search_box,
            toolbar=self.toolbar,
            sidebar=sidebar,
            articles=articles,
            saved_searches=saved_searches,
            dialog_parent=self,
            parent=self,
        )
        self.appearance = AppearanceController(
            settings,
            self.themes,
            actions,
            status,
            pane=self.article_pane,
            article_view=self.article_view,
            sidebar_view=self.sidebar,
            parent=self,
        )
        self.sidebar_menu = SidebarMenu(
            self.sidebar,
            self.sidebar_model,
            articles=self.article_commands,
            feeds=self.feed_commands,
            folders_and_tags=self.folder_tag_commands,
            saved_searches=saved_searches,
            sync=self.sync_commands,
            parent=self,
        )
        for controller in (
            self.transfer_commands,
            self.feed_commands,
            self.sync_commands,
            self.folder_tag_commands,
            articles,
            reading,
            self.highlight_commands,
            self.search_controller,
            self.article_commands,
            self.background,
            self.appearance,
            self.preferences,
            self.pane_layout,
            self,
        ):
            actions.bind(controller)
        self.article_pane.set_state_actions(actions.toggle_star, actions.toggle_archive)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        menus = {}
        for title, names in MENUS.items():
            menu = menus[title] = bar.addMenu(QCoreApplication.translate("MainWindow", title))
            for name in names.split():
                menu.addSeparator() if name == "|" else menu.addAction(self.commands[name])
            if title == "&View":
                themes = menu.addMenu(self.tr("&Theme"))
                for name in THEME_MENU.split():
                    themes.addAction(self.commands[name])
        bar.addMenu(self.tr("&Help")).addAction(self.commands.shortcuts)

    def _connect(self) -> None:
        self.events.changed.connect(self._library_changed)
        self.edits.failed.connect(self.status_bar.show_write_failure)
        sidebar, articles = self.sidebar_controller, self.list_controller
        sidebar.tags_loaded.connect(lambda _names, colors: articles.set_tag_colors(colors))
        sidebar.tags_loaded.connect(self.reading_controller.set_known_tags)
        sidebar.tree_loaded.connect(self._update_empty_state)
        sidebar.current_changed.connect(self._show_highlights_view)
        self.themes.changed.connect(self.highlights_view.set_theme)
        sidebar.counts_loaded.connect(self._update_title)
        self.sidebar_model.feeds_dropped.connect(self.feed_commands.move_feeds)
        self.sidebar_model.folders_dropped.connect(self.folder_tag_commands.move_folders)
        self.article_view.doubleClicked.connect(
            lambda _index: self.reading_controller.open_in_browser()
        )
        self.tag_bar.finished.connect(self.article_view.setFocus)
        self.empty_state.add_feed.connect(self.transfer_commands.add_feed)
        self.empty_state.save_article.connect(self.transfer_commands.save_article)
        self.empty_state.import_file.connect(self.transfer_commands.import_file)
        self.transfer_commands.saved_to_show.connect(self._show_saved)
        self.empty_state.sync_account.connect(self.sync_commands.show_account)
        if self.crash_handler is not None:
            self.crash_handler.crashed.connect(self.status_bar.show_crash)

    # -- state kept between runs ---------------------------------------------------------------
    def _restore_state(self) -> None:
        s = self.settings
        geometry = s.window_state("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        self.commands.toggle_sidebar.setChecked(s.sidebar_visible)
        self.appearance.restore()
        self.commands.oldest_first.setChecked(not s.newest_first)
        self.commands.relevance_first.setChecked(s.search_by_relevance)

    def _save_state(self) -> None:
        s = self.settings
        s.set_window_state("geometry", self.saveGeometry())
        self.pane_layout.remember()
        self.sidebar_controller.save_state()
        s.sync()

    # -- what the whole window shows -------------------------------------------------------------
    def _library_changed(self, batch: ChangeBatch) -> None:
        if self._closing:
            return
        self.sidebar_controller.library_changed(batch)
        self.list_controller.library_changed(batch)
        self.reading_controller.library_changed(batch)
        # Articles deleted or retitled change the Highlights list too.
        if batch.highlight_ids or batch.articles:
            self.highlights_view.highlights_changed(sorted(batch.highlight_ids))
        self._update_empty_state()

    def _show_highlights_view(self) -> None:
        """The middle pane lists highlights while the sidebar's Highlights item is open."""
        sidebar = self.sidebar_controller
        active = isinstance(sidebar.current_key, HighlightsKey) and not sidebar.searching
        self.highlights_view.set_active(active)
        self.pane_focus.set_list(self.highlights_view.view if active else self.article_view)

    def _update_title(self) -> None:
        unread = self.sidebar_model.unread(DEFAULT_VIEW)
        self.setWindowTitle(
            f"{self._title} ({QLocale().toString(unread)})" if unread else self._title
        )

    def _update_empty_state(self) -> None:
        empty = self.library.is_empty()
        self.content.setCurrentWidget(self.empty_state if empty else self.reading_splitter)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.transfer_commands.dropped_sources(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        if self.transfer_commands.dropped_sources(event):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        self.transfer_commands.drop(event)

    def _show_saved(self, article_id: int, shown_before: int | None) -> None:
        """An article the reader saved is shown, unless they went on to read another one
        while it was saved."""
        if self.reading_controller.shown_id == shown_before:
            self.reveal_article(article_id)

    def reveal_article(self, article_id: int) -> None:
        """Select ``article_id`` in the list shown, else in Saved, All articles or Archive."""
        if self.list_controller.select_article(article_id):
            return
        for view in (SmartView.SAVED, SmartView.ALL, SmartView.ARCHIVE):
            self.sidebar_controller.open_key(ViewKey(view))
            if self.list_controller.select_article(article_id):
                return

    def start_background_work(self) -> None:
        """Refresh feeds on their schedule and fetch the links still waiting for their page
        (not in tests, which start what they need themselves)."""
        self.preferences.start_schedule()
        self.background.start()

    # -- the window's own commands ---------------------------------------------------------------
    @command("quit", QT_TRANSLATE_NOOP("Action", "&Quit"), "Library", ("Ctrl+Q",))
    def quit_window(self) -> None:
        self.close()

    @command(
        "shortcuts",
        QT_TRANSLATE_NOOP("Action", "&Keyboard Shortcuts"),
        "Help",
        ("?", "F1"),
        icon="keyboard",
    )
    def show_shortcuts(self) -> None:
        from reader.ui.shortcuts_dialog import ShortcutsDialog

        rows = self.commands.shortcut_rows()
        # The keys that move between the panes come after the other reading keys.
        last_reading = max(i for i, row in enumerate(rows) if row[0] == "Reading")
        rows[last_reading + 1 : last_reading + 1] = [
            (g, translated(t), translated(k)) for g, t, k in SHORTCUT_ROWS
        ]
        dialog = ShortcutsDialog(rows, self)
        dialog.open()
        self.shortcuts_dialog = dialog

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
        while app is not None and (self.sidebar_controller.counting or self.tasks.busy):
            app.processEvents()

    # -- closing -----------------------------------------------------------------------------------
    def closeEvent(self, event: QCloseEvent) -> None:
        self._save_state()
        self._closing = True
        self.sidebar_controller.shutdown()
        self.reading_controller.cancel_marking_read()
        # A search typed just before closing must not run on the stopped task pool.
        self.search_controller.shutdown()
        self.undo_stack.commit()
        self.refresher.shutdown()
        self.syncer.shutdown()
        self.background.shutdown()
        self.transfers.shutdown()
        self.saver.shutdown()
        self.edits.shutdown()
        self.tasks.shutdown()
        self.events.detach()
        super().closeEvent(event)


def _splitter(name: str, first: QWidget, second: QWidget, *, parent: QWidget) -> QSplitter:
    """Two panes side by side: the first keeps its width, the second takes what is left."""
    splitter = QSplitter(Qt.Orientation.Horizontal, parent)
    splitter.setObjectName(name)
    splitter.addWidget(first)
    splitter.addWidget(second)
    splitter.setStretchFactor(0, 0)
    splitter.setStretchFactor(1, 1)
    splitter.setHandleWidth(1)
    splitter.setChildrenCollapsible(False)
    return splitter
