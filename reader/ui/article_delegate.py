"""Painting one row of the article list: no widget per row, just a few strings and shapes.

● Title of the article, bold while unread                         14:05
  ★ Source · 4 min                                        [tag] [tag]
"""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import (
    QDate,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimeZone,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.core.types import Article
from reader.ui.article_list_model import ARTICLE_ROLE
from reader.ui.icons import icon
from reader.ui.theme import LIGHT, Theme

Index = QModelIndex | QPersistentModelIndex

PAD_X = 14
PAD_Y = 8
GAP = 4
DOT = 8
MAX_CHIPS = 3


def short_date(value: datetime, now: datetime | None = None) -> str:
    """ "14:05" today, "12 Mar" this year, "12 Mar 2023" before; in local time."""
    now = now or datetime.now(UTC)
    local = value.astimezone()
    today = now.astimezone()
    locale = QLocale()
    stamp = QDateTime.fromSecsSinceEpoch(int(local.timestamp()), QTimeZone.systemTimeZone())
    if local.date() == today.date():
        return locale.toString(stamp.time(), QLocale.FormatType.ShortFormat)
    qdate = QDate(local.year, local.month, local.day)
    if local.year == today.year:
        return locale.toString(qdate, "d MMM")
    return locale.toString(qdate, "d MMM yyyy")


def source_text(article: Article) -> str:
    parts = [article.feed_title or article.site_name or "Saved"]
    minutes = article.reading_minutes
    if minutes:
        parts.append(f"{minutes} min")
    return " · ".join(parts)


class ArticleDelegate(QStyledItemDelegate):
    """Two lines per article. All rows share one height, so the view can skip measuring."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self.theme: Theme = LIGHT
        self._star = icon("star-filled")
        self._refresh_fonts()

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self._refresh_fonts()

    def _refresh_fonts(self) -> None:
        base = QApplication.font()
        self._title_font = QFont(base)
        self._title_font.setPointSizeF(base.pointSizeF() * 1.08)
        self._unread_font = QFont(self._title_font)
        self._unread_font.setWeight(QFont.Weight.DemiBold)
        self._meta_font = QFont(base)
        self._meta_font.setPointSizeF(base.pointSizeF() * 0.92)
        self._chip_font = QFont(base)
        self._chip_font.setPointSizeF(base.pointSizeF() * 0.85)

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        title = QFontMetrics(self._unread_font).height()
        meta = QFontMetrics(self._meta_font).height()
        return QSize(200, PAD_Y * 2 + title + GAP + meta)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        article = index.data(ARTICLE_ROLE)
        if not isinstance(article, Article):
            super().paint(painter, option, index)
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        rect: QRect = option.rect
        palette: QPalette = option.palette
        state = option.state
        selected = bool(state & QStyle.StateFlag.State_Selected)
        theme = self.theme
        # Background: selection, else a hairline between rows.
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
        painter.setPen(QColor(theme.border))
        painter.drawLine(rect.left() + PAD_X, rect.bottom(), rect.right(), rect.bottom())
        text_color = palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        muted = QColor(theme.muted) if not selected else QColor(text_color)
        if selected:
            muted.setAlpha(190)

        title_metrics = QFontMetrics(self._unread_font)
        meta_metrics = QFontMetrics(self._meta_font)
        left = rect.left() + PAD_X + DOT + 6
        right = rect.right() - PAD_X
        title_top = rect.top() + PAD_Y
        meta_top = title_top + title_metrics.height() + GAP

        # Unread dot, level with the title.
        if not article.read:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.unread_dot))
            cy = title_top + title_metrics.height() // 2
            painter.drawEllipse(rect.left() + PAD_X - 4, cy - DOT // 2, DOT, DOT)

        # Date, right-aligned on the title line.
        painter.setFont(self._meta_font)
        date_text = short_date(article.sort_date)
        date_width = meta_metrics.horizontalAdvance(date_text)
        painter.setPen(muted)
        painter.drawText(
            QRect(right - date_width, title_top, date_width, title_metrics.height()),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            date_text,
        )

        # Title.
        font = self._title_font if article.read else self._unread_font
        painter.setFont(font)
        painter.setPen(text_color if not article.read or selected else QColor(theme.text))
        if article.read and not selected:
            painter.setPen(QColor(theme.text).lighter(100) if theme.dark else QColor("#3d4248"))
        title_width = right - date_width - 12 - left
        title = QFontMetrics(font).elidedText(
            article.title or "(untitled)", Qt.TextElideMode.ElideRight, max(title_width, 10)
        )
        painter.drawText(
            QRect(left, title_top, title_width, title_metrics.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            title,
        )

        # Second line: star, source and reading time; tags on the right.
        x = left
        line_height = meta_metrics.height()
        if article.starred:
            size = line_height - 2
            self._star.paint(painter, QRect(x, meta_top + 1, size, size))
            x += size + 5
        chips_width = self._paint_chips(painter, article.tags, right, meta_top, selected)
        painter.setFont(self._meta_font)
        painter.setPen(muted)
        available = right - chips_width - (10 if chips_width else 0) - x
        source = meta_metrics.elidedText(
            source_text(article), Qt.TextElideMode.ElideRight, max(available, 10)
        )
        painter.drawText(
            QRect(x, meta_top, max(available, 10), line_height),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            source,
        )
        painter.restore()

    def _paint_chips(
        self, painter: QPainter, tags: tuple[str, ...], right: int, top: int, selected: bool
    ) -> int:
        """Tag chips drawn from the right edge leftwards; returns the width used."""
        if not tags:
            return 0
        metrics = QFontMetrics(self._chip_font)
        painter.setFont(self._chip_font)
        height = metrics.height() + 2
        shown = list(tags[:MAX_CHIPS])
        labels = shown + ([f"+{len(tags) - MAX_CHIPS}"] if len(tags) > MAX_CHIPS else [])
        x = right
        for label in reversed(labels):
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, 110)
            width = metrics.horizontalAdvance(text) + 12
            x -= width
            chip = QRect(x, top, width, height)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(self.theme.chip))
            painter.drawRoundedRect(chip, height / 2, height / 2)
            painter.setPen(QColor(self.theme.chip_text))
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), text)
            x -= 4
        return right - x
