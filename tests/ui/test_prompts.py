"""The window's questions as real Qt dialogs, answered by a user who clicks in them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QApplication,
    QColorDialog,
    QDialog,
    QFileDialog,
    QInputDialog,
    QMessageBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from reader.ui.prompts import QtPrompts


def answer_dialog(act: Callable[[QWidget], object]) -> list[QWidget]:
    """Once a modal dialog is up, let ``act`` answer it; returns the dialogs answered."""
    answered: list[QWidget] = []

    def look() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, look)
            return
        answered.append(dialog)
        act(dialog)

    QTimer.singleShot(0, look)
    return answered


def test_confirm(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    prompts = QtPrompts(parent)

    def say(button: QMessageBox.StandardButton) -> Callable[[QWidget], None]:
        def click(dialog: QWidget) -> None:
            assert isinstance(dialog, QMessageBox)
            assert dialog.windowTitle() == "Delete tag"
            assert dialog.text() == "Delete the tag?"
            target = dialog.button(button)
            assert target is not None
            target.click()

        return click

    answered = answer_dialog(say(QMessageBox.StandardButton.Yes))
    assert prompts.confirm("Delete tag", "Delete the tag?") is True
    assert len(answered) == 1
    answer_dialog(say(QMessageBox.StandardButton.No))
    assert prompts.confirm("Delete tag", "Delete the tag?") is False


def test_ask_text(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    prompts = QtPrompts(parent)

    def type_name(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        assert dialog.labelText() == "New name:"
        assert dialog.textValue() == "Old"
        dialog.setTextValue("New")
        dialog.accept()

    answer_dialog(type_name)
    assert prompts.ask_text("Rename", "New name:", "Old") == "New"
    answer_dialog(lambda dialog: dialog.close())
    assert prompts.ask_text("Rename", "New name:", "Old") is None


def test_pick_colour(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    prompts = QtPrompts(parent)
    started: list[str] = []

    def pick(dialog: QWidget) -> None:
        assert isinstance(dialog, QColorDialog)
        started.append(dialog.currentColor().name())
        dialog.setCurrentColor(QColor("#2E8B57"))
        dialog.accept()

    answer_dialog(pick)
    assert prompts.pick_colour("Colour", "#3a7bd5") == "#2e8b57"
    assert started == ["#3a7bd5"]
    answer_dialog(lambda dialog: dialog.close())
    assert prompts.pick_colour("Colour", "#3a7bd5") is None


def test_pick_files(qtbot: QtBot, tmp_path: Path) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    prompts = QtPrompts(parent)
    existing = tmp_path / "feeds.opml"
    existing.write_text("<opml/>")

    def open_file(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        dialog.setDirectory(str(tmp_path))
        dialog.selectFile(str(existing))
        dialog.accept()

    answer_dialog(open_file)
    assert prompts.pick_open_file("Import", "Lists (*.opml);;All files (*)") == existing
    answer_dialog(lambda dialog: dialog.close())
    assert prompts.pick_open_file("Import", "Lists (*.opml);;All files (*)") is None

    filters = ["Subscriptions as OPML (*.opml)", "Links as CSV (*.csv)"]

    def save_file(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        assert dialog.nameFilters() == filters
        dialog.setDirectory(str(tmp_path))
        dialog.selectNameFilter(filters[1])
        dialog.selectFile(str(tmp_path / "links.csv"))
        dialog.accept()

    answer_dialog(save_file)
    assert prompts.pick_save_file("Export", filters) == (tmp_path / "links.csv", filters[1])


def test_a_question_from_a_dialog_opens_over_that_dialog(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    window.show()
    prompts = QtPrompts(window)
    form = QDialog(window)
    form.open()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is form)
    parents: list[QWidget | None] = []

    def answer(dialog: QWidget) -> None:
        parents.append(dialog.parentWidget())
        assert isinstance(dialog, QMessageBox)
        button = dialog.button(QMessageBox.StandardButton.Yes)
        assert button is not None
        button.click()

    answer_dialog(answer)
    assert prompts.confirm("Save", "Replace it?")
    assert parents == [form]
    form.reject()
