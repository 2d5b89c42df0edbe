"""The saved links whose page could not be fetched, each with why, to try again (some or all)
or to open in the browser."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.library.transfer import FailedLink

ID_ROLE = Qt.ItemDataRole.UserRole + 1


class FailedLinksDialog(QDialog):
    # Ids of the links to put back in the queue; an empty list means all of them.
    retry_requested = Signal(list)

    def __init__(self, links: Sequence[FailedLink], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Links not fetched"))
        self.setObjectName("failedLinksDialog")
        self.resize(760, 420)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setUniformRowHeights(True)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setHeaderLabels([self.tr("Link"), self.tr("Why")])
        self.table.header().setStretchLastSection(True)
        self.table.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda item, _column: self._open(item))
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.retry_selected = QPushButton(self.tr("Retry &Selected"), self)
        self.retry_all = QPushButton(self.tr("Retry &All"), self)
        self.open_button = QPushButton(self.tr("&Open in Browser"), self)
        for button in (self.open_button, self.retry_selected, self.retry_all):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.retry_selected.clicked.connect(self._retry_selected)
        self.retry_all.clicked.connect(self._retry_all)
        self.open_button.clicked.connect(lambda: self._open(self.table.currentItem()))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.set_links(links)

    def set_links(self, links: Sequence[FailedLink]) -> None:
        self.table.clear()
        for link in links:
            label = link.title if link.title and link.title != link.url else link.url
            item = QTreeWidgetItem([label, link.error])
            item.setData(0, ID_ROLE, link.article_id)
            item.setData(1, ID_ROLE, link.url)
            # The whole of each, however narrow the columns.
            item.setToolTip(0, link.url if label == link.url else f"{label}\n{link.url}")
            item.setToolTip(1, link.error)
            self.table.addTopLevelItem(item)
        self.table.setColumnWidth(0, 340)
        count = len(links)
        if count:
            self.summary.setText(
                self.tr(
                    "The pages of these links could not be fetched; each keeps its link, title"
                    " and tags. Try again later, or open them in the browser."
                )
                if count > 1
                else self.tr(
                    "The page of this link could not be fetched; it keeps its link, title and"
                    " tags. Try again later, or open it in the browser."
                )
            )
        else:
            self.summary.setText(self.tr("Every link's page has been fetched."))
        self.retry_all.setEnabled(bool(count))
        self._selection_changed()

    def selected_ids(self) -> list[int]:
        return [int(item.data(0, ID_ROLE)) for item in self.table.selectedItems()]

    def _selection_changed(self) -> None:
        chosen = bool(self.table.selectedItems())
        self.retry_selected.setEnabled(chosen)
        self.open_button.setEnabled(chosen)

    def _retry_selected(self) -> None:
        ids = self.selected_ids()
        if ids:
            self.retry_requested.emit(ids)
            self._remove(set(ids))

    def _retry_all(self) -> None:
        self.retry_requested.emit([])
        self.set_links([])

    def _remove(self, ids: set[int]) -> None:
        for index in reversed(range(self.table.topLevelItemCount())):
            item = self.table.topLevelItem(index)
            if item is not None and int(item.data(0, ID_ROLE)) in ids:
                self.table.takeTopLevelItem(index)
        if not self.table.topLevelItemCount():
            self.set_links([])

    def _open(self, item: QTreeWidgetItem | None) -> None:
        if item is not None:
            QDesktopServices.openUrl(QUrl(str(item.data(1, ID_ROLE))))
