"""The sidebar: smart views, folders with their feeds, and tags, each with its unread count.

The tree is made of sections. A section reads what it lists from the library (on any thread:
it builds plain nodes, no Qt objects) and says how many unread articles each of its items
holds. Adding a kind of item to the sidebar (saved searches, say) is one more section class
passed to :meth:`SidebarModel.add_section`.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QCoreApplication,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QIcon

from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.types import ArticleFilter, Feed, Folder
from reader.library import Library
from reader.library.views import SidebarCounts, SmartView
from reader.ui import icons
from reader.ui.sidebar_keys import (
    ROOT_KEY,
    FeedKey,
    FolderKey,
    HighlightsKey,
    SectionKey,
    SidebarKey,
    TagKey,
    ViewKey,
)

FEEDS_SECTION = SectionKey("feeds")
Index = QModelIndex | QPersistentModelIndex

FEED_MIME = "application/x-folio-feed-ids"
FOLDER_MIME = "application/x-folio-folder-ids"


class NodeKind(enum.Enum):
    SECTION = "section"
    VIEW = "view"
    FOLDER = "folder"
    FEED = "feed"
    TAG = "tag"
    SEARCH = "search"
    # The library's highlights: a list of highlights rather than of articles.
    HIGHLIGHTS = "highlights"
    # The sync account: shows how its sync stands, opens no list.
    ACCOUNT = "account"


@dataclass(eq=False)
class SidebarNode:
    kind: NodeKind
    key: SidebarKey
    title: str
    icon_name: str | None = None
    unread: int = 0
    error: str | None = None
    tooltip: str | None = None
    # What the article list shows for this item: a filter, or a full-text query.
    filter: ArticleFilter | None = None
    query: str | None = None
    # Anything else a section wants to keep (the Feed of a feed item, say).
    payload: Any = None
    children: list[SidebarNode] = field(default_factory=list)
    parent: SidebarNode | None = None
    row: int = 0
    # A feed whose icon is stored in the library (read when the row is first painted).
    has_icon: bool = False
    # The user's colour for the item ("#rrggbb"; tags have one).
    color: str | None = None

    def walk(self) -> Iterator[SidebarNode]:
        yield self
        for child in self.children:
            yield from child.walk()


class SidebarSection(Protocol):
    """One group of the sidebar. ``build`` and ``counts`` may run on a worker thread."""

    key: str
    title: str
    # Shown even when it has no items (its header is then a place to drop or add).
    always_shown: bool

    def build(self, library: Library) -> list[SidebarNode]: ...

    def counts(
        self, library: Library, nodes: Sequence[SidebarNode], shared: SidebarCounts
    ) -> dict[SidebarKey, int]: ...


# -- the standard sections -------------------------------------------------------------------

VIEW_TITLES: dict[SmartView, tuple[str, str]] = {
    SmartView.UNREAD: (QT_TRANSLATE_NOOP("SidebarModel", "Unread"), "unread"),
    SmartView.TODAY: (QT_TRANSLATE_NOOP("SidebarModel", "Today"), "today"),
    SmartView.STARRED: (QT_TRANSLATE_NOOP("SidebarModel", "Starred"), "star"),
    SmartView.SAVED: (QT_TRANSLATE_NOOP("SidebarModel", "Saved"), "saved"),
    SmartView.ARCHIVE: (QT_TRANSLATE_NOOP("SidebarModel", "Archive"), "archive"),
    SmartView.ALL: (QT_TRANSLATE_NOOP("SidebarModel", "All articles"), "all"),
}


class ViewsSection:
    key = "views"
    title = QT_TRANSLATE_NOOP("SidebarModel", "Library")
    always_shown = True

    def build(self, library: Library) -> list[SidebarNode]:
        return [
            *(
                SidebarNode(
                    NodeKind.VIEW,
                    ViewKey(view),
                    QCoreApplication.translate("SidebarModel", title),
                    icon_name=icon_name,
                    payload=view,
                )
                for view, (title, icon_name) in VIEW_TITLES.items()
            ),
            SidebarNode(
                NodeKind.HIGHLIGHTS,
                HighlightsKey(),
                QCoreApplication.translate("SidebarModel", "Highlights"),
                icon_name="highlights",
                tooltip=QCoreApplication.translate(
                    "SidebarModel", "Every highlight and its note, newest first"
                ),
            ),
        ]

    def counts(
        self, library: Library, nodes: Sequence[SidebarNode], shared: SidebarCounts
    ) -> dict[SidebarKey, int]:
        return {ViewKey(view): count for view, count in shared.views.items()}


class FeedsSection:
    key = "feeds"
    title = QT_TRANSLATE_NOOP("SidebarModel", "Feeds")
    always_shown = False

    def build(self, library: Library) -> list[SidebarNode]:
        nodes = build_feed_tree(library.list_folders(), library.list_feeds_brief())
        with_icons = library.feeds_with_icons()
        for top in nodes:
            for node in top.walk():
                node.has_icon = isinstance(node.key, FeedKey) and node.key.id in with_icons
        return nodes

    def counts(
        self, library: Library, nodes: Sequence[SidebarNode], shared: SidebarCounts
    ) -> dict[SidebarKey, int]:
        result: dict[SidebarKey, int] = {}

        def total(node: SidebarNode) -> int:
            if isinstance(node.key, FeedKey):
                value = shared.feeds.get(node.key.id, 0)
            else:
                value = sum(total(child) for child in node.children)
            result[node.key] = value
            return value

        for node in nodes:
            total(node)
        return result


def feed_node(feed: Feed) -> SidebarNode:
    tooltip = feed.url
    if feed.last_error:
        tooltip = QCoreApplication.translate(
            "SidebarModel", "{url}\n\nLast refresh failed: {last_error}"
        ).format(url=feed.url, last_error=feed.last_error)
    elif feed.notice:
        tooltip = QCoreApplication.translate(
            "SidebarModel", "{url}\n\nThe last refresh {notice}."
        ).format(url=feed.url, notice=feed.notice)
    return SidebarNode(
        NodeKind.FEED,
        FeedKey(feed.id),
        feed.title or feed.url,
        icon_name="feed",
        error=feed.last_error if feed.error_count or feed.last_error else None,
        tooltip=tooltip,
        filter=ArticleFilter(feed_id=feed.id),
        payload=feed,
    )


def build_feed_tree(folders: Sequence[Folder], feeds: Sequence[Feed]) -> list[SidebarNode]:
    """Folders (nested) holding their feeds, then the feeds in no folder."""
    folder_nodes = {
        f.id: SidebarNode(
            NodeKind.FOLDER,
            FolderKey(f.id),
            f.name,
            icon_name="folder",
            filter=ArticleFilter(folder_id=f.id),
            payload=f,
        )
        for f in folders
    }
    top: list[SidebarNode] = []
    for f in folders:
        node = folder_nodes[f.id]
        parent = folder_nodes.get(f.parent_id) if f.parent_id is not None else None
        if parent is None or parent is node:
            top.append(node)
        else:
            parent.children.append(node)
    loose: list[SidebarNode] = []
    for feed in feeds:
        node = feed_node(feed)
        folder = folder_nodes.get(feed.folder_id) if feed.folder_id is not None else None
        if folder is None:
            loose.append(node)
        else:
            folder.children.append(node)
    return top + loose


class TagsSection:
    key = "tags"
    title = QT_TRANSLATE_NOOP("SidebarModel", "Tags")
    always_shown = False

    def build(self, library: Library) -> list[SidebarNode]:
        return [
            SidebarNode(
                NodeKind.TAG,
                TagKey(tag.name),
                tag.name,
                icon_name="tag",
                filter=ArticleFilter(tag=tag.name),
                payload=tag,
                color=tag.color,
            )
            for tag in library.list_tag_names()
        ]

    def counts(
        self, library: Library, nodes: Sequence[SidebarNode], shared: SidebarCounts
    ) -> dict[SidebarKey, int]:
        by_name = {name.casefold(): count for name, count in shared.tags.items()}
        return {node.key: by_name.get(node.title.casefold(), 0) for node in nodes}


def standard_sections() -> list[SidebarSection]:
    return [ViewsSection(), FeedsSection(), TagsSection()]


# -- the model -------------------------------------------------------------------------------

UNREAD_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
KEY_ROLE = Qt.ItemDataRole.UserRole + 3
ERROR_ROLE = Qt.ItemDataRole.UserRole + 4
NODE_ROLE = Qt.ItemDataRole.UserRole + 5
COLOR_ROLE = Qt.ItemDataRole.UserRole + 6


@dataclass
class SidebarData:
    """What the sections built, ready to show: section key to its nodes."""

    nodes: dict[str, list[SidebarNode]]


class SidebarModel(QAbstractItemModel):
    """The sidebar tree. Reads happen in :meth:`load` (any thread); :meth:`show` swaps them in."""

    feeds_dropped = Signal(list, object)  # feed ids, target folder id (None: top level)
    folders_dropped = Signal(list, object)  # folder ids, new parent folder id (None: top level)

    def __init__(
        self,
        sections: Sequence[SidebarSection] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._sections: list[SidebarSection] = list(sections or standard_sections())
        self._root = SidebarNode(NodeKind.SECTION, ROOT_KEY, "")
        self._by_key: dict[SidebarKey, SidebarNode] = {}
        self._counts: dict[SidebarKey, int] = {}
        self._icons: dict[str, QIcon] = {}
        self._favicons: dict[int, QIcon | None] = {}
        # feed id -> its favicon, or None; set by the window (it reads the library).
        self.favicon_loader: Callable[[int], QIcon | None] | None = None
        self._bold = QFont()
        self._bold.setBold(True)
        self._section_font = QFont()
        self._section_font.setBold(True)
        self._section_font.setPointSizeF(max(self._section_font.pointSizeF() * 0.85, 7.0))
        self._section_font.setCapitalization(QFont.Capitalization.AllUppercase)

    # -- sections ------------------------------------------------------------------------------
    @property
    def sections(self) -> list[SidebarSection]:
        return list(self._sections)

    def add_section(self, section: SidebarSection, *, after: str | None = None) -> None:
        """Add a section (after the one keyed ``after``, else at the end); reload to fill it."""
        position = len(self._sections)
        if after is not None:
            for i, existing in enumerate(self._sections):
                if existing.key == after:
                    position = i + 1
        self._sections.insert(position, section)

    # -- loading -------------------------------------------------------------------------------
    def load(self, library: Library, only: Sequence[str] | None = None) -> SidebarData:
        """Read every section (or those keyed in ``only``) from the library. Thread-safe."""
        return SidebarData(
            {s.key: s.build(library) for s in self._sections if only is None or s.key in only}
        )

    def count_job(
        self, library: Library, *, exclude_ids: Sequence[int] = ()
    ) -> Callable[[], dict[SidebarKey, int]]:
        """A function that counts unread articles for every item shown now.

        Made on the GUI thread (it takes a snapshot of the items), run on any thread.
        """
        sections = list(self._sections)
        snapshot = {s.key: list(self._section_nodes(s.key)) for s in sections}
        excluded = list(exclude_ids)

        def job() -> dict[SidebarKey, int]:
            shared = library.sidebar_counts(exclude_ids=excluded)
            result: dict[SidebarKey, int] = {}
            for section in sections:
                result.update(section.counts(library, snapshot[section.key], shared))
            return result

        return job

    def _section_nodes(self, key: str) -> list[SidebarNode]:
        for node in self._root.children:
            if node.key == SectionKey(key):
                return node.children
        return []

    def show(self, data: SidebarData) -> None:
        """Swap in freshly built sections, keeping the counts already known."""
        current = {
            s.key: self._section_nodes(s.key) for s in self._sections if s.key not in data.nodes
        }
        current.update(data.nodes)
        new_root = SidebarNode(NodeKind.SECTION, ROOT_KEY, "")
        for section in self._sections:
            children = current.get(section.key, [])
            if not children and not section.always_shown:
                continue
            title = QCoreApplication.translate("SidebarModel", section.title)
            header = SidebarNode(NodeKind.SECTION, SectionKey(section.key), title)
            header.children = children
            _set_parents(header, new_root, len(new_root.children))
            new_root.children.append(header)
        for node in new_root.walk():
            node.unread = self._counts.get(node.key, 0)
        if _same_shape(self._root, new_root):
            self._update_in_place(self._root, new_root)
            return
        self.beginResetModel()
        self._root = new_root
        self._by_key = {node.key: node for node in new_root.walk()}
        self.endResetModel()

    def _update_in_place(self, old: SidebarNode, new: SidebarNode) -> None:
        for old_child, new_child in zip(old.children, new.children, strict=True):
            shown = ("title", "error", "tooltip", "has_icon", "color")
            changed = any(getattr(old_child, f) != getattr(new_child, f) for f in shown)
            for name in (*shown, "filter", "query", "payload"):
                setattr(old_child, name, getattr(new_child, name))
            if changed:
                index = self._index_of(old_child)
                self.dataChanged.emit(index, index)
            self._update_in_place(old_child, new_child)

    def update_feeds(self, feeds: Sequence[Feed]) -> bool:
        """Refresh the title and error state of feeds already shown.

        Returns False when a feed is new or moved, which needs a full reload instead.
        """
        for feed in feeds:
            node = self._by_key.get(FeedKey(feed.id))
            if node is None or node.payload is None:
                return False
            old: Feed = node.payload
            if old.folder_id != feed.folder_id:
                return False
        for feed in feeds:
            node = self._by_key[FeedKey(feed.id)]
            fresh = feed_node(feed)
            # A refresh may have found an icon: ask the loader again.
            node.has_icon = True
            changed = (node.title, node.error, node.tooltip) != (
                fresh.title,
                fresh.error,
                fresh.tooltip,
            )
            node.title, node.error, node.tooltip = fresh.title, fresh.error, fresh.tooltip
            node.payload = feed
            if changed:
                index = self._index_of(node)
                self.dataChanged.emit(index, index)
        return True

    def update_node(self, fresh: SidebarNode) -> bool:
        """Show what ``fresh`` says (title, tooltip, error, icon) on the item with its key, in
        place; False when no such item is shown."""
        node = self._by_key.get(fresh.key)
        if node is None:
            return False
        shown = ("title", "tooltip", "error", "icon_name")
        changed = any(getattr(node, f) != getattr(fresh, f) for f in shown)
        for name in (*shown, "payload"):
            setattr(node, name, getattr(fresh, name))
        if changed:
            index = self._index_of(node)
            self.dataChanged.emit(index, index)
        return True

    def apply_counts(self, counts: dict[SidebarKey, int]) -> None:
        """Show new unread counts; only the rows whose count changed are repainted."""
        self._counts = dict(counts)
        for key, value in counts.items():
            node = self._by_key.get(key)
            if node is not None and node.unread != value:
                node.unread = value
                index = self._index_of(node)
                self.dataChanged.emit(index, index, [UNREAD_ROLE, Qt.ItemDataRole.DisplayRole])

    # -- lookups -------------------------------------------------------------------------------
    def node(self, index: Index) -> SidebarNode | None:
        if not index.isValid():
            return None
        node = index.internalPointer()
        return node if isinstance(node, SidebarNode) else None

    def node_for_key(self, key: SidebarKey) -> SidebarNode | None:
        return self._by_key.get(key)

    def index_for_key(self, key: SidebarKey) -> QModelIndex:
        node = self._by_key.get(key)
        return self._index_of(node) if node is not None else QModelIndex()

    def unread(self, key: SidebarKey) -> int:
        node = self._by_key.get(key)
        return node.unread if node is not None else 0

    def all_keys(self) -> list[SidebarKey]:
        return [node.key for node in self._root.walk() if node is not self._root]

    def _index_of(self, node: SidebarNode) -> QModelIndex:
        if node.parent is None:
            return QModelIndex()
        return self.createIndex(node.row, 0, node)

    # -- QAbstractItemModel ------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        parent_node = self.node(parent) if parent.isValid() else self._root
        if parent_node is None or column != 0 or not 0 <= row < len(parent_node.children):
            return QModelIndex()
        return self.createIndex(row, 0, parent_node.children[row])

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node(index)
        if node is None or node.parent is None or node.parent is self._root:
            return QModelIndex()
        return self._index_of(node.parent)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if parent.column() > 0:
            return 0
        node = self.node(parent) if parent.isValid() else self._root
        return len(node.children) if node is not None else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return node.title
        if role == Qt.ItemDataRole.DecorationRole:
            if node.kind is NodeKind.SECTION:
                return None
            if node.error:
                return self._icon("warning")
            if node.has_icon and isinstance(node.key, FeedKey):
                favicon = self._favicon(node.key.id)
                if favicon is not None:
                    return favicon
            if node.icon_name and node.color:
                return self._icon(node.icon_name, node.color)
            return self._icon(node.icon_name) if node.icon_name else None
        if role == Qt.ItemDataRole.ToolTipRole:
            return node.tooltip
        if role == Qt.ItemDataRole.FontRole:
            if node.kind is NodeKind.SECTION:
                return self._section_font
            return self._bold if node.unread else None
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (
                self.tr("{title}, {unread} unread").format(title=node.title, unread=node.unread)
                if node.unread
                else node.title
            )
        if role == UNREAD_ROLE:
            return node.unread
        if role == KIND_ROLE:
            return node.kind
        if role == KEY_ROLE:
            return node.key
        if role == ERROR_ROLE:
            return node.error
        if role == NODE_ROLE:
            return node
        if role == COLOR_ROLE:
            return node.color
        return None

    def _favicon(self, feed_id: int) -> QIcon | None:
        # Read when a feed's row is first painted: only the rows on screen cost anything.
        if self.favicon_loader is None:
            return None
        if feed_id not in self._favicons:
            self._favicons[feed_id] = self.favicon_loader(feed_id)
        return self._favicons[feed_id]

    def forget_favicons(self, feed_ids: Sequence[int] | None = None) -> None:
        """Read these feeds' icons again when next painted (a refresh may have found one)."""
        if feed_ids is None:
            self._favicons.clear()
        for feed_id in feed_ids or ():
            self._favicons.pop(feed_id, None)

    def _icon(self, name: str, color: str | None = None) -> QIcon:
        cache_key = f"{name}:{color}" if color else name
        cached = self._icons.get(cache_key)
        if cached is None:
            cached = icons.icon(name, QColor(color) if color else None)
            self._icons[cache_key] = cached
        return cached

    def flags(self, index: Index) -> Qt.ItemFlag:
        node = self.node(index)
        if node is None:
            return Qt.ItemFlag.ItemIsDropEnabled
        if node.kind is NodeKind.SECTION:
            if node.key == FEEDS_SECTION:
                return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsDropEnabled
            return Qt.ItemFlag.ItemIsEnabled
        if node.kind is NodeKind.ACCOUNT:
            # Clicked, not selected: the list stays on what it shows.
            return Qt.ItemFlag.ItemIsEnabled
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if node.kind is NodeKind.FEED:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        if node.kind is NodeKind.FOLDER:
            flags |= Qt.ItemFlag.ItemIsDropEnabled | Qt.ItemFlag.ItemIsDragEnabled
        return flags

    # -- moving feeds and folders by drag and drop ----------------------------------------
    def mimeTypes(self) -> list[str]:
        return [FEED_MIME, FOLDER_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        ids: dict[str, list[str]] = {FEED_MIME: [], FOLDER_MIME: []}
        for index in indexes:
            key = node.key if (node := self.node(index)) is not None else None
            if isinstance(key, FeedKey):
                ids[FEED_MIME].append(str(key.id))
            elif isinstance(key, FolderKey):
                ids[FOLDER_MIME].append(str(key.id))
        data = QMimeData()
        for mime, values in ids.items():
            if values:
                data.setData(mime, QByteArray(",".join(values).encode("ascii")))
        return data

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def _drop_target(self, parent: Index) -> tuple[bool, int | None]:
        node = self.node(parent)
        if node is None:
            return False, None
        if isinstance(node.key, FolderKey):
            return True, node.key.id
        if node.key == FEEDS_SECTION:
            return True, None
        return False, None

    @staticmethod
    def _ids(data: QMimeData, mime: str) -> list[int]:
        if not data.hasFormat(mime):
            return []
        raw = bytes(data.data(mime).data()).decode("ascii")
        return [int(part) for part in raw.split(",") if part.isdigit()]

    def _folder_fits(self, folder_ids: Sequence[int], parent: Index) -> bool:
        """Whether the folders may go into ``parent``: not into themselves or their own
        subfolders, and not where they already are."""
        target = self.node(parent)
        if target is None:
            return False
        above = {n.key for n in _lineage(target)} if target.kind is NodeKind.FOLDER else set()
        for folder_id in folder_ids:
            key = FolderKey(folder_id)
            moved = self.node_for_key(key)
            if moved is None or key in above:
                return False
            if moved.parent is target:
                return False
        return True

    def canDropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        ok, _folder = self._drop_target(parent)
        if not ok:
            return False
        if data.hasFormat(FOLDER_MIME):
            folders = self._ids(data, FOLDER_MIME)
            return bool(folders) and self._folder_fits(folders, parent)
        return data.hasFormat(FEED_MIME)

    def dropMimeData(
        self,
        data: QMimeData,
        action: Qt.DropAction,
        row: int,
        column: int,
        parent: Index,
    ) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        _ok, folder_id = self._drop_target(parent)
        feeds = self._ids(data, FEED_MIME)
        folders = self._ids(data, FOLDER_MIME)
        if feeds:
            self.feeds_dropped.emit(feeds, folder_id)
        if folders:
            self.folders_dropped.emit(folders, folder_id)
        # The move happens in the library; the tree follows its change notification, so the
        # view must not remove the dragged rows itself.
        return False


def _lineage(node: SidebarNode) -> list[SidebarNode]:
    """``node`` and the nodes above it."""
    found = []
    current: SidebarNode | None = node
    while current is not None:
        found.append(current)
        current = current.parent
    return found


def _set_parents(node: SidebarNode, parent: SidebarNode, row: int) -> None:
    node.parent = parent
    node.row = row
    for i, child in enumerate(node.children):
        _set_parents(child, node, i)


def _same_shape(a: SidebarNode, b: SidebarNode) -> bool:
    if a.key != b.key or len(a.children) != len(b.children):
        return False
    return all(_same_shape(x, y) for x, y in zip(a.children, b.children, strict=True))
