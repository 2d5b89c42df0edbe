"""Importing files: subscriptions (OPML), articles and bookmarks from other services, and
Folio's own export.

A file is read and checked whole before anything is written, so one that cannot be read changes
nothing. It is then written in short transactions of a few hundred rows, with the slow work
(sanitizing HTML, working out text and rows, placing highlights) done outside them, so that the
window and other ``folio`` commands are never kept waiting long. What an import writes is
recorded as it goes; if writing fails half-way, all of it is taken out again. Only stopping an
import leaves part of a file in, and its report then says which part (the file's first N
items); importing the same file again brings in the rest.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from reader.core.errors import ImportFormatError, UserError
from reader.core.transfer import ImportReport
from reader.library.context import LibraryContext
from reader.library.feeds import Feeds
from reader.library.import_batches import FOLIO_BATCH, IMAGE_BATCH, Batches
from reader.library.import_items import ItemImports, format_label
from reader.store import file_guard
from reader.store import folio_document as store_folio
from reader.store import transfer as store_transfer
from reader.store.import_writes import ImportWrites

Progress = Callable[[int, int], None]


def _sanitize(html: str) -> str:
    # lxml and nh3 load on first use: opening the library for a command needs neither.
    from reader.services.sanitize import sanitize_html

    return sanitize_html(html)


@dataclass(slots=True)
class _Loaded:
    """What loading a batch of a Folio export's articles did."""

    ids: list[int] = field(default_factory=list)
    existing: int = 0
    highlights_placed: int = 0
    highlights_unplaced: int = 0


