"""Saving articles from files and text."""

from __future__ import annotations

from pathlib import Path

from reader.core.errors import ExtractionError, UserError
from reader.core.text import word_count
from reader.core.types import ArticleInput, SaveResult, SourceKind
from reader.library.base import LibraryBase
from reader.services.sanitize import html_to_text, sanitize_html, text_to_html
from reader.store import articles as store_articles


class SavingMixin(LibraryBase):
    def _store_saved(self, item: ArticleInput, tags: list[str]) -> SaveResult:
        with self.transaction():
            existing = store_articles.find_by_url(item.canonical_url) if item.canonical_url else None
            if existing is not None:
                store_articles.update_article(existing, item)
                if tags:
                    from reader.store.tags import add_tags

                    add_tags(existing, tags)
                article = store_articles.get_article(existing)
                created = False
            else:
                article_id = store_articles.insert_article(item, now=self.now(), tags=tags)
                article = store_articles.get_article(article_id)
                created = True
        self.notify("articles", [article.id])
        return SaveResult(article=article, created=created, notes=item.notes)

    def save_file(self, path: Path, *, tags: list[str] | None = None, title: str | None = None) -> SaveResult:
        path = Path(path)
        if not path.is_file():
            raise UserError(f"no such file: {path}")
        raw = path.read_bytes()
        if not raw.strip():
            raise ExtractionError(f"{path} is empty; nothing to save")
        text = raw.decode("utf-8", errors="replace")
        if path.suffix.lower() in (".html", ".htm", ".xhtml"):
            html = sanitize_html(text)
            kind = SourceKind.HTML_FILE
        else:
            html = text_to_html(text)
            kind = SourceKind.TEXT_FILE
        body = html_to_text(html)
        item = ArticleInput(
            title=title or path.stem,
            source_kind=kind,
            content_html=html,
            text=body,
            word_count=word_count(body),
        )
        return self._store_saved(item, tags or [])
