"""Light and dark themes: the application palette, the window's style sheet and reading CSS.

"System" follows the desktop's colour scheme (and its changes while Folio runs); "light" and
"dark" force one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from reader.app.resources import resource_path
from reader.app.settings import Settings, ThemeChoice
from reader.core.highlights import LIGHT_BACKGROUNDS, HighlightColor, mark_css
from reader.ui import icons


@dataclass(frozen=True, slots=True)
class Theme:
    name: str
    dark: bool
    window: str
    base: str
    alternate: str
    text: str
    muted: str
    accent: str
    accent_text: str
    highlight: str
    highlight_text: str
    sidebar: str
    border: str
    link: str
    code_background: str
    quote: str
    chip: str
    chip_text: str
    unread_dot: str
    error: str
    # The words a search found, marked in the article (apart from highlights' colours).
    search_match: str
    search_underline: str
    # Finding in the article (Ctrl+F): every match, and the current one.
    find_match: str
    find_current: str
    find_current_text: str

    def placeholders(self) -> dict[str, str]:
        return {
            name: getattr(self, name)
            for name in self.__slots__
            if isinstance(getattr(self, name), str)
        }


LIGHT = Theme(
    name="light",
    dark=False,
    window="#f4f2ee",
    base="#fdfcf9",
    alternate="#f6f4f0",
    text="#1f2328",
    muted="#6b6f76",
    accent="#2f5d8a",
    accent_text="#ffffff",
    highlight="#d7e3f0",
    highlight_text="#14202c",
    sidebar="#efece6",
    border="#dcd8d0",
    link="#245a8f",
    code_background="#f0ede7",
    quote="#56595e",
    chip="#e4ebf3",
    chip_text="#23405e",
    unread_dot="#2f6fb0",
    error="#c2410c",
    search_match="#dbe7f5",
    search_underline="#2f5d8a",
    find_match="#f3dcb2",
    find_current="#e8913a",
    find_current_text="#1f2328",
)

DARK = Theme(
    name="dark",
    dark=True,
    window="#1f2124",
    base="#18191b",
    alternate="#1c1d20",
    text="#e6e4df",
    muted="#9a9ca1",
    accent="#6fa3d8",
    accent_text="#0d1620",
    highlight="#2b4763",
    highlight_text="#f1f4f8",
    sidebar="#1c1e21",
    border="#33363b",
    link="#8dbbea",
    code_background="#25272b",
    quote="#b4b6ba",
    chip="#2a3a4c",
    chip_text="#cfe0f2",
    unread_dot="#6fa8e6",
    error="#f28b54",
    search_match="#23405f",
    search_underline="#8dbbea",
    find_match="#5a4422",
    find_current="#d98a3a",
    find_current_text="#111214",
)


# Highlights on the dark page: deep tints the light text stays readable on.
DARK_BACKGROUNDS: dict[HighlightColor, str] = {
    HighlightColor.YELLOW: "#5b4c12",
    HighlightColor.GREEN: "#2d4f26",
    HighlightColor.BLUE: "#1e4068",
    HighlightColor.PINK: "#612a42",
    HighlightColor.ORANGE: "#643a14",
    HighlightColor.PURPLE: "#45336e",
}


def highlight_backgrounds(theme: Theme) -> dict[HighlightColor, str]:
    """The background of each highlight colour on the page of ``theme``."""
    return DARK_BACKGROUNDS if theme.dark else LIGHT_BACKGROUNDS


# How far a chip stands off the list's background: about what the themes' plain chips do.
CHIP_CONTRAST = 1.15


def _luminance(color: QColor) -> float:
    """Relative luminance as WCAG defines it (0 black, 1 white)."""

    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.04045 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(color.redF())
        + 0.7152 * channel(color.greenF())
        + 0.0722 * channel(color.blueF())
    )


def contrast_ratio(a: QColor, b: QColor) -> float:
    """From 1 (the same) to 21 (black on white); text wants 4.5, shapes 3."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def mix(a: QColor, b: QColor, share_of_b: float) -> QColor:
    t = min(max(share_of_b, 0.0), 1.0)
    return QColor.fromRgbF(
        a.redF() + (b.redF() - a.redF()) * t,
        a.greenF() + (b.greenF() - a.greenF()) * t,
        a.blueF() + (b.blueF() - a.blueF()) * t,
    )


def readable_on(color: QColor, background: QColor, ratio: float) -> QColor:
    """``color``, darkened on a light background (lightened on a dark one) just enough to
    stand out from it by ``ratio``: a user's tag colour may be pale yellow or navy."""
    if contrast_ratio(color, background) >= ratio:
        return QColor(color)
    extreme = QColor("#000000") if _luminance(background) > 0.18 else QColor("#ffffff")
    for step in range(1, 21):
        candidate = mix(color, extreme, step / 20)
        if contrast_ratio(candidate, background) >= ratio:
            return candidate
    return extreme


def tag_chip_colors(color: str, theme: Theme) -> tuple[QColor, QColor]:
    """Background and text of a chip for a tag of ``color``: a tint of the colour over the
    list's background, with text in the colour itself made readable on it."""
    tint = QColor(color)
    base = QColor(theme.base)
    background = mix(base, tint, 0.38 if theme.dark else 0.2)
    # A white tag on the light theme (black on the dark one) still gets a visible chip.
    background = readable_on(background, base, CHIP_CONTRAST)
    return background, readable_on(tint, background, 4.5)


