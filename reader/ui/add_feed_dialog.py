"""Add a feed: a feed's address or a site's (Folio finds the feed), and a folder."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QComboBox, QLineEdit, QWidget

from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.urls import is_http_url
from reader.ui.form_dialog import FormDialog, clipboard_url

NO_FOLDER = QT_TRANSLATE_NOOP("AddFeedDialog", "(no folder)")


def no_folder() -> str:
    """The folder box's choice for no folder, in the window's language."""
    return QCoreApplication.translate("AddFeedDialog", NO_FOLDER)


def with_scheme(text: str) -> str:
    """ "example.org/blog" -> "https://example.org/blog"; anything else unchanged."""
    text = text.strip()
    if text and "://" not in text and "." in text.split("/")[0] and " " not in text:
        return "https://" + text
    return text


class AddFeedDialog(FormDialog):
    submitted = Signal(str, object)  # url, folder path or None

    def __init__(self, folders: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Add a feed"), self.tr("Subscribe"), parent)
        self.url = QLineEdit(self)
        self.url.setPlaceholderText(self.tr("https://example.org/feed.xml or https://example.org"))
        self.url.setText(clipboard_url())
        self.url.setAccessibleName(self.tr("Feed or site address"))
        self.form.addRow(self.tr("&Address:"), self.url)
        self.folder = QComboBox(self)
        self.folder.setEditable(True)
        self.folder.addItem(no_folder())
        self.folder.addItems(list(folders))
        self.folder.setAccessibleName(self.tr("Folder"))
        self.folder.setToolTip(self.tr("Pick a folder or type a new name (use / for a subfolder)"))
        self.form.addRow(self.tr("&Folder:"), self.folder)

    def folder_path(self) -> str | None:
        text = self.folder.currentText().strip()
        return None if not text or text == no_folder() else text

    def submit(self) -> None:
        url = with_scheme(self.url.text())
        if not is_http_url(url):
            self.show_error(self.tr("Enter a web address starting with http:// or https://."))
            self.url.setFocus()
            return
        self.url.setText(url)
        self.set_busy(True)
        self.submitted.emit(url, self.folder_path())
