"""Flows through the window, with the keyboard and the mouse, on a real library file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices, QDropEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.library.views import SmartView
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import FeedKey, TagKey, ViewKey
from tests.ui.keyboard import click, press, type_text
from tests.ui.library_data import add_feed_with_articles, add_saved


def key(
    qtbot: QtBot,
    window: MainWindow,
    k: Qt.Key | str,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    target = QApplication.focusWidget() or window.article_view
    press(target, k, modifier)


def shown_title(window: MainWindow) -> str | None:
    article = window.article_pane.article
    return article.title if article else None


@pytest.fixture
def two_feeds(library: Library) -> tuple[list[int], list[int]]:
    _a, a_ids = add_feed_with_articles(library, "Alpha", 3, folder="News")
    _b, b_ids = add_feed_with_articles(library, "Beta", 2)
    return a_ids, b_ids


def test_opens_on_unread_and_selecting_a_feed_lists_it(
    library: Library, two_feeds: tuple[list[int], list[int]], make_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = make_window(library)  # type: ignore[operator]
    assert window.focusWidget() is window.article_view
    assert window.list_header.title.text() == "Unread"
    assert window.article_list_model.rowCount() == 5
    qtbot.waitUntil(lambda: window.list_header.count.text() == "5 articles")
    feed_id = library.resolve_feed("https://beta.example/feed.xml").id
    index = window.sidebar_model.index_for_key(FeedKey(feed_id))
    rect = window.sidebar.visualRect(index)
    click(window.sidebar.viewport(), rect.center())
    assert window.list_header.title.text() == "Beta"
    assert [
        window.article_list_model.data(window.article_list_model.index(r)) for r in range(2)
    ] == [
        "Beta article 0",
        "Beta article 1",
    ]


def test_selecting_marks_read_after_the_delay_and_counts_follow(
    library: Library,
    two_feeds: tuple[list[int], list[int]],
    make_window: object,
    settings: object,
    qtbot: QtBot,
) -> None:
    settings.mark_read_delay_ms = 150  # type: ignore[attr-defined]
    window: MainWindow = make_window(library)  # type: ignore[operator]
    qtbot.waitUntil(lambda: window.sidebar_model.unread(ViewKey(SmartView.UNREAD)) == 5)
    window.article_view.setFocus()
    key(qtbot, window, Qt.Key.Key_J)
    first = window.list_controller.current_article()
    assert first is not None and shown_title(window) == first.title
    # Moving on before the delay leaves the first article unread.
    key(qtbot, window, Qt.Key.Key_J)
    second = window.list_controller.current_article()
    assert second is not None and second.id != first.id
    qtbot.waitUntil(lambda: library.get_article(second.id).read, timeout=3000)
    assert not library.get_article(first.id).read
    qtbot.waitUntil(lambda: window.sidebar_model.unread(ViewKey(SmartView.UNREAD)) == 4)


def test_keyboard_navigation(
    library: Library,
    two_feeds: tuple[list[int], list[int]],
    make_window: object,
    settings: object,
    qtbot: QtBot,
) -> None:
    settings.mark_read_delay_ms = 60_000  # type: ignore[attr-defined]
    window: MainWindow = make_window(library)  # type: ignore[operator]
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    window.article_view.setFocus()
    assert window.list_controller.current_article() is None  # focus alone opens nothing
    key(qtbot, window, Qt.Key.Key_J)
    assert window.article_view.currentIndex().row() == 0
    key(qtbot, window, Qt.Key.Key_J)
    key(qtbot, window, Qt.Key.Key_J)
    assert window.article_view.currentIndex().row() == 2
    key(qtbot, window, Qt.Key.Key_K)
    assert window.article_view.currentIndex().row() == 1
    # n and p skip read articles.
    third = window.article_list_model.article(2)
    assert third is not None
    library.mark([third.id], read=True)
    qtbot.waitUntil(lambda: window.article_list_model.article(2).read)  # type: ignore[union-attr]
    key(qtbot, window, Qt.Key.Key_N)
    assert window.article_view.currentIndex().row() == 3
    key(qtbot, window, Qt.Key.Key_P)
    assert window.article_view.currentIndex().row() == 1
    # m toggles read, at once, whatever the delay.
    current = window.list_controller.current_article()
    assert current is not None
    key(qtbot, window, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: library.get_article(current.id).read)
    key(qtbot, window, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: not library.get_article(current.id).read)
    # At the end of the list j stays put; n says there is nothing more.
    for _ in range(6):
        key(qtbot, window, Qt.Key.Key_J)
    assert window.article_view.currentIndex().row() == 4
    key(qtbot, window, Qt.Key.Key_N)
    assert window.statusBar().currentMessage() == "No more unread articles in this list"


def test_space_pages_then_moves_to_the_next_unread(
    library: Library, window: MainWindow, qtbot: QtBot
) -> None:
    long_text = "\n\n".join(f"Paragraph {i} " + "word " * 80 for i in range(40))
    add_saved(library, "Long one", text=long_text)
    from datetime import timedelta

    from tests.factories import BASE_TIME

    add_saved(library, "Next one", published=BASE_TIME - timedelta(days=1))
    window.sidebar_controller.open_key(ViewKey(SmartView.UNREAD))
    window.article_view.setFocus()
    key(qtbot, window, Qt.Key.Key_J)
    assert shown_title(window) == "Long one"
    bar = window.article_pane.browser.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    key(qtbot, window, Qt.Key.Key_Space)
    assert bar.value() > 0
    assert shown_title(window) == "Long one"
    for _ in range(200):
        if shown_title(window) != "Long one":
            break
        key(qtbot, window, Qt.Key.Key_Space)
    assert shown_title(window) == "Next one"


def test_star_and_archive_from_the_keyboard(
    library: Library, two_feeds: tuple[list[int], list[int]], window: MainWindow, qtbot: QtBot
) -> None:
    window.article_view.setFocus()
    key(qtbot, window, Qt.Key.Key_J)
    article = window.list_controller.current_article()
    assert article is not None
    key(qtbot, window, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: library.get_article(article.id).starred)
    assert window.list_controller.current_article().starred  # type: ignore[union-attr]
    qtbot.waitUntil(
        lambda: (
            window.sidebar_model.unread(ViewKey(SmartView.STARRED)) == 0
            or window.sidebar_model.unread(ViewKey(SmartView.STARRED)) == 1
        )
    )
    key(qtbot, window, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: library.get_article(article.id).archived)
    # The unread list does not hold archived articles: the row leaves and the next is shown.
    assert window.article_list_model.row_of(article.id) is None
    assert window.list_controller.current_article() is not None
    window.sidebar_controller.open_key(ViewKey(SmartView.ARCHIVE))
    assert window.article_list_model.loaded_ids() == [article.id]


def test_tag_and_untag_from_the_keyboard(
    library: Library, two_feeds: tuple[list[int], list[int]], window: MainWindow, qtbot: QtBot
) -> None:
    add_saved(library, "Tagged elsewhere", tags=["python"])
    window.sidebar_controller.reload()
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(TagKey("python")) is not None)
    window.article_view.setFocus()
    key(qtbot, window, Qt.Key.Key_J)
    article = window.list_controller.current_article()
    assert article is not None
    key(qtbot, window, Qt.Key.Key_T)
    assert window.tag_bar.input.hasFocus()
    completer = window.tag_bar.input.completer()
    completer.setCompletionPrefix("pyt")
    assert completer.currentCompletion() == "python"
    type_text(window.tag_bar.input, "python, Reading ")
    press(window.tag_bar.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: set(library.get_article(article.id).tags) == {"python", "Reading"})
    assert [c.name for c in window.tag_bar.chips()] == ["python", "Reading"]
    assert window.list_controller.current_article().tags == ("python", "Reading")  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(TagKey("reading")) is not None)
    # The completer's pop-up took the offscreen window's activation; a desktop gives it back.
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    # Backspace in the empty input goes to the last chip; Delete removes that tag.
    press(window.tag_bar.input, Qt.Key.Key_Backspace)
    assert window.focusWidget() is window.tag_bar.chips()[-1]
    press(window.tag_bar.chips()[-1], Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: library.get_article(article.id).tags == ("python",))
    assert [c.name for c in window.tag_bar.chips()] == ["python"]
    assert window.focusWidget() is window.tag_bar.chips()[0]
    press(window.tag_bar.chips()[0], Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: library.get_article(article.id).tags == ())
    assert window.focusWidget() is window.tag_bar.input
    # Escape hands the keyboard back to the list.
    press(window.tag_bar.input, Qt.Key.Key_Escape)
    assert window.focusWidget() is window.article_view


def test_sidebar_tag_lists_its_articles(library: Library, window: MainWindow, qtbot: QtBot) -> None:
    add_saved(library, "One", tags=["cooking"])
    add_saved(library, "Two")
    window.sidebar_controller.reload()
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(TagKey("cooking")) is not None)
    window.sidebar_controller.open_key(TagKey("cooking"))
    assert [window.article_list_model.article(0).title] == ["One"]  # type: ignore[union-attr]
    assert window.article_list_model.rowCount() == 1


def test_search_from_the_keyboard(
    library: Library, two_feeds: tuple[list[int], list[int]], window: MainWindow, qtbot: QtBot
) -> None:
    add_saved(library, "Lighthouse lenses", text="How a lighthouse lens bends light")
    window.article_view.setFocus()
    key(qtbot, window, "/")
    assert window.search_box.hasFocus()
    type_text(window.search_box, "lighthouse")
    press(window.search_box, Qt.Key.Key_Return)
    assert window.list_header.title.text().startswith("Search")
    # Results are read in the background; the window answers meanwhile.
    qtbot.waitUntil(lambda: window.article_list_model.rowCount() == 1)
    assert window.article_list_model.data(window.article_list_model.index(0)) == (
        "Lighthouse lenses"
    )
    qtbot.waitUntil(lambda: window.list_header.count.text() == "1 result")
    # Down goes to the results; Escape in the box goes back to the view before.
    press(window.search_box, Qt.Key.Key_Down)
    assert shown_title(window) == "Lighthouse lenses"
    window.search_box.setFocus()
    press(window.search_box, Qt.Key.Key_Escape)
    assert window.list_header.title.text() == "Unread"
    assert window.search_box.text() == ""


def test_search_understands_the_query_language(
    library: Library, two_feeds: tuple[list[int], list[int]], window: MainWindow, qtbot: QtBot
) -> None:
    a_ids, _b_ids = two_feeds
    add_saved(library, "Tagged", tags=["python"], text="snakes and ladders")
    library.mark([a_ids[0]], read=True)
    window.search_controller.run_search("tag:python")
    qtbot.waitUntil(lambda: window.article_list_model.rowCount() == 1)
    window.search_controller.run_search("is:unread Alpha")
    qtbot.waitUntil(lambda: window.article_list_model.rowCount() == 2)
    assert set(window.article_list_model.loaded_ids()) == set(a_ids[1:])
    qtbot.waitUntil(lambda: window.list_header.count.text() == "2 results")
    # New articles that match join the open results.
    newcomer = add_saved(library, "Alpha again", text="about Alpha")
    library.notify("articles", [newcomer])
    qtbot.waitUntil(lambda: window.article_list_model.row_of(newcomer) is not None)


def test_mark_all_read_and_undo(
    library: Library, two_feeds: tuple[list[int], list[int]], window: MainWindow, qtbot: QtBot
) -> None:
    a_ids, b_ids = two_feeds
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    window.commands.mark_all_read.trigger()
    qtbot.waitUntil(lambda: all(library.get_article(i).read for i in a_ids + b_ids))
    qtbot.waitUntil(window.status_bar.undo_button.isVisible)
    assert all(window.article_list_model.article(r).read for r in range(5))  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.sidebar_model.unread(ViewKey(SmartView.UNREAD)) == 0)
    window.article_view.setFocus()
    key(qtbot, window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not any(library.get_article(i).read for i in a_ids + b_ids))
    qtbot.waitUntil(lambda: window.sidebar_model.unread(ViewKey(SmartView.UNREAD)) == 5)
    assert not window.status_bar.undo_button.isVisible()


def test_delete_waits_for_undo(
    library: Library,
    two_feeds: tuple[list[int], list[int]],
    make_window: object,
    settings: object,
    qtbot: QtBot,
) -> None:
    settings.mark_read_delay_ms = 60_000  # type: ignore[attr-defined]
    window: MainWindow = make_window(library)  # type: ignore[operator]
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    window.article_view.setFocus()
    key(qtbot, window, Qt.Key.Key_J)
    doomed = window.list_controller.current_article()
    assert doomed is not None
    key(qtbot, window, Qt.Key.Key_Delete)
    assert window.article_list_model.row_of(doomed.id) is None
    qtbot.waitUntil(lambda: window.sidebar_model.unread(ViewKey(SmartView.ALL)) == 4)
    # Still in the library while the undo is offered.
    assert library.get_article(doomed.id)
    window.commands.undo.trigger()
    qtbot.waitUntil(lambda: window.article_list_model.row_of(doomed.id) is not None)
    qtbot.waitUntil(lambda: window.sidebar_model.unread(ViewKey(SmartView.ALL)) == 5)
    # Deleting again and letting the offer end removes it for good.
    window.list_controller.select_article(doomed.id)
    window.commands.delete.trigger()
    window.undo_stack.commit()
    from reader.core.errors import NotFoundError

    def gone() -> bool:
        try:
            library.get_article(doomed.id)
        except NotFoundError:
            return True
        return False

    qtbot.waitUntil(gone)
    qtbot.waitUntil(lambda: window.sidebar_model.unread(ViewKey(SmartView.ALL)) == 4)


def drop(window: MainWindow, mime: QMimeData) -> QDropEvent:
    event = QDropEvent(
        QPoint(20, 20).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    window.dropEvent(event)
    return event


def test_dropping_a_file_saves_it(
    library: Library, window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    page = tmp_path / "notes.md"
    page.write_text("# Dropped notes\n\nSome words that were dropped on the window.\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page))])
    with qtbot.waitSignal(window.saver.saved, timeout=10_000):
        event = drop(window, mime)
    assert event.isAccepted()
    window.sidebar_controller.open_key(ViewKey(SmartView.SAVED))
    qtbot.waitUntil(lambda: window.article_list_model.rowCount() == 1)
    assert library.count_articles() == 1
    # Something Folio cannot save is refused with a message, not an error.
    other = tmp_path / "picture.jpg"
    other.write_bytes(b"\xff\xd8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    event = drop(window, mime)
    assert not event.isAccepted()
    assert "saves web links" in window.statusBar().currentMessage()


class LinkCatcher(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.urls.append(url.toString())


def test_links_open_in_the_system_browser(
    library: Library, window: MainWindow, qtbot: QtBot
) -> None:
    add_saved(library, "With a link", url="https://example.org/page")
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    window.list_controller.select_first()
    catcher = LinkCatcher()
    QDesktopServices.setUrlHandler("https", catcher, "open")  # type: ignore[arg-type]
    try:
        window.commands.open_in_browser.trigger()
        window.article_pane.browser.link_activated.emit(QUrl("https://example.org/other"))
        window.article_pane.browser.link_activated.emit(QUrl("file:///etc/passwd"))
    finally:
        QDesktopServices.unsetUrlHandler("https")
    assert catcher.urls == ["https://example.org/page", "https://example.org/other"]


def test_shortcut_help_lists_every_shortcut(window: MainWindow, qtbot: QtBot) -> None:
    window.article_view.setFocus()
    key(qtbot, window, "?")
    qtbot.waitUntil(lambda: getattr(window, "shortcuts_dialog", None) is not None)
    dialog = window.shortcuts_dialog
    assert dialog.isVisible()
    texts = [
        item.text()
        for r in range(dialog.table.rowCount())
        if (item := dialog.table.item(r, 1)) is not None
    ]
    assert "j" in texts and "F5" in texts and "Ctrl+L" in texts
    dialog.close()


def test_zoom_changes_the_text_size_and_is_remembered(
    window: MainWindow, settings: object, qtbot: QtBot
) -> None:
    before = window.settings.font_size
    window.article_view.setFocus()
    key(qtbot, window, Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.font_size == before + 1
    assert window.article_pane.browser.document().defaultFont().pointSize() == before + 1
    key(qtbot, window, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.settings.font_size == before


def test_empty_library_offers_the_ways_in(
    library: Library, window: MainWindow, qtbot: QtBot, tmp_path: Path
) -> None:
    assert window.content.currentWidget() is window.empty_state
    assert set(window.empty_state.buttons) == {
        "add_feed",
        "save_article",
        "import_file",
        "sync_account",
    }
    page = tmp_path / "first.txt"
    page.write_text(
        "A First Article\n\nSaved from a file on this computer, to see the window change.\n\n"
        "A second paragraph, so there is something to read once it is saved.\n"
    )
    with qtbot.waitSignal(window.saver.saved, timeout=10_000):
        window.transfer_commands.save_sources([str(page)])
    qtbot.waitUntil(lambda: window.content.currentWidget() is window.reading_splitter)


def test_window_state_is_remembered(
    library: Library,
    two_feeds: tuple[list[int], list[int]],
    make_window: object,
    settings: object,
    qtbot: QtBot,
) -> None:
    window: MainWindow = make_window(library)  # type: ignore[operator]
    # The reader drags the sidebar wider: the panes keep that share of the window's width.
    window.splitter.moveSplitter(230, 1)
    sizes = (window.splitter.sizes()[0], window.reading_splitter.sizes()[0])
    assert sizes[0] > 210
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    window.close()
    again: MainWindow = make_window(library)  # type: ignore[operator]
    assert again.list_header.title.text() == "All articles"
    assert abs(again.splitter.sizes()[0] - sizes[0]) <= 2
    assert abs(again.reading_splitter.sizes()[0] - sizes[1]) <= 2


def test_dropping_a_link_saves_the_page(
    library: Library, window: MainWindow, qtbot: QtBot, httpserver: object
) -> None:
    from pytest_httpserver import HTTPServer

    assert isinstance(httpserver, HTTPServer)
    page = (
        "<html><head><title>A Dropped Page</title></head><body><article>"
        "<h1>A Dropped Page</h1>"
        + "".join(
            f"<p>Paragraph {i} of a page someone dropped on the window.</p>" for i in range(8)
        )
        + "</article></body></html>"
    )
    httpserver.expect_request("/page").respond_with_data(page, content_type="text/html")
    mime = QMimeData()
    mime.setText(httpserver.url_for("/page"))
    with qtbot.waitSignal(window.saver.saved, timeout=10_000) as blocker:
        drop(window, mime)
    result = blocker.args[1]
    assert result.article.title == "A Dropped Page"
    assert "Saved “A Dropped Page”" in window.statusBar().currentMessage()


def test_preferences_change_the_reading_delay_and_theme(window: MainWindow, qtbot: QtBot) -> None:
    window.commands.preferences.trigger()
    dialog = window.preferences.dialog
    assert dialog is not None
    dialog.delay.setValue(2.5)
    dialog.theme.setCurrentIndex(2)
    dialog.oldest_first.setChecked(True)
    dialog.accept()
    assert window.settings.mark_read_delay_ms == 2500
    assert window.themes.theme.dark
    assert window.commands.oldest_first.isChecked()
    assert window.settings.newest_first is False
