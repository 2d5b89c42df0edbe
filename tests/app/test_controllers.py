"""Refresh, saving and transfers run on worker threads and report on the GUI thread."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from reader.app.refresh_controller import RefreshController, RefreshProgress, RefreshSummary
from reader.app.save_controller import SaveController
from reader.app.transfer_controller import TransferController
from reader.library import Library
from tests.library.feed_docs import FeedServer, simple_feed

OPML = """<?xml version="1.0"?>
<opml version="2.0"><head><title>Mine</title></head><body>
<outline text="News">
  <outline type="rss" text="One" xmlUrl="https://one.example/feed.xml"/>
  <outline type="rss" text="Two" xmlUrl="https://two.example/feed.xml"/>
</outline>
</body></opml>
"""


@pytest.fixture
def feeds(httpserver: HTTPServer) -> FeedServer:
    return FeedServer(httpserver)


def test_refresh_reports_progress_on_the_gui_thread(
    library: Library, feeds: FeedServer, qtbot: QtBot
) -> None:
    ids = [library.add_feed(feeds.add(f"/{i}.xml", simple_feed(f"F{i}", 2))).id for i in range(3)]
    controller = RefreshController(library)
    main = threading.get_ident()
    seen: list[tuple[int, int]] = []
    controller.progressed.connect(
        lambda p: (
            seen.append((threading.get_ident(), p.done)) if isinstance(p, RefreshProgress) else None
        )
    )
    with qtbot.waitSignal(controller.finished, timeout=20_000) as blocker:
        controller.refresh(ids)
        assert controller.running
    summary = blocker.args[0]
    assert isinstance(summary, RefreshSummary)
    assert summary.new_articles == 6
    assert sorted(done for _, done in seen) == [1, 2, 3]
    assert {thread for thread, _ in seen} == {main}
    assert not controller.running
    controller.shutdown()


def test_requests_during_a_refresh_run_next(
    library: Library, feeds: FeedServer, qtbot: QtBot
) -> None:
    first = library.add_feed(feeds.add("/a.xml", simple_feed("A", 1))).id
    second = library.add_feed(feeds.add("/b.xml", simple_feed("B", 1))).id
    controller = RefreshController(library)
    summaries: list[RefreshSummary] = []
    controller.finished.connect(summaries.append)
    controller.refresh([first])
    controller.refresh([second])  # queued behind the first
    qtbot.waitUntil(lambda: len(summaries) == 2, timeout=20_000)
    assert [s.total for s in summaries] == [1, 1]
    assert library.get_feed(second).last_fetched is not None
    controller.shutdown()


def test_a_refresh_that_fails_says_why(library: Library, qtbot: QtBot) -> None:
    controller = RefreshController(library)
    with qtbot.waitSignal(controller.failed, timeout=10_000) as blocker:
        controller.refresh([12345])
    assert "no feed with id 12345" in blocker.args[0]
    controller.shutdown()


def test_saving_reports_success_and_failure(library: Library, qtbot: QtBot, tmp_path: Path) -> None:
    controller = SaveController(library)
    page = tmp_path / "note.md"
    page.write_text("# A Note\n\nIt has a paragraph of its own, long enough to keep.\n")
    with qtbot.waitSignal(controller.saved, timeout=10_000) as blocker:
        controller.save(str(page), ["notes"])
    assert blocker.args[1].article.title == "A Note"
    assert blocker.args[1].article.tags == ("notes",)
    with qtbot.waitSignal(controller.failed, timeout=10_000) as blocker:
        controller.save(str(tmp_path / "missing.html"))
    assert "no such file" in blocker.args[1]
    assert controller.running == 0
    controller.shutdown()


def test_import_and_export_opml(library: Library, qtbot: QtBot, tmp_path: Path) -> None:
    source = tmp_path / "subscriptions.opml"
    source.write_text(OPML)
    controller = TransferController(library)
    with qtbot.waitSignal(controller.finished, timeout=10_000) as blocker:
        assert controller.import_file(source)
        assert not controller.import_file(source)  # one at a time
    assert "subscriptions.opml" in blocker.args[0]
    assert "OPML subscription list: 2 found, 2 added, 0 already present" in blocker.args[0]
    assert sorted(f.url for f in library.list_feeds()) == [
        "https://one.example/feed.xml",
        "https://two.example/feed.xml",
    ]
    target = tmp_path / "out.opml"
    with qtbot.waitSignal(controller.finished, timeout=10_000) as blocker:
        controller.export_file(target, "opml")
    assert "out.opml" in blocker.args[0]
    assert "https://two.example/feed.xml" in target.read_text()
    with qtbot.waitSignal(controller.failed, timeout=10_000) as blocker:
        controller.import_file(tmp_path / "nothing.opml")
    assert "no such file" in blocker.args[0]
    controller.shutdown()


def test_an_import_asked_for_while_one_runs_leaves_the_running_one_stoppable(
    library: Library, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    source = tmp_path / "pocket.csv"
    rows = [f"Article {i},https://example.org/{i},1700000000,,unread" for i in range(50)]
    source.write_text("title,url,time_added,tags,status\n" + "\n".join(rows) + "\n")
    # The import waits for the test to have asked for a second one and pressed Stop.
    asked = threading.Event()
    real_import = library.import_file

    def import_when_asked(*args: Any, **kwargs: Any) -> Any:
        asked.wait(timeout=10)
        return real_import(*args, **kwargs)

    monkeypatch.setattr(library, "import_file", import_when_asked)
    controller = TransferController(library)
    with qtbot.waitSignal(controller.finished, timeout=10_000) as blocker:
        assert controller.import_file(source)
        assert not controller.import_file(source)
        controller.cancel()
        asked.set()
    assert "stopped" in blocker.args[0]
    assert library.count_articles() < 50
    controller.shutdown()
