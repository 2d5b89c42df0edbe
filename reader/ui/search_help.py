"""The search syntax, one click away: a small button that opens a pop-up with the help."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QPoint, QRect, Qt
from PySide6.QtGui import QFontDatabase, QGuiApplication
from PySide6.QtWidgets import QFrame, QLabel, QToolButton, QVBoxLayout, QWidget

from reader.app.translations import QT_TRANSLATE_NOOP

# The command line's syntax help (reader.core.query.SYNTAX_HELP), marked here for translation
# as the window shows it; a test keeps the two the same.
WINDOW_SYNTAX_HELP = QT_TRANSLATE_NOOP(
    "SearchHelp",
    """Search syntax
  climate policy        both words (in any form: "running" also finds "runs")
  "climate policy"      the exact phrase
  climate OR weather    either word
  -lobby                leave out articles with this word (also -"a phrase", -tag:x)
  clim*                 words beginning with "clim"
  title:budget          the word in the title (author:NAME in the author)
  tag:NAME              articles with this tag (quote names with spaces: tag:"to read")
  feed:NAME             articles from feeds whose title or address holds NAME
  folder:NAME           articles from feeds in this folder or its subfolders
  site:example.com      articles from this site (and its subdomains)
  lang:de               articles in this language
  is:unread             also is:read, is:starred, is:archived, is:saved
  has:highlights        articles with highlights (has:note: with a note of their own or on
                        a highlight)
  after:2024-05-01      published on or after this day (also before:, on:)
  after:7d              within the last 7 days (d, w, m, y: days, weeks, months, years)
  before:2024-05        before May 2024 (a year, month or day)""",
)


def syntax_help() -> str:
    """The search syntax help in the window's language."""
    return QCoreApplication.translate("SearchHelp", WINDOW_SYNTAX_HELP)


class SearchHelpPopup(QFrame):
    """The syntax help in a pop-up that closes on the next click elsewhere or Escape."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("searchHelp")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        self.text = QLabel(syntax_help(), self)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.text)

    def show_below(self, anchor: QWidget) -> None:
        """Open under ``anchor``, its right edge at the anchor's (the button sits at the
        window's right end), kept inside the screen: above the anchor when there is no room
        below."""
        self.adjustSize()
        self.show()
        size = self.frameGeometry().size()
        below = anchor.mapToGlobal(QPoint(anchor.width() - size.width(), anchor.height()))
        screen = anchor.screen() or QGuiApplication.primaryScreen()
        place = QRect(below, size)
        if screen is not None:
            room = screen.availableGeometry()
            if place.bottom() > room.bottom():
                place.moveBottom(anchor.mapToGlobal(QPoint(0, 0)).y() - 1)
            place.moveLeft(min(max(place.left(), room.left()), room.right() - size.width() + 1))
            place.moveTop(min(max(place.top(), room.top()), room.bottom() - size.height() + 1))
        self.move(place.topLeft())


class SearchHelpButton(QToolButton):
    """A "?" button for beside a search box."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("searchHelpButton")
        self.setText("?")
        self.setToolTip(
            self.tr("Search syntax: phrases, OR, -exclusions, tag:, is:unread, after:7d …")
        )
        self.setAccessibleName(self.tr("Search syntax"))
        self.setAutoRaise(True)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.popup: SearchHelpPopup | None = None
        self.clicked.connect(self.show_help)

    def show_help(self) -> None:
        if self.popup is None:
            self.popup = SearchHelpPopup(self)
        self.popup.show_below(self)
