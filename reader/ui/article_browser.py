"""The reading view: a QTextBrowser that loads nothing remote, runs no script, and keeps the
text to about seventy characters a line, centred."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QSize, Qt, QUrl, Signal
from PySide6.QtGui import QFont, QFontMetricsF, QImage, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

log = logging.getLogger(__name__)

IMAGE_SCHEME = "folio-image"
LINE_CHARACTERS = 70
MIN_SIDE_MARGIN = 28
TOP_MARGIN = 18
MAX_IMAGE_WIDTH = 720

ImageLoader = Callable[[str], tuple[str, bytes] | None]

READING_FAMILIES = [
    "Source Serif 4",
    "Charter",
    "Georgia",
    "Noto Serif",
    "DejaVu Serif",
    "serif",
]


class ArticleBrowser(QTextBrowser):
    """Shows one article. Links are handed to ``link_activated`` instead of being followed."""

    link_activated = Signal(QUrl)
    # Space at the end of the article: the window moves on to the next unread one.
    page_past_end = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleBrowser")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        self.anchorClicked.connect(self.link_activated)
        self.image_loader: ImageLoader | None = None
        self._images: dict[str, QImage] = {}
        self._font_size = 13
        # The reader's choices (Preferences): a font family ("" for ours) and a line length.
        self._family = ""
        self._line_characters = LINE_CHARACTERS
        self.set_font_size(self._font_size)

    # -- appearance --------------------------------------------------------------------------
    def reading_font(self) -> QFont:
        font = QFont()
        font.setFamilies([self._family, *READING_FAMILIES] if self._family else READING_FAMILIES)
        font.setPointSize(self._font_size)
        return font

    def set_reading_choices(self, family: str, line_characters: int) -> None:
        """The font family to read in ("" for Folio's) and how long a line is."""
        self._family = family
        self._line_characters = line_characters
        self.set_font_size(self._font_size)

    def set_font_size(self, points: int) -> None:
        self._font_size = points
        self.document().setDefaultFont(self.reading_font())
        self._fit_width()

    def line_width(self) -> float:
        """The width of a line of about seventy characters (or as many as the reader chose)
        in the reading font."""
        metrics = QFontMetricsF(self.reading_font())
        sample = "the quick brown fox jumps over the lazy dog, "
        return metrics.horizontalAdvance(sample) / len(sample) * self._line_characters

    def _fit_width(self) -> None:
        document = self.document()
        frame = document.rootFrame()
        fmt = frame.frameFormat()
        width = self.viewport().width()
        side = max(MIN_SIDE_MARGIN, (width - self.line_width()) / 2)
        if (fmt.leftMargin(), fmt.rightMargin(), fmt.topMargin()) == (side, side, TOP_MARGIN):
            return
        fmt.setLeftMargin(side)
        fmt.setRightMargin(side)
        fmt.setTopMargin(TOP_MARGIN)
        fmt.setBottomMargin(TOP_MARGIN * 2)
        frame.setFrameFormat(fmt)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_width()

    def show_document(self, html: str) -> None:
        self._images.clear()
        self.setHtml(html)
        self.document().setDefaultFont(self.reading_font())
        self._fit_width()
        self.verticalScrollBar().setValue(0)

    # -- resources: only images stored in the library ---------------------------------------
    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return None
        qurl = QUrl(url) if isinstance(url, str) else url
        if qurl.scheme() != IMAGE_SCHEME:
            # Remote and local files alike stay unloaded: reading never touches the network.
            return None
        digest = qurl.path() or qurl.toString().removeprefix(f"{IMAGE_SCHEME}:")
        cached = self._images.get(digest)
        if cached is not None:
            return cached
        image = self._load_image(digest)
        if image is not None:
            self._images[digest] = image
        return image

    def _load_image(self, digest: str) -> QImage | None:
        if self.image_loader is None:
            return None
        try:
            found = self.image_loader(digest)
        except Exception:
            log.exception("could not read image %s from the library", digest)
            return None
        if found is None:
            return None
        _mime, data = found
        image = QImage()
        if not image.loadFromData(data):
            return None
        limit = min(MAX_IMAGE_WIDTH, int(self.line_width()))
        if image.width() > limit:
            image = image.scaledToWidth(limit, Qt.TransformationMode.SmoothTransformation)
        return image

    # -- keys ----------------------------------------------------------------------------------
    def at_end(self) -> bool:
        bar = self.verticalScrollBar()
        return bar.value() >= bar.maximum()

    def page_down(self) -> None:
        """Scroll one screen on; at the end, ask for the next unread article."""
        if self.at_end():
            self.page_past_end.emit()
            return
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + max(bar.pageStep() - 40, 40))

    def sizeHint(self) -> QSize:
        return QSize(640, 600)
