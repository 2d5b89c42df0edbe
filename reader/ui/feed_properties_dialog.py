"""A feed's properties: title, address, folder, whether to fetch the full text, how often to
refresh it, and what went wrong the last time, with a way to try again at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, QObject, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from reader.core.limits import DEFAULT_KEEP_ITEMS, MAX_KEEP_ITEMS
from reader.core.types import Feed
from reader.core.urls import is_http_url
from reader.ui.add_feed_dialog import no_folder
from reader.ui.form_dialog import FormDialog

# The intervals offered, in minutes.
INTERVALS = (15, 30, 60, 120, 240, 720, 1440)


@dataclass(frozen=True)
class FeedChanges:
    title: str
    url: str
    folder: str | None
    fetch_full_text: bool
    keep_items: int = DEFAULT_KEEP_ITEMS
    # Its own refresh interval in minutes; None: the library's.
    refresh_minutes: int | None = None


def local_time(value: datetime) -> str:
    stamp = QDateTime.fromSecsSinceEpoch(int(value.timestamp()))
    return QLocale().toString(stamp, QLocale.FormatType.ShortFormat)


class Interval(QObject):
    """How often, in the window's language (pyside6-lupdate finds plural forms in tr() calls
    only); each at the start of a sentence ("Every hour") or inside one ("every hour")."""

    def days(self, count: int, starts: bool) -> str:
        if starts:
            return self.tr("Every %n day(s)", "", count)
        return self.tr("every %n day(s)", "", count)

    def hours(self, count: int, starts: bool) -> str:
        if starts:
            return self.tr("Every %n hour(s)", "", count)
        return self.tr("every %n hour(s)", "", count)

    def minutes(self, count: int, starts: bool) -> str:
        if starts:
            return self.tr("Every %n minute(s)", "", count)
        return self.tr("every %n minute(s)", "", count)


def every(minutes: int, *, starts: bool = True) -> str:
    """ "Every 15 minutes", "Every hour", "Every 2 days" (``starts``: at the start of a
    sentence, else "every hour"). Whole days or hours are said in them, any other interval in
    minutes ("Every 90 minutes")."""
    say = Interval()
    if minutes and minutes % (24 * 60) == 0:
        return say.days(minutes // (24 * 60), starts)
    if minutes and minutes % 60 == 0:
        return say.hours(minutes // 60, starts)
    return say.minutes(minutes, starts)


def fill_intervals(box: QComboBox, current: int | None, *, default_label: str | None) -> None:
    """Offer the usual intervals (and ``current`` when it is another one); with
    ``default_label`` the first choice is "as the library says" (None)."""
    if default_label is not None:
        box.addItem(default_label, None)
    minutes = sorted({*INTERVALS, *([current] if current else [])})
    for value in minutes:
        box.addItem(every(value), value)
    box.setCurrentIndex(max(0, box.findData(current)))


class FeedPropertiesDialog(FormDialog):
    # The user asked to fetch the feed again now (its problem may be gone).
    retry_requested = Signal()

    def __init__(
        self,
        feed: Feed,
        folders: Sequence[str],
        parent: QWidget | None = None,
        *,
        library_minutes: int = 60,
    ) -> None:
        super().__init__(self.tr("Feed properties"), self.tr("Save"), parent)
        self.feed = feed
        self.title = QLineEdit(feed.title, self)
        self.title.setAccessibleName(self.tr("Title"))
        self.form.addRow(self.tr("&Title:"), self.title)
        self.url = QLineEdit(feed.url, self)
        self.url.setAccessibleName(self.tr("Feed address"))
        self.form.addRow(self.tr("&Address:"), self.url)
        self.folder = QComboBox(self)
        self.folder.setEditable(True)
        self.folder.addItem(no_folder())
        self.folder.addItems(list(folders))
        self.folder.setCurrentText(feed.folder or no_folder())
        self.folder.setAccessibleName(self.tr("Folder"))
        self.form.addRow(self.tr("&Folder:"), self.folder)
        self.full_text = QCheckBox(self.tr("Fetch the &full article from its page"), self)
        self.full_text.setChecked(feed.fetch_full_text)
        self.full_text.setToolTip(
            self.tr(
                "For feeds that carry only a summary: Folio fetches each new article's page and"
                " keeps the article text from it."
            )
        )
        self.form.addRow("", self.full_text)
        self.refresh = QComboBox(self)
        fill_intervals(
            self.refresh,
            feed.refresh_minutes,
            default_label=self.tr("As in Preferences ({every})").format(
                every=every(library_minutes, starts=False)
            ),
        )
        self.refresh.setAccessibleName(self.tr("How often to refresh"))
        self.refresh.setToolTip(
            self.tr(
                "How often Folio fetches this feed while it runs, and what folio refresh"
                " counts as due"
            )
        )
        self.form.addRow(self.tr("R&efresh:"), self.refresh)
        self.keep_items = QSpinBox(self)
        self.keep_items.setRange(1, MAX_KEEP_ITEMS)
        self.keep_items.setGroupSeparatorShown(True)
        self.keep_items.setValue(feed.keep_items or DEFAULT_KEEP_ITEMS)
        self.keep_items.setSuffix(self.tr(" newest items"))
        self.keep_items.setAccessibleName(self.tr("Items read at each refresh"))
        self.keep_items.setToolTip(
            self.tr(
                "A refresh reads at most this many of the feed's items, the newest ones; articles"
                " already in the library stay."
            )
        )
        self.form.addRow(self.tr("&Read up to:"), self.keep_items)
        if feed.site_url:
            self.form.addRow(self.tr("Site:"), QLabel(feed.site_url, self))
        self.fetched = QLabel(self)
        self.form.addRow(self.tr("Last refreshed:"), self.fetched)
        self._add_problem_box()
        self.show_state(feed)

    def _add_problem_box(self) -> None:
        # Below the form, the dialog's whole width: a label that wraps inside a form row gets
        # cut off.
        self.problem_box = QFrame(self)
        self.problem_box.setObjectName("feedProblem")
        self.problem_box.setFrameShape(QFrame.Shape.StyledPanel)
        box = QVBoxLayout(self.problem_box)
        self.problem = QLabel(self.problem_box)
        self.problem.setWordWrap(True)
        self.problem.setAccessibleName(self.tr("Last problem"))
        box.addWidget(self.problem)
        row = QHBoxLayout()
        self.retry_state = QLabel(self.problem_box)
        self.retry_state.setWordWrap(True)
        row.addWidget(self.retry_state, 1)
        self.retry_button = QPushButton(self.tr("Retry &Now"), self.problem_box)
        self.retry_button.clicked.connect(self._retry)
        row.addWidget(self.retry_button)
        box.addLayout(row)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(1, self.problem_box)

    def show_state(self, feed: Feed) -> None:
        """What the last refresh of ``feed`` came to (again, after a retry)."""
        self.feed = feed
        fetched = self.tr("never") if feed.last_fetched is None else local_time(feed.last_fetched)
        if feed.notice:
            # On the same line: a label that wraps inside a form gets cut off.
            fetched += f"; {feed.notice}"
        self.fetched.setText(fetched)
        self.fetched.setToolTip(fetched)
        self.retry_button.setEnabled(True)
        if not feed.last_error:
            self.problem_box.setVisible(False)
            return
        if feed.error_count > 1:
            problem = self.tr(
                "The last refresh failed (%n time(s) in a row): {error}", "", feed.error_count
            )
        else:
            problem = self.tr("The last refresh failed: {error}")
        self.problem.setText(problem.format(error=feed.last_error))
        if feed.disabled:
            nxt = self.tr("Folio no longer refreshes it by itself.")
        elif feed.next_fetch is not None:
            nxt = self.tr("Next try: {when}.").format(when=local_time(feed.next_fetch))
        else:
            nxt = ""
        self.retry_state.setText(nxt)
        self.problem_box.setVisible(True)

    def _retry(self) -> None:
        self.retry_button.setEnabled(False)
        self.retry_state.setText(self.tr("Fetching it again…"))
        self.retry_requested.emit()

    def changes(self) -> FeedChanges:
        folder = self.folder.currentText().strip()
        return FeedChanges(
            title=" ".join(self.title.text().split()),
            url=self.url.text().strip(),
            folder=None if not folder or folder == no_folder() else folder,
            fetch_full_text=self.full_text.isChecked(),
            keep_items=self.keep_items.value(),
            refresh_minutes=self.refresh.currentData(),
        )

    def submit(self) -> None:
        changes = self.changes()
        if not is_http_url(changes.url):
            self.show_error(self.tr("The address must start with http:// or https://."))
            self.url.setFocus()
            return
        self.accept()
