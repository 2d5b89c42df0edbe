"""Letting a focused widget keep keys that are also single-key shortcuts of the window.

The window binds plain keys (Space, Delete, letters) to actions. A button or chip with the
focus needs some of them itself: Space presses a button, Delete removes a tag chip. Qt asks
the focused widget first (a ShortcutOverride event); accepting it keeps the key there.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QWidget

BUTTON_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter)


class KeyGuard(QObject):
    def __init__(self, keys: Iterable[Qt.Key], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys = {int(k) for k in keys}

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            if plain and event.key() in self._keys:
                event.accept()
                return True
        return False


def keep_keys(widget: QWidget, keys: Iterable[Qt.Key] = BUTTON_KEYS) -> None:
    """Give ``widget`` the given plain keys even when the window has them as shortcuts."""
    widget.installEventFilter(KeyGuard(keys, widget))
