"""Preferences, in three tabs: reading (theme, font, text size, line length, when an article
counts as read, the order), feeds (how often to refresh, and how long read articles are kept)
and saved articles (keeping their pages, the inbox folder).

What changes the look is shown at once, as it is changed, and taken back on Cancel; the rest
applies on OK or Apply. What the command line shares (the refresh interval, retention, kept
pages) is kept in the library and handed to the window in :class:`LibraryChoices`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractButton,
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
    QSizePolicy,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.app.settings import (
    MAX_FONT_SIZE,
    MAX_LINE_CHARACTERS,
    MIN_FONT_SIZE,
    MIN_LINE_CHARACTERS,
    Settings,
    ThemeChoice,
)
from reader.app.translations import LANGUAGES, QT_TRANSLATE_NOOP
from reader.ui.feed_properties_dialog import fill_intervals

THEMES = [
    (ThemeChoice.SYSTEM, QT_TRANSLATE_NOOP("PreferencesDialog", "Follow the system")),
    (ThemeChoice.LIGHT, QT_TRANSLATE_NOOP("PreferencesDialog", "Light")),
    (ThemeChoice.DARK, QT_TRANSLATE_NOOP("PreferencesDialog", "Dark")),
]
# Days read feed articles are kept; None keeps them.
RETENTIONS = (7, 14, 30, 90, 180, 365)
# The look, previewed as it changes: (settings attribute, how the dialog reads it).
APPEARANCE = ("theme", "reading_font", "font_size", "line_characters")


@dataclass(frozen=True)
class LibraryChoices:
    """Preferences kept in the library, shared with the command line."""

    refresh_minutes: int
    retention_days: int | None
    keep_pages: bool


def _note(text: str, parent: QWidget) -> QLabel:
    note = QLabel(text, parent)
    note.setWordWrap(True)
    note.setEnabled(False)
    # As wide as the choices above it (a wrapping label alone keeps itself narrow).
    note.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
    return note


class PreferencesDialog(QDialog):
    # OK or Apply changed what the library keeps.
    library_chosen = Signal(object)  # LibraryChoices

    def __init__(
        self,
        settings: Settings,
        parent: QWidget | None = None,
        *,
        library: LibraryChoices | None = None,
    ) -> None:
        super().__init__(parent)
        self.settings = settings
        self._library = library or LibraryChoices(60, None, True)
        # The look as it was, for Cancel.
        self._appearance = {name: getattr(settings, name) for name in APPEARANCE}
        self.setWindowTitle(self.tr("Preferences"))
        # Wide enough for the notes under the choices to read as sentences, not columns.
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget(self)
        layout.addWidget(self.tabs)
        self._add_reading_tab()
        self._add_feeds_tab()
        self._add_saved_tab()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.Apply,
            self,
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.buttons.clicked.connect(self._clicked)
        layout.addWidget(self.buttons)
        for signal in (
            self.theme.currentIndexChanged,
            self.font_family.currentIndexChanged,
            self.font_size.valueChanged,
            self.line_characters.valueChanged,
        ):
            signal.connect(self._preview)

    # -- the tabs --------------------------------------------------------------------------------
    def _tab(self, title: str) -> QFormLayout:
        page = QWidget(self.tabs)
        form = QFormLayout(page)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.tabs.addTab(page, title)
        return form

    def _add_reading_tab(self) -> None:
        s = self.settings
        form = self._tab(self.tr("&Reading"))
        self.theme = QComboBox(self)
        for choice, label in THEMES:
            self.theme.addItem(QCoreApplication.translate("PreferencesDialog", label), choice.value)
        self.theme.setCurrentIndex([c for c, _ in THEMES].index(s.theme))
        form.addRow(self.tr("&Theme:"), self.theme)
        self.font_family = QComboBox(self)
        self.font_family.addItem(self.tr("Folio's serif (Source Serif, Charter, Georgia)"), "")
        for family in QFontDatabase.families():
            if not QFontDatabase.isPrivateFamily(family):
                self.font_family.addItem(family, family)
        found = self.font_family.findData(s.reading_font)
        if found < 0:  # a font no longer installed: kept, the text falls back to ours
            self.font_family.addItem(s.reading_font, s.reading_font)
            found = self.font_family.count() - 1
        self.font_family.setCurrentIndex(found)
        self.font_family.setAccessibleName(self.tr("Reading font"))
        form.addRow(self.tr("&Font:"), self.font_family)
        self.font_size = QSpinBox(self)
        self.font_size.setRange(MIN_FONT_SIZE, MAX_FONT_SIZE)
        self.font_size.setSuffix(self.tr(" pt"))
        self.font_size.setValue(s.font_size)
        form.addRow(self.tr("Text si&ze:"), self.font_size)
        self.line_characters = QSpinBox(self)
        self.line_characters.setRange(MIN_LINE_CHARACTERS, MAX_LINE_CHARACTERS)
        self.line_characters.setSingleStep(5)
        self.line_characters.setSuffix(self.tr(" characters"))
        self.line_characters.setValue(s.line_characters)
        self.line_characters.setToolTip(
            self.tr("How long a line of the article is at most; a narrow window makes it shorter")
        )
        form.addRow(self.tr("&Line length:"), self.line_characters)
        self.delay = QDoubleSpinBox(self)
        self.delay.setRange(0.0, 60.0)
        self.delay.setDecimals(1)
        self.delay.setSingleStep(0.5)
        self.delay.setSuffix(self.tr(" s"))
        self.delay.setSpecialValueText(self.tr("at once"))
        self.delay.setValue(s.mark_read_delay_ms / 1000)
        self.delay.setToolTip(self.tr("How long an article stays shown before it is marked read"))
        form.addRow(self.tr("&Mark read after:"), self.delay)
        self.oldest_first = QCheckBox(self.tr("Show the &oldest articles first"), self)
        self.oldest_first.setChecked(not s.newest_first)
        form.addRow("", self.oldest_first)
        self._add_language_row(form)

    def _add_feeds_tab(self) -> None:
        form = self._tab(self.tr("F&eeds"))
        self.refresh = QComboBox(self)
        self.refresh.addItem(self.tr("Only when I ask"), 0)
        fill_intervals(self.refresh, self._library.refresh_minutes, default_label=None)
        minutes = self._library.refresh_minutes if self.settings.automatic_refresh else 0
        self.refresh.setCurrentIndex(max(0, self.refresh.findData(minutes)))
        self.refresh.setAccessibleName(self.tr("How often to refresh feeds"))
        form.addRow(self.tr("Re&fresh feeds:"), self.refresh)
        self.on_battery = QCheckBox(self.tr("Also on &battery or a metered connection"), self)
        self.on_battery.setChecked(self.settings.refresh_on_battery)
        form.addRow("", self.on_battery)
        form.addRow(
            "",
            _note(
                self.tr(
                    "Feeds are refreshed in the background while Folio is open; a feed can have"
                    " its own interval in its properties."
                ),
                self,
            ),
        )
        self.retention = QComboBox(self)
        self.retention.addItem(self.tr("Keep them"), None)
        days = self._library.retention_days
        for value in sorted({*RETENTIONS, *([days] if days else [])}):
            self.retention.addItem(
                self.tr("Delete {days} days after reading").format(days=value), value
            )
        self.retention.setCurrentIndex(max(0, self.retention.findData(days)))
        self.retention.setAccessibleName(self.tr("Read feed articles"))
        form.addRow(self.tr("Read feed &articles:"), self.retention)
        form.addRow(
            "",
            _note(
                self.tr(
                    "Applied to each feed as it is refreshed (an article still in its feed"
                    " stays). Starred, tagged, archived, highlighted and annotated articles and"
                    " saved pages are never deleted."
                ),
                self,
            ),
        )

    def _add_saved_tab(self) -> None:
        form = self._tab(self.tr("&Saved articles"))
        self.keep_pages = QCheckBox(self.tr("&Keep the page each article was saved from"), self)
        self.keep_pages.setChecked(self._library.keep_pages)
        form.addRow("", self.keep_pages)
        form.addRow(
            "",
            _note(
                self.tr(
                    "A kept page lets Folio extract the article again later without the web,"
                    " and survives the page going away; it takes room in the library."
                ),
                self,
            ),
        )
        self._add_inbox_row(form)

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
        form.addRow(
            "",
            _note(
                self.tr(
                    "Pages saved into this folder from the browser (.html, .mhtml, .txt, .md)"
                    " are added while Folio runs, then moved to its “done” subfolder (or"
                    " “failed”, with the reason)."
                ),
                self,
            ),
        )
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
        form.addRow(self.tr("Lan&guage:"), self.language)
        form.addRow(
            "", _note(self.tr("The window speaks the chosen language from its next start."), self)
        )

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
            self.tabs.setCurrentIndex(2)
            self.inbox.setFocus()
            raise ValueError(text)
        return folder.absolute()

    # -- applying --------------------------------------------------------------------------------
    def _preview(self) -> None:
        """The look as chosen so far, shown in the window at once."""
        chosen = {
            "theme": ThemeChoice(self.theme.currentData()),
            "reading_font": str(self.font_family.currentData() or ""),
            "font_size": self.font_size.value(),
            "line_characters": self.line_characters.value(),
        }
        for name, value in chosen.items():
            if getattr(self.settings, name) != value:
                setattr(self.settings, name, value)

    def library_choices(self) -> LibraryChoices:
        minutes = int(self.refresh.currentData() or 0)
        return LibraryChoices(
            refresh_minutes=minutes or self._library.refresh_minutes,
            retention_days=self.retention.currentData(),
            keep_pages=self.keep_pages.isChecked(),
        )

    def apply(self) -> bool:
        """Store every choice; False (nothing stored) when one is not possible."""
        try:
            inbox = self._inbox_choice()
        except ValueError:
            return False
        s = self.settings
        self._preview()
        self._appearance = {name: getattr(s, name) for name in APPEARANCE}
        s.inbox_folder = inbox
        s.mark_read_delay_ms = round(self.delay.value() * 1000)
        s.newest_first = not self.oldest_first.isChecked()
        s.language = str(self.language.currentData() or "")
        if s.automatic_refresh != bool(self.refresh.currentData()):
            s.automatic_refresh = bool(self.refresh.currentData())
        if s.refresh_on_battery != self.on_battery.isChecked():
            s.refresh_on_battery = self.on_battery.isChecked()
        chosen = self.library_choices()
        if chosen != self._library:
            self._library = chosen
            self.library_chosen.emit(chosen)
        return True

    def _clicked(self, button: QAbstractButton) -> None:
        if button is self.buttons.button(QDialogButtonBox.StandardButton.Apply):
            self.apply()

    def accept(self) -> None:
        if self.apply():
            super().accept()

    def reject(self) -> None:
        for name, value in self._appearance.items():
            if getattr(self.settings, name) != value:
                setattr(self.settings, name, value)
        super().reject()
