"""Preferences: theme, text size, how soon a shown article counts as read, sort order, the
inbox folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.app.settings import MAX_FONT_SIZE, MIN_FONT_SIZE, Settings, ThemeChoice
from reader.ui.file_dialogs import get_existing_directory

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
        self._add_inbox_row(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _add_inbox_row(self, form: QFormLayout) -> None:
        self.inbox = QLineEdit(self)
        self.inbox.setPlaceholderText(self.tr("None"))
        self.inbox.setClearButtonEnabled(True)
        self.inbox.setMinimumWidth(self.fontMetrics().averageCharWidth() * 44)
        folder = self.settings.inbox_folder
        self.inbox.setText(str(folder) if folder is not None else "")
        # The start of a long path says more than its end.
        self.inbox.setCursorPosition(0)
        choose = QPushButton(self.tr("C&hoose…"), self)
        choose.clicked.connect(self._choose_inbox)
        row = QHBoxLayout()
        row.addWidget(self.inbox, 1)
        row.addWidget(choose)
        label = QLabel(self.tr("&Inbox folder:"), self)
        label.setBuddy(self.inbox)
        form.addRow(label, row)
        note = QLabel(
            self.tr(
                "Pages saved into this folder from the browser (.html, .mhtml, .txt, .md) are"
                " added while Folio runs, then moved to its “done” subfolder (or “failed”,"
                " with the reason)."
            ),
            self,
        )
        note.setWordWrap(True)
        note.setEnabled(False)
        form.addRow("", note)
        self.inbox_error = QLabel(self)
        self.inbox_error.setObjectName("dialogError")
        self.inbox_error.setWordWrap(True)
        # The look of the other dialogs' error line.
        self.inbox_error.setStyleSheet(
            "color: palette(bright-text); background: #b3261e; padding: 6px;"
        )
        self.inbox_error.hide()
        form.addRow("", self.inbox_error)
        self.inbox.textEdited.connect(lambda _text: self.inbox_error.hide())

    def _choose_inbox(self) -> None:
        start = self.inbox.text().strip() or str(Path.home())
        # The window's own dialog (see reader/ui/file_dialogs.py): it never reads a file, the
        # library's among them.
        chosen = get_existing_directory(self, self.tr("Inbox folder"), start)
        if chosen:
            self.inbox.setText(chosen)
            self.inbox_error.hide()

    def _inbox_choice(self) -> Path | None:
        """The folder typed or chosen, None for none; shows why and raises ValueError when
        it is not a folder."""
        text = self.inbox.text().strip()
        if not text:
            return None
        folder = Path(text).expanduser()
        if not folder.is_dir():
            self.inbox_error.setText(self.tr("There is no folder {path}").format(path=text))
            self.inbox_error.show()
            # Room for the message below the rest, which stays as it was.
            self.resize(self.width(), self.heightForWidth(self.width()))
            self.inbox.setFocus()
            raise ValueError(text)
        return folder.absolute()

    def accept(self) -> None:
        try:
            inbox = self._inbox_choice()
        except ValueError:
            return
        self.settings.inbox_folder = inbox
        self.settings.theme = ThemeChoice(self.theme.currentData())
        self.settings.font_size = self.font_size.value()
        self.settings.mark_read_delay_ms = round(self.delay.value() * 1000)
        self.settings.newest_first = not self.oldest_first.isChecked()
        super().accept()
