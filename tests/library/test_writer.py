"""The library's one writer: order, nesting, failures, and waiting for another program."""

from __future__ import annotations

import logging
import sqlite3
import threading
from functools import partial
from pathlib import Path

import pytest

from reader.core.errors import LibraryError
from reader.library import Library
from reader.library.writer import THREAD_NAME
from reader.store import settings as store_settings
from reader.store import tags as store_tags


def test_work_runs_on_the_writer_thread_and_a_failure_writes_nothing(library: Library) -> None:
    seen: list[str] = []

    def write() -> None:
        seen.append(threading.current_thread().name)
        store_tags.get_or_create_tag("kept")

    library.writer.run(write)

    def failing() -> None:
        store_tags.get_or_create_tag("rolled back")
        raise RuntimeError("changed my mind")

    with pytest.raises(RuntimeError, match="changed my mind"):
        library.writer.run(failing)
    assert seen == [THREAD_NAME]
    assert [t.name for t in library.list_tags()] == ["kept"]


def test_work_on_the_writer_thread_nests_in_a_savepoint(library: Library) -> None:
    def inner() -> None:
        store_tags.get_or_create_tag("inner")
        raise RuntimeError("inner fails")

    def outer() -> bool:
        store_tags.get_or_create_tag("outer")
        try:
            library.writer.run(inner)  # runs at once, here, not queued behind itself
        except RuntimeError:
            return True
        return False

    assert library.writer.run(outer)
    assert [t.name for t in library.list_tags()] == ["outer"]


def test_a_users_edit_goes_before_bulk_work_already_waiting(library: Library) -> None:
    release = threading.Event()
    order: list[str] = []
    blocker = library.writer.submit(lambda: release.wait(30), bulk=True)
    bulk = [library.writer.submit(partial(order.append, f"bulk {n}"), bulk=True) for n in range(3)]
    edit = library.writer.submit(partial(order.append, "edit"))
    release.set()
    assert blocker.result(timeout=30)
    for future in [*bulk, edit]:
        future.result(timeout=30)
    assert order == ["edit", "bulk 0", "bulk 1", "bulk 2"]


def test_a_closed_library_takes_no_more_writes(db_path: Path) -> None:
    library = Library(db_path)
    pending = library.writer.submit(lambda: store_tags.get_or_create_tag("queued"), bulk=True)
    library.close()
    assert pending.result(timeout=30).name == "queued"
    with pytest.raises(LibraryError, match="closed"):
        library.writer.run(lambda: None)


def test_a_write_waits_for_another_program_to_let_go_of_the_library(
    library: Library, db_path: Path
) -> None:
    waiting = threading.Event()

    class Waiting(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if "still waiting" in record.getMessage():
                waiting.set()

    handler = Waiting()
    logging.getLogger("reader.store.write_lock").addHandler(handler)
    db = library.writer.database
    # SQLite's own wait, shortened from 10 s, so that the writer's patience is what is tested.
    library.writer.call(lambda: db.execute_sql("PRAGMA busy_timeout = 50"))
    other = sqlite3.connect(db_path, isolation_level=None, check_same_thread=False)
    try:
        other.execute("BEGIN IMMEDIATE")  # another program starts writing, and holds on
        done = threading.Thread(target=lambda: library.set_retention(5))
        done.start()
        assert waiting.wait(30)
        other.execute("ROLLBACK")
        done.join(30)
    finally:
        other.close()
        logging.getLogger("reader.store.write_lock").removeHandler(handler)
    assert library.retention_days == 5
    assert store_settings.get_setting("retention_days") == 5
