"""Undo for the reader's changes: read, unread, star, archive, tag, untag, move, delete and
mark all as read. Each change records how to take it back; Ctrl+Z takes back the latest, then
the one before, and so on.

The status bar offers the latest change's undo for a few seconds; Ctrl+Z works after that too.
Deleting waits: the articles leave the lists at once, but the library forgets them only when
their offer ends (a few seconds, or closing the window), and from then on that deletion can no
longer be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

# Changes remembered for undo; the oldest are forgotten (a pending deletion is carried out).
DEPTH = 100


@dataclass(eq=False)
class UndoEntry:
    description: str
    undo: Callable[[], None]
    # Runs when the offer ends without an undo (a pending deletion is carried out).
    commit: Callable[[], None] | None = None
    _timer: QTimer | None = field(default=None, repr=False)


class UndoStack(QObject):
    """The reader's changes, latest last. ``changed`` says the latest one, or the offer of
    it, changed."""

    changed = Signal()

    def __init__(
        self, *, timeout_ms: int = 10_000, depth: int = DEPTH, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._entries: list[UndoEntry] = []
        self._timeout_ms = timeout_ms
        self._depth = depth
        # While it runs, the status bar offers the latest change's undo.
        self._offer = QTimer(self)
        self._offer.setSingleShot(True)
        self._offer.setInterval(timeout_ms)
        self._offer.timeout.connect(self.changed)

    @property
    def entry(self) -> UndoEntry | None:
        """The change Ctrl+Z takes back."""
        return self._entries[-1] if self._entries else None

    @property
    def offered(self) -> bool:
        """Whether the status bar offers to undo the latest change now."""
        return bool(self._entries) and self._offer.isActive()

    def end_offer(self) -> None:
        """Stop offering the latest change's undo in the status bar (Ctrl+Z still takes it
        back)."""
        if self._offer.isActive():
            self._offer.stop()
            self.changed.emit()

    def __len__(self) -> int:
        return len(self._entries)

    def push(self, entry: UndoEntry, *, offer: bool = True) -> None:
        """Remember ``entry`` as the latest change; ``offer=False`` keeps the status bar from
        offering its undo until :meth:`offer` (once the change is known to be written)."""
        self._entries.append(entry)
        if entry.commit is not None:
            timer = entry._timer = QTimer(self)
            timer.setSingleShot(True)
            timer.timeout.connect(lambda: self._carry_out(entry))
            timer.start(self._timeout_ms)
        while len(self._entries) > self._depth:
            self._carry_out(self._entries[0], quietly=True)
        if offer:
            self._offer.start()
        else:
            self._offer.stop()
        self.changed.emit()

    def offer(self, entry: UndoEntry) -> None:
        """Offer ``entry``'s undo in the status bar now, if it is still the latest change."""
        if entry is self.entry:
            self._offer.start()
            self.changed.emit()

    def describe(self, entry: UndoEntry, description: str) -> None:
        """Say better what ``entry`` did (once its write told how much)."""
        entry.description = description
        if entry is self.entry:
            self.changed.emit()

    def discard(self, entry: UndoEntry) -> None:
        """Forget ``entry`` without undoing it (it changed nothing)."""
        if entry in self._entries:
            self._entries.remove(entry)
            _stop(entry)
            self.changed.emit()

    def undo(self) -> bool:
        """Take back the latest change; False when there is none."""
        if not self._entries:
            return False
        entry = self._entries.pop()
        _stop(entry)
        self._offer.stop()
        entry.undo()
        self.changed.emit()
        return True

    def commit(self) -> None:
        """Carry out every pending change now (the window closes); the others stay undoable."""
        for entry in [e for e in self._entries if e.commit is not None]:
            self._carry_out(entry, quietly=True)
        self._offer.stop()
        self.changed.emit()

    def _carry_out(self, entry: UndoEntry, *, quietly: bool = False) -> None:
        """``entry`` can no longer be undone: forget it, carrying out what it held back."""
        if entry not in self._entries:
            return
        self._entries.remove(entry)
        _stop(entry)
        if entry.commit is not None:
            entry.commit()
        if not quietly:
            self.changed.emit()


def _stop(entry: UndoEntry) -> None:
    if entry._timer is not None:
        entry._timer.stop()
        entry._timer.deleteLater()
        entry._timer = None