class Imports:
    """Imports of files: OPML through ``feeds``, the other services' exports through
    ``items``, and Folio's own export here."""

    def __init__(self, context: LibraryContext, feeds: Feeds, items: ItemImports) -> None:
        self._ctx = context
        self._feeds = feeds
        self._items = items

    def import_file(
        self,
        path: Path,
        *,
        format: str | None = None,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ImportReport:
        """Import a file of subscriptions, articles or bookmarks; the format is detected from
        the content unless ``format`` names it. Safe to call from a background thread."""
        path = Path(path)
        if not path.exists():
            raise UserError(f"no such file: {path}")
        if path.is_dir():
            raise UserError(f"{path} is a folder; give the exported file")
        file_guard.refuse_library_file(
            path, self._ctx.path, "import a file exported from it instead"
        )
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UserError(f"cannot read {path}: {exc.strerror}") from exc
        # The importers and exporters load when a file is imported or exported, so that
        # starting a command or the window does not pay for them.
        from reader.services.importers import canonical_format, detect_format, parse_items
        from reader.services.importers.folio_json import parse_folio_json

        fmt = canonical_format(format, data) if format else detect_format(data, path.name)
        if fmt == "opml":
            return self._import_opml(data)
        if fmt == "folio":
            return self.import_folio_document(
                parse_folio_json(data), progress=progress, cancel=cancel
            )
        return self._items.import_items(
            parse_items(data, fmt),
            format_name=format_label(fmt),
            format_key=fmt,
            progress=progress,
            cancel=cancel,
        )

    def _import_opml(self, data: bytes) -> ImportReport:
        result = self._feeds.import_opml_data(data)
        report = ImportReport(format_name=format_label("opml"))
        report.feeds_added = len(result.added)
        report.feed_ids = list(result.added_ids)
        report.feeds_existing = len(result.existing)
        report.folders_added = result.folders_created
        report.problems.extend(str(p) for p in result.problems)
        counts = report.counts("opml", report.format_name)
        counts.added, counts.present = report.feeds_added, report.feeds_existing
        for problem in result.problems:
            counts.skip(_reason(str(problem)))
        counts.found = counts.added + counts.present + counts.skipped_total
        return report

    # -- Folio's own export -------------------------------------------------------------------
    def import_folio_document(
        self,
        document: dict[str, list[dict[str, Any]]],
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ImportReport:
        """Load a Folio export. Into an empty library everything comes back exactly, ids
        included; into one with content, it merges (feeds by URL, articles by identity)."""
        report = ImportReport(format_name=format_label("folio"))
        counts = report.counts("folio", report.format_name)
        try:
            skipped = store_folio.check_document(document)
        except store_folio.DocumentDamage as exc:
            raise ImportFormatError(
                f"the Folio export is damaged at {exc}; nothing was imported"
            ) from None
        articles = document.get("articles", [])
        for index, problem in skipped.items():
            report.problems.append(f"article {index + 1}: {problem}")
        report.total = len(articles)
        writes = ImportWrites()
        tags = store_transfer.TagCache()

        def structure(done: ImportWrites) -> tuple[bool, store_folio.IdMaps]:
            tags.writes = done
            keep_ids = store_transfer.library_is_empty()
            maps = store_folio.load_structure(document, keep_ids=keep_ids, tags=tags, writes=done)
            return keep_ids, maps

        def written(loaded: _Loaded, end: int) -> None:
            report.added += len(loaded.ids)
            report.with_content += len(loaded.ids)
            report.article_ids.extend(loaded.ids)
            report.existing += loaded.existing
            report.highlights_placed += loaded.highlights_placed
            report.highlights_unplaced += loaded.highlights_unplaced
            counts.added += len(loaded.ids)
            counts.present += loaded.existing
            report.done = end
            if loaded.ids:
                self._ctx.events.notify("articles", loaded.ids)
            if progress:
                progress(report.done, report.total)

        with Batches(self._ctx, writes, written) as batches:
            keep_ids, maps = batches.run(structure)
            report.feeds_added = len(maps.new_feeds)
            report.feed_ids = sorted(maps.new_feeds)
            report.feeds_existing = maps.feeds_existing
            images = document.get("images", [])
            for start in range(0, len(images), IMAGE_BATCH):
                chunk = images[start : start + IMAGE_BATCH]
                batches.run(
                    partial(_load_images, chunk, keep_ids=keep_ids, maps=maps),
                )
            if progress:
                progress(0, report.total)
            for start in range(0, report.total, FOLIO_BATCH):
                if cancel is not None and cancel.is_set():
                    report.cancelled = True
                    break
                end = min(start + FOLIO_BATCH, report.total)
                for index in range(start, end):
                    if index in skipped:
                        counts.found += 1
                        counts.fail(skipped[index].split(" '", 1)[0])  # without the value
                # A file is outside input however it was made: its HTML is cleaned like any
                # other (Folio's own output comes through unchanged), before the transaction.
                batch = [
                    (row, _sanitize(str(row.get("html") or "")))
                    for index, row in enumerate(articles[start:end], start)
                    if index not in skipped
                ]
                counts.found += len(batch)
                batches.wait()
                if cancel is not None and cancel.is_set():
                    report.cancelled = True
                    break
                batches.write(partial(_load_articles, batch, maps, tags, keep_ids), end)
            batches.wait()
            if not report.cancelled:
                batches.run(partial(_load_extras, document, keep_ids=keep_ids))
        self._ctx.events.notify("feeds", None)
        self._ctx.events.notify("tags", None)
        return report


def _load_images(
    chunk: list[dict[str, Any]], done: ImportWrites, *, keep_ids: bool, maps: store_folio.IdMaps
) -> None:
    store_folio.load_images(chunk, keep_ids=keep_ids, maps=maps, writes=done)


def _load_extras(document: dict[str, Any], done: ImportWrites, *, keep_ids: bool) -> None:
    store_folio.load_extras(document, keep_ids=keep_ids, writes=done)


def _load_articles(
    batch: list[tuple[dict[str, Any], str]],
    maps: store_folio.IdMaps,
    tags: store_transfer.TagCache,
    keep_ids: bool,
    done: ImportWrites,
) -> _Loaded:
    """Write a batch of a Folio export's articles (their HTML already cleaned), in the writer's
    transaction; an article the library has is counted, not written again."""
    tags.writes = done
    loaded = _Loaded()
    rows: list[store_transfer.ArticleRow] = []
    for row, html in batch:
        feed = row.get("feed_id")
        feed_id = maps.feeds.get(int(feed)) if feed is not None else None
        if not keep_ids and store_folio.find_duplicate(row, feed_id) is not None:
            loaded.existing += 1
            continue
        article_row = store_folio.document_article_row(row, maps)
        article_row.html = html
        rows.append(article_row)
        placed = sum(1 for h in article_row.highlights if h.get("placed"))
        loaded.highlights_placed += placed
        loaded.highlights_unplaced += len(article_row.highlights) - placed
    loaded.ids = store_transfer.insert_articles(rows, tags=tags, keep_ids=keep_ids)
    done.article_ids.extend(loaded.ids)
    return loaded


def _reason(problem: str) -> str:
    """What a problem line is counted under: its message without the position and details."""
    message = problem.split(": ", 1)[-1]
    return message.split(": ", 1)[0].split(" (", 1)[0]
