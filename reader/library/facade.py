"""The library as the command line and the window see it: one object over the parts.

Each part is a plain class holding the shared :class:`LibraryContext` (and, where it needs
another part, that part). :class:`Library` puts them together, wires who reacts to what, and
offers the front ends' verbs under the names they have always used; each verb is the part's
own method, not a copy of it.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.library.articles import Articles
from reader.library.context import LibraryContext
from reader.library.feeds import Feeds
from reader.library.highlights import HighlightsPart
from reader.library.import_items import ItemImports
from reader.library.imports import Imports
from reader.library.parsers import FeedParsers
from reader.library.refresh import Refresher
from reader.library.rules import Rules
from reader.library.saving import Saving
from reader.library.search import Search
from reader.library.transfer import Transfer
from reader.library.views import Views
from reader.library.writer import Writer

if TYPE_CHECKING:
    from reader.library.sync import SyncEngine


class Library:
    """One open library file. Open it with ``Library(path)``, close it with ``close()``.

    A library found damaged before is refused (:class:`LibraryDamagedError`) unless
    ``allow_damaged``, which restoring a backup into it needs."""

    def __init__(
        self,
        path: Path | str,
        *,
        clock: Callable[[], datetime] | None = None,
        allow_damaged: bool = False,
    ) -> None:
        self.context = context = LibraryContext.open(
            Path(path), clock=clock, allow_damaged=allow_damaged
        )
        self.articles = Articles(context)
        self.views = Views(context)
        self.searches = Search(context)
        self.rules = Rules(context, self.searches)
        self.saving = Saving(context)
        self.parsers = FeedParsers()
        self.feeds = Feeds(context, self.parsers)
        self.refresher = Refresher(context, self.saving, self.parsers)
        self.item_imports = ItemImports(context)
        self.imports = Imports(context, self.feeds, self.item_imports)
        self.transfer = Transfer(
            context, feeds=self.feeds, search=self.searches, saving=self.saving
        )
        # Highlights and article notes (``library.highlights.add(…)`` and so on).
        self.highlights = HighlightsPart(context)
        self._sync: SyncEngine | None = None
        self._sync_lock = threading.Lock()
        # Who reacts to new articles, in order.
        context.events.articles_added.subscribe(self.rules.apply_to_new)

        # Reading and organising articles.
        self.list_articles = self.articles.list_articles
        self.count_articles = self.articles.count_articles
        self.get_article = self.articles.get_article
        self.stats = self.articles.stats
        self.mark = self.articles.mark
        self.mark_all_read = self.articles.mark_all_read
        self.delete_articles = self.articles.delete_articles
        self.set_note = self.articles.set_note
        self.add_tags = self.articles.add_tags
        self.remove_tags = self.articles.remove_tags
        self.list_tags = self.articles.list_tags
        self.rename_tag = self.articles.rename_tag
        self.delete_tag = self.articles.delete_tag
        self.set_tag_color = self.articles.set_tag_color
        self.tag_color = self.articles.tag_color
        self.merge_tags = self.articles.merge_tags
        # What the window's lists and sidebar read.
        self.smart_view_filter = self.views.smart_view_filter
        self.limit_read_cache = self.views.limit_read_cache
        self.list_page = self.views.list_page
        self.open_article = self.views.open_article
        self.list_brief = self.views.list_brief
        self.matching_ids = self.views.matching_ids
        self.sidebar_counts = self.views.sidebar_counts
        self.list_feeds_brief = self.views.list_feeds_brief
        self.is_empty = self.views.is_empty
        self.feeds_with_icons = self.views.feeds_with_icons
        self.list_tag_names = self.views.list_tag_names
        # Search and saved searches.
        self.parse_query = self.searches.parse_query
        self.search = self.searches.search
        self.count_search = self.searches.count_search
        self.search_ids = self.searches.search_ids
        self.matching_articles = self.searches.matching_articles
        self.save_search = self.searches.save_search
        self.list_saved_searches = self.searches.list_saved_searches
        self.get_saved_search = self.searches.get_saved_search
        self.saved_search_unread_counts = self.searches.saved_search_unread_counts
        self.rename_saved_search = self.searches.rename_saved_search
        self.update_saved_search = self.searches.update_saved_search
        self.move_saved_search = self.searches.move_saved_search
        self.delete_saved_search = self.searches.delete_saved_search
        # Rules.
        self.add_rule = self.rules.add_rule
        self.list_rules = self.rules.list_rules
        self.get_rule = self.rules.get_rule
        self.update_rule = self.rules.update_rule
        self.remove_rule = self.rules.remove_rule
        self.preview_rule = self.rules.preview_rule
        self.apply_rules = self.rules.apply_rules
        # Saving articles.
        self.set_keep_pages = self.saving.set_keep_pages
        self.drop_kept_pages = self.saving.drop_kept_pages
        self.extract = self.saving.extract
        self.extract_bytes = self.saving.extract_bytes
        self.set_fetch_file_images = self.saving.set_fetch_file_images
        self.save = self.saving.save
        self.save_file = self.saving.save_file
        self.save_text = self.saving.save_text
        self.image = self.saving.image
        self.cache_images = self.saving.cache_images
        self.reextract = self.saving.reextract
        self.fetch_full_text_for = self.saving.fetch_full_text_for
        # Subscriptions and folders.
        self.set_retention = self.feeds.set_retention
        self.set_refresh_interval = self.feeds.set_refresh_interval
        self.add_feed = self.feeds.add_feed
        self.subscribe = self.feeds.subscribe
        self.list_feeds = self.feeds.list_feeds
        self.get_feed = self.feeds.get_feed
        self.resolve_feed = self.feeds.resolve_feed
        self.remove_feed = self.feeds.remove_feed
        self.set_feed_options = self.feeds.set_feed_options
        self.move_feed = self.feeds.move_feed
        self.set_feed_tags = self.feeds.set_feed_tags
        self.feed_icon = self.feeds.feed_icon
        self.list_folders = self.feeds.list_folders
        self.folder_paths = self.feeds.folder_paths
        self.resolve_folder = self.feeds.resolve_folder
        self.create_folder = self.feeds.create_folder
        self.rename_folder = self.feeds.rename_folder
        self.move_folder = self.feeds.move_folder
        self.delete_folder = self.feeds.delete_folder
        self.import_opml = self.feeds.import_opml
        self.export_opml = self.feeds.export_opml
        self.refresh = self.refresher.refresh
        # Import, export, pending links and backups.
        self.import_file = self.imports.import_file
        self.import_items = self.item_imports.import_items
        self.export_file = self.transfer.export_file
        self.count_pending = self.transfer.count_pending
        self.fetch_pending = self.transfer.fetch_pending
        self.backup = self.transfer.backup
        self.list_backups = self.transfer.list_backups
        self.auto_backup = self.transfer.auto_backup
        self.check_library_file = self.transfer.check_library_file
        self.restore = self.transfer.restore
        # Change notifications.
        self.add_listener = context.events.add_listener
        self.remove_listener = context.events.remove_listener
        self.notify = context.events.notify
        self.configure_http = context.http.configure
        self.now = context.now

    # -- what the context holds -------------------------------------------------------------
    @property
    def path(self) -> Path:
        return self.context.path

    @property
    def writer(self) -> Writer:
        """The one thread every write goes through (see :mod:`reader.library.writer`)."""
        return self.context.writer

    @property
    def schema_version(self) -> int:
        return self.context.schema_version

    # -- settings the parts keep -------------------------------------------------------------
    @property
    def retention_days(self) -> int | None:
        return self.feeds.retention_days

    @property
    def refresh_interval(self) -> timedelta:
        return self.feeds.refresh_interval

    @property
    def keep_pages(self) -> bool:
        return self.saving.keep_pages

    @property
    def fetch_file_images(self) -> bool:
        return self.saving.fetch_file_images

    @property
    def parse_budget(self) -> float:
        """How long parsing one feed may take, in seconds, before it is stopped."""
        return self.parsers.budget

    @parse_budget.setter
    def parse_budget(self, seconds: float) -> None:
        self.parsers.budget = seconds

    @property
    def backups_folder(self) -> Path:
        return self.transfer.backups_folder

    @property
    def search_timezone(self) -> tzinfo | None:
        """The time zone calendar days in queries are read in; None is the computer's own."""
        return self.searches.timezone

    @search_timezone.setter
    def search_timezone(self, value: tzinfo | None) -> None:
        self.searches.timezone = value

    # -- sync ------------------------------------------------------------------------------------
    @property
    def sync(self) -> SyncEngine:
        """Sync with a Google Reader API account (made on first use: most commands and
        windows never sync)."""
        with self._sync_lock:
            if self._sync is None:
                from reader.library.sync import SyncEngine
                from reader.store.sync import SyncStore

                self._sync = SyncEngine(
                    store=SyncStore(),
                    submit_write=partial(self.context.writer.submit, bulk=True),
                    http=self.context.http.client,
                    clock=self.context.now,
                    on_event=self._sync_event,
                )
            return self._sync

    def _sync_event(self, kind: str, detail: Any) -> None:
        # New articles from the server meet the rules, as a refresh's do.
        if kind == "articles-added":
            self.context.events.articles_added.publish(list(detail))
        else:
            self.context.events.notify(kind, detail)

    # -- lifecycle -------------------------------------------------------------------------------
    def close(self) -> None:
        self.parsers.close()
        self.context.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
