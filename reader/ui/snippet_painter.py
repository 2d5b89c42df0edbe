"""Drawing a search result's snippet, the matched words in bold, on one line or wrapped over
a few."""

from __future__ import annotations

import re

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter

from reader.core.query import snippet_parts

_WORDS = re.compile(r"\S+\s*|\s+")


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
    lines: int = 1,
) -> None:
    """Draw ``snippet`` in ``rect``, wrapping at spaces over at most ``lines`` lines of the
    rect's height divided evenly, and eliding what does not fit on the last."""
    if rect.width() <= 0 or lines < 1:
        return
    bold = QFont(font)
    bold.setWeight(QFont.Weight.Bold)
    line_height = rect.height() // lines
    align = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    painter.save()
    for line, x, text, highlighted in _layout(snippet, rect.width(), lines, font, bold):
        painter.setFont(bold if highlighted else font)
        painter.setPen(highlight if highlighted else color)
        metrics = QFontMetrics(bold if highlighted else font)
        top = rect.top() + line * line_height
        painter.drawText(
            QRect(rect.left() + x, top, metrics.horizontalAdvance(text), line_height), align, text
        )
    painter.restore()


def _layout(
    snippet: str, width: int, lines: int, font: QFont, bold: QFont
) -> list[tuple[int, int, str, bool]]:
    """(line, x, text, highlighted) for each word drawn: words fill a line and go on to the
    next; the last line ends with an ellipsis when words are left over."""
    metrics = {False: QFontMetrics(font), True: QFontMetrics(bold)}
    placed: list[tuple[int, int, str, bool]] = []
    line, x = 0, 0
    for piece, highlighted in snippet_pieces(snippet):
        fm = metrics[highlighted]
        for match in _WORDS.finditer(piece):
            text = match.group(0).lstrip() if x == 0 else match.group(0)
            advance = fm.horizontalAdvance(text)
            if advance > width - x and x > 0 and line + 1 < lines:
                line, x = line + 1, 0
                text = text.lstrip()
                advance = fm.horizontalAdvance(text)
            if not text:
                continue
            if advance > width - x:
                # The rest does not fit: as much of this word as does, and an ellipsis.
                cut = fm.elidedText(text.rstrip(), Qt.TextElideMode.ElideRight, width - x)
                if cut:
                    placed.append((line, x, cut, highlighted))
                return placed
            placed.append((line, x, text, highlighted))
            x += advance
    return placed
