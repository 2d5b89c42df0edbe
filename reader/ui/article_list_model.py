"""The article list: a lazy model that pages through the library a hundred rows at a time.

Pages follow a keyset cursor (the last row's sort date and id), never an OFFSET, so the
thousandth page costs what the first does. Rows are list results without bodies.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractListModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)

from reader.core.query import parse_query
from reader.core.search_terms import search_terms
from reader.core.types import Article, ArticleFilter, PageCursor
from reader.library import Library
from reader.ui.sidebar_keys import ListKey

Index = QModelIndex | QPersistentModelIndex
PAGE_SIZE = 100

# run(fn, on_done, on_error): calls fn off the GUI thread, the callbacks back on it.
Runner = Callable[
    [Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None] | None], object
]

ARTICLE_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 3
STARRED_ROLE = Qt.ItemDataRole.UserRole + 4
# The colours of the row's tags, in the order of ``Article.tags`` (None: no colour).
TAG_COLORS_ROLE = Qt.ItemDataRole.UserRole + 5
# How many highlights the article has (0: none).
HIGHLIGHTS_ROLE = Qt.ItemDataRole.UserRole + 6


class ArticleSource(Protocol):
    """What a list shows and in which order. Methods may run on a worker thread."""

    @property
    def key(self) -> ListKey: ...

    @property
    def title(self) -> str: ...

    @property
    def newest_first(self) -> bool: ...

    @property
    def takes_new_articles(self) -> bool:
        """Whether articles that appear later (a refresh) may join the list where they belong."""
        ...

    @property
    def noun(self) -> str:
        """How the count is spoken of: "articles", "results"."""
        ...

    @property
    def background(self) -> bool:
        """Whether pages are read off the GUI thread (sources whose pages may be slow)."""
        ...

    @property
    def ranked(self) -> bool:
        """Whether rows come in an order of their own (relevance), read by ``offset`` rather
        than after the last row; new articles then go to the top."""
        ...

    def fetch(
        self, library: Library, after: Article | None, limit: int, offset: int
    ) -> list[Article]:
        """``limit`` rows after ``after`` (the last row read), which is row ``offset``."""
        ...

    def count(self, library: Library) -> int: ...

    def matching(self, library: Library, article_ids: Sequence[int]) -> set[int]: ...

    def sort_key(self, article: Article) -> tuple[Any, ...]: ...


@dataclass(frozen=True)
class FilterSource:
    """Articles matching a filter, in date order."""

    key: ListKey
    title: str
    filter: ArticleFilter
    newest_first: bool = True
    takes_new_articles: bool = True
    noun: str = "articles"
    background: bool = False
    ranked: bool = False

    def fetch(
        self, library: Library, after: Article | None, limit: int, offset: int = 0
    ) -> list[Article]:
        cursor = PageCursor(after.sort_date, after.id) if after is not None else None
        return library.list_page(
            self.filter, after=cursor, limit=limit, newest_first=self.newest_first
        )

    def count(self, library: Library) -> int:
        return library.count_articles(self.filter)

    def matching(self, library: Library, article_ids: Sequence[int]) -> set[int]:
        return library.matching_ids(self.filter, article_ids)

    def sort_key(self, article: Article) -> tuple[Any, ...]:
        return (article.sort_date, article.id)

    def with_order(self, newest_first: bool) -> FilterSource:
        return replace(self, newest_first=newest_first)


@dataclass(frozen=True)
class SearchSource:
    """What a query in the search language finds: the best matches first (``relevance``,
    when the query has words), or newest (or oldest) first.

    Its pages are read in the background: a common word in a big library takes a few tens
    of milliseconds to page through in date order."""

    key: ListKey
    title: str
    query: str
    newest_first: bool = True
    takes_new_articles: bool = True
    noun: str = "results"
    background: bool = True
    relevance: bool = False

    @property
    def has_words(self) -> bool:
        """Whether the query looks for words (results then have snippets and a relevance)."""
        return _has_words(self.query)

    @property
    def ranked(self) -> bool:
        return self.relevance and self.has_words

    def fetch(
        self, library: Library, after: Article | None, limit: int, offset: int = 0
    ) -> list[Article]:
        if self.ranked:
            # A ranked list is read from its top again, one page further each time (its
            # order is not a key to page on); the library ranks at most a few thousand.
            return library.search(self.query, limit=offset + limit, order="relevance")[offset:]
        return library.search(
            self.query,
            limit=limit,
            order="newest" if self.newest_first else "oldest",
            after=PageCursor(after.sort_date, after.id) if after is not None else None,
        )

    def count(self, library: Library) -> int:
        return library.count_search(self.query)

    def matching(self, library: Library, article_ids: Sequence[int]) -> set[int]:
        return set(library.matching_articles(self.query, article_ids))

    def sort_key(self, article: Article) -> tuple[Any, ...]:
        return (article.sort_date, article.id)

    def with_order(self, newest_first: bool) -> SearchSource:
        return replace(self, newest_first=newest_first)

    def with_relevance(self, relevance: bool) -> SearchSource:
        return replace(self, relevance=relevance)


@lru_cache(maxsize=256)
def _has_words(query: str) -> bool:
    return not search_terms(parse_query(query)).empty


@dataclass(frozen=True)
class ChangePlan:
    """What a change means for a list: rows to update, to drop, and to insert; and which
    of the rows updated still belong to it (the others stay listed until it is read again,
    as a read article stays in Unread)."""

    fresh: tuple[Article, ...]
    gone: tuple[int, ...]
    newcomers: tuple[Article, ...]
    belonging: frozenset[int] = frozenset()


def plan_changes(
    library: Library,
    source: ArticleSource,
    article_ids: Sequence[int],
    loaded: set[int],
    hidden: set[int],
) -> ChangePlan:
    """Read what the changed articles look like now. Reads only; safe on any thread."""
    fresh = {a.id: a for a in library.list_brief(article_ids)}
    gone = tuple(i for i in loaded if i not in fresh)
    candidates = [i for i in fresh if i not in loaded and i not in hidden]
    newcomers: tuple[Article, ...] = ()
    listed = [i for i in fresh if i in loaded]
    wanted = source.matching(library, [*candidates, *listed]) if candidates or listed else set()
    if candidates and source.takes_new_articles:
        newcomers = tuple(fresh[i] for i in candidates if i in wanted)
    return ChangePlan(
        fresh=tuple(fresh[i] for i in listed),
        gone=gone,
        newcomers=newcomers,
        belonging=frozenset(i for i in listed if i in wanted),
    )


class ArticleListModel(QAbstractListModel):
    """Rows of one :class:`ArticleSource`, fetched page by page as the view scrolls."""

    count_changed = Signal()
    source_changed = Signal()
    # A page read in the background has been added (the first one, or a later one).
    page_loaded = Signal()

    def __init__(
        self,
        library: Library,
        *,
        run_in_background: Runner | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._run = run_in_background
        self._source: ArticleSource | None = None
        self._rows: list[Article] = []
        self._rows_by_id: dict[int, int] = {}
        self._cursor: Article | None = None
        # How many rows the source has given (hidden ones too): where a ranked list goes on.
        self._offset = 0
        self._exhausted = True
        self._hidden: set[int] = set()
        # Listed rows that no longer belong to the source (an article read in Unread): they
        # stay until the list is read again, and the count counts them.
        self._kept: set[int] = set()
        self._count: int | None = None
        self._count_generation = 0
        # Bumped whenever the source changes, so a late background page is dropped.
        self._generation = 0
        self._fetching = False
        # Tag name (casefolded) -> "#rrggbb". Handed over by the window when the tags change,
        # so painting a row never reads the library.
        self._tag_colors: dict[str, str] = {}
        # Article id -> how many highlights it has (those with none left out), read with
        # each page so painting a row never reads the library.
        self._highlights: dict[int, int] = {}

    # -- the source --------------------------------------------------------------------------
    @property
    def source(self) -> ArticleSource | None:
        return self._source

    @property
    def total(self) -> int | None:
        """How many articles the source holds (None until counted)."""
        return self._count

    def set_source(self, source: ArticleSource | None, *, keep_loaded: bool = False) -> None:
        """Show another list: the first page is read now, the count in the background.

        ``keep_loaded`` re-reads as many rows as were loaded (after a bulk change), so the
        reader keeps their place.
        """
        wanted = max(len(self._rows), PAGE_SIZE) if keep_loaded else PAGE_SIZE
        self.beginResetModel()
        self._generation += 1
        self._fetching = False
        self._source = source
        self._rows = []
        self._cursor = None
        self._offset = 0
        self._kept = set()
        self._exhausted = source is None
        self._count = None
        if source is not None and not self._in_background(source):
            while not self._exhausted and len(self._rows) < wanted:
                self._append_page(source)
        self._index_rows()
        self._highlights = {}
        self._count_highlights([a.id for a in self._rows])
        self.endResetModel()
        self.source_changed.emit()
        if source is not None and self._in_background(source):
            self._fetch_in_background(source, wanted)
        if self._run is None:
            self.recount()
        else:
            # Counted once the new list is painted: the counting thread would otherwise take
            # turns with the GUI thread while it paints. A count asked for before is stale.
            self._count_generation += 1
            QTimer.singleShot(0, self, self.recount)

    def _in_background(self, source: ArticleSource) -> bool:
        return source.background and self._run is not None

    @property
    def loading(self) -> bool:
        """Whether a page is being read in the background."""
        return self._fetching

    def _fetch_in_background(self, source: ArticleSource, wanted: int = PAGE_SIZE) -> None:
        if self._fetching or self._exhausted or self._run is None:
            return
        self._fetching = True
        generation = self._generation
        library, cursor, offset = self._library, self._cursor, self._offset
        count = max(wanted, PAGE_SIZE)

        def read() -> list[Article]:
            return source.fetch(library, cursor, count, offset)

        def done(page: Any) -> None:
            if generation != self._generation:
                return  # the list changed meanwhile
            self._fetching = False
            self._add_page(page, count)
            self.page_loaded.emit()

        def failed(exc: BaseException) -> None:
            if generation == self._generation:
                self._fetching = False
                self._exhausted = True
                raise exc

        self._run(read, done, failed)

    def _add_page(self, page: list[Article], asked: int) -> None:
        if len(page) < asked:
            self._exhausted = True
        if page:
            self._cursor = page[-1]
            self._offset += len(page)
        # A ranked list read again may repeat a row a newcomer pushed down a place.
        visible = [a for a in page if a.id not in self._hidden and a.id not in self._rows_by_id]
        if not visible:
            return
        self._count_highlights([a.id for a in visible])
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(visible) - 1)
        self._rows.extend(visible)
        for i, article in enumerate(visible, start=first):
            self._rows_by_id[article.id] = i
        self.endInsertRows()

    def retitle(self, title: str) -> None:
        """Give the shown list its name (known only once the sidebar was read)."""
        source = self._source
        if isinstance(source, (FilterSource, SearchSource)):
            self._source = replace(source, title=title)

    def reload(self) -> None:
        self.set_source(self._source, keep_loaded=True)

    def recount(self) -> None:
        """Count the rows the list holds, in the background: what the source holds, less
        the rows hidden (a deletion waiting for its undo), and the rows kept after they left
        it (see ``_kept``); once every row is read, simply the rows."""
        source = self._source
        self._count_generation += 1
        generation = self._count_generation
        if source is None:
            self._count = 0
            self.count_changed.emit()
            return
        hidden = sorted(self._hidden)
        kept = len(self._kept)
        library = self._library

        def count() -> int:
            total = source.count(library)
            if hidden:
                total -= len(source.matching(library, hidden))
            return total + kept

        def done(value: Any) -> None:
            if generation == self._count_generation:
                complete = self._exhausted and not self._fetching
                self._count = len(self._rows) if complete else int(value)
                self.count_changed.emit()

        if self._run is None:
            done(count())
        else:
            self._run(count, done, None)

    def _read_page(self, source: ArticleSource) -> list[Article]:
        page = source.fetch(self._library, self._cursor, PAGE_SIZE, self._offset)
        if len(page) < PAGE_SIZE:
            self._exhausted = True
        if page:
            # The cursor is the last row read, shown or not, so hidden rows cannot stall it.
            self._cursor = page[-1]
            self._offset += len(page)
        return [a for a in page if a.id not in self._hidden]

    def _append_page(self, source: ArticleSource) -> None:
        self._rows.extend(self._read_page(source))

    def _index_rows(self) -> None:
        self._rows_by_id = {a.id: i for i, a in enumerate(self._rows)}

    # -- paging --------------------------------------------------------------------------------
    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return (
            not parent.isValid()
            and not self._exhausted
            and not self._fetching
            and self._source is not None
        )

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent):
            return
        source = self._source
        assert source is not None
        if self._in_background(source):
            self._fetch_in_background(source)
            return
        page = source.fetch(self._library, self._cursor, PAGE_SIZE, self._offset)
        self._add_page(page, PAGE_SIZE)

    def fetch_until(self, article_id: int, *, max_pages: int = 50) -> int | None:
        """Load pages until ``article_id`` is listed; its row, or None."""
        for _ in range(max_pages):
            row = self._rows_by_id.get(article_id)
            if row is not None:
                return row
            if not self.canFetchMore():
                return None
            self.fetchMore()
        return self._rows_by_id.get(article_id)

    # -- reading rows --------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        article = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return article.title or self.tr("(untitled)")
        if role == ARTICLE_ROLE:
            return article
        if role == ID_ROLE:
            return article.id
        if role == UNREAD_ROLE:
            return not article.read
        if role == STARRED_ROLE:
            return article.starred
        if role == HIGHLIGHTS_ROLE:
            return self._highlights.get(article.id, 0)
        if role == TAG_COLORS_ROLE:
            colors = self._tag_colors
            return tuple(colors.get(tag.casefold()) for tag in article.tags) if colors else ()
        if role == Qt.ItemDataRole.ToolTipRole:
            return article.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            state = self.tr("unread, ") if not article.read else ""
            star = self.tr("starred, ") if article.starred else ""
            source = article.feed_title or self.tr("saved")
            marked = self._highlights.get(article.id, 0)
            noted = self.tr(", %n highlight(s)", "", marked) if marked else ""
            return f"{state}{star}{article.title}, {source}{noted}"
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemNeverHasChildren
        )

    # -- tag colours -----------------------------------------------------------------------------
    def _count_highlights(self, article_ids: Sequence[int]) -> None:
        if not article_ids:
            return
        counts = self._library.highlights.counts(article_ids)
        for article_id in article_ids:
            if article_id in counts:
                self._highlights[article_id] = counts[article_id]
            else:
                self._highlights.pop(article_id, None)

    def highlights_changed(self, article_ids: Sequence[int]) -> None:
        """The highlights of these articles changed: their rows count them again."""
        listed = [i for i in article_ids if i in self._rows_by_id]
        self._count_highlights(listed)
        for article_id in listed:
            index = self.index(self._rows_by_id[article_id])
            self.dataChanged.emit(index, index, [HIGHLIGHTS_ROLE])

    def set_tag_colors(self, colors: Mapping[str, str | None]) -> None:
        """The colour of each tag (by name; None or missing: none); rows with tags repaint."""
        fresh = {name.casefold(): color for name, color in colors.items() if color}
        if fresh == self._tag_colors:
            return
        self._tag_colors = fresh
        if self._rows:
            self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1), [TAG_COLORS_ROLE])

    def tag_color(self, name: str) -> str | None:
        return self._tag_colors.get(name.casefold())

    def article(self, row: int) -> Article | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, article_id: int) -> int | None:
        return self._rows_by_id.get(article_id)

    def article_by_id(self, article_id: int) -> Article | None:
        row = self._rows_by_id.get(article_id)
        return self._rows[row] if row is not None else None

    def loaded_ids(self) -> list[int]:
        return [a.id for a in self._rows]

    # -- changes ---------------------------------------------------------------------------------
    def update_local(self, article_ids: Iterable[int], **changes: Any) -> None:
        """Show a change the GUI just made (read, starred …) before the library confirms it."""
        for article_id in article_ids:
            row = self._rows_by_id.get(article_id)
            if row is None:
                continue
            self._rows[row] = replace(self._rows[row], **changes)
            index = self.index(row)
            self.dataChanged.emit(index, index)

    def remove_ids(self, article_ids: Iterable[int]) -> None:
        """Take rows out of the list (deleted, or no longer belonging)."""
        rows = sorted(
            (self._rows_by_id[i] for i in set(article_ids) if i in self._rows_by_id),
            reverse=True,
        )
        if not rows:
            return
        for row in rows:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()
        self._kept -= set(article_ids)
        self._index_rows()
        if self._count is not None:
            self._count = max(self._count - len(rows), 0)
            self.count_changed.emit()

    def hide(self, article_ids: Iterable[int]) -> None:
        """Keep articles out of this list from now on (a deletion waiting for its undo)."""
        ids = set(article_ids)
        self._hidden |= ids
        self.remove_ids(ids)

    def unhide(self, article_ids: Iterable[int]) -> None:
        self._hidden -= set(article_ids)

    def apply_changes(self, article_ids: Sequence[int], *, everything: bool = False) -> None:
        """Bring rows in line with the library after a change to the given articles.

        The reads happen in the background when the model has a runner; the rows change on
        this thread when they come back."""
        source = self._source
        if source is None:
            return
        if everything:
            self.reload()
            return
        if not article_ids:
            return
        ids = list(article_ids)
        loaded = {i for i in ids if i in self._rows_by_id}
        library = self._library

        def read() -> ChangePlan:
            return plan_changes(library, source, ids, loaded, self._hidden)

        def done(plan: Any) -> None:
            if self._source is source:
                self._apply_plan(source, plan)

        if self._run is None:
            done(read())
        else:
            self._run(read, done, None)

    def _apply_plan(self, source: ArticleSource, plan: ChangePlan) -> None:
        kept_before = set(self._kept)
        for article in plan.fresh:
            row = self._rows_by_id.get(article.id)
            if row is None:
                continue
            if article.id in plan.belonging:
                self._kept.discard(article.id)
            else:
                self._kept.add(article.id)
            if self._rows[row] != article:
                self._rows[row] = article
                index = self.index(row)
                self.dataChanged.emit(index, index)
        newcomers = [a for a in plan.newcomers if a.id not in self._rows_by_id]
        self.remove_ids(plan.gone)
        if newcomers:
            self._insert(source, newcomers)
        if plan.gone or newcomers or self._kept != kept_before:
            self.recount()

    def refresh_loaded(self) -> None:
        """Re-read every loaded row (tags renamed, say); rows are kept in place."""
        ids = self.loaded_ids()
        if not ids:
            return
        fresh = {a.id: a for a in self._library.list_brief(ids)}
        for row, article in enumerate(self._rows):
            new = fresh.get(article.id)
            if new is not None and new != article:
                self._rows[row] = new
        self.dataChanged.emit(self.index(0), self.index(len(self._rows) - 1))
        self.remove_ids([i for i in ids if i not in fresh])

    def restore(self, articles: Sequence[Article]) -> list[int]:
        """Put articles back where they belong in the list (an undone deletion or archiving),
        whether or not the list's filter would take them now; the ids put back."""
        source = self._source
        self._hidden -= {a.id for a in articles}
        if source is None:
            return []
        missing = [a for a in articles if a.id not in self._rows_by_id]
        inserted = self._insert(source, missing)
        if inserted:
            self.recount()
        return inserted

    def _insert(self, source: ArticleSource, articles: Sequence[Article]) -> list[int]:
        if not articles:
            return []
        self._count_highlights([a.id for a in articles])
        if source.ranked:
            # Their rank is not known until the list is read again: new matches come first.
            self.beginInsertRows(QModelIndex(), 0, len(articles) - 1)
            self._rows[0:0] = list(articles)
            self.endInsertRows()
            self._index_rows()
            return [a.id for a in articles]
        descending = source.newest_first
        inserted: list[int] = []
        for article in sorted(articles, key=source.sort_key, reverse=descending):
            key = source.sort_key(article)
            row = self._position_for(source, key, descending)
            if row is None:
                continue  # beyond what is loaded: a later page will bring it
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, article)
            self.endInsertRows()
            self._index_rows()
            inserted.append(article.id)
        return inserted

    def _position_for(
        self, source: ArticleSource, key: tuple[Any, ...], descending: bool
    ) -> int | None:
        low, high = 0, len(self._rows)
        while low < high:
            mid = (low + high) // 2
            mid_key = source.sort_key(self._rows[mid])
            before = mid_key > key if descending else mid_key < key
            if before:
                low = mid + 1
            else:
                high = mid
        if low == len(self._rows) and not self._exhausted:
            return None
        return low
