"""The rules dialog and the search-syntax help, as real widgets offscreen."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from reader.core.query import SYNTAX_HELP
from reader.library import Library
from reader.store import articles as store_articles
from reader.ui.rules_dialog import RulesDialog
from reader.ui.search_help import SearchHelpButton
from tests.factories import BASE_TIME, make_input


def _fill(library: Library) -> list[int]:
    def write() -> list[int]:
        return [
            store_articles.insert_article(make_input(title, text), now=BASE_TIME)
            for title, text in [
                ("Rocket launch", "The rockets launched at dawn."),
                ("Another rocket", "Rocket engines roared."),
                ("Gardens", "Beans and tomatoes."),
            ]
        ]

    return library.writer.run(write)


def _dialog(qtbot: QtBot, library: Library) -> RulesDialog:
    dialog = RulesDialog(library)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_preview_lists_what_a_query_matches_now(qtbot: QtBot, library: Library) -> None:
    ids = _fill(library)
    dialog = _dialog(qtbot, library)
    QTest.keyClicks(dialog.query_edit, "rockets")
    dialog.preview_button.click()
    assert dialog.preview_label.text() == "2 articles in the library match now"
    titles = {dialog.preview_list.item(i).text() for i in range(dialog.preview_list.count())}
    assert titles == {"Rocket launch", "Another rocket"}
    with qtbot.waitSignal(dialog.article_activated) as activated:
        dialog.preview_list.itemActivated.emit(dialog.preview_list.item(0))
    assert activated.args[0] in ids[:2]
    dialog.query_edit.setText("is:soon")
    QTest.keyClick(dialog.query_edit, Qt.Key.Key_Return)
    assert "is:soon is not a filter" in dialog.preview_label.text()
    dialog.query_edit.clear()
    dialog.preview()
    assert dialog.preview_list.count() == 0


def test_add_edit_toggle_and_remove_rules(qtbot: QtBot, library: Library) -> None:
    ids = _fill(library)
    dialog = _dialog(qtbot, library)
    assert not dialog.remove_button.isEnabled()
    dialog.query_edit.setText("rocket*")
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("tag"))
    assert dialog.tag_edit.isEnabled()
    dialog.tag_edit.setText("space")
    with qtbot.waitSignal(dialog.rules_changed):
        dialog.add_button.click()
    (rule,) = library.list_rules()
    assert (rule.query, rule.action.value, rule.argument) == ("rocket*", "tag", "space")
    assert dialog.rule_list.item(0).text() == "when rocket*: add tag space"
    # The rule acts on new articles as they arrive.
    library.context.events.articles_added.publish(ids)
    assert library.get_article(ids[0]).tags == ("space",)
    assert library.get_article(ids[2]).tags == ()

    dialog.rule_list.setCurrentRow(0)
    assert dialog.query_edit.text() == "rocket*"
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("star"))
    assert not dialog.tag_edit.isEnabled()
    dialog.update_button.click()
    assert library.get_rule(rule.id).describe() == "when rocket*: star"

    dialog.rule_list.item(0).setCheckState(Qt.CheckState.Unchecked)
    assert not library.get_rule(rule.id).enabled
    dialog.rule_list.setCurrentRow(0)
    dialog.remove_button.click()
    assert library.list_rules() == []
    assert dialog.rule_list.count() == 0


def test_mistakes_show_inline_and_change_nothing(qtbot: QtBot, library: Library) -> None:
    dialog = _dialog(qtbot, library)
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("tag"))
    dialog.query_edit.setText("anything")
    dialog.add_button.click()
    assert dialog.error.isVisible()
    assert "tag" in dialog.error.text()
    dialog.query_edit.setText("")
    dialog.action_combo.setCurrentIndex(dialog.action_combo.findData("read"))
    dialog.add_button.click()
    assert "empty" in dialog.error.text()
    assert library.list_rules() == []
    dialog.query_edit.setText("sponsored")
    dialog.add_button.click()
    assert not dialog.error.isVisible()
    assert [r.describe() for r in library.list_rules()] == ["when sponsored: mark read"]


def test_the_syntax_help_is_one_click_away(qtbot: QtBot) -> None:
    button = SearchHelpButton()
    qtbot.addWidget(button)
    button.show()
    qtbot.waitExposed(button)
    button.click()
    assert button.popup is not None
    qtbot.waitUntil(button.popup.isVisible)
    assert button.popup.text.text() == SYNTAX_HELP
    QTest.keyClick(button.popup, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: button.popup is not None and not button.popup.isVisible())
