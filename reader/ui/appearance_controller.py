"""How the window looks: the theme (the system's, light or dark) and the article's text size."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QActionGroup

from reader.app.settings import DEFAULT_FONT_SIZE, Settings, ThemeChoice
from reader.app.translations import QT_TRANSLATE_NOOP
from reader.ui.actions import WindowActions, command
from reader.ui.article_list_view import ArticleListView
from reader.ui.article_pane import ArticlePane
from reader.ui.sidebar_view import SidebarView
from reader.ui.status_bar import StatusBar
from reader.ui.theme import Theme, ThemeManager

THEME_ACTIONS = {
    ThemeChoice.SYSTEM: "theme_system",
    ThemeChoice.LIGHT: "theme_light",
    ThemeChoice.DARK: "theme_dark",
}


class AppearanceController(QObject):
    def __init__(
        self,
        settings: Settings,
        themes: ThemeManager,
        actions: WindowActions,
        status: StatusBar,
        *,
        pane: ArticlePane,
        article_view: ArticleListView,
        sidebar_view: SidebarView,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._actions = actions
        self._status = status
        self._pane = pane
        self._article_view = article_view
        self._sidebar_view = sidebar_view
        self.theme_group = QActionGroup(self)
        for name in THEME_ACTIONS.values():
            self.theme_group.addAction(actions[name])
        themes.changed.connect(self._theme_changed)
        settings.changed.connect(self._setting_changed)

    def restore(self) -> None:
        """Show the theme, text size, font and line length chosen in an earlier run."""
        self._pane.set_font_size(self._settings.font_size)
        self._apply_reading_choices()
        self._actions[THEME_ACTIONS[self._settings.theme]].setChecked(True)

    def _apply_reading_choices(self) -> None:
        self._pane.set_reading_choices(self._settings.reading_font, self._settings.line_characters)

    # -- the text size ---------------------------------------------------------------------------
    @command(
        "zoom_in",
        QT_TRANSLATE_NOOP("Action", "Zoom &In"),
        "View",
        ("Ctrl++", "Ctrl+="),
        icon="zoom-in",
    )
    def zoom_in(self) -> None:
        self.zoom(+1)

    @command(
        "zoom_out", QT_TRANSLATE_NOOP("Action", "Zoom &Out"), "View", ("Ctrl+-",), icon="zoom-out"
    )
    def zoom_out(self) -> None:
        self.zoom(-1)

    @command("zoom_reset", QT_TRANSLATE_NOOP("Action", "&Actual Size"), "View", ("Ctrl+0",))
    def zoom_reset(self) -> None:
        self.zoom(0)

    def zoom(self, step: int) -> None:
        """Make the article text larger (+1) or smaller (-1), or back to normal (0)."""
        size = DEFAULT_FONT_SIZE if step == 0 else self._settings.font_size + step
        self._settings.font_size = size
        self._status.show_message(
            self.tr("Text size {font_size} pt").format(font_size=self._settings.font_size), 2_000
        )

    def _setting_changed(self, key: str) -> None:
        if key == "appearance/font_size":
            self._pane.set_font_size(self._settings.font_size)
        elif key in ("appearance/reading_font", "appearance/line_characters"):
            self._apply_reading_choices()

    # -- the theme -------------------------------------------------------------------------------
    @command(
        "theme_system", QT_TRANSLATE_NOOP("Action", "Follow the &System"), "View", checkable=True
    )
    def follow_system_theme(self) -> None:
        self._settings.theme = ThemeChoice.SYSTEM

    @command("theme_light", QT_TRANSLATE_NOOP("Action", "&Light"), "View", checkable=True)
    def use_light_theme(self) -> None:
        self._settings.theme = ThemeChoice.LIGHT

    @command("theme_dark", QT_TRANSLATE_NOOP("Action", "&Dark"), "View", checkable=True)
    def use_dark_theme(self) -> None:
        self._settings.theme = ThemeChoice.DARK

    def _theme_changed(self, theme: Theme) -> None:
        self._article_view.article_delegate.set_theme(theme)
        self._sidebar_view.sidebar_delegate.theme = theme
        self._pane.tag_bar.set_theme(theme)
        self._pane.set_theme(theme)
        self._article_view.viewport().update()
        self._sidebar_view.viewport().update()
