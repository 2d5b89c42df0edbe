"""Painting one row of the article list: no widget per row, just a few strings and shapes.

● Title of the article, bold while unread                         14:05
  ★ Source · 4 min                                        [tag] [tag]
  … a search result's snippet, its **matched** words in bold, over
  two lines when the list shows search results …

In a narrow list the title takes two lines and the date goes to the line under it:

● Title of the article, bold
  while unread
  ★ 14:05 · Source · 4 min         [tag]
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTime,
)
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.core.local_time import as_local
from reader.core.types import Article
from reader.ui.article_list_model import ARTICLE_ROLE, HIGHLIGHTS_ROLE, TAG_COLORS_ROLE
from reader.ui.icons import icon
from reader.ui.snippet_painter import draw_snippet
from reader.ui.theme import LIGHT, Theme, tag_chip_colors

Index = QModelIndex | QPersistentModelIndex

PAD_X = 14
PAD_Y = 8
GAP = 4
DOT = 8
MAX_CHIPS = 3


def short_date(value: datetime, now: datetime | None = None, *, date_only: bool = False) -> str:
    """ "14:05" today, "12 Mar" this year, "12 Mar 2023" before; in local time. A date the
    source gave without a time (``date_only``, stored at that day's noon UTC) is its day."""
    now = now or datetime.now(UTC)
    local = value.astimezone(UTC) if date_only else as_local(value)
    today = as_local(now)
    if local.date() == today.date() and not date_only:
        return _time_text(local.hour, local.minute)
    return _day_text(local.year, local.month, local.day, local.year == today.year)


@lru_cache(maxsize=2048)
def _time_text(hour: int, minute: int) -> str:
    return QLocale().toString(QTime(hour, minute), QLocale.FormatType.ShortFormat)


@lru_cache(maxsize=4096)
def _day_text(year: int, month: int, day: int, this_year: bool) -> str:
    # Rows are painted often; a day's label is worked out once.
    day_format = (
        QCoreApplication.translate("ArticleDelegate", "d MMM")
        if this_year
        else QCoreApplication.translate("ArticleDelegate", "d MMM yyyy")
    )
    return QLocale().toString(QDate(year, month, day), day_format)


def source_text(article: Article) -> str:
    parts = [
        article.feed_title
        or article.site_name
        or QCoreApplication.translate("ArticleDelegate", "Saved")
    ]
    minutes = article.reading_minutes
    if minutes:
        parts.append(
            QCoreApplication.translate("ArticleDelegate", "{minutes} min").format(minutes=minutes)
        )
    return " · ".join(parts)


def title_lines(text: str, metrics: QFontMetrics, width: int, lines: int) -> list[str]:
    """``text`` on at most ``lines`` lines of ``width``: broken between words (inside a word
    too long for a line), the last line elided."""
    found: list[str] = []
    rest = " ".join(text.split())
    while len(found) < lines - 1 and metrics.horizontalAdvance(rest) > width:
        cut = _line_end(rest, metrics, width)
        found.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        found.append(metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width))
    return found


def _line_end(text: str, metrics: QFontMetrics, width: int) -> int:
    """Where the first line of ``text`` ends: at the last space it can hold, else at the
    last character that fits."""
    spaces = [i for i, ch in enumerate(text) if ch == " "]
    for space in reversed(spaces):
        if metrics.horizontalAdvance(text[:space]) <= width:
            return space
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if metrics.horizontalAdvance(text[:middle]) <= width:
            low = middle
        else:
            high = middle - 1
    return low


