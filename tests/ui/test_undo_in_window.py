"""Undo for every change of state, from the keyboard (Ctrl+Z) and the status bar's button:
read, unread, star, archive, tag, untag, move, delete and mark all as read, latest first; an
article a change took out of the list comes back into it at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from reader.app.settings import Settings
from reader.library import Library
from reader.library.views import SmartView
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import FeedKey, FolderKey, ViewKey
from tests.ui.keyboard import press, type_text
from tests.ui.library_data import add_feed_with_articles


def ctrl_z(window: MainWindow) -> None:
    window.article_view.setFocus()
    press(window.article_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)


def key(window: MainWindow, k: Qt.Key) -> None:
    press(QApplication.focusWidget() or window.article_view, k)


@pytest.fixture
def slow_reading(settings: Settings) -> Settings:
    # Long enough that only the keys change the read state here.
    settings.mark_read_delay_ms = 60_000
    return settings


@pytest.fixture
def feed_ids(library: Library) -> tuple[int, list[int]]:
    return add_feed_with_articles(library, "Alpha", 3, folder="News")


@pytest.mark.usefixtures("slow_reading")
def test_read_star_and_archive_are_undone_latest_first(
    library: Library,
    feed_ids: tuple[int, list[int]],
    make_window: object,
    qtbot: QtBot,
) -> None:
    window: MainWindow = make_window(library)  # type: ignore[operator]
    window.article_view.setFocus()
    key(window, Qt.Key.Key_J)
    article = window.list_controller.current_article()
    assert article is not None and not article.read
    key(window, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: library.get_article(article.id).read)
    # The window hears of the stored change a moment after the library has it.
    qtbot.waitUntil(window.status_bar.undo_button.isVisible)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Marked 1 article read")
    key(window, Qt.Key.Key_S)
    qtbot.waitUntil(lambda: library.get_article(article.id).starred)
    # Archiving takes it out of Unread; the next article is current.
    key(window, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: library.get_article(article.id).archived)
    qtbot.waitUntil(lambda: window.article_list_model.row_of(article.id) is None)
    # Undo: back in the list at once, where it was, and current again.
    ctrl_z(window)
    assert window.article_list_model.row_of(article.id) == 0
    assert window.list_controller.current_article().id == article.id  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: not library.get_article(article.id).archived)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage() == "Undone: Archived 1 article")
    # The star, then the read state, from the status bar's button this time.
    window.status_bar.undo_button.click()
    qtbot.waitUntil(lambda: not library.get_article(article.id).starred)
    qtbot.waitUntil(lambda: not window.list_controller.current_article().starred)  # type: ignore[union-attr]
    window.commands.undo.trigger()
    qtbot.waitUntil(lambda: not library.get_article(article.id).read)
    qtbot.waitUntil(lambda: not window.list_controller.current_article().read)  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.sidebar_model.unread(ViewKey(SmartView.UNREAD)) == 3)
    # Nothing left to undo.
    assert not window.commands.undo.isEnabled()
    window.article_commands.undo()
    assert window.statusBar().currentMessage() == "Nothing to undo"


@pytest.mark.usefixtures("slow_reading")
def test_marking_unread_and_several_articles_keeps_each_ones_state(
    library: Library,
    feed_ids: tuple[int, list[int]],
    make_window: object,
    qtbot: QtBot,
) -> None:
    _feed, ids = feed_ids
    library.mark([ids[0]], read=True)
    window: MainWindow = make_window(library)  # type: ignore[operator]
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    window.list_controller.select_row(0)
    window.article_view.selectAll()
    assert len(window.list_controller.selected_articles()) == 3
    # One read, two unread: "m" marks them all read; undo gives each its own state back.
    window.commands.toggle_read.trigger()
    qtbot.waitUntil(lambda: all(library.get_article(i).read for i in ids))
    ctrl_z(window)
    qtbot.waitUntil(lambda: [library.get_article(i).read for i in ids] == [True, False, False])
    assert [window.article_list_model.article_by_id(i).read for i in ids] == [  # type: ignore[union-attr]
        True,
        False,
        False,
    ]


def test_an_undone_deletion_comes_back_into_the_unread_list_at_once(
    library: Library, feed_ids: tuple[int, list[int]], window: MainWindow, qtbot: QtBot
) -> None:
    # Read as soon as it is shown (no delay): the Unread list would no longer take it.
    window.article_view.setFocus()
    key(window, Qt.Key.Key_J)
    article = window.list_controller.current_article()
    assert article is not None
    qtbot.waitUntil(lambda: library.get_article(article.id).read)
    key(window, Qt.Key.Key_Delete)
    assert window.article_list_model.row_of(article.id) is None
    ctrl_z(window)
    assert window.article_list_model.row_of(article.id) == 0
    assert window.list_controller.current_article().id == article.id  # type: ignore[union-attr]
    assert window.statusBar().currentMessage() == "Kept 1 article"
    # Its offer gone, nothing deletes it later.
    window.undo_stack.commit()
    assert library.get_article(article.id)


@pytest.mark.usefixtures("slow_reading")
def test_tags_added_and_removed_are_undone(
    library: Library,
    feed_ids: tuple[int, list[int]],
    make_window: object,
    qtbot: QtBot,
) -> None:
    window: MainWindow = make_window(library)  # type: ignore[operator]
    window.article_view.setFocus()
    key(window, Qt.Key.Key_J)
    article = window.list_controller.current_article()
    assert article is not None
    key(window, Qt.Key.Key_T)
    type_text(window.tag_bar.input, "python, Reading ")
    press(window.tag_bar.input, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: set(library.get_article(article.id).tags) == {"python", "Reading"})
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    press(window.tag_bar.input, Qt.Key.Key_Backspace)
    press(window.tag_bar.chips()[-1], Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: library.get_article(article.id).tags == ("python",))
    press(window.tag_bar.input, Qt.Key.Key_Escape)
    # The removed tag comes back, then the added ones go.
    ctrl_z(window)
    qtbot.waitUntil(lambda: set(library.get_article(article.id).tags) == {"python", "Reading"})
    assert [c.name for c in window.tag_bar.chips()] == ["python", "Reading"]
    ctrl_z(window)
    qtbot.waitUntil(lambda: library.get_article(article.id).tags == ())
    assert window.tag_bar.chips() == []
    assert window.list_controller.current_article().tags == ()  # type: ignore[union-attr]


def test_moving_a_feed_is_undone(
    library: Library, feed_ids: tuple[int, list[int]], window: MainWindow, qtbot: QtBot
) -> None:
    feed_id, _ = feed_ids
    other, _ = add_feed_with_articles(library, "Beta", 1, folder="Later")
    window.sidebar_controller.reload()
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(FeedKey(other)) is not None)
    later = library.resolve_folder("Later")
    window.sidebar_model.feeds_dropped.emit([feed_id], later)
    qtbot.waitUntil(lambda: library.get_feed(feed_id).folder == "Later")
    qtbot.waitUntil(window.status_bar.undo_button.isVisible)
    ctrl_z(window)
    qtbot.waitUntil(lambda: library.get_feed(feed_id).folder == "News")
    qtbot.waitUntil(
        lambda: (
            window.sidebar_model.node_for_key(FeedKey(feed_id)).parent.key  # type: ignore[union-attr]
            == FolderKey(library.resolve_folder("News"))
        )
    )


@pytest.mark.usefixtures("slow_reading")
def test_mark_all_read_is_undone_even_after_other_changes(
    library: Library,
    feed_ids: tuple[int, list[int]],
    make_window: object,
    qtbot: QtBot,
) -> None:
    _feed, ids = feed_ids
    window: MainWindow = make_window(library)  # type: ignore[operator]
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    window.commands.mark_all_read.trigger()
    qtbot.waitUntil(lambda: all(library.get_article(i).read for i in ids))
    window.list_controller.select_article(ids[1])
    window.commands.toggle_star.trigger()
    qtbot.waitUntil(lambda: library.get_article(ids[1]).starred)
    # The star first, then every article is unread again.
    ctrl_z(window)
    qtbot.waitUntil(lambda: not library.get_article(ids[1]).starred)
    ctrl_z(window)
    qtbot.waitUntil(lambda: not any(library.get_article(i).read for i in ids))
    qtbot.waitUntil(lambda: window.sidebar_model.unread(ViewKey(SmartView.UNREAD)) == 3)


@pytest.mark.usefixtures("slow_reading")
def test_the_offer_in_the_status_bar_ends_but_ctrl_z_still_undoes(
    library: Library,
    feed_ids: tuple[int, list[int]],
    make_window: object,
    qtbot: QtBot,
) -> None:
    window: MainWindow = make_window(library)  # type: ignore[operator]
    window.article_view.setFocus()
    key(window, Qt.Key.Key_J)
    article = window.list_controller.current_article()
    assert article is not None
    key(window, Qt.Key.Key_S)
    assert window.status_bar.undo_button.isVisible()
    # The offer's time runs out: the button goes, the change can still be undone.
    window.undo_stack.end_offer()
    assert not window.status_bar.undo_button.isVisible()
    assert window.commands.undo.isEnabled()
    assert "Starred 1 article" in window.commands.undo.toolTip()
    qtbot.waitUntil(lambda: library.get_article(article.id).starred)
    ctrl_z(window)
    qtbot.waitUntil(lambda: not library.get_article(article.id).starred)
