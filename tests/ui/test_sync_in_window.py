"""Sync from the window, as a user does it: the account dialog with its connection test, "Sync
Now", the account's sidebar item and the status bar, against the in-process Google Reader
servers (as Miniflux and as FreshRSS) and a real Miniflux; faults leave one clear line and
lose nothing."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from reader.app.sync_controller import SyncResult
from reader.library import Library
from reader.library.views import SmartView
from reader.ui.account_dialog import AccountDialog
from reader.ui.account_section import ACCOUNT_KEY
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import DEFAULT_VIEW, FeedKey, SectionKey, ViewKey
from reader.ui.sidebar_model import ERROR_ROLE
from tests.fake_greader import FakeGReader
from tests.library.sync_helpers import articles, connect
from tests.library.test_sync_miniflux import serve_feed, subscribe_there
from tests.miniflux import MinifluxServer
from tests.ui.scripted_prompts import ScriptedPrompts

SYNC_TIMEOUT_MS = 15_000


def fill(server: FakeGReader, count: int = 3) -> None:
    news = server.add_feed("https://news.example/feed.xml", "News site", "News")
    for n in range(count):
        server.add_item(news, n)


def open_dialog(window: MainWindow) -> AccountDialog:
    window.commands.sync_account.trigger()
    dialog = window.sync_commands.account_dialog
    assert isinstance(dialog, AccountDialog) and dialog.isVisible()
    return dialog


def type_account(dialog: AccountDialog, server: str, user: str, password: str) -> None:
    for field, text in ((dialog.server, server), (dialog.user, user), (dialog.password, password)):
        field.clear()
        QTest.keyClicks(field, text)


def wait_result(qtbot: QtBot, dialog: AccountDialog) -> str:
    qtbot.waitUntil(
        lambda: dialog.connection_result.isVisible() and not dialog.busy.isVisible(),
        timeout=SYNC_TIMEOUT_MS,
    )
    return dialog.connection_result.text()


def sync_now(window: MainWindow, qtbot: QtBot) -> SyncResult:
    with qtbot.waitSignal(window.syncer.finished, timeout=SYNC_TIMEOUT_MS) as blocker:
        window.commands.sync_now.trigger()
    result = blocker.args[0]
    assert isinstance(result, SyncResult)
    return result


def account_item(window: MainWindow) -> tuple[str, str, str | None]:
    """The account's sidebar item: its label, tooltip and error."""
    index = window.sidebar_model.index_for_key(ACCOUNT_KEY)
    assert index.isValid()
    return (
        str(index.data(Qt.ItemDataRole.DisplayRole)),
        str(index.data(Qt.ItemDataRole.ToolTipRole)),
        index.data(ERROR_ROLE),
    )


def status_line(library: Library) -> str:
    status = library.sync.status()
    assert status is not None
    return status.line()


def test_add_an_account_in_the_dialog_and_sync(
    library: Library, window: MainWindow, greader: FakeGReader, qtbot: QtBot
) -> None:
    fill(greader)
    assert window.sidebar_model.node_for_key(ACCOUNT_KEY) is None
    dialog = open_dialog(window)
    assert dialog.password.echoMode() is dialog.password.EchoMode.Password
    # Nothing typed: the dialog says what is missing and asks no server.
    dialog.test_button.click()
    assert "address" in dialog.connection_result.text() and not dialog.busy.isVisible()
    # A wrong password: the cause in one line, and nothing kept.
    type_account(dialog, greader.url, greader.user, "not the password")
    dialog.test_button.click()
    cause = wait_result(qtbot, dialog)
    assert "refused the user name or password (HTTP 401)" in cause
    assert "\n" not in cause
    assert library.sync.status() is None
    # The right one: what the server holds.
    dialog.password.clear()
    QTest.keyClicks(dialog.password, greader.password)
    assert not dialog.connection_result.isVisible()  # the old answer went with the edit
    dialog.test_button.click()
    found = wait_result(qtbot, dialog)
    assert found.startswith("✓ Connected to ") and "1 subscription" in found
    assert library.sync.status() is None  # a test keeps nothing
    # Adding it syncs at once.
    with qtbot.waitSignal(window.syncer.finished, timeout=SYNC_TIMEOUT_MS) as blocker:
        dialog.add_button.click()
    assert blocker.args[0].report.new_articles == 3
    assert dialog.on_account_page and dialog.isVisible()
    # No keyring in the tests: the password went to a file, and the dialog says so.
    assert dialog.warning.isVisible()
    assert "readable only by you" in dialog.warning.text()
    assert dialog.password_label.text().startswith("Kept in a file only you can read")
    line = status_line(library)
    assert line.startswith("Synced ") and line.endswith("0 changes waiting")
    qtbot.waitUntil(lambda: dialog.status_label.text() == line)
    assert window.status_bar.currentMessage().startswith("Synced in ")
    # The sidebar: the account's item says how the sync stands, the feed and its articles are in.
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(ACCOUNT_KEY) is not None)
    qtbot.waitUntil(lambda: account_item(window)[0].startswith("Synced "))
    _label, tooltip, error = account_item(window)
    assert tooltip.endswith(line) and error is None
    feed = library.list_feeds()[0]
    qtbot.waitUntil(lambda: window.sidebar_model.unread(FeedKey(feed.id)) == 3)
    window.sidebar_controller.open_key(ViewKey(SmartView.UNREAD))
    qtbot.waitUntil(lambda: window.article_list_model.rowCount() == 3)
    dialog.close_button.click()
    assert not dialog.isVisible()
    # Opened again: the account as it stands, the warning said once is gone.
    assert open_dialog(window) is dialog
    assert dialog.on_account_page and not dialog.warning.isVisible()
    assert dialog.status_label.text() == line
    dialog.reject()


