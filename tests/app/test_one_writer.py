"""One writer: every write to the library, from the window's threads and from the command line,
runs on the library's writer thread. (Every other test is held to the same rule by the guard
in tests/conftest.py; these exercise the paths on purpose and check the guard itself.)"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from reader.app.pyside_workarounds import protect_singletons
from reader.app.refresh_controller import RefreshController
from reader.app.save_controller import SaveController
from reader.app.settings import Settings
from reader.app.tasks import TaskRunner
from reader.app.transfer_controller import TransferController
from reader.cli import main as cli_main
from reader.core.types import ArticleFilter
from reader.library import Library
from reader.library.writer import THREAD_NAME
from reader.store import tags as store_tags
from reader.store.write_watch import unwatch_writes, watch_writes
from reader.ui.main_window import MainWindow
from tests.factories import add_articles
from tests.library.feed_docs import FeedServer, simple_feed

protect_singletons()


@pytest.fixture
def writes() -> Iterator[list[tuple[str, str]]]:
    """(thread name, table) of every write prepared while the test runs."""
    seen: list[tuple[str, str]] = []
    lock = threading.Lock()

    def report(thread: str, table: str) -> None:
        with lock:
            seen.append((thread, table))

    watch_writes(report)
    try:
        yield seen
    finally:
        unwatch_writes(report)


def _threads(writes: list[tuple[str, str]]) -> set[str]:
    return {thread for thread, _ in writes}


@pytest.mark.writes_outside_the_writer
def test_a_write_from_any_other_thread_is_seen(
    db_path: Path, writes: list[tuple[str, str]]
) -> None:
    with Library(db_path) as library:
        # The store's functions, called on a thread of our own, bypassing the library.
        stray = threading.Thread(
            target=lambda: store_tags.get_or_create_tag("stray"), name="not-the-writer"
        )
        stray.start()
        stray.join()
        assert [t.name for t in library.list_tags()] == ["stray"]
    assert ("not-the-writer", "tag") in writes


# The offscreen platform cannot pass size hints on to a window system, and says so.
@pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
def test_the_window_writes_only_through_the_writer(
    db_path: Path, tmp_path: Path, qtbot: QtBot, qapp: QApplication, writes: list[tuple[str, str]]
) -> None:
    settings = Settings(QSettings(str(tmp_path / "folio.ini"), QSettings.Format.IniFormat))
    settings.mark_read_delay_ms = 0
    library = Library(db_path)
    first, second, _third = add_articles(library, 3)
    writes.clear()
    window = MainWindow(library, settings=settings)
    qtbot.addWidget(window)
    try:
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
        qtbot.waitUntil(lambda: window.sidebar_controller.loaded)
        window.article_view.setFocus()
        # Opening the newest article marks it read; s stars it, e archives it.
        QTest.keyClick(window, Qt.Key.Key_J)
        qtbot.waitUntil(lambda: library.get_article(first).read)
        QTest.keyClick(window, Qt.Key.Key_S)
        qtbot.waitUntil(lambda: library.get_article(first).starred)
        QTest.keyClick(window, Qt.Key.Key_E)
        qtbot.waitUntil(lambda: library.get_article(first).archived)
        QTest.keyClick(window, Qt.Key.Key_J)
        qtbot.waitUntil(lambda: library.get_article(second).read)
    finally:
        window.close()
        library.close()
    assert writes
    assert _threads(writes) == {THREAD_NAME}


def test_the_window_controllers_write_only_through_the_writer(
    library: Library,
    httpserver: HTTPServer,
    tmp_path: Path,
    qtbot: QtBot,
    qapp: QApplication,
    writes: list[tuple[str, str]],
) -> None:
    feeds = FeedServer(httpserver)
    feed = library.add_feed(feeds.add("/a.xml", simple_feed("A", 3)))
    refresher = RefreshController(library)
    with qtbot.waitSignal(refresher.finished, timeout=20_000):
        refresher.refresh([feed.id])
    refresher.shutdown()
    page = tmp_path / "note.txt"
    page.write_text("A note saved as text.\n\nIt has two paragraphs of words in it.")
    saver = SaveController(library)
    with qtbot.waitSignal(saver.saved, timeout=20_000):
        saver.save(str(page), ["kept"])
    saver.shutdown()
    links = tmp_path / "links.csv"
    links.write_text(
        "title,url,time_added,tags,status\nOne,https://one.example/a,1700000000,,unread\n"
    )
    transfers = TransferController(library)
    with qtbot.waitSignal(transfers.finished, timeout=20_000):
        transfers.import_file(links)
    transfers.shutdown()
    tasks = TaskRunner(workers=2)
    ids = [a.id for a in library.list_articles(ArticleFilter())]
    with qtbot.waitSignal(tasks.finished, timeout=20_000):
        tasks.run(lambda: library.mark(ids, read=True))
    with qtbot.waitSignal(tasks.finished, timeout=20_000):
        tasks.run(lambda: library.add_tags(ids[0], ["more"]))
    tasks.shutdown()
    assert library.count_articles(ArticleFilter(unread=True)) == 0
    tables = {table for _, table in writes}
    assert {"article", "feed", "tag", "article_tag"} <= tables
    assert _threads(writes) == {THREAD_NAME}


def test_the_command_line_writes_only_through_the_writer(
    db_path: Path,
    tmp_path: Path,
    httpserver: HTTPServer,
    capsys: pytest.CaptureFixture[str],
    writes: list[tuple[str, str]],
) -> None:
    feeds = FeedServer(httpserver)
    db = ["--db", str(db_path)]
    page = tmp_path / "page.md"
    page.write_text("# A page\n\nSaved from the command line, with enough words to keep.")
    links = tmp_path / "links.csv"
    links.write_text(
        "title,url,time_added,tags,status\nOne,https://one.example/a,1700000000,x,unread\n"
    )
    assert cli_main([*db, "save", str(page), "--tag", "cli"]) == 0
    assert cli_main([*db, "mark", "1", "--star"]) == 0
    assert cli_main([*db, "tag", "1", "more"]) == 0
    assert cli_main([*db, "add-folder", "News/Tech"]) == 0
    assert (
        cli_main([*db, "add-feed", feeds.add("/a.xml", simple_feed("A", 2)), "--folder", "News"])
        == 0
    )
    assert cli_main([*db, "refresh", "--all"]) == 0
    assert cli_main([*db, "import", str(links)]) == 0
    assert cli_main([*db, "retention", "30"]) == 0
    capsys.readouterr()
    tables = {table for _, table in writes}
    assert {"article", "article_tag", "folder", "feed", "setting"} <= tables
    assert _threads(writes) == {THREAD_NAME}
