"""Every modal question the window asks: yes or no, a name, a colour, a file, a problem shown.

The window and its controllers ask through one :class:`Prompts` object given to them, never
through Qt's static dialogs directly, so there is one place where these dialogs are made (and
where their options are set), and tests answer them with a script of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QApplication, QWidget


class Prompts(Protocol):
    def confirm(self, title: str, question: str) -> bool:
        """Whether the user answered yes."""
        ...

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        """What the user typed (``text`` at first), or None when they cancelled."""
        ...

    def ask_long_text(self, title: str, label: str, text: str = "") -> str | None:
        """Text of several lines the user wrote (``text`` at first), or None if cancelled."""
        ...

    def pick_colour(self, title: str, initial: str) -> str | None:
        """A colour as "#rrggbb", starting from ``initial``; None when cancelled."""
        ...

    def pick_open_file(self, title: str, filters: str) -> Path | None:
        """A file to read; ``filters`` as Qt writes them ("Name (*.a *.b);;All files (*)")."""
        ...

    def pick_save_file(self, title: str, filters: Sequence[str]) -> tuple[Path, str] | None:
        """A file to write and the filter chosen for it (one of ``filters``)."""
        ...

    def show_error(self, title: str, message: str) -> None:
        """Tell the user something did not work, and wait until they have read it."""
        ...


class QtPrompts:
    """The questions as Qt's standard dialogs, over ``window`` (or over the dialog open on it,
    when the question comes from a dialog)."""

    def __init__(self, window: QWidget) -> None:
        self._window = window

    def _parent(self) -> QWidget:
        return QApplication.activeModalWidget() or self._window

    # The dialogs' classes are looked up when first asked for: PySide makes each Python class
    # on first use, which the window's start need not pay for.
    def confirm(self, title: str, question: str) -> bool:
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(self._parent(), title, question)
        return answer == QMessageBox.StandardButton.Yes

    def ask_text(self, title: str, label: str, text: str = "") -> str | None:
        from PySide6.QtWidgets import QInputDialog

        typed, ok = QInputDialog.getText(self._parent(), title, label, text=text)
        return typed if ok else None

    def ask_long_text(self, title: str, label: str, text: str = "") -> str | None:
        from PySide6.QtWidgets import QInputDialog

        value, ok = QInputDialog.getMultiLineText(self._parent(), title, label, text)
        return value if ok else None

    def pick_colour(self, title: str, initial: str) -> str | None:
        from PySide6.QtGui import QColor
        from PySide6.QtWidgets import QColorDialog

        chosen = QColorDialog.getColor(QColor(initial), self._parent(), title)
        return chosen.name() if chosen.isValid() else None

    # File dialogs are the window's own (see reader/ui/file_dialogs.py): Qt's would open the
    # files they list, the library's among them, and drop SQLite's locks on it.
    def pick_open_file(self, title: str, filters: str) -> Path | None:
        from reader.ui.file_dialogs import get_open_file_name

        path, _chosen = get_open_file_name(self._parent(), title, "", filters)
        return Path(path) if path else None

    def pick_save_file(self, title: str, filters: Sequence[str]) -> tuple[Path, str] | None:
        from reader.ui.file_dialogs import get_save_file_name

        path, chosen = get_save_file_name(self._parent(), title, "", ";;".join(filters))
        return (Path(path), chosen) if path else None

    def show_error(self, title: str, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(self._parent(), title, message)
