"""Work that waits for a window's first paint."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from reader.ui.first_paint import AfterFirstPaint


def test_work_runs_once_after_the_first_paint_in_order(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    ran: list[str] = []
    waiting = AfterFirstPaint(
        widget, [lambda: ran.append("tree"), lambda: ran.append("account")], latest_ms=60_000
    )
    assert ran == []  # nothing before the widget is on screen
    widget.show()
    qtbot.waitUntil(lambda: waiting.done)
    assert ran == ["tree", "account"]
    widget.update()
    widget.repaint()
    assert ran == ["tree", "account"]


def test_a_widget_never_shown_gets_its_work_later(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    ran: list[str] = []
    waiting = AfterFirstPaint(widget, [lambda: ran.append("tree")], latest_ms=20)
    qtbot.waitUntil(lambda: waiting.done)
    assert ran == ["tree"]


def test_work_no_longer_wanted_is_dropped(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    ran: list[str] = []
    closing = [True]
    waiting = AfterFirstPaint(
        widget, [lambda: ran.append("tree")], wanted=lambda: not closing[0], latest_ms=60_000
    )
    widget.show()
    qtbot.waitUntil(lambda: waiting.done)
    assert ran == []


def test_work_added_later_runs_after_the_rest_or_at_once_when_painted(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    ran: list[str] = []
    waiting = AfterFirstPaint(widget, [lambda: ran.append("tree")], latest_ms=60_000)
    waiting.add(lambda: ran.append("links"))
    assert ran == []
    widget.show()
    qtbot.waitUntil(lambda: waiting.done)
    assert ran == ["tree", "links"]
    waiting.add(lambda: ran.append("inbox"))
    assert ran == ["tree", "links", "inbox"]


def test_work_added_to_a_window_closing_is_dropped(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    ran: list[str] = []
    waiting = AfterFirstPaint(widget, [], wanted=lambda: False, latest_ms=20)
    qtbot.waitUntil(lambda: waiting.done)
    waiting.add(lambda: ran.append("inbox"))
    assert ran == []
