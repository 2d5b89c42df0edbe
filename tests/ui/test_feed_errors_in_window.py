"""Problems are visible in the window: a failing feed is marked in the sidebar with its cause
(an HTTP status, a document that cannot be read, a page that is no feed) in the tooltip and in
its properties, where "Retry Now" fetches it again; subscribing to something that is no feed
says so; and no message is cut off."""

from __future__ import annotations

from functools import partial

from PySide6.QtCore import QModelIndex
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from reader.library import Library
from reader.ui.add_feed_dialog import AddFeedDialog
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import FeedKey
from reader.ui.sidebar_model import ERROR_ROLE, SidebarModel
from tests.library.feed_docs import simple_feed

TOOLTIP = 3  # Qt.ToolTipRole


def _marked(model: SidebarModel, index: QModelIndex) -> bool:
    return bool(model.data(index, ERROR_ROLE))


def _refused(dialog: AddFeedDialog) -> bool:
    return dialog.error.isVisible() and not dialog.busy.isVisible()


def test_failing_feeds_are_marked_with_their_cause(
    library: Library, window: MainWindow, httpserver: HTTPServer, qtbot: QtBot
) -> None:
    httpserver.expect_request("/missing.xml").respond_with_data("no", status=404)
    httpserver.expect_request("/broken.xml").respond_with_data(
        "<<< this is not XML at all", content_type="application/rss+xml"
    )
    httpserver.expect_request("/page.html").respond_with_data(
        "<!doctype html><html><body><p>A page</p></body></html>", content_type="text/html"
    )
    httpserver.expect_request("/fine.xml").respond_with_data(
        simple_feed("Fine", 1), content_type="application/rss+xml"
    )
    causes = {
        "/missing.xml": "HTTP 404 not found",
        "/broken.xml": "is not a feed that Folio can read",
        "/page.html": "is a web page, not a feed",
    }
    feeds = {path: library.add_feed(httpserver.url_for(path)).id for path in [*causes, "/fine.xml"]}
    with qtbot.waitSignal(window.refresher.finished, timeout=20_000):
        window.commands.refresh_all.trigger()
    model = window.sidebar_model
    for path, cause in causes.items():
        index = model.index_for_key(FeedKey(feeds[path]))
        qtbot.waitUntil(partial(_marked, model, index))
        assert cause in model.data(index, TOOLTIP)
        assert "Last refresh failed" in model.data(index, TOOLTIP)
    fine = model.index_for_key(FeedKey(feeds["/fine.xml"]))
    assert not model.data(fine, ERROR_ROLE)
    # The refresh's line counts the problems.
    assert "3 errors" in window.statusBar().currentMessage()
    # A failing feed, opened, says why.
    window.sidebar.setCurrentIndex(model.index_for_key(FeedKey(feeds["/missing.xml"])))
    message = window.statusBar().currentMessage()
    assert "the last refresh failed" in message and causes["/missing.xml"] in message


def test_feed_properties_show_the_problem_and_retry_now_fetches_again(
    library: Library, window: MainWindow, httpserver: HTTPServer, qtbot: QtBot
) -> None:
    answers = {"status": 500}

    def serve(_request: Request) -> Response:
        if answers["status"] != 200:
            return Response("down", status=answers["status"])
        return Response(simple_feed("Flaky", 3), content_type="application/rss+xml")

    httpserver.expect_request("/flaky.xml").respond_with_handler(serve)
    feed = library.add_feed(httpserver.url_for("/flaky.xml"), title="Flaky")
    with qtbot.waitSignal(window.refresher.finished, timeout=20_000):
        window.refresher.refresh([feed.id])
    window.sidebar_controller.reload()
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(FeedKey(feed.id)) is not None)
    window.sidebar_controller.open_key(FeedKey(feed.id))
    window.commands.feed_properties.trigger()
    dialog = window.feed_commands.properties_dialog
    assert dialog is not None
    qtbot.waitExposed(dialog)
    assert dialog.problem_box.isVisible()
    assert "HTTP 500 server error" in dialog.problem.text()
    assert dialog.problem.wordWrap()
    assert dialog.retry_state.text().startswith("Next try:")
    # The server is back: "Retry Now" fetches it at once and the dialog says it is fine.
    answers["status"] = 200
    with qtbot.waitSignal(window.refresher.finished, timeout=20_000):
        dialog.retry_button.click()
        assert not dialog.retry_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.problem_box.isVisible())
    assert dialog.fetched.text() != "never"
    assert library.get_feed(feed.id).total == 3
    index = window.sidebar_model.index_for_key(FeedKey(feed.id))
    qtbot.waitUntil(lambda: not window.sidebar_model.data(index, ERROR_ROLE))
    dialog.reject()


