"""Quitting: nothing reaches a controller that is gone, signals end even a start-up dialog,
and the window's process ends cleanly while a refresh still waits on a slow server."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QObject, Signal
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot
from werkzeug import Request, Response

from reader.app.emit_gate import EmitGate
from reader.app.refresh_controller import RefreshController
from reader.core.errors import LibraryError
from reader.library import Library
from tests.library.feed_docs import Item, rss

ROOT = Path(__file__).resolve().parents[2]


def wait_for(condition: Callable[[], bool], what: str, deadline: float = 60.0) -> None:
    end = time.monotonic() + deadline
    pause = threading.Event()
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"gave up waiting for {what}")
        pause.wait(0.05)


@pytest.fixture
def slow_feeds() -> Iterator[tuple[HTTPServer, threading.Event, threading.Event]]:
    """Feeds that answer only once the test lets them; ``asked`` is set at the first request."""
    server = HTTPServer(threaded=True)
    server.start()
    asked, release = threading.Event(), threading.Event()

    def slow(_request: Request) -> Response:
        asked.set()
        release.wait(60)
        body = rss("Slow", [Item(f"s{n}", f"Slow story {n}") for n in range(3)])
        return Response(body, content_type="application/rss+xml")

    for n in range(4):
        server.expect_request(f"/slow{n}.xml").respond_with_handler(slow)
    try:
        yield server, asked, release
    finally:
        release.set()
        server.clear()
        server.stop()


class Speaker(QObject):
    said = Signal(str)


def test_an_emit_gate_once_closed_lets_nothing_through(qtbot: QtBot) -> None:
    speaker = Speaker()
    heard: list[str] = []
    speaker.said.connect(heard.append)
    gate = EmitGate()
    gate.emit(speaker.said, "before")
    gate.close()
    gate.emit(speaker.said, "after")
    assert heard == ["before"]


def test_a_refresh_that_outlives_its_controller_reaches_nothing(
    library: Library, qtbot: QtBot, slow_feeds: tuple[HTTPServer, threading.Event, threading.Event]
) -> None:
    server, asked, release = slow_feeds
    ids = [library.add_feed(server.url_for(f"/slow{n}.xml")).id for n in range(4)]
    controller = RefreshController(library)
    controller.refresh(ids)
    asked.wait(30)
    thread = controller._thread
    assert thread is not None
    controller.shutdown(timeout=0.1)  # the window does not wait forever
    shiboken6.delete(controller)  # and then its controllers are gone
    release.set()
    wait_for(lambda: not thread.is_alive(), "the refresh to end")
    qtbot.wait(50)  # queued signals, had any been sent, would be delivered (and crash) here


def test_a_closed_library_takes_no_more_writes(db_path: Path) -> None:
    library = Library(db_path)
    library.close()
    with pytest.raises(LibraryError, match="closed"):
        library.create_folder("After closing")
    with pytest.raises(LibraryError, match="closed"):
        library.writer.submit(lambda: None, bulk=True)


# -- the window's process ----------------------------------------------------------------------


def window_process(*args: str, driver: str | None = None) -> subprocess.Popen[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = (
        [sys.executable, "-c", driver, *args]
        if driver
        else [
            sys.executable,
            str(ROOT / "main.py"),
            *args,
        ]
    )
    return subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )


@pytest.mark.subprocess
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_the_start_up_error_dialog_ends_on_a_signal(tmp_path: Path, signum: int) -> None:
    with window_process("--db", str(tmp_path / "missing" / "library.sqlite")) as window:
        assert window.stderr is not None
        first = window.stderr.readline()
        assert first.startswith("folio: error: no such folder")
        window.send_signal(signum)  # the dialog is up now, or about to be
        try:
            assert window.wait(timeout=30) == 1
        finally:
            window.kill()


# Opens the real window (reader.main.run) and starts a refresh of every feed once the sidebar
# is loaded; prints "refreshing" then. A hook that fails ends the process, so the test fails
# instead of waiting for a line that never comes.
DRIVER = """
import os, sys, traceback
from PySide6.QtCore import QTimer
from reader.ui import main_window

shown = main_window.MainWindow.show

def show(self):
    shown(self)
    def go():
        try:
            if not self.sidebar_controller.loaded:
                QTimer.singleShot(20, go)
                return
            self.commands["refresh_all"].trigger()
        except BaseException:
            traceback.print_exc()
            os._exit(3)
        print("refreshing", flush=True)
    QTimer.singleShot(20, go)

main_window.MainWindow.show = show
from reader.main import run
run(["--db", sys.argv[1]])
"""


@pytest.mark.subprocess
def test_the_window_quits_cleanly_while_a_refresh_waits_on_a_slow_server(
    tmp_path: Path, slow_feeds: tuple[HTTPServer, threading.Event, threading.Event]
) -> None:
    server, asked, release = slow_feeds
    db = tmp_path / "library.sqlite"
    with Library(db) as library:
        for n in range(4):
            library.add_feed(server.url_for(f"/slow{n}.xml"))
    state = Path(os.environ["XDG_STATE_HOME"])  # a folder of this test's (tests/conftest.py)
    with window_process(str(db), driver=DRIVER) as window:
        assert window.stdout is not None
        assert window.stderr is not None
        if window.stdout.readline().strip() != "refreshing":
            pytest.fail(f"the window did not start refreshing:\n{window.stderr.read()}")
        assert asked.wait(30)
        window.send_signal(signal.SIGTERM)
        try:
            code = window.wait(timeout=60)
        finally:
            window.kill()
            release.set()
        assert window.stderr is not None
        errors = window.stderr.read()
    assert code == 0, errors
    assert "Fatal Python error" not in errors
    faults = list(state.rglob("folio-faults.log"))
    assert faults
    assert all(f.read_text() == "" for f in faults)


def test_quitting_leaves_a_completers_pop_up_to_its_completer(qtbot: QtBot) -> None:
    """A completer deletes its pop-up (a window without a parent) itself: deleted first, it
    would be deleted twice, and the process would crash as it quits."""
    from PySide6.QtWidgets import QCompleter, QLineEdit

    from reader.app.application import _unowned_windows

    field = QLineEdit()
    qtbot.addWidget(field)
    completer = QCompleter(["energy", "heat pumps"], field)
    field.setCompleter(completer)
    popup = completer.popup()
    assert popup is not None
    assert popup.parent() is None
    windows = _unowned_windows()
    assert any(w is field for w in windows)
    assert not any(w is popup for w in windows)
