"""The sync account in the sidebar: one item whose label, icon and tooltip say how its sync
stands, in the words of ``folio account list``."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QObject

from reader.library import Library
from reader.library.views import SidebarCounts
from reader.ui.article_delegate import short_date
from reader.ui.sidebar_keys import AccountKey, SidebarKey
from reader.ui.sidebar_model import NodeKind, SidebarNode

if TYPE_CHECKING:
    from reader.library.sync import AccountStatus, SyncReport

SECTION_KEY = "account"
ACCOUNT_KEY = AccountKey()


class AccountSection:
    """The account, when the library has one. ``syncing`` says whether a sync runs now (it is
    asked on the thread that builds the section)."""

    key = SECTION_KEY
    always_shown = False

    def __init__(self, syncing: Callable[[], bool] = lambda: False) -> None:
        self.title = QCoreApplication.translate("AccountSection", "Sync")
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
        return QCoreApplication.translate("AccountSection", "Syncing…")
    if status.status == "error":
        if status.last_attempt is None:
            return QCoreApplication.translate("AccountSection", "Sync failed")
        return QCoreApplication.translate("AccountSection", "Sync failed {when}").format(
            when=short_date(status.last_attempt, now)
        )
    if status.status == "new" or status.last_success is None:
        return QCoreApplication.translate("AccountSection", "Not synced yet")
    return QCoreApplication.translate("AccountSection", "Synced {when}").format(
        when=short_date(status.last_success, now)
    )


def account_node(
    status: AccountStatus, *, syncing: bool, now: datetime | None = None
) -> SidebarNode:
    """The sidebar item of the account. A failed sync shows as a failing feed does: the
    warning icon and the error colour, with the cause in the tooltip."""
    who = QCoreApplication.translate("AccountSection", "{user} at {server}").format(
        user=status.username, server=server_name(status.url)
    )
    line = (
        QCoreApplication.translate("AccountSection", "Syncing now…")
        if syncing
        else status_line(status)
    )
    return SidebarNode(
        NodeKind.ACCOUNT,
        ACCOUNT_KEY,
        account_label(status, syncing=syncing, now=now),
        icon_name="sync",
        error=status_line(status) if status.status == "error" and not syncing else None,
        tooltip=f"{who}\n{line}",
        payload=status,
    )


class SyncCounts(QObject):
    """The counts in the account's lines, with their plural forms (pyside6-lupdate finds
    plural forms in tr() calls only, not in QCoreApplication.translate())."""

    def waiting(self, count: int) -> str:
        return self.tr("%n change(s) waiting", "", count)

    def new_articles(self, count: int) -> str:
        return self.tr("%n new article(s)", "", count)

    def sent(self, count: int) -> str:
        return self.tr("%n change(s) sent", "", count)

    def received(self, count: int) -> str:
        return self.tr("%n received", "", count)


def status_line(status: AccountStatus) -> str:
    """``AccountStatus.line`` (the words of ``folio account list``) in the window's language;
    the server's own message stays as it came."""
    waiting = SyncCounts().waiting(status.pending)
    if status.status == "new":
        return QCoreApplication.translate("AccountSection", "Not synced yet; {waiting}").format(
            waiting=waiting
        )
    when = _when(status.last_success)
    if status.status == "error":
        if status.last_success is None:
            text = QCoreApplication.translate("AccountSection", "Sync failed: {message}; {waiting}")
        else:
            text = QCoreApplication.translate(
                "AccountSection", "Sync failed: {message} (last good sync {when}); {waiting}"
            )
        return text.format(message=status.message, when=when, waiting=waiting)
    if status.message:
        text = QCoreApplication.translate("AccountSection", "Synced {when} ({message}); {waiting}")
    else:
        text = QCoreApplication.translate("AccountSection", "Synced {when}; {waiting}")
    return text.format(when=when, message=status.message, waiting=waiting)


def report_line(report: SyncReport) -> str:
    """``SyncReport.line`` in the window's language."""
    counts = SyncCounts()
    parts = [counts.new_articles(report.new_articles)]
    if report.sent:
        parts.append(counts.sent(report.sent))
    if report.received:
        parts.append(counts.received(report.received))
    if report.feeds_here or report.feeds_there:
        parts.append(
            QCoreApplication.translate(
                "AccountSection", "feeds: {here} added here, {there} there"
            ).format(here=report.feeds_here, there=report.feeds_there)
        )
    parts.extend(report.notes)
    seconds = QLocale().toString(report.seconds, "f", 1)
    return QCoreApplication.translate("AccountSection", "Synced in {seconds} s: {summary}").format(
        seconds=seconds, summary=", ".join(parts)
    )


def _when(value: datetime | None) -> str:
    if value is None:
        return QCoreApplication.translate("AccountSection", "never")
    when = QDateTime.fromSecsSinceEpoch(int(value.timestamp()))
    day_and_time = QCoreApplication.translate("AccountSection", "yyyy-MM-dd HH:mm")
    return QLocale().toString(when, day_and_time)
