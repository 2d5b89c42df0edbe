"""Results from worker threads that never reach a controller which is gone."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import SignalInstance


class EmitGate:
    """Lets worker threads emit a controller's signals until :meth:`close`.

    A controller waits a while for its worker when the window closes, but not forever (a
    refresh may sit behind a slow server). A worker that finishes after that must not emit
    into a QObject that was deleted meanwhile: that crashes the process as it quits."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._open = True

    def emit(self, signal: SignalInstance, *args: Any) -> None:
        with self._lock:
            if self._open:
                signal.emit(*args)

    def close(self) -> None:
        """From now on, emitting does nothing; returns once no emit is under way."""
        with self._lock:
            self._open = False
