"""Feeds in the window: subscribing, refreshing with progress, failures, properties, moving,
and images fetched only when asked, all against a loopback server."""

from __future__ import annotations

import pytest
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Response

from reader.app.refresh_controller import RefreshSummary
from reader.app.settings import Settings
from reader.library import Library
from reader.library.views import SmartView
from reader.ui.add_feed_dialog import AddFeedDialog
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import (
    DEFAULT_VIEW,
    FeedKey,
    FolderKey,
    SectionKey,
    SidebarKey,
    ViewKey,
)
from reader.ui.sidebar_model import ERROR_ROLE, NodeKind
from tests.library.feed_docs import FeedServer, Item, rss, simple_feed
from tests.ui.library_data import add_feed_with_articles
from tests.ui.scripted_prompts import ScriptedPrompts


@pytest.fixture
def feeds(httpserver: HTTPServer) -> FeedServer:
    return FeedServer(httpserver)


def test_add_a_feed_through_the_dialog(
    library: Library, window: MainWindow, feeds: FeedServer, qtbot: QtBot
) -> None:
    url = feeds.add("/news.xml", simple_feed("Loopback News", 4))
    window.commands.add_feed.trigger()
    dialog = window.transfer_commands.add_feed_dialog
    assert isinstance(dialog, AddFeedDialog)
    dialog.url.setText(url)
    dialog.folder.setCurrentText("Daily")
    with qtbot.waitSignal(dialog.finished, timeout=10_000):
        dialog.ok_button.click()
    feed = library.resolve_feed(url)
    assert feed.title == "Loopback News"
    assert feed.folder == "Daily"
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(FeedKey(feed.id)) is not None)
    qtbot.waitUntil(lambda: window.sidebar_model.unread(FeedKey(feed.id)) == 4)
    assert window.content.currentWidget() is window.reading_splitter
    window.sidebar_controller.open_key(FeedKey(feed.id))
    assert window.article_list_model.rowCount() == 4


def test_the_dialog_stays_open_with_the_error(
    library: Library, window: MainWindow, httpserver: HTTPServer, qtbot: QtBot
) -> None:
    httpserver.expect_request("/gone.xml").respond_with_response(Response("gone", status=410))
    window.commands.add_feed.trigger()
    dialog = window.transfer_commands.add_feed_dialog
    assert dialog is not None
    dialog.url.setText("not a web address")
    dialog.ok_button.click()
    assert dialog.error.isVisible() and "http" in dialog.error.text()
    dialog.url.setText(httpserver.url_for("/gone.xml"))
    dialog.ok_button.click()
    qtbot.waitUntil(
        lambda: dialog.error.isVisible() and not dialog.busy.isVisible(), timeout=10_000
    )
    assert dialog.isVisible()
    assert dialog.error.text()
    assert library.list_feeds() == []
    dialog.reject()


def test_refresh_all_shows_progress_and_new_articles(
    library: Library, window: MainWindow, feeds: FeedServer, qtbot: QtBot
) -> None:
    url = feeds.add("/a.xml", simple_feed("Feed A", 2))
    feeds.server.expect_request("/missing.xml").respond_with_response(
        Response("not here", status=404)
    )
    broken = feeds.server.url_for("/missing.xml")
    feed = library.add_feed(url)
    bad = library.add_feed(broken)
    window.sidebar_controller.reload()
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(FeedKey(bad.id)) is not None)
    progressed: list[object] = []
    window.refresher.progressed.connect(progressed.append)
    with qtbot.waitSignal(window.refresher.finished, timeout=20_000) as blocker:
        window.commands.refresh_all.trigger()
        assert window.status_bar.progress.isVisible()
    summary = blocker.args[0]
    assert isinstance(summary, RefreshSummary)
    assert summary.new_articles == 2
    assert len(progressed) == 2
    assert not window.status_bar.progress.isVisible()
    assert "Refreshed 2 feeds" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: window.article_list_model.rowCount() == 2)
    qtbot.waitUntil(lambda: window.sidebar_model.unread(FeedKey(feed.id)) == 2)
    # The failing feed is marked in the sidebar, its problem on hover.
    index = window.sidebar_model.index_for_key(FeedKey(bad.id))
    qtbot.waitUntil(lambda: bool(window.sidebar_model.data(index, ERROR_ROLE)))
    tooltip = window.sidebar_model.data(index, 3)  # Qt.ToolTipRole
    assert "failed" in tooltip
    # New entries later arrive in the open list without a reload.
    feeds.docs["/a.xml"] = rss(
        "Feed A",
        [Item("new", "Fresh entry", "https://site.example/new")]
        + [Item(f"e{i}", f"Feed A entry {i}", f"https://site.example/e{i}") for i in range(2)],
    )
    window.sidebar_controller.open_key(FeedKey(feed.id))
    with qtbot.waitSignal(window.refresher.finished, timeout=20_000):
        window.sidebar.setFocus()
        window.commands.refresh_feed.trigger()
    qtbot.waitUntil(lambda: window.article_list_model.rowCount() == 3)
    titles = {window.article_list_model.article(r).title for r in range(3)}  # type: ignore[union-attr]
    assert "Fresh entry" in titles


