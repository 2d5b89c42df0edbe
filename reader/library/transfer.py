"""Import, export, links waiting to be fetched, and backups of the library file."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.errors import DiskFullError, ImportFormatError, UserError
from reader.core.text import word_count
from reader.core.transfer import FetchPendingReport, ImportItem, ImportProblem, ImportReport
from reader.core.types import Article, ArticleInput, ExtractedPage, SourceKind
from reader.core.urls import normalize_url
from reader.library.base import LibraryBase
from reader.library.failures import AUTO_PREFIX, BACKUP_FOLDER, BEFORE_RESTORE
from reader.services.atomic_files import written_whole
from reader.store import articles as store_articles
from reader.store import database as store_database
from reader.store import file_guard
from reader.store import transfer as store_transfer
from reader.store.failures import is_disk_full
from reader.store.tags import clean_tag_name

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

# Rows per write transaction: large enough that commits cost little, small enough that the
# window's own writes wait well under a second behind an import.
IMPORT_BATCH = 1000
FOLIO_BATCH = 500
AUTO_KEEP = 7


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


if TYPE_CHECKING:
    from reader.library.feeds import OpmlImportReport
    from reader.library.saving import FetchedLink
    from reader.services.exporters.common import ImageSource
    from reader.services.importers.common import Entry

    class _Mixins(LibraryBase):
        """What the subscription mixin beside this one in Library provides."""

        def import_opml(self, path: Path | str) -> OpmlImportReport: ...

        def export_opml(self, path: Path | str) -> int: ...

        def search_ids(self, query: str) -> list[int]: ...

        def extract(self, source: str) -> ExtractedPage: ...

        def fetch_link(self, url: str) -> FetchedLink: ...

        def store_fetched_link(self, article_id: int, fetched: FetchedLink) -> None: ...

else:
    _Mixins = LibraryBase


def _sanitize(html: str) -> str:
    # lxml and nh3 load on first use: opening the library for a command needs neither.
    from reader.services.sanitize import sanitize_html

    return sanitize_html(html)


class TransferMixin(_Mixins):
    # -- import -----------------------------------------------------------------------------

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
        file_guard.refuse_library_file(path, self.path, "import a file exported from it instead")
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
            return self._import_opml_file(path)
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

    def _import_opml_file(self, path: Path) -> ImportReport:
        result = self.import_opml(path)
        report = ImportReport(format_name=_format_name("opml"))
        report.feeds_added = len(result.added)
        report.feeds_existing = len(result.existing)
        report.problems.extend(str(p) for p in result.problems)
        return report

    def import_items(
        self,
        entries: Iterable[Entry],
        *,
        format_name: str = "a list of links",
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
    ) -> ImportReport:
        """Store import items in batches (one transaction each, on the writer thread); items
        already in the library (by normalised URL) only gain the tags they lacked."""
        report = ImportReport(format_name=format_name)
        items: list[ImportItem] = []
        for entry in entries:
            if isinstance(entry, ImportProblem):
                report.problems.append(str(entry))
            else:
                items.append(entry)
        total = len(items)
        seen: set[str] = set()
        tags = store_transfer.TagCache()
        done = 0
        if progress:
            progress(0, total)
        for start in range(0, total, IMPORT_BATCH):
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                break
            batch = items[start : start + IMPORT_BATCH]
            # Everything but the writing happens here, so the writer (which the window's own
            # writes queue behind) is held only for the inserts.
            rows, wanted_tags = self._prepare_import_batch(batch, report, seen)
            ids = self.submit_write(
                lambda r=rows, w=wanted_tags: self._write_import_batch(r, w, report, tags)  # type: ignore[misc]
            ).result()
            if ids:
                self.on_articles_added(ids)
                self.notify("articles", ids)
            done += len(batch)
            if progress:
                progress(done, total)
        return report

    def _prepare_row(
        self, item: ImportItem, url: str, canonical: str, report: ImportReport
    ) -> store_transfer.ArticleRow:
        from reader.services.sanitize import html_to_text, sanitize_html

        html = sanitize_html(item.content_html, base_url=url) if item.content_html else ""
        text = html_to_text(html) if html else ""
        has_body = bool(text.strip())
        now = self.now()
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

    def _write_import_batch(
        self,
        rows: list[store_transfer.ArticleRow],
        wanted_tags: dict[int, list[str]],
        report: ImportReport,
        tags: store_transfer.TagCache,
    ) -> list[int]:
        # Another writer may have saved one of these pages since the batch was prepared.
        raced = store_transfer.existing_by_url([r.columns["canonical_url"] for r in rows])
        if raced:
            report.existing += sum(1 for r in rows if r.columns["canonical_url"] in raced)
            rows = [r for r in rows if r.columns["canonical_url"] not in raced]
        ids = store_transfer.insert_articles(rows, tags=tags)
        if wanted_tags:
            store_transfer.add_missing_tags(wanted_tags, tags=tags)
        pending = sum(1 for r in rows if r.columns["fetch_status"] == "pending")
        report.pending += pending
        report.with_content += len(rows) - pending
        report.added += len(ids)
        report.article_ids.extend(ids)
        return ids

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
        tags = store_transfer.TagCache()

        def structure() -> tuple[bool, store_transfer.IdMaps]:
            keep_ids = store_transfer.library_is_empty()
            return keep_ids, store_transfer.load_structure(document, keep_ids=keep_ids, tags=tags)

        try:
            keep_ids, maps = self.submit_write(structure).result()
        except (KeyError, ValueError, TypeError) as exc:
            raise ImportFormatError(f"the Folio export is damaged: {_describe(exc)}") from exc
        report.feeds_added = len(maps.new_feeds)
        report.feeds_existing = maps.feeds_existing
        articles = document.get("articles", [])
        total = len(articles)
        if progress:
            progress(0, total)
        for start in range(0, total, FOLIO_BATCH):
            if cancel is not None and cancel.is_set():
                report.cancelled = True
                break
            batch = articles[start : start + FOLIO_BATCH]

            def load(batch: list[dict[str, Any]] = batch, first: int = start) -> list[int]:
                rows: list[store_transfer.ArticleRow] = []
                for number, row in enumerate(batch, start=first + 1):
                    problem = _check_article_row(row)
                    if problem:
                        report.problems.append(f"article {number}: {problem}")
                        continue
                    feed = row.get("feed_id")
                    feed_id = maps.feeds.get(int(feed)) if feed is not None else None
                    if not keep_ids and store_transfer.find_duplicate(row, feed_id) is not None:
                        report.existing += 1
                        continue
                    article_row = store_transfer.document_article_row(row, maps)
                    # A file is outside input however it was made: its HTML is cleaned like any
                    # other (Folio's own output comes through unchanged).
                    article_row.html = _sanitize(article_row.html)
                    rows.append(article_row)
                return store_transfer.insert_articles(rows, tags=tags, keep_ids=keep_ids)

            try:
                ids = self.submit_write(load).result()
            except (KeyError, ValueError, TypeError) as exc:
                raise ImportFormatError(f"the Folio export is damaged: {_describe(exc)}") from exc
            report.added += len(ids)
            report.with_content += len(ids)
            report.article_ids.extend(ids)
            if ids:
                self.notify("articles", ids)
            if progress:
                progress(min(start + FOLIO_BATCH, total), total)
        if not report.cancelled:
            self.submit_write(
                lambda: store_transfer.load_extras(document, keep_ids=keep_ids)
            ).result()
        self.notify("feeds", None)
        self.notify("tags", None)
        return report

    # -- export -----------------------------------------------------------------------------

    def export_article_ids(self, query: str | None = None) -> list[int]:
        """The articles an export holds: those matching the search ``query``, else all,
        newest first."""
        if query is None or not query.strip():
            return store_transfer.article_ids_by_date()
        wanted = set(self.search_ids(query))
        return [i for i in store_transfer.article_ids_by_date() if i in wanted]

    def _image_source(self) -> ImageSource:
        last: dict[int, dict[str, str]] = {}

        def resolve(article: Article, src: str) -> tuple[str, bytes] | None:
            if src.startswith("folio-image:"):
                return store_transfer.image_data(src.split(":", 1)[1])
            if article.id not in last:
                last.clear()
                last[article.id] = store_transfer.article_image_urls(article.id)
            sha = last[article.id].get(src)
            return store_transfer.image_data(sha) if sha else None

        return resolve

    def export_file(
        self,
        path: Path,
        *,
        format: str | None = None,
        query: str | None = None,
        progress: Progress | None = None,
    ) -> int:
        """Write the library (or the articles matching ``query``) to ``path``; returns the
        number of articles (feeds, for OPML) written."""
        path = Path(path)
        file_guard.refuse_library_file(path, self.path, "export to another file")
        from reader.services import exporters

        fmt = exporters.export_format(format, path)
        if fmt == "opml":
            if query:
                raise UserError("an OPML export holds subscriptions; --query does not apply")
            return self.export_opml(path)
        if fmt != "markdown" and path.is_dir():
            raise UserError(f"{path} is a folder; give a file name")
        if not path.parent.exists():
            raise UserError(f"no such folder: {path.parent}")
        ids = self.export_article_ids(query)
        try:
            if fmt == "markdown" and path.is_dir():
                # Into a folder that has files already: each article's file is whole, the
                # export as a whole is not.
                return self._export(path, fmt, ids, query, progress)
            with written_whole(path) as partial:
                return self._export(partial, fmt, ids, query, progress)
        except OSError as exc:
            if is_disk_full(exc):
                raise DiskFullError(
                    f"the disk is full; {path} was not written (free some space and try again)"
                ) from exc
            raise UserError(f"cannot write {path}: {exc.strerror or exc}") from exc

    def _export(
        self, path: Path, fmt: str, ids: list[int], query: str | None, progress: Progress | None
    ) -> int:
        total = len(ids)
        now = self.now()
        title = f"Folio: {query}" if query else "Folio library"
        if fmt == "folio":
            return self._export_folio(path, ids, full=not query, progress=progress)
        articles = store_transfer.articles_with_content(ids)
        images = self._image_source()
        if fmt == "markdown":
            from reader.services.exporters.markdown_files import write_markdown

            return write_markdown(path, articles, images=images, total=total, progress=progress)
        if fmt == "html":
            from reader.services.exporters.html_file import write_html

            return write_html(
                path,
                articles,
                title=title,
                exported=now,
                images=images,
                total=total,
                progress=progress,
            )
        if fmt == "epub":
            from reader.services.exporters.epub import write_epub

            return write_epub(
                path,
                articles,
                title=title,
                modified=now,
                images=images,
                total=total,
                progress=progress,
            )
        from reader.services.exporters.lists import write_netscape_bookmarks, write_pocket_csv

        if fmt == "bookmarks":
            return write_netscape_bookmarks(path, articles, total=total, progress=progress)
        return write_pocket_csv(path, articles, total=total, progress=progress)

    def _export_folio(
        self, path: Path, ids: list[int], *, full: bool, progress: Progress | None
    ) -> int:
        from reader.services.exporters.folio_json import write_folio_json_file

        ordered = sorted(ids)
        feed_tags = store_transfer.feed_tag_names()

        def feeds() -> Iterator[dict[str, Any]]:
            for row in store_transfer.dump_table("feeds"):
                row["tags"] = feed_tags.get(row["id"], [])
                yield row

        def articles() -> Iterator[dict[str, Any]]:
            for done, row in enumerate(store_transfer.dump_articles(ordered), start=1):
                yield row
                if progress:
                    progress(done, len(ordered))

        sections: dict[str, Iterable[dict[str, Any]]] = {
            "folders": store_transfer.dump_table("folders"),
            "tags": store_transfer.dump_table("tags"),
            "feeds": feeds(),
            "feed_icons": store_transfer.dump_table("feed_icons"),
            "images": (
                store_transfer.dump_table("images")
                if full
                else store_transfer.image_rows_for(ordered)
            ),
            "articles": articles(),
            "saved_searches": store_transfer.dump_table("saved_searches"),
            "rules": store_transfer.dump_table("rules"),
            "settings": store_transfer.dump_table("settings"),
        }
        counts = write_folio_json_file(
            path, sections, exported=self.now(), schema_version=self.schema_version
        )
        return counts["articles"]

    # -- links waiting to be fetched ----------------------------------------------------------

    def count_pending(self) -> int:
        return store_transfer.count_pending()

    def fetch_pending(
        self,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        jobs: int = 4,
        retry_failed: bool = False,
    ) -> FetchPendingReport:
        """Fetch and extract the links imports left waiting, ``jobs`` at a time. Each result is
        stored as it comes, so stopping (``cancel``) or quitting loses nothing: the rest stay
        pending for the next call."""
        report = FetchPendingReport()
        if retry_failed:
            self.submit_write(store_transfer.requeue_failed).result()
        total = store_transfer.count_pending()
        done = 0
        after = 0
        if progress:
            progress(0, total)
        with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="folio-fetch") as pool:
            while not (cancel is not None and cancel.is_set()):
                links = store_transfer.pending_links(limit=max(1, jobs) * 4, after_id=after)
                if not links:
                    break
                after = links[-1][0]
                results = pool.map(self._fetch_link_safely, links)
                for (article_id, url, title), outcome in zip(links, results, strict=True):
                    if isinstance(outcome, str):
                        report.failed += 1
                        report.problems.append(f"{url}: {outcome}")
                        self.submit_write(
                            lambda i=article_id, e=outcome: store_transfer.set_fetch_failed(i, e)  # type: ignore[misc]
                        ).result()
                    else:
                        fetched = outcome
                        if title and title != url:
                            fetched = replace(fetched, item=replace(fetched.item, title=title))
                        self.store_fetched_link(article_id, fetched)
                        report.fetched += 1
                    self.notify("articles", [article_id])
                    done += 1
                    if progress:
                        progress(done, total)
                    if cancel is not None and cancel.is_set():
                        report.cancelled = True
                        break
        report.remaining = store_transfer.count_pending()
        return report

    def _fetch_link_safely(self, link: tuple[int, str, str]) -> FetchedLink | str:
        """The extracted article (images downloaded) for a pending link, or why it failed."""
        _article_id, url, _title = link
        try:
            return self.fetch_link(url)
        except UserError as exc:
            return str(exc)
        except Exception as exc:  # our bug: log it, keep fetching the others
            log.exception("fetching %s failed", url)
            return f"internal error: {type(exc).__name__}: {exc}"

    # -- backups ------------------------------------------------------------------------------

    @property
    def backups_folder(self) -> Path:
        return self.path.parent / BACKUP_FOLDER

    def backup(self, target: Path | None = None) -> Path:
        """A consistent copy of the library (SQLite's online backup, safe while it is in use).

        Without ``target`` it goes to the backups folder beside the library."""
        stamp = self.now().astimezone().strftime("%Y%m%d-%H%M%S")
        name = f"{self.path.stem}-{stamp}.sqlite"
        if target is None:
            target = self.backups_folder / name
            number = 2
            while target.exists():  # two backups within a second
                target = self.backups_folder / f"{self.path.stem}-{stamp}-{number}.sqlite"
                number += 1
        target = Path(target)
        if target.is_dir():
            target = target / name
        if target.exists():
            raise UserError(f"{target} already exists; give another name")
        file_guard.refuse_library_file(target, self.path, "the backup needs another name")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"cannot create {target.parent}: {exc.strerror}") from exc
        store_database.remove_stale_copies(target.parent)
        store_database.copy_database(self.path, target)
        return target

    def list_backups(self) -> list[Path]:
        folder = self.backups_folder
        if not folder.is_dir():
            return []
        return sorted(folder.glob("*.sqlite"), key=lambda p: p.stat().st_mtime)

    def auto_backup(self, *, keep: int = AUTO_KEEP) -> Path | None:
        """Today's automatic backup, unless it exists; keeps the newest ``keep`` of them.

        The window calls this in the background at start-up. Returns the new file or None.
        A damaged library is not backed up (seven days of copies of it would push out the
        last good one): LibraryDamagedError says so instead."""
        folder = self.backups_folder
        day = self.now().astimezone().strftime("%Y-%m-%d")
        target = folder / f"{AUTO_PREFIX}{day}.sqlite"
        created: Path | None = None
        if not target.exists():
            store_database.check_integrity(self.path)
            created = self.backup(target)
        autos = sorted(folder.glob(f"{AUTO_PREFIX}*.sqlite"))
        for old in autos[: max(0, len(autos) - keep)]:
            try:
                old.unlink()
            except OSError:
                log.warning("could not remove the old backup %s", old)
        return created

    def check_library_file(self, path: Path) -> int:
        """The library version of the file ``path``; LibraryError if it is no Folio library
        this Folio can read (or is this library's own file)."""
        path = Path(path)
        file_guard.refuse_library_file(path, self.path, "restore from a backup of it")
        return store_transfer.check_library_file(path, self.schema_version)

    def restore(self, source: Path) -> Path:
        """Replace the library's content with the library file ``source``, after checking it
        is one; the current library is first copied to the backups folder. Returns that copy."""
        source = Path(source)
        version = self.check_library_file(source)
        stamp = self.now().astimezone().strftime("%Y%m%d-%H%M%S")
        safety = self.backups_folder / f"{BEFORE_RESTORE}{stamp}.sqlite"
        try:
            safety.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"cannot create {safety.parent}: {exc.strerror}") from exc
        store_database.replace_database(self._db, source, safety)
        if version < self.schema_version:
            # Reopen so the restored (older) library is migrated like any other.
            old = self._db
            old.close_all()
            self._db = store_database.open_database(self.path, on_warning=old.on_warning)
        for kind in ("feeds", "tags", "articles"):
            self.notify(kind, None)
        return safety


def _check_article_row(row: Any) -> str | None:
    if not isinstance(row, dict):
        return "not an article"
    if not isinstance(row.get("source_kind"), str):
        return "no source kind"
    if not row.get("added"):
        return "no date added"
    try:
        datetime.fromisoformat(str(row["added"]))
    except ValueError:
        return f"unreadable date {row['added']!r}"
    return None


def _describe(exc: BaseException) -> str:
    if isinstance(exc, KeyError):
        return f"a row lacks {exc.args[0]!r}"
    return str(exc)


def _format_name(fmt: str) -> str:
    from reader.services.importers import FORMATS

    return FORMATS[fmt]
