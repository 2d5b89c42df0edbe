"""Undo for the two changes that are hard to take back by hand: mark all as read, and delete.

Deleting waits: the articles leave the lists at once, but the library forgets them only
when the undo offer ends (a few seconds, the next deletion, or closing the window).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal


@dataclass
class UndoEntry:
    description: str
    undo: Callable[[], None]
    # Runs when the offer ends without an undo (a pending deletion is carried out).
    commit: Callable[[], None] | None = None


class UndoStack(QObject):
    """Holds the latest undoable change for ``timeout_ms``."""

    changed = Signal()  # an offer appeared or ended

    def __init__(self, *, timeout_ms: int = 10_000, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entry: UndoEntry | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(timeout_ms)
        self._timer.timeout.connect(self.commit)

    @property
    def entry(self) -> UndoEntry | None:
        return self._entry

    def push(self, entry: UndoEntry) -> None:
        self.commit()
        self._entry = entry
        self._timer.start()
        self.changed.emit()

    def undo(self) -> bool:
        entry, self._entry = self._entry, None
        self._timer.stop()
        if entry is None:
            return False
        entry.undo()
        self.changed.emit()
        return True

    def commit(self) -> None:
        """End the offer: a pending change is carried out for good."""
        entry, self._entry = self._entry, None
        self._timer.stop()
        if entry is None:
            return
        if entry.commit is not None:
            entry.commit()
        self.changed.emit()
