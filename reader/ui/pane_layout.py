"""How wide the three panes are: the sidebar and the list take shares of the window's width,
and the article keeps at least 60 % of it, in a small window too.

The shares a reader sets by dragging a splitter are remembered (as shares, so they suit a
window of another size next time), kept sensible: each pane within its bounds, and never so
wide that the article gets less than its part. The sidebar can be hidden (View menu, F9).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QSplitter, QWidget

from reader.app.settings import Settings
from reader.app.translations import QT_TRANSLATE_NOOP
from reader.ui.actions import command

# The article's least share of the window's width.
ARTICLE_SHARE = 0.6
# The sidebar's least width holds "All articles" and its count beside a scroll bar (a library
# with more than a few feeds and tags scrolls in a small window); at 900 pixels the two least
# widths together still leave the article its share.
SIDEBAR_MIN, SIDEBAR_MAX = 164, 320
LIST_MIN, LIST_MAX = 190, 520
# What a first window looks like (at 1280 pixels wide: 186, 326 and 768).
DEFAULT_SHARES = (0.145, 0.255)


@dataclass(frozen=True, slots=True)
class PaneWidths:
    sidebar: int
    articles: int
    article: int


def pane_widths(
    total: int,
    sidebar_share: float,
    list_share: float,
    *,
    sidebar: bool = True,
    keep: str | None = None,
) -> PaneWidths:
    """The panes' widths in a window ``total`` pixels wide (splitter handles left out).

    When the article would get less than its share, the list and the sidebar give up width,
    each in proportion to what it has above its least width; or, with ``keep`` ("sidebar" or
    "list": the pane the reader is dragging), the other one first."""
    side = _clamp(round(sidebar_share * total), SIDEBAR_MIN, SIDEBAR_MAX) if sidebar else 0
    listed = _clamp(round(list_share * total), LIST_MIN, LIST_MAX)
    excess = side + listed - (total - round(ARTICLE_SHARE * total))
    side_slack = side - SIDEBAR_MIN if sidebar else 0
    list_slack = listed - LIST_MIN
    if excess > 0 and keep == "sidebar":
        cut = min(excess, list_slack)
        listed, excess, list_slack = listed - cut, excess - cut, list_slack - cut
    elif excess > 0 and keep == "list":
        cut = min(excess, side_slack)
        side, excess, side_slack = side - cut, excess - cut, side_slack - cut
    slack = side_slack + list_slack
    if excess > 0 and slack > 0:
        taken = min(excess, slack)
        side_cut = round(taken * side_slack / slack)
        side -= side_cut
        listed -= taken - side_cut
    return PaneWidths(side, listed, max(total - side - listed, 0))


def _clamp(value: int, low: int, high: int) -> int:
    return min(max(value, low), high)


class PaneLayout(QObject):
    """Keeps the window's two splitters (sidebar | content, list | article) in proportion."""

    def __init__(
        self,
        settings: Settings,
        *,
        outer: QSplitter,
        inner: QSplitter,
        sidebar: QWidget,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._outer = outer
        self._inner = inner
        self._sidebar = sidebar
        self._shares = settings.pane_shares() or DEFAULT_SHARES
        self._applying = False
        outer.installEventFilter(self)
        inner.installEventFilter(self)
        outer.splitterMoved.connect(lambda _pos, _index: self._dragged("sidebar"))
        inner.splitterMoved.connect(lambda _pos, _index: self._dragged("list"))
        sidebar.setVisible(settings.sidebar_visible)

    @property
    def shares(self) -> tuple[float, float]:
        return self._shares

    def widths(self, keep: str | None = None) -> PaneWidths:
        return pane_widths(
            self._total(), *self._shares, sidebar=not self._sidebar.isHidden(), keep=keep
        )

    def _total(self) -> int:
        handles = self._outer.handleWidth() * (1 if not self._sidebar.isHidden() else 0)
        return max(self._outer.width() - handles - self._inner.handleWidth(), 1)

    def apply(self, keep: str | None = None, *, inner_only: bool = False) -> None:
        """Size the panes for the window's width now (only the list and the article when
        the content alone was resized: a step of a resize that passes on)."""
        widths = self.widths(keep)
        self._applying = True
        try:
            if not self._sidebar.isHidden() and not inner_only:
                self._outer.setSizes([widths.sidebar, self._outer.width() - widths.sidebar])
            room = self._inner.width() - self._inner.handleWidth()
            self._inner.setSizes([widths.articles, max(room - widths.articles, 0)])
        finally:
            self._applying = False

    def _dragged(self, pane: str) -> None:
        """The reader dragged the edge of ``pane``: the other pane gives way first, and the
        drag stops where the article would get less than its part."""
        if self._applying:
            return
        total = self._total()
        sidebar = self._outer.sizes()[0] if not self._sidebar.isHidden() else None
        articles = self._inner.sizes()[0]
        side_share = sidebar / total if sidebar is not None else self._shares[0]
        self._shares = (side_share, articles / total)
        widths = self.widths(pane)
        self._shares = (
            widths.sidebar / total if sidebar is not None else self._shares[0],
            widths.articles / total,
        )
        self.apply(pane)

    def remember(self) -> None:
        """Keep the shares for the next window (called as the window closes)."""
        total = self._total()
        widths = self.widths()
        sidebar = widths.sidebar / total if not self._sidebar.isHidden() else self._shares[0]
        self._settings.set_pane_shares(sidebar, widths.articles / total)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.apply(inner_only=watched is self._inner)
        return False

    # -- the sidebar shown or hidden -------------------------------------------------------------
    @command(
        "toggle_sidebar",
        QT_TRANSLATE_NOOP("Action", "Show &Sidebar"),
        "View",
        ("F9",),
        checkable=True,
        follows_check=True,
    )
    def show_sidebar(self, shown: bool) -> None:
        if shown == (not self._sidebar.isHidden()):
            return
        articles = self._inner.widget(0)
        if not shown and self._sidebar.hasFocus() and articles is not None:
            articles.setFocus()
        self._sidebar.setVisible(shown)
        self._settings.sidebar_visible = shown
        self.apply()
