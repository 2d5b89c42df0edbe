"""Work that waits until a window has been painted once.

Reading the sidebar's feeds and counts, or the sync account, on another thread while the window
paints its first page slows that page down: Python runs one thread at a time, and the other
thread's work takes its turns. Such work starts once the window is on screen.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

# A window that is never painted (built but not shown) gets its work after this long.
LATEST_MS = 1000


class AfterFirstPaint(QObject):
    """Runs ``work`` in order, once, right after ``widget`` is first painted (or after
    ``latest_ms`` when it is not painted by then), unless ``wanted()`` says no by then."""

    def __init__(
        self,
        widget: QWidget,
        work: Sequence[Callable[[], None]],
        *,
        wanted: Callable[[], bool] = lambda: True,
        latest_ms: int = LATEST_MS,
    ) -> None:
        super().__init__(widget)
        self._widget = widget
        self._work = list(work)
        self._wanted = wanted
        self._done = False
        widget.installEventFilter(self)
        QTimer.singleShot(latest_ms, self, self._run)

    @property
    def done(self) -> bool:
        return self._done

    def add(self, step: Callable[[], None]) -> None:
        """Run ``step`` after the work given so far; at once when that has already run (and
        was wanted)."""
        if not self._done:
            self._work.append(step)
        elif self._wanted():
            step()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            # Posted, so it runs once this paint (and its children's) is finished.
            QTimer.singleShot(0, self, self._run)
        return False

    def _run(self) -> None:
        if self._done:
            return
        self._done = True
        self._widget.removeEventFilter(self)
        if not self._wanted():
            return
        for step in self._work:
            step()
