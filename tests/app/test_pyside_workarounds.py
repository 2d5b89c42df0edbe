"""Many signal emissions and model reads, which PySide6 6.12 on Python 3.11 would not survive
without the guard (each one loses a reference to True or None)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QAbstractListModel, QModelIndex, QObject, QPersistentModelIndex, Signal

from reader.app.pyside_workarounds import protect_singletons


class Emitter(QObject):
    fired = Signal(int)


class Empty(QAbstractListModel):
    def rowCount(
        self,
        parent: QModelIndex | QPersistentModelIndex = QModelIndex(),  # noqa: B008
    ) -> int:
        return 1

    def data(self, index: object, role: int = 0) -> None:
        return None


def test_many_emits_and_none_returns(qapp: object) -> None:
    protect_singletons()
    assert protect_singletons() is False  # once is enough
    emitter = Emitter()
    received: list[int] = []
    emitter.fired.connect(received.append)
    model = Empty()
    index = model.index(0, 0)
    # More than the few thousand references None and True start with.
    for i in range(50_000):
        emitter.fired.emit(i)
        index.data()
    assert len(received) == 50_000
    if sys.version_info < (3, 12):
        assert sys.getrefcount(None) > 1 << 40
