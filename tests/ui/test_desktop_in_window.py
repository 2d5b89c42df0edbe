"""The window's side of desktop integration: showing an article it was handed, and the inbox
folder in Preferences."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from reader.app.settings import Settings
from reader.library import Library
from reader.library.views import SmartView
from reader.ui.main_window import MainWindow
from reader.ui.preferences_dialog import PreferencesDialog
from reader.ui.sidebar_keys import ViewKey
from tests.ui.library_data import add_feed_with_articles, add_saved


def test_reveal_shows_the_article_where_it_is_listed(make_window: object, library: Library) -> None:
    add_feed_with_articles(library, "News", 3)
    listed = add_saved(library, "Still unread")
    archived = add_saved(library, "Read long ago")
    library.mark([archived], read=True, archived=True)
    window: MainWindow = make_window(library)  # type: ignore[operator]
    window.sidebar_controller.open_key(ViewKey(SmartView.UNREAD))
    window.reveal_article(listed)
    assert window.sidebar_controller.current_key == ViewKey(SmartView.UNREAD)
    current = window.list_controller.current_article()
    assert current is not None and current.id == listed
    # Read and archived: only the Archive lists it.
    window.reveal_article(archived)
    assert window.sidebar_controller.current_key == ViewKey(SmartView.ARCHIVE)
    current = window.list_controller.current_article()
    assert current is not None and current.id == archived
    assert window.article_pane.article is not None
    assert window.article_pane.article.title == "Read long ago"


def test_the_inbox_folder_in_preferences(qtbot: QtBot, settings: Settings, tmp_path: Path) -> None:
    dialog = PreferencesDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.inbox.text() == ""
    assert dialog.inbox.placeholderText() == "None"
    dialog.inbox.setText(str(tmp_path / "nowhere"))
    dialog.accept()
    assert dialog.isVisible(), "a folder that is not there is refused"
    assert dialog.inbox_error.isVisible()
    assert str(tmp_path / "nowhere") in dialog.inbox_error.text()
    assert settings.inbox_folder is None
    # Typing again hides the complaint.
    dialog.inbox.clear()
    QTest.keyClicks(dialog.inbox, str(tmp_path))
    assert not dialog.inbox_error.isVisible()
    with qtbot.waitSignal(settings.changed) as changed:
        dialog.accept()
    assert changed.args == ["inbox/folder"]
    assert settings.inbox_folder == tmp_path
    # Cleared: no inbox folder.
    again = PreferencesDialog(settings)
    qtbot.addWidget(again)
    assert again.inbox.text() == str(tmp_path)
    again.inbox.clear()
    again.accept()
    assert settings.inbox_folder is None
