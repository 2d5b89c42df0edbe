"""The right-hand pane: the tag bar (with the article's starred and archived state) over the
article itself, and the find bar under it."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, Qt, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QCursor,
    QImage,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.anchoring_html import MarkedArticle
from reader.core.search_terms import SearchTerms, TermFinder
from reader.core.types import Article
from reader.ui.article_browser import ArticleBrowser
from reader.ui.article_html import (
    HIGHLIGHT_SCHEME,
    NOTE_SCHEME,
    article_document,
    header_document,
    placeholder_document,
)
from reader.ui.find_bar import FindBar
from reader.ui.highlight_layer import HighlightLayer
from reader.ui.tag_bar import TagBar
from reader.ui.theme import LIGHT, Theme, reading_css

NO_ARTICLE = QT_TRANSLATE_NOOP("ArticlePane", "Select an article to read it.")
SEARCH_MARK_KIND = "search"
# Marking a search's words stops after this many (a common word in a very long article).
MAX_SEARCH_MARKS = 2000
_REMOTE_IMAGE = re.compile(r"""<img\b[^>]*\bsrc\s*=\s*["']?https?://""", re.IGNORECASE)


def remote_images(html: str | None) -> int:
    """How many images in ``html`` would come from the web (they are not shown until asked)."""
    return len(_REMOTE_IMAGE.findall(html or ""))


