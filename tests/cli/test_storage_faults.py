"""The user's mistakes and the machine's faults: one line, exit 1, and nothing lost.

Each test makes the fault for real (see tests/faults.py): a folder that does not exist, a
file or folder the user may not write or read, a full disk, a damaged library, another
program's SQLite file, a library another process has open.
"""

from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from reader.library import Library
from tests.factories import add_articles
from tests.faults import FOLIO, ROOT, folio, on_small_disk
from tests.library.feed_docs import FeedServer, Item, rss

pytestmark = pytest.mark.subprocess


def one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> str:
    assert result.returncode == 1, (result.stdout, result.stderr)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("folio: error: ")
    for word in words:
        assert word in lines[0]
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def integrity(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def make_library(path: Path, articles: int = 3) -> None:
    with Library(path) as library:
        add_articles(library, articles)


# -- the user's mistakes ---------------------------------------------------------------------


def test_a_library_in_a_folder_that_does_not_exist_is_refused(tmp_path: Path) -> None:
    db = tmp_path / "typo" / "nested" / "library.sqlite"
    one_line_error(folio("--db", str(db), "add-folder", "Energy"), "no such folder")
    assert not (tmp_path / "typo").exists()


def test_a_read_only_library_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    make_library(db, 1)
    db.chmod(0o444)
    before = digest(db)
    one_line_error(folio("--db", str(db), "add-folder", "Energy", as_plain_user=True), "read-only")
    assert digest(db) == before
    assert sorted(p.name for p in tmp_path.glob("library.sqlite*")) == ["library.sqlite"]

    db.chmod(0o644)  # the user fixes it: everything works again, nothing stuck read-only
    assert folio("--db", str(db), "add-folder", "Energy", as_plain_user=True).returncode == 0
    assert "Energy" in folio("--db", str(db), "folders", as_plain_user=True).stdout


def test_a_read_only_shm_left_behind_is_made_writable(tmp_path: Path) -> None:
    """SQLite gives a -shm the library's permissions when it creates it; one created while
    the library was read-only would keep every later write failing."""
    db = tmp_path / "library.sqlite"
    make_library(db, 1)
    shm = tmp_path / "library.sqlite-shm"
    shm.write_bytes(b"")
    shm.chmod(0o444)
    result = folio("--db", str(db), "add-folder", "Energy", as_plain_user=True)
    assert result.returncode == 0, result.stderr
    assert "Energy" in folio("--db", str(db), "folders").stdout


def test_a_folder_the_user_may_not_enter_is_said_plainly(tmp_path: Path) -> None:
    folder = tmp_path / "private"
    folder.mkdir()
    db = folder / "library.sqlite"
    make_library(db, 1)
    folder.chmod(0o000)
    try:
        one_line_error(folio("--db", str(db), "list", as_plain_user=True), "Permission denied")
    finally:
        folder.chmod(0o755)
    assert integrity(db) == "ok"


# -- a full disk -----------------------------------------------------------------------------


def test_a_full_disk_loses_nothing_and_leaves_no_partial_files(tmp_path: Path) -> None:
    prepared = tmp_path / "prepared.sqlite"
    make_library(prepared, 3)
    big = tmp_path / "long-read.txt"
    big.write_text(
        "A very long read\n\n" + "Heat pumps and district heating, compared at length. " * 20_000,
        encoding="utf-8",
    )
    disk = tmp_path / "disk"
    db = str(disk / "library.sqlite")
    results = on_small_disk(
        disk,
        "6m",
        [
            ["copy", str(prepared), "library.sqlite"],
            ["fill", 48 * 1024],
            ["run", [*FOLIO, "--db", db, "save", str(big)]],
            ["run", [*FOLIO, "--db", db, "tag", "1", "energy"]],
            ["run", [*FOLIO, "--db", db, "backup"]],
            ["fill", 0],
            ["run", [*FOLIO, "--db", db, "export", str(disk / "everything.json")]],
            ["run", [*FOLIO, "--db", db, "export", str(disk / "everything.epub")]],
            ["files"],
            ["free"],
            ["run", [*FOLIO, "--db", db, "list", "--json"]],
            ["run", [*FOLIO, "--db", db, "save", str(big), "--tag", "energy"]],
            ["run", [sys.executable, "-c", INTEGRITY, db]],
        ],
    )
    save, tag, backup, export_json, export_epub, files = (
        results[2],
        results[3],
        results[4],
        results[6],
        results[7],
        results[8],
    )
    for outcome in (save, tag, backup, export_json, export_epub):
        assert outcome["rc"] == 1, outcome
        lines = outcome["err"].splitlines()
        assert len(lines) == 1, outcome["err"]
        assert "disk" in lines[0]
        assert "full" in lines[0]
    names = [name for name, _size in files]
    assert not [n for n in names if "partial" in n], names
    assert "everything.json" not in names
    assert "everything.epub" not in names
    assert not [n for n in names if n.startswith("backups/")], names
    listed, saved, checked = results[10], results[11], results[12]
    assert listed["rc"] == 0
    assert '"title": "Article 2"' in listed["out"]
    assert saved["rc"] == 0, saved["err"]
    assert checked["out"].strip() == "ok"


INTEGRITY = (
    "import sqlite3, sys;"
    " print(sqlite3.connect(sys.argv[1]).execute('PRAGMA integrity_check').fetchone()[0])"
)


def test_a_refresh_on_a_full_disk_stops_with_one_line(
    tmp_path: Path, httpserver: HTTPServer
) -> None:
    server = FeedServer(httpserver)
    outlines = []
    for n in range(12):
        body = "<p>" + "District heating networks, explained at length. " * 400 + "</p>"
        items = [Item(f"f{n}-{i}", f"Feed {n} story {i}", body=body) for i in range(15)]
        url = server.add(f"/feed{n}.xml", rss(f"Feed {n}", items))
        outlines.append(f'<outline type="rss" text="Feed {n}" xmlUrl="{url}"/>')
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(
        f"<?xml version='1.0'?><opml version='2.0'><body>{''.join(outlines)}</body></opml>",
        encoding="utf-8",
    )
    prepared = tmp_path / "prepared.sqlite"
    assert folio("--db", str(prepared), "import", str(opml)).returncode == 0
    disk = tmp_path / "disk"
    db = str(disk / "library.sqlite")
    results = on_small_disk(
        disk,
        "24m",
        [
            ["copy", str(prepared), "library.sqlite"],
            ["fill", 256 * 1024],
            ["run", [*FOLIO, "--db", db, "refresh"]],
            ["free"],
            ["run", [*FOLIO, "--db", db, "refresh", "--all"]],
            ["run", [*FOLIO, "--db", db, "stats", "--json"]],
            ["run", [sys.executable, "-c", INTEGRITY, db]],
        ],
    )
    full, again, stats, checked = results[2], results[4], results[5], results[6]
    assert full["rc"] == 1, full
    lines = full["err"].splitlines()
    assert len(lines) == 1, full["err"]
    assert "full" in lines[0]
    assert again["rc"] == 0, again["err"]
    assert '"articles": 180' in stats["out"]
    assert checked["out"].strip() == "ok"


# -- a damaged library -----------------------------------------------------------------------


def damage_table(db: Path, table: str) -> None:
    """Overwrite ``table``'s first b-tree page with garbage, as a failing disk might."""
    conn = sqlite3.connect(db)
    try:
        root = conn.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?", (table,)
        ).fetchone()[0]
        page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    finally:
        conn.close()
    with db.open("r+b") as handle:
        handle.seek((root - 1) * page_size)
        handle.write(bytes([0xA5]) * page_size)


