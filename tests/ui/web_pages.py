"""Pages and pictures a test serves from 127.0.0.1, as a site would."""

from __future__ import annotations

from PySide6.QtCore import QBuffer, QByteArray, QIODevice
from PySide6.QtGui import QColor, QImage, QPainter


def png(width: int, height: int, color: str = "#336699") -> bytes:
    """A PNG picture with stripes, so a scaled copy differs from a cut one."""
    image = QImage(width, height, QImage.Format.Format_RGB32)
    image.fill(QColor(color))
    painter = QPainter(image)
    painter.setPen(QColor("white"))
    for x in range(0, width, 40):
        painter.drawLine(x, 0, x, height)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")  # type: ignore[call-overload]  # the stubs say bytes
    return bytes(data.data())


def article_page(title: str, body: str) -> str:
    """An article page with enough prose around ``body`` for the extractor to keep it."""
    prose = "".join(
        f"<p>Paragraph {i} of “{title}”, long enough to read as the article's own text and"
        " not as the page's furniture around it.</p>"
        for i in range(6)
    )
    return (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{prose[: len(prose) // 2]}{body}{prose[len(prose) // 2 :]}</article></body></html>"
    )
