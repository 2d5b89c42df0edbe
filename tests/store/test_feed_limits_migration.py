"""The migration that gives feeds their own number of items to keep and a notice."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.library import Library

DATA = Path(__file__).parent / "data"


def test_feeds_of_an_old_library_keep_everything_and_get_the_default(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    con = sqlite3.connect(str(old))
    con.executescript((DATA / "schema_v5.sql").read_text())
    con.execute(
        "INSERT INTO feed (id, url, title, position, added, error_count, disabled,"
        " fetch_full_text) VALUES (4, 'https://old.example/feed', 'Old', 0, 1, 0, 0, 1)"
    )
    con.commit()
    con.close()
    with Library(old) as lib:
        feed = lib.get_feed(4)
        assert (feed.title, feed.fetch_full_text) == ("Old", True)
        assert feed.keep_items is None and feed.notice is None
        assert lib.set_feed_options(4, keep_items=250).keep_items == 250
    columns = {
        row[1]: row[2] for row in sqlite3.connect(str(old)).execute('PRAGMA table_info("feed")')
    }
    assert columns["keep_items"] == "INTEGER" and columns["notice"] == "TEXT"
