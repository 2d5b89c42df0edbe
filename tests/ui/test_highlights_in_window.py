"""Highlighting in the window: a selection highlighted with "h", the context menu or the
floating button; a click on a highlight opens its popup (colour, note, remove); the article's
note above the text; highlights that could not be placed listed under it; undo for each."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt, QUrl
from PySide6.QtGui import QColor, QTextCursor, QTextDocument
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from reader.core.highlights import HighlightColor
from reader.core.types import ArticleInput
from reader.library import Library
from reader.library.views import SmartView
from reader.store import articles as store_articles
from reader.ui.article_list_model import HIGHLIGHTS_ROLE
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import HighlightsKey, SectionKey, ViewKey
from reader.ui.theme import DARK, LIGHT, contrast_ratio, highlight_backgrounds, reading_css
from tests.ui.keyboard import check_model, press
from tests.ui.library_data import add_saved
from tests.ui.scripted_prompts import ScriptedPrompts

TEXT = (
    "The quick brown fox jumps over the lazy dog.\n\n"
    "A second paragraph talks about the river and its banks, where the fox drinks.\n\n"
    "The third paragraph ends the article with a short remark."
)


@pytest.fixture
def window(make_window: Callable[..., MainWindow], library: Library) -> MainWindow:
    add_saved(library, "Foxes", text=TEXT, url="https://example.org/foxes")
    return make_window(library)


def open_article(window: MainWindow, qtbot: QtBot, title: str) -> int:
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    model = window.article_list_model
    qtbot.waitUntil(lambda: model.rowCount() > 0)
    for row in range(model.rowCount()):
        article = model.article(row)
        if article is not None and article.title == title:
            window.list_controller.select_row(row)
            return wait_shown(window, qtbot, article.id)
    raise AssertionError(f"{title} is not listed")


def wait_shown(window: MainWindow, qtbot: QtBot, article_id: int) -> int:
    qtbot.waitUntil(lambda: window.reading_controller.shown_id == article_id)
    return article_id


def select(window: MainWindow, words: str, occurrence: int = 1) -> QTextCursor:
    browser = window.article_pane.browser
    cursor = QTextCursor(browser.document())
    for _ in range(occurrence):
        cursor = browser.document().find(words, cursor, QTextDocument.FindFlag.FindCaseSensitively)
        assert not cursor.isNull(), words
    browser.setTextCursor(cursor)
    return cursor


def undo_offered(window: MainWindow, description: str) -> bool:
    entry = window.undo_stack.entry
    return entry is not None and entry.description == description


def background_at(window: MainWindow, words: str) -> str | None:
    """The background colour the pane draws ``words`` in (None: none)."""
    browser = window.article_pane.browser
    cursor = browser.document().find(words)
    assert not cursor.isNull(), words
    probe = QTextCursor(browser.document())
    probe.setPosition(cursor.selectionStart() + 1)
    brush = probe.charFormat().background()
    return None if brush.style() == Qt.BrushStyle.NoBrush else brush.color().name()


def test_h_highlights_the_selection_and_undo_takes_it_back(
    window: MainWindow, library: Library, qtbot: QtBot
) -> None:
    article_id = open_article(window, qtbot, "Foxes")
    assert background_at(window, "fox jumps") is None
    select(window, "fox jumps over")
    press(window.article_pane.browser, "h")
    qtbot.waitUntil(lambda: len(library.highlights.for_article(article_id)) == 1)
    stored = library.highlights.for_article(article_id)[0]
    assert stored.quote == "fox jumps over"
    assert stored.color is HighlightColor.YELLOW
    assert stored.placed
    # Drawn in the pane: the text has the highlight's background, the selection is gone.
    qtbot.waitUntil(lambda: background_at(window, "fox jumps") is not None)
    assert not window.article_pane.browser.textCursor().hasSelection()
    qtbot.waitUntil(lambda: undo_offered(window, "Highlight"))
    assert window.commands.undo.isEnabled()

    press(window.article_pane.browser, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: library.highlights.for_article(article_id) == [])
    qtbot.waitUntil(lambda: background_at(window, "fox jumps") is None)


def test_the_second_of_two_same_words_is_the_one_highlighted(
    window: MainWindow, library: Library, qtbot: QtBot
) -> None:
    article_id = open_article(window, qtbot, "Foxes")
    select(window, "fox", occurrence=2)
    window.highlight_commands.highlight(HighlightColor.GREEN)
    qtbot.waitUntil(lambda: len(library.highlights.for_article(article_id)) == 1)
    stored = library.highlights.for_article(article_id)[0]
    text = library.highlights.reading_text(article_id)
    assert stored.anchor.start == text.index("fox drinks")
    assert stored.color is HighlightColor.GREEN


def test_without_a_selection_h_says_what_to_do(
    window: MainWindow, library: Library, qtbot: QtBot
) -> None:
    article_id = open_article(window, qtbot, "Foxes")
    press(window.article_pane.browser, "h")
    assert "Select some" in window.status_bar.currentMessage()
    assert library.highlights.for_article(article_id) == []


def test_a_selection_across_paragraphs_is_one_highlight(
    window: MainWindow, library: Library, qtbot: QtBot
) -> None:
    article_id = open_article(window, qtbot, "Foxes")
    browser = window.article_pane.browser
    start = browser.document().find("lazy dog")
    end = browser.document().find("A second")
    cursor = QTextCursor(browser.document())
    cursor.setPosition(start.selectionStart())
    cursor.setPosition(end.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    browser.setTextCursor(cursor)
    press(browser, "h")
    qtbot.waitUntil(lambda: len(library.highlights.for_article(article_id)) == 1)
    assert library.highlights.for_article(article_id)[0].quote == "lazy dog.\n\nA second"


def test_the_floating_button_and_the_context_menu_highlight(
    window: MainWindow, library: Library, qtbot: QtBot
) -> None:
    article_id = open_article(window, qtbot, "Foxes")
    layer = window.article_pane.highlights
    select(window, "Foxes")  # the title: not the article's text
    assert not layer.button.isVisible()
    select(window, "river and its banks")
    qtbot.waitUntil(layer.button.isVisible)
    QTest.mouseClick(layer.button, Qt.MouseButton.LeftButton, pos=QPoint(8, 8))
    qtbot.waitUntil(lambda: len(library.highlights.for_article(article_id)) == 1)
    assert not layer.button.isVisible()

    select(window, "short remark")
    browser = window.article_pane.browser
    rect = browser.cursorRect(browser.textCursor())
    menu = QMenu()
    assert browser.menu_extender is not None
    browser.menu_extender(menu, rect.center())
    submenu = next(a.menu() for a in menu.actions() if a.menu() is not None)
    assert isinstance(submenu, QMenu)
    blue = next(a for a in submenu.actions() if a.text() == "Blue")
    blue.trigger()
    qtbot.waitUntil(lambda: len(library.highlights.for_article(article_id)) == 2)
    colors = {h.quote: h.color for h in library.highlights.for_article(article_id)}
    assert colors["short remark"] is HighlightColor.BLUE


def test_clicking_a_highlight_changes_its_colour_and_note_or_removes_it(
    window: MainWindow, library: Library, qtbot: QtBot
) -> None:
    article_id = open_article(window, qtbot, "Foxes")
    made = library.highlights.add_quote(article_id, "lazy dog")
    qtbot.waitUntil(lambda: background_at(window, "lazy dog") is not None)
    browser = window.article_pane.browser
    found = browser.document().find("lazy dog")
    probe = QTextCursor(browser.document())
    probe.setPosition(found.selectionStart() + 2)
    point = browser.cursorRect(probe).center()
    QTest.mouseClick(browser.viewport(), Qt.MouseButton.LeftButton, pos=point)
    popup = window.highlight_commands.popup
    assert popup is not None and popup.highlight.id == made.id

    popup.color_buttons[HighlightColor.PINK].click()
    qtbot.waitUntil(lambda: library.highlights.get(made.id).color is HighlightColor.PINK)
    # Typed into the popup, letters are text, not the window's one-key commands.
    popup.note_edit.setFocus()
    QTest.keyClicks(popup.note_edit, "Dogs are not lazy.")
    assert popup.note_edit.toPlainText() == "Dogs are not lazy."
    popup.close()
    assert undo_offered(window, "Note saved")
    # Undo takes back the last change, the note, even before it is stored: the undo follows
    # the change on the window's one edit thread.
    assert window.edits.busy_ids() == {article_id}
    window.article_commands.undo()
    qtbot.waitUntil(lambda: not window.edits.busy_ids())
    undone = library.highlights.get(made.id)
    assert (undone.note, undone.color) == (None, HighlightColor.PINK)
    assert undone.updated > made.updated  # the note was written, then taken back

    window.highlight_commands.open_popup(made.id, browser.mapToGlobal(point))
    popup = window.highlight_commands.popup
    assert popup is not None
    popup.remove_button.click()
    assert undo_offered(window, "Highlight removed")
    qtbot.waitUntil(lambda: library.highlights.for_article(article_id) == [])
    qtbot.waitUntil(lambda: background_at(window, "lazy dog") is None)
    window.article_commands.undo()
    qtbot.waitUntil(lambda: len(library.highlights.for_article(article_id)) == 1)
    back = library.highlights.for_article(article_id)[0]
    assert (back.id, back.color) == (made.id, HighlightColor.PINK)


def test_the_article_note_sits_above_the_text_and_can_be_undone(
    window: MainWindow, library: Library, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    article_id = open_article(window, qtbot, "Foxes")
    text = window.article_pane.browser.toPlainText()
    assert "Add a note" in text
    prompts.answer("Read again in spring.")
    window.highlight_commands.edit_note()
    assert undo_offered(window, "Note saved")
    qtbot.waitUntil(lambda: library.highlights.note(article_id) == "Read again in spring.")
    qtbot.waitUntil(lambda: "Read again in spring." in window.article_pane.browser.toPlainText())
    shown = window.article_pane.browser.toPlainText()
    assert shown.index("Read again in spring.") < shown.index("The quick brown fox")
    window.article_commands.undo()
    qtbot.waitUntil(lambda: library.highlights.note(article_id) is None)
    qtbot.waitUntil(lambda: "Add a note" in window.article_pane.browser.toPlainText())


def test_highlights_that_could_not_be_placed_are_listed_under_the_text(
    window: MainWindow, library: Library, qtbot: QtBot
) -> None:
    article_id = open_article(window, qtbot, "Foxes")
    made = library.highlights.add_quote(article_id, "the river and its banks", note="Kept")

    # The article's text changes under the highlight: its passage is gone.
    def rewrite() -> None:
        article = store_articles.get_article(article_id, with_content=True)
        store_articles.update_article(
            article_id,
            ArticleInput(
                title=article.title or "",
                source_kind=article.source_kind,
                content_html="<p>Only a new text about cats now.</p>",
                text="Only a new text about cats now.",
                url=article.url,
            ),
        )

    library.writer.run(rewrite)
    window.reading_controller.refresh_shown()
    shown = window.article_pane.browser.toPlainText()
    assert "Could not be placed in the text" in shown
    assert shown.index("the river and its banks") > shown.index("Only a new text")
    assert "Kept" in shown
    assert not library.highlights.get(made.id).placed
    # Its "Edit" link opens its popup, where it can be removed.
    window.article_pane.browser.anchorClicked.emit(QUrl(f"folio-highlight:{made.id}"))
    popup = window.highlight_commands.popup
    assert popup is not None and popup.highlight.id == made.id
    popup.remove_button.click()
    qtbot.waitUntil(lambda: library.highlights.for_article(article_id) == [])
    qtbot.waitUntil(lambda: "Could not be placed" not in window.article_pane.browser.toPlainText())


def test_the_highlights_view_lists_them_newest_first_and_opens_each_in_its_article(
    make_window: Callable[..., MainWindow], library: Library, qtbot: QtBot
) -> None:
    long_text = "\n\n".join(f"Paragraph {i} of the long article." for i in range(300))
    first = add_saved(library, "Foxes", text=TEXT)
    second = add_saved(library, "Long read", text=long_text)
    library.highlights.add_quote(first, "lazy dog", note="About dogs")
    far = library.highlights.add_quote(second, "Paragraph 280 of the long article.")
    window = make_window(library)
    index = window.sidebar_model.index_for_key(HighlightsKey())
    assert index.isValid() and index.parent() == window.sidebar_model.index_for_key(
        SectionKey("views")
    )
    window.sidebar.setCurrentIndex(index)
    controller = window.highlights_view
    qtbot.waitUntil(lambda: controller.active and controller.view.isVisible())
    assert not window.article_view.isVisible()
    assert window.list_header.title.toolTip() == "Highlights"
    assert window.list_header.count.text() == "2 highlights"
    model = controller.model
    check_model(ModelTester(None), model)  # type: ignore[no-untyped-call]
    rows = [model.highlight(row) for row in range(model.rowCount())]
    assert [(h.quote, h.note, h.article_title) for h in rows if h is not None] == [
        ("Paragraph 280 of the long article.", None, "Long read"),
        ("lazy dog", "About dogs", "Foxes"),
    ]

    controller.view.setCurrentIndex(model.index(0))
    qtbot.waitUntil(lambda: window.reading_controller.shown_id == second)
    # Scrolled to the highlight, far down the article.
    browser = window.article_pane.browser
    assert browser.verticalScrollBar().value() > 0
    found = browser.document().find("Paragraph 280 of")
    top = browser.cursorRect(QTextCursor(found)).top()
    assert 0 <= top < browser.viewport().height()

    # A change to a highlight shows in the list at once.
    library.highlights.edit(far.id, note="Far down")
    qtbot.waitUntil(lambda: getattr(model.highlight(0), "note", None) == "Far down")

    # Another sidebar item brings the article list back.
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    qtbot.waitUntil(window.article_view.isVisible)
    assert not controller.view.isVisible()


def test_articles_with_highlights_are_marked_in_the_list(
    window: MainWindow, library: Library, qtbot: QtBot
) -> None:
    article_id = open_article(window, qtbot, "Foxes")
    model = window.article_list_model
    row = model.row_of(article_id)
    assert row is not None
    assert model.index(row).data(HIGHLIGHTS_ROLE) == 0
    library.highlights.add_quote(article_id, "lazy dog")
    library.highlights.add_quote(article_id, "short remark")
    qtbot.waitUntil(lambda: model.index(row).data(HIGHLIGHTS_ROLE) == 2)
    assert "2 highlights" in model.index(row).data(Qt.ItemDataRole.AccessibleTextRole)
    # Listed again (another list, then back), the count is read with the page.
    window.sidebar_controller.open_key(ViewKey(SmartView.STARRED))
    window.sidebar_controller.open_key(ViewKey(SmartView.ALL))
    qtbot.waitUntil(lambda: model.row_of(article_id) is not None)
    again = model.row_of(article_id)
    assert again is not None and model.index(again).data(HIGHLIGHTS_ROLE) == 2


def test_highlight_colours_keep_the_text_readable_in_both_themes(qapp: object) -> None:
    for theme in (LIGHT, DARK):
        for color, background in highlight_backgrounds(theme).items():
            ratio = contrast_ratio(QColor(theme.text), QColor(background))
            assert ratio >= 4.5, (theme.name, color, ratio)
        # Qt draws a mark's text black unless the CSS says otherwise.
        assert f"mark.hl {{ color: {theme.text}; }}" in reading_css(theme, font_size=13)


def test_the_context_menu_on_a_highlight_removes_it(
    window: MainWindow, library: Library, qtbot: QtBot
) -> None:
    article_id = open_article(window, qtbot, "Foxes")
    library.highlights.add_quote(article_id, "short remark")
    qtbot.waitUntil(lambda: background_at(window, "short remark") is not None)
    browser = window.article_pane.browser
    found = browser.document().find("short remark")
    probe = QTextCursor(browser.document())
    probe.setPosition(found.selectionStart() + 3)
    menu = QMenu()
    menu.addAction("Copy")
    assert browser.menu_extender is not None
    browser.menu_extender(menu, browser.cursorRect(probe).center())
    texts = [a.text() for a in menu.actions()]
    assert texts[:2] == ["Edit Highlight…", "Remove Highlight"] and texts[-1] == "Copy"
    menu.actions()[1].trigger()
    qtbot.waitUntil(lambda: library.highlights.for_article(article_id) == [])


def test_keys_move_between_the_sidebar_the_highlights_and_the_article(
    window: MainWindow, library: Library, qtbot: QtBot
) -> None:
    article_id = open_article(window, qtbot, "Foxes")
    library.highlights.add_quote(article_id, "short remark")
    window.sidebar_controller.open_key(HighlightsKey())
    view = window.highlights_view.view
    qtbot.waitUntil(lambda: view.isVisible() and view.model().rowCount() == 1)
    window.sidebar.setFocus()
    press(window.sidebar, Qt.Key.Key_Right)
    assert view.hasFocus()
    press(view, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: window.reading_controller.shown_id == article_id)
    press(view, Qt.Key.Key_Right)
    assert window.article_pane.browser.hasFocus()
    press(window.article_pane.browser, Qt.Key.Key_Left)
    assert view.hasFocus()
