"""The main window: feed list, article list and article pane."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QListView, QMainWindow, QSplitter, QTextBrowser, QTreeView

from reader import APP_NAME
from reader.library import Library


class MainWindow(QMainWindow):
    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.setWindowTitle(APP_NAME)
        self.resize(1200, 780)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.feed_view = QTreeView(splitter)
        self.article_view = QListView(splitter)
        self.article_pane = QTextBrowser(splitter)
        splitter.setSizes([240, 380, 580])
        self.setCentralWidget(splitter)
        self.statusBar().addWidget(QLabel(str(library.path)))
