"""Sync from the window: the account dialog, "Sync Now", the account's item in the sidebar and
its status in the status bar, and a sync after each full refresh.

The status line is the library's own (``AccountStatus.line()``, which ``folio account list``
prints too): the sidebar item's tooltip, the dialog and, after a failed sync, the status bar
all say the same one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QModelIndex, QObject
from PySide6.QtWidgets import QWidget

from reader.app.library_events import ChangeBatch, LibraryEvents
from reader.app.refresh_controller import RefreshController
from reader.app.sync_controller import SyncController, SyncResult
from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.errors import UserError
from reader.ui.account_dialog import AccountDialog
from reader.ui.account_section import account_node, report_line, server_name, status_line
from reader.ui.actions import WindowActions, command
from reader.ui.prompts import Prompts
from reader.ui.sidebar_controller import SidebarController
from reader.ui.sidebar_model import NodeKind, SidebarModel
from reader.ui.sidebar_view import SidebarView
from reader.ui.status_bar import CRASH_TIMEOUT_MS, RESULT_TIMEOUT_MS, StatusBar, sentence

if TYPE_CHECKING:
    from reader.library.sync import AccountStatus, AddedAccount


class SyncCommandsController(QObject):
    def __init__(
        self,
        *,
        syncer: SyncController,
        refresher: RefreshController,
        events: LibraryEvents,
        sidebar: SidebarController,
        model: SidebarModel,
        view: SidebarView,
        prompts: Prompts,
        status: StatusBar,
        actions: WindowActions,
        dialog_parent: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._syncer = syncer
        self._sidebar = sidebar
        self._model = model
        self._prompts = prompts
        self._status_bar = status
        self._dialog_parent = dialog_parent
        self.account_dialog: AccountDialog | None = None
        # The account as last read (None: there is none, or it was not read yet).
        self._account: AccountStatus | None = None
        self._reading = False
        self._read_again = False
        # The account is being removed: the dialog says so until it is done.
        self._removing = False
        # What the running sync shows in the status bar (nothing, when it is a quiet one).
        self._loud = False
        self._progress = ""
        # "Refresh All" was asked for: a sync follows the refresh.
        self._sync_after_refresh = False
        syncer.started.connect(self._sync_started)
        syncer.progressed.connect(self._sync_progressed)
        syncer.finished.connect(self._sync_finished)
        actions.refresh_all.triggered.connect(self._refresh_all_asked)
        refresher.finished.connect(self._refresh_ended)
        refresher.failed.connect(self._refresh_ended)
        events.changed.connect(self._library_changed)
        sidebar.tree_loaded.connect(self._show_in_sidebar)
        view.clicked.connect(self._item_clicked)
        view.activated.connect(self._item_clicked)
        # The window reads the account's status once it is on screen (read_status).

    @property
    def account(self) -> AccountStatus | None:
        """The account as last read; None when there is none (or it was not read yet)."""
        return self._account

    # -- commands --------------------------------------------------------------------------------
    @command(
        "sync_now",
        QT_TRANSLATE_NOOP("Action", "S&ync Now"),
        "Library",
        ("Shift+F5",),
        icon="sync",
        tip=QT_TRANSLATE_NOOP(
            "Action", "Send the changes made here to the sync server and fetch what changed there"
        ),
    )
    def sync_now(self) -> None:
        # Without an account the sync finds none and the dialog opens to add one.
        self._syncer.sync()
        self._show_state()

    @command(
        "sync_account",
        QT_TRANSLATE_NOOP("Action", "Sync A&ccount…"),
        "Library",
        tip=QT_TRANSLATE_NOOP("Action", "Add, see or remove the account Folio syncs with"),
    )
    def show_account(self) -> None:
        dialog = self.account_dialog
        if dialog is not None and dialog.isVisible():
            dialog.raise_()
            dialog.activateWindow()
            return
        if dialog is None:
            # One dialog, shown again each time: the window does not collect hidden ones.
            dialog = self.account_dialog = AccountDialog(self._dialog_parent)
            dialog.test_requested.connect(lambda *fields: self._test(dialog, *fields))
            dialog.add_requested.connect(lambda *fields: self._add(dialog, *fields))
            dialog.sync_requested.connect(self.sync_now)
            dialog.remove_requested.connect(lambda: self._remove(dialog))
        if self._account is not None:
            dialog.show_account(self._account, syncing=self._syncer.running)
            if self._syncer.running:
                dialog.show_sync_state(self._account, syncing=True, progress=self._progress)
        else:
            dialog.show_form()
        dialog.open()

    # -- the dialog's requests -------------------------------------------------------------------
    def _test(self, dialog: AccountDialog, server: str, user: str, password: str) -> None:
        self._syncer.test_connection(
            server,
            user,
            password,
            lambda line: dialog.show_test_result(True, line),
            lambda exc: dialog.show_test_result(False, _message(exc)),
        )

    def _add(self, dialog: AccountDialog, server: str, user: str, password: str) -> None:
        def added(result: AddedAccount) -> None:
            self._set_account(result.status)
            message = self.tr("Added the sync account {user} at {server}").format(
                user=result.status.username, server=server_name(result.status.url)
            )
            if result.warning and not dialog.isVisible():
                # Closed while the account was being added: the warning is said here instead.
                message += "; " + result.warning
            dialog.show_account(result.status, warning=result.warning)
            self._status_bar.show_message(message)
            # What the server holds comes in at once.
            self._syncer.sync()
            self._show_state()

        self._syncer.add_account(
            server,
            user,
            password,
            added,
            lambda exc: dialog.show_test_result(False, _message(exc)),
        )

    def _remove(self, dialog: AccountDialog) -> None:
        account = self._account
        if account is None:
            return
        question = self.tr(
            "Remove the sync account {user} at {server}?\n\nThe library keeps all its feeds"
            " and articles; they no longer sync with the server."
        ).format(user=account.username, server=server_name(account.url))
        if account.pending == 1:
            question += " " + self.tr("One change made here has not been sent and never will be.")
        elif account.pending:
            question += " " + self.tr(
                "{count} changes made here have not been sent and never will be."
            ).format(count=QLocale().toString(account.pending))
        if not self._prompts.confirm(self.tr("Remove Sync Account"), question):
            return

        def removed(old: AccountStatus) -> None:
            self._removing = False
            self._set_account(None)
            # Adding it again (with a new password, say) starts from what it was.
            dialog.show_form(server=old.url, user=old.username)
            self._status_bar.show_message(
                self.tr(
                    "Removed the sync account {user} at {server}; the library keeps everything"
                    " it holds"
                ).format(user=old.username, server=server_name(old.url))
            )

        def failed(exc: BaseException) -> None:
            self._removing = False
            dialog.show_sync_state(self._account, syncing=False)
            self._prompts.show_error(self.tr("Remove Sync Account"), _message(exc))

        try:
            self._syncer.remove_account(removed, failed)
        except UserError as exc:
            failed(exc)
            return
        self._removing = True
        dialog.show_sync_state(account, syncing=True, progress=self.tr("Removing the account…"))

    # -- syncing ---------------------------------------------------------------------------------
    def _sync_started(self, quiet: bool) -> None:
        self._loud = not quiet
        self._progress = ""
        if self._loud:
            self._status_bar.start_progress(self.tr("Syncing…"))
        self._show_state()

    def _sync_progressed(self, done: int, total: int) -> None:
        self._progress = self.tr("Syncing: {done} of {total} new articles").format(
            done=QLocale().toString(done), total=QLocale().toString(total)
        )
        if self._loud:
            self._status_bar.set_progress(done, total, self._progress)
        self._show_state()

    def _sync_finished(self, result: SyncResult) -> None:
        loud, self._loud = self._loud, False
        self._progress = ""
        if loud:
            self._status_bar.end_progress()
        if result.no_account:
            self._set_account(None)
            if not result.quiet:
                self.show_account()
            return
        before = self._account
        if result.status is not None:
            self._set_account(result.status)
        else:
            # Its status could not be read just now (that was logged): try again.
            self._show_state()
            self.read_status()
        if result.error is not None:
            status = result.status
            line = status_line(status) if status is not None else sentence(result.error)
            # The schedule tries again and again while the server is down: the same failure
            # is said once, and stays in the sidebar.
            repeated = (
                result.quiet
                and before is not None
                and status is not None
                and before.status == "error"
                and before.message == status.message
            )
            if result.internal:
                self._status_bar.show_crash(line)
            elif not repeated:
                self._status_bar.show_message(line, CRASH_TIMEOUT_MS)
            return
        report = result.report
        if report is None:
            return
        recovered = before is not None and before.status == "error"
        if not result.quiet or recovered or report.new_articles:
            self._status_bar.show_message(report_line(report), RESULT_TIMEOUT_MS)

    def _refresh_all_asked(self) -> None:
        self._sync_after_refresh = True

    def _refresh_ended(self, _result: object) -> None:
        if self._sync_after_refresh and self._account is not None:
            self._syncer.sync(quiet=True)
        self._sync_after_refresh = False

    # -- the account's status --------------------------------------------------------------------
    def read_status(self) -> None:
        """Read the account's status in the background and show it."""
        if self._reading:
            self._read_again = True
            return
        self._reading = True
        self._syncer.read_status(self._status_read, self._status_failed)

    def _status_read(self, status: AccountStatus | None) -> None:
        self._reading = False
        self._set_account(status)
        if self._read_again:
            self._read_again = False
            self.read_status()

    def _status_failed(self, _exc: BaseException) -> None:
        self._reading = False

    def _library_changed(self, batch: ChangeBatch) -> None:
        # A change to something that syncs is queued: "N changes waiting" follows it.
        if self._account is not None or "sync" in batch.kinds:
            self.read_status()

    def _set_account(self, status: AccountStatus | None) -> None:
        self._account = status
        self._show_state()
        dialog = self.account_dialog
        if dialog is None or not dialog.isVisible() or dialog.busy.isVisible():
            return
        # The account came or went while the dialog was open (its first read, say).
        if status is not None and not dialog.on_account_page:
            dialog.show_account(status, syncing=self._syncer.running)
        elif status is None and dialog.on_account_page:
            dialog.show_form()

    def _show_state(self) -> None:
        self._show_in_sidebar()
        dialog = self.account_dialog
        if (
            dialog is not None
            and dialog.on_account_page
            and self._account is not None
            and not self._removing
        ):
            dialog.show_sync_state(
                self._account, syncing=self._syncer.running, progress=self._progress
            )

    def _show_in_sidebar(self) -> None:
        if self._account is not None:
            self._model.update_node(account_node(self._account, syncing=self._syncer.running))

    def _item_clicked(self, index: QModelIndex) -> None:
        node = self._model.node(index)
        if node is not None and node.kind is NodeKind.ACCOUNT:
            self._sidebar.show_current()
            self.show_account()


def _message(exc: BaseException) -> str:
    if isinstance(exc, UserError):
        return sentence(str(exc))
    return f"{type(exc).__name__}: {exc}"
