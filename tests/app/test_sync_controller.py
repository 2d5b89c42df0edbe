"""The window's sync controller: syncs on a thread of its own, reports on the GUI thread, merges
requests made while it runs, and does the account's work off the GUI thread too."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.app.sync_controller import SyncController, SyncResult
from reader.core.errors import UserError
from reader.library import Library
from reader.library.sync import AccountStatus, AddedAccount
from tests.fake_greader import FakeGReader
from tests.library.sync_helpers import articles, connect

TIMEOUT_MS = 15_000


@pytest.fixture
def syncer(library: Library, qtbot: QtBot) -> Any:
    controller = SyncController(library)
    yield controller
    controller.shutdown()


def fill(server: FakeGReader, count: int) -> None:
    feed = server.add_feed("https://news.example/feed.xml", "News", "News")
    for n in range(count):
        server.add_item(feed, n)


def test_a_sync_reports_its_start_progress_and_end_on_the_gui_thread(
    library: Library, syncer: SyncController, miniflux_fake: FakeGReader, qtbot: QtBot
) -> None:
    fill(miniflux_fake, 300)
    connect(library, miniflux_fake)
    started: list[bool] = []
    progress: list[tuple[int, int]] = []
    gui = threading.current_thread()
    syncer.started.connect(started.append)
    syncer.progressed.connect(
        lambda done, total: (
            progress.append((done, total)) if threading.current_thread() is gui else None
        )
    )
    with qtbot.waitSignal(syncer.finished, timeout=TIMEOUT_MS) as blocker:
        syncer.sync()
        assert syncer.running
    result: SyncResult = blocker.args[0]
    assert not syncer.running
    assert started == [False]
    assert progress[-1] == (300, 300) and len(progress) >= 2
    assert result.report is not None and result.report.new_articles == 300
    assert result.error is None and not result.quiet
    assert result.status is not None and result.status.status == "ok"
    assert len(articles(library)) == 300


def test_requests_made_while_it_syncs_become_one_more_sync(
    library: Library, syncer: SyncController, miniflux_fake: FakeGReader, qtbot: QtBot
) -> None:
    fill(miniflux_fake, 3)
    connect(library, miniflux_fake)
    miniflux_fake.hang("/reader/api/0/stream/items/ids")
    results: list[SyncResult] = []
    syncer.finished.connect(results.append)
    syncer.sync(quiet=True)
    assert miniflux_fake.hanging.wait(10)
    # Asked twice more while the first waits for the server: one more sync, not two, and a
    # loud one since one of the requests was.
    syncer.sync(quiet=True)
    syncer.sync()
    miniflux_fake.unhang()
    qtbot.waitUntil(lambda: len(results) == 2 and not syncer.running, timeout=TIMEOUT_MS)
    first, second = results
    assert first.quiet and first.report is not None and first.report.new_articles == 3
    assert not second.quiet and second.report is not None and second.error is None
    # Nothing more was queued: a third sync would have started as the second ended.
    assert not syncer.running


def test_without_an_account_nothing_starts(
    library: Library, syncer: SyncController, qtbot: QtBot
) -> None:
    started: list[bool] = []
    syncer.started.connect(started.append)
    with qtbot.waitSignal(syncer.finished, timeout=TIMEOUT_MS) as blocker:
        syncer.sync_due()
    result: SyncResult = blocker.args[0]
    assert result.no_account and result.quiet and result.error is None
    assert started == []


def test_the_account_work_answers_on_the_gui_thread(
    library: Library, syncer: SyncController, freshrss_fake: FakeGReader, qtbot: QtBot
) -> None:
    server = freshrss_fake
    answers: list[Any] = []

    def wait_answer() -> Any:
        qtbot.waitUntil(lambda: bool(answers), timeout=TIMEOUT_MS)
        return answers.pop()

    syncer.test_connection(server.url, server.user, "wrong", answers.append, answers.append)
    refused = wait_answer()
    assert isinstance(refused, UserError) and "refused the user name or password" in str(refused)
    syncer.test_connection(server.url, server.user, server.password, answers.append, answers.append)
    assert wait_answer().startswith("Connected to ")
    syncer.add_account(server.url, server.user, server.password, answers.append, answers.append)
    added = wait_answer()
    assert (
        isinstance(added, AddedAccount)
        and added.warning
        and "readable only by you" in added.warning
    )
    syncer.read_status(answers.append)
    status = wait_answer()
    assert isinstance(status, AccountStatus) and status.line().startswith("Not synced yet")
    syncer.remove_account(answers.append, answers.append)
    assert isinstance(wait_answer(), AccountStatus)
    assert library.sync.status() is None


def test_the_account_is_not_removed_while_it_syncs(
    library: Library, syncer: SyncController, miniflux_fake: FakeGReader, qtbot: QtBot
) -> None:
    connect(library, miniflux_fake)
    miniflux_fake.hang("/reader/api/0/stream/items/ids")
    syncer.sync()
    assert miniflux_fake.hanging.wait(10)
    with pytest.raises(UserError, match="a sync is running"):
        syncer.remove_account(lambda _status: None, lambda _exc: None)
    with qtbot.waitSignal(syncer.finished, timeout=TIMEOUT_MS):
        miniflux_fake.unhang()
    assert library.sync.status() is not None


def test_closing_stops_the_schedule_and_drops_what_comes_after(
    library: Library, miniflux_fake: FakeGReader, qtbot: QtBot
) -> None:
    connect(library, miniflux_fake)
    syncer = SyncController(library)
    results: list[SyncResult] = []
    syncer.finished.connect(results.append)
    syncer.start_schedule(60_000, first_ms=0)
    qtbot.waitUntil(lambda: len(results) == 1, timeout=TIMEOUT_MS)
    assert results[0].quiet and results[0].error is None
    miniflux_fake.hang("/reader/api/0/stream/items/ids")
    syncer.sync()
    assert miniflux_fake.hanging.wait(10)
    miniflux_fake.unhang()
    syncer.shutdown()
    assert not syncer.running
    # The sync ended while closing (its thread was waited for): its result is dropped.
    QApplication.processEvents()
    assert len(results) == 1
    # Once closed it starts nothing, and asks nothing of the library (which closes next).
    syncer.sync()
    syncer.sync_due()
    assert not syncer.running
    syncer.read_status(results.append)  # type: ignore[arg-type]
    QApplication.processEvents()
    assert len(results) == 1
