"""Importing files: subscriptions (OPML), articles and bookmarks from other services, and
Folio's own export.

A file is read and checked whole before anything is written, so one that cannot be read changes
nothing. It is then written in short transactions of a few hundred rows, with the slow work
(sanitizing HTML, working out text and rows) done outside them, so that the window and other
``folio`` commands are never kept waiting long. What an import writes is recorded as it goes;
if writing fails half-way, all of it is taken out again. Only stopping an import leaves part of
a file in, and its report then says which part (the file's first N items); importing the same
file again brings in the rest.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.errors import ImportFormatError, UserError
from reader.core.text import word_count
from reader.core.transfer import ImportItem, ImportProblem, ImportReport
from reader.core.types import ArticleInput, SourceKind
from reader.core.urls import normalize_url
from reader.library.context import LibraryContext
from reader.library.feeds import Feeds
from reader.store import articles as store_articles
from reader.store import folio_document as store_folio
from reader.store import transfer as store_transfer
from reader.store.import_writes import ImportWrites, undo_import
from reader.store.tags import clean_tag_name

if TYPE_CHECKING:
    from reader.services.importers.common import Entry

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

# Rows per write transaction: a few hundred keep a transaction to a fraction of a second, so
# that the window and other folio commands wait little for the lock, while commits (which
# WAL makes cheap) stay a small part of the cost.
IMPORT_BATCH = 250
FOLIO_BATCH = 200
IMAGE_BATCH = 50


def _note_with_highlights(item: ImportItem) -> str | None:
    parts: list[str] = []
    if item.note and item.note.strip():
        parts.append(item.note.strip())
    if item.highlights:
        quoted = [
            "\n".join(f"> {line}" if line else ">" for line in h.splitlines())
            for h in item.highlights
        ]
        parts.append("Highlights:\n\n" + "\n\n".join(quoted))
    return "\n\n".join(parts) or None


def _sanitize(html: str) -> str:
    # lxml and nh3 load on first use: opening the library for a command needs neither.
    from reader.services.sanitize import sanitize_html

    return sanitize_html(html)


def _format_name(fmt: str) -> str:
    from reader.services.importers import FORMATS

    return FORMATS[fmt]


class Imports:
    def __init__(self, context: LibraryContext, feeds: Feeds) -> None:
        self._ctx = context
        self._feeds = feeds

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
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise UserError(f"cannot read {path}: {exc.strerror}") from exc
        # The importers and exporters load when a file is imported or exported, so that
        # starting a command or the window does not pay for them.
        from reader.services.importers import canonical_format, detect_format, parse_items
        from reader.services.importers.folio_json import parse_folio_json

        fmt = canonical_format(format) if format else detect_format(data, path.name)
        if fmt == "opml":
            return self._import_opml(data)
        if fmt == "folio":
            return self.import_folio_document(
                parse_folio_json(data), progress=progress, cancel=cancel
            )
        return self.import_items(
            parse_items(data, fmt),
            format_name=_format_name(fmt),
            progress=progress,
            cancel=cancel,
        )

    def _import_opml(self, data: bytes) -> ImportReport:
        result = self._feeds.import_opml_data(data)
        report = ImportReport(format_name=_format_name("opml"))
        report.feeds_added = len(result.added)
        report.feeds_existing = len(result.existing)
        report.folders_added = result.folders_created
        report.problems.extend(str(p) for p in result.problems)
        return report

    # -- articles and bookmarks ---------------------------------------------------------------
    def import_items(
        self,
        entries: Iterable[Entry],
        *,
        format_name: str = "a list of links",
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ImportReport:
        """Store import items in batches (one short transaction each, on the writer); items
        already in the library (by normalised URL) only gain the tags they lacked."""
        report = ImportReport(format_name=format_name)
        items: list[ImportItem] = []
        # Reading the whole file first: a file that breaks off is refused before any write.
        for entry in entries:
            if isinstance(entry, ImportProblem):
                report.problems.append(str(entry))
            else:
                items.append(entry)
        report.total = len(items)
        seen: set[str] = set()
        writes = ImportWrites()
        tags = store_transfer.TagCache()
        if progress:
            progress(0, report.total)

        def written(ids: list[int], end: int) -> None:
            report.done = end
            if ids:
                self._ctx.events.articles_added.publish(ids)
                self._ctx.events.notify("articles", ids)
            if progress:
                progress(report.done, report.total)

        batches = _Batches(self._ctx, writes, written)
        with batches:
            for start in range(0, report.total, IMPORT_BATCH):
                if cancel is not None and cancel.is_set():
                    report.cancelled = True
                    break
                batch = items[start : start + IMPORT_BATCH]
                # Sanitizing and working out rows happen here, outside the writer (which the
                # window's own writes queue behind), while the batch before is written.
                rows, wanted_tags = self._prepare_import_batch(batch, report, seen)
                batches.wait()
                if cancel is not None and cancel.is_set():
                    report.cancelled = True
                    break

                def write(
                    rows: list[store_transfer.ArticleRow] = rows,
                    wanted_tags: dict[int, list[str]] = wanted_tags,
                ) -> tuple[list[int], ImportWrites]:
                    done = ImportWrites()
                    tags.writes = done
                    ids = self._write_import_batch(rows, wanted_tags, report, tags, done)
                    return ids, done

                batches.write(write, min(start + IMPORT_BATCH, report.total))
        return report

    def _prepare_row(
        self, item: ImportItem, url: str, canonical: str, report: ImportReport
    ) -> store_transfer.ArticleRow:
        from reader.services.sanitize import html_to_text, sanitize_html

        html = sanitize_html(item.content_html, base_url=url) if item.content_html else ""
        text = html_to_text(html) if html else ""
        has_body = bool(text.strip())
        now = self._ctx.now()
        added = item.added or now
        title = item.title or url
        summary = item.summary
        content = ArticleInput(
            title=title,
            source_kind=SourceKind.URL,
            url=url,
            canonical_url=canonical,
            author=item.author,
            summary=summary,
            content_html=html,
        )
        columns: dict[str, Any] = {
            "source_kind": SourceKind.URL.value,
            "url": url,
            "canonical_url": canonical,
            "title": title,
            "author": item.author,
            "published": item.published,
            "updated": item.updated,
            "added": added,
            "sort_date": item.published or added,
            "summary": summary,
            "language": item.language,
            "site_name": item.site_name,
            "image_url": item.image_url,
            "word_count": word_count(text),
            "read": item.read,
            "starred": item.starred,
            "archived": item.archived,
            "read_at": now if item.read else None,
            "note": _note_with_highlights(item),
            "content_hash": store_articles.content_hash(content),
            "fetch_status": "ok" if has_body else "pending",
        }
        tags: list[str] = []
        for name in item.tags:
            try:
                tags.append(clean_tag_name(name))
            except UserError as exc:
                report.problems.append(f"{item.position}: tag left out ({exc})")
        return store_transfer.ArticleRow(columns=columns, html=html, text=text, tags=tags)

    def _prepare_import_batch(
        self, batch: Sequence[ImportItem], report: ImportReport, seen: set[str]
    ) -> tuple[list[store_transfer.ArticleRow], dict[int, list[str]]]:
        """The rows to insert (items new to the library and to this file) and the tags to add
        to articles the library already has."""
        keyed = [(item, (item.url or "").strip()) for item in batch]
        keyed_all = [(item, url, normalize_url(url)) for item, url in keyed]
        known = store_transfer.existing_by_url(
            [c for _, _, c in keyed_all] + [u for _, u, _ in keyed_all]
        )
        rows: list[store_transfer.ArticleRow] = []
        wanted_tags: dict[int, list[str]] = {}
        for item, url, canonical in keyed_all:
            if canonical in seen:
                report.existing += 1
                continue
            seen.add(canonical)
            existing = known.get(canonical) or known.get(url)
            if existing is not None:
                report.existing += 1
                if item.tags:
                    wanted_tags.setdefault(existing, []).extend(item.tags)
                continue
            rows.append(self._prepare_row(item, url, canonical, report))
        return rows, wanted_tags

    @staticmethod
    def _write_import_batch(
        rows: list[store_transfer.ArticleRow],
        wanted_tags: dict[int, list[str]],
        report: ImportReport,
        tags: store_transfer.TagCache,
        writes: ImportWrites,
    ) -> list[int]:
        # Another writer may have saved one of these pages since the batch was prepared.
        raced = store_transfer.existing_by_url([r.columns["canonical_url"] for r in rows])
        if raced:
            report.existing += sum(1 for r in rows if r.columns["canonical_url"] in raced)
            rows = [r for r in rows if r.columns["canonical_url"] not in raced]
        ids = store_transfer.insert_articles(rows, tags=tags)
        writes.article_ids.extend(ids)
        if wanted_tags:
            store_transfer.add_missing_tags(wanted_tags, tags=tags, writes=writes)
        pending = sum(1 for r in rows if r.columns["fetch_status"] == "pending")
        report.pending += pending
        report.with_content += len(rows) - pending
        report.added += len(ids)
        report.article_ids.extend(ids)
        return ids

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
        report = ImportReport(format_name=_format_name("folio"))
        try:
            skipped = store_folio.check_document(document)
        except store_folio.DocumentDamage as exc:
            raise ImportFormatError(
                f"the Folio export is damaged at {exc}; nothing was imported"
            ) from None
        articles = document.get("articles", [])
        report.problems.extend(f"article {i + 1}: {problem}" for i, problem in skipped.items())
        report.total = len(articles)
        writes = ImportWrites()
        tags = store_transfer.TagCache()
        writer = self._ctx.writer

        def structure() -> tuple[bool, store_folio.IdMaps, ImportWrites]:
            done = ImportWrites()
            tags.writes = done
            keep_ids = store_transfer.library_is_empty()
            maps = store_folio.load_structure(document, keep_ids=keep_ids, tags=tags, writes=done)
            return keep_ids, maps, done

        def written(ids: list[int], end: int) -> None:
            report.added += len(ids)
            report.with_content += len(ids)
            report.article_ids.extend(ids)
            report.done = end
            if ids:
                self._ctx.events.notify("articles", ids)
            if progress:
                progress(report.done, report.total)

        batches = _Batches(self._ctx, writes, written)
        with batches:
            keep_ids, maps, done = writer.run(structure, bulk=True)
            writes.absorb(done)
            report.feeds_added = len(maps.new_feeds)
            report.feeds_existing = maps.feeds_existing
            images = document.get("images", [])
            for start in range(0, len(images), IMAGE_BATCH):
                done = ImportWrites()
                chunk = images[start : start + IMAGE_BATCH]
                load_images = partial(
                    store_folio.load_images, chunk, keep_ids=keep_ids, maps=maps, writes=done
                )
                writer.run(load_images, bulk=True)
                writes.absorb(done)
            if progress:
                progress(0, report.total)
            for start in range(0, report.total, FOLIO_BATCH):
                if cancel is not None and cancel.is_set():
                    report.cancelled = True
                    break
                # A file is outside input however it was made: its HTML is cleaned like any
                # other (Folio's own output comes through unchanged), before the transaction.
                batch = [
                    (row, _sanitize(str(row.get("html") or "")))
                    for index, row in enumerate(articles[start : start + FOLIO_BATCH], start)
                    if index not in skipped
                ]
                batches.wait()
                if cancel is not None and cancel.is_set():
                    report.cancelled = True
                    break

                def load(
                    batch: list[tuple[dict[str, Any], str]] = batch,
                ) -> tuple[list[int], ImportWrites]:
                    done = ImportWrites()
                    tags.writes = done
                    rows: list[store_transfer.ArticleRow] = []
                    for row, html in batch:
                        feed = row.get("feed_id")
                        feed_id = maps.feeds.get(int(feed)) if feed is not None else None
                        if not keep_ids and store_folio.find_duplicate(row, feed_id) is not None:
                            report.existing += 1
                            continue
                        article_row = store_folio.document_article_row(row, maps)
                        article_row.html = html
                        rows.append(article_row)
                    ids = store_transfer.insert_articles(rows, tags=tags, keep_ids=keep_ids)
                    done.article_ids.extend(ids)
                    return ids, done

                batches.write(load, min(start + FOLIO_BATCH, report.total))
            batches.wait()
            if not report.cancelled:
                done = ImportWrites()
                writer.run(
                    lambda: store_folio.load_extras(document, keep_ids=keep_ids, writes=done),
                    bulk=True,
                )
                writes.absorb(done)
        self._ctx.events.notify("feeds", None)
        self._ctx.events.notify("tags", None)
        return report


class _Batches:
    """An import's batches, written one at a time on the writer while the next is prepared.

    What a batch wrote joins ``writes`` once it has committed, and ``written(ids, end)`` is
    told. Used as a context: if the import fails, the batch in flight is let finish (and
    counted), then everything the import wrote is taken out again, and the failure goes on.
    """

    def __init__(
        self,
        context: LibraryContext,
        writes: ImportWrites,
        written: Callable[[list[int], int], None],
    ) -> None:
        self._ctx = context
        self._writes = writes
        self._written = written
        self._pending: tuple[Future[tuple[list[int], ImportWrites]], int] | None = None

    def write(self, job: Callable[[], tuple[list[int], ImportWrites]], end: int) -> None:
        """Write a batch (after the one before has committed); ``end`` is the number of the
        file's items dealt with once it is in."""
        self.wait()
        self._pending = (self._ctx.writer.submit(job, bulk=True), end)

    def wait(self) -> None:
        """Wait for the batch in flight, if any."""
        if self._pending is None:
            return
        future, end = self._pending
        self._pending = None
        ids, done = future.result()
        self._writes.absorb(done)
        self._written(ids, end)

    def __enter__(self) -> _Batches:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, _tb: Any
    ) -> None:
        if error is None:
            try:
                self.wait()
            except BaseException as failure:
                self._undo(failure)
                raise
            return
        with contextlib.suppress(BaseException):
            self.wait()  # its rows are counted, so that they are taken out too
        self._undo(error)

    def _undo(self, error: BaseException) -> None:
        if self._writes.empty:
            return
        try:
            while not self._ctx.writer.run(lambda: undo_import(self._writes), bulk=True):
                pass
        except Exception:
            log.exception("undoing a failed import failed")
            raise UserError(
                f"the import failed ({error}), and what it had written could not all be taken"
                " out again; see the log"
            ) from error
        finally:
            for kind_name in ("articles", "feeds", "tags"):
                self._ctx.events.notify(kind_name, None)