def tag_icon_color(color: str, theme: Theme) -> QColor:
    """A tag's colour for its sidebar icon, visible on the sidebar of ``theme``."""
    return readable_on(QColor(color), QColor(theme.sidebar), 3.0)


def palette_for(theme: Theme) -> QPalette:
    palette = QPalette()
    role = QPalette.ColorRole
    colors = {
        role.Window: theme.window,
        role.WindowText: theme.text,
        role.Base: theme.base,
        role.AlternateBase: theme.alternate,
        role.Text: theme.text,
        role.Button: theme.window,
        role.ButtonText: theme.text,
        role.BrightText: "#ffffff",
        role.ToolTipBase: theme.base,
        role.ToolTipText: theme.text,
        role.PlaceholderText: theme.muted,
        role.Highlight: theme.highlight,
        role.HighlightedText: theme.highlight_text,
        role.Link: theme.link,
        role.LinkVisited: theme.link,
        role.Light: theme.base,
        role.Midlight: theme.alternate,
        role.Mid: theme.border,
        role.Dark: theme.border,
        role.Shadow: "#000000",
    }
    for r, value in colors.items():
        palette.setColor(r, QColor(value))
    muted = QColor(theme.muted)
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, r, muted)
    return palette


@cache
def _template(name: str) -> str:
    return resource_path("styles", name).read_text(encoding="utf-8")


def fill(template: str, values: dict[str, str]) -> str:
    """Replace ``@name@`` placeholders (CSS and QSS already use braces)."""
    for key, value in values.items():
        template = template.replace(f"@{key}@", value)
    return template


def reading_css(theme: Theme, *, font_size: int, family: str = "") -> str:
    values = theme.placeholders()
    values["font_size"] = f"{font_size}pt"
    # About half a line between lines: points to pixels (96 / 72), then a half.
    values["line_gap"] = f"{round(font_size * 96 / 72 * 0.5)}px"
    values["small_size"] = f"{max(font_size - 3, 7)}pt"
    values["title_size"] = f"{round(font_size * 1.75)}pt"
    values["h2_size"] = f"{round(font_size * 1.25)}pt"
    values["h3_size"] = f"{round(font_size * 1.1)}pt"
    values["code_size"] = f"{max(font_size - 2, 7)}pt"
    css = fill(_template("reading.css"), values)
    if family:
        # The reader's own font for the text, before the stylesheet's choices (the later rule
        # wins).
        name = family.replace("\\", "").replace('"', "")
        css += f'\nbody {{ font-family: "{name}", serif; }}\n'
    # Qt's rich text draws a <mark> in black unless told otherwise, whatever the theme.
    marks = mark_css(highlight_backgrounds(theme)) + f"mark.hl {{ color: {theme.text}; }}\n"
    return css + marks


def window_style_sheet(theme: Theme) -> str:
    return fill(_template("window.qss"), theme.placeholders())


class ThemeManager(QObject):
    """Applies the chosen theme to the application and tells the window when it changes."""

    changed = Signal(object)  # Theme

    def __init__(self, settings: Settings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._theme = LIGHT
        self._applied = False
        # The platform's own palette, judged before Folio replaces it.
        window = QGuiApplication.palette().color(QPalette.ColorRole.Window)
        self._platform_dark = window.lightness() < 128
        hints = QGuiApplication.styleHints()
        hints.colorSchemeChanged.connect(lambda _scheme: self.apply())
        settings.changed.connect(self._setting_changed)

    @property
    def theme(self) -> Theme:
        return self._theme

    def system_is_dark(self) -> bool:
        scheme = QGuiApplication.styleHints().colorScheme()
        if scheme == Qt.ColorScheme.Dark:
            return True
        if scheme == Qt.ColorScheme.Light:
            return False
        return self._platform_dark

    def effective(self) -> Theme:
        choice = self._settings.theme
        if choice is ThemeChoice.DARK:
            return DARK
        if choice is ThemeChoice.LIGHT:
            return LIGHT
        return DARK if self.system_is_dark() else LIGHT

    def apply_style(self) -> None:
        """Give the application the theme's palette and style sheet, telling no one: called
        before the window's widgets are made, they take the style as they are made rather than
        being styled again when it changes."""
        theme = self.effective()
        app = QApplication.instance()
        if isinstance(app, QApplication):
            # Setting a palette or a style sheet restyles every widget, even when it is the same.
            palette = palette_for(theme)
            if app.palette() != palette:
                app.setPalette(palette)
            sheet = window_style_sheet(theme)
            if app.styleSheet() != sheet:
                app.setStyleSheet(sheet)

    def apply(self) -> None:
        theme = self.effective()
        self.apply_style()
        icons.clear_cache()
        changed = theme != self._theme or not self._applied
        self._theme = theme
        self._applied = True
        if changed:
            self.changed.emit(theme)

    def _setting_changed(self, key: str) -> None:
        if key == "appearance/theme":
            self.apply()
