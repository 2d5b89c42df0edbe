"""Today's automatic backup, made in the background once the window is up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.ui.daily_backup import start_daily_backup
from reader.ui.main_window import MainWindow


def test_the_window_keeps_a_backup_of_today(
    db_path: Path, qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    library = Library(db_path)
    library.create_folder("Kept")
    window = make_window(library)
    start_daily_backup(window, library)
    qtbot.waitUntil(lambda: len(list(library.backups_folder.glob("auto-*.sqlite"))) == 1)
    (backup,) = library.backups_folder.glob("auto-*.sqlite")
    window.close()
    library.close()
    with Library(backup) as copy:
        assert [path for _id, path in copy.folder_paths()] == ["Kept"]


def test_a_backup_that_cannot_be_made_says_why_in_the_status_bar(
    db_path: Path, qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    library = Library(db_path)
    # A file where the backups' folder belongs.
    library.backups_folder.write_text("not a folder", encoding="utf-8")
    window = make_window(library)
    start_daily_backup(window, library)
    qtbot.waitUntil(lambda: window.statusBar().currentMessage().startswith("No backup today:"))
    assert str(library.backups_folder) in window.statusBar().currentMessage()
    assert library.backups_folder.read_text(encoding="utf-8") == "not a folder"
    window.close()
    library.close()
