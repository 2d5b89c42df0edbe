"""What the window does after an import, against a loopback server: the feeds of an OPML file
are fetched at once, with progress; the pages of imported links are fetched in the background,
with progress in the status bar, a pause that lasts across restarts, and the links that failed
listed with why and tried again."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from reader.library import Library
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import FeedKey
from reader.ui.sidebar_model import ERROR_ROLE
from tests.library.feed_docs import FeedServer, simple_feed
from tests.library.test_transfer_fetch import PAGE
from tests.ui.scripted_prompts import ScriptedPrompts


def write_opml(path: Path, feeds: dict[str, str]) -> Path:
    outlines = "".join(
        f'<outline type="rss" text="{title}" xmlUrl="{url}"/>' for title, url in feeds.items()
    )
    path.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><opml version="2.0"><head><title>Subs</title>'
        f'</head><body><outline text="Imported">{outlines}</outline></body></opml>',
        encoding="utf-8",
    )
    return path


def test_the_feeds_of_an_opml_file_are_fetched_at_once_with_progress(
    library: Library,
    window: MainWindow,
    prompts: ScriptedPrompts,
    httpserver: HTTPServer,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    feeds = FeedServer(httpserver)
    good = feeds.add("/news.xml", simple_feed("Loopback News", 4))
    httpserver.expect_request("/page.html").respond_with_data(
        "<html><body><p>Just a page</p></body></html>", content_type="text/html"
    )
    page = httpserver.url_for("/page.html")
    opml = write_opml(tmp_path / "subs.opml", {"News": good, "Not a feed": page})
    progressed: list[object] = []
    window.refresher.progressed.connect(progressed.append)
    prompts.answer(opml)
    with qtbot.waitSignal(window.refresher.started, timeout=10_000):
        window.commands["import"].trigger()
    assert window.status_bar.progress.isVisible()
    with qtbot.waitSignal(window.refresher.finished, timeout=20_000) as finished:
        pass
    assert finished.args[0].total == 2
    assert len(progressed) == 2
    news = library.resolve_feed(good)
    assert news.title == "News" and news.total == 4 and news.folder == "Imported"
    broken = library.resolve_feed(page)
    assert broken.last_error and "web page, not a feed" in broken.last_error
    # The sidebar shows the articles, and marks the page that is no feed with why.
    qtbot.waitUntil(lambda: window.sidebar_model.unread(FeedKey(news.id)) == 4)
    index = window.sidebar_model.index_for_key(FeedKey(broken.id))
    qtbot.waitUntil(lambda: bool(window.sidebar_model.data(index, ERROR_ROLE)))
    assert "not a feed" in window.sidebar_model.data(index, 3)  # Qt.ToolTipRole


class HeldPages:
    """Serves article pages; ``/held/…`` pages wait until released, ``/gone`` is a 404 until
    it is fixed."""

    def __init__(self, server: HTTPServer) -> None:
        self.server = server
        self.release = threading.Event()
        self.requests: list[str] = []
        self.gone_fixed = False
        server.expect_request("/ok").respond_with_handler(self._handle)
        server.expect_request("/gone").respond_with_handler(self._handle)
        server.expect_request("/held/1").respond_with_handler(self._handle)
        server.expect_request("/held/2").respond_with_handler(self._handle)

    def _handle(self, request: Request) -> Response:
        self.requests.append(request.path)
        if request.path == "/gone" and not self.gone_fixed:
            return Response("no", status=404)
        if request.path.startswith("/held"):
            # A test that fails never hangs the run: released at the latest after 20 s.
            self.release.wait(20)
        return Response(PAGE, content_type="text/html")

    def url(self, path: str) -> str:
        return self.server.url_for(path)


@pytest.fixture
def pages(httpserver: HTTPServer) -> Iterator[HeldPages]:
    held = HeldPages(httpserver)
    yield held
    held.release.set()


def write_pocket(path: Path, urls: list[str]) -> Path:
    rows = "".join(f",{url},1700000000,reading,unread\n" for url in urls)
    path.write_text("title,url,time_added,tags,status\n" + rows, encoding="utf-8")
    return path


def test_imported_links_are_fetched_paused_resumed_after_a_restart_and_retried(
    library: Library,
    make_window: object,
    prompts: ScriptedPrompts,
    pages: HeldPages,
    tmp_path: Path,
    qtbot: QtBot,
) -> None:
    window: MainWindow = make_window(library)  # type: ignore[operator]
    urls = [pages.url(p) for p in ("/ok", "/gone", "/held/1", "/held/2")]
    prompts.answer(write_pocket(tmp_path / "pocket.csv", urls))
    with qtbot.waitSignal(window.links.started, timeout=10_000):
        window.commands["import"].trigger()
    status = window.status_bar
    assert status.links_label.isVisible() and status.links_button.text() == "Pause"
    # One site, one request at a time: the first two are done when the third is asked for.
    qtbot.waitUntil(lambda: "/held/1" in pages.requests, timeout=10_000)
    assert pages.requests[:2] == ["/ok", "/gone"]
    qtbot.waitUntil(lambda: status.links_label.text() == "Fetching links 2 of 4")
    # Pause: the page being fetched is kept, the last one waits.
    with qtbot.waitSignal(window.links.finished, timeout=20_000) as finished:
        status.links_button.click()
        pages.release.set()
    report = finished.args[0]
    assert (report.fetched, report.failed, report.remaining) == (2, 1, 1)
    assert report.cancelled
    assert window.settings.links_paused
    qtbot.waitUntil(lambda: status.links_label.text() == "1 link waiting")
    assert status.links_button.isVisible() and status.links_button.text() == "Resume"
    assert status.failed_button.isVisible() and status.failed_button.text() == "1 link not fetched"
    assert window.commands.pause_links.text() == "&Resume Fetching Links"
    assert "/held/2" not in pages.requests
    window.close()

    # A restart: still paused, and says so.
    again: MainWindow = make_window(library)  # type: ignore[operator]
    with qtbot.waitSignal(again.links.waiting, timeout=10_000) as waiting:
        again.start_background_work()
    assert waiting.args == [1, True]
    assert again.status_bar.links_label.text() == "1 link waiting"
    with qtbot.waitSignal(again.links.finished, timeout=20_000) as finished:
        again.status_bar.links_button.click()
    assert finished.args[0].fetched == 1 and library.count_pending() == 0
    assert not again.settings.links_paused
    qtbot.waitUntil(lambda: not again.status_bar.links_label.isVisible())
    assert again.statusBar().currentMessage() == "Fetched the page of 1 link"

    # The link that failed, with why; tried again once its site is back.
    again.commands.failed_links.trigger()
    dialog = again.background.failed_dialog
    assert dialog is not None
    assert dialog.table.topLevelItemCount() == 1
    row = dialog.table.topLevelItem(0)
    assert row is not None
    assert row.toolTip(0) == pages.url("/gone")
    assert row.text(1).startswith("HTTP 404")
    pages.gone_fixed = True
    with qtbot.waitSignal(again.links.finished, timeout=20_000) as finished:
        dialog.retry_all.click()
    assert finished.args[0].fetched == 1
    assert library.failed_links() == []
    gone = next(a for a in library.list_articles() if a.url == pages.url("/gone"))
    assert library.get_article(gone.id).title == "Sourdough at home"
    dialog.reject()


def test_links_still_waiting_are_fetched_when_the_window_opens(
    library: Library, make_window: object, pages: HeldPages, tmp_path: Path, qtbot: QtBot
) -> None:
    library.import_file(write_pocket(tmp_path / "pocket.csv", [pages.url("/ok")]))
    assert library.count_pending() == 1
    window: MainWindow = make_window(library)  # type: ignore[operator]
    with qtbot.waitSignal(window.links.finished, timeout=20_000) as finished:
        window.start_background_work()
    assert finished.args[0].fetched == 1
    assert library.count_pending() == 0
