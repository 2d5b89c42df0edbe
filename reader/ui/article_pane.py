"""The right-hand pane: the tag bar over the article itself."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QToolButton, QVBoxLayout, QWidget

from reader.core.types import Article
from reader.ui.article_browser import ArticleBrowser
from reader.ui.article_html import article_document, placeholder_document
from reader.ui.tag_bar import TagBar
from reader.ui.theme import LIGHT, Theme, reading_css

NO_ARTICLE = "Select an article to read it."
_REMOTE_IMAGE = re.compile(r"""<img\b[^>]*\bsrc\s*=\s*["']?https?://""", re.IGNORECASE)


def remote_images(html: str | None) -> int:
    """How many images in ``html`` would come from the web (they are not shown until asked)."""
    return len(_REMOTE_IMAGE.findall(html or ""))


class ArticlePane(QWidget):
    # The reader asked for the article's web images (the window fetches them in the background).
    images_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("articlePane")
        self.article: Article | None = None
        self._theme = LIGHT
        self._font_size = 13
        self._family = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.tag_holder = QFrame(self)
        self.tag_holder.setObjectName("tagBar")
        holder_layout = QHBoxLayout(self.tag_holder)
        holder_layout.setContentsMargins(18, 10, 18, 6)
        self.tag_bar = TagBar(self.tag_holder)
        holder_layout.addWidget(self.tag_bar, 1)
        self.images_button = QToolButton(self.tag_holder)
        self.images_button.setAutoRaise(True)
        self.images_button.setToolTip(
            "Images from the web are not loaded when you read; this fetches them once and keeps"
            " them in the library"
        )
        self.images_button.clicked.connect(self._ask_for_images)
        self.images_button.hide()
        holder_layout.addWidget(self.images_button)
        layout.addWidget(self.tag_holder)
        self.browser = ArticleBrowser(self)
        layout.addWidget(self.browser, 1)
        self.show_article(None)

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
        self._render(keep_position=True)

    def set_font_size(self, points: int) -> None:
        self._font_size = points
        self.browser.set_font_size(points)
        self._render(keep_position=True)

    def show_article(self, article: Article | None, *, message: str = NO_ARTICLE) -> None:
        self.article = article
        self._message = message
        self.tag_holder.setVisible(article is not None)
        if article is not None:
            self.tag_bar.set_tags(article.tags)
        self._update_images_button()
        self._render(keep_position=False)

    def _update_images_button(self) -> None:
        count = remote_images(self.article.content_html if self.article else None)
        self.images_button.setVisible(count > 0)
        self.images_button.setEnabled(True)
        if count:
            self.images_button.setText(f"Load {count} image{'' if count == 1 else 's'}")

    def _ask_for_images(self) -> None:
        if self.article is not None:
            self.images_button.setEnabled(False)
            self.images_button.setText("Loading images…")
            self.images_requested.emit(self.article.id)

    def update_article(self, article: Article) -> None:
        """The shown article changed in the library: new tags are shown in place; a new body
        is rendered again, keeping the reading position."""
        old = self.article
        self.article = article
        self.tag_bar.set_tags(article.tags)
        if old is None or old.content_html != article.content_html:
            self._update_images_button()
        if old is None or (
            old.content_html != article.content_html
            or old.title != article.title
            or old.word_count != article.word_count
        ):
            self._render(keep_position=True)

    def _render(self, *, keep_position: bool) -> None:
        bar = self.browser.verticalScrollBar()
        position = bar.value() if keep_position else 0
        if self.article is None:
            self.browser.show_document(placeholder_document(self._message, self.css()))
        else:
            self.browser.show_document(article_document(self.article, self.css()))
        if keep_position:
            bar.setValue(position)
