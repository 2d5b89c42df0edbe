"""The subscription commands, in-process, against a loopback feed server."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from reader.cli import main
from reader.cli.progress import ProgressBar, render_line, run_refresh
from reader.library import Library
from reader.library.refresh import RefreshOutcome, RefreshProgress
from tests.library.feed_docs import FeedServer, simple_feed


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def feeds(httpserver: HTTPServer) -> FeedServer:
    return FeedServer(httpserver)


def test_add_feed_then_list(
    db_path: Path, feeds: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = feeds.add("/feed.xml", simple_feed("Blog", 2))
    code, out, _ = run(capsys, "--db", str(db_path), "add-feed", url, "--folder", "News/Tech")
    assert code == 0
    assert f"Subscribed to Blog ({url}), id 1" in out
    code, out, err = run(capsys, "--db", str(db_path), "add-feed", url)
    assert code == 1
    assert err.startswith("folio: error: already subscribed") and err.count("\n") == 1
    code, out, _ = run(capsys, "--db", str(db_path), "feeds")
    assert "[News/Tech] Blog  2/2" in out
    code, out, _ = run(capsys, "--db", str(db_path), "feeds", "--json")
    [feed] = json.loads(out)
    assert feed["folder"] == "News/Tech"
    assert feed["total"] == 2


def test_refresh_summary_and_errors(
    db_path: Path, feeds: FeedServer, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    with Library(db_path) as lib:
        lib.add_feed(feeds.add("/a.xml", simple_feed("A", 3)))
        lib.add_feed(httpserver.url_for("/missing.xml"), title="Missing")
    httpserver.expect_request("/missing.xml").respond_with_data(b"", status=404)
    code, out, err = run(capsys, "--db", str(db_path), "refresh", "--jobs", "2")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Refreshed 2 feeds in ")
    assert lines[0].endswith(": 3 new articles, 1 error")
    assert lines[1].startswith("  Missing: HTTP 404 not found")
    # Not a terminal: no progress bar drawn.
    assert "\r" not in err
    code, out, _ = run(capsys, "--db", str(db_path), "feeds")
    assert "error: HTTP 404 not found" in out
    code, out, _ = run(capsys, "--db", str(db_path), "refresh")
    assert out.startswith("No feeds are due")
    code, out, err = run(capsys, "--db", str(db_path), "refresh", "Missing")
    assert code == 1
    assert err == "folio: error: no feed with id or address 'Missing'\n"


def test_refresh_of_a_named_feed_that_fails(
    db_path: Path, httpserver: HTTPServer, capsys: pytest.CaptureFixture[str]
) -> None:
    httpserver.expect_request("/gone.xml").respond_with_data(b"", status=410)
    with Library(db_path) as lib:
        feed = lib.add_feed(httpserver.url_for("/gone.xml"))
    code, out, _ = run(capsys, "--db", str(db_path), "refresh", str(feed.id))
    assert code == 1
    assert "0 new articles, 1 error" in out
    code, out, _ = run(capsys, "--db", str(db_path), "feeds")
    assert "disabled" in out


def test_edit_feed_and_folders(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Library(db_path) as lib:
        feed = lib.add_feed("https://a.example/rss", title="A")
    db = ("--db", str(db_path))
    code, out, _ = run(
        capsys,
        *db,
        "edit-feed",
        str(feed.id),
        "--title",
        "Alpha",
        "--folder",
        "X/Y",
        "--tags",
        "one, two",
        "--full-text",
    )
    assert code == 0
    assert "Alpha" in out and "X/Y" in out and "one, two" in out
    code, out, _ = run(capsys, *db, "folders")
    assert out.split() == ["1", "X", "2", "X/Y"]
    code, out, _ = run(capsys, *db, "rename-folder", "X/Y", "Z")
    assert code == 0
    code, out, _ = run(capsys, *db, "add-folder", "Other/Deep")
    assert code == 0
    code, out, _ = run(capsys, *db, "add-folder", "other/deep")
    assert code == 0 and out == "Folder Other/Deep, id 4\n"  # the folder there already
    code, out, _ = run(capsys, *db, "remove-folder", "X")
    assert code == 0
    code, out, _ = run(capsys, *db, "folders")
    assert out.split() == ["3", "Other", "4", "Other/Deep"]
    code, out, _ = run(
        capsys, *db, "edit-feed", "https://a.example/rss", "--no-folder", "--disable"
    )
    assert "top level" in out
    with Library(db_path) as lib:
        changed = lib.get_feed(feed.id)
        assert changed.disabled and changed.fetch_full_text
        assert changed.tags == ("one", "two")
    code, _, err = run(capsys, *db, "remove-folder", "Nowhere")
    assert code == 1 and "no folder" in err


def test_retention_command(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = ("--db", str(db_path))
    assert "retention off" in run(capsys, *db, "retention")[1]
    assert "deleted 30 days after" in run(capsys, *db, "retention", "30")[1]
    assert "deleted 30 days after" in run(capsys, *db, "retention")[1]
    assert "retention off" in run(capsys, *db, "retention", "off")[1]
    code, _, err = run(capsys, *db, "retention", "soon")
    assert code == 1 and "not a number of days" in err


def _event(done: int, total: int, new: int, errors: int) -> RefreshProgress:
    return RefreshProgress(
        done, total, new, errors, feed_id=1, feed_title="F", status=RefreshOutcome.UPDATED
    )


def test_render_line_fits_the_terminal() -> None:
    line = render_line(_event(5, 10, 42, 1), 80)
    assert line.startswith("[" + "#" * 20 + "-" * 20 + "]")
    assert line.endswith(" 5/10 feeds  42 new  1 error")
    assert len(render_line(_event(5, 10, 42, 0), 30)) <= 30
    assert render_line(_event(5, 10, 42, 2), 12) == "5/10 feeds "[:11]


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal(library: Library, feeds: FeedServer) -> None:
    for i in range(3):
        library.add_feed(feeds.add(f"/f{i}.xml", simple_feed(f"F{i}", 2, prefix=f"f{i}-")))
    out = io.StringIO()
    err = FakeTerminal()
    code = run_refresh(library, [], out=out, err=err)
    assert code == 0
    drawn = err.getvalue()
    assert "\r[" in drawn
    assert "3/3 feeds  6 new" in drawn
    assert drawn.endswith("\r\x1b[K")  # the bar is cleared before the summary
    assert out.getvalue().startswith("Refreshed 3 feeds")


def test_progress_bar_off_the_terminal_draws_nothing() -> None:
    stream = io.StringIO()
    bar = ProgressBar(stream, enabled=False)
    bar.update(_event(1, 2, 0, 0))
    bar.clear()
    assert stream.getvalue() == ""


def test_refresh_intervals_from_the_command_line(
    db_path: Path, feeds: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--db", str(db_path))
    assert "every 1 hour" in run(capsys, *db, "refresh-interval")[1]
    assert "every 30 minutes" in run(capsys, *db, "refresh-interval", "30m")[1]
    code, _, err = run(capsys, *db, "refresh-interval", "3m")
    assert code == 1 and "from 5 minutes to a week" in err and err.count("\n") == 1
    url = feeds.add("/feed.xml", simple_feed("Blog", 1))
    run(capsys, *db, "add-feed", url)
    code, out, _ = run(capsys, *db, "edit-feed", "1", "--every", "2h")
    assert code == 0 and "refreshed every 2 hours" in out
    assert "refreshed every 2 hours" in run(capsys, *db, "feeds")[1]
    feed = json.loads(run(capsys, *db, "feeds", "--json")[1])[0]
    assert feed["refresh_minutes"] == 120
    code, out, _ = run(capsys, *db, "edit-feed", "1", "--every", "default")
    assert "as the library says (every 30 minutes)" in out
    code, _, err = run(capsys, *db, "edit-feed", "1", "--every", "often")
    assert code == 1 and "not a refresh interval" in err
    with Library(db_path) as lib:
        assert lib.get_feed(1).refresh_minutes is None
