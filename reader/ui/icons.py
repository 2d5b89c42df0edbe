"""Folio's own SVG icons, drawn in the palette's text colour so they suit light and dark."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

from reader.app.resources import resource_path


@cache
def _svg_source(name: str) -> bytes:
    return resource_path("icons", f"{name}.svg").read_bytes()


@cache
def _renderer(name: str, color: str) -> QSvgRenderer:
    data = _svg_source(name).replace(b"currentColor", color.encode("ascii"))
    return QSvgRenderer(QByteArray(data))


class SvgIconEngine(QIconEngine):
    """Renders an icon at the size asked for, in the colour of the current palette; ``on``
    names the icon of the "on" state (a checked toggle), when it has one of its own."""

    def __init__(self, name: str, color: QColor | None = None, on: str | None = None) -> None:
        super().__init__()
        self._name = name
        self._color = color
        self._on = on

    @staticmethod
    def _opacity(mode: QIcon.Mode) -> float:
        return 0.35 if mode == QIcon.Mode.Disabled else 1.0

    def _color_for(self, mode: QIcon.Mode) -> str:
        if self._color is not None:
            return self._color.name()
        palette = QGuiApplication.palette()
        role = (
            QPalette.ColorRole.HighlightedText
            if mode == QIcon.Mode.Selected
            else QPalette.ColorRole.WindowText
        )
        return palette.color(QPalette.ColorGroup.Active, role).name()

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, state: QIcon.State) -> None:
        # Lists paint the same few icons over and over: draw a cached pixmap of the size.
        ratio = painter.device().devicePixelRatioF() if painter.device() else 1.0
        pixmap = self.scaledPixmap(rect.size(), mode, state, ratio)
        painter.drawPixmap(rect, pixmap)

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(
        self, size: QSize, mode: QIcon.Mode, state: QIcon.State, scale: float
    ) -> QPixmap:
        name = self._on if self._on is not None and state == QIcon.State.On else self._name
        return _pixmap(
            name,
            self._color_for(mode),
            width=size.width(),
            height=size.height(),
            ratio=scale,
            opacity=self._opacity(mode),
        )

    def clone(self) -> QIconEngine:
        return SvgIconEngine(self._name, self._color, self._on)

    def iconName(self) -> str:
        return self._name


@cache
def _pixmap(
    name: str, color: str, *, width: int, height: int, ratio: float, opacity: float
) -> QPixmap:
    pixmap = QPixmap(round(width * ratio), round(height * ratio))
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setOpacity(opacity)
    _renderer(name, color).render(painter, QRectF(0, 0, pixmap.width(), pixmap.height()))
    painter.end()
    pixmap.setDevicePixelRatio(ratio)
    return pixmap


def icon(name: str, color: QColor | None = None, *, on: str | None = None) -> QIcon:
    """The icon ``resources/icons/<name>.svg``; ``color`` overrides the palette's text colour;
    ``on`` is the icon shown while a toggle is on."""
    return QIcon(SvgIconEngine(name, color, on))


def clear_cache() -> None:
    """Forget rendered colours (after the palette changed)."""
    _renderer.cache_clear()
    _pixmap.cache_clear()
