"""The reading view: a QTextBrowser that loads nothing remote, runs no script, and keeps the
text to about seventy characters a line, centred.

Nothing in it is wider than the text column: long words and lines wrap (anywhere, when they
must), tables span the column (see ``article_html``), and pictures are scaled down to it here,
again whenever the pane's width changes. A click on a picture asks for it full size.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator, Sequence
from typing import Any

from PySide6.QtCore import QPoint, QPointF, QSize, Qt, QUrl, Signal
from PySide6.QtGui import (
    QContextMenuEvent,
    QFont,
    QFontMetricsF,
    QImage,
    QMouseEvent,
    QResizeEvent,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextFragment,
    QTextImageFormat,
    QTextOption,
)
from PySide6.QtWidgets import QMenu, QTextBrowser, QTextEdit, QWidget

log = logging.getLogger(__name__)

IMAGE_SCHEME = "folio-image"
LINE_CHARACTERS = 70
MIN_SIDE_MARGIN = 28
TOP_MARGIN = 18
# A picture in a table cell gets at most its share of the column.
MIN_CELL_IMAGE = 48
# The size the HTML asked for and the picture's own name, kept on its format once fitted.
_ASKED_WIDTH = QTextFormat.Property.UserProperty + 1
_ASKED_HEIGHT = QTextFormat.Property.UserProperty + 2
_OWN_NAME = QTextFormat.Property.UserProperty + 3
# A picture scaled to fit is drawn from a copy under its name with this added.
_FITTED = "#fitted"
# A press and release this close together on a picture is a click on it.
_CLICK_SLOP = 6

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
    # A picture was clicked: the picture at its own size, and the link around it (or empty).
    image_activated = Signal(QImage, QUrl)
    # A click on the text, not on a link (its place in the document, and on the screen).
    text_clicked = Signal(int, QPoint)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articleBrowser")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setUndoRedoEnabled(False)
        # A word longer than the column (an address, a hash) breaks rather than widen it.
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.anchorClicked.connect(self.link_activated)
        self.image_loader: ImageLoader | None = None
        # The pictures of the shown article at their own size, by the name the HTML gives.
        self._images: dict[str, QImage] = {}
        self._fitted_width = -1.0
        # Where a press on a picture happened, and which picture (its cache key).
        self._pressed_image: tuple[QPoint, int] | None = None
        self._pressed_at: QPoint | None = None
        # Adds the pane's own entries to the context menu (the menu, the point clicked).
        self.menu_extender: Callable[[QMenu, QPoint], None] | None = None
        self.context_menu: QMenu | None = None
        # Marks drawn over the text without changing it (search terms, find), by kind.
        self._marks: dict[str, list[QTextEdit.ExtraSelection]] = {}
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

    def column_width(self) -> float:
        """The width of the text column: a line's length, or the pane less its margins."""
        fmt = self.document().rootFrame().frameFormat()
        return max(self.viewport().width() - fmt.leftMargin() - fmt.rightMargin(), 1.0)

    def _fit_width(self) -> None:
        document = self.document()
        frame = document.rootFrame()
        fmt = frame.frameFormat()
        width = self.viewport().width()
        side = max(MIN_SIDE_MARGIN, (width - self.line_width()) / 2)
        if (fmt.leftMargin(), fmt.rightMargin(), fmt.topMargin()) != (side, side, TOP_MARGIN):
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(TOP_MARGIN)
            fmt.setBottomMargin(TOP_MARGIN * 2)
            frame.setFrameFormat(fmt)
        self._fit_images()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_width()

    def show_document(self, html: str) -> None:
        self._images.clear()
        self._marks.clear()
        self.setExtraSelections([])
        self._fitted_width = -1.0
        self.setHtml(html)
        self.document().setDefaultFont(self.reading_font())
        self._fit_width()
        self.verticalScrollBar().setValue(0)

    # -- pictures, fitted to the column -----------------------------------------------------
    def _image_fragments(self) -> Iterator[tuple[QTextFragment, QTextImageFormat]]:
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                fmt = fragment.charFormat()
                if fmt.isImageFormat():
                    yield fragment, fmt.toImageFormat()
                it += 1
            block = block.next()

    def _fit_images(self) -> None:
        """Scale every picture down to the room it has (never up): its own size, or the
        size the HTML gave it, at most the column's width (a table cell's share of it)."""
        column = self.column_width()
        if abs(column - self._fitted_width) < 0.5:
            return
        self._fitted_width = column
        document = self.document()
        resized: list[tuple[int, int, QTextImageFormat]] = []
        wanted: dict[str, QSize] = {}
        for fragment, fmt in self._image_fragments():
            name = _own_name(fmt)
            original = self._original(name)
            if original is None:
                continue
            if not fmt.hasProperty(_OWN_NAME):
                fmt.setProperty(_OWN_NAME, name)
                fmt.setProperty(_ASKED_WIDTH, fmt.width())
                fmt.setProperty(_ASKED_HEIGHT, fmt.height())
            size = _shown_size(
                original,
                float(fmt.property(_ASKED_WIDTH) or 0),
                float(fmt.property(_ASKED_HEIGHT) or 0),
                self._room_at(fragment.position(), column),
            )
            known = wanted.get(name)
            if known is None or known.width() < size.width():
                wanted[name] = size
            # Scaled down, it is drawn from a copy scaled smoothly to its size on screen (a
            # big picture drawn scaled looks ragged); the document keeps the original.
            shown_name = name + _FITTED if size.width() < original.width() else name
            if (fmt.width(), fmt.height(), fmt.name()) != (size.width(), size.height(), shown_name):
                fmt.setWidth(size.width())
                fmt.setHeight(size.height())
                fmt.setName(shown_name)
                resized.append((fragment.position(), fragment.length(), fmt))
        ratio = self.devicePixelRatioF()
        for name, size in wanted.items():
            original = self._images[name]
            if size.width() < original.width():
                scaled = original.scaled(
                    size * ratio,
                    Qt.AspectRatioMode.IgnoreAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
                scaled.setDevicePixelRatio(ratio)
                document.addResource(
                    QTextDocument.ResourceType.ImageResource, QUrl(name + _FITTED), scaled
                )
        for position, length, fmt in resized:
            cursor = QTextCursor(document)
            cursor.setPosition(position)
            cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
            cursor.setCharFormat(fmt)

    def _room_at(self, position: int, column: float) -> float:
        """How wide a picture at ``position`` may be: the column less the block's indents,
        or a table cell's share of the column."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        table = cursor.currentTable()
        if table is not None:
            return max(column / max(table.columns(), 1) - 12, MIN_CELL_IMAGE)
        block = cursor.blockFormat()
        indent = block.indent() * self.document().indentWidth()
        text_list = cursor.currentList()
        if text_list is not None:
            indent += text_list.format().indent() * self.document().indentWidth()
        return max(column - block.leftMargin() - block.rightMargin() - indent, MIN_CELL_IMAGE)

    def _original(self, name: str) -> QImage | None:
        """The picture ``name`` at its own size (loaded once per article)."""
        found = self._images.get(name) or self._images.get(QUrl(name).toString())
        if found is None:
            loaded = self.document().resource(QTextDocument.ResourceType.ImageResource, QUrl(name))
            if isinstance(loaded, QImage) and not loaded.isNull():
                found = self._images[name] = loaded
        return found

    def image_at(self, pos: QPoint) -> tuple[QImage, QUrl] | None:
        """The picture under ``pos`` (in the viewport) at its own size, and its link."""
        point = QPointF(
            pos.x() + self.horizontalScrollBar().value(), pos.y() + self.verticalScrollBar().value()
        )
        position = self.document().documentLayout().hitTest(point, Qt.HitTestAccuracy.ExactHit)
        if position < 0:
            return None
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        cursor.movePosition(
            QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor
        )
        fmt = cursor.charFormat()
        if not fmt.isImageFormat():
            return None
        original = self._original(_own_name(fmt.toImageFormat()))
        if original is None:
            return None
        return original, QUrl(fmt.anchorHref()) if fmt.anchorHref() else QUrl()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_image = None
        self._pressed_at = None
        if event.button() == Qt.MouseButton.LeftButton:
            pos = event.position().toPoint()
            self._pressed_at = pos
            found = self.image_at(pos)
            if found is not None:
                self._pressed_image = (pos, found[0].cacheKey())
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        pressed, self._pressed_image = self._pressed_image, None
        if pressed is not None and event.button() == Qt.MouseButton.LeftButton:
            pos = event.position().toPoint()
            found = self.image_at(pos)
            moved = (pos - pressed[0]).manhattanLength()
            if found is not None and moved <= _CLICK_SLOP and found[0].cacheKey() == pressed[1]:
                event.accept()
                self.image_activated.emit(found[0], found[1])
                return
        pressed_at, self._pressed_at = self._pressed_at, None
        super().mouseReleaseEvent(event)
        if pressed_at is None or event.button() != Qt.MouseButton.LeftButton:
            return
        pos = event.position().toPoint()
        if (pos - pressed_at).manhattanLength() > _CLICK_SLOP or self.anchorAt(pos):
            return
        if self.textCursor().hasSelection():
            return
        point = QPointF(
            pos.x() + self.horizontalScrollBar().value(), pos.y() + self.verticalScrollBar().value()
        )
        position = self.document().documentLayout().hitTest(point, Qt.HitTestAccuracy.ExactHit)
        if position >= 0:
            self.text_clicked.emit(position, self.viewport().mapToGlobal(pos))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        pos = event.pos()
        offset = QPoint(self.horizontalScrollBar().value(), self.verticalScrollBar().value())
        menu = self.createStandardContextMenu(pos + offset)
        if self.menu_extender is not None:
            self.menu_extender(menu, pos)
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        menu.popup(event.globalPos())
        self.context_menu = menu

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        pos = event.position().toPoint()
        if self.image_at(pos) is not None:
            self.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        elif not self.anchorAt(pos):
            self.viewport().setCursor(Qt.CursorShape.ArrowCursor)

    # -- marks over the text -------------------------------------------------------------------
    def set_marks(self, kind: str, marks: Sequence[QTextEdit.ExtraSelection]) -> None:
        """Draw ``marks`` (replacing the earlier ones of ``kind``) over the text; they leave
        the document as it is, so highlights marked in the HTML stay apart from them."""
        self._marks[kind] = list(marks)
        self.setExtraSelections([m for group in self._marks.values() for m in group])

    def marks(self, kind: str) -> list[QTextEdit.ExtraSelection]:
        return list(self._marks.get(kind, ()))

    # -- resources: only images stored in the library ---------------------------------------
    def loadResource(self, kind: int, url: QUrl | str) -> Any:
        if kind != QTextDocument.ResourceType.ImageResource.value:
            return None
        qurl = QUrl(url) if isinstance(url, str) else url
        if qurl.scheme() != IMAGE_SCHEME:
            # Remote and local files alike stay unloaded: reading never touches the network.
            return None
        digest = qurl.path() or qurl.toString().removeprefix(f"{IMAGE_SCHEME}:")
        image = self._load_image(digest)
        if image is not None:
            self._images[qurl.toString()] = image
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


def _own_name(fmt: QTextImageFormat) -> str:
    """The name the HTML gave a picture (its format may since name a fitted copy)."""
    own = fmt.property(_OWN_NAME)
    return str(own) if own else fmt.name()


def _shown_size(original: QImage, asked_width: float, asked_height: float, room: float) -> QSize:
    """The size to draw a picture at: as asked (or its own), scaled down to ``room`` wide."""
    ratio = original.devicePixelRatio() or 1.0
    own_width, own_height = original.width() / ratio, original.height() / ratio
    if asked_width > 0 and asked_height > 0:
        width, height = asked_width, asked_height
    elif asked_width > 0:
        width, height = asked_width, own_height * asked_width / max(own_width, 1)
    elif asked_height > 0:
        width, height = own_width * asked_height / max(own_height, 1), asked_height
    else:
        width, height = own_width, own_height
    room = float(int(room))  # whole pixels, rounded down: a fraction over would scroll sideways
    if width > room:
        height = height * room / width
        width = room
    return QSize(max(round(width), 1), max(round(height), 1))
