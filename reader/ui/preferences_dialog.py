"""Preferences: theme, text size, how soon a shown article counts as read, sort order."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.app.settings import MAX_FONT_SIZE, MIN_FONT_SIZE, Settings, ThemeChoice

THEMES = [
    (ThemeChoice.SYSTEM, "Follow the system"),
    (ThemeChoice.LIGHT, "Light"),
    (ThemeChoice.DARK, "Dark"),
]


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle("Preferences")
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.theme = QComboBox(self)
        for choice, label in THEMES:
            self.theme.addItem(label, choice.value)
        self.theme.setCurrentIndex([c for c, _ in THEMES].index(settings.theme))
        form.addRow("&Theme:", self.theme)
        self.font_size = QSpinBox(self)
        self.font_size.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.font_size.setSuffix(" pt")
        self.font_size.setValue(settings.font_size)
        form.addRow("Article &text size:", self.font_size)
        self.delay = QDoubleSpinBox(self)
        self.delay.setRange(0.0, 60.0)
        self.delay.setDecimals(1)
        self.delay.setSingleStep(0.5)
        self.delay.setSuffix(" s")
        self.delay.setSpecialValueText("at once")
        self.delay.setValue(settings.mark_read_delay_ms / 1000)
        self.delay.setToolTip("How long an article stays shown before it is marked read")
        form.addRow("Mark &read after:", self.delay)
        self.oldest_first = QCheckBox("Show the &oldest articles first", self)
        self.oldest_first.setChecked(not settings.newest_first)
        form.addRow("", self.oldest_first)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def accept(self) -> None:
        self.settings.theme = ThemeChoice(self.theme.currentData())
        self.settings.font_size = self.font_size.value()
        self.settings.mark_read_delay_ms = round(self.delay.value() * 1000)
        self.settings.newest_first = not self.oldest_first.isChecked()
        super().accept()
