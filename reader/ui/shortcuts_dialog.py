"""Every keyboard shortcut, grouped, in a table (the ? key)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.ui.actions import translated


class ShortcutsDialog(QDialog):
    def __init__(self, rows: Sequence[tuple[str, str, str]], parent: QWidget | None = None) -> None:
        """``rows``: (group, what it does, keys), as ``WindowActions.shortcut_rows`` lists them."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Keyboard shortcuts"))
        self.resize(520, 640)
        layout = QVBoxLayout(self)
        groups: list[str] = []
        for group, _text, _keys in rows:
            if group not in groups:
                groups.append(group)
        self.table = QTableWidget(0, 2, self)
        self.table.setHorizontalHeaderLabels([self.tr("Action"), self.tr("Keys")])
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.SelectionMode.NoSelection)
        self.table.setShowGrid(False)
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        bold = QFont(self.font())
        bold.setBold(True)
        for group in groups:
            row = self.table.rowCount()
            self.table.insertRow(row)
            title = QTableWidgetItem(translated(group))
            title.setFont(bold)
            self.table.setItem(row, 0, title)
            self.table.setSpan(row, 0, 1, 2)
            for g, text, keys in rows:
                if g != group:
                    continue
                row = self.table.rowCount()
                self.table.insertRow(row)
                self.table.setItem(row, 0, QTableWidgetItem("    " + text))
                self.table.setItem(row, 1, QTableWidgetItem(keys))
        layout.addWidget(self.table)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
