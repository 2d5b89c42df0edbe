"""A picture of the article at its own size, in a window of its own (a click on the picture
in the pane opens it; Escape or a click on it closes it). A picture larger than the screen
scrolls inside the window."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QGuiApplication, QImage, QMouseEvent, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

# The window takes at most this share of the screen.
SCREEN_SHARE = 0.9
# Room around the picture.
MARGIN = 12


class _Picture(QLabel):
    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class ImageViewer(QDialog):
    # The picture sat inside a link, and the reader asked to open it.
    link_requested = Signal(QUrl)

    def __init__(self, image: QImage, link: QUrl, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("imageViewer")
        self.setWindowTitle(
            self.tr("Picture — {value} × {value2}").format(
                value=image.width(), value2=image.height()
            )
        )
        self.image = image
        layout = QVBoxLayout(self)
        layout.setContentsMargins(MARGIN, MARGIN, MARGIN, MARGIN)
        self.picture = _Picture(self)
        self.picture.setPixmap(QPixmap.fromImage(image))
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.picture.setToolTip(self.tr("Click or press Escape to close"))
        self.picture.setAccessibleName(self.tr("Picture at full size"))
        self.picture.clicked.connect(self.accept)
        room = self._room()
        self.area: QScrollArea | None = None
        if image.width() > room.width() or image.height() > room.height():
            self.area = QScrollArea(self)
            self.area.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.area.setFrameShape(QScrollArea.Shape.NoFrame)
            self.area.setWidget(self.picture)
            layout.addWidget(self.area, 1)
        else:
            layout.addWidget(self.picture, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        self.link_button: QPushButton | None = None
        if link.isValid() and not link.isEmpty():
            self.link_button = buttons.addButton(
                self.tr("Open Link"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.link_button.setToolTip(link.toString())
            self.link_button.clicked.connect(lambda: self._open_link(link))
        layout.addWidget(buttons)
        if self.area is not None:
            self.resize(room)

    def _room(self) -> QSize:
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return QSize(1024, 768)
        return screen.availableGeometry().size() * SCREEN_SHARE

    def _open_link(self, link: QUrl) -> None:
        self.link_requested.emit(link)
        self.accept()
