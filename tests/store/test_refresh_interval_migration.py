"""The migration that gives feeds a refresh interval of their own (schema step 13)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from reader.library import Library
from reader.store.database import SCHEMA_VERSION
from tests.store.test_database import _schema

DATA = Path(__file__).parent / "data"


def test_a_version_12_library_keeps_its_feeds_on_the_library_interval(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    con = sqlite3.connect(str(old))
    con.executescript((DATA / "schema_v12.sql").read_text())
    con.execute(
        "INSERT INTO feed (id, url, title, position, added, error_count, disabled,"
        " fetch_full_text, keep_items) VALUES (7, 'https://old.example/feed', 'Old', 0, 1, 0,"
        " 0, 1, 300)"
    )
    con.commit()
    con.close()
    with Library(old) as lib:
        assert lib.schema_version == SCHEMA_VERSION
        feed = lib.get_feed(7)
        assert (feed.title, feed.fetch_full_text, feed.keep_items) == ("Old", True, 300)
        assert feed.refresh_minutes is None
        assert lib.set_feed_options(7, refresh_minutes=30).refresh_minutes == 30
    fresh = tmp_path / "fresh.sqlite"
    Library(fresh).close()
    assert _schema(old) == _schema(fresh)
