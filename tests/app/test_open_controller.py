"""Files given to the window: pages saved and the last one shown, lists imported in turn."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.app.open_controller import OpenController
from reader.app.save_controller import SaveController
from reader.app.transfer_controller import TransferController
from reader.library import Library
from reader.library.open_action import OpenAction, open_action

BODY = (
    "Small islands that depend on diesel generators are testing tidal turbines anchored in the"
    " channels between them. The currents are strong and predictable.\n\n"
    "Engineers say maintenance is the hard part: salt water corrodes everything.\n"
)
OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>Mine</title></head><body>
<outline text="News"><outline type="rss" text="A" xmlUrl="https://a.example/feed.xml"/></outline>
<outline type="rss" text="B" xmlUrl="https://b.example/rss"/>
</body></opml>
"""
BOOKMARKS = """<!DOCTYPE NETSCAPE-Bookmark-file-1>
<TITLE>Bookmarks</TITLE><H1>Bookmarks</H1>
<DL><p><DT><A HREF="https://c.example/post" ADD_DATE="1700000000">A post</A></DL><p>
"""


@pytest.fixture
def opener(library: Library) -> Iterator[OpenController]:
    saver = SaveController(library)
    transfers = TransferController(library)
    controller = OpenController(saver, transfers)
    yield controller
    saver.shutdown()
    transfers.shutdown()


def test_what_opening_a_file_does(tmp_path: Path) -> None:
    page = tmp_path / "article.html"
    page.write_text("<html><body><dl><dt>term</dt><dd>a list in an article</dd></dl></body></html>")
    marks = tmp_path / "bookmarks.html"
    marks.write_text(BOOKMARKS)
    (tmp_path / "subs.opml").write_text(OPML)
    assert open_action("https://example.org/a.opml") is OpenAction.SAVE
    assert open_action(str(page)) is OpenAction.SAVE
    assert open_action(str(marks)) is OpenAction.IMPORT
    assert open_action(str(tmp_path / "subs.opml")) is OpenAction.IMPORT
    for name in ("export.json", "pocket.zip", "instapaper.csv", "feeds.xml"):
        assert open_action(str(tmp_path / name)) is OpenAction.IMPORT
    for name in ("notes.md", "page.mhtml", "saved.txt", "README"):
        assert open_action(str(tmp_path / name)) is OpenAction.SAVE


def test_pages_are_saved_and_the_last_one_given_is_shown(
    qtbot: QtBot, opener: OpenController, library: Library, tmp_path: Path
) -> None:
    first = tmp_path / "first.txt"
    first.write_text("First of two\n\n" + BODY, encoding="utf-8")
    second = tmp_path / "second.md"
    second.write_text("# Second of two\n\n" + BODY.replace("islands", "Inseln"), encoding="utf-8")
    with qtbot.waitSignal(opener.reveal, timeout=30_000) as shown:
        opener.open([str(first), str(second)])
    assert library.get_article(shown.args[0]).title == "Second of two"
    assert not opener.busy


def test_lists_are_imported_one_after_another(
    qtbot: QtBot, opener: OpenController, library: Library, tmp_path: Path
) -> None:
    (tmp_path / "subs.opml").write_text(OPML)
    (tmp_path / "bookmarks.html").write_text(BOOKMARKS)
    opener.open([str(tmp_path / "subs.opml"), str(tmp_path / "bookmarks.html")])
    qtbot.waitUntil(lambda: not opener.busy, timeout=30_000)
    assert sorted(f.url for f in library.list_feeds()) == [
        "https://a.example/feed.xml",
        "https://b.example/rss",
    ]
    assert [a.url for a in library.list_articles()] == ["https://c.example/post"]


def test_a_failure_among_several_is_said_at_the_end(
    qtbot: QtBot, opener: OpenController, tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text("Good page\n\n" + BODY, encoding="utf-8")
    empty = tmp_path / "empty.html"
    empty.write_text("<html><body></body></html>")
    messages: list[str] = []
    opener.message.connect(messages.append)
    with qtbot.waitSignal(opener.reveal, timeout=30_000):
        opener.open([str(good), str(empty)])
    assert len(messages) == 1
    assert messages[0].startswith(f"Saved 1 of 2; could not save {empty}: ")
