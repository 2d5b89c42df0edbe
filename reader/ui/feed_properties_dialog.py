"""A feed's properties: title, address, folder, and whether to fetch the full text."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QDateTime, QLocale
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QSpinBox, QWidget

from reader.core.limits import DEFAULT_KEEP_ITEMS, MAX_KEEP_ITEMS
from reader.core.types import Feed
from reader.core.urls import is_http_url
from reader.ui.add_feed_dialog import no_folder
from reader.ui.form_dialog import FormDialog


@dataclass(frozen=True)
class FeedChanges:
    title: str
    url: str
    folder: str | None
    fetch_full_text: bool
    keep_items: int = DEFAULT_KEEP_ITEMS


class FeedPropertiesDialog(FormDialog):
    def __init__(self, feed: Feed, folders: Sequence[str], parent: QWidget | None = None) -> None:
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
        fetched = "never"
        if feed.last_fetched is not None:
            stamp = QDateTime.fromSecsSinceEpoch(int(feed.last_fetched.timestamp()))
            fetched = QLocale().toString(stamp, QLocale.FormatType.ShortFormat)
        if feed.notice:
            # On the same line: a label that wraps inside a form gets cut off.
            fetched += f"; {feed.notice}"
        self.form.addRow(self.tr("Last refreshed:"), QLabel(fetched, self))
        if feed.last_error:
            problem = QLabel(feed.last_error, self)
            problem.setWordWrap(True)
            self.form.addRow(self.tr("Last problem:"), problem)

    def changes(self) -> FeedChanges:
        folder = self.folder.currentText().strip()
        return FeedChanges(
            title=" ".join(self.title.text().split()),
            url=self.url.text().strip(),
            folder=None if not folder or folder == no_folder() else folder,
            fetch_full_text=self.full_text.isChecked(),
            keep_items=self.keep_items.value(),
        )

    def submit(self) -> None:
        changes = self.changes()
        if not is_http_url(changes.url):
            self.show_error(self.tr("The address must start with http:// or https://."))
            self.url.setFocus()
            return
        self.accept()
