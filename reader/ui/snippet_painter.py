"""Drawing a search result's snippet on one line, the matched words in bold."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter

from reader.core.query import snippet_parts


def snippet_pieces(snippet: str) -> list[tuple[str, bool]]:
    """The snippet's pieces on one line: whitespace runs (newlines too) become one space."""
    pieces: list[tuple[str, bool]] = []
    for text, highlighted in snippet_parts(snippet):
        flat = " ".join(text.split())
        if text[:1].isspace():
            flat = " " + flat
        if text[-1:].isspace() and flat.strip():
            flat += " "
        if flat:
            pieces.append((flat, highlighted))
    return pieces


def draw_snippet(
    painter: QPainter,
    rect: QRect,
    snippet: str,
    font: QFont,
    *,
    color: QColor,
    highlight: QColor,
) -> None:
    """Draw ``snippet`` left to right in ``rect``, eliding what does not fit."""
    if rect.width() <= 0:
        return
    bold = QFont(font)
    bold.setWeight(QFont.Weight.Bold)
    plain_metrics = QFontMetrics(font)
    bold_metrics = QFontMetrics(bold)
    x = rect.left()
    align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    painter.save()
    for piece, highlighted in snippet_pieces(snippet):
        metrics = bold_metrics if highlighted else plain_metrics
        room = rect.right() - x
        if room <= 0:
            break
        text = piece
        width = metrics.horizontalAdvance(text)
        if width > room:
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            width = metrics.horizontalAdvance(text)
        painter.setFont(bold if highlighted else font)
        painter.setPen(highlight if highlighted else color)
        painter.drawText(QRect(x, rect.top(), width, rect.height()), align, text)
        x += width
    painter.restore()