def test_sync_now_sends_what_was_read_here(
    library: Library, window: MainWindow, miniflux_fake: FakeGReader, qtbot: QtBot
) -> None:
    fill(miniflux_fake)
    connect(library, miniflux_fake)
    first = sync_now(window, qtbot)
    assert first.report is not None and first.report.new_articles == 3
    qtbot.waitUntil(lambda: window.article_list_model.rowCount() == 3)
    # Read (it is shown) and starred here, as a user does it: the article selected, then "s".
    window.list_controller.select_first()
    window.commands.toggle_star.trigger()
    qtbot.waitUntil(lambda: library.sync.status().pending == 2)  # type: ignore[union-attr]
    # The item's tooltip follows the queue: the changes wait for the next sync.
    qtbot.waitUntil(lambda: account_item(window)[1].endswith("; 2 changes waiting"))
    second = sync_now(window, qtbot)
    assert second.report is not None and second.report.sent == 2
    [item] = [item for item in miniflux_fake.items.values() if item.starred]
    assert item.read
    qtbot.waitUntil(lambda: account_item(window)[1].endswith("; 0 changes waiting"))


Fault = Callable[[FakeGReader, Library], None]


def server_down(server: FakeGReader, library: Library) -> None:
    server.stop()


def wrong_password(server: FakeGReader, library: Library) -> None:
    server.password = "changed on the server"


def server_error(server: FakeGReader, library: Library) -> None:
    server.fail("/reader/api/0/stream/items/ids", 503)


def timeout(server: FakeGReader, library: Library) -> None:
    library.configure_http(timeout=0.5)
    server.hang("/reader/api/0/stream/items/ids")


@pytest.mark.parametrize(
    ("fault", "cause"),
    [
        (server_down, "could not connect"),
        (wrong_password, "refused the user name or password (HTTP 401)"),
        (server_error, "HTTP 503"),
        (timeout, "timed out"),
    ],
)
def test_a_fault_is_one_clear_line_and_loses_nothing(
    library: Library,
    window: MainWindow,
    miniflux_fake: FakeGReader,
    qtbot: QtBot,
    fault: Fault,
    cause: str,
) -> None:
    server = miniflux_fake
    fill(server)
    connect(library, server)
    sync_now(window, qtbot)
    qtbot.waitUntil(lambda: window.article_list_model.rowCount() == 3)
    window.list_controller.select_first()
    window.commands.toggle_star.trigger()
    qtbot.waitUntil(lambda: library.sync.status().pending == 2)  # type: ignore[union-attr]
    port = server.port
    fault(server, library)
    failed = sync_now(window, qtbot)
    assert failed.error is not None and not failed.internal
    line = status_line(library)
    assert line.startswith("Sync failed: ") and cause in line
    assert "(last good sync " in line and line.endswith("; 2 changes waiting")
    # One line, the same in the status bar, the sidebar and `folio account list`.
    assert "\n" not in line
    assert window.status_bar.currentMessage() == line
    qtbot.waitUntil(lambda: account_item(window)[2] == line)
    label, tooltip, _error = account_item(window)
    assert label.startswith("Sync failed")
    assert tooltip.endswith(line)
    assert len(articles(library)) == 3
    # The server back: the queue goes out, nothing was lost.
    if fault is server_down:
        server.start(port)
    server.password = "secret"
    server.unhang()
    library.configure_http()
    again = sync_now(window, qtbot)
    assert again.error is None, again.error
    [item] = [item for item in server.items.values() if item.starred]
    assert item.read
    assert status_line(library).endswith("; 0 changes waiting")
    qtbot.waitUntil(lambda: account_item(window)[2] is None)
    assert account_item(window)[0].startswith("Synced ")


