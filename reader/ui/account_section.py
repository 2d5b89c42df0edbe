"""The sync account in the sidebar: one item whose label, icon and tooltip say how its sync
stands, in the words of ``folio account list``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication

from reader.library import Library
from reader.library.sync import AccountStatus
from reader.library.views import SidebarCounts
from reader.ui.article_delegate import short_date
from reader.ui.sidebar_keys import AccountKey, SidebarKey
from reader.ui.sidebar_model import NodeKind, SidebarNode

SECTION_KEY = "account"
ACCOUNT_KEY = AccountKey()


def _tr(text: str) -> str:
    return QCoreApplication.translate("AccountSection", text)


class AccountSection:
    """The account, when the library has one. ``syncing`` says whether a sync runs now (it is
    asked on the thread that builds the section)."""

    key = SECTION_KEY
    always_shown = False

    def __init__(self, syncing: Callable[[], bool] = lambda: False) -> None:
        self.title = _tr("Sync")
        self._syncing = syncing

    def build(self, library: Library) -> list[SidebarNode]:
        status = library.sync.status()
        return [] if status is None else [account_node(status, syncing=self._syncing())]

    def counts(
        self, library: Library, nodes: Sequence[SidebarNode], shared: SidebarCounts
    ) -> dict[SidebarKey, int]:
        return {}


def server_name(url: str) -> str:
    """The server as people name it: its host (and port), without the scheme."""
    parts = urlsplit(url)
    return (parts.netloc + parts.path.rstrip("/")) or url


def account_label(status: AccountStatus, *, syncing: bool, now: datetime | None = None) -> str:
    """A few words for the sidebar row; the whole status line is in its tooltip."""
    if syncing:
        return _tr("Syncing…")
    if status.status == "error":
        if status.last_attempt is None:
            return _tr("Sync failed")
        return _tr("Sync failed {when}").format(when=short_date(status.last_attempt, now))
    if status.status == "new" or status.last_success is None:
        return _tr("Not synced yet")
    return _tr("Synced {when}").format(when=short_date(status.last_success, now))


def account_node(
    status: AccountStatus, *, syncing: bool, now: datetime | None = None
) -> SidebarNode:
    """The sidebar item of the account. A failed sync shows as a failing feed does: the
    warning icon and the error colour, with the cause in the tooltip."""
    who = _tr("{user} at {server}").format(user=status.username, server=server_name(status.url))
    line = _tr("Syncing now…") if syncing else status.line()
    return SidebarNode(
        NodeKind.ACCOUNT,
        ACCOUNT_KEY,
        account_label(status, syncing=syncing, now=now),
        icon_name="sync",
        error=status.line() if status.status == "error" and not syncing else None,
        tooltip=f"{who}\n{line}",
        payload=status,
    )
