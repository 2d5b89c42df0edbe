"""The reading pane fits the window: pictures, tables and code never wider than the text
column, a picture opens at its own size, task lists have check boxes, and the article's
starred and archived state shows in the pane and on the toolbar."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextBlockFormat, QTextCursor
from PySide6.QtTest import QTest
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.library.views import SmartView
from reader.ui.article_browser import ArticleBrowser
from reader.ui.article_html import reading_html
from reader.ui.image_viewer import ImageViewer
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import ViewKey
from tests.ui.keyboard import press
from tests.ui.library_data import add_saved
from tests.ui.web_pages import article_page, png


def image_rects(browser: ArticleBrowser) -> list[tuple[float, float, float]]:
    """(left, width, middle) of each picture drawn, in document coordinates."""
    found = []
    document = browser.document()
    layout = document.documentLayout()
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            fmt = fragment.charFormat()
            if fmt.isImageFormat():
                line = block.layout().lineForTextPosition(fragment.position() - block.position())
                rect = layout.blockBoundingRect(block)
                x = line.cursorToX(fragment.position() - block.position())
                x_value = float(x[0] if isinstance(x, tuple) else x)  # type: ignore[arg-type]
                middle = rect.top() + line.y() + line.height() / 2
                found.append((rect.left() + x_value, fmt.toImageFormat().width(), middle))
            it += 1
        block = block.next()
    return found


def fits(browser: ArticleBrowser) -> bool:
    """Nothing in the article is wider than the pane: no sideways scrolling."""
    return browser.horizontalScrollBar().maximum() == 0


def show_only(window: MainWindow, title: str) -> None:
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    for row in range(window.article_list_model.rowCount()):
        article = window.article_list_model.article(row)
        if article is not None and article.title == title:
            window.list_controller.select_row(row)
            return
    raise AssertionError(f"{title} is not listed")


def test_a_wide_picture_fits_the_column_and_opens_at_its_own_size(
    library: Library, make_window: object, qtbot: QtBot, httpserver: HTTPServer
) -> None:
    page = article_page(
        "A Wide Picture",
        '<figure><img src="/wide.png" alt="A wide lighthouse"></figure>'
        '<p><a href="/big.png"><img src="/linked.png" width="1400" height="350"></a></p>',
    )
    httpserver.expect_request("/article").respond_with_data(page, content_type="text/html")
    for name in ("wide.png", "linked.png"):
        httpserver.expect_request(f"/{name}").respond_with_data(
            png(1600, 400), content_type="image/png"
        )
    library.save(httpserver.url_for("/article"))
    window: MainWindow = make_window(library)  # type: ignore[operator]
    browser = window.article_pane.browser
    for width, height in ((1280, 800), (900, 600)):
        window.resize(width, height)
        qtbot.waitUntil(lambda w=width: window.width() == w)  # type: ignore[misc]
        show_only(window, "A Wide Picture")
        qtbot.waitUntil(lambda: len(image_rects(browser)) == 2)
        column = browser.column_width()
        margin = browser.document().rootFrame().frameFormat().leftMargin()
        for left, shown, _top in image_rects(browser):
            assert shown <= column
            assert left >= margin - 1  # the text column's left edge, never cut off
        assert fits(browser)
        # The pane made narrower by hand: the pictures follow.
        window.reading_splitter.moveSplitter(window.reading_splitter.sizes()[0] + 60, 1)
        qtbot.waitUntil(
            lambda: all(w <= browser.column_width() for _l, w, _t in image_rects(browser))
        )
        assert fits(browser)
    # A click on the picture shows it at its own size; Escape closes it.
    left, shown, middle = image_rects(browser)[0]
    bar = browser.verticalScrollBar()
    bar.setValue(round(middle - browser.viewport().height() / 2))
    point = QPoint(round(left + shown / 2), round(middle - bar.value()))
    QTest.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    viewer = window.article_pane.image_viewer
    assert isinstance(viewer, ImageViewer)
    assert (viewer.image.width(), viewer.image.height()) == (1600, 400)
    assert viewer.link_button is None
    qtbot.waitExposed(viewer)
    press(viewer, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.article_pane.image_viewer is None)


def test_code_tables_and_task_lists_read_well_in_a_narrow_pane(
    library: Library, make_window: object, qtbot: QtBot, tmp_path: Path
) -> None:
    long_line = "result = compute(" + ", ".join(f"argument_{i}" for i in range(40)) + ")"
    cells = " | ".join(f"column-{i}-with-a-long-heading" for i in range(8))
    notes = tmp_path / "notes.md"
    notes.write_text(
        "# Shopping and code\n\nA list of things to do this week, and some code.\n\n"
        "- [ ] buy flour\n- [x] bake bread\n- a plain item\n\n"
        f"```\n{long_line}\nshort()\n```\n\n"
        f"| {cells} |\n|{'---|' * 8}\n| {' | '.join('x' * 60 for _ in range(8))} |\n"
    )
    library.save(str(notes))
    window: MainWindow = make_window(library)  # type: ignore[operator]
    window.resize(900, 600)
    show_only(window, "Shopping and code")
    browser = window.article_pane.browser
    qtbot.waitUntil(lambda: browser.document().characterCount() > 100)
    assert fits(browser)
    document = browser.document()
    markers = {}
    block = document.begin()
    code_lines = 0
    code_box = None
    while block.isValid():
        text = block.text()
        if text.startswith(("buy flour", "bake bread", "a plain item")):
            markers[text] = block.blockFormat().marker()
        if text.startswith("result = compute("):
            code_lines = block.layout().lineCount()
            code_box = QTextCursor(block).currentTable()
        block = block.next()
    marker = QTextBlockFormat.MarkerType
    assert markers == {
        "buy flour": marker.Unchecked,
        "bake bread": marker.Checked,
        "a plain item": marker.NoMarker,
    }
    assert "[x]" not in document.toPlainText() and "[ ]" not in document.toPlainText()
    # The long line of code wraps inside its padded, shaded box rather than widen the pane.
    assert code_lines > 1
    assert code_box is not None
    box = code_box.format()
    assert box.cellPadding() == 10
    assert box.background().color().name() == window.themes.theme.code_background


def test_starred_and_archived_show_in_the_pane_and_on_the_toolbar(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    first = add_saved(library, "First")
    add_saved(library, "Second")
    window: MainWindow = make_window(library)  # type: ignore[operator]
    star, archive = window.commands.toggle_star, window.commands.toggle_archive
    pane = window.article_pane
    show_only(window, "First")
    assert pane.star_button.isVisible() and pane.archive_button.isVisible()
    assert not star.isChecked() and not archive.isChecked()
    window.article_view.setFocus()
    press(window.article_view, "s")
    qtbot.waitUntil(lambda: library.get_article(first).starred)
    assert star.isChecked() and pane.star_button.isChecked()
    assert star.toolTip().startswith("Unstar")
    # Another article, not starred: the buttons say so.
    show_only(window, "Second")
    assert not star.isChecked() and not pane.star_button.isChecked()
    # A change made elsewhere (the command line, a sync) shows too.
    show_only(window, "First")
    assert star.isChecked()
    library.mark([first], starred=False, archived=True)
    qtbot.waitUntil(lambda: archive.isChecked() and not star.isChecked())
    assert pane.archive_button.isChecked()
    assert pane.archive_button.text() == "Archived"
    assert pane.archive_button.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonTextBesideIcon
    # The pane's own button unarchives it.
    pane.archive_button.click()
    qtbot.waitUntil(lambda: not library.get_article(first).archived)
    assert not archive.isChecked()


def test_the_html_is_adapted_to_what_qt_draws() -> None:
    html = (
        "<figure><img src='x'><figcaption>A caption</figcaption></figure>"
        "<ul><li>[ ] to do</li><li><p>[x] done</p></li><li value='3'>[X] done too</li>"
        "<li>[y] not a task</li></ul>"
        "<pre><code>line\n</code></pre><table><tr><td>cell</td></tr></table>"
    )
    assert reading_html(html) == (
        '<div class="figure"><img src=\'x\'><p class="caption">A caption</p></div>'
        '<ul><li class="unchecked">to do</li><li class="checked"><p>done</p></li>'
        "<li value='3' class=\"checked\">done too</li><li>[y] not a task</li></ul>"
        '<table class="code" width="100%" cellspacing="0" cellpadding="10"><tr><td>'
        "<pre><code>line</code></pre></td></tr></table>"
        '<table width="100%" cellspacing="0" cellpadding="4"><tr><td>cell</td></tr></table>'
    )
    # A highlight marked in the text keeps its mark; the task's box is drawn all the same.
    marked = '<li><mark class="hl hl-yellow">[x] bought</mark></li>'
    assert (
        reading_html(marked) == '<li class="checked"><mark class="hl hl-yellow">bought</mark></li>'
    )


def test_the_picture_window_shows_a_picture_whole_or_scrolls_a_big_one(qtbot: QtBot) -> None:
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage

    small = QImage(640, 300, QImage.Format.Format_RGB32)
    viewer = ImageViewer(small, QUrl("https://example.org/full.png"))
    qtbot.addWidget(viewer)
    viewer.open()
    qtbot.waitExposed(viewer)
    assert viewer.area is None
    assert viewer.picture.size().width() >= 640 and viewer.picture.size().height() >= 300
    assert viewer.link_button is not None
    with qtbot.waitSignal(viewer.link_requested) as opened:
        viewer.link_button.click()
    assert opened.args == [QUrl("https://example.org/full.png")]
    big = QImage(4000, 3000, QImage.Format.Format_RGB32)
    large = ImageViewer(big, QUrl())
    qtbot.addWidget(large)
    large.open()
    qtbot.waitExposed(large)
    screen = large.screen().availableGeometry()
    assert large.area is not None
    assert large.width() <= screen.width() and large.height() <= screen.height()
