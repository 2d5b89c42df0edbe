"""One window per library, with real processes: a second ``folio`` hands its files to the first."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtNetwork import QLocalServer
from pytestqt.qtbot import QtBot

from reader.app import single_instance
from reader.app.single_instance import (
    InstanceGuard,
    OpenRequest,
    ProcessLock,
    decode_request,
    encode_request,
    instance_key,
    server_name,
)
from reader.core.errors import LibraryError, UserError
from reader.library import Library
from tests.app.window_process import (
    START_TIMEOUT_MS,
    folio,
    listening,
    short_runtime_dir,
    stop,
    window_process,
)

PAGE = (
    "Tidal power on small islands\n\n"
    "Small islands that depend on diesel generators are testing tidal turbines anchored in the"
    " channels between them. The currents are strong and predictable.\n\n"
    "Engineers say maintenance is the hard part: salt water corrodes everything, and boats can"
    " only reach the turbines at slack tide.\n"
)
SECOND_PAGE = (
    "Gezeitenkraft auf kleinen Inseln\n\n"
    "Kleine Inseln, die von Dieselgeneratoren abhängen, erproben Gezeitenturbinen in den Kanälen"
    " zwischen ihnen. Die Strömungen sind stark und vorhersehbar.\n\n"
    "Die Wartung ist schwierig: Salzwasser greift alles an, und Boote erreichen die Turbinen nur"
    " bei Stauwasser.\n"
)


@pytest.fixture(autouse=True)
def runtime_dir() -> Iterator[Path]:
    with short_runtime_dir() as folder:
        yield folder


def titles(db: Path) -> list[str] | None:
    """The library's article titles; None while the window holds it locked (creating it, or
    recovering it after a crash)."""
    try:
        with Library(db) as lib:
            return sorted(a.title for a in lib.list_articles())
    except LibraryError:
        return None


def test_requests_survive_the_wire() -> None:
    request = OpenRequest(("/tmp/a page.html", "https://example.org/ä"), "token-1")
    assert decode_request(encode_request(request).rstrip(b"\n")) == request
    with pytest.raises(ValueError):
        decode_request(b'{"version": 99, "sources": []}')
    with pytest.raises(ValueError):
        decode_request(b'{"version": 1, "sources": [1, 2]}')


def test_one_name_per_library_and_user(tmp_path: Path) -> None:
    a, b = tmp_path / "a.sqlite", tmp_path / "b.sqlite"
    assert instance_key(a) != instance_key(b)
    # The same file named another way is the same library.
    assert instance_key(a) == instance_key(tmp_path / "sub" / ".." / "a.sqlite")
    (tmp_path / "link.sqlite").symlink_to(a)
    assert instance_key(tmp_path / "link.sqlite") == instance_key(a)
    assert server_name(a).endswith(".sock")


def test_the_lock_is_exclusive_and_let_go(tmp_path: Path) -> None:
    first, second = ProcessLock(tmp_path / "x.lock"), ProcessLock(tmp_path / "x.lock")
    assert first.acquire()
    assert not second.acquire()
    first.release()
    assert second.acquire()
    second.release()


@pytest.mark.subprocess
def test_a_second_folio_hands_its_file_to_the_open_window(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    page = tmp_path / "tidal.txt"
    page.write_text(PAGE, encoding="utf-8")
    other = tmp_path / "gezeiten.txt"
    other.write_text(SECOND_PAGE, encoding="utf-8")
    with window_process("--db", str(db), "gui") as first:
        qtbot.waitUntil(lambda: listening(db), timeout=START_TIMEOUT_MS)
        # ``folio FILE`` without a command, from another folder: the path travels absolute.
        second = folio("--db", str(db), str(page))
        assert second.returncode == 0, second.stderr
        assert second.stderr == ""
        qtbot.waitUntil(lambda: titles(db) == ["Tidal power on small islands"], timeout=30_000)
        # ``folio gui`` with nothing to open only brings the window forward.
        third = folio("--db", str(db), "gui", str(other))
        assert third.returncode == 0, third.stderr
        qtbot.waitUntil(lambda: len(titles(db) or []) == 2, timeout=30_000)
        assert first.poll() is None, "the first window must still run"
        code, err = stop(first)
    assert code == 0, err
    assert "Traceback" not in err


@pytest.mark.subprocess
def test_another_library_opens_its_own_window(qtbot: QtBot, tmp_path: Path) -> None:
    one, two = tmp_path / "one.sqlite", tmp_path / "two.sqlite"
    with window_process("--db", str(one)) as first, window_process("--db", str(two)) as second:
        qtbot.waitUntil(lambda: listening(one) and listening(two), timeout=START_TIMEOUT_MS)
        assert first.poll() is None and second.poll() is None
        # Ended while it may still be starting: the window quits once its event loop runs.
        assert stop(first)[0] == 0
        assert stop(second)[0] == 0


@pytest.mark.subprocess
def test_a_crashed_window_leaves_nothing_in_the_way(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    page = tmp_path / "tidal.txt"
    page.write_text(PAGE, encoding="utf-8")
    name = server_name(db)
    with window_process("--db", str(db)) as crashed:
        qtbot.waitUntil(lambda: listening(db) and titles(db) == [], timeout=START_TIMEOUT_MS)
        crashed.send_signal(signal.SIGKILL)
        crashed.wait(timeout=60)
    # The socket file stays behind, with no one answering on it.
    assert Path(name).exists()
    assert not listening(db)
    # A new window takes over: it is told the file on its own command line.
    with window_process("--db", str(db), str(page)) as fresh:
        qtbot.waitUntil(lambda: listening(db), timeout=START_TIMEOUT_MS)
        qtbot.waitUntil(lambda: titles(db) == ["Tidal power on small islands"], timeout=30_000)
        code, err = stop(fresh)
    assert code == 0, err


def test_a_window_that_does_not_answer_is_reported(
    tmp_path: Path, qapp: QCoreApplication, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "library.sqlite"
    holder = InstanceGuard(db)
    assert holder.claim([])
    # A server that takes the connection but never answers: this test runs no event loop.
    server = QLocalServer()
    QLocalServer.removeServer(holder.name)
    assert server.listen(holder.name)
    monkeypatch.setattr(single_instance, "REPLY_TIMEOUT_MS", 300)
    try:
        with pytest.raises(UserError, match="did not answer"):
            InstanceGuard(db).claim(["https://example.org/"], deadline_s=0)
    finally:
        server.close()
        holder.release()


@pytest.mark.subprocess
def test_a_missing_file_is_one_line_and_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    result = folio("--db", str(db), str(tmp_path / "nowhere.html"))
    assert result.returncode == 1
    assert result.stderr == f"folio: error: no such file: {tmp_path / 'nowhere.html'}\n"
    assert not db.exists()
    assert list(tmp_path.iterdir()) == []
