"""What others wrote cannot command the terminal, and no stored date can crash a listing."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from reader.cli import main
from reader.cli.terminal import SafeStream, clean, json_text, raw
from tests.factories import BASE_TIME
from tests.library.feed_docs import FeedServer

ESCAPES = "\x1b]0;pwned\x07\x1b[2J\x1b[31mRed\x1b[0m Title\r"
# The same with a one-byte CSI, which only stored text (not well-formed XML) can hold.
STORED_ESCAPES = ESCAPES.replace("Title", "\x9b1mTitle")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def feeds(httpserver: HTTPServer) -> FeedServer:
    return FeedServer(httpserver)


@pytest.fixture
def west_of_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _feed(title: str, items: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{title}</title><link>https://site.example/</link>{items}</channel></rss>"
    ).encode()


def _no_controls(text: str) -> bool:
    return not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in text)


def test_escape_sequences_in_a_feed_never_reach_the_terminal(
    db_path: Path, feeds: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    item = (
        f"<item><title>{ESCAPES} entry</title><guid>e1</guid>"
        "<description>Body \x1b[5mblinking\x1b[0m text</description></item>"
    )
    url = feeds.add("/evil.xml", _feed(ESCAPES, item))
    code, out, err = run(capsys, "--db", str(db_path), "add-feed", url)
    assert code == 0, err
    assert "Subscribed to Red Title" in out
    for command in (["feeds"], ["list"], ["show", "1"], ["search", "blinking"]):
        code, out, err = run(capsys, "--db", str(db_path), *command)
        assert code == 0, err
        assert _no_controls(out) and _no_controls(err), command
        assert "pwned" not in out
    code, out, _ = run(capsys, "--db", str(db_path), "show", "1")
    assert "Body blinking text" in out


def test_stored_escapes_from_an_older_library_are_not_printed(
    db_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Rows written before titles were cleaned still hold escape sequences."""
    from reader.library import Library
    from tests.factories import add_articles

    with Library(db_path) as lib:
        lib.add_feed("https://site.example/feed", title="Plain")
        [article_id] = add_articles(lib, 1)
    con = sqlite3.connect(str(db_path))
    con.execute(
        "UPDATE feed SET title = ?, last_error = ?", (STORED_ESCAPES, "HTTP 500 \x1b[8mhidden")
    )
    con.execute("UPDATE article SET title = ? WHERE id = ?", (STORED_ESCAPES, article_id))
    con.commit()
    con.close()
    for command in (["feeds"], ["list"], ["show", str(article_id)]):
        code, out, err = run(capsys, "--db", str(db_path), *command)
        assert code == 0, err
        assert _no_controls(out), command
    code, out, _ = run(capsys, "--db", str(db_path), "feeds")
    assert "Red Title" in out and "HTTP 500 hidden" in out
    code, out, _ = run(capsys, "--db", str(db_path), "list", "--json")
    # JSON keeps the data whole, as escapes a terminal does not act on.
    [row] = json.loads(out)
    assert row["title"] == STORED_ESCAPES
    assert "\x1b" not in out and "\x9b" not in out


def test_error_messages_are_cleaned_too(db_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(db_path), "save", "\x1b[31mnot-a-file.html")
    assert code == 1
    assert err == "folio: error: no such file: [31mnot-a-file.html\n".replace("[31m", "")


def test_the_terminal_helpers() -> None:
    import io

    assert clean("tab\tand\nline\x1b[1m bold\x07") == "tab\tand\nline bold"
    assert json_text('"\x85\x7f"') == '"\\u0085\\u007f"'
    inner = io.StringIO()
    safe = SafeStream(inner)
    print("a\x1b[31mb", file=safe)
    assert inner.getvalue() == "ab\n"
    assert raw(safe) is inner  # type: ignore[arg-type]
    assert raw(inner) is inner


# -- dates no zone can show -----------------------------------------------------------------


