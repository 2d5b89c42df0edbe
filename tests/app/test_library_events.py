"""Library notifications reach the GUI thread in batches, from whatever thread made them."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from reader.app.library_events import ChangeBatch, LibraryEvents
from reader.library import Library
from tests.factories import add_articles


def test_changes_on_another_thread_arrive_as_one_batch(library: Library, qtbot: QtBot) -> None:
    events = LibraryEvents(library, delay_ms=30)
    ids = add_articles(library, 3)
    main = threading.get_ident()
    seen: list[int] = []
    events.changed.connect(lambda batch: seen.append(threading.get_ident()))

    def work() -> None:
        library.mark(ids[:2], read=True)
        library.add_tags(ids[2], ["later"])
        library.notify("feeds", [7])

    with qtbot.waitSignal(events.changed, timeout=5000) as blocker:
        thread = threading.Thread(target=work)
        thread.start()
        thread.join()
    batch = blocker.args[0]
    assert isinstance(batch, ChangeBatch)
    assert batch.kinds == {"articles", "tags", "feeds"}
    assert batch.article_ids == set(ids)
    assert batch.feed_ids == {7}
    assert batch.articles and batch.tags and batch.feeds and not batch.everything
    assert seen == [main]
    events.detach()


def test_a_change_without_ids_means_everything(library: Library, qtbot: QtBot) -> None:
    events = LibraryEvents(library, delay_ms=10)
    with qtbot.waitSignal(events.changed) as blocker:
        library.notify("articles", None)
    assert blocker.args[0].everything
    events.detach()
    with qtbot.assertNotEmitted(events.changed, wait=50):
        library.notify("articles", [1])