def test_a_damaged_library_is_said_to_be_and_its_backup_offered(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    make_library(db, 6)
    backup = folio("--db", str(db), "backup")
    assert backup.returncode == 0
    (saved,) = (tmp_path / "backups").glob("*.sqlite")
    damage_table(db, "article")

    line = one_line_error(folio("--db", str(db), "list"), "is damaged", "folio --db")
    assert f"restore {saved}" in line
    # Later commands do not carry on writing into it.
    before = digest(db)
    one_line_error(folio("--db", str(db), "tag", "1", "energy"), "is damaged")
    assert digest(db) == before

    restored = folio("--db", str(db), "restore", "--yes", str(saved))
    assert restored.returncode == 0, restored.stderr
    assert folio("--db", str(db), "tag", "1", "energy").returncode == 0
    assert len(folio("--db", str(db), "list").stdout.splitlines()) == 6
    assert integrity(db) == "ok"


def test_a_library_whose_first_page_is_gone_can_still_be_restored(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    make_library(db, 2)
    assert folio("--db", str(db), "backup").returncode == 0
    (saved,) = (tmp_path / "backups").glob("*.sqlite")
    with db.open("r+b") as handle:
        handle.write(b"not a database!!")
    one_line_error(folio("--db", str(db), "list"), "not an SQLite database", "folio --db")
    restored = folio("--db", str(db), "restore", "--yes", str(saved))
    assert restored.returncode == 0, restored.stderr
    assert len(folio("--db", str(db), "list").stdout.splitlines()) == 2
    # The unreadable file was kept, not destroyed.
    kept = list((tmp_path / "backups").glob("before-restore-*.sqlite"))
    assert len(kept) == 1
    assert kept[0].read_bytes().startswith(b"not a database!!")


# -- another program's file, another process ---------------------------------------------------


def test_another_programs_sqlite_file_is_refused_without_a_byte_changed(tmp_path: Path) -> None:
    other = tmp_path / "notes.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, text TEXT)")
    conn.execute("INSERT INTO note (text) VALUES ('keep me')")
    conn.commit()
    conn.close()
    before = digest(other)
    one_line_error(folio("--db", str(other), "list"), "not a Folio library")
    assert digest(other) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


HOLDER = """
import sys
from reader.library import Library
library = Library(sys.argv[1])
library.list_articles()
print("open", flush=True)
sys.stdin.readline()
library.close()
"""


def test_restore_refuses_while_the_library_is_open_elsewhere(tmp_path: Path) -> None:
    db = tmp_path / "library.sqlite"
    make_library(db, 2)
    assert folio("--db", str(db), "backup").returncode == 0
    (saved,) = (tmp_path / "backups").glob("*.sqlite")
    assert folio("--db", str(db), "add-folder", "Made after the backup").returncode == 0
    with subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    ) as holder:
        assert holder.stdout is not None
        assert holder.stdin is not None
        assert holder.stdout.readline().strip() == "open"
        one_line_error(folio("--db", str(db), "restore", "--yes", str(saved)), "another program")
        holder.stdin.write("\n")
        holder.stdin.flush()
        assert holder.wait(timeout=60) == 0
    assert "Made after the backup" in folio("--db", str(db), "folders").stdout
    assert not list((tmp_path / "backups").glob("before-restore-*"))
    restored = folio("--db", str(db), "restore", "--yes", str(saved))
    assert restored.returncode == 0, restored.stderr
    assert "Made after the backup" not in folio("--db", str(db), "folders").stdout