def test_feed_properties_and_moving_feeds(
    library: Library, window: MainWindow, prompts: ScriptedPrompts, qtbot: QtBot
) -> None:
    feed_id, _ = add_feed_with_articles(library, "Alpha", 2)
    add_feed_with_articles(library, "Beta", 1, folder="Reading")
    window.sidebar_controller.reload()
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(FeedKey(feed_id)) is not None)
    window.sidebar_controller.open_key(FeedKey(feed_id))
    window.commands.feed_properties.trigger()
    dialog = window.feed_commands.properties_dialog
    assert dialog is not None
    dialog.title.setText("Alpha Weekly")
    dialog.full_text.setChecked(True)
    # Asked whether the articles it has get their full text too: not now.
    prompts.answer(False)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: library.get_feed(feed_id).title == "Alpha Weekly")
    assert library.get_feed(feed_id).fetch_full_text
    qtbot.waitUntil(
        lambda: window.sidebar_model.node_for_key(FeedKey(feed_id)).title == "Alpha Weekly"  # type: ignore[union-attr]
    )
    # Dropping the feed on the folder moves it there.
    folder = next(
        n
        for n in window.sidebar_model.node_for_key(SectionKey("feeds")).children  # type: ignore[union-attr]
        if n.kind is NodeKind.FOLDER
    )
    assert isinstance(folder.key, FolderKey)
    window.sidebar_model.feeds_dropped.emit([feed_id], folder.key.id)
    qtbot.waitUntil(lambda: library.get_feed(feed_id).folder == "Reading")
    qtbot.waitUntil(
        lambda: window.sidebar_model.node_for_key(FeedKey(feed_id)).parent.key == folder.key  # type: ignore[union-attr]
    )


def test_web_images_load_only_when_asked(
    library: Library, window: MainWindow, feeds: FeedServer, httpserver: HTTPServer, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtGui import QColor, QImage

    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("#2f5d8a"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes
    httpserver.expect_request("/picture.png").respond_with_data(
        bytes(data.data()), content_type="image/png"
    )
    picture = httpserver.url_for("/picture.png")
    url = feeds.add(
        "/pics.xml",
        rss(
            "Pictures",
            [
                Item(
                    "p1",
                    "With a picture",
                    "https://site.example/p1",
                    body=f'<p>Look:</p><p><img src="{picture}" alt="blue"></p>',
                )
            ],
        ),
    )
    library.subscribe(url)
    qtbot.waitUntil(lambda: window.content.currentWidget() is window.reading_splitter)
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    window.list_controller.select_first()
    pane = window.article_pane
    assert pane.images_button.isVisible()
    assert pane.images_button.text() == "Load 1 image"
    # Nothing was fetched to show the article.
    assert not [r for r in httpserver.log if r[0].path == "/picture.png"]
    pane.images_button.click()

    def html() -> str:
        return (pane.article.content_html or "") if pane.article else ""

    qtbot.waitUntil(lambda: "folio-image:" in html(), timeout=10_000)
    assert not pane.images_button.isVisible()
    digest = html().split("folio-image:", 1)[1][:64]
    loaded = pane.browser.loadResource(2, f"folio-image:{digest}")
    assert loaded is not None and loaded.width() == 40


def test_feed_icons_show_in_the_sidebar(library: Library, window: MainWindow, qtbot: QtBot) -> None:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QColor, QIcon, QImage

    from reader.store import feeds as store_feeds

    feed_id, _ = add_feed_with_articles(library, "Alpha", 1)
    plain_id, _ = add_feed_with_articles(library, "Plain", 1)
    image = QImage(16, 16, QImage.Format.Format_ARGB32)
    image.fill(QColor("#c0392b"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes
    library.writer.run(
        lambda: store_feeds.set_icon(feed_id, "image/png", bytes(data.data()), library.now())
    )
    library.notify("feeds", [feed_id])
    model = window.sidebar_model
    qtbot.waitUntil(lambda: model.node_for_key(FeedKey(feed_id)) is not None)
    icon = model.data(model.index_for_key(FeedKey(feed_id)), Qt.ItemDataRole.DecorationRole)
    assert isinstance(icon, QIcon)
    assert icon.pixmap(16, 16).toImage().pixelColor(8, 8).name() == "#c0392b"
    # A feed without an icon keeps the feed symbol.
    plain = model.data(model.index_for_key(FeedKey(plain_id)), Qt.ItemDataRole.DecorationRole)
    assert isinstance(plain, QIcon)
    assert plain.pixmap(16, 16).toImage().pixelColor(8, 8).name() != "#c0392b"


def current_key(window: MainWindow) -> SidebarKey | None:
    return window.sidebar_controller.current_key


def test_unsubscribing_asks_first_and_leaves_the_feeds_list(
    library: Library, window: MainWindow, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    feed_id, _ = add_feed_with_articles(library, "Alpha", 2)
    window.sidebar_controller.reload()
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(FeedKey(feed_id)) is not None)
    window.sidebar_controller.open_key(FeedKey(feed_id))
    prompts.answer(False)
    window.commands.unsubscribe.trigger()
    assert [feed.id for feed in library.list_feeds()] == [feed_id]
    assert current_key(window) == FeedKey(feed_id)
    prompts.answer(True)
    window.commands.unsubscribe.trigger()
    assert current_key(window) == DEFAULT_VIEW
    qtbot.waitUntil(lambda: library.list_feeds() == [])
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Unsubscribed from Alpha")
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(FeedKey(feed_id)) is None)
    assert prompts.take()[0].text.startswith("Unsubscribe from “Alpha”?")


def test_reopened_on_a_feed_its_commands_are_ready(
    library: Library, make_window: object, settings: Settings, qtbot: QtBot
) -> None:
    feed_id, _ = add_feed_with_articles(library, "Alpha", 2)
    settings.set_last_view(f"feed\t{feed_id}")
    window: MainWindow = make_window(library)  # type: ignore[operator]
    assert current_key(window) == FeedKey(feed_id)
    assert window.list_header.title.text() == "Alpha"
    qtbot.waitUntil(window.commands.feed_properties.isEnabled)
    assert window.commands.unsubscribe.isEnabled()
