"""Saved searches in the window's sidebar, the search box's save and help buttons, and the
rules dialog reached from the menu."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.ui.main_window import MainWindow
from reader.ui.rules_dialog import RulesDialog
from reader.ui.sidebar_keys import DEFAULT_VIEW, SavedSearchKey
from tests.ui.library_data import add_saved
from tests.ui.scripted_prompts import Asked, ScriptedPrompts


def test_a_saved_search_lists_its_matches_with_a_live_unread_count(
    library: Library, make_window: object, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    first = add_saved(library, "Tomato harvest", text="Tomatoes ripen in August.")
    add_saved(library, "Bean rows", text="Runner beans climb.")
    add_saved(library, "Elsewhere", text="Nothing to see.")
    saved = library.save_search("Vegetables", "tomato OR bean")
    window: MainWindow = make_window(library)  # type: ignore[operator]
    key = SavedSearchKey(saved.id)
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(key) is not None)
    qtbot.waitUntil(lambda: window.sidebar_model.unread(key) == 2)
    window.sidebar_controller.open_key(key)
    qtbot.waitUntil(lambda: window.article_list_model.rowCount() == 2)
    titles = {window.article_list_model.article(r).title for r in range(2)}  # type: ignore[union-attr]
    assert titles == {"Tomato harvest", "Bean rows"}
    library.mark([first], read=True)
    qtbot.waitUntil(lambda: window.sidebar_model.unread(key) == 1)
    node = window.sidebar_model.node_for_key(key)
    assert node is not None
    saved_searches = window.search_controller.saved_searches
    prompts.answer("Veg")
    saved_searches.rename(node)
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(key).title == "Veg")  # type: ignore[union-attr]
    prompts.answer(True)
    saved_searches.delete(node)
    # The open list was the saved search's: the window went back to its first view.
    assert window.sidebar_controller.current_key == DEFAULT_VIEW
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(key) is None)
    assert [(q.kind, q.text) for q in prompts.take()] == [
        ("ask_text", "New name for “Vegetables”:"),
        ("confirm", "Delete the saved search “Veg”? No article is deleted."),
    ]
    assert library.list_saved_searches() == []


def test_the_search_box_saves_its_query_and_explains_the_syntax(
    library: Library, make_window: object, qtbot: QtBot, prompts: ScriptedPrompts
) -> None:
    add_saved(library, "Compost", text="A heap of compost.")
    window: MainWindow = make_window(library)  # type: ignore[operator]
    tools = window.search_controller
    assert not tools.save_action.isEnabled()
    QTest.keyClicks(window.search_box, "compost is:unread")
    assert tools.save_action.isEnabled()
    prompts.answer("Heap")
    tools.save_action.trigger()
    qtbot.waitUntil(lambda: len(library.list_saved_searches()) == 1)
    assert [q.kind for q in prompts.take()] == ["ask_text"]
    (saved,) = library.list_saved_searches()
    assert saved.query == "compost is:unread"
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(SavedSearchKey(saved.id)) is not None)
    # A name taken already: the search is not saved, and the dialog says why.
    window.search_box.setText("x")
    prompts.answer("heap")
    tools.save_action.trigger()
    qtbot.waitUntil(lambda: any(q.kind == "show_error" for q in prompts.asked))
    assert prompts.take()[-1] == Asked(
        "show_error", "Save search", "there is already a saved search named 'Heap'"
    )
    assert len(library.list_saved_searches()) == 1
    tools.help_button.click()
    assert tools.help_button.popup is not None
    qtbot.waitUntil(tools.help_button.popup.isVisible)
    QTest.keyClick(tools.help_button.popup, Qt.Key.Key_Escape)


def test_the_rules_dialog_opens_from_the_library_menu(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    window: MainWindow = make_window(library)  # type: ignore[operator]
    menu = window.menuBar().actions()[0].menu()
    assert isinstance(menu, QMenu)
    rules = window.commands.show_rules
    assert rules in menu.actions()
    # Above Preferences and Quit, never below them.
    assert menu.actions().index(rules) < menu.actions().index(window.commands.quit)
    rules.trigger()
    dialog = window.search_controller.rules_dialog
    assert isinstance(dialog, RulesDialog)
    qtbot.waitExposed(dialog)
    dialog.close()
