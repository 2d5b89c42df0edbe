"""The window's file dialogs list the library's folder without opening the library file."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.ui.file_dialogs import FileDialog, NameOnlyIconProvider
from tests.posix_locks import holds_lock

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads POSIX locks from /proc/locks"
)


@pytest.fixture
def busy_library(tmp_path: Path) -> Iterator[Library]:
    """A library with its -wal and -shm beside it, and two files a user might pick."""
    library = Library(tmp_path / "library.sqlite")
    library.create_folder("Energy")
    (tmp_path / "notes.txt").write_text("Notes on heat pumps\n", encoding="utf-8")
    (tmp_path / "page.html").write_text("<p>Solar</p>", encoding="utf-8")
    try:
        yield library
    finally:
        library.close()


def list_folder(qtbot: QtBot, dialog: QFileDialog, folder: Path) -> dict[str, str]:
    """Show ``dialog`` on ``folder`` in detail view and ask for every file's icon and type,
    as painting its rows does; returns the types by file name."""
    dialog.setDirectory(str(folder))
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.findChild(QFileSystemModel)
    assert model is not None
    root = model.index(str(folder))
    qtbot.waitUntil(lambda: model.rowCount(root) >= 5, timeout=10_000)
    types = {}
    for row in range(model.rowCount(root)):
        index = model.index(row, 0, root)
        model.data(index, Qt.ItemDataRole.DecorationRole)
        types[model.fileName(index)] = model.type(index)
    dialog.close()
    return types


def test_the_file_dialog_keeps_the_librarys_locks(
    qtbot: QtBot, busy_library: Library, tmp_path: Path
) -> None:
    wal = busy_library.path.with_name("library.sqlite-wal")
    shm = busy_library.path.with_name("library.sqlite-shm")
    assert wal.exists()
    assert holds_lock(busy_library.path)
    assert holds_lock(shm)

    types = list_folder(qtbot, FileDialog(None, "Import", "", "All files (*)"), tmp_path)

    assert {"library.sqlite", "library.sqlite-wal", "notes.txt", "page.html"} <= set(types)
    assert types["page.html"] == "HTML document"  # names still give types
    assert holds_lock(busy_library.path)
    assert holds_lock(shm)


def test_qts_own_dialog_would_drop_them(
    qtbot: QtBot, busy_library: Library, tmp_path: Path
) -> None:
    """Why the window has dialogs of its own: Qt's reads the files to guess their types."""
    dialog = QFileDialog(None, "Import", "", "All files (*)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    list_folder(qtbot, dialog, tmp_path)
    if holds_lock(busy_library.path):
        pytest.skip("this Qt no longer reads listed files; the window's dialogs still do not")
    assert not holds_lock(busy_library.path)


def test_the_folder_dialog_keeps_them_too(
    qtbot: QtBot, busy_library: Library, tmp_path: Path
) -> None:
    (tmp_path / "inbox").mkdir()
    dialog = FileDialog(None, "Inbox folder", str(tmp_path), folder=True)
    assert isinstance(dialog.iconProvider(), NameOnlyIconProvider)
    dialog.setViewMode(QFileDialog.ViewMode.Detail)
    qtbot.addWidget(dialog)
    dialog.show()
    model = dialog.findChild(QFileSystemModel)
    assert model is not None
    root = model.index(str(tmp_path))
    qtbot.waitUntil(lambda: model.rowCount(root) >= 1, timeout=10_000)
    names = {model.fileName(model.index(row, 0, root)) for row in range(model.rowCount(root))}
    dialog.close()
    assert "inbox" in names
    assert "library.sqlite" not in names  # folders only
    assert holds_lock(busy_library.path)
    assert holds_lock(busy_library.path.with_name("library.sqlite-shm"))
