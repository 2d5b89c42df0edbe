"""Save an article from the web: its address, and tags to give it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QWidget

from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.urls import is_http_url
from reader.ui.add_feed_dialog import with_scheme
from reader.ui.form_dialog import FormDialog, clipboard_url
from reader.ui.tag_bar import split_tag_input

FILE_FILTER = QT_TRANSLATE_NOOP(
    "SaveArticleDialog", "Pages and texts (*.html *.htm *.txt *.md *.markdown);;All files (*)"
)


class SaveArticleDialog(FormDialog):
    submitted = Signal(str, list)  # url or file path, tags

    def __init__(
        self,
        pick_file: Callable[[str, str], Path | None],
        parent: QWidget | None = None,
    ) -> None:
        """``pick_file(title, filters)`` asks for a file (see ``Prompts.pick_open_file``)."""
        super().__init__(self.tr("Save an article"), self.tr("Save"), parent)
        self._pick_file = pick_file
        row = QWidget(self)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        self.url = QLineEdit(row)
        self.url.setPlaceholderText("https://example.org/an-article")
        self.url.setText(clipboard_url())
        self.url.setAccessibleName(self.tr("Article address or file"))
        row_layout.addWidget(self.url, 1)
        self.browse = browse = QPushButton(self.tr("File…"), row)
        browse.setToolTip(self.tr("Save a page or text from a file instead"))
        browse.clicked.connect(self._choose_file)
        row_layout.addWidget(browse)
        self.form.addRow(self.tr("&Address:"), row)
        self.tags = QLineEdit(self)
        self.tags.setPlaceholderText(self.tr("optional, separated by commas"))
        self.tags.setAccessibleName(self.tr("Tags"))
        self.form.addRow(self.tr("&Tags:"), self.tags)

    def _choose_file(self) -> None:
        path = self._pick_file(self.tr("Save an article from a file"), self.tr(FILE_FILTER))
        if path is not None:
            self.url.setText(str(path))

    def submit(self) -> None:
        text = self.url.text().strip()
        source = text
        if not Path(text).expanduser().is_file():
            source = with_scheme(text)
            if not is_http_url(source):
                self.show_error(
                    self.tr("Enter a web address (http:// or https://) or choose a file.")
                )
                self.url.setFocus()
                return
        self.set_busy(True)
        self.submitted.emit(source, split_tag_input(self.tags.text()))
