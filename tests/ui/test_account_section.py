"""The sync account's sidebar item: a few words in the row, the status line in the tooltip, the
error look of a failed sync, and an item that opens no list."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.library.sync import AccountStatus
from reader.ui.account_section import (
    ACCOUNT_KEY,
    AccountSection,
    account_label,
    account_node,
    server_name,
)
from reader.ui.article_delegate import short_date
from reader.ui.saved_search_section import SavedSearchesSection
from reader.ui.sidebar_keys import SectionKey, key_from_text, key_text
from reader.ui.sidebar_model import ERROR_ROLE, KIND_ROLE, NodeKind, SidebarModel
from tests.ui.keyboard import check_model

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def status(**changes: object) -> AccountStatus:
    values: dict[str, object] = {
        "url": "https://rss.example.org",
        "username": "alice",
        "status": "ok",
        "message": "12 new articles",
        "last_success": NOW - timedelta(minutes=5),
        "last_attempt": NOW - timedelta(minutes=5),
        "pending": 0,
        "password_in": "keyring",
        "labels": False,
    }
    values.update(changes)
    return AccountStatus(**values)  # type: ignore[arg-type]


def test_the_row_says_in_a_few_words_how_the_sync_stands(qapp: object) -> None:
    # The time today, the day before (written as the article list writes them).
    today = short_date(NOW - timedelta(minutes=5), NOW)
    assert account_label(status(), syncing=False, now=NOW) == f"Synced {today}"
    assert ":" in today
    january = datetime(2026, 1, 9, 8, 0, tzinfo=UTC)
    earlier = status(last_success=january)
    assert account_label(earlier, syncing=False, now=NOW) == f"Synced {short_date(january, NOW)}"
    assert ":" not in short_date(january, NOW)
    assert account_label(status(), syncing=True, now=NOW) == "Syncing…"
    new = status(status="new", message=None, last_success=None, last_attempt=None)
    assert account_label(new, syncing=False, now=NOW) == "Not synced yet"
    failed = status(status="error", message="rss.example.org refused the user name")
    assert account_label(failed, syncing=False, now=NOW).startswith("Sync failed ")


def test_the_tooltip_holds_the_status_line_and_a_failure_looks_like_one(qapp: object) -> None:
    ok = account_node(status(pending=2), syncing=False, now=NOW)
    assert ok.kind is NodeKind.ACCOUNT and ok.key == ACCOUNT_KEY
    assert ok.tooltip == f"alice at rss.example.org\n{status(pending=2).line()}"
    assert ok.tooltip.endswith("; 2 changes waiting")
    assert ok.error is None and ok.icon_name == "sync"
    failed_status = status(status="error", message="could not connect to rss.example.org")
    failed = account_node(failed_status, syncing=False, now=NOW)
    assert failed.error == failed_status.line()
    assert failed.error.startswith("Sync failed: could not connect")
    # While a new sync runs, the old failure is not shown as the news.
    assert account_node(failed_status, syncing=True, now=NOW).error is None


@pytest.mark.parametrize(
    ("url", "name"),
    [
        ("https://rss.example.org", "rss.example.org"),
        ("http://127.0.0.1:8080", "127.0.0.1:8080"),
        ("https://example.org/api/greader.php", "example.org/api/greader.php"),
    ],
)
def test_the_server_is_named_without_its_scheme(url: str, name: str) -> None:
    assert server_name(url) == name


def test_the_section_lists_the_account_once_there_is_one(
    library: Library, qtmodeltester: ModelTester, qtbot: QtBot
) -> None:
    syncing = [False]
    model = SidebarModel()
    model.add_section(SavedSearchesSection(), after="views")
    model.add_section(AccountSection(lambda: syncing[0]), after=SavedSearchesSection.key)
    model.show(model.load(library))
    assert model.node_for_key(ACCOUNT_KEY) is None
    assert not model.index_for_key(SectionKey("account")).isValid()
    library.sync.add_account("https://rss.example.org", "alice", "secret", check=False)
    model.show(model.load(library))
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top == ["Library", "Sync"]
    index = model.index_for_key(ACCOUNT_KEY)
    assert index.data() == "Not synced yet"
    assert index.data(KIND_ROLE) is NodeKind.ACCOUNT
    # Clicked, not selected: it opens the account, not a list.
    assert not model.flags(index) & Qt.ItemFlag.ItemIsSelectable
    check_model(qtmodeltester, model)
    # A sync starts: the row says so in place, without reading the tree again.
    current = library.sync.status()
    assert current is not None
    with qtbot.waitSignal(model.dataChanged):
        assert model.update_node(account_node(current, syncing=True))
    assert index.data() == "Syncing…"
    syncing[0] = True
    model.show(model.load(library))
    assert model.index_for_key(ACCOUNT_KEY).data() == "Syncing…"
    failed = account_node(status(status="error", message="could not connect"), syncing=False)
    assert model.update_node(failed)
    assert model.index_for_key(ACCOUNT_KEY).data(ERROR_ROLE) == failed.error
    library.sync.remove_account()
    model.show(model.load(library))
    assert model.node_for_key(ACCOUNT_KEY) is None
    assert not model.update_node(failed)


def test_the_account_is_never_the_list_reopened() -> None:
    assert key_text(ACCOUNT_KEY) == "account"
    assert key_from_text("account") is None
