"""Typed helpers over QTest for pressing keys and clicking in the tests."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QPoint, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.modeltest import ModelTester


def press(
    widget: QWidget,
    key: Qt.Key | str,
    modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    # A printable character's key code is its upper-case code point ("/" is Qt.Key_Slash).
    code = Qt.Key(ord(key.upper())) if isinstance(key, str) else key
    QTest.keyClick(widget, code, modifier)


def type_text(widget: QWidget, text: str) -> None:
    QTest.keyClicks(widget, text)


def click(widget: QWidget, pos: QPoint) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def check_model(tester: ModelTester, model: QAbstractItemModel) -> None:
    """Qt's model tester, run in Python so its failures read as assertions."""
    tester.check(model, force_py=True)  # type: ignore[no-untyped-call]
