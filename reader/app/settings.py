"""The window's preferences, kept in QSettings: geometry, splitters, theme, reading font and line
width, delays, the inbox folder, automatic refresh and fetching links. (What the command line
shares, such as the refresh interval and retention, is kept in the library instead.)"""

from __future__ import annotations

import enum
from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal


class ThemeChoice(enum.StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


DEFAULT_FONT_SIZE = 13
MIN_FONT_SIZE = 8
MAX_FONT_SIZE = 32
DEFAULT_MARK_READ_DELAY_MS = 1000
# The reading column's width, in characters of the reading font.
DEFAULT_LINE_CHARACTERS = 70
MIN_LINE_CHARACTERS = 40
MAX_LINE_CHARACTERS = 120


class Settings(QObject):
    """Typed access to the preferences. ``changed`` names the key that changed."""

    changed = Signal(str)

    def __init__(self, store: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._store = store if store is not None else QSettings()

    @property
    def store(self) -> QSettings:
        return self._store

    def _get_int(self, key: str, default: int, low: int, high: int) -> int:
        value = self._store.value(key, default)
        try:
            number = int(str(value))
        except ValueError:
            return default
        return min(max(number, low), high)

    def _get_bool(self, key: str, default: bool) -> bool:
        value = self._store.value(key, default)
        if isinstance(value, bool):
            return value
        return str(value).lower() in ("1", "true", "yes")

    def _set(self, key: str, value: object) -> None:
        if self._store.value(key) == value:
            return
        self._store.setValue(key, value)
        self.changed.emit(key)

    # -- appearance ------------------------------------------------------------------------
    @property
    def theme(self) -> ThemeChoice:
        try:
            return ThemeChoice(str(self._store.value("appearance/theme", ThemeChoice.SYSTEM)))
        except ValueError:
            return ThemeChoice.SYSTEM

    @theme.setter
    def theme(self, value: ThemeChoice) -> None:
        self._set("appearance/theme", ThemeChoice(value).value)

    @property
    def font_size(self) -> int:
        """The article pane's body text size in points."""
        return self._get_int(
            "appearance/font_size", DEFAULT_FONT_SIZE, MIN_FONT_SIZE, MAX_FONT_SIZE
        )

    @font_size.setter
    def font_size(self, value: int) -> None:
        self._set("appearance/font_size", min(max(int(value), MIN_FONT_SIZE), MAX_FONT_SIZE))

    @property
    def reading_font(self) -> str:
        """The font family articles are read in; "" for Folio's own choice of serif."""
        return str(self._store.value("appearance/reading_font", "") or "").strip()

    @reading_font.setter
    def reading_font(self, family: str) -> None:
        self._set("appearance/reading_font", str(family or "").strip())

    @property
    def line_characters(self) -> int:
        """How wide the reading column is, in characters."""
        return self._get_int(
            "appearance/line_characters",
            DEFAULT_LINE_CHARACTERS,
            MIN_LINE_CHARACTERS,
            MAX_LINE_CHARACTERS,
        )

    @line_characters.setter
    def line_characters(self, value: int) -> None:
        number = min(max(int(value), MIN_LINE_CHARACTERS), MAX_LINE_CHARACTERS)
        self._set("appearance/line_characters", number)

    # -- reading -----------------------------------------------------------------------------
    @property
    def mark_read_delay_ms(self) -> int:
        """How long an article stays selected before it counts as read; 0 marks at once."""
        return self._get_int("reading/mark_read_delay_ms", DEFAULT_MARK_READ_DELAY_MS, 0, 60_000)

    @mark_read_delay_ms.setter
    def mark_read_delay_ms(self, value: int) -> None:
        self._set("reading/mark_read_delay_ms", min(max(int(value), 0), 60_000))

    @property
    def newest_first(self) -> bool:
        return self._get_bool("reading/newest_first", True)

    @newest_first.setter
    def newest_first(self, value: bool) -> None:
        self._set("reading/newest_first", bool(value))

    @property
    def search_by_relevance(self) -> bool:
        """Whether search results (with words) list the best matches first, else by date."""
        return self._get_bool("reading/search_by_relevance", True)

    @search_by_relevance.setter
    def search_by_relevance(self, value: bool) -> None:
        self._set("reading/search_by_relevance", bool(value))

    # -- language ----------------------------------------------------------------------------
    @property
    def language(self) -> str:
        """The window's language ("de", "en"), or "" to follow the system; read at start."""
        return str(self._store.value("appearance/language", "") or "")

    @language.setter
    def language(self, value: str) -> None:
        self._set("appearance/language", value or "")

    # -- working in the background ----------------------------------------------------------------
    @property
    def automatic_refresh(self) -> bool:
        """Whether feeds are refreshed by themselves while the window is open."""
        return self._get_bool("refresh/automatic", True)

    @automatic_refresh.setter
    def automatic_refresh(self, value: bool) -> None:
        self._set("refresh/automatic", bool(value))

    @property
    def refresh_on_battery(self) -> bool:
        """Whether scheduled refreshes also run on battery or a metered connection."""
        return self._get_bool("refresh/on_battery", False)

    @refresh_on_battery.setter
    def refresh_on_battery(self, value: bool) -> None:
        self._set("refresh/on_battery", bool(value))

    @property
    def links_paused(self) -> bool:
        """Whether fetching the pages of imported links was paused (it stays paused until
        resumed, across restarts)."""
        return self._get_bool("links/paused", False)

    @links_paused.setter
    def links_paused(self, value: bool) -> None:
        self._set("links/paused", bool(value))

    # -- inbox -------------------------------------------------------------------------------
    @property
    def inbox_folder(self) -> Path | None:
        """The folder whose new pages are saved while the window runs; None for none."""
        text = str(self._store.value("inbox/folder", "") or "").strip()
        return Path(text) if text else None

    @inbox_folder.setter
    def inbox_folder(self, value: Path | None) -> None:
        self._set("inbox/folder", str(value) if value is not None and str(value).strip() else "")

    # -- window state --------------------------------------------------------------------------
    def window_state(self, name: str) -> QByteArray | None:
        value = self._store.value(f"window/{name}")
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_state(self, name: str, value: QByteArray) -> None:
        self._store.setValue(f"window/{name}", value)

    def pane_shares(self) -> tuple[float, float] | None:
        """The sidebar's and the list's widths as shares of the window's (None: not set)."""
        value = self._store.value("window/pane_shares")
        try:
            sidebar, articles = (float(part) for part in str(value).split(","))
        except ValueError:
            return None
        if not (0 <= sidebar < 1 and 0 < articles < 1):
            return None
        return sidebar, articles

    def set_pane_shares(self, sidebar: float, articles: float) -> None:
        self._store.setValue("window/pane_shares", f"{sidebar:.4f},{articles:.4f}")

    @property
    def sidebar_visible(self) -> bool:
        return self._get_bool("window/sidebar_visible", True)

    @sidebar_visible.setter
    def sidebar_visible(self, value: bool) -> None:
        self._set("window/sidebar_visible", bool(value))

    def last_view(self) -> str | None:
        value = self._store.value("window/last_view")
        return str(value) if value else None

    def set_last_view(self, key: str) -> None:
        self._store.setValue("window/last_view", key)

    def sync(self) -> None:
        self._store.sync()
