"""``folio account add|list|remove|sync``, in process and as a real process killed mid-sync."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main
from reader.library import Library
from tests.fake_greader import FakeGReader

ROOT = Path(__file__).resolve().parents[2]


def run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    *args: str,
    stdin: str = "",
) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def fill(server: FakeGReader, count: int) -> None:
    feed = server.add_feed("https://news.example/feed.xml", "News", "News")
    for n in range(count):
        server.add_item(feed, n)


def test_add_list_sync_remove(
    tmp_path: Path,
    greader: FakeGReader,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = str(tmp_path / "lib.sqlite")
    greader.password = "Xq7-a-password-to-look-for"
    fill(greader, 4)
    code, out, err = run(capsys, monkeypatch, "--db", db, "account", "list")
    assert (code, out) == (0, "No sync account. Add one with: folio account add URL USER\n")
    code, out, err = run(
        capsys,
        monkeypatch,
        "--db",
        db,
        "account",
        "add",
        greader.url,
        greader.user,
        "--password-stdin",
        stdin=greader.password + "\n",
    )
    assert code == 0, err
    assert "Connected to" in out and "1 subscription" in out
    assert "a file only you can read" in out
    # No keyring in the tests: the user is warned where the password went.
    assert err.startswith("folio: warning: no system keyring answered")
    code, out, err = run(capsys, monkeypatch, "--db", db, "account", "sync")
    assert code == 0, err
    assert out.startswith("Synced in ") and "4 new articles" in out
    code, out, err = run(capsys, monkeypatch, "--db", db, "account", "list", "--json")
    [shown] = json.loads(out)
    assert shown["status"] == "ok" and shown["pending_changes"] == 0
    assert shown["line"].startswith("Synced ")
    code, out, err = run(capsys, monkeypatch, "--db", db, "account", "remove")
    assert code == 0 and out.startswith("Removed reader at ")
    with Library(Path(db)) as lib:
        assert len(lib.list_articles(limit=100)) == 4
    # The library never holds the password in clear text.
    assert greader.password.encode() not in Path(db).read_bytes()


def test_failures_are_one_line_and_exit_1(
    tmp_path: Path,
    greader: FakeGReader,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = str(tmp_path / "lib.sqlite")
    code, out, err = run(capsys, monkeypatch, "--db", db, "account", "sync")
    assert code == 1 and err.count("\n") == 1 and "folio account add" in err
    code, out, err = run(
        capsys,
        monkeypatch,
        "--db",
        db,
        "account",
        "add",
        greader.url,
        greader.user,
        "--password-stdin",
        stdin="wrong\n",
    )
    assert code == 1 and err.count("\n") == 1 and "refused the user name or password" in err
    code, out, err = run(capsys, monkeypatch, "--db", db, "account", "add", greader.url, "u")
    assert code == 1 and "--password-stdin" in err
    run(
        capsys,
        monkeypatch,
        "--db",
        db,
        "account",
        "add",
        greader.url,
        greader.user,
        "--password-stdin",
        stdin=greader.password,
    )
    greader.fail("/accounts/ClientLogin", 503)
    code, out, err = run(capsys, monkeypatch, "--db", db, "account", "sync")
    assert code == 1 and err.startswith("folio: error: sync failed: HTTP 503")
    code, out, err = run(capsys, monkeypatch, "--db", db, "account", "list")
    assert "Sync failed: HTTP 503" in out


@pytest.mark.subprocess
def test_a_sync_killed_half_way_resumes_without_losing_or_doubling(
    tmp_path: Path, greader: FakeGReader
) -> None:
    db = tmp_path / "lib.sqlite"
    fill(greader, 100)
    with Library(db) as lib:
        lib.sync.add_account(greader.url, greader.user, greader.password)
        lib.sync.sync()
        lib.mark([a.id for a in lib.list_articles(limit=10)], starred=True)
        lib.add_feed("https://local.example/feed.xml", title="Local")
    feed = next(iter(greader.feeds.values()))
    for n in range(100, 1100):
        greader.add_item(feed, n)
    # The fourth batch of new contents never comes: the process is killed while it waits.
    greader.hang("/reader/api/0/stream/items/contents", after=3)
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "main.py"), "--db", str(db), "account", "sync"],
        env=dict(os.environ),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert greader.hanging.wait(60), "the sync never reached the contents"
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    greader.unhang()
    with Library(db) as lib:
        assert len(lib.list_articles(limit=10_000)) < 1100
        lib.sync.sync()
        items = lib.list_articles(limit=10_000)
        assert len(items) == 1100
        assert len({a.url for a in items}) == 1100
        status = lib.sync.status()
        assert status is not None and status.pending == 0 and status.status == "ok"
    # Sent once, whatever the kill interrupted: Miniflux would undo a star asked for twice.
    assert sum(i.starred for i in greader.items.values()) == 10
    assert any(f.url == "https://local.example/feed.xml" for f in greader.feeds.values())