class ArticleDelegate(QStyledItemDelegate):
    """Two lines per article. All rows share one height, so the view can skip measuring.

    Fonts, metrics and colours are worked out once per theme, not per painted row."""

    def __init__(self, parent: object = None) -> None:
        super().__init__(parent)  # type: ignore[arg-type]
        self._star = icon("star-filled")
        self._marker = icon("highlights")
        # Lines under each row for a search result's snippet (0: none, for other lists).
        self.snippet_lines = 0
        # Lines for the title: two in a narrow list (see ``ArticleListView``).
        self.title_lines = 1
        self.set_theme(LIGHT)

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        base = QApplication.font()
        self._title_font = QFont(base)
        self._title_font.setPointSizeF(base.pointSizeF() * 1.08)
        self._unread_font = QFont(self._title_font)
        self._unread_font.setWeight(QFont.Weight.DemiBold)
        self._meta_font = QFont(base)
        self._meta_font.setPointSizeF(base.pointSizeF() * 0.92)
        self._chip_font = QFont(base)
        self._chip_font.setPointSizeF(base.pointSizeF() * 0.85)
        self._title_metrics = QFontMetrics(self._title_font)
        self._unread_metrics = QFontMetrics(self._unread_font)
        self._meta_metrics = QFontMetrics(self._meta_font)
        self._chip_metrics = QFontMetrics(self._chip_font)
        self._border = QColor(theme.border)
        self._muted = QColor(theme.muted)
        self._text = QColor(theme.text)
        # Read titles step back a little; unread ones are bold at full strength.
        self._read_text = QColor(theme.text)
        self._read_text.setAlpha(205)
        self._dot = QColor(theme.unread_dot)
        self._chip = QColor(theme.chip)
        self._chip_text = QColor(theme.chip_text)
        # A coloured tag's chip: "#rrggbb" -> (background, text), worked out once per theme.
        self._tag_chips: dict[str, tuple[QColor, QColor]] = {}
        self._line_height = self._unread_metrics.height()
        self._meta_height = self._meta_metrics.height()
        self._snippet_height = self._meta_metrics.lineSpacing()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        snippet = GAP + self.snippet_lines * self._snippet_height if self.snippet_lines else 0
        title = self.title_lines * self._line_height
        return QSize(200, PAD_Y * 2 + title + GAP + self._meta_height + snippet)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        article = index.data(ARTICLE_ROLE)
        if not isinstance(article, Article):
            super().paint(painter, option, index)
            return
        painter.save()
        rect: QRect = option.rect
        palette: QPalette = option.palette
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        if selected:
            painter.fillRect(rect, palette.color(QPalette.ColorRole.Highlight))
            title_color = palette.color(QPalette.ColorRole.HighlightedText)
            muted = QColor(title_color)
            muted.setAlpha(190)
        else:
            title_color = self._text if not article.read else self._read_text
            muted = self._muted
        painter.setPen(self._border)
        painter.drawLine(rect.left() + PAD_X, rect.bottom(), rect.right(), rect.bottom())

        left = rect.left() + PAD_X + DOT + 6
        right = rect.right() - PAD_X
        title_top = rect.top() + PAD_Y
        align_left = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        if not article.read:
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(self._dot)
            cy = title_top + self._line_height // 2
            painter.drawEllipse(rect.left() + PAD_X - 4, cy - DOT // 2, DOT, DOT)

        # The date, right-aligned on the title line (on the next line in a narrow list).
        date_text = short_date(
            article.sort_date,
            date_only=article.published_date_only and article.sort_date == article.published,
        )
        date_width = 0
        if self.title_lines == 1:
            date_width = self._meta_metrics.horizontalAdvance(date_text)
            painter.setFont(self._meta_font)
            painter.setPen(muted)
            painter.drawText(
                QRect(right - date_width, title_top, date_width, self._line_height),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                date_text,
            )

        # The title.
        font, metrics = (
            (self._title_font, self._title_metrics)
            if article.read
            else (self._unread_font, self._unread_metrics)
        )
        title_width = max(right - date_width - (12 if date_width else 0) - left, 10)
        lines = title_lines(
            article.title or self.tr("(untitled)"), metrics, title_width, self.title_lines
        )
        painter.setFont(font)
        painter.setPen(title_color)
        for number, line in enumerate(lines):
            top = title_top + number * self._line_height
            painter.drawText(QRect(left, top, title_width, self._line_height), align_left, line)
        # The next line follows the title (a short title leaves the row's room at its foot).
        meta_top = title_top + len(lines) * self._line_height + GAP

        # The second line: star, source and reading time; tags on the right.
        x = left
        if article.starred:
            size = self._meta_height - 2
            self._star.paint(painter, QRect(x, meta_top + 1, size, size))
            x += size + 5
        highlights = index.data(HIGHLIGHTS_ROLE) or 0
        if highlights:
            # Highlighted: a marker and how many, before the source.
            size = self._meta_height - 2
            self._marker.paint(painter, QRect(x, meta_top + 1, size, size))
            x += size + 2
            count = str(highlights)
            painter.setFont(self._meta_font)
            painter.setPen(muted)
            count_width = self._meta_metrics.horizontalAdvance(count)
            painter.drawText(QRect(x, meta_top, count_width, self._meta_height), align_left, count)
            x += count_width + 8
        # Tags get at most half the line (a third in a narrow list); the source keeps room.
        chips_width = self._paint_chips(
            painter,
            article.tags,
            right,
            meta_top,
            max_width=(right - x) // (2 if self.title_lines == 1 else 3),
            colors=index.data(TAG_COLORS_ROLE) or (),
        )
        available = max(right - chips_width - (10 if chips_width else 0) - x, 10)
        meta = source_text(article)
        if self.title_lines > 1:
            meta = f"{date_text} · {meta}"
        source = self._meta_metrics.elidedText(meta, Qt.TextElideMode.ElideRight, available)
        painter.setFont(self._meta_font)
        painter.setPen(muted)
        painter.drawText(QRect(x, meta_top, available, self._meta_height), align_left, source)
        if article.snippet and self.snippet_lines:
            # A search result: what matched, on lines of its own under the source.
            top = meta_top + self._meta_height + GAP
            room = QRect(left, top, right - left, self.snippet_lines * self._snippet_height)
            draw_snippet(
                painter,
                room,
                article.snippet,
                self._meta_font,
                color=muted,
                highlight=title_color,
                lines=self.snippet_lines,
            )
        elif article.snippet:
            # No lines were kept for snippets: what matched, in the rest of the line.
            used = self._meta_metrics.horizontalAdvance(source) + 12
            room = QRect(x + used, meta_top, available - used, self._meta_height)
            draw_snippet(
                painter, room, article.snippet, self._meta_font, color=muted, highlight=title_color
            )
        painter.restore()

    def _chip_width(self, label: str) -> int:
        text = self._chip_metrics.elidedText(label, Qt.TextElideMode.ElideRight, 110)
        return self._chip_metrics.horizontalAdvance(text) + 12 + 4

    def chip_colors(self, color: str | None) -> tuple[QColor, QColor]:
        """Background and text of a chip for a tag of ``color`` (None: the theme's own)."""
        if not color:
            return self._chip, self._chip_text
        found = self._tag_chips.get(color)
        if found is None:
            found = self._tag_chips[color] = tag_chip_colors(color, self.theme)
        return found

    def _paint_chips(
        self,
        painter: QPainter,
        tags: tuple[str, ...],
        right: int,
        top: int,
        *,
        max_width: int,
        colors: tuple[str | None, ...] = (),
    ) -> int:
        """Tag chips drawn from the right edge leftwards, as many as fit in ``max_width``
        (the rest counted in a "+N" chip); returns the width used."""
        if not tags:
            return 0
        metrics = self._chip_metrics
        labels: list[tuple[str, str | None]] = []
        used = 0
        for position, tag in enumerate(tags[:MAX_CHIPS]):
            rest = len(tags) - position - 1
            more = self._chip_width(f"+{rest}") if rest else 0
            width = self._chip_width(tag)
            if used + width + more > max_width:
                break
            labels.append((tag, colors[position] if position < len(colors) else None))
            used += width
        if len(labels) < len(tags):
            labels.append((f"+{len(tags) - len(labels)}", None))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(self._chip_font)
        height = metrics.height() + 2
        x = right
        for label, color in reversed(labels):
            text = metrics.elidedText(label, Qt.TextElideMode.ElideRight, 110)
            width = metrics.horizontalAdvance(text) + 12
            x -= width
            chip = QRect(x, top, width, height)
            background, foreground = self.chip_colors(color)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(background)
            painter.drawRoundedRect(chip, height / 2, height / 2)
            painter.setPen(foreground)
            painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), text)
            x -= 4
        return right - x