class ArticlePane(QWidget):
    # The reader asked for the article's web images (the window fetches them in the background).
    images_requested = Signal(int)
    # A link in the pane (or around a picture shown full size) was chosen.
    link_activated = Signal(QUrl)
    # A highlight was clicked (its id, and where on the screen).
    highlight_clicked = Signal(int, QPoint)
    # The reader asked to write or change the article's note.
    note_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articlePane")
        self.article: Article | None = None
        self._theme = LIGHT
        self._font_size = 13
        self._family = ""
        self._search: SearchTerms | None = None
        self._state_actions: dict[QToolButton, QAction] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.tag_holder = QFrame(self)
        self.tag_holder.setObjectName("tagBar")
        holder_layout = QHBoxLayout(self.tag_holder)
        holder_layout.setContentsMargins(18, 10, 12, 6)
        self.tag_bar = TagBar(self.tag_holder)
        holder_layout.addWidget(self.tag_bar, 1)
        self.images_button = QToolButton(self.tag_holder)
        self.images_button.setAutoRaise(True)
        self.images_button.setToolTip(
            self.tr(
                "Images from the web are not loaded when you read; this fetches them once and keeps"
                " them in the library"
            )
        )
        self.images_button.clicked.connect(self._ask_for_images)
        self.images_button.hide()
        holder_layout.addWidget(self.images_button, 0, Qt.AlignmentFlag.AlignTop)
        # The article's starred and archived state, as buttons that change it.
        self.star_button = self._state_button("articleStarred")
        self.archive_button = self._state_button("articleArchived")
        holder_layout.addWidget(self.star_button, 0, Qt.AlignmentFlag.AlignTop)
        holder_layout.addWidget(self.archive_button, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.tag_holder)
        self.browser = ArticleBrowser(self)
        self.browser.link_activated.connect(self._link_activated)
        self.browser.text_clicked.connect(self._text_clicked)
        self._marked: MarkedArticle | None = None
        self.highlights = HighlightLayer(self.browser, self)
        self.browser.image_activated.connect(self.show_image)
        layout.addWidget(self.browser, 1)
        self.find_bar = FindBar(self.browser, self)
        layout.addWidget(self.find_bar)
        self.image_viewer: QWidget | None = None
        self.show_article(None)

    def _state_button(self, name: str) -> QToolButton:
        button = QToolButton(self.tag_holder)
        button.setObjectName(name)
        button.setAutoRaise(True)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
        button.setCheckable(True)
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.hide()
        return button

    def set_state_actions(self, star: QAction, archive: QAction) -> None:
        """The window's star and archive toggles, shown (checked or not) beside the tags."""
        for button, action in ((self.star_button, star), (self.archive_button, archive)):
            self._state_actions[button] = action
            button.clicked.connect(action.trigger)
            action.changed.connect(lambda b=button: self._update_state_button(b))
            self._update_state_button(button)

    def _update_state_button(self, button: QToolButton) -> None:
        action = self._state_actions[button]
        checked = action.isChecked()
        button.setChecked(checked)
        button.setIcon(action.icon())
        button.setToolTip(action.toolTip())
        button.setEnabled(action.isEnabled())
        button.setAccessibleName(action.iconText())
        # The archive button says so in words while the article is archived: its icon alone
        # is easy to miss.
        archived = button is self.archive_button and checked
        button.setText(self.tr("Archived") if archived else action.iconText())
        button.setToolButtonStyle(
            Qt.ToolButtonStyle.ToolButtonTextBesideIcon
            if archived
            else Qt.ToolButtonStyle.ToolButtonIconOnly
        )

    def css(self) -> str:
        return reading_css(self._theme, font_size=self._font_size, family=self._family)

    def set_reading_choices(self, family: str, line_characters: int) -> None:
        """The reader's font family ("" for Folio's) and line length, shown at once."""
        self._family = family
        self.browser.set_reading_choices(family, line_characters)
        self._render(keep_position=True)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.tag_bar.refresh_icons()
        self.find_bar.set_theme(theme)
        self._render(keep_position=True)

    def set_font_size(self, points: int) -> None:
        self._font_size = points
        self.browser.set_font_size(points)
        self._render(keep_position=True)

    def show_article(
        self,
        article: Article | None,
        *,
        message: str | None = None,
        search: SearchTerms | None = None,
        marked: MarkedArticle | None = None,
    ) -> None:
        """Show ``article`` (or ``message`` for none); ``search`` is what the list searched
        for, marked in the text; ``marked`` its HTML with its highlights marked."""
        self.article = article
        self._marked = marked
        self._message = message if message is not None else self.tr(NO_ARTICLE)
        self._search = search if search is not None and not search.empty else None
        self.tag_holder.setVisible(article is not None)
        for button in (self.star_button, self.archive_button):
            button.setVisible(article is not None and button in self._state_actions)
        if article is not None:
            self.tag_bar.set_tags(article.tags)
        self._update_images_button()
        self._render(keep_position=False)

    def _update_images_button(self) -> None:
        count = remote_images(self.article.content_html if self.article else None)
        self.images_button.setVisible(count > 0)
        self.images_button.setEnabled(True)
        if count:
            self.images_button.setText(self.tr("Load %n image(s)", "", count))

    def _ask_for_images(self) -> None:
        if self.article is not None:
            self.images_button.setEnabled(False)
            self.images_button.setText(self.tr("Loading images…"))
            self.images_requested.emit(self.article.id)

    def update_article(self, article: Article, marked: MarkedArticle | None = None) -> None:
        """The shown article changed in the library: new tags are shown in place; a new body
        (or note, or highlights: ``marked``, when given) is rendered again, keeping the
        reading position."""
        old = self.article
        self.article = article
        old_marked = self._marked
        if marked is not None:
            self._marked = marked
        self.tag_bar.set_tags(article.tags)
        if old is None or old.content_html != article.content_html:
            self._update_images_button()
        if old is None or (
            old.content_html != article.content_html
            or old.title != article.title
            or old.word_count != article.word_count
            or old.note != article.note
            or old_marked != self._marked
        ):
            self._render(keep_position=True)

    def _render(self, *, keep_position: bool) -> None:
        bar = self.browser.verticalScrollBar()
        position = bar.value() if keep_position else 0
        if self.article is None:
            self.browser.show_document(placeholder_document(self._message, self.css()))
        else:
            self._render_article(self.article)
        self._mark_search()
        if keep_position:
            bar.setValue(position)
        self.find_bar.search(from_top=not keep_position)

    def _render_article(self, article: Article) -> None:
        marked = self._marked
        highlights = marked.highlights if marked is not None else []
        css = self.css()
        self.browser.show_document(
            article_document(
                article,
                css,
                content_html=marked.html if marked is not None and marked.html else None,
                note=article.note,
                unplaced=[h for h in highlights if not h.placed],
            )
        )
        # Where the article's own text starts: after everything the header shows.
        header = QTextDocument()
        header.setHtml(header_document(article, css, note=article.note))
        start = len(header.toRawText().rstrip("\u2029\ufdd0\ufdd1\ufffc"))
        self.highlights.set_content(article.content_html or "", highlights, start)

    # -- links of its own ------------------------------------------------------------------------
    def _link_activated(self, url: QUrl) -> None:
        if url.scheme() == NOTE_SCHEME:
            self.note_requested.emit()
        elif url.scheme() == HIGHLIGHT_SCHEME:
            if url.path().isdigit():
                self.highlight_clicked.emit(int(url.path()), QCursor.pos())
        else:
            self.link_activated.emit(url)

    def _text_clicked(self, position: int, at: QPoint) -> None:
        cursor = QTextCursor(self.browser.document())
        cursor.setPosition(position + 1)
        if cursor.charFormat().background().style() == Qt.BrushStyle.NoBrush:
            return  # plain text: no highlight here
        found = self.highlights.highlight_at(position)
        if found is not None:
            self.highlight_clicked.emit(found.id, at)

    # -- what a search found -------------------------------------------------------------------
    def _mark_search(self) -> None:
        terms, article = self._search, self.article
        if terms is None or article is None:
            self.browser.set_marks(SEARCH_MARK_KIND, [])
            return
        finder = TermFinder(terms, article.language)
        look = QTextCharFormat()
        look.setBackground(QColor(self._theme.search_match))
        look.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        look.setUnderlineColor(QColor(self._theme.search_underline))
        marks: list[QTextEdit.ExtraSelection] = []
        document = self.browser.document()
        block = document.begin()
        while block.isValid() and len(marks) < MAX_SEARCH_MARKS:
            for start, end in finder.spans(block.text()):
                cursor = QTextCursor(document)
                cursor.setPosition(block.position() + start)
                cursor.setPosition(block.position() + end, QTextCursor.MoveMode.KeepAnchor)
                selection = QTextEdit.ExtraSelection()
                selection.cursor = cursor
                selection.format = look
                marks.append(selection)
            block = block.next()
        self.browser.set_marks(SEARCH_MARK_KIND, marks)

    # -- pictures at their own size ------------------------------------------------------------
    def show_image(self, image: QImage, link: QUrl) -> None:
        from reader.ui.image_viewer import ImageViewer

        viewer = ImageViewer(image, link, self.window())
        viewer.link_requested.connect(self.link_activated)
        viewer.finished.connect(lambda _result: self._viewer_closed(viewer))
        viewer.open()
        self.image_viewer = viewer

    def _viewer_closed(self, viewer: QWidget) -> None:
        if self.image_viewer is viewer:
            self.image_viewer = None
        viewer.deleteLater()
