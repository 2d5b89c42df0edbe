"""Search that reads well: the box's buttons apart, the syntax help on screen, results with
two-line snippets in the order chosen in the list header, the matched words marked in the
article, and Ctrl+F finding words in the article itself."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QToolButton
from pytestqt.qtbot import QtBot

from reader.core.query import HIGHLIGHT_END, HIGHLIGHT_START
from reader.library import Library
from reader.library.views import SmartView
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import SavedSearchKey, ViewKey
from reader.ui.snippet_painter import draw_snippet
from tests.factories import BASE_TIME
from tests.ui.keyboard import press, type_text
from tests.ui.library_data import add_saved

LENS_TEXT = (
    "A lighthouse lens gathers the lamp's light. Each lens ring bends the light a little"
    " more; bending it is what a lens is for. " + "Filler words here. " * 30
)


def titles(window: MainWindow) -> list[str]:
    model = window.article_list_model
    return [a.title for r in range(model.rowCount()) if (a := model.article(r)) is not None]


def search(window: MainWindow, qtbot: QtBot, text: str, rows: int) -> None:
    window.search_box.setFocus()
    window.search_box.selectAll()
    type_text(window.search_box, text)
    press(window.search_box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.article_list_model.rowCount() == rows)


def global_rect(widget: QToolButton) -> QRect:
    return QRect(widget.mapToGlobal(QPoint(0, 0)), widget.size())


def test_the_clear_and_save_buttons_never_overlap(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    add_saved(library, "Compost", text="A heap of compost.")
    window: MainWindow = make_window(library)  # type: ignore[operator]
    box = window.search_box
    for width in (900, 1280, 1600):
        window.resize(width, 700)
        qtbot.waitUntil(lambda w=width: window.width() == w)  # type: ignore[misc]
        box.setText("compost")
        clear = next(b for b in box.findChildren(QToolButton) if b.isVisible() and b.width() > 0)
        qtbot.waitUntil(clear.isVisible)
        save = window.search_controller.save_button
        assert save.isVisible() and save.isEnabled()
        assert not global_rect(clear).intersects(global_rect(save))
        # The clear button clears (and asks nothing: a Save search question would fail here).
        QTest.mouseClick(clear, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: box.text() == "")
        assert not save.isEnabled()


def test_the_syntax_help_stays_on_screen(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = make_window(library)  # type: ignore[operator]
    screen = QGuiApplication.primaryScreen().availableGeometry()
    # The window reaches the screen's right edge and beyond, as a wide one does.
    window.resize(screen.width() + 300, 700)
    window.move(screen.left(), screen.top())
    button = window.search_controller.help_button
    qtbot.waitUntil(lambda: button.mapToGlobal(QPoint(0, 0)).x() > screen.right() - 100)
    button.click()
    popup = button.popup
    assert popup is not None
    qtbot.waitUntil(popup.isVisible)
    assert screen.contains(popup.frameGeometry())
    press(popup, Qt.Key.Key_Escape)


def test_results_show_what_matched_on_two_lines(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    add_saved(library, "Lenses", text=LENS_TEXT)
    add_saved(library, "Other", text="Nothing about optics at all.")
    window: MainWindow = make_window(library)  # type: ignore[operator]
    view = window.article_view
    delegate = view.article_delegate
    plain_height = view.sizeHintForRow(0)
    search(window, qtbot, "lens", 1)
    assert delegate.snippet_lines == 2
    assert view.sizeHintForRow(0) > plain_height + 20
    snippet = window.article_list_model.article(0).snippet  # type: ignore[union-attr]
    assert snippet is not None and f"{HIGHLIGHT_START}lens{HIGHLIGHT_END}" in snippet
    # A search of filters only has no snippets: its rows are as short as a view's.
    search(window, qtbot, "is:unread", 2)
    assert delegate.snippet_lines == 0
    assert view.sizeHintForRow(0) == plain_height


def test_a_snippet_wraps_onto_its_second_line_and_no_further(qapp: QApplication) -> None:
    image = QImage(300, 60, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    snippet = f"the {HIGHLIGHT_START}lens{HIGHLIGHT_END} " + "words that go on " * 30
    draw_snippet(
        painter,
        QRect(0, 10, 300, 40),
        snippet,
        qapp.font(),
        color=QColor("black"),
        highlight=QColor("red"),
        lines=2,
    )
    painter.end()

    def inked(top: int, bottom: int) -> bool:
        return any(
            image.pixelColor(x, y).lightness() < 128
            for x in range(0, 300, 2)
            for y in range(top, bottom)
        )

    assert inked(10, 30) and inked(30, 50)
    assert not inked(0, 10) and not inked(50, 60)


def test_results_in_order_of_relevance_or_date_from_the_list_header(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    month = timedelta(days=30)
    add_saved(
        library,
        "Lens grinding",
        text="The lens, the lens and the lens again.",
        published=BASE_TIME - month,
    )
    add_saved(library, "Harbour news", text="A new lens for the harbour.", published=BASE_TIME)
    add_saved(
        library,
        "Old boats",
        text="An old lens among boats, nets, ropes and other things of the harbour.",
        published=BASE_TIME - 2 * month,
    )
    window: MainWindow = make_window(library)  # type: ignore[operator]
    header = window.list_header
    search(window, qtbot, "lens", 3)
    assert header.order_button.isVisible() and not header.sort_button.isVisible()
    assert header.order_button.text().startswith("Best match")
    assert titles(window)[0] == "Lens grinding"
    header.order_actions["newest"].trigger()
    qtbot.waitUntil(lambda: titles(window) == ["Harbour news", "Lens grinding", "Old boats"])
    assert header.order_button.text().startswith("Newest")
    header.order_actions["oldest"].trigger()
    qtbot.waitUntil(lambda: titles(window) == ["Old boats", "Lens grinding", "Harbour news"])
    assert window.commands.oldest_first.isChecked()
    assert not window.commands.relevance_first.isChecked()
    header.order_actions["relevance"].trigger()
    qtbot.waitUntil(lambda: titles(window)[:1] == ["Lens grinding"])
    assert window.settings.search_by_relevance
    # The header's count agrees with the rows.
    qtbot.waitUntil(lambda: header.count.text() == "3 results")
    # Views keep the plain sort button.
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    assert header.sort_button.isVisible() and not header.order_button.isVisible()


def test_the_opened_result_marks_the_words_searched_for(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    add_saved(library, "Bending light", text=LENS_TEXT)
    saved = library.save_search("Optics", "bend")
    window: MainWindow = make_window(library)  # type: ignore[operator]
    browser = window.article_pane.browser
    search(window, qtbot, "bending -mirror", 1)
    window.list_controller.select_first()
    marked = [m.cursor.selectedText() for m in browser.marks("search")]
    # Every form of the word, in the title and the text.
    assert marked == ["Bending", "bends", "bending"]
    # The highlights a reader makes look different from these marks (see anchoring_html).
    assert browser.marks("search")[0].format.background().color().name() == (
        window.themes.theme.search_match
    )
    # A view's article has no marks; a saved search's has.
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    window.list_controller.select_first()
    assert browser.marks("search") == []
    key = SavedSearchKey(saved.id)
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(key) is not None)
    window.sidebar_controller.open_key(key)
    qtbot.waitUntil(lambda: window.article_list_model.rowCount() == 1)
    window.list_controller.select_first()
    assert len(browser.marks("search")) == len(marked)


def test_ctrl_f_finds_words_in_the_article_and_slash_searches_the_library(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    add_saved(library, "Lenses", text=LENS_TEXT)
    window: MainWindow = make_window(library)  # type: ignore[operator]
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    window.list_controller.select_first()
    window.article_view.setFocus()
    find_bar = window.article_pane.find_bar
    press(window.article_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert find_bar.isVisible() and find_bar.input.hasFocus()
    type_text(find_bar.input, "LIGHT")
    # "lighthouse", "light" twice: case does not matter.
    assert find_bar.matches == 3
    assert find_bar.count.text() == "1 of 3"
    press(find_bar.input, Qt.Key.Key_Return)
    assert find_bar.count.text() == "2 of 3"
    press(find_bar.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    assert find_bar.count.text() == "1 of 3"
    marks = window.article_pane.browser.marks("find")
    assert [m.cursor.selectedText().lower() for m in marks] == ["light", "light", "light"]
    type_text(find_bar.input, "xyz")
    assert find_bar.count.text() == "Not found"
    press(find_bar.input, Qt.Key.Key_Escape)
    assert not find_bar.isVisible()
    assert window.article_pane.browser.marks("find") == []
    assert window.focusWidget() is window.article_view
    # "/" is the library's search, as before.
    press(window.article_view, "/")
    assert window.search_box.hasFocus()
