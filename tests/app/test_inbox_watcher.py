"""The inbox folder: real files, written in steps, saved once they settle, never deleted."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from reader.app.inbox_watcher import (
    InboxWatcher,
    file_signature,
    is_inbox_file,
    move_aside,
)
from reader.library import Library
from tests.app.window_process import (
    START_TIMEOUT_MS,
    short_runtime_dir,
    stop,
    window_process,
    write_setting,
)

PARAGRAPHS = [
    "Small islands that depend on diesel generators are testing tidal turbines anchored in"
    " the channels between them.",
    "The currents are strong and predictable, which is more than can be said for the wind.",
    "Engineers say maintenance is the hard part: salt water corrodes everything.",
    "Boats can only reach the turbines at slack tide, twice a day, in good weather.",
    "The last paragraph arrives last: a page saved before it would miss this sentence.",
]


@pytest.fixture(autouse=True)
def runtime_dir() -> Iterator[Path]:
    with short_runtime_dir() as folder:
        yield folder


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    folder.mkdir()
    return folder


@pytest.fixture
def watcher(library: Library) -> Iterator[InboxWatcher]:
    # Short intervals: the test follows each look through the ``looked`` signal.
    watcher = InboxWatcher(library, check_interval_ms=50, rescan_interval_ms=200)
    yield watcher
    watcher.shutdown()


def listing(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*"))


def test_which_files_are_taken() -> None:
    for name in ("page.html", "Page.HTM", "archive.mhtml", "notes.txt", "notes.md"):
        assert is_inbox_file(name), name
    for name in (
        ".hidden.html",
        "page.html.part",
        "page.crdownload",
        "page.html.reason.txt",
        "picture.png",
        "page",
    ):
        assert not is_inbox_file(name), name


def test_a_growing_file_is_taken_only_once_it_settles(
    qtbot: QtBot, watcher: InboxWatcher, inbox: Path, library: Library
) -> None:
    page = inbox / "tidal.txt"
    page.write_text("Tidal power on small islands\n\n", encoding="utf-8")
    watcher.set_folder(inbox)
    steps = iter(PARAGRAPHS)

    def grow() -> None:
        # Between two looks the file always grows, until the text is complete.
        paragraph = next(steps, None)
        if paragraph is not None:
            with page.open("a", encoding="utf-8") as handle:
                handle.write(paragraph + "\n\n")

    watcher.looked.connect(grow)
    with qtbot.waitSignal(watcher.saved, timeout=30_000) as blocker:
        pass
    watcher.looked.disconnect(grow)
    name, result = blocker.args
    assert name == "tidal.txt"
    assert result.created
    article = library.open_article(result.article.id)
    assert article.title == "Tidal power on small islands"
    assert "a page saved before it would miss this sentence" in (article.text or "")
    assert listing(inbox) == ["done", "done/tidal.txt"]
    assert "slack tide" in (inbox / "done" / "tidal.txt").read_text(encoding="utf-8")


def test_files_there_at_start_and_failures_with_their_reason(
    qtbot: QtBot, watcher: InboxWatcher, inbox: Path, library: Library
) -> None:
    (inbox / "notes.md").write_text(
        "# Heat pumps in old houses\n\n" + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8"
    )
    (inbox / "empty.html").write_text("<html><body></body></html>", encoding="utf-8")
    (inbox / "photo.jpg").write_bytes(b"\xff\xd8\xff not taken")
    saved: list[str] = []
    failed: list[tuple[str, str]] = []
    watcher.saved.connect(lambda name, _result: saved.append(name))
    watcher.failed.connect(lambda name, reason: failed.append((name, reason)))
    watcher.set_folder(inbox)
    qtbot.waitUntil(lambda: bool(saved and failed), timeout=30_000)
    assert saved == ["notes.md"]
    assert [name for name, _ in failed] == ["empty.html"]
    assert listing(inbox) == [
        "done",
        "done/notes.md",
        "failed",
        "failed/empty.html",
        "failed/empty.html.reason.txt",
        "photo.jpg",
    ]
    reason = (inbox / "failed" / "empty.html.reason.txt").read_text(encoding="utf-8")
    assert failed[0][1] in reason
    assert "Move the file back into the inbox folder to try again" in reason
    assert [a.title for a in library.list_articles()] == ["Heat pumps in old houses"]


def test_names_taken_in_done_get_a_number_and_the_pictures_folder_follows(
    qtbot: QtBot, watcher: InboxWatcher, inbox: Path
) -> None:
    (inbox / "done").mkdir()
    (inbox / "done" / "page.html").write_text("an earlier page", encoding="utf-8")
    (inbox / "page_files").mkdir()
    (inbox / "page_files" / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    (inbox / "page.html").write_text(
        f"<html><head><title>Tidal power</title></head><body><article><h1>Tidal power</h1>"
        f'{body}<img src="page_files/photo.jpg"></article></body></html>',
        encoding="utf-8",
    )
    with qtbot.waitSignal(watcher.saved, timeout=30_000):
        watcher.set_folder(inbox)
    assert listing(inbox) == [
        "done",
        "done/page (2).html",
        "done/page (2)_files",
        "done/page (2)_files/photo.jpg",
        "done/page.html",
    ]
    assert (inbox / "done" / "page.html").read_text(encoding="utf-8") == "an earlier page"


def test_move_aside_never_replaces_a_file(tmp_path: Path) -> None:
    into = tmp_path / "failed"
    into.mkdir()
    (into / "a.txt").write_text("one")
    (into / "a (2).txt.reason.txt").write_text("a reason whose file was moved back by hand")
    source = tmp_path / "a.txt"
    source.write_text("two")
    assert move_aside(source, into) == into / "a (3).txt"
    assert (into / "a.txt").read_text() == "one"
    assert (into / "a (3).txt").read_text() == "two"


def test_one_watcher_per_folder(
    qtbot: QtBot, watcher: InboxWatcher, inbox: Path, library: Library
) -> None:
    watcher.set_folder(inbox)
    other = InboxWatcher(library)
    try:
        with qtbot.waitSignal(other.problem) as blocker:
            other.set_folder(inbox)
        assert "Another Folio window" in blocker.args[0]
        assert other.folder is None
        # Once the first lets go, the folder is free.
        watcher.set_folder(None)
        other.set_folder(inbox)
        assert other.folder == inbox
    finally:
        other.shutdown()


def test_a_folder_that_comes_back_is_watched_again(
    qtbot: QtBot, watcher: InboxWatcher, tmp_path: Path
) -> None:
    folder = tmp_path / "usb" / "inbox"
    with qtbot.waitSignal(watcher.problem) as blocker:
        watcher.set_folder(folder)
    assert "is not there" in blocker.args[0]
    folder.mkdir(parents=True)
    (folder / "later.txt").write_text("Later\n\n" + "\n\n".join(PARAGRAPHS), encoding="utf-8")
    with qtbot.waitSignal(watcher.saved, timeout=30_000) as saved:
        pass
    assert saved.args[0] == "later.txt"


def test_signature_follows_the_pictures_folder(tmp_path: Path) -> None:
    page = tmp_path / "page.html"
    page.write_text("<p>x</p>")
    before = file_signature(page)
    (tmp_path / "page_files").mkdir()
    (tmp_path / "page_files" / "a.png").write_bytes(b"12345")
    assert file_signature(page) != before
    assert file_signature(tmp_path / "gone.html") is None


@pytest.mark.subprocess
def test_the_window_takes_files_from_its_inbox_folder(qtbot: QtBot, tmp_path: Path) -> None:
    """A real window process: a file there at start, one written in steps while it runs, and
    one that fails; each ends in done/ or failed/, none is lost."""
    db = tmp_path / "library.sqlite"
    inbox = tmp_path / "Inbox folder"
    inbox.mkdir()
    (inbox / "before.md").write_text(
        "# Saved before the window opened\n\n" + "\n\n".join(PARAGRAPHS), encoding="utf-8"
    )
    write_setting("inbox/folder", str(inbox))
    with window_process("--db", str(db)) as window:
        qtbot.waitUntil((inbox / "done" / "before.md").exists, timeout=START_TIMEOUT_MS)
        with (inbox / "while.txt").open("w", encoding="utf-8") as handle:
            handle.write("Saved while the window runs\n\n")
            handle.flush()
            for paragraph in PARAGRAPHS:
                handle.write(paragraph + "\n\n")
                handle.flush()
        (inbox / "broken.html").write_text("<html><body></body></html>", encoding="utf-8")
        qtbot.waitUntil(
            lambda: (
                (inbox / "done" / "while.txt").exists()
                and (inbox / "failed" / "broken.html.reason.txt").exists()
            ),
            timeout=60_000,
        )
        code, err = stop(window)
    assert code == 0, err
    assert listing(inbox) == [
        "done",
        "done/before.md",
        "done/while.txt",
        "failed",
        "failed/broken.html",
        "failed/broken.html.reason.txt",
    ]
    with Library(db) as lib:
        articles = {a.title: a for a in lib.list_articles()}
        assert sorted(articles) == ["Saved before the window opened", "Saved while the window runs"]
        text = lib.open_article(articles["Saved while the window runs"].id).text
    assert "a page saved before it would miss this sentence" in (text or "")
