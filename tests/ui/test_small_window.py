"""Small windows: the article keeps at least 60 % of the width, the sidebar can be hidden
(View menu, F9), the splitters keep sensible proportions from one run to the next, and a
narrow list gives its titles two lines."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.ui.article_delegate import title_lines
from reader.ui.main_window import MainWindow
from reader.ui.pane_layout import (
    ARTICLE_SHARE,
    DEFAULT_SHARES,
    LIST_MAX,
    LIST_MIN,
    SIDEBAR_MAX,
    SIDEBAR_MIN,
    pane_widths,
)
from tests.ui.keyboard import press
from tests.ui.library_data import add_feed_with_articles


def article_share(window: MainWindow) -> float:
    return window.article_pane.width() / window.splitter.width()


def resize(window: MainWindow, qtbot: QtBot, width: int, height: int) -> None:
    window.resize(width, height)
    qtbot.waitUntil(lambda: window.width() == width)


def test_the_article_keeps_its_share_at_every_width() -> None:
    for total in (700, 900, 1024, 1280, 1600, 2560):
        widths = pane_widths(total, *DEFAULT_SHARES)
        assert widths.sidebar + widths.articles + widths.article == total
        assert SIDEBAR_MIN <= widths.sidebar <= SIDEBAR_MAX
        assert LIST_MIN <= widths.articles <= LIST_MAX
        if total >= 900:
            assert widths.article >= ARTICLE_SHARE * total - 1
        hidden = pane_widths(total, *DEFAULT_SHARES, sidebar=False)
        assert hidden.sidebar == 0 and hidden.articles >= widths.articles
    # Shares a reader chose that would squeeze the article give way, in proportion.
    greedy = pane_widths(1280, 0.3, 0.4)
    assert greedy.article >= 0.6 * 1280 - 1
    # Dragging the sidebar, the list gives way first.
    dragged = pane_widths(1280, 0.2, 0.3, keep="sidebar")
    assert dragged.sidebar == 256 and dragged.articles == 256


def test_a_small_window_keeps_the_article_wide_and_hides_the_sidebar(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    add_feed_with_articles(library, "Alpha", 3)
    window: MainWindow = make_window(library)  # type: ignore[operator]
    resize(window, qtbot, 900, 600)
    qtbot.waitUntil(lambda: article_share(window) >= ARTICLE_SHARE - 0.01)
    assert window.sidebar.isVisible()
    # F9 (or View → Show Sidebar) hides the sidebar: the list gets its room.
    list_before = window.list_panel.width()
    window.article_view.setFocus()
    press(window.article_view, Qt.Key.Key_F9)
    assert not window.sidebar.isVisible()
    assert not window.commands.toggle_sidebar.isChecked()
    qtbot.waitUntil(
        lambda: (
            window.list_panel.width() > list_before
            and article_share(window) >= ARTICLE_SHARE - 0.01
        )
    )
    view_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&View")
    assert isinstance(view_menu, QMenu)
    assert window.commands.toggle_sidebar in view_menu.actions()
    # Remembered by the next window.
    window.close()
    again: MainWindow = make_window(library)  # type: ignore[operator]
    assert not again.sidebar.isVisible()
    again.commands.toggle_sidebar.trigger()
    assert again.sidebar.isVisible()
    assert again.settings.sidebar_visible


def test_the_splitters_keep_their_proportions_in_another_window_size(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    add_feed_with_articles(library, "Alpha", 3)
    window: MainWindow = make_window(library)  # type: ignore[operator]
    resize(window, qtbot, 1280, 800)
    # The reader drags the list wider, then much too wide: the drag stops at the article's
    # share.
    inner = window.reading_splitter
    inner.moveSplitter(inner.sizes()[0] + 40, 1)
    wider = inner.sizes()[0]
    assert article_share(window) >= ARTICLE_SHARE - 0.01
    inner.moveSplitter(inner.sizes()[0] + 400, 1)
    assert article_share(window) >= ARTICLE_SHARE - 0.01
    assert inner.sizes()[0] >= wider
    shares = window.pane_layout.shares
    window.close()
    again: MainWindow = make_window(library)  # type: ignore[operator]
    resize(again, qtbot, 1000, 700)
    assert abs(again.pane_layout.shares[0] - shares[0]) < 0.01
    assert abs(again.pane_layout.shares[1] - shares[1]) < 0.01
    qtbot.waitUntil(lambda: article_share(again) >= ARTICLE_SHARE - 0.01)
    expected = again.pane_layout.widths()
    assert abs(again.sidebar.width() - expected.sidebar) <= 2
    assert abs(again.list_panel.width() - expected.articles) <= 2


def test_a_narrow_list_gives_titles_two_lines(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    add_feed_with_articles(library, "Alpha", 3)
    window: MainWindow = make_window(library)  # type: ignore[operator]
    delegate = window.article_view.article_delegate
    resize(window, qtbot, 1280, 800)
    qtbot.waitUntil(lambda: delegate.title_lines == 1)
    one_line = window.article_view.sizeHintForRow(0)
    resize(window, qtbot, 900, 600)
    qtbot.waitUntil(lambda: delegate.title_lines == 2)
    qtbot.waitUntil(lambda: window.article_view.sizeHintForRow(0) > one_line)
    metrics = QFontMetrics(QApplication.font())
    title = "Notes on Keeping a Commonplace Book"
    lines = title_lines(title, metrics, metrics.horizontalAdvance("Notes on Keeping a C"), 2)
    assert lines == ["Notes on Keeping a", "Commonplace Book"]
    # A word longer than a line is broken; what does not fit on the last line is elided.
    long = title_lines("Donaudampfschifffahrtsgesellschaft " * 3, metrics, 60, 2)
    assert len(long) == 2 and long[1].endswith("…")
    assert all(metrics.horizontalAdvance(line) <= 60 for line in long)
