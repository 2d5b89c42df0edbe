"""Preferences: the dialog, and what its choices change at once — the look of the reading pane,
the refresh schedule, and what the library keeps (shared with the command line)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from reader.app.edit_controller import EditController
from reader.app.power import MeteredCheck, on_battery
from reader.app.refresh_controller import RefreshController
from reader.app.settings import Settings
from reader.app.translations import QT_TRANSLATE_NOOP
from reader.library import Library
from reader.ui.actions import WindowActions, command
from reader.ui.preferences_dialog import LibraryChoices
from reader.ui.prompts import Prompts
from reader.ui.status_bar import StatusBar

if TYPE_CHECKING:
    from reader.ui.preferences_dialog import PreferencesDialog


class PreferencesController(QObject):
    def __init__(
        self,
        *,
        library: Library,
        settings: Settings,
        edits: EditController,
        refresher: RefreshController,
        prompts: Prompts,
        status: StatusBar,
        actions: WindowActions,
        dialog_parent: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._settings = settings
        self._edits = edits
        self._refresher = refresher
        self._prompts = prompts
        self._status = status
        self._actions = actions
        self._dialog_parent = dialog_parent
        self._scheduling = False
        self._metered = MeteredCheck()
        self.dialog: PreferencesDialog | None = None
        settings.changed.connect(self._setting_changed)
        refresher.hold_when(self._hold_reason)
        refresher.held.connect(self._held)

    # -- the schedule ----------------------------------------------------------------------------
    def start_schedule(self) -> None:
        """Refresh feeds by themselves from now on, unless the reader asked not to."""
        self._scheduling = True
        if self._settings.automatic_refresh:
            self._refresher.start_schedule()

    def _hold_reason(self) -> str:
        if self._settings.refresh_on_battery:
            return ""
        if on_battery():
            return self.tr("on battery")
        if self._metered():
            return self.tr("on a metered connection")
        return ""

    def _held(self, reason: str) -> None:
        if reason:
            self._status.show_message(
                self.tr("Feeds are not refreshed by themselves while {reason}").format(
                    reason=reason
                )
            )

    def _setting_changed(self, key: str) -> None:
        if key != "refresh/automatic":
            return
        if not self._settings.automatic_refresh:
            self._refresher.stop_schedule()
        elif self._scheduling:
            self._refresher.start_schedule()

    # -- the dialog ------------------------------------------------------------------------------
    @command(
        "preferences",
        QT_TRANSLATE_NOOP("Action", "&Preferences…"),
        "Library",
        ("Ctrl+,",),
        icon="settings",
    )
    def show_preferences(self) -> None:
        from reader.ui.preferences_dialog import PreferencesDialog

        library = self._library
        choices = LibraryChoices(
            refresh_minutes=int(library.refresh_interval.total_seconds() // 60),
            retention_days=library.retention_days,
            keep_pages=library.keep_pages,
        )
        dialog = PreferencesDialog(self._settings, self._dialog_parent, library=choices)
        dialog.library_chosen.connect(lambda chosen: self._store(choices, chosen))
        dialog.accepted.connect(
            lambda: self._actions.oldest_first.setChecked(not self._settings.newest_first)
        )
        dialog.open()
        self.dialog = dialog

    def _store(self, before: LibraryChoices, chosen: LibraryChoices) -> None:
        """Keep in the library what the dialog changed there (one write each, in order)."""
        library, run = self._library, self._edits.run
        if chosen.refresh_minutes != before.refresh_minutes:
            run(lambda: library.set_refresh_interval(chosen.refresh_minutes))
        if chosen.retention_days != before.retention_days:
            run(lambda: library.set_retention(chosen.retention_days))
        if chosen.keep_pages != before.keep_pages:
            run(lambda: library.set_keep_pages(chosen.keep_pages))
            if not chosen.keep_pages:
                # Counted off the window's thread: it reads the whole library's statistics.
                run(lambda: library.stats().kept_pages, self._offer_to_drop_pages)

    def _offer_to_drop_pages(self, kept: int) -> None:
        if not kept or not self._prompts.confirm(
            self.tr("Kept pages"),
            self.tr(
                "New articles no longer keep their page. Delete the %n page(s) kept so far too?"
                "\n\nTheir articles stay; extracting one again then fetches its page from the"
                " web.",
                "",
                kept,
            ),
        ):
            return
        library = self._library

        def dropped(count: int) -> None:
            self._status.show_message(self.tr("Deleted %n kept page(s)", "", count))

        self._edits.run(library.drop_kept_pages, dropped)
