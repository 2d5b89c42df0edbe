"""SIGTERM and Ctrl+C quit the window through its event loop."""

from __future__ import annotations

import signal

from PySide6.QtCore import QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from reader.app.application import quit_on_signals


class Closing(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.closed = 0

    def closeEvent(self, event: QCloseEvent) -> None:
        self.closed += 1
        super().closeEvent(event)


def test_a_signal_closes_nothing_inside_the_code_it_interrupts(qtbot: QtBot) -> None:
    # A handler runs between any two steps of the code it interrupts, a worker pool's lock
    # held; closing the window there shuts that pool down and waits for the lock forever.
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    saved = {number: signal.getsignal(number) for number in (signal.SIGINT, signal.SIGTERM)}
    timer = quit_on_signals(app)
    try:
        window = Closing()
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler)
        closed_in_handler: list[int] = []

        def interrupted() -> None:
            handler(signal.SIGTERM, None)
            closed_in_handler.append(window.closed)

        QTimer.singleShot(0, interrupted)
        # Should the quit never come, the loop still ends (and the assertions below fail).
        QTimer.singleShot(10_000, lambda: app.exit(1))
        assert app.exec() == 0
        assert closed_in_handler == [0]
    finally:
        timer.stop()
        for number, previous in saved.items():
            signal.signal(number, previous)
