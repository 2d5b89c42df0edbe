"""Folders made, renamed and deleted from the sidebar, and tag colours shown in the sidebar,
the article list and the tag bar."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QContextMenuEvent, QIcon
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.library.views import SmartView
from reader.ui.article_list_model import TAG_COLORS_ROLE
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import (
    DEFAULT_VIEW,
    FeedKey,
    FolderKey,
    SectionKey,
    SidebarKey,
    TagKey,
    ViewKey,
)
from reader.ui.sidebar_model import (
    COLOR_ROLE,
    FEED_MIME,
    FOLDER_MIME,
    SidebarModel,
    SidebarNode,
)
from reader.ui.theme import (
    CHIP_CONTRAST,
    DARK,
    LIGHT,
    Theme,
    contrast_ratio,
    tag_chip_colors,
    tag_icon_color,
)
from tests.ui.library_data import add_feed_with_articles, add_saved
from tests.ui.scripted_prompts import ScriptedPrompts


def node(window: MainWindow, key: SidebarKey) -> SidebarNode:
    found = window.sidebar_model.node_for_key(key)
    assert found is not None, key
    return found


def open_key(window: MainWindow) -> SidebarKey | None:
    """The sidebar item whose articles the list shows."""
    return window.sidebar_controller.current_key


def folder_paths(library: Library) -> list[str]:
    return sorted(path for _id, path in library.folder_paths())


def wait_for_message(window: MainWindow, qtbot: QtBot, part: str) -> None:
    qtbot.waitUntil(lambda: part in window.statusBar().currentMessage())


def sidebar_color(window: MainWindow, key: SidebarKey) -> object:
    return window.sidebar_model.index_for_key(key).data(COLOR_ROLE)


def folder_key(library: Library, path: str) -> FolderKey:
    return FolderKey(library.resolve_folder(path))


# -- folders -----------------------------------------------------------------------------------


def test_new_folder_inside_a_folder_and_at_the_top_level(
    library: Library, make_window: Any, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    add_feed_with_articles(library, "Alpha", 2, folder="News")
    window: MainWindow = make_window(library)
    news = node(window, folder_key(library, "News"))
    window.sidebar.collapse(window.sidebar_model.index_for_key(news.key))

    prompts.answer("  Tech   Talk ")
    window.folder_tag_commands.new_folder(news)
    assert [q.text for q in prompts.take()] == ["Name of the new folder inside “News”:"]
    # The library is read once the write is done (the store reads folder paths in two
    # queries, which a folder made in between would set at odds).
    wait_for_message(window, qtbot, "Made the folder “News/Tech Talk”")
    assert "News/Tech Talk" in folder_paths(library)
    key = folder_key(library, "News/Tech Talk")
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(key) is not None)
    assert node(window, key).parent is node(window, news.key)
    # The new folder is in sight: its parent was opened for it.
    qtbot.waitUntil(lambda: window.sidebar.isExpanded(window.sidebar_model.index_for_key(news.key)))

    # A path makes the folders on the way; one that exists is used whatever its case.
    prompts.answer("news/tech talk/Deep")
    window.folder_tag_commands.new_folder(None)
    assert [q.text for q in prompts.take()] == ["Name of the new folder at the top level:"]
    wait_for_message(window, qtbot, "Made the folder “News/Tech Talk/Deep”")
    assert folder_paths(library) == ["News", "News/Tech Talk", "News/Tech Talk/Deep"]

    # Inside a folder two levels down.
    prompts.answer("Deeper")
    window.folder_tag_commands.new_folder(node(window, key))
    wait_for_message(window, qtbot, "Made the folder “News/Tech Talk/Deeper”")
    assert "News/Tech Talk/Deeper" in folder_paths(library)
    qtbot.waitUntil(
        lambda: (
            window.sidebar_model.node_for_key(folder_key(library, "News/Tech Talk/Deep"))
            is not None
        )
    )


def test_new_folder_refuses_empty_and_taken_names(
    library: Library, make_window: Any, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    add_feed_with_articles(library, "Alpha", 1, folder="News/Tech")
    window: MainWindow = make_window(library)
    news = node(window, folder_key(library, "News"))

    prompts.answer("   ")
    window.folder_tag_commands.new_folder(news)
    wait_for_message(window, qtbot, "A folder needs a name")

    prompts.answer(" / / ")
    window.folder_tag_commands.new_folder(None)
    wait_for_message(window, qtbot, "A folder needs a name")

    prompts.answer("TECH")
    window.folder_tag_commands.new_folder(news)
    wait_for_message(window, qtbot, "There is already a folder “Tech” there")

    prompts.answer("news")
    window.folder_tag_commands.new_folder(None)
    wait_for_message(window, qtbot, "There is already a folder “News” there")

    # Cancelling the dialog does nothing at all.
    window.statusBar().clearMessage()
    prompts.answer(None)
    window.folder_tag_commands.new_folder(news)
    assert folder_paths(library) == ["News", "News/Tech"]
    assert window.statusBar().currentMessage() == ""


def test_rename_folder(
    library: Library, make_window: Any, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    add_feed_with_articles(library, "Alpha", 2, folder="News")
    add_feed_with_articles(library, "Beta", 1, folder="Sport")
    window: MainWindow = make_window(library)
    news_key = folder_key(library, "News")
    window.sidebar_controller.open_key(news_key)
    assert window.article_list_model.source is not None
    assert window.article_list_model.source.title == "News"

    prompts.answer("  World   News ")
    window.folder_tag_commands.rename_folder(node(window, news_key))
    wait_for_message(window, qtbot, "Renamed the folder “News” to “World News”")
    assert folder_paths(library) == ["Sport", "World News"]
    qtbot.waitUntil(lambda: node(window, news_key).title == "World News")
    # The open list takes the new name, and stays open.
    assert window.article_list_model.source.title == "World News"
    assert window.list_header.title.toolTip() == "World News"
    assert open_key(window) == news_key
    assert library.get_feed(library.resolve_feed("https://alpha.example/feed.xml").id).folder == (
        "World News"
    )

    # A change of case only is a rename, not a clash with itself.
    prompts.answer("world news")
    window.folder_tag_commands.rename_folder(node(window, news_key))
    wait_for_message(window, qtbot, "Renamed the folder “World News” to “world news”")
    assert folder_paths(library) == ["Sport", "world news"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("   ", "A folder needs a name"),
        ("sport", "There is already a folder “Sport” there"),
        ("A/B", "cannot hold “/”"),
    ],
)
def test_rename_folder_refuses_bad_names(
    library: Library,
    make_window: Any,
    qtbot: QtBot,
    prompts: ScriptedPrompts,
    typed: str,
    message: str,
) -> None:
    add_feed_with_articles(library, "Alpha", 1, folder="News")
    add_feed_with_articles(library, "Beta", 1, folder="Sport")
    window: MainWindow = make_window(library)
    prompts.answer(typed)
    window.folder_tag_commands.rename_folder(node(window, folder_key(library, "News")))
    wait_for_message(window, qtbot, message)
    assert folder_paths(library) == ["News", "Sport"]


def test_delete_folder_moves_its_feeds_to_the_top_level(
    library: Library, make_window: Any, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    alpha, alpha_articles = add_feed_with_articles(library, "Alpha", 2, folder="News")
    beta, beta_articles = add_feed_with_articles(library, "Beta", 3, folder="News/Tech")
    add_feed_with_articles(library, "Gamma", 1, folder="Sport")
    window: MainWindow = make_window(library)
    news_key = folder_key(library, "News")
    tech_key = folder_key(library, "News/Tech")
    window.sidebar_controller.open_key(tech_key)

    prompts.answer(False)
    window.folder_tag_commands.delete_folder(node(window, news_key))
    assert [q.text for q in prompts.take()] == [
        "Delete the folder “News” and the 1 folder inside it?\n\n"
        "Its 2 feeds move to the top level. No feeds or articles are deleted."
    ]
    assert folder_paths(library) == ["News", "News/Tech", "Sport"]
    assert open_key(window) == tech_key

    prompts.answer(True)
    window.folder_tag_commands.delete_folder(node(window, news_key))
    # The open folder was inside: the window went back to its first view.
    assert open_key(window) == DEFAULT_VIEW
    wait_for_message(window, qtbot, "Deleted the folder “News”")
    assert folder_paths(library) == ["Sport"]
    assert library.get_feed(alpha).folder_id is None
    assert library.get_feed(beta).folder_id is None
    assert len(library.list_brief(alpha_articles + beta_articles)) == 5
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(news_key) is None)
    feeds = node(window, SectionKey("feeds"))
    assert [child.title for child in feeds.children] == ["Sport", "Alpha", "Beta"]
    assert window.sidebar_model.unread(FeedKey(beta)) == 3


def test_deleting_a_folder_that_is_already_gone_says_so(
    library: Library, make_window: Any, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    add_feed_with_articles(library, "Alpha", 1, folder="News")
    add_feed_with_articles(library, "Beta", 1, folder="Sport")
    window: MainWindow = make_window(library)
    stale = node(window, folder_key(library, "News"))
    # Gone behind the window's back (the command line, say), and a folder named by a number
    # that the library would take for the old id.
    library.delete_folder(stale.payload.id)
    library.create_folder(str(stale.payload.id))
    prompts.answer(True)
    window.folder_tag_commands.delete_folder(stale)
    wait_for_message(window, qtbot, "The folder “News” is no longer there")
    assert folder_paths(library) == sorted([str(stale.payload.id), "Sport"])


def test_a_new_folder_may_take_a_deleted_folders_id(
    library: Library, make_window: Any, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    add_feed_with_articles(library, "Alpha", 1, folder="News")
    window: MainWindow = make_window(library)
    stale = node(window, folder_key(library, "News"))
    library.delete_folder(stale.payload.id)
    reused = library.create_folder("Other")
    assert reused == stale.payload.id
    prompts.answer("Renamed")
    window.folder_tag_commands.rename_folder(stale)
    wait_for_message(window, qtbot, "The folder “News” is no longer there")
    assert dict(library.folder_paths())[reused] == "Other"


def test_sidebar_menus_offer_the_folder_and_tag_actions(
    library: Library, make_window: Any, qtbot: QtBot
) -> None:
    add_feed_with_articles(library, "Alpha", 1, folder="News", tags=["python"])
    library.set_tag_color("python", "#d03050")
    window: MainWindow = make_window(library)
    qtbot.waitUntil(lambda: node(window, TagKey("python")).color == "#d03050")

    def menu_at(key: SidebarKey | None) -> list[str]:
        if key is None:
            last = window.sidebar.visualRect(window.sidebar_model.index_for_key(TagKey("python")))
            pos = QPoint(10, last.bottom() + 40)
        else:
            pos = window.sidebar.visualRect(window.sidebar_model.index_for_key(key)).center()
        # A right click there.
        viewport = window.sidebar.viewport()
        reason = QContextMenuEvent.Reason.Mouse
        QApplication.sendEvent(viewport, QContextMenuEvent(reason, pos, viewport.mapToGlobal(pos)))
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        texts = [a.text() for a in menu.actions() if not a.isSeparator()]
        menu.close()
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)
        return texts

    folder_menu = menu_at(folder_key(library, "News"))
    # The feed's row is in sight once its folder is open.
    window.sidebar.expand(window.sidebar_model.index_for_key(folder_key(library, "News")))
    assert {"New Folder…", "Rename Folder…", "Delete Folder…"} <= set(folder_menu)
    feed_menu = menu_at(FeedKey(library.resolve_feed("https://alpha.example/feed.xml").id))
    assert "New Folder…" in feed_menu
    assert "Feed Properties…" in feed_menu
    assert menu_at(SectionKey("feeds")) == ["New Folder…"]
    assert menu_at(None) == ["New Folder…"]
    tag_menu = menu_at(TagKey("python"))
    assert {"Rename Tag…", "Tag Colour…", "No Colour", "Delete Tag…"} <= set(tag_menu)


# -- tag colours -------------------------------------------------------------------------------


def test_tag_colour_shows_in_the_sidebar_list_and_tag_bar(
    library: Library, make_window: Any, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    article_id = add_saved(library, "Tagged", tags=["Python", "later"])
    window: MainWindow = make_window(library)
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    row = window.article_list_model.row_of(article_id)
    assert row is not None
    window.list_controller.select_row(row)
    qtbot.waitUntil(lambda: window.article_pane.article is not None)
    tag_key: SidebarKey = TagKey("python")
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(tag_key) is not None)

    prompts.answer("#d03050")
    window.folder_tag_commands.choose_tag_color(node(window, tag_key))
    qtbot.waitUntil(lambda: library.tag_color("python") == "#d03050")

    qtbot.waitUntil(lambda: sidebar_color(window, tag_key) == "#d03050")
    index = window.sidebar_model.index_for_key(tag_key)
    assert isinstance(index.data(), str) and index.data() == "Python"
    assert isinstance(index.data(Qt.ItemDataRole.DecorationRole), QIcon)
    other = window.sidebar_model.index_for_key(TagKey("later"))
    assert other.data(COLOR_ROLE) is None

    list_index = window.article_list_model.index(window.article_list_model.row_of(article_id) or 0)
    tags = window.article_list_model.article_by_id(article_id).tags  # type: ignore[union-attr]
    assert list_index.data(TAG_COLORS_ROLE) == tuple(
        "#d03050" if tag == "Python" else None for tag in tags
    )
    chips = {chip.name: chip for chip in window.tag_bar.chips()}
    assert chips["Python"].color == "#d03050"
    assert "background-color" in chips["Python"].styleSheet()
    assert chips["later"].color is None

    # The dialog opens on the tag's colour; cancelling it changes nothing.
    prompts.answer(None)
    window.folder_tag_commands.choose_tag_color(node(window, tag_key))
    assert library.tag_color("python") == "#d03050"

    # "No Colour" takes it away everywhere.
    window.folder_tag_commands.set_tag_color(node(window, tag_key), None)
    qtbot.waitUntil(lambda: library.tag_color("python") is None)
    qtbot.waitUntil(lambda: sidebar_color(window, tag_key) is None)
    assert list_index.data(TAG_COLORS_ROLE) == ()
    assert all(chip.color is None for chip in window.tag_bar.chips())
    # The dialog opened first on the default colour, then on the tag's.
    assert [q.text for q in prompts.take() if q.kind == "pick_colour"] == ["#3a7bd5", "#d03050"]


def test_a_tag_colour_set_elsewhere_reaches_the_window(
    library: Library, make_window: Any, qtbot: QtBot
) -> None:
    article_id = add_saved(library, "Tagged", tags=["news"])
    window: MainWindow = make_window(library)
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    row = window.article_list_model.row_of(article_id)
    assert row is not None
    index = window.article_list_model.index(row)
    assert index.data(TAG_COLORS_ROLE) == ()
    library.set_tag_color("NEWS", "#2a9d8f")
    qtbot.waitUntil(lambda: index.data(TAG_COLORS_ROLE) == ("#2a9d8f",))
    assert window.article_list_model.tag_color("News") == "#2a9d8f"


@pytest.mark.parametrize("theme", [LIGHT, DARK], ids=lambda t: t.name)
@pytest.mark.parametrize(
    "color", ["#ffff00", "#fff8dc", "#000080", "#000000", "#ffffff", "#d03050", "#2a9d8f"]
)
def test_tag_colours_stay_readable(theme: Theme, color: str) -> None:
    background, text = tag_chip_colors(color, theme)
    assert contrast_ratio(background, text) >= 4.5
    # The chip stands off the list's background, whatever the colour.
    assert contrast_ratio(background, QColor(theme.base)) >= CHIP_CONTRAST
    icon_color = tag_icon_color(color, theme)
    assert contrast_ratio(icon_color, QColor(theme.sidebar)) >= 3.0


def test_a_colour_that_reads_well_is_kept_as_it_is() -> None:
    assert tag_icon_color("#d03050", LIGHT).name() == "#d03050"
    _background, text = tag_chip_colors("#1d4ed8", LIGHT)
    assert text.name() == "#1d4ed8"


def test_the_tags_section_carries_colours(library: Library, qtbot: QtBot) -> None:
    add_saved(library, "One", tags=["red", "plain"])
    library.set_tag_color("red", "#cc0000")
    model = SidebarModel()
    model.show(model.load(library))
    assert model.index_for_key(TagKey("red")).data(COLOR_ROLE) == "#cc0000"
    assert model.index_for_key(TagKey("plain")).data(COLOR_ROLE) is None
    # A colour change alone repaints the row in place.
    library.set_tag_color("plain", "#00aa00")
    with qtbot.assertNotEmitted(model.modelReset), qtbot.waitSignal(model.dataChanged):
        model.show(model.load(library))
    assert model.index_for_key(TagKey("plain")).data(COLOR_ROLE) == "#00aa00"


def test_the_feeds_menu_acts_on_the_selected_folder_or_tag(
    library: Library, make_window: Any, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    add_feed_with_articles(library, "Alpha", 1, folder="News")
    add_saved(library, "Kept", tags=("later",))
    window: MainWindow = make_window(library)
    commands = window.commands
    news = node(window, folder_key(library, "News"))
    window.sidebar.setCurrentIndex(window.sidebar_model.index_for_key(news.key))
    qtbot.waitUntil(commands.rename_folder.isEnabled)
    assert commands.delete_folder.isEnabled() and not commands.tag_color.isEnabled()

    prompts.answer("Inside")
    commands.new_folder.trigger()
    wait_for_message(window, qtbot, "Made the folder “News/Inside”")
    prompts.answer("Headlines")
    commands.rename_folder.trigger()
    qtbot.waitUntil(lambda: "Headlines" in folder_paths(library))

    tag = node(window, TagKey("later"))
    window.sidebar.setCurrentIndex(window.sidebar_model.index_for_key(tag.key))
    qtbot.waitUntil(commands.tag_color.isEnabled)
    assert not commands.rename_folder.isEnabled() and not commands.delete_folder.isEnabled()
    prompts.answer("#2e8b57")
    commands.tag_color.trigger()
    qtbot.waitUntil(lambda: library.tag_color("later") == "#2e8b57")


# -- moving folders by drag and drop -------------------------------------------------------------


def test_a_dragged_folder_may_go_into_another_folder_but_not_into_itself(
    library: Library, make_window: Any
) -> None:
    add_feed_with_articles(library, "Alpha", 1, folder="News/Tech")
    add_feed_with_articles(library, "Beta", 1, folder="Garden")
    window: MainWindow = make_window(library)
    model = window.sidebar_model
    news, tech, garden = (folder_key(library, p) for p in ("News", "News/Tech", "Garden"))
    data = model.mimeData([model.index_for_key(news)])
    assert data.hasFormat(FOLDER_MIME) and not data.hasFormat(FEED_MIME)
    move = Qt.DropAction.MoveAction

    def can_drop(key: SidebarKey) -> bool:
        return model.canDropMimeData(data, move, -1, 0, model.index_for_key(key))

    assert can_drop(garden)
    assert not can_drop(news)  # into itself
    assert not can_drop(tech)  # into its own subfolder
    assert not can_drop(SectionKey("feeds"))  # already at the top level
    assert not can_drop(TagKey("x")) and not can_drop(ViewKey(SmartView.UNREAD))
    tech_data = model.mimeData([model.index_for_key(tech)])
    assert model.canDropMimeData(tech_data, move, -1, 0, model.index_for_key(SectionKey("feeds")))
    assert not model.canDropMimeData(tech_data, move, -1, 0, model.index_for_key(news))

    dropped: list[tuple[list[int], int | None]] = []
    model.folders_dropped.connect(lambda ids, parent: dropped.append((ids, parent)))
    model.dropMimeData(data, move, -1, 0, model.index_for_key(garden))
    assert dropped == [([news.id], garden.id)]


def test_moving_folders_from_the_window(library: Library, make_window: Any, qtbot: QtBot) -> None:
    add_feed_with_articles(library, "Alpha", 1, folder="News/Tech")
    add_feed_with_articles(library, "Beta", 1, folder="Garden")
    add_feed_with_articles(library, "Gamma", 1, folder="Tech")
    window: MainWindow = make_window(library)
    news, garden = folder_key(library, "News"), folder_key(library, "Garden")

    window.folder_tag_commands.move_folders([news.id], garden.id)
    wait_for_message(window, qtbot, "Moved “News” into “Garden”")
    assert folder_paths(library) == ["Garden", "Garden/News", "Garden/News/Tech", "Tech"]
    # Feeds travel with their folder.
    alpha = next(feed for feed in library.list_feeds() if feed.title == "Alpha")
    assert alpha.folder_id is not None
    assert dict(library.folder_paths())[alpha.folder_id] == "Garden/News/Tech"

    # A top-level folder of that name exists already: the move is refused, nothing changes.
    inner = folder_key(library, "Garden/News/Tech")
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(inner) is not None)
    window.folder_tag_commands.move_folders([inner.id], None)
    wait_for_message(window, qtbot, "There is already a folder “Tech” there")
    assert "Garden/News/Tech" in folder_paths(library)

    window.folder_tag_commands.move_folders([news.id], None)
    wait_for_message(window, qtbot, "Moved “News” to the top level")
    assert folder_paths(library) == ["Garden", "News", "News/Tech", "Tech"]


def test_rename_and_delete_a_tag_from_the_feeds_menu(
    library: Library, make_window: Any, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    article_id = add_saved(library, "Kept", tags=("Later",))
    window: MainWindow = make_window(library)
    commands = window.commands
    window.sidebar.setCurrentIndex(window.sidebar_model.index_for_key(TagKey("later")))
    qtbot.waitUntil(commands.rename_tag.isEnabled)

    prompts.answer("  Some   day ")
    commands.rename_tag.trigger()
    wait_for_message(window, qtbot, "Renamed the tag “Later” to “Some day”")
    assert [tag.name for tag in library.list_tag_names()] == ["Some day"]
    # The open list follows the tag to its new name.
    assert open_key(window) == TagKey("some day")
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(TagKey("some day")) is not None)

    # Deleting asks first; "no" keeps it.
    prompts.answer(False)
    commands.delete_tag.trigger()
    assert [tag.name for tag in library.list_tag_names()] == ["Some day"]
    prompts.answer(True)
    commands.delete_tag.trigger()
    assert open_key(window) == DEFAULT_VIEW
    wait_for_message(window, qtbot, "Deleted the tag “Some day”")
    assert library.list_tag_names() == []
    assert library.get_article(article_id).tags == ()
    assert [(q.kind, q.text) for q in prompts.take()] == [
        ("ask_text", "New name for “Later”:"),
        ("confirm", "Delete the tag “Some day”? The articles themselves stay."),
        ("confirm", "Delete the tag “Some day”? The articles themselves stay."),
    ]
