"""Window commands: declared on the methods that carry them out, one QAction each, all bound."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reader.ui.actions import GROUPS, WindowActions, command, commands_of
from reader.ui.main_window import MainWindow


class Counter:
    def __init__(self) -> None:
        self.count = 0
        self.checked: list[bool] = []

    @command("count", "&Count", "Library", ("Ctrl+K",), tip="Count once more")
    def add_one(self) -> None:
        self.count += 1

    @command("follow", "&Follow", "View", checkable=True, follows_check=True)
    def follow(self, checked: bool) -> None:
        self.checked.append(checked)


class Again:
    @command("count", "Count again", "Library")
    def count(self) -> None: ...


def test_a_declared_command_becomes_a_bound_action(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    assert [c.spec.name for c in commands_of(Counter)] == ["count", "follow"]
    actions = WindowActions(parent, [Counter])
    assert actions.unbound() == ["count", "follow"]
    counter = Counter()
    actions.bind(counter)
    assert actions.unbound() == []
    assert actions.count.toolTip() == "Count once more (Ctrl+K)"
    assert actions.count in parent.actions()
    actions.count.trigger()
    actions["count"].trigger()
    assert counter.count == 2
    # A checkable command that follows its check hears every change, from code too.
    actions.follow.setChecked(True)
    actions.follow.trigger()
    assert counter.checked == [True, False]
    assert actions.shortcut_rows() == [("Library", "Count", "Ctrl+K")]


def test_a_name_declared_twice_is_refused(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    with pytest.raises(AssertionError, match="declared twice"):
        WindowActions(parent, [Counter, Again])


def test_every_window_action_is_bound_and_keys_do_not_clash(window: MainWindow) -> None:
    assert window.commands.unbound() == []
    seen: dict[str, str] = {}
    for name, action in window.commands.all().items():
        for key in action.shortcuts():
            text = key.toString()
            assert text not in seen, f"{text} is the key of both {seen[text]} and {name}"
            seen[text] = name
    assert len(window.commands.all()) == 51


def test_the_shortcut_list_goes_group_by_group(window: MainWindow) -> None:
    rows = window.commands.shortcut_rows()
    groups = [group for group, _text, _keys in rows]
    assert groups == sorted(groups, key=GROUPS.index)
    assert rows[0] == ("Library", "Add Feed", "Ctrl+N")
    assert ("Reading", "Next Article", "j") in rows
    assert ("Article", "Star / Unstar", "s") in rows
    assert rows[-1] == ("Help", "Keyboard Shortcuts", "?, F1")
