"""File dialogs that never open the files they list.

Qt's file dialog guesses each listed file's type from its first bytes, opening and closing it
with a descriptor of its own. On the library's folder that closes a descriptor of the library
file, its -wal and its -shm, and on Linux closing any descriptor of a file drops every POSIX
lock the process holds on it: SQLite's locks. A folio command run next then thinks it is alone
with the library and deletes the -wal and -shm the window still writes into.

These dialogs are Qt's own widgets (a native dialog may run inside this process too and read
files the same way) with an icon provider that looks at file names only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QFileInfo, QMimeDatabase, QMimeType
from PySide6.QtGui import QAbstractFileIconProvider, QIcon
from PySide6.QtWidgets import QFileDialog, QWidget


class NameOnlyIconProvider(QAbstractFileIconProvider):
    """Icons and type names from a file's name, never from its content."""

    def __init__(self) -> None:
        super().__init__()
        self._mime = QMimeDatabase()

    def icon(self, what: QFileInfo | QAbstractFileIconProvider.IconType) -> QIcon:
        if not isinstance(what, QFileInfo):
            return super().icon(what)
        if what.isDir():
            return super().icon(QAbstractFileIconProvider.IconType.Folder)
        fallback = super().icon(QAbstractFileIconProvider.IconType.File)
        mime = self._mime_for(what)
        if mime is None:
            return fallback
        return QIcon.fromTheme(mime.iconName(), QIcon.fromTheme(mime.genericIconName(), fallback))

    def type(self, info: QFileInfo) -> str:
        # Not a QObject: translated through the application, under this class's name.
        if info.isDir():
            return QCoreApplication.translate("NameOnlyIconProvider", "Folder")
        mime = self._mime_for(info)
        if mime is None:
            return QCoreApplication.translate("NameOnlyIconProvider", "File")
        return str(mime.comment() or mime.name())

    def _mime_for(self, info: QFileInfo) -> QMimeType | None:
        # By name only: mimeTypesForFileName() matches the name's patterns and reads nothing.
        found = self._mime.mimeTypesForFileName(info.fileName())
        return found[0] if found else None


class FileDialog(QFileDialog):
    """Qt's file dialog, with :class:`NameOnlyIconProvider`; it keeps the provider alive."""

    def __init__(
        self,
        parent: QWidget | None,
        caption: str,
        directory: str = "",
        filters: str = "",
        *,
        save: bool = False,
        folder: bool = False,
    ) -> None:
        super().__init__(parent, caption, directory, filters)
        self.setOption(QFileDialog.Option.DontUseNativeDialog, True)
        self._icons = NameOnlyIconProvider()
        self.setIconProvider(self._icons)
        if save:
            self.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
            self.setFileMode(QFileDialog.FileMode.AnyFile)
        elif folder:
            self.setFileMode(QFileDialog.FileMode.Directory)
            self.setOption(QFileDialog.Option.ShowDirsOnly, True)
        else:
            self.setFileMode(QFileDialog.FileMode.ExistingFile)


def get_open_file_name(
    parent: QWidget | None, caption: str, directory: str = "", filters: str = ""
) -> tuple[str, str]:
    """Like ``QFileDialog.getOpenFileName``: the chosen file ("" if none) and its filter."""
    return _run(FileDialog(parent, caption, directory, filters))


def get_save_file_name(
    parent: QWidget | None, caption: str, directory: str = "", filters: str = ""
) -> tuple[str, str]:
    """Like ``QFileDialog.getSaveFileName`` (asks before replacing a file)."""
    return _run(FileDialog(parent, caption, directory, filters, save=True))


def get_existing_directory(parent: QWidget | None, caption: str, directory: str = "") -> str:
    """Like ``QFileDialog.getExistingDirectory``: the chosen folder, "" if none."""
    return _run(FileDialog(parent, caption, directory, folder=True))[0]


def _run(dialog: FileDialog) -> tuple[str, str]:
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted:
            return "", ""
        files = dialog.selectedFiles()
        return (files[0] if files else ""), dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()
