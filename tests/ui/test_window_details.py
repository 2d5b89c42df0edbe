"""Details that break the flow: menus show keys as typed and keep Quit last, Left and Right
move between the panes, the tag completions follow the dark theme, and the list header's
count agrees with the rows shown."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.library.views import SmartView
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import FeedKey, ViewKey
from tests.ui.keyboard import press, type_text
from tests.ui.library_data import add_feed_with_articles, add_saved


def menu(window: MainWindow, title: str) -> QMenu:
    found = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    assert isinstance(found, QMenu)
    return found


def shown_keys(menu: QMenu) -> dict[str, str]:
    """What the menu shows beside each item: the text after the tab, or the shortcut."""
    shown = {}
    for action in menu.actions():
        if action.isSeparator():
            continue
        text, _tab, keys = action.text().partition("\t")
        shown[text.replace("&", "")] = keys or action.shortcut().toString()
    return shown


def test_menus_show_keys_as_typed_and_keep_quit_last(window: MainWindow) -> None:
    go = shown_keys(menu(window, "&Go"))
    assert go["Next Article"] == "j"
    assert go["Previous Article"] == "k"
    assert go["Next Unread"] == "n"
    assert go["Previous Unread"] == "p"
    assert go["Search the Library"] == "/"
    assert go["Find in Article…"] == "Ctrl+F"
    article = shown_keys(menu(window, "&Article"))
    assert article["Star / Unstar"] == "s"
    assert article["Mark Read / Unread"] == "m"
    library_menu = [a for a in menu(window, "&Library").actions() if not a.isSeparator()]
    assert library_menu[-1] is window.commands.quit
    assert window.commands.show_rules in library_menu
    # The keys still work as keys; toolbar tips still name them.
    assert window.commands.next_article.shortcut().toString() == "J"
    assert window.commands.toggle_star.toolTip().endswith("(s)")


def test_left_and_right_move_between_the_panes(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    feed_id, _ids = add_feed_with_articles(library, "Alpha", 3, folder="News")
    window: MainWindow = make_window(library)  # type: ignore[operator]
    sidebar, articles = window.sidebar, window.article_view
    browser = window.article_pane.browser
    window.list_controller.select_first()
    articles.setFocus()
    press(articles, Qt.Key.Key_Right)
    assert window.focusWidget() is browser
    press(browser, Qt.Key.Key_Left)
    assert window.focusWidget() is articles
    press(articles, Qt.Key.Key_Left)
    assert window.focusWidget() is sidebar
    # In the sidebar, Right opens a folder and steps into it before it leaves the tree.
    folder = window.sidebar_model.index_for_key(FeedKey(feed_id)).parent()
    sidebar.collapse(folder)
    sidebar.setCurrentIndex(folder)
    press(sidebar, Qt.Key.Key_Right)
    assert sidebar.isExpanded(folder) and window.focusWidget() is sidebar
    press(sidebar, Qt.Key.Key_Right)
    assert sidebar.currentIndex() == window.sidebar_model.index_for_key(FeedKey(feed_id))
    press(sidebar, Qt.Key.Key_Right)
    assert window.focusWidget() is articles
    # With the sidebar hidden, Left in the list stays there.
    window.commands.toggle_sidebar.trigger()
    press(articles, Qt.Key.Key_Left)
    assert window.focusWidget() is articles
    # The shortcut list tells of these keys.
    window.commands.shortcuts.trigger()
    table = window.shortcuts_dialog.table
    keys = [item.text() for r in range(table.rowCount()) if (item := table.item(r, 1))]
    assert "Left, Right" in keys
    window.shortcuts_dialog.close()


def test_the_tag_completions_follow_the_dark_theme(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    add_saved(library, "Tagged", tags=["essays", "estuaries"])
    add_saved(library, "To tag")
    window: MainWindow = make_window(library)  # type: ignore[operator]
    qtbot.waitUntil(lambda: window.tag_bar._names.rowCount() == 2)
    for theme, dark in ((window.commands.theme_dark, True), (window.commands.theme_light, False)):
        theme.trigger()
        window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
        window.list_controller.select_first()
        window.commands.edit_tags.trigger()
        type_text(window.tag_bar.input, "es")
        popup = window.tag_bar.input.completer().popup()
        assert popup is not None
        qtbot.waitUntil(popup.isVisible)
        image = popup.grab().toImage()
        middle = QColor(image.pixel(image.width() // 2, image.height() - 4))
        assert (middle.lightness() < 80) if dark else (middle.lightness() > 200)
        # The border shows on the page's own colour.
        edge = QColor(image.pixel(0, image.height() // 2))
        assert abs(edge.lightness() - middle.lightness()) > 40
        QTest.keyClick(popup, Qt.Key.Key_Escape)
        qtbot.waitUntil(lambda p=popup: not p.isVisible())  # type: ignore[misc]
        window.tag_bar.input.clear()
        window.activateWindow()


def test_the_list_header_counts_the_rows_it_shows(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    _feed, ids = add_feed_with_articles(library, "Alpha", 5)
    window: MainWindow = make_window(library)  # type: ignore[operator]
    header, model = window.list_header, window.article_list_model
    qtbot.waitUntil(lambda: header.count.text() == "5 articles")
    # Reading two in Unread: they stay listed (read), and are still counted.
    read_two_and_add_one(window, library, qtbot)
    qtbot.waitUntil(lambda: header.count.text() == "6 articles")
    assert model.rowCount() == 6
    # A deletion waiting for its undo leaves the rows and the count alike.
    window.list_controller.select_article(ids[4])
    window.commands.delete.trigger()
    qtbot.waitUntil(lambda: header.count.text() == "5 articles")
    model.recount()
    qtbot.waitUntil(lambda: header.count.text() == "5 articles")
    assert model.rowCount() == 5


def test_a_long_list_counts_the_rows_it_keeps(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    _feed, ids = add_feed_with_articles(library, "Alpha", 150)
    window: MainWindow = make_window(library)  # type: ignore[operator]
    header, model = window.list_header, window.article_list_model
    qtbot.waitUntil(lambda: header.count.text() == "150 articles")
    assert model.canFetchMore()  # not every row is read yet: the count comes from the library
    read_two_and_add_one(window, library, qtbot)
    qtbot.waitUntil(lambda: header.count.text() == "151 articles")
    # Scrolled to the end, the rows are as many as the header says.
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == 151
    library.notify("articles", [ids[0]])
    qtbot.waitUntil(lambda: model.row_of(ids[0]) is not None)
    model.recount()
    qtbot.waitUntil(lambda: header.count.text() == "151 articles")


def read_two_and_add_one(window: MainWindow, library: Library, qtbot: QtBot) -> None:
    """Read the first two articles of Unread, then a new article arrives and joins."""
    view = ViewKey(SmartView.UNREAD)
    qtbot.waitUntil(lambda: window.sidebar_model.unread(view) > 0)
    unread = window.sidebar_model.unread(view)
    window.article_view.setFocus()
    press(window.article_view, "j")
    press(window.article_view, "j")
    qtbot.waitUntil(lambda: window.sidebar_model.unread(view) == unread - 2)
    newcomer = add_saved(library, "Newcomer")
    library.notify("articles", [newcomer])
    qtbot.waitUntil(lambda: window.article_list_model.row_of(newcomer) is not None)
