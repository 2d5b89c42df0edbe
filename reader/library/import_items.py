"""Storing the items an import file holds: links, notes, and articles the library has that
the file names by title; each with its tags and highlights, counted per format."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any

from reader.core.errors import UserError
from reader.core.highlights import NewHighlight
from reader.core.import_counts import FormatCounts
from reader.core.text import word_count
from reader.core.transfer import ImportItem, ImportKind, ImportProblem, ImportReport
from reader.core.types import ArticleInput, SourceKind
from reader.core.urls import normalize_url
from reader.library.base import LibraryBase
from reader.library.highlights import imported_highlights, imported_rows
from reader.store import articles as store_articles
from reader.store import highlights as store_highlights
from reader.store import transfer as store_transfer
from reader.store.tags import clean_tag_name

if TYPE_CHECKING:
    from reader.services.importers.common import Entry

Progress = Callable[[int, int], None]

# Rows per write transaction: large enough that commits cost little, small enough that the
# window's own writes wait well under a second behind an import.
IMPORT_BATCH = 1000

# What the report counts an item named by its title under when it finds no one article.
NO_SUCH_TITLE = "no article of that title in the library"
SEVERAL_TITLES = "several articles of that title"

# A row to insert and the format of the file entry it came from.
_Row = tuple[store_transfer.ArticleRow, str]
# Highlights for articles the library already has, by article id.
_Wanted = dict[int, list[NewHighlight]]


class ImportItemsMixin(LibraryBase):
    def import_items(
        self,
        entries: Iterable[Entry],
        *,
        format_name: str = "a list of links",
        format_key: str = "links",
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ImportReport:
        """Store import items in batches (one transaction each, on the writer thread). A link
        the library has (by normalised URL), a note it has (by its text) and an article the
        file names by title only gain the tags and highlights they lacked. The report counts
        each format of ``format_key``'s file apart (a .zip of exports holds several: its
        entries name theirs)."""
        report = ImportReport(format_name=format_name)
        items: list[ImportItem] = []
        for entry in entries:
            key = entry.source or format_key
            if isinstance(entry, ImportProblem):
                report.count_problem(entry, key, format_label(key, format_name))
            else:
                report.counts(key, format_label(key, format_name)).found += 1
                items.append(entry)
        total = len(items)
        # Articles named by title come last, in batches of their own, so that they find the
        # articles this same import adds (a .zip with Reader's documents and Readwise's
        # highlights of them).
        groups = (
            [item for item in items if item.kind is not ImportKind.BY_TITLE],
            [item for item in items if item.kind is ImportKind.BY_TITLE],
        )
        seen: set[str] = set()
        tags = store_transfer.TagCache()
        done = 0
        if progress:
            progress(0, total)
        for group in groups:
            for start in range(0, len(group), IMPORT_BATCH):
                if cancel is not None and cancel.is_set():
                    report.cancelled = True
                    return report
                batch = group[start : start + IMPORT_BATCH]
                self._import_batch(batch, report, seen, format_key, tags)
                done += len(batch)
                if progress:
                    progress(done, total)
        return report

    def _import_batch(
        self,
        batch: Sequence[ImportItem],
        report: ImportReport,
        seen: set[str],
        format_key: str,
        tags: store_transfer.TagCache,
    ) -> None:
        # Everything but the writing happens here, so the writer (which the window's own
        # writes queue behind) is held only for the inserts.
        wanted_highlights: _Wanted = {}
        rows, wanted_tags = self._prepare_import_batch(
            batch, report, seen, format_key, wanted_highlights
        )
        ids = self.submit_write(
            lambda: self._write_import_batch(rows, wanted_tags, report, tags, wanted_highlights)
        ).result()
        if ids:
            self.on_articles_added(ids)
            self.notify("articles", ids)

    def _prepare_row(
        self, item: ImportItem, url: str | None, canonical: str | None, report: ImportReport
    ) -> store_transfer.ArticleRow:
        """The row of an item: a link (with its text when the file had it), or a note."""
        from reader.services.sanitize import html_to_text, sanitize_html

        html = sanitize_html(item.content_html, base_url=url) if item.content_html else ""
        text = html_to_text(html) if html else ""
        has_body = bool(text.strip())
        now = self.now()
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
        wanted_highlights: _Wanted,
    ) -> tuple[list[_Row], dict[int, list[str]]]:
        """The rows to insert (items new to the library and to this file), each with its
        format, and the tags to add to articles the library already has (and, into
        ``wanted_highlights``, their highlights). A link is known by its normalised address,
        a note by its text, an article named by its title by that title."""
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
        rows: list[_Row] = []
        wanted_tags: dict[int, list[str]] = {}
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
                        wanted_tags.setdefault(existing, []).extend(item.tags)
                    if item.highlights:
                        wanted_highlights.setdefault(existing, []).extend(
                            imported_highlights(item.highlights)
                        )
                seen.add(identity)
                continue
            seen.add(identity)
            if item.kind is ImportKind.NOTE:
                row = notes[id(item)]
            else:
                row = self._prepare_row(item, url, identity, report)
            rows.append((row, key))
        return rows, wanted_tags

    def _write_import_batch(
        self,
        rows: list[_Row],
        wanted_tags: dict[int, list[str]],
        report: ImportReport,
        tags: store_transfer.TagCache,
        wanted_highlights: _Wanted | None = None,
    ) -> list[int]:
        # Another writer may have saved one of these pages since the batch was prepared.
        raced = store_transfer.existing_by_url(
            [r.columns["canonical_url"] for r, _ in rows if r.columns["canonical_url"]]
        )
        if raced:
            for row, key in rows:
                if row.columns["canonical_url"] in raced:
                    report.existing += 1
                    report.counts(key, format_label(key, report.format_name)).present += 1
            rows = [(r, k) for r, k in rows if r.columns["canonical_url"] not in raced]
        ids = store_transfer.insert_articles([r for r, _ in rows], tags=tags)
        if wanted_tags:
            store_transfer.add_missing_tags(wanted_tags, tags=tags)
        if wanted_highlights:
            placement = store_highlights.add_missing(wanted_highlights, now=self.now())
            report.highlights_placed += placement.placed
            report.highlights_unplaced += placement.unplaced
        for row, _ in rows:
            if row.columns["fetch_status"] == "pending":
                report.highlights_waiting += len(row.highlights)
            else:
                placed = sum(1 for h in row.highlights if h["placed"])
                report.highlights_placed += placed
                report.highlights_unplaced += len(row.highlights) - placed
        pending = sum(1 for r, _ in rows if r.columns["fetch_status"] == "pending")
        report.pending += pending
        report.with_content += len(rows) - pending
        report.added += len(ids)
        report.article_ids.extend(ids)
        for _, key in rows:
            report.counts(key, format_label(key, report.format_name)).added += 1
        return ids


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
