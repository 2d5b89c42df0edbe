"""The library notices when its file was disturbed under it, and loses no write.

The disturbance is real: a descriptor of the library file opened and closed in this process
drops SQLite's POSIX locks, and a real folio process then deletes the -wal and -shm.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from reader.library import Library
from reader.store.file_guard import Disturbance, FileGuard
from tests.posix_locks import holds_lock

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="the guard reads /proc; elsewhere it is off"
)


def folio(db: Path, *args: str) -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def drop_locks(path: Path) -> None:
    """What a file dialog sniffing the file's type does to SQLite's locks."""
    os.close(os.open(path, os.O_RDONLY))


def open_descriptors(path: Path) -> list[str]:
    found = []
    for link in Path("/proc/self/fd").iterdir():
        try:
            target = str(link.readlink())
        except OSError:
            continue
        if target.startswith(str(path.resolve())):
            found.append(target)
    return found


def folder_names(db: Path) -> set[str]:
    with Library(db) as library:
        return {path for _id, path in library.folder_paths()}


def integrity(db: Path) -> str:
    conn = sqlite3.connect(db)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def test_lost_locks_are_taken_again_before_the_next_write(db_path: Path) -> None:
    warnings: list[object] = []
    with Library(db_path) as library:
        library.add_listener(
            lambda kind, detail: warnings.append(detail) if kind == "warning" else None
        )
        library.create_folder("First")
        assert holds_lock(db_path)
        drop_locks(db_path)
        assert not holds_lock(db_path)
        assert FileGuard(db_path).check() is None  # the files themselves are still the same

        library.create_folder("Second")

        assert holds_lock(db_path)
        assert holds_lock(db_path.with_name("library.sqlite-shm"))
    assert warnings == []  # nothing was lost, so nothing to tell
    assert folder_names(db_path) == {"First", "Second"}


def test_a_wal_deleted_by_another_process_is_noticed_and_the_write_kept(db_path: Path) -> None:
    warnings: list[object] = []
    library = Library(db_path)
    try:
        library.add_listener(
            lambda kind, detail: warnings.append(detail) if kind == "warning" else None
        )
        library.create_folder("Before")
        drop_locks(db_path)
        folio(db_path, "list")  # believes it is alone: checkpoints and deletes the -wal
        assert any(t.endswith("-wal (deleted)") for t in open_descriptors(db_path))
        finding = library.writer.database.guard.check()
        assert finding is not None
        assert finding.kind is Disturbance.REPLACED

        library.create_folder("After")
        folio(db_path, "add-folder", "From the command line")
        drop_locks(db_path)
        folio(db_path, "list")
        library.create_folder("Later")

        assert not any(t.endswith("(deleted)") for t in open_descriptors(db_path))
        assert len(warnings) == 1  # told once, not at every reopening
        assert "reopened the library" in str(warnings[0])
    finally:
        library.close()
    assert folder_names(db_path) == {"Before", "After", "From the command line", "Later"}
    assert integrity(db_path) == "ok"


HOLDER = """
import os, sys
from reader.library import Library
library = Library(sys.argv[1])
for line in sys.stdin:
    command, _, name = line.strip().partition(" ")
    if command == "folder":
        library.create_folder(name)
    elif command == "drop":
        os.close(os.open(sys.argv[1], os.O_RDONLY))
    print("done", flush=True)
"""


def test_writes_after_a_deleted_wal_survive_a_kill(db_path: Path) -> None:
    """A process killed without closing keeps nothing in a deleted -wal: the guard made its
    writes go into the file everyone reads."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    ) as holder:
        assert holder.stdin is not None
        assert holder.stdout is not None
        stdin, stdout = holder.stdin, holder.stdout

        def tell(command: str) -> None:
            stdin.write(command + "\n")
            stdin.flush()
            assert stdout.readline().strip() == "done"

        try:
            tell("folder Before")
            tell("drop")
            folio(db_path, "add-folder", "From the command line")
            tell("folder After")
            folio(db_path, "list")
            tell("folder Last")
        finally:
            holder.send_signal(signal.SIGKILL)
            holder.wait(timeout=60)
    assert folder_names(db_path) == {"Before", "From the command line", "After", "Last"}
    assert integrity(db_path) == "ok"


def test_the_guard_is_quiet_where_there_is_no_proc(db_path: Path) -> None:
    guard = FileGuard(db_path)
    guard.enabled = False
    with Library(db_path) as library:
        library.create_folder("Energy")
        drop_locks(db_path)
        assert guard.check() is None


def test_the_command_line_warns_once_on_stderr(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from reader.cli.common import open_library

    with open_library(db_path) as library:
        library.create_folder("Before")
        for name in ("After", "Later"):
            drop_locks(db_path)
            folio(db_path, "list")
            library.create_folder(name)
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("folio: warning: Another program replaced library.sqlite-wal")
    assert folder_names(db_path) == {"Before", "After", "Later"}


def test_a_journal_sqlite_made_anew_itself_is_no_disturbance(db_path: Path) -> None:
    """When every connection of the process closed, SQLite removes the -wal and the next one
    makes a new file: not a reason to reopen, nor to warn."""
    warnings: list[object] = []
    with Library(db_path) as library:
        library.add_listener(
            lambda kind, detail: warnings.append(detail) if kind == "warning" else None
        )
        library.create_folder("Before")
        wal = db_path.with_name("library.sqlite-wal")
        # The last connection checkpoints and removes the -wal.
        library.writer.call(library.writer.database.close_all)
        assert not wal.exists()
        library.create_folder("After")
        assert wal.exists()
        assert library.writer.database.guard.check() is None
    assert warnings == []
    assert folder_names(db_path) == {"Before", "After"}
