"""Save an article from the web: its address, and tags to give it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from reader.core.urls import is_http_url
from reader.ui.add_feed_dialog import with_scheme
from reader.ui.file_dialogs import get_open_file_name
from reader.ui.form_dialog import FormDialog, clipboard_url
from reader.ui.tag_bar import split_tag_input

FILE_FILTER = "Pages and texts (*.html *.htm *.txt *.md *.markdown);;All files (*)"


class SaveArticleDialog(FormDialog):
    submitted = Signal(str, list)  # url or file path, tags

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Save an article", "Save", parent)
        row = QWidget(self)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        self.url = QLineEdit(row)
        self.url.setPlaceholderText("https://example.org/an-article")
        self.url.setText(clipboard_url())
        self.url.setAccessibleName("Article address or file")
        row_layout.addWidget(self.url, 1)
        browse = QPushButton("File…", row)
        browse.setToolTip("Save a page or text from a file instead")
        browse.clicked.connect(self._choose_file)
        row_layout.addWidget(browse)
        self.form.addRow("&Address:", row)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText("optional, separated by commas")
        self.tags.setAccessibleName("Tags")
        self.form.addRow("&Tags:", self.tags)

    def _choose_file(self) -> None:
        path, _ = get_open_file_name(self, "Save an article from a file", "", FILE_FILTER)
        if path:
            self.url.setText(path)

    def submit(self) -> None:
        text = self.url.text().strip()
        source = text
        if not Path(text).expanduser().is_file():
            source = with_scheme(text)
            if not is_http_url(source):
                self.show_error("Enter a web address (http:// or https://) or choose a file.")
                self.url.setFocus()
                return
        self.set_busy(True)
        self.submitted.emit(source, split_tag_input(self.tags.text()))
