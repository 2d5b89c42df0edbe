"""The sidebar model: its tree, unread counts that match the lists, extra sections, drops."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, QMimeData, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.core.types import ArticleFilter
from reader.library import Library
from reader.library.views import SidebarCounts, SmartView
from reader.ui.sidebar_keys import (
    FeedKey,
    FolderKey,
    SavedSearchKey,
    SectionKey,
    SidebarKey,
    TagKey,
    ViewKey,
)
from reader.ui.sidebar_model import (
    FEED_MIME,
    KIND_ROLE,
    UNREAD_ROLE,
    NodeKind,
    SidebarModel,
    SidebarNode,
)
from tests.ui.keyboard import check_model
from tests.ui.library_data import add_feed_with_articles, add_saved


def loaded(library: Library) -> SidebarModel:
    model = SidebarModel()
    model.show(model.load(library))
    model.apply_counts(model.count_job(library)())
    return model


def titles(model: SidebarModel, key: SidebarKey) -> list[str]:
    node = model.node_for_key(key)
    assert node is not None
    return [child.title for child in node.children]


def test_tree_of_views_folders_feeds_and_tags(library: Library, qtmodeltester: ModelTester) -> None:
    add_feed_with_articles(library, "Alpha", 2, folder="News/Tech", tags=["python"])
    add_feed_with_articles(library, "Beta", 1)
    add_saved(library, "Saved one", tags=["reading"])
    model = loaded(library)
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top == ["Library", "Feeds", "Tags"]
    assert titles(model, SectionKey("views")) == [
        "Unread",
        "Today",
        "Starred",
        "Saved",
        "Archive",
        "All articles",
        "Highlights",
    ]
    assert titles(model, SectionKey("feeds")) == ["News", "Beta"]
    news = model.node_for_key(SectionKey("feeds")).children[0]  # type: ignore[union-attr]
    assert [c.title for c in news.children] == ["Tech"]
    assert [c.title for c in news.children[0].children] == ["Alpha"]
    assert titles(model, SectionKey("tags")) == ["python", "reading"]
    section = model.index_for_key(SectionKey("feeds"))
    assert model.data(section, KIND_ROLE) is NodeKind.SECTION
    assert not model.flags(section) & Qt.ItemFlag.ItemIsSelectable
    check_model(qtmodeltester, model)


def test_counts_match_the_lists(library: Library) -> None:
    alpha, a_ids = add_feed_with_articles(library, "Alpha", 4, folder="News", tags=["python"])
    beta, b_ids = add_feed_with_articles(library, "Beta", 3, folder="News")
    saved = add_saved(library, "Saved", tags=["python"])
    library.mark(a_ids[:1], read=True)
    library.mark(b_ids[:1], starred=True)
    library.mark([saved], archived=True)
    model = loaded(library)
    for view in SmartView:
        flt = library.smart_view_filter(view)
        assert model.unread(ViewKey(view)) == _unread(library, flt), view
    assert model.unread(FeedKey(alpha)) == 3
    assert model.unread(FeedKey(beta)) == 3
    news = model.node_for_key(SectionKey("feeds")).children[0]  # type: ignore[union-attr]
    assert model.unread(news.key) == 6
    assert model.unread(TagKey("python")) == 4
    index = model.index_for_key(FeedKey(alpha))
    assert model.data(index, UNREAD_ROLE) == 3


def _unread(library: Library, flt: ArticleFilter) -> int:
    from dataclasses import replace

    return library.count_articles(replace(flt, unread=True))


def test_counts_leave_out_articles_waiting_to_be_deleted(library: Library) -> None:
    feed, ids = add_feed_with_articles(library, "Alpha", 3)
    model = SidebarModel()
    model.show(model.load(library))
    model.apply_counts(model.count_job(library, exclude_ids=ids[:2])())
    assert model.unread(FeedKey(feed)) == 1
    assert model.unread(ViewKey(SmartView.UNREAD)) == 1


def test_reloading_the_same_tree_updates_rows_in_place(library: Library, qtbot: QtBot) -> None:
    feed, _ids = add_feed_with_articles(library, "Alpha", 1)
    model = loaded(library)
    library.set_feed_options(feed, title="Alpha Renamed")
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.show(model.load(library, only=["feeds"]))
    assert model.node_for_key(FeedKey(feed)).title == "Alpha Renamed"  # type: ignore[union-attr]
    # A new feed changes the shape: the tree is rebuilt, counts kept.
    add_feed_with_articles(library, "Gamma", 1)
    with qtbot.waitSignal(model.modelReset):
        model.show(model.load(library, only=["feeds"]))
    assert model.unread(FeedKey(feed)) == 1


class PinnedSection:
    """A section such as saved searches would be: items of its own, counted its own way."""

    key = "pinned"
    title = "Pinned"
    always_shown = False

    def build(self, library: Library) -> list[SidebarNode]:
        return [SidebarNode(NodeKind.SEARCH, SavedSearchKey(1), "Python", query="python")]

    def counts(
        self, library: Library, nodes: Sequence[SidebarNode], shared: SidebarCounts
    ) -> dict[SidebarKey, int]:
        return {node.key: library.count_search(node.query or "") for node in nodes}


def test_extra_sections_plug_in(library: Library, qtmodeltester: ModelTester) -> None:
    add_saved(library, "About python", text="python snakes")
    model = SidebarModel()
    model.add_section(PinnedSection(), after="views")
    model.show(model.load(library))
    model.apply_counts(model.count_job(library)())
    top = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert top == ["Library", "Pinned"]
    assert model.unread(SavedSearchKey(1)) == 1
    check_model(qtmodeltester, model)


def test_dropping_feeds_on_a_folder_asks_to_move_them(library: Library, qtbot: QtBot) -> None:
    add_feed_with_articles(library, "Alpha", 1, folder="News")
    beta, _ = add_feed_with_articles(library, "Beta", 1)
    model = loaded(library)
    data = model.mimeData([model.index_for_key(FeedKey(beta))])
    assert data.hasFormat(FEED_MIME)
    folder = model.node_for_key(SectionKey("feeds")).children[0]  # type: ignore[union-attr]
    target = model.index_for_key(folder.key)
    with qtbot.waitSignal(model.feeds_dropped) as blocker:
        accepted = model.dropMimeData(data, Qt.DropAction.MoveAction, -1, 0, target)
    assert isinstance(folder.key, FolderKey)
    assert blocker.args == [[beta], folder.key.id]
    assert accepted is False  # the library moves it; the view removes nothing itself
    views = model.index_for_key(ViewKey(SmartView.UNREAD))
    assert not model.canDropMimeData(data, Qt.DropAction.MoveAction, -1, 0, views)
    plain = QMimeData()
    plain.setData("text/plain", QByteArray(b"x"))
    assert not model.canDropMimeData(plain, Qt.DropAction.MoveAction, -1, 0, target)
