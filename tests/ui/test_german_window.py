"""The window in German: its menus, sidebar, list, status messages, dates and Qt's own buttons
speak German, and at 1280 × 800 and at 900 × 600 no label, button or sidebar title is cut
off, in the window, its dialogs or the empty library's welcome."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QTabWidget,
    QWidget,
)
from pytest_httpserver import HTTPServer
from pytestqt.exceptions import TimeoutError
from pytestqt.qtbot import QtBot

from reader.app.translations import install_translations, locale_for
from reader.library import Library
from reader.library.views import SmartView
from reader.ui import article_delegate, sidebar_view
from reader.ui.article_html import long_date
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import FeedKey, ViewKey
from tests.ui.library_data import add_feed_with_articles, add_saved


@pytest.fixture
def german(qapp: QApplication, translations_dir: Path) -> Iterator[None]:
    """The window's language is German for this test, as with ``folio gui --lang de``."""
    # A row's date text is worked out once per day and kept; not across languages.
    article_delegate._day_text.cache_clear()
    translations = install_translations("de", folder=translations_dir)
    try:
        yield
    finally:
        translations.remove()
        QLocale.setDefault(locale_for("en"))
        article_delegate._day_text.cache_clear()


def visible_texts(root: QWidget) -> list[QLabel | QAbstractButton]:
    """The labels (one line) and buttons under ``root`` that show text and are on screen."""
    found: list[QLabel | QAbstractButton] = []
    for widget in root.findChildren(QWidget):
        one_line = isinstance(widget, QLabel) and not widget.wordWrap()
        if (one_line or isinstance(widget, QAbstractButton)) and widget.isVisible():
            assert isinstance(widget, QLabel | QAbstractButton)
            if widget.text():
                found.append(widget)
    return found


def cut_off(root: QWidget) -> list[str]:
    """Labels and buttons narrower than their text needs: what a reader sees cut off."""
    return [
        f"{type(w).__name__} {w.text()!r}: {w.width()} < {w.sizeHint().width()}"
        for w in visible_texts(root)
        if w.width() < w.sizeHint().width()
    ]


def settled_cut_off(root: QWidget, qtbot: QtBot) -> list[str]:
    """``cut_off`` once the layouts have had their turn (a resize lays out on later events)."""
    with contextlib.suppress(TimeoutError):
        qtbot.waitUntil(lambda: not cut_off(root), timeout=3000)
    return cut_off(root)


class RecordingMetrics(QFontMetrics):
    """QFontMetrics that notes every text the sidebar had to shorten."""

    elided: ClassVar[list[str]] = []

    def elidedText(self, text: str, mode: Any, width: int, flags: int = 0) -> str:  # type: ignore[override]
        shown = super().elidedText(text, mode, width, flags)
        if shown != text:
            RecordingMetrics.elided.append(text)
        return shown


