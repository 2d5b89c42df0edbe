"""The library never reads or writes its own file as an import, an export or a page.

Reading it, even to refuse it afterwards, would drop SQLite's locks on it (see
reader/store/file_guard.py), and writing it would destroy it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reader.core.errors import LibraryError, UserError
from reader.library import Library
from tests.factories import add_articles
from tests.posix_locks import holds_lock

JOURNALS = ("library.sqlite", "library.sqlite-wal", "library.sqlite-shm")


@pytest.fixture
def stocked(library: Library) -> Library:
    add_articles(library, 2)
    assert library.path.with_name("library.sqlite-wal").exists()
    return library


def still_whole(library: Library) -> None:
    assert library.count_articles() == 2
    if sys.platform.startswith("linux"):
        assert holds_lock(library.path)  # nothing opened the file behind SQLite's back


@pytest.mark.parametrize("name", JOURNALS)
def test_importing_the_library_is_refused_unread(stocked: Library, name: str) -> None:
    with pytest.raises(LibraryError, match=r"the library itself|journal files"):
        stocked.import_file(stocked.path.with_name(name))
    with pytest.raises(LibraryError, match=r"the library itself|journal files"):
        stocked.import_opml(stocked.path.with_name(name))
    still_whole(stocked)


@pytest.mark.parametrize("name", JOURNALS)
def test_saving_the_library_as_a_page_is_refused_unread(stocked: Library, name: str) -> None:
    with pytest.raises(LibraryError, match="not the library"):
        stocked.save_file(stocked.path.with_name(name))
    still_whole(stocked)


@pytest.mark.parametrize("fmt", ["folio", "opml", "html"])
def test_exporting_onto_the_library_is_refused(stocked: Library, fmt: str) -> None:
    before = stocked.path.stat().st_size
    with pytest.raises(LibraryError, match="export to another file"):
        stocked.export_file(stocked.path, format=fmt)
    with pytest.raises(LibraryError, match="export to another file"):
        stocked.export_file(stocked.path.with_name("library.sqlite-wal"), format=fmt)
    assert stocked.path.stat().st_size == before
    still_whole(stocked)


def test_a_backup_never_takes_the_librarys_names(stocked: Library, tmp_path: Path) -> None:
    for name in ("library.sqlite", "library.sqlite-shm"):
        with pytest.raises(UserError, match="already exists"):
            stocked.backup(tmp_path / name)
    # A name no file has yet, but SQLite's for the library's rollback journal.
    with pytest.raises(LibraryError, match="journal files"):
        stocked.backup(tmp_path / "library.sqlite-journal")
    still_whole(stocked)
