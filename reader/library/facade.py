"""The library as the command line and the window see it: one object over the parts.

Each part is a plain class holding the shared :class:`LibraryContext` (and, where it needs
another part, that part). :class:`Library` puts them together, wires who reacts to what, and
offers the front ends' verbs under the names they have always used; each verb is the part's
own method, not a copy of it.

Parts are made, and their modules imported, on first use: a command that lists articles never
loads the code that refreshes feeds or imports files, and the window shows its first page before
it does.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, overload

from reader.library.context import LibraryContext

if TYPE_CHECKING:
    from reader.library.articles import Articles
    from reader.library.feeds import Feeds
    from reader.library.highlights import HighlightsPart
    from reader.library.import_items import ItemImports
    from reader.library.imports import Imports
    from reader.library.parsers import FeedParsers
    from reader.library.refresh import Refresher
    from reader.library.rules import Rules
    from reader.library.saving import Saving
    from reader.library.search import Search
    from reader.library.sync import SyncEngine
    from reader.library.transfer import Transfer
    from reader.library.views import Views
    from reader.library.writer import Writer

T = TypeVar("T")


class _Part(Generic[T]):
    """A part of the library, made by ``make`` on first use and kept on the library.

    Made under the library's lock, so two threads asking at once get the same part."""

    def __init__(self, make: Callable[[Library], T]) -> None:
        self._make = make
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, library: None, owner: type | None = None) -> _Part[T]: ...
    @overload
    def __get__(self, library: Library, owner: type | None = None) -> T: ...
    def __get__(self, library: Library | None, owner: type | None = None) -> _Part[T] | T:
        if library is None:
            return self
        with library._parts_lock:
            made: T | None = library.__dict__.get(self._name)
            if made is None:
                made = self._make(library)
                # Kept where attribute lookup finds it before this descriptor next time.
                library.__dict__[self._name] = made
            return made


class _Verb(Generic[T]):
    """One of the front ends' verbs: a part's own method, looked up (making the part) on first
    use and kept on the library."""

    def __init__(self, get: Callable[[Library], T]) -> None:
        self._get = get
        self._name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self._name = name

    @overload
    def __get__(self, library: None, owner: type | None = None) -> _Verb[T]: ...
    @overload
    def __get__(self, library: Library, owner: type | None = None) -> T: ...
    def __get__(self, library: Library | None, owner: type | None = None) -> _Verb[T] | T:
        if library is None:
            return self
        method = self._get(library)
        library.__dict__[self._name] = method
        return method


def _verb(get: Callable[[Library], T]) -> _Verb[T]:
    return _Verb(get)


def _articles(lib: Library) -> Articles:
    from reader.library.articles import Articles

    return Articles(lib.context)


def _views(lib: Library) -> Views:
    from reader.library.views import Views

    return Views(lib.context)


def _searches(lib: Library) -> Search:
    from reader.library.search import Search

    return Search(lib.context)


def _rules(lib: Library) -> Rules:
    from reader.library.rules import Rules

    return Rules(lib.context, lib.searches)


def _saving(lib: Library) -> Saving:
    from reader.library.saving import Saving

    return Saving(lib.context)


def _parsers(lib: Library) -> FeedParsers:
    from reader.library.parsers import FeedParsers

    return FeedParsers()


def _feeds(lib: Library) -> Feeds:
    from reader.library.feeds import Feeds

    return Feeds(lib.context, lib.parsers)


def _refresher(lib: Library) -> Refresher:
    from reader.library.refresh import Refresher

    return Refresher(lib.context, lib.saving, lib.parsers)


def _item_imports(lib: Library) -> ItemImports:
    from reader.library.import_items import ItemImports

    return ItemImports(lib.context)


def _imports(lib: Library) -> Imports:
    from reader.library.imports import Imports

    return Imports(lib.context, lib.feeds, lib.item_imports)


def _transfer(lib: Library) -> Transfer:
    from reader.library.transfer import Transfer

    return Transfer(lib.context, feeds=lib.feeds, search=lib.searches, saving=lib.saving)


def _highlights(lib: Library) -> HighlightsPart:
    from reader.library.highlights import HighlightsPart

    return HighlightsPart(lib.context)