def sidebar_elisions(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    RecordingMetrics.elided = []
    monkeypatch.setattr(sidebar_view, "QFontMetrics", RecordingMetrics)
    window.sidebar.viewport().grab()
    monkeypatch.undo()
    return RecordingMetrics.elided


def german_library(library: Library) -> None:
    add_feed_with_articles(library, "Tagesschau", 3, folder="Nachrichten")
    add_feed_with_articles(library, "Heise online Newsticker", 2)
    add_saved(library, "Ein gespeicherter Artikel", tags=["lesen"])


def test_the_window_speaks_german(
    german: None, library: Library, make_window: Any, qtbot: QtBot
) -> None:
    german_library(library)
    window: MainWindow = make_window(library)
    menus = [a.text() for a in window.menuBar().actions()]
    assert menus == ["&Bibliothek", "&Artikel", "&Gehe zu", "&Feeds", "A&nsicht", "&Hilfe"]
    assert window.commands.toggle_star.text().startswith("&Stern setzen / entfernen")
    assert window.commands.toggle_star.toolTip().endswith("(s)")
    model = window.sidebar_model
    views = [model.index(row, 0, model.index(0, 0)).data() for row in range(6)]
    assert views == ["Ungelesen", "Heute", "Mit Stern", "Gespeichert", "Archiv", "Alle Artikel"]
    sections = [model.index(row, 0).data() for row in range(model.rowCount())]
    assert sections == ["Bibliothek", "Feeds", "Tags"]
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    qtbot.waitUntil(lambda: window.list_header.count.text() == "6 Artikel")
    assert window.list_header.title.text() == "Alle Artikel"
    # A count in a sentence takes German's plural forms.
    window.list_controller.select_first()
    window.commands.toggle_archive.trigger()
    qtbot.waitUntil(lambda: window.status_bar.currentMessage() == "1 Artikel archiviert")
    # Dates in the article's byline and the window's numbers follow German.
    assert long_date(datetime(2026, 12, 4, 12, tzinfo=UTC)) == "4. Dezember 2026"
    assert QLocale().toString(12345) == "12.345"
    # Qt's own buttons speak German too.
    window.preferences.show_preferences()
    dialog = window.preferences.dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "") == "Abbrechen"
    assert dialog.windowTitle() == "Einstellungen"
    dialog.reject()
    window.show_shortcuts()
    table = window.shortcuts_dialog.table
    first = table.item(0, 0)
    assert first is not None and first.text() == "Bibliothek"
    window.shortcuts_dialog.reject()


