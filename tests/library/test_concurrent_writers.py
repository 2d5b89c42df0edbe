"""A refresh, an import and edits from the window and from ``folio`` commands, all at once:
every edit is stored and nothing fails with "database is locked". (bench/concurrency.py runs
the full-size version: 500 feeds, a 20,000-article import.)"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer

from reader.core.transfer import ImportReport
from reader.library import Library
from reader.library.refresh import RefreshSummary
from tests.library.feed_docs import FeedServer, Item, rss
from tests.library.test_import_safety import folio_export

ROOT = Path(__file__).resolve().parents[2]
LOCKED = "database is locked"


def _feed(index: int) -> bytes:
    body = "<p>" + " ".join(f"word{index}-{n}" for n in range(150)) + "</p>"
    items = [
        Item(f"f{index}-{n}", f"Feed {index} entry {n}", f"https://site.example/{index}/{n}", body)
        for n in range(25)
    ]
    return rss(f"Feed {index}", items)


def _folio(library_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", "--db", str(library_path), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.mark.subprocess
def test_refresh_import_and_edits_at_once_lose_nothing(
    library: Library, db_path: Path, tmp_path: Path, httpserver: HTTPServer
) -> None:
    feeds = FeedServer(httpserver)
    for index in range(40):
        library.add_feed(feeds.add(f"/{index}.xml", _feed(index)))
    mine = [library.save(str(_page(tmp_path, n)), tags=["mine"]).article.id for n in range(6)]
    export = tmp_path / "export.json"
    export.write_text(json.dumps(folio_export(1500)), encoding="utf-8")

    refreshed: list[RefreshSummary] = []
    imported: list[ImportReport] = []

    def refresh() -> None:
        refreshed.append(library.refresh())

    def import_file() -> None:
        imported.append(library.import_file(export))

    # The window's side: a refresh and an import on threads of their own, and one-row edits
    # made while they run, as the window hands them over.
    busy = [threading.Thread(target=refresh), threading.Thread(target=import_file)]
    for thread in busy:
        thread.start()
    made: list[tuple[int, str]] = []
    errors: list[str] = []
    number = 0

    def still_busy() -> bool:
        return any(thread.is_alive() for thread in busy)

    # Other processes at the same time: folio commands, two at once.
    def commands(prefix: str) -> None:
        count = 0
        while still_busy() or count < 3:
            article = mine[count % len(mine)]
            tag = f"{prefix}{count}"
            done = _folio(db_path, "tag", str(article), tag)
            if done.returncode == 0:
                made.append((article, tag))
            else:
                errors.append(done.stderr)
            count += 1

    others = [threading.Thread(target=commands, args=(p,)) for p in ("c", "d")]
    for thread in others:
        thread.start()
    while still_busy() or number < 5:
        article = mine[number % len(mine)]
        tag = f"w{number}"
        try:
            library.add_tags(article, [tag])
            made.append((article, tag))
        except Exception as exc:
            errors.append(str(exc))
        number += 1
    for thread in busy + others:
        thread.join()

    assert not [e for e in errors if LOCKED in e]
    assert errors == []
    assert refreshed[0].errors == ()
    assert refreshed[0].new_articles == 40 * 25
    assert imported[0].added == 1500
    stored = {(article, tag) for article in mine for tag in library.get_article(article).tags}
    assert set(made) <= stored
    assert len(made) >= 11


def _page(folder: Path, number: int) -> Path:
    path = folder / f"mine{number}.md"
    path.write_text(f"# Mine {number}\n\nAn article of my own, number {number}, kept for edits.")
    return path
