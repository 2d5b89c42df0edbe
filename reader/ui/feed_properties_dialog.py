"""A feed's properties: title, address, folder, whether to fetch the full text, how often to
refresh it, and what went wrong the last time, with a way to try again at once."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, Signal
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
from reader.core.schedule import describe_interval
from reader.core.types import Feed
from reader.core.urls import is_http_url
from reader.ui.add_feed_dialog import NO_FOLDER
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


def fill_intervals(box: QComboBox, current: int | None, *, default_label: str | None) -> None:
    """Offer the usual intervals (and ``current`` when it is another one); with
    ``default_label`` the first choice is "as the library says" (None)."""
    if default_label is not None:
        box.addItem(default_label, None)
    minutes = sorted({*INTERVALS, *([current] if current else [])})
    for value in minutes:
        box.addItem(box.tr("Every {interval}").format(interval=describe_interval(value)), value)
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
        super().__init__("Feed properties", "Save", parent)
        self.feed = feed
        self.title = QLineEdit(feed.title, self)
        self.title.setAccessibleName("Title")
        self.form.addRow("&Title:", self.title)
        self.url = QLineEdit(feed.url, self)
        self.url.setAccessibleName("Feed address")
        self.form.addRow("&Address:", self.url)
        self.folder = QComboBox(self)
        self.folder.setEditable(True)
        self.folder.addItem(NO_FOLDER)
        self.folder.addItems(list(folders))
        self.folder.setCurrentText(feed.folder or NO_FOLDER)
        self.folder.setAccessibleName("Folder")
        self.form.addRow("&Folder:", self.folder)
        self.full_text = QCheckBox("Fetch the &full article from its page", self)
        self.full_text.setChecked(feed.fetch_full_text)
        self.full_text.setToolTip(
            "For feeds that carry only a summary: Folio fetches each new article's page and"
            " keeps the article text from it."
        )
        self.form.addRow("", self.full_text)
        self.refresh = QComboBox(self)
        fill_intervals(
            self.refresh,
            feed.refresh_minutes,
            default_label=self.tr("As in Preferences (every {interval})").format(
                interval=describe_interval(library_minutes)
            ),
        )
        self.refresh.setAccessibleName("How often to refresh")
        self.refresh.setToolTip(
            self.tr(
                "How often Folio fetches this feed while it runs, and what folio refresh"
                " counts as due"
            )
        )
        self.form.addRow(self.tr("Re&fresh:"), self.refresh)
        self.keep_items = QSpinBox(self)
        self.keep_items.setRange(1, MAX_KEEP_ITEMS)
        self.keep_items.setGroupSeparatorShown(True)
        self.keep_items.setValue(feed.keep_items or DEFAULT_KEEP_ITEMS)
        self.keep_items.setSuffix(" newest items")
        self.keep_items.setAccessibleName("Items read at each refresh")
        self.keep_items.setToolTip(
            "A refresh reads at most this many of the feed's items, the newest ones; articles"
            " already in the library stay."
        )
        self.form.addRow("&Read up to:", self.keep_items)
        if feed.site_url:
            self.form.addRow("Site:", QLabel(feed.site_url, self))
        self.fetched = QLabel(self)
        self.form.addRow("Last refreshed:", self.fetched)
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
        fetched = "never" if feed.last_fetched is None else local_time(feed.last_fetched)
        if feed.notice:
            # On the same line: a label that wraps inside a form gets cut off.
            fetched += f"; {feed.notice}"
        self.fetched.setText(fetched)
        self.fetched.setToolTip(fetched)
        self.retry_button.setEnabled(True)
        if not feed.last_error:
            self.problem_box.setVisible(False)
            return
        times = (
            self.tr(" ({count} times in a row)").format(count=feed.error_count)
            if feed.error_count > 1
            else ""
        )
        self.problem.setText(
            self.tr("The last refresh failed{times}: {error}").format(
                times=times, error=feed.last_error
            )
        )
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
            folder=None if not folder or folder == NO_FOLDER else folder,
            fetch_full_text=self.full_text.isChecked(),
            keep_items=self.keep_items.value(),
            refresh_minutes=self.refresh.currentData(),
        )

    def submit(self) -> None:
        changes = self.changes()
        if not is_http_url(changes.url):
            self.show_error("The address must start with http:// or https://.")
            self.url.setFocus()
            return
        self.accept()
