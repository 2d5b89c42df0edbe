"""Storing the items an import file holds: links, notes, and articles the library has that
the file names by title; each with its tags and highlights, counted per format.

The file is read whole before anything is written, so one that breaks off changes nothing.
Items are then written in short transactions (see library/import_batches.py), each batch
prepared (sanitized, its rows worked out, its highlights placed) on the importing thread while
the one before is written; if writing fails half-way, what the import wrote is taken out again.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from reader.core.errors import UserError
from reader.core.highlights import NewHighlight, Placement
from reader.core.import_counts import FormatCounts
from reader.core.text import word_count
from reader.core.transfer import ImportItem, ImportKind, ImportProblem, ImportReport
from reader.core.types import ArticleInput, SourceKind
from reader.core.urls import normalize_url
from reader.library.context import LibraryContext
from reader.library.highlights import imported_highlights, imported_rows
from reader.library.import_batches import IMPORT_BATCH, Batches
from reader.store import articles as store_articles
from reader.store import highlights as store_highlights
from reader.store import transfer as store_transfer
from reader.store.import_writes import ImportWrites
from reader.store.tags import clean_tag_name

if TYPE_CHECKING:
    from reader.services.importers.common import Entry

Progress = Callable[[int, int], None]

# What the report counts an item named by its title under when it finds no one article.
NO_SUCH_TITLE = "no article of that title in the library"
SEVERAL_TITLES = "several articles of that title"

# A row to insert and the format of the file entry it came from.
_Row = tuple[store_transfer.ArticleRow, str]
# Highlights for articles the library already has, by article id.
_Wanted = dict[int, list[NewHighlight]]


@dataclass(slots=True)
class _Prepared:
    """A batch ready to write: new rows, and what articles the library has gain."""

    rows: list[_Row]
    tags: dict[int, list[str]]
    highlights: _Wanted


@dataclass(slots=True)
class _Written:
    """What writing a batch did, counted into the report on the importing thread."""

    ids: list[int] = field(default_factory=list)
    rows: list[_Row] = field(default_factory=list)
    # The formats of rows another writer had stored meanwhile (so they were left out).
    raced: list[str] = field(default_factory=list)
    placement: Placement = field(default_factory=Placement)


class ItemImports:
    """Imports of the items an importer read from a file (every format but OPML and Folio's
    own export)."""

    def __init__(self, context: LibraryContext) -> None:
        self._ctx = context

    def import_items(
        self,
        entries: Iterable[Entry],
        *,
        format_name: str = "a list of links",
        format_key: str = "links",
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ImportReport:
        """Store import items in batches (one short transaction each, on the writer). A link
        the library has (by normalised URL), a note it has (by its text) and an article the
        file names by title only gain the tags and highlights they lacked. The report counts
        each format of ``format_key``'s file apart (a .zip of exports holds several: its
        entries name theirs)."""
        report = ImportReport(format_name=format_name)
        items: list[ImportItem] = []
        # Reading the whole file first: a file that breaks off is refused before any write.
        for entry in entries:
            key = entry.source or format_key
            if isinstance(entry, ImportProblem):
                report.count_problem(entry, key, format_label(key, format_name))
            else:
                report.counts(key, format_label(key, format_name)).found += 1
                items.append(entry)
        report.total = len(items)
        # Articles named by title come last, in batches of their own, so that they find the
        # articles this same import adds (a .zip with Reader's documents and Readwise's
        # highlights of them).
        groups = (
            [item for item in items if item.kind is not ImportKind.BY_TITLE],
            [item for item in items if item.kind is ImportKind.BY_TITLE],
        )
        seen: set[str] = set()
        writes = ImportWrites()
        tags = store_transfer.TagCache()
        if progress:
            progress(0, report.total)

        def written(result: _Written, end: int) -> None:
            _count_written(report, result)
            report.done = end
            if result.ids:
                self._ctx.events.articles_added.publish(result.ids)
                self._ctx.events.notify("articles", result.ids)
            if progress:
                progress(report.done, report.total)

        done = 0
        with Batches(self._ctx, writes, written) as batches:
            for group in groups:
                # The articles named by title may be among those the batch in flight adds.
                batches.wait()
                for start in range(0, len(group), IMPORT_BATCH):
                    if cancel is not None and cancel.is_set():
                        report.cancelled = True
                        return report
                    batch = group[start : start + IMPORT_BATCH]
                    # Sanitizing, working out rows and placing highlights happen here, outside
                    # the writer (which the window's own writes queue behind), while the batch
                    # before is written.
                    prepared = self._prepare_import_batch(batch, report, seen, format_key)
                    batches.wait()
                    if cancel is not None and cancel.is_set():
                        report.cancelled = True
                        return report
                    done += len(batch)
                    batches.write(self._batch_job(prepared, tags), done)
        return report

    def _batch_job(
        self, prepared: _Prepared, tags: store_transfer.TagCache
    ) -> Callable[[ImportWrites], _Written]:
        now = self._ctx.now()

        def write(done: ImportWrites) -> _Written:
            tags.writes = done
            return _write_import_batch(prepared, tags, done, now)

        return write

    def _prepare_row(
        self, item: ImportItem, url: str | None, canonical: str | None, report: ImportReport
    ) -> store_transfer.ArticleRow:
        """The row of an item: a link (with its text when the file had it), or a note."""
        from reader.services.sanitize import html_to_text, sanitize_html

        html = sanitize_html(item.content_html, base_url=url) if item.content_html else ""
        text = html_to_text(html) if html else ""
        has_body = bool(text.strip())
        now = self._ctx.now()
        added = item.added or now
        kind = SourceKind.URL if url else SourceKind.TEXT_FILE
        title = item.title or url or _first_words(text)
        summary = item.summary
        content = ArticleInput(
            title=title,
            source_kind=kind,
            url=url,
            canonical_url=canonical,
            author=item.author,
            summary=summary,
            content_html=html,
        )
        columns: dict[str, Any] = {
            "source_kind": kind.value,
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
            "note": (item.note or "").strip() or None,
            "content_hash": store_articles.content_hash(content),
            "fetch_status": "ok" if has_body or not url else "pending",
        }
        tags: list[str] = []
        for name in item.tags:
            try:
                tags.append(clean_tag_name(name))
            except UserError as exc:
                report.problems.append(f"{item.position}: tag left out ({exc})")
        # Highlights become real ones, placed in the article's text (or, for a link still to
        # fetch, when its text comes).
        highlights = imported_rows(item.highlights, html, now=now)
        return store_transfer.ArticleRow(
            columns=columns, html=html, text=text, tags=tags, highlights=highlights
        )

    def _prepare_import_batch(
        self,
        batch: Sequence[ImportItem],
        report: ImportReport,
        seen: set[str],
        format_key: str,
    ) -> _Prepared:
        """The rows to insert (items new to the library and to this file), each with its
        format, and the tags and highlights to add to articles the library already has. A
        link is known by its normalised address, a note by its text, an article named by its
        title by that title."""
        links = [(item, (item.url or "").strip()) for item in batch if item.kind is ImportKind.LINK]
        canonical = {url: normalize_url(url) for _, url in links}
        known = store_transfer.existing_by_url([*canonical.values(), *canonical])
        notes = {
            id(item): self._prepare_row(item, None, None, report)
            for item in batch
            if item.kind is ImportKind.NOTE
        }
        known_notes = store_transfer.existing_notes(
            [row.columns["content_hash"] for row in notes.values()]
        )
        prepared = _Prepared(rows=[], tags={}, highlights={})
        for item in batch:
            key = item.source or format_key
            counts = report.counts(key, format_label(key, report.format_name))
            url = (item.url or "").strip()
            if item.kind is ImportKind.BY_TITLE:
                existing = _find_by_title(item, report, counts)
                if existing is None:
                    continue  # counted as skipped: a title alone adds nothing
                identity = f"title:{existing}"
            elif item.kind is ImportKind.NOTE:
                note = notes[id(item)]
                identity = "note:" + note.columns["content_hash"]
                existing = known_notes.get(note.columns["content_hash"])
            else:
                identity = canonical[url]
                existing = known.get(identity) or known.get(url)
            if identity in seen or existing is not None:
                report.existing += 1
                counts.present += 1
                if existing is not None and identity not in seen:
                    if item.tags:
                        prepared.tags.setdefault(existing, []).extend(item.tags)
                    if item.highlights:
                        prepared.highlights.setdefault(existing, []).extend(
                            imported_highlights(item.highlights)
                        )
                seen.add(identity)
                continue
            seen.add(identity)
            if item.kind is ImportKind.NOTE:
                row = notes[id(item)]
            else:
                row = self._prepare_row(item, url, identity, report)
            prepared.rows.append((row, key))
        return prepared


def _write_import_batch(
    prepared: _Prepared,
    tags: store_transfer.TagCache,
    writes: ImportWrites,
    now: datetime,
) -> _Written:
    """Write a prepared batch, in the writer's transaction, recording it in ``writes``."""
    rows = prepared.rows
    # Another writer may have saved one of these pages since the batch was prepared.
    raced = store_transfer.existing_by_url(
        [r.columns["canonical_url"] for r, _ in rows if r.columns["canonical_url"]]
    )
    result = _Written()
    if raced:
        result.raced = [key for row, key in rows if row.columns["canonical_url"] in raced]
        rows = [(r, k) for r, k in rows if r.columns["canonical_url"] not in raced]
    result.rows = rows
    result.ids = store_transfer.insert_articles([r for r, _ in rows], tags=tags)
    writes.article_ids.extend(result.ids)
    if prepared.tags:
        store_transfer.add_missing_tags(prepared.tags, tags=tags, writes=writes)
    if prepared.highlights:
        result.placement = store_highlights.add_missing(
            prepared.highlights, now=now, added=writes.highlight_ids
        )
    return result