class Library:
    """One open library file. Open it with ``Library(path)``, close it with ``close()``.

    A library found damaged before is refused (:class:`LibraryDamagedError`) unless
    ``allow_damaged``, which restoring a backup into it needs."""

    articles = _Part(_articles)
    views = _Part(_views)
    searches = _Part(_searches)
    rules = _Part(_rules)
    saving = _Part(_saving)
    parsers = _Part(_parsers)
    feeds = _Part(_feeds)
    refresher = _Part(_refresher)
    item_imports = _Part(_item_imports)
    imports = _Part(_imports)
    transfer = _Part(_transfer)
    # Highlights and article notes (``library.highlights.add(…)`` and so on).
    highlights = _Part(_highlights)

    # Reading and organising articles.
    list_articles = _verb(lambda lib: lib.articles.list_articles)
    count_articles = _verb(lambda lib: lib.articles.count_articles)
    get_article = _verb(lambda lib: lib.articles.get_article)
    feed_article_ids = _verb(lambda lib: lib.articles.feed_article_ids)
    stats = _verb(lambda lib: lib.articles.stats)
    mark = _verb(lambda lib: lib.articles.mark)
    mark_all_read = _verb(lambda lib: lib.articles.mark_all_read)
    delete_articles = _verb(lambda lib: lib.articles.delete_articles)
    set_note = _verb(lambda lib: lib.articles.set_note)
    add_tags = _verb(lambda lib: lib.articles.add_tags)
    remove_tags = _verb(lambda lib: lib.articles.remove_tags)
    list_tags = _verb(lambda lib: lib.articles.list_tags)
    rename_tag = _verb(lambda lib: lib.articles.rename_tag)
    delete_tag = _verb(lambda lib: lib.articles.delete_tag)
    set_tag_color = _verb(lambda lib: lib.articles.set_tag_color)
    tag_color = _verb(lambda lib: lib.articles.tag_color)
    merge_tags = _verb(lambda lib: lib.articles.merge_tags)
    # What the window's lists and sidebar read.
    smart_view_filter = _verb(lambda lib: lib.views.smart_view_filter)
    limit_read_cache = _verb(lambda lib: lib.views.limit_read_cache)
    list_page = _verb(lambda lib: lib.views.list_page)
    open_article = _verb(lambda lib: lib.views.open_article)
    list_brief = _verb(lambda lib: lib.views.list_brief)
    matching_ids = _verb(lambda lib: lib.views.matching_ids)
    sidebar_counts = _verb(lambda lib: lib.views.sidebar_counts)
    list_feeds_brief = _verb(lambda lib: lib.views.list_feeds_brief)
    is_empty = _verb(lambda lib: lib.views.is_empty)
    feeds_with_icons = _verb(lambda lib: lib.views.feeds_with_icons)
    list_tag_names = _verb(lambda lib: lib.views.list_tag_names)
    # Search and saved searches.
    parse_query = _verb(lambda lib: lib.searches.parse_query)
    search = _verb(lambda lib: lib.searches.search)
    count_search = _verb(lambda lib: lib.searches.count_search)
    search_ids = _verb(lambda lib: lib.searches.search_ids)
    matching_articles = _verb(lambda lib: lib.searches.matching_articles)
    save_search = _verb(lambda lib: lib.searches.save_search)
    list_saved_searches = _verb(lambda lib: lib.searches.list_saved_searches)
    get_saved_search = _verb(lambda lib: lib.searches.get_saved_search)
    saved_search_unread_counts = _verb(lambda lib: lib.searches.saved_search_unread_counts)
    rename_saved_search = _verb(lambda lib: lib.searches.rename_saved_search)
    update_saved_search = _verb(lambda lib: lib.searches.update_saved_search)
    move_saved_search = _verb(lambda lib: lib.searches.move_saved_search)
    delete_saved_search = _verb(lambda lib: lib.searches.delete_saved_search)
    # Rules.
    add_rule = _verb(lambda lib: lib.rules.add_rule)
    list_rules = _verb(lambda lib: lib.rules.list_rules)
    get_rule = _verb(lambda lib: lib.rules.get_rule)
    update_rule = _verb(lambda lib: lib.rules.update_rule)
    remove_rule = _verb(lambda lib: lib.rules.remove_rule)
    preview_rule = _verb(lambda lib: lib.rules.preview_rule)
    apply_rules = _verb(lambda lib: lib.rules.apply_rules)
    # Saving articles.
    set_keep_pages = _verb(lambda lib: lib.saving.set_keep_pages)
    drop_kept_pages = _verb(lambda lib: lib.saving.drop_kept_pages)
    extract = _verb(lambda lib: lib.saving.extract)
    extract_bytes = _verb(lambda lib: lib.saving.extract_bytes)
    set_fetch_file_images = _verb(lambda lib: lib.saving.set_fetch_file_images)
    save = _verb(lambda lib: lib.saving.save)
    save_file = _verb(lambda lib: lib.saving.save_file)
    save_text = _verb(lambda lib: lib.saving.save_text)
    image = _verb(lambda lib: lib.saving.image)
    cache_images = _verb(lambda lib: lib.saving.cache_images)
    reextract = _verb(lambda lib: lib.saving.reextract)
    fetch_full_text_for = _verb(lambda lib: lib.saving.fetch_full_text_for)
    # Subscriptions and folders.
    set_retention = _verb(lambda lib: lib.feeds.set_retention)
    set_refresh_interval = _verb(lambda lib: lib.feeds.set_refresh_interval)
    add_feed = _verb(lambda lib: lib.feeds.add_feed)
    subscribe = _verb(lambda lib: lib.feeds.subscribe)
    list_feeds = _verb(lambda lib: lib.feeds.list_feeds)
    get_feed = _verb(lambda lib: lib.feeds.get_feed)
    resolve_feed = _verb(lambda lib: lib.feeds.resolve_feed)
    remove_feed = _verb(lambda lib: lib.feeds.remove_feed)
    set_feed_options = _verb(lambda lib: lib.feeds.set_feed_options)
    move_feed = _verb(lambda lib: lib.feeds.move_feed)
    set_feed_tags = _verb(lambda lib: lib.feeds.set_feed_tags)
    feed_icon = _verb(lambda lib: lib.feeds.feed_icon)
    list_folders = _verb(lambda lib: lib.feeds.list_folders)
    folder_paths = _verb(lambda lib: lib.feeds.folder_paths)
    resolve_folder = _verb(lambda lib: lib.feeds.resolve_folder)
    create_folder = _verb(lambda lib: lib.feeds.create_folder)
    rename_folder = _verb(lambda lib: lib.feeds.rename_folder)
    move_folder = _verb(lambda lib: lib.feeds.move_folder)
    delete_folder = _verb(lambda lib: lib.feeds.delete_folder)
    import_opml = _verb(lambda lib: lib.feeds.import_opml)
    export_opml = _verb(lambda lib: lib.feeds.export_opml)
    refresh = _verb(lambda lib: lib.refresher.refresh)
    # Import, export, pending links and backups.
    import_file = _verb(lambda lib: lib.imports.import_file)
    import_items = _verb(lambda lib: lib.item_imports.import_items)
    export_file = _verb(lambda lib: lib.transfer.export_file)
    count_pending = _verb(lambda lib: lib.transfer.count_pending)
    fetch_pending = _verb(lambda lib: lib.transfer.fetch_pending)
    failed_links = _verb(lambda lib: lib.transfer.failed_links)
    count_failed_links = _verb(lambda lib: lib.transfer.count_failed_links)
    retry_links = _verb(lambda lib: lib.transfer.retry_links)
    backup = _verb(lambda lib: lib.transfer.backup)
    list_backups = _verb(lambda lib: lib.transfer.list_backups)
    auto_backup = _verb(lambda lib: lib.transfer.auto_backup)
    check_library_file = _verb(lambda lib: lib.transfer.check_library_file)
    restore = _verb(lambda lib: lib.transfer.restore)

    def __init__(
        self,
        path: Path | str,
        *,
        clock: Callable[[], datetime] | None = None,
        allow_damaged: bool = False,
    ) -> None:
        self._parts_lock = threading.RLock()
        self.context = context = LibraryContext.open(
            Path(path), clock=clock, allow_damaged=allow_damaged
        )
        self._sync: SyncEngine | None = None
        self._sync_lock = threading.Lock()
        # Who reacts to new articles, in order (the rules are loaded when articles first come).
        context.events.articles_added.subscribe(self._apply_rules_to_new)

        # Change notifications.
        self.add_listener = context.events.add_listener
        self.remove_listener = context.events.remove_listener
        self.notify = context.events.notify
        self.configure_http = context.http.configure
        self.now = context.now

    def _apply_rules_to_new(self, article_ids: list[int]) -> None:
        self.rules.apply_to_new(article_ids)

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
        parsers: FeedParsers | None = self.__dict__.get("parsers")
        if parsers is not None:
            parsers.close()
        self.context.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