@pytest.mark.usefixtures("west_of_utc")
def test_a_year_one_feed_date_is_stored_as_unknown(
    db_path: Path, feeds: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    item = (
        "<item><title>Hugo post</title><guid>h1</guid>"
        "<pubDate>Mon, 01 Jan 0001 00:00:00 +0000</pubDate></item>"
    )
    url = feeds.add("/hugo.xml", _feed("Hugo", item))
    assert run(capsys, "--db", str(db_path), "add-feed", url)[0] == 0
    code, out, err = run(capsys, "--db", str(db_path), "list", "--json")
    assert code == 0, err
    [row] = json.loads(out)
    assert row["published"] is None


@pytest.mark.usefixtures("west_of_utc")
def test_a_stored_year_one_date_lists_and_shows_west_of_utc(
    db_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A library written before such dates were refused still lists."""
    from reader.library import Library
    from tests.factories import add_articles

    with Library(db_path) as lib:
        [article_id] = add_articles(lib, 1)
    year_one = -62135596800 * 1_000_000  # microseconds from 1970 to 0001-01-01 UTC
    con = sqlite3.connect(str(db_path))
    con.execute(
        "UPDATE article SET published = ?, sort_date = ? WHERE id = ?",
        (year_one, year_one, article_id),
    )
    con.commit()
    con.close()
    for locale, day in (("C.UTF-8", "0001-01-01"), ("de_DE.UTF-8", "1. Jan. 1 ")):
        monkeypatch.setenv("LC_ALL", locale)
        for command in (["list"], ["show", str(article_id)], ["list", "--json"]):
            code, out, err = run(capsys, "--db", str(db_path), *command)
            assert code == 0, (command, err)
        code, out, _ = run(capsys, "--db", str(db_path), "list")
        assert day in out


# -- newest items, said on the command line -----------------------------------------------------


def test_refresh_says_when_it_kept_only_the_newest_items(
    db_path: Path, feeds: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    items = "".join(
        f"<item><title>I{n}</title><guid>g{n}</guid>"
        f"<pubDate>{format_datetime(BASE_TIME - timedelta(hours=n))}</pubDate></item>"
        for n in range(30)
    )
    url = feeds.add("/many.xml", _feed("Many", items))
    assert run(capsys, "--db", str(db_path), "add-feed", url)[0] == 0
    code, out, err = run(capsys, "--db", str(db_path), "edit-feed", "1", "--keep", "5")
    assert code == 0, err
    feeds.update("/many.xml", _feed("Many", items.replace("I0<", "I0 again<")))
    code, out, err = run(capsys, "--db", str(db_path), "refresh", "--all")
    assert code == 0, err
    assert "  note: Many: kept the newest 5 of its 30 items" in out.splitlines()
    code, out, _ = run(capsys, "--db", str(db_path), "feeds")
    assert "      note: kept the newest 5 of its 30 items" in out.splitlines()
    code, out, _ = run(capsys, "--db", str(db_path), "feeds", "--json")
    [feed] = json.loads(out)
    assert feed["keep_items"] == 5
    with pytest.raises(SystemExit) as usage:
        main(["--db", str(db_path), "edit-feed", "1", "--keep", "0"])
    assert usage.value.code == 2
    assert "--keep: must be between 1 and 100000" in capsys.readouterr().err


# -- links that run something --------------------------------------------------------------------


def test_a_feeds_script_links_reach_no_store_and_no_export(
    db_path: Path, tmp_path: Path, feeds: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    item = (
        "<item><title>Trap</title><guid>t1</guid><link>javascript:alert(document.cookie)</link>"
        "<description><![CDATA[<p>Read <a href='javascript:alert(1)'>this</a></p>"
        "<picture><source srcset='javascript:alert(2)'><img src='https://img.example/a.png'>"
        "</picture>]]></description></item>"
    )
    url = feeds.add("/trap.xml", _feed("Trap feed", item))
    assert run(capsys, "--db", str(db_path), "add-feed", url)[0] == 0
    code, out, _ = run(capsys, "--db", str(db_path), "show", "1", "--format", "json")
    assert code == 0
    shown = json.loads(out)
    assert shown["url"] is None
    assert "javascript" not in shown["html"]
    for name, options in (
        ("out.html", []),
        ("out.epub", []),
        ("marks.html", ["--format", "bookmarks"]),
        ("notes.zip", []),
    ):
        target = tmp_path / name
        code, _, err = run(capsys, "--db", str(db_path), "export", str(target), *options)
        assert code == 0, err
        data = target.read_bytes()
        if target.suffix in (".epub", ".zip"):
            import zipfile

            with zipfile.ZipFile(target) as archive:
                data = b"".join(archive.read(n) for n in archive.namelist())
        assert b"javascript" not in data.lower(), name