def test_subscribing_to_what_is_not_a_feed_says_so(
    library: Library, window: MainWindow, httpserver: HTTPServer, qtbot: QtBot
) -> None:
    httpserver.expect_request("/about.html").respond_with_data(
        "<!doctype html><html><head><title>About</title></head><body>Hi</body></html>",
        content_type="text/html",
    )
    httpserver.expect_request("/empty.xml").respond_with_data(
        "<?xml version='1.0'?><rss version='2.0'><channel></channel></rss>",
        content_type="application/rss+xml",
    )
    for path, says in (
        ("/about.html", "No feed found at"),
        ("/empty.xml", "is not a feed Folio can subscribe to: it has no title and no articles"),
    ):
        window.commands.add_feed.trigger()
        dialog = window.transfer_commands.add_feed_dialog
        assert dialog is not None
        dialog.url.setText(httpserver.url_for(path))
        dialog.ok_button.click()
        qtbot.waitUntil(partial(_refused, dialog), timeout=10_000)
        assert says in dialog.error.text()
        # The whole message shows, wrapped, however long.
        assert dialog.error.wordWrap()
        assert dialog.isVisible()
        dialog.reject()
    assert library.list_feeds() == []


def test_long_messages_are_shortened_to_fit_and_shown_whole_on_hover(
    window: MainWindow, qtbot: QtBot
) -> None:
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.width() == 900)
    long = (
        "Refreshed 120 feeds in 14.2 s: 36 new articles, 4 updated, 7 errors — "
        + "https://a-very-long-address.example/with/a/long/path/feed.xml " * 4
    ).strip()
    window.status_bar.show_message(long)
    assert window.statusBar().currentMessage() == long
    shown = super(type(window.status_bar), window.status_bar).currentMessage()
    assert shown.endswith("…") and len(shown) < len(long)
    assert window.status_bar.toolTip() == long
    # A short message is shown whole, and needs no tooltip.
    window.status_bar.show_message("Link copied")
    assert window.status_bar.toolTip() == ""
    assert super(type(window.status_bar), window.status_bar).currentMessage() == "Link copied"


def test_a_message_makes_room_for_what_comes_up_beside_it(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(900, 600)
    qtbot.waitUntil(lambda: window.width() == 900)
    bar = window.status_bar
    qtbot.waitUntil(bar.isVisible)
    message = "Imported bookmarks.html: 40 found, 40 added, 0 already present, 0 skipped"
    bar.show_message(message)

    def shown() -> str:
        return super(type(bar), bar).currentMessage()

    assert shown() == message
    # Links start being fetched after the import's line was shown: it gives way.
    bar.links_label.setText("Fetching the pages of imported links: 2 of 40 " * 2)
    bar.links_label.show()
    qtbot.waitUntil(lambda: shown() != message)
    assert shown().endswith("…")
    width = bar.fontMetrics().horizontalAdvance(shown())
    assert width <= bar.links_label.x()
    assert bar.toolTip() == message
    # And has its room back when they are done.
    bar.links_label.hide()
    qtbot.waitUntil(lambda: shown() == message)