def test_remove_the_account_after_a_confirmation(
    library: Library,
    window: MainWindow,
    freshrss_fake: FakeGReader,
    prompts: ScriptedPrompts,
    qtbot: QtBot,
) -> None:
    fill(freshrss_fake)
    connect(library, freshrss_fake)
    sync_now(window, qtbot)
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(ACCOUNT_KEY) is not None)
    dialog = open_dialog(window)
    assert dialog.on_account_page
    assert dialog.server_label.text() == freshrss_fake.url
    # Asked first; "no" keeps it.
    prompts.answer(False)
    dialog.remove_button.click()
    assert library.sync.status() is not None
    prompts.answer(True)
    dialog.remove_button.click()
    qtbot.waitUntil(lambda: not dialog.on_account_page)
    [first, second] = prompts.take()
    assert first == second and first.kind == "confirm"
    server = f"127.0.0.1:{freshrss_fake.port}/api/greader.php"
    assert first.text.startswith(f"Remove the sync account reader at {server}?")
    assert library.sync.status() is None
    assert len(articles(library)) == 3
    # Ready to add it again (with a new password, say).
    assert (dialog.server.text(), dialog.user.text(), dialog.password.text()) == (
        freshrss_fake.url,
        "reader",
        "",
    )
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(ACCOUNT_KEY) is None)
    assert "keeps everything it holds" in window.status_bar.currentMessage()
    dialog.reject()


def test_the_sidebar_item_opens_the_account_and_has_a_menu(
    library: Library, window: MainWindow, miniflux_fake: FakeGReader, qtbot: QtBot
) -> None:
    fill(miniflux_fake)
    connect(library, miniflux_fake)
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(ACCOUNT_KEY) is not None)
    assert account_item(window)[0] == "Not synced yet"
    index = window.sidebar_model.index_for_key(ACCOUNT_KEY)
    assert index.parent() == window.sidebar_model.index_for_key(SectionKey("account"))
    # Its menu: sync now, and the account.
    rect = window.sidebar.visualRect(index)
    window.sidebar_menu.show_at(rect.center())
    menu = window.sidebar_menu.menu
    assert menu is not None
    texts = [a.text() for a in menu.actions()]
    assert texts == ["Sync Now", "Account…"]
    with qtbot.waitSignal(window.syncer.finished, timeout=SYNC_TIMEOUT_MS):
        menu.actions()[0].trigger()
    menu.close()
    qtbot.waitUntil(lambda: account_item(window)[0].startswith("Synced "))
    # A click opens the account; the list stays on what it showed.
    QTest.mouseClick(window.sidebar.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = window.sync_commands.account_dialog
    assert dialog is not None and dialog.isVisible() and dialog.on_account_page
    assert window.sidebar_controller.current_key == DEFAULT_VIEW
    selected = window.sidebar.selectionModel().selectedIndexes()
    assert [i.data() for i in selected] == ["Unread"]
    dialog.reject()


def test_an_empty_library_offers_to_sync_with_a_server(
    library: Library, window: MainWindow, qtbot: QtBot
) -> None:
    assert window.content.currentWidget() is window.empty_state
    window.empty_state.buttons["sync_account"].click()
    dialog = window.sync_commands.account_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.on_account_page
    dialog.reject()


def test_sync_now_without_an_account_offers_to_add_one(
    library: Library, window: MainWindow, qtbot: QtBot
) -> None:
    qtbot.waitUntil(lambda: window.sync_commands.account is None and not window.syncer.running)
    window.commands.sync_now.trigger()
    qtbot.waitUntil(lambda: window.sync_commands.account_dialog is not None)
    dialog = window.sync_commands.account_dialog
    assert dialog is not None and dialog.isVisible() and not dialog.on_account_page
    dialog.reject()


def test_refresh_all_is_followed_by_a_sync(
    library: Library, window: MainWindow, miniflux_fake: FakeGReader, qtbot: QtBot
) -> None:
    fill(miniflux_fake)
    connect(library, miniflux_fake)
    qtbot.waitUntil(lambda: window.sync_commands.account is not None)
    with qtbot.waitSignal(window.syncer.finished, timeout=SYNC_TIMEOUT_MS) as blocker:
        window.commands.refresh_all.trigger()
    result = blocker.args[0]
    assert result.quiet and result.report.new_articles == 3
    qtbot.waitUntil(lambda: window.article_list_model.rowCount() == 3)


def test_a_sync_that_fails_again_on_schedule_is_said_once(
    library: Library, window: MainWindow, miniflux_fake: FakeGReader, qtbot: QtBot
) -> None:
    connect(library, miniflux_fake)
    miniflux_fake.stop()
    assert sync_now(window, qtbot).error is not None
    line = window.status_bar.currentMessage()
    assert line.startswith("Sync failed: ")
    window.status_bar.clearMessage()
    with qtbot.waitSignal(window.syncer.finished, timeout=SYNC_TIMEOUT_MS):
        window.syncer.sync_due()
    # The same failure again, in the background: the sidebar still says it, the status bar
    # does not repeat it.
    assert window.status_bar.currentMessage() == ""
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(ACCOUNT_KEY) is not None)
    assert account_item(window)[2] == status_line(library)


