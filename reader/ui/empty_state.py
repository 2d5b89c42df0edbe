"""What a new library shows: the ways in."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from reader.ui.icons import icon
from reader.ui.key_guard import keep_keys


class ChoiceButton(QPushButton):
    """A large button: an icon, a title and a line saying what it does."""

    def __init__(self, title: str, detail: str, icon_name: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("emptyAction")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(title)
        self.setAccessibleDescription(detail)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(14)
        picture = QLabel(self)
        picture.setPixmap(icon(icon_name).pixmap(QSize(26, 26)))
        layout.addWidget(picture)
        text = QVBoxLayout()
        text.setSpacing(2)
        heading = QLabel(title, self)
        heading.setObjectName("emptyActionTitle")
        text.addWidget(heading)
        line = QLabel(detail, self)
        line.setObjectName("emptyText")
        text.addWidget(line)
        layout.addLayout(text, 1)
        for label in (picture, heading, line):
            # Clicks go to the button underneath.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setMinimumHeight(layout.sizeHint().height())


class EmptyState(QWidget):
    add_feed = Signal()
    save_article = Signal()
    import_file = Signal()
    sync_account = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("emptyState")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        column = QWidget(self)
        column.setFixedWidth(540)
        layout = QVBoxLayout(column)
        layout.setSpacing(12)
        title = QLabel(self.tr("Welcome to Folio"), column)
        title.setObjectName("emptyTitle")
        layout.addWidget(title)
        text = QLabel(
            self.tr(
                "Your library is empty. Bring in something to read — everything stays on this"
                " computer, in one file."
            ),
            column,
        )
        text.setObjectName("emptyText")
        text.setWordWrap(True)
        layout.addWidget(text)
        layout.addSpacing(8)
        self.buttons: dict[str, QPushButton] = {}
        for name, label, detail, icon_name, signal in (
            (
                "add_feed",
                self.tr("Subscribe to a feed"),
                self.tr("Paste a feed's address or a site's; Folio finds the feed."),
                "add-feed",
                self.add_feed,
            ),
            (
                "save_article",
                self.tr("Save an article"),
                self.tr("From a web address, or a page or text file you have."),
                "save",
                self.save_article,
            ),
            (
                "import_file",
                self.tr("Import subscriptions or a reading list"),
                self.tr("An OPML file from another reader, or a Pocket or Instapaper export."),
                "import",
                self.import_file,
            ),
            (
                "sync_account",
                self.tr("Sync with your server"),
                self.tr("Miniflux, FreshRSS or another Google Reader API server."),
                "sync",
                self.sync_account,
            ),
        ):
            button = ChoiceButton(label, detail, icon_name, column)
            button.clicked.connect(signal)
            keep_keys(button)
            layout.addWidget(button)
            self.buttons[name] = button
        layout.addSpacing(8)
        hint = QLabel(
            self.tr("You can also drop a link or an .html, .txt or .md file on this window."),
            column,
        )
        hint.setObjectName("emptyText")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        outer.addWidget(column, 0, Qt.AlignmentFlag.AlignHCenter)
        outer.addStretch(3)