def _count_written(report: ImportReport, result: _Written) -> None:
    for key in result.raced:
        report.existing += 1
        report.counts(key, format_label(key, report.format_name)).present += 1
    report.highlights_placed += result.placement.placed
    report.highlights_unplaced += result.placement.unplaced
    for row, _ in result.rows:
        if row.columns["fetch_status"] == "pending":
            report.highlights_waiting += len(row.highlights)
        else:
            placed = sum(1 for h in row.highlights if h["placed"])
            report.highlights_placed += placed
            report.highlights_unplaced += len(row.highlights) - placed
    pending = sum(1 for r, _ in result.rows if r.columns["fetch_status"] == "pending")
    report.pending += pending
    report.with_content += len(result.rows) - pending
    report.added += len(result.ids)
    report.article_ids.extend(result.ids)
    for _, key in result.rows:
        report.counts(key, format_label(key, report.format_name)).added += 1


def _find_by_title(item: ImportItem, report: ImportReport, counts: FormatCounts) -> int | None:
    """The one article titled as ``item`` names it; else None, with the problem reported
    and the item counted as skipped (a title is no address: nothing can be added)."""
    found = store_articles.find_by_title(item.title)
    if len(found) == 1:
        return found[0]
    if found:
        reason, detail = SEVERAL_TITLES, f"{len(found)} articles are titled {item.title!r}"
    else:
        reason, detail = NO_SUCH_TITLE, f"no article titled {item.title!r} in the library"
    report.problems.append(f"{item.position}: {detail} (the file names it by title only)")
    counts.skip(reason)
    return None


def format_label(fmt: str, default: str | None = None) -> str:
    """What the import format ``fmt`` is called in messages ("a Pocket CSV export")."""
    from reader.services.importers import FORMATS

    return FORMATS[fmt] if default is None else FORMATS.get(fmt, default)


def _first_words(text: str, limit: int = 80) -> str:
    """A title for a note that has none: its first line, cut at a word."""
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    if len(line) <= limit:
        return line
    return line[:limit].rsplit(" ", 1)[0] + "…"
