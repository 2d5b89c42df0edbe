"""Feeds refresh by themselves while the window is open, as often as Preferences (or a feed's
own properties) say, quietly when nothing is due and not on battery; and Preferences hold what
a reader expects — reading font, text size and line length shown at once, retention, kept
pages — applied without a restart."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.ui import preferences_controller
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import FeedKey
from tests.library.feed_docs import FeedServer, simple_feed
from tests.services.article_pages import article_page
from tests.ui.scripted_prompts import ScriptedPrompts

START = datetime(2025, 11, 3, 12, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> list[datetime]:
    return [START]


@pytest.fixture
def timed_library(db_path: Path, clock: list[datetime]) -> Iterator[Library]:
    lib = Library(db_path, clock=lambda: clock[0])
    yield lib
    lib.close()


def _choose(box: object, minutes: int | None) -> None:
    index = box.findData(minutes)  # type: ignore[attr-defined]
    assert index >= 0, minutes
    box.setCurrentIndex(index)  # type: ignore[attr-defined]


def test_feeds_refresh_by_themselves_as_often_as_preferences_say(
    timed_library: Library,
    clock: list[datetime],
    make_window: object,
    httpserver: HTTPServer,
    qtbot: QtBot,
) -> None:
    library = timed_library
    feeds = FeedServer(httpserver)
    feed = library.add_feed(feeds.add("/a.xml", simple_feed("A", 2)))
    library.refresh()
    window: MainWindow = make_window(library)  # type: ignore[operator]
    # Every 30 minutes instead of every hour, chosen in Preferences.
    window.commands.preferences.trigger()
    dialog = window.preferences.dialog
    assert dialog is not None
    dialog.tabs.setCurrentIndex(1)
    _choose(dialog.refresh, 30)
    dialog.accept()
    qtbot.waitUntil(lambda: library.refresh_interval == timedelta(minutes=30))
    assert window.settings.automatic_refresh
    started: list[object] = []
    window.refresher.started.connect(lambda: started.append(True))
    # The schedule looks now and then; nothing is due yet: nothing is said.
    with qtbot.waitSignal(window.refresher.finished, timeout=10_000) as quiet:
        window.refresher.start_schedule(50, first_ms=0)
    assert quiet.args[0].total == 0 and window.refresher.scheduled
    assert started == [] and not window.status_bar.progress.isVisible()
    assert "due" not in window.statusBar().currentMessage()
    # Half an hour later the feed is due, and new articles come by themselves.
    summaries: list[object] = []
    window.refresher.finished.connect(summaries.append)
    feeds.update("/a.xml", simple_feed("A", 3))
    clock[0] = START + timedelta(minutes=35)
    qtbot.waitUntil(lambda: any(s.total for s in summaries), timeout=10_000)  # type: ignore[attr-defined]
    ran = next(s for s in summaries if s.total)  # type: ignore[attr-defined]
    assert ran.total == 1 and ran.new_articles == 1  # type: ignore[attr-defined]
    assert started == [True]
    qtbot.waitUntil(lambda: window.sidebar_model.unread(FeedKey(feed.id)) == 3)
    # "Only when I ask": the schedule stops.
    window.commands.preferences.trigger()
    dialog = window.preferences.dialog
    assert dialog is not None
    _choose(dialog.refresh, 0)
    dialog.accept()
    assert not window.settings.automatic_refresh
    assert not window.refresher.automatic


def test_a_feed_gets_its_own_interval_in_its_properties(
    library: Library, window: MainWindow, httpserver: HTTPServer, qtbot: QtBot
) -> None:
    feed = library.add_feed(FeedServer(httpserver).add("/a.xml", simple_feed("A", 1)))
    window.sidebar_controller.reload()
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(FeedKey(feed.id)) is not None)
    window.sidebar_controller.open_key(FeedKey(feed.id))
    window.commands.feed_properties.trigger()
    dialog = window.feed_commands.properties_dialog
    assert dialog is not None
    assert dialog.refresh.currentText() == "As in Preferences (every hour)"
    _choose(dialog.refresh, 15)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: library.get_feed(feed.id).refresh_minutes == 15)
    # And back to the library's, undone with Ctrl+Z.
    window.commands.undo.trigger()
    qtbot.waitUntil(lambda: library.get_feed(feed.id).refresh_minutes is None)


def test_intervals_are_said_in_whole_days_hours_or_minutes(qapp: object) -> None:
    from reader.ui.feed_properties_dialog import every

    said = [every(m) for m in (1, 15, 60, 90, 120, 1440, 2880)]
    assert said == [
        "Every minute",
        "Every 15 minutes",
        "Every hour",
        "Every 90 minutes",
        "Every 2 hours",
        "Every day",
        "Every 2 days",
    ]
    assert every(60, starts=False) == "every hour"


def test_scheduled_refreshes_wait_on_battery_unless_allowed(
    library: Library,
    window: MainWindow,
    httpserver: HTTPServer,
    monkeypatch: pytest.MonkeyPatch,
    qtbot: QtBot,
) -> None:
    library.add_feed(FeedServer(httpserver).add("/a.xml", simple_feed("A", 1)))
    monkeypatch.setattr(preferences_controller, "on_battery", lambda: True)
    with qtbot.waitSignal(window.refresher.held, timeout=5_000) as held:
        window.refresher.refresh_due()
    assert held.args == ["on battery"]
    assert not window.refresher.running
    assert window.statusBar().currentMessage() == (
        "Feeds are not refreshed by themselves while on battery"
    )
    # A refresh the reader asks for never waits.
    with qtbot.waitSignal(window.refresher.finished, timeout=10_000):
        window.commands.refresh_all.trigger()
    # Allowed on battery in Preferences: the schedule runs again.
    window.settings.refresh_on_battery = True
    with qtbot.waitSignal(window.refresher.held, timeout=5_000) as held:
        window.refresher.refresh_due()
    assert held.args == [""]
    qtbot.waitUntil(lambda: not window.refresher.running)


def test_reading_font_size_and_line_length_show_at_once_and_cancel_takes_them_back(
    window: MainWindow, qtbot: QtBot
) -> None:
    browser = window.article_pane.browser
    window.commands.preferences.trigger()
    dialog = window.preferences.dialog
    assert dialog is not None
    family = dialog.font_family.itemData(1)
    assert family
    width = browser.line_width()
    dialog.font_family.setCurrentIndex(1)
    dialog.font_size.setValue(17)
    dialog.line_characters.setValue(50)
    # Shown before OK.
    assert browser.reading_font().families()[0] == family
    assert browser.reading_font().pointSize() == 17
    assert f'font-family: "{family}"' in window.article_pane.css()
    narrower = browser.line_width()
    assert narrower != width
    dialog.reject()
    assert window.settings.reading_font == ""
    assert window.settings.line_characters == 70
    assert browser.reading_font().pointSize() == 13
    # Chosen for good with OK, and kept for the next window.
    window.commands.preferences.trigger()
    dialog = window.preferences.dialog
    assert dialog is not None
    dialog.font_family.setCurrentIndex(1)
    dialog.line_characters.setValue(90)
    dialog.accept()
    assert window.settings.reading_font == family
    assert window.settings.line_characters == 90
    assert 'font-family: "' in window.article_pane.css()


def test_retention_and_kept_pages_are_kept_in_the_library(
    library: Library,
    window: MainWindow,
    prompts: ScriptedPrompts,
    httpserver: HTTPServer,
    qtbot: QtBot,
) -> None:
    httpserver.expect_request("/story").respond_with_data(
        article_page().encode(), content_type="text/html; charset=utf-8"
    )
    library.save(httpserver.url_for("/story"))
    assert library.stats().kept_pages == 1
    window.commands.preferences.trigger()
    dialog = window.preferences.dialog
    assert dialog is not None
    assert dialog.retention.currentText() == "Keep them"
    assert dialog.keep_pages.isChecked()
    _choose(dialog.retention, 30)
    dialog.keep_pages.setChecked(False)
    prompts.answer(True)  # delete the pages kept so far too
    dialog.accept()
    qtbot.waitUntil(lambda: library.retention_days == 30)
    qtbot.waitUntil(lambda: not library.keep_pages)
    qtbot.waitUntil(lambda: library.stats().kept_pages == 0)
    (asked,) = prompts.take()
    assert "Delete the one page kept so far too?" in asked.text
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Deleted 1 kept page")
    # The dialog opened again shows what the library holds.
    window.commands.preferences.trigger()
    again = window.preferences.dialog
    assert again is not None
    assert again.retention.currentData() == 30 and not again.keep_pages.isChecked()
    again.reject()