def test_the_window_syncs_with_a_real_miniflux(
    library: Library,
    window: MainWindow,
    miniflux: MinifluxServer,
    httpserver: HTTPServer,
    qtbot: QtBot,
) -> None:
    url = serve_feed(httpserver, "Real feed", 4)
    subscribe_there(miniflux, url, "Reading")
    try:
        dialog = open_dialog(window)
        type_account(dialog, miniflux.url, miniflux.user, "not-the-password")
        dialog.test_button.click()
        assert "refused the user name or password" in wait_result(qtbot, dialog)
        dialog.password.clear()
        QTest.keyClicks(dialog.password, miniflux.password)
        dialog.test_button.click()
        assert "1 subscription, without labels" in wait_result(qtbot, dialog)
        with qtbot.waitSignal(window.syncer.finished, timeout=30_000) as blocker:
            dialog.add_button.click()
        result = blocker.args[0]
        assert result.error is None, result.error
        assert result.report.new_articles == 4
        dialog.reject()
        [feed] = library.list_feeds()
        assert (feed.url, feed.folder) == (url, "Reading")
        qtbot.waitUntil(lambda: window.sidebar_model.unread(FeedKey(feed.id)) == 4)
        qtbot.waitUntil(lambda: account_item(window)[1].endswith(status_line(library)))
        assert account_item(window)[0].startswith("Synced ")
        assert window.status_bar.currentMessage().startswith("Synced in ")
        window.sidebar_controller.open_key(FeedKey(feed.id))
        qtbot.waitUntil(lambda: window.article_list_model.rowCount() == 4)
    finally:
        # The server outlives the test: leave it without this test's feeds.
        for item in miniflux.api("GET", "/v1/feeds").get("items", []):
            miniflux.api("DELETE", f"/v1/feeds/{item['id']}")


def test_a_sync_cut_short_by_closing_the_window_resumes_in_the_next(
    library: Library,
    make_window: Callable[..., MainWindow],
    miniflux_fake: FakeGReader,
    qtbot: QtBot,
) -> None:
    server = miniflux_fake
    feed = server.add_feed("https://news.example/feed.xml", "News site", "News")
    for n in range(1000):
        server.add_item(feed, n)
    connect(library, server)
    window = make_window(library)
    # The first three batches of contents (asked for at once) come, the fourth waits: the
    # window closes half-way.
    server.hang("/reader/api/0/stream/items/contents", after=3)
    with qtbot.waitSignal(window.syncer.progressed, timeout=SYNC_TIMEOUT_MS):
        window.commands.sync_now.trigger()
    assert server.hanging.wait(10)
    server.unhang()
    window.close()
    stored = len(articles(library))
    assert 0 < stored < 1000
    line = status_line(library)
    assert line.startswith("Sync failed: ")
    again = make_window(library)
    qtbot.waitUntil(lambda: again.sidebar_model.node_for_key(ACCOUNT_KEY) is not None)
    assert account_item(again)[2] == line
    result = sync_now(again, qtbot)
    assert result.error is None and result.report is not None
    assert result.report.new_articles == 1000 - stored
    assert len({a.url for a in articles(library)}) == len(articles(library)) == 1000
    qtbot.waitUntil(lambda: account_item(again)[0].startswith("Synced "))
