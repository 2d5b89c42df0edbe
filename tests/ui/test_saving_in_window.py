"""Saving from the window finishes the journey: the new article is selected and shown, and
the tags given in the Save dialog are in the sidebar at once."""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6.QtCore import QMimeData, QPoint, Qt, QUrl
from PySide6.QtGui import QDropEvent
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from reader.library import Library
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import TagKey
from tests.ui.library_data import add_feed_with_articles
from tests.ui.web_pages import article_page


def shown_title(window: MainWindow) -> str | None:
    article = window.article_pane.article
    return article.title if article is not None else None


def test_the_saved_article_is_shown_and_its_new_tags_are_in_the_sidebar(
    library: Library, make_window: object, qtbot: QtBot, httpserver: HTTPServer
) -> None:
    add_feed_with_articles(library, "Alpha", 3)
    httpserver.expect_request("/garden").respond_with_data(
        article_page("Raised Beds", "<p>How to build a raised bed.</p>"),
        content_type="text/html",
    )
    window: MainWindow = make_window(library)  # type: ignore[operator]
    window.list_controller.select_first()
    window.commands.save_article.trigger()
    dialog = window.transfer_commands.save_dialog
    assert dialog is not None
    dialog.url.setText(httpserver.url_for("/garden"))
    dialog.tags.setText("Garden, Weekend Projects")
    with qtbot.waitSignal(window.saver.saved, timeout=10_000):
        dialog.ok_button.click()
    qtbot.waitUntil(lambda: shown_title(window) == "Raised Beds")
    current = window.list_controller.current_article()
    assert current is not None and current.title == "Raised Beds"
    assert window.article_view.selectionModel().isSelected(window.article_view.currentIndex())
    for tag in ("garden", "weekend projects"):
        qtbot.waitUntil(lambda t=tag: window.sidebar_model.node_for_key(TagKey(t)) is not None)  # type: ignore[misc]


def test_a_reader_who_moved_on_is_not_pulled_back(
    library: Library, make_window: object, qtbot: QtBot, httpserver: HTTPServer
) -> None:
    add_feed_with_articles(library, "Alpha", 3)
    answer = threading.Event()

    def slow_page(_request: Request) -> Response:
        answer.wait(10)
        return Response(article_page("Slow Page", "<p>It took a while.</p>"), mimetype="text/html")

    httpserver.expect_request("/slow").respond_with_handler(slow_page)
    window: MainWindow = make_window(library)  # type: ignore[operator]
    window.list_controller.select_first()
    window.commands.save_article.trigger()
    dialog = window.transfer_commands.save_dialog
    assert dialog is not None
    dialog.url.setText(httpserver.url_for("/slow"))
    dialog.ok_button.click()
    # While the page loads, the reader goes on to the next article.
    window.list_controller.step(+1)
    reading = shown_title(window)
    with qtbot.waitSignal(window.saver.saved, timeout=10_000):
        answer.set()
    assert shown_title(window) == reading
    assert window.statusBar().currentMessage() == "Saved “Slow Page”"


def test_a_dropped_file_is_shown_once_saved(
    library: Library, make_window: object, qtbot: QtBot, tmp_path: Path
) -> None:
    add_feed_with_articles(library, "Alpha", 2)
    page = tmp_path / "dropped.md"
    page.write_text("# Dropped Notes\n\nWords dropped on the window, to read at once.\n")
    window: MainWindow = make_window(library)  # type: ignore[operator]
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(page))])
    event = QDropEvent(
        QPoint(20, 20).toPointF(),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    with qtbot.waitSignal(window.saver.saved, timeout=10_000):
        window.dropEvent(event)
    qtbot.waitUntil(lambda: shown_title(window) == "Dropped Notes")