@pytest.mark.parametrize("size", [(1280, 800), (900, 600)])
def test_nothing_is_cut_off_in_german(
    german: None,
    library: Library,
    make_window: Any,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    size: tuple[int, int],
) -> None:
    german_library(library)
    window: MainWindow = make_window(library)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    window.sidebar_controller.open_key(ViewKey(SmartView.UNREAD))
    window.list_controller.select_first()
    qtbot.waitUntil(lambda: window.article_pane.article is not None)
    assert settled_cut_off(window, qtbot) == []
    # The sidebar's views, sections, folders and tags are whole; only a feed's own long name
    # may be shortened (as it is in English), "Heise online Newsticker" here.
    # (The panes take their widths on events after the resize: wait for them to settle.)
    allowed = {"Heise online Newsticker"}
    qtbot.waitUntil(lambda: set(sidebar_elisions(window, monkeypatch)) <= allowed, timeout=5000)
    # Every dialog the window opens, in German, at the size it opens at.
    window.preferences.show_preferences()
    window.transfer_commands.add_feed()
    window.transfer_commands.save_article()
    window.sync_commands.show_account()
    window.search_controller.show_rules()
    window.show_shortcuts()
    dialogs = [
        window.preferences.dialog,
        window.transfer_commands.add_feed_dialog,
        window.transfer_commands.save_dialog,
        window.sync_commands.account_dialog,
        window.search_controller.rules_dialog,
        window.shortcuts_dialog,
    ]
    for dialog in dialogs:
        assert isinstance(dialog, QDialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert settled_cut_off(dialog, qtbot) == [], dialog.windowTitle()
        dialog.reject()


def every_tab_cut_off(dialog: QDialog, qtbot: QtBot) -> dict[str, list[str]]:
    """What is cut off on each tab of ``dialog``, and in its row of tabs, by tab."""
    tabs = dialog.findChild(QTabWidget)
    assert tabs is not None
    found = {}
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        found[tabs.tabText(index)] = settled_cut_off(dialog, qtbot)
    bar = tabs.tabBar()
    found["tabs"] = [
        tabs.tabText(i)
        for i in range(tabs.count())
        if bar.tabRect(i).width() < bar.tabSizeHint(i).width()
    ]
    return found


@pytest.mark.parametrize("size", [(1280, 800), (900, 600)])
def test_preferences_feed_properties_and_failed_links_are_whole_in_german(
    german: None,
    library: Library,
    make_window: Any,
    qtbot: QtBot,
    httpserver: HTTPServer,
    size: tuple[int, int],
) -> None:
    httpserver.expect_request("/down.xml").respond_with_data("down", status=503)
    feed = library.add_feed(httpserver.url_for("/down.xml"))
    for _ in range(2):
        library.refresh([feed.id], force=True)
    window: MainWindow = make_window(library)
    window.resize(*size)
    qtbot.waitUntil(lambda: window.width() == size[0])
    # Preferences: every tab, its choices and notes, and the tabs themselves.
    window.preferences.show_preferences()
    preferences = window.preferences.dialog
    assert preferences is not None
    qtbot.waitExposed(preferences)
    assert [preferences.tabs.tabText(i) for i in range(3)] == [
        "&Lesen",
        "&Feeds",
        "&Gespeicherte Artikel",
    ]
    assert preferences.language.count() == 3
    assert preferences.refresh.itemText(preferences.refresh.count() - 1) == "Täglich"
    cut = every_tab_cut_off(preferences, qtbot)
    assert cut == {name: [] for name in cut}
    preferences.reject()
    # A feed's properties, with the problem its last refreshes had.
    qtbot.waitUntil(lambda: window.sidebar_controller.node(FeedKey(feed.id)) is not None)
    node = window.sidebar_controller.node(FeedKey(feed.id))
    window.feed_commands.show_feed_properties(node)
    properties = window.feed_commands.properties_dialog
    assert properties is not None
    qtbot.waitExposed(properties)
    assert properties.problem_box.isVisible()
    assert properties.problem.text().startswith(
        "Die letzte Aktualisierung ist fehlgeschlagen (2-mal in Folge): "
    )
    assert properties.refresh.currentText().startswith("Wie in den Einstellungen (stündlich)")
    assert settled_cut_off(properties, qtbot) == []
    properties.reject()
    # The links whose page could not be fetched.
    from reader.library.transfer import FailedLink
    from reader.ui.failed_links_dialog import FailedLinksDialog

    failed = FailedLinksDialog(
        [
            FailedLink(
                1, "https://example.org/weg", "Ein Artikel, der nicht mehr da ist", "HTTP 404"
            ),
            FailedLink(2, "https://example.org/langsam", "", "timed out"),
        ],
        window,
    )
    failed.show()
    qtbot.waitExposed(failed)
    assert failed.windowTitle() == "Nicht abgerufene Links"
    assert failed.summary.text().startswith("Die Seiten dieser Links")
    assert settled_cut_off(failed, qtbot) == []
    failed.reject()


def test_the_empty_library_welcomes_in_german(
    german: None, library: Library, make_window: Any, qtbot: QtBot
) -> None:
    window: MainWindow = make_window(library)
    window.resize(900, 600)
    qtbot.waitUntil(window.empty_state.isVisible)
    texts = [w.text() for w in window.empty_state.findChildren(QLabel) if w.text()]
    assert "Willkommen bei Folio" in texts
    buttons = [b.text() for b in window.empty_state.findChildren(QAbstractButton)]
    assert "Einen Feed abonnieren" in "".join(buttons + texts)
    assert settled_cut_off(window, qtbot) == []


def test_every_command_is_marked_for_translation() -> None:
    """A command's text and tip are translated where its action is made, so they must be
    marked where it is declared: ``QT_TRANSLATE_NOOP("Action", …)``."""
    import xml.etree.ElementTree as ET

    from reader.ui.actions import GROUPS, commands_of
    from reader.ui.main_window import COMMANDS_FROM
    from tests.translation_files import TRANSLATIONS

    marked = {
        message.findtext("source")
        for context in ET.parse(TRANSLATIONS / "folio_de.ts").getroot().iter("context")
        if context.findtext("name") == "Action"
        for message in context.iter("message")
    }
    texts = set(GROUPS)
    for cls in (*COMMANDS_FROM, MainWindow):
        for found in commands_of(cls):
            texts.add(found.spec.text)
            if found.spec.tip:
                texts.add(found.spec.tip)
    assert sorted(texts - marked) == []
