"""Themes, the reading style, and what the article pane will not load."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.app.settings import ThemeChoice
from reader.library import Library
from reader.library.views import SmartView
from reader.ui.article_browser import LINE_CHARACTERS, ArticleBrowser
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import ViewKey
from reader.ui.theme import DARK, LIGHT, reading_css
from tests.ui.library_data import add_saved


def test_forcing_dark_and_light(library: Library, window: MainWindow, qtbot: QtBot) -> None:
    add_saved(library, "Some article")
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    window.list_controller.select_first()
    window.commands.theme_dark.trigger()
    assert window.settings.theme is ThemeChoice.DARK
    assert window.themes.theme is DARK
    window_color = QApplication.palette().color(QPalette.ColorRole.Window)
    assert window_color.lightness() < 80
    html = window.article_pane.browser.toHtml()
    assert DARK.base in html or DARK.base.upper() in html.upper()
    window.commands.theme_light.trigger()
    assert window.themes.theme is LIGHT
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 200
    window.commands.theme_system.trigger()
    assert window.settings.theme.value == "system"


def test_reading_css_is_filled_in() -> None:
    css = reading_css(LIGHT, font_size=15)
    assert "@" not in css.replace("@media", "")
    assert "15pt" in css
    assert LIGHT.link in css


def test_lines_stay_near_seventy_characters(qtbot: QtBot) -> None:
    browser = ArticleBrowser()
    qtbot.addWidget(browser)
    browser.resize(1400, 700)
    browser.show()
    qtbot.waitExposed(browser)
    browser.show_document("<p>" + "word " * 400 + "</p>")
    frame = browser.document().rootFrame().frameFormat()
    text_width = browser.viewport().width() - frame.leftMargin() - frame.rightMargin()
    assert abs(text_width - browser.line_width()) < 2
    assert frame.leftMargin() == frame.rightMargin()
    # Narrow windows keep a small margin and let lines be shorter.
    browser.resize(420, 700)
    qtbot.waitUntil(lambda: browser.viewport().width() < 420)
    frame = browser.document().rootFrame().frameFormat()
    assert frame.leftMargin() >= 28
    average = browser.line_width() / LINE_CHARACTERS
    assert browser.viewport().width() - 2 * frame.leftMargin() < average * LINE_CHARACTERS


def test_only_library_images_are_loaded(qtbot: QtBot) -> None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(2000, 100, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes
    asked: list[str] = []

    def loader(digest: str) -> tuple[str, bytes] | None:
        asked.append(digest)
        return ("image/png", bytes(data.data())) if digest == "a" * 64 else None

    browser = ArticleBrowser()
    qtbot.addWidget(browser)
    browser.image_loader = loader
    assert browser.loadResource(2, "https://tracker.example/pixel.gif") is None
    assert browser.loadResource(2, "file:///etc/hostname") is None
    assert browser.loadResource(1, "https://example.org/style.css") is None
    assert asked == []
    wide = browser.loadResource(2, "folio-image:" + "a" * 64)
    assert wide is not None
    # Its own size: the pane scales what it shows to the text column (test_reading_pane.py).
    assert wide.width() == 2000
    assert browser.loadResource(2, "folio-image:" + "b" * 64) is None
