"""The window and the folio command share one library and lose nothing.

On Linux SQLite's locks are POSIX record locks owned by the process: when any code in the
window's process opens and closes the library file with a descriptor of its own, every lock
SQLite held on it is gone. A folio command then believes it is alone, checkpoints and deletes
the -wal and -shm files the window still writes into.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="POSIX lock semantics"),
]

OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>Subscriptions</title></head><body>
<outline text="Energy">
  <outline type="rss" text="Grid news" xmlUrl="http://127.0.0.1:9/grid.xml"/>
  <outline type="rss" text="Storage weekly" xmlUrl="http://127.0.0.1:9/storage.xml"/>
</outline>
</body></opml>
"""


def folio(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result


def import_in_window(qtbot: QtBot, window: MainWindow, path: Path) -> None:
    with qtbot.waitSignal(window.transfers.finished, timeout=30_000):
        assert window.transfers.import_file(path)


def test_window_writes_survive_a_command_after_the_file_was_opened_elsewhere(
    tmp_path: Path, qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    db = tmp_path / "library.sqlite"
    library = Library(db)
    window = make_window(library)
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(OPML, encoding="utf-8")
    import_in_window(qtbot, window, opml)
    # The window fetches the feeds it imported; a write of that fetch after the locks were
    # dropped would take them again (quietly), and the command would find it is not alone.
    qtbot.waitUntil(lambda: not window.refresher.running, timeout=30_000)
    library.save_search("Energy", "tag:energy")

    # The smallest thing in the window's process that drops SQLite's locks: a descriptor of
    # the library file, opened and closed (what a file dialog does when it sniffs a type).
    os.close(os.open(db, os.O_RDONLY))

    folio(db, "add-folder", "From the command line")
    library.save_search("Solar", "solar")
    library.create_folder("From the window")
    folio(db, "list")
    library.create_folder("Later from the window")
    folio(db, "add-folder", "Later from the command line")
    library.save_search("Heat pumps", '"heat pump"')
    qtbot.waitUntil(lambda: "reopened" in window.statusBar().currentMessage(), timeout=5_000)

    window.close()
    library.close()
    with Library(db) as reopened:
        folders = {path for _id, path in reopened.folder_paths()}
        assert {
            "Energy",
            "From the command line",
            "From the window",
            "Later from the window",
            "Later from the command line",
        } <= folders
        assert {s.name for s in reopened.list_saved_searches(counts=False)} == {
            "Energy",
            "Solar",
            "Heat pumps",
        }
        assert len(reopened.list_feeds_brief()) == 2
    check = sqlite3.connect(db)
    try:
        assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        check.close()
