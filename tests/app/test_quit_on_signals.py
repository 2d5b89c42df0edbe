"""SIGTERM and Ctrl+C quit the window through its event loop."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

# Run in a process of its own: an event loop that has quit leaves the test process's
# application unable to run the loops of the tests after it.
SCRIPT = textwrap.dedent(
    """
    import signal

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QWidget

    from reader.app.application import quit_on_signals


    class Closing(QWidget):
        closed = 0

        def closeEvent(self, event):
            Closing.closed += 1
            super().closeEvent(event)


    app = QApplication([])
    quit_on_signals(app)
    window = Closing()
    window.show()
    seen = []

    def interrupted():
        signal.getsignal(signal.SIGTERM)(signal.SIGTERM, None)
        seen.append(Closing.closed)

    QTimer.singleShot(0, interrupted)
    # Should the quit never come, the loop still ends.
    QTimer.singleShot(10_000, lambda: app.exit(3))
    code = app.exec()
    print(code, seen)
    """
)


def test_a_signal_closes_nothing_inside_the_code_it_interrupts() -> None:
    # A handler runs between any two steps of the code it interrupts, a worker pool's lock
    # held; closing the window there shuts that pool down and waits for the lock forever.
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    # The loop ended by the signal's quit, and the window was not closed inside the handler.
    assert result.stdout.split("\n")[-2] == "0 [0]"
