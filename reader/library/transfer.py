"""Export, links waiting to be fetched, and backups of the library file (imports are in
library/imports.py)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.core.errors import LibraryError, UserError
from reader.core.highlights import Highlight
from reader.core.transfer import FetchPendingReport
from reader.core.types import Article
from reader.library.context import LibraryContext
from reader.library.feeds import Feeds
from reader.library.link_fetching import LinkFetcher
from reader.library.saving import Saving
from reader.library.search import Search
from reader.store import database as store_database
from reader.store import highlights as store_highlights
from reader.store import transfer as store_transfer

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]

BACKUP_FOLDER = "backups"
AUTO_PREFIX = "auto-"
AUTO_KEEP = 7


if TYPE_CHECKING:
    from reader.services.exporters.common import ImageSource


@dataclass(frozen=True, slots=True)
class FailedLink:
    """A saved link whose page could not be fetched, and why."""

    article_id: int
    url: str
    title: str
    error: str


class Transfer:
    def __init__(
        self, context: LibraryContext, *, feeds: Feeds, search: Search, saving: Saving
    ) -> None:
        self._ctx = context
        self._feeds = feeds
        self._search = search
        self._saving = saving

    # -- export -----------------------------------------------------------------------------

    def export_article_ids(self, query: str | None = None) -> list[int]:
        """The articles an export holds: those matching the search ``query``, else all,
        newest first."""
        if query is None or not query.strip():
            return store_transfer.article_ids_by_date()
        wanted = set(self._search.search_ids(query))
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
        number of articles (feeds, for OPML; highlights, for Readwise) written."""
        path = Path(path)
        from reader.services import exporters

        fmt = exporters.export_format(format, path)
        if fmt == "opml":
            if query:
                raise UserError("an OPML export holds subscriptions; --query does not apply")
            return self._feeds.export_opml(path)
        if fmt != "markdown" and path.is_dir():
            raise UserError(f"{path} is a folder; give a file name")
        if not path.parent.exists():
            raise UserError(f"no such folder: {path.parent}")
        ids = self.export_article_ids(query)
        try:
            return self._export(path, fmt, ids, query, progress)
        except OSError as exc:
            raise UserError(f"cannot write {path}: {exc.strerror or exc}") from exc

    def _export(
        self, path: Path, fmt: str, ids: list[int], query: str | None, progress: Progress | None
    ) -> int:
        total = len(ids)
        now = self._ctx.now()
        title = f"Folio: {query}" if query else "Folio library"
        if fmt == "folio":
            return self._export_folio(path, ids, full=not query, progress=progress)
        highlighted = store_highlights.articles_with_highlights()

        def highlights(article: Article) -> list[Highlight]:
            return store_highlights.for_article(article.id) if article.id in highlighted else []

        if fmt == "readwise":
            from reader.services.exporters.lists import write_readwise_csv

            chosen = [i for i in ids if i in highlighted]
            return write_readwise_csv(
                path,
                store_transfer.articles_with_content(chosen),
                highlights=highlights,
                total=len(chosen),
                progress=progress,
            )
        articles = store_transfer.articles_with_content(ids)
        images = self._image_source()
        if fmt == "markdown":
            from reader.services.exporters.markdown_files import write_markdown

            return write_markdown(
                path,
                articles,
                images=images,
                highlights=highlights,
                total=total,
                progress=progress,
            )
        if fmt == "html":
            from reader.services.exporters.html_file import write_html

            return write_html(
                path,
                articles,
                title=title,
                exported=now,
                images=images,
                highlights=highlights,
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
            path, sections, exported=self._ctx.now(), schema_version=self._ctx.schema_version
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
        per_host: int = 1,
    ) -> FetchPendingReport:
        """Fetch and extract the links imports left waiting, ``jobs`` at a time and at most
        ``per_host`` at a time from one site (see :mod:`reader.library.link_fetching`). Each
        result is stored as it comes, so stopping (``cancel``) or quitting loses nothing: the
        rest stay pending for the next call."""
        if retry_failed:
            self._ctx.writer.run(store_transfer.requeue_failed)
        fetcher = LinkFetcher(self._ctx, self._saving)
        return fetcher.run(progress=progress, cancel=cancel, jobs=jobs, per_host=per_host)

    def failed_links(self) -> list[FailedLink]:
        """Saved links whose page could not be fetched, with why, newest first."""
        return [FailedLink(*row) for row in store_transfer.failed_links()]

    def count_failed_links(self) -> int:
        return store_transfer.count_failed_links()

    def retry_links(self, article_ids: Sequence[int] | None = None) -> int:
        """Put failed links (all, or those given) back in the queue of links to fetch; how
        many. :meth:`fetch_pending` fetches them."""
        ids = None if article_ids is None else list(article_ids)
        count = self._ctx.writer.run(lambda: store_transfer.requeue_failed(ids))
        if count:
            self._ctx.events.notify("articles", ids)
        return count

    # -- backups ------------------------------------------------------------------------------

    @property
    def backups_folder(self) -> Path:
        return self._ctx.path.parent / BACKUP_FOLDER

    def backup(self, target: Path | None = None) -> Path:
        """A consistent copy of the library (SQLite's online backup, safe while it is in use).

        Without ``target`` it goes to the backups folder beside the library."""
        stamp = self._ctx.now().astimezone().strftime("%Y%m%d-%H%M%S")
        name = f"{self._ctx.path.stem}-{stamp}.sqlite"
        if target is None:
            target = self.backups_folder / name
            number = 2
            while target.exists():  # two backups within a second
                target = self.backups_folder / f"{self._ctx.path.stem}-{stamp}-{number}.sqlite"
                number += 1
        target = Path(target)
        if target.is_dir():
            target = target / name
        if target.exists():
            raise UserError(f"{target} already exists; give another name")
        if target.resolve() == self._ctx.path.resolve():
            raise UserError("the backup cannot replace the library itself")
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"cannot create {target.parent}: {exc.strerror}") from exc
        unfinished = target.with_name(target.name + ".partial")
        try:
            store_database.copy_database(self._ctx.path, unfinished)
            unfinished.replace(target)
        except OSError as exc:
            unfinished.unlink(missing_ok=True)
            raise UserError(f"cannot write {target}: {exc.strerror or exc}") from exc
        return target

    def list_backups(self) -> list[Path]:
        folder = self.backups_folder
        if not folder.is_dir():
            return []
        return sorted(folder.glob("*.sqlite"), key=lambda p: p.stat().st_mtime)

    def auto_backup(self, *, keep: int = AUTO_KEEP) -> Path | None:
        """Today's automatic backup, unless it exists; keeps the newest ``keep`` of them.
        Returns the new file or None."""
        folder = self.backups_folder
        day = self._ctx.now().astimezone().strftime("%Y-%m-%d")
        target = folder / f"{AUTO_PREFIX}{day}.sqlite"
        created: Path | None = None
        if not target.exists():
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
        this Folio can read."""
        return store_transfer.check_library_file(Path(path), self._ctx.schema_version)

    def restore(self, source: Path) -> Path:
        """Replace the library's content with the library file ``source``, after checking it
        is one; the current library is first copied to the backups folder. Returns that copy."""
        source = Path(source)
        version = self.check_library_file(source)
        if source.resolve() == self._ctx.path.resolve():
            raise UserError("that file is the library itself")
        stamp = self._ctx.now().astimezone().strftime("%Y%m%d-%H%M%S")
        safety = self.backup(self.backups_folder / f"before-restore-{stamp}.sqlite")
        try:
            # On the writer thread, between its transactions: the copy writes the library file.
            self._ctx.writer.call(lambda: store_database.copy_database(source, self._ctx.path))
        except Exception as exc:
            raise LibraryError(
                f"restoring from {source} failed ({exc}); the library before it is in {safety}"
            ) from exc
        if version < self._ctx.schema_version:
            # Reopen so the restored (older) library is migrated like any other.
            self._ctx.writer.reopen()
        for kind in ("feeds", "tags", "articles"):
            self._ctx.events.notify(kind, None)
        return safety
