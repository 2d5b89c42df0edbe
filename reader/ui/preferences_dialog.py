"""Preferences: theme, text size, how soon a shown article counts as read, sort order, the
inbox folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
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
from reader.app.translations import LANGUAGES, QT_TRANSLATE_NOOP

THEMES = [
    (ThemeChoice.SYSTEM, QT_TRANSLATE_NOOP("PreferencesDialog", "Follow the system")),
    (ThemeChoice.LIGHT, QT_TRANSLATE_NOOP("PreferencesDialog", "Light")),
    (ThemeChoice.DARK, QT_TRANSLATE_NOOP("PreferencesDialog", "Dark")),
]


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.setWindowTitle(self.tr("Preferences"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        layout.addLayout(form)
        self.theme = QComboBox(self)
        for choice, label in THEMES:
            self.theme.addItem(QCoreApplication.translate("PreferencesDialog", label), choice.value)
        self.theme.setCurrentIndex([c for c, _ in THEMES].index(settings.theme))
        form.addRow(self.tr("&Theme:"), self.theme)
        self.font_size = QSpinBox(self)
        self.font_size.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(settings.font_size)
        form.addRow(self.tr("Article &text size:"), self.font_size)
        self.delay = QDoubleSpinBox(self)
        self.delay.setRange(0.0, 60.0)
        self.delay.setDecimals(1)
        self.delay.setSingleStep(0.5)
        self.delay.setSuffix(self.tr(" s"))
        self.delay.setSpecialValueText(self.tr("at once"))
        self.delay.setValue(settings.mark_read_delay_ms / 1000)
        self.delay.setToolTip(self.tr("How long an article stays shown before it is marked read"))
        form.addRow(self.tr("Mark &read after:"), self.delay)
        self.oldest_first = QCheckBox(self.tr("Show the &oldest articles first"), self)
        self.oldest_first.setChecked(not settings.newest_first)
        form.addRow("", self.oldest_first)
        self._add_inbox_row(form)
        self._add_language_row(form)
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

    def _add_language_row(self, form: QFormLayout) -> None:
        self.language = QComboBox(self)
        self.language.addItem(self.tr("As the system"), "")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(self.language.findData(self.settings.language), 0))
        form.addRow(self.tr("&Language:"), self.language)
        note = QLabel(self.tr("The window speaks the chosen language from its next start."), self)
        note.setWordWrap(True)
        note.setEnabled(False)
        form.addRow("", note)

    def _choose_inbox(self) -> None:
        start = self.inbox.text().strip() or str(Path.home())
        # Folders only: the dialog never reads a file (the library's among them).
        chosen = QFileDialog.getExistingDirectory(
            self, self.tr("Inbox folder"), start, QFileDialog.Option.ShowDirsOnly
        )
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
        self.settings.language = str(self.language.currentData() or "")
        super().accept()
