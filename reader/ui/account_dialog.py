"""The sync account: adding one (server, user, API password, with a test of the connection),
then seeing how its sync stands, syncing now and removing it.

The dialog only shows and asks; the work (which talks to the server) is done elsewhere and its
answers come back through :meth:`AccountDialog.show_test_result`, :meth:`show_account` and
:meth:`show_sync_state`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.ui.account_section import status_line
from reader.ui.icons import icon
from reader.ui.status_bar import sentence

if TYPE_CHECKING:
    from reader.library.sync import AccountStatus

# The look of the other dialogs' error line (see FormDialog).
ERROR_STYLE = "color: palette(bright-text); background: #b3261e; padding: 6px;"


class AccountDialog(QDialog):
    """Two pages: the form that adds an account, and the account once there is one."""

    test_requested = Signal(str, str, str)  # server, user, password
    add_requested = Signal(str, str, str)
    sync_requested = Signal()
    remove_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Sync Account"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Sync subscriptions, folders, read and starred articles with a server that"
                " speaks the Google Reader API: Miniflux, FreshRSS, Inoreader, The Old Reader,"
                " BazQux. Saved articles stay on this computer."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        # One page shows at a time. Not a QStackedWidget: it would take the tallest page's
        # height, and tell the layout nothing of how its wrapped lines fit the width.
        self.form_page = self._build_form()
        self.account_page = self._build_account()
        layout.addWidget(self.form_page)
        layout.addWidget(self.account_page)
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.setMaximumHeight(6)
        self.busy.hide()
        layout.addWidget(self.busy)
        self.buttons = QDialogButtonBox(self)
        self.add_button = self.buttons.addButton(
            self.tr("&Add Account"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.sync_button = self.buttons.addButton(
            self.tr("&Sync Now"), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.sync_button.setIcon(icon("sync"))
        self.remove_button = self.buttons.addButton(
            self.tr("&Remove Account…"), QDialogButtonBox.ButtonRole.DestructiveRole
        )
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.add_button.clicked.connect(self._add)
        self.sync_button.clicked.connect(self.sync_requested)
        self.remove_button.clicked.connect(self.remove_requested)
        self.close_button.clicked.connect(self.reject)
        layout.addWidget(self.buttons)
        self._busy_now = False
        # Wide enough for a status line on two lines; the height follows what is shown.
        self.resize(580, self.minimumSizeHint().height())
        self.show_form()
        self._fit_now()

    # -- building ------------------------------------------------------------------------------
    def _build_form(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setContentsMargins(0, 8, 0, 0)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        self.server = QLineEdit(page)
        self.server.setPlaceholderText("https://rss.example.org")
        self.server.setAccessibleName(self.tr("Server address"))
        form.addRow(self.tr("&Server:"), self.server)
        self.user = QLineEdit(page)
        self.user.setAccessibleName(self.tr("User name"))
        form.addRow(self.tr("&User name:"), self.user)
        self.password = QLineEdit(page)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setAccessibleName(self.tr("API password"))
        form.addRow(self.tr("API &password:"), self.password)
        hint = QLabel(
            self.tr(
                "Often not the password you log in with. Miniflux: Settings → Integrations →"
                " Google Reader. FreshRSS: Profile → API management."
            ),
            page,
        )
        hint.setWordWrap(True)
        hint.setEnabled(False)
        # Lines that wrap take the dialog's whole width: in the field column alone a form
        # squeezes them to a narrow column.
        form.addRow(hint)
        self.test_button = QPushButton(self.tr("&Test Connection"), page)
        self.test_button.setAutoDefault(False)
        self.test_button.clicked.connect(self._test)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addStretch(1)
        form.addRow(row)
        # What the test (or adding) found: what the server holds, or the one-line cause.
        self.connection_result = QLabel(page)
        self.connection_result.setObjectName("connectionResult")
        self.connection_result.setWordWrap(True)
        self.connection_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.connection_result.hide()
        form.addRow(self.connection_result)
        for field in (self.server, self.user, self.password):
            field.textEdited.connect(self._typed)
        return page

    def _build_account(self) -> QWidget:
        page = QWidget(self)
        form = QFormLayout(page)
        form.setContentsMargins(0, 8, 0, 0)
        selectable = Qt.TextInteractionFlag.TextSelectableByMouse
        self.server_label = QLabel(page)
        self.server_label.setTextInteractionFlags(selectable)
        form.addRow(self.tr("Server:"), self.server_label)
        self.user_label = QLabel(page)
        self.user_label.setTextInteractionFlags(selectable)
        form.addRow(self.tr("User name:"), self.user_label)
        self.password_label = QLabel(page)
        self.password_label.setWordWrap(True)
        form.addRow(self.tr("API password:"), self.password_label)
        self.status_label = QLabel(page)
        self.status_label.setObjectName("accountStatus")
        self.status_label.setWordWrap(True)
        self.status_label.setTextInteractionFlags(selectable)
        form.addRow(self.tr("Status:"), self.status_label)
        # Said once, when the account was added: where the password went when no keyring
        # answered.
        self.warning = QLabel(page)
        self.warning.setObjectName("accountWarning")
        self.warning.setWordWrap(True)
        self.warning.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.warning_icon = QLabel(page)
        self.warning_icon.setPixmap(icon("warning").pixmap(18, 18))
        self.warning_icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        row = QHBoxLayout()
        row.addWidget(self.warning_icon, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.warning, 1)
        form.addRow(row)
        self._show_warning(None)
        return page

    # -- the form --------------------------------------------------------------------------------
    def show_form(self, *, server: str = "", user: str = "") -> None:
        """The page that adds an account (with the server and user of a removed one)."""
        self.server.setText(server)
        self.user.setText(user)
        self.password.clear()
        self.connection_result.hide()
        self._turn_to(self.form_page)
        self.add_button.show()
        self.add_button.setDefault(True)
        self.sync_button.hide()
        self.remove_button.hide()
        self.close_button.setText(self.tr("Cancel"))
        self.set_busy(False)
        (self.password if server and user else self.server).setFocus()

    def _fields(self) -> tuple[str, str, str] | None:
        server, user = self.server.text().strip(), self.user.text().strip()
        password = self.password.text()
        for field, value, message in (
            (self.server, server, self.tr("Enter the server's address.")),
            (self.user, user, self.tr("Enter your user name on the server.")),
            (self.password, password, self.tr("Enter the API password.")),
        ):
            if not value:
                self.show_test_result(False, message)
                field.setFocus()
                return None
        return server, user, password

    def _test(self) -> None:
        fields = self._fields()
        if fields is not None:
            self.set_busy(True, self.tr("Connecting to {server}…").format(server=fields[0]))
            self.test_requested.emit(*fields)

    def _add(self) -> None:
        fields = self._fields()
        if fields is not None:
            self.set_busy(True, self.tr("Connecting to {server}…").format(server=fields[0]))
            self.add_requested.emit(*fields)

    def _typed(self, _text: str) -> None:
        # What the test said was about what was typed before.
        if not self._busy_now and self.connection_result.isVisible():
            self.connection_result.hide()
            self._fit()

    def show_test_result(self, ok: bool, text: str) -> None:
        """What the test of the connection found, or why it (or adding) failed."""
        self.set_busy(False)
        if ok:
            self.connection_result.setStyleSheet("")
            self.connection_result.setText("✓ " + sentence(text))
        else:
            self.connection_result.setStyleSheet(ERROR_STYLE)
            self.connection_result.setText(sentence(text))
        self.connection_result.show()
        self._fit()

    def set_busy(self, busy: bool, text: str = "") -> None:
        """Talking to the server: the form waits, and ``text`` says what for."""
        self._busy_now = busy
        self.busy.setVisible(busy)
        for widget in (self.server, self.user, self.password, self.test_button, self.add_button):
            widget.setEnabled(not busy)
        if busy:
            self.connection_result.setStyleSheet("")
            self.connection_result.setText(text)
            self.connection_result.setVisible(bool(text))
        self.setCursor(Qt.CursorShape.BusyCursor if busy else Qt.CursorShape.ArrowCursor)
        self._fit()

    # -- the account -----------------------------------------------------------------------------
    def show_account(
        self, status: AccountStatus, *, syncing: bool = False, warning: str | None = None
    ) -> None:
        """The page of an account that exists; ``warning`` is said when it was just added."""
        self.set_busy(False)
        self._turn_to(self.account_page)
        self.server_label.setText(status.url)
        self.user_label.setText(status.username)
        if status.password_in == "keyring":
            where = self.tr("Kept in the system keyring")
        else:
            where = self.tr("Kept in a file only you can read (no system keyring answered)")
        self.password_label.setText(where)
        self.add_button.hide()
        self.sync_button.show()
        self.remove_button.show()
        self.close_button.setText(self.tr("Close"))
        self._show_warning(warning)
        self.show_sync_state(status, syncing=syncing)
        self.sync_button.setDefault(True)

    def show_sync_state(
        self, status: AccountStatus | None, *, syncing: bool, progress: str = ""
    ) -> None:
        """How the sync stands now: its status line, or what a running sync is doing."""
        self.sync_button.setEnabled(not syncing)
        self.remove_button.setEnabled(not syncing)
        self.busy.setVisible(syncing)
        if syncing:
            self.status_label.setStyleSheet("")
            self.status_label.setText(progress or self.tr("Syncing…"))
        elif status is not None:
            failed = status.status == "error"
            self.status_label.setStyleSheet(ERROR_STYLE if failed else "")
            self.status_label.setText(status_line(status))
        self._fit()

    def _show_warning(self, warning: str | None) -> None:
        self.warning.setText(sentence(warning) + "." if warning else "")
        self.warning.setVisible(bool(warning))
        self.warning_icon.setVisible(bool(warning))
        self._fit()

    def _turn_to(self, page: QWidget) -> None:
        for other in (self.form_page, self.account_page):
            other.setVisible(other is page)
        self._fit()

    def _fit(self) -> None:
        # Once the labels have taken their new style (an error's padding, say).
        QTimer.singleShot(0, self, self._fit_now)

    def _fit_now(self) -> None:
        """The height the text shown takes at the dialog's width: Qt's size hint is made for
        a narrow width, where wrapped lines ask for more height than they take here."""
        layout = self.layout()
        if layout is None:
            return
        # What was just shown or hidden counts only once the layouts forget their sizes.
        for page in (getattr(self, "form_page", None), getattr(self, "account_page", None)):
            page_layout = page.layout() if page is not None else None
            if page_layout is not None:
                page_layout.invalidate()
        layout.invalidate()
        width = max(self.width(), self.minimumWidth())
        height = layout.totalHeightForWidth(width)
        if height > 0:
            self.resize(width, height)

    @property
    def on_account_page(self) -> bool:
        return not self.account_page.isHidden()
