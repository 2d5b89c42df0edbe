"""Images kept in the library: one row per distinct image (by sha256), linked to articles."""

from __future__ import annotations

from datetime import datetime

from reader.core.errors import NotFoundError
from reader.store import models as m


def get_image(sha256: str) -> tuple[str, bytes] | None:
    row = (
        m.Image.select(m.Image.mime, m.Image.data).where(m.Image.sha256 == sha256).tuples().first()
    )
    if row is None:
        return None
    mime, data = row
    return str(mime), bytes(data)


def store_image(sha256: str, mime: str, data: bytes, *, now: datetime) -> int:
    """Keep an image (once, however many articles use it); returns its row id."""
    m.Image.insert(
        sha256=sha256, mime=mime, data=data, size=len(data), fetched=now
    ).on_conflict_ignore().execute()
    return int(m.Image.select(m.Image.id).where(m.Image.sha256 == sha256).scalar())


def link_images(article_id: int, images: dict[str, str]) -> None:
    """Record which image (sha256) each of the article's image URLs became."""
    if not images:
        return
    ids = dict(
        m.Image.select(m.Image.sha256, m.Image.id)
        .where(m.Image.sha256.in_(list(set(images.values()))))
        .tuples()
    )
    for url, sha256 in images.items():
        image_id = ids.get(sha256)
        if image_id is None:
            continue
        m.ArticleImage.insert(
            article=article_id, url=url, image=image_id
        ).on_conflict_replace().execute()


def article_images(article_id: int) -> dict[str, str]:
    """The article's image URLs and the sha256 each is stored under."""
    query = (
        m.ArticleImage.select(m.ArticleImage.url, m.Image.sha256)
        .join(m.Image)
        .where(m.ArticleImage.article == article_id)
        .tuples()
    )
    return {str(url): str(sha) for url, sha in query}


def unlink_images(article_id: int) -> None:
    m.ArticleImage.delete().where(m.ArticleImage.article == article_id).execute()


def delete_unused_images() -> int:
    """Drop images no article uses any more (after deletes and re-extraction)."""
    used = m.ArticleImage.select(m.ArticleImage.image)
    return int(m.Image.delete().where(m.Image.id.not_in(used)).execute())


def set_article_html(article_id: int, html: str) -> None:
    """Replace only the stored HTML of an article (its image addresses were rewritten); the
    text and the search index do not change."""
    changed = (
        m.ArticleContent.update(html=html).where(m.ArticleContent.article == article_id).execute()
    )
    if not changed:
        raise NotFoundError(f"no article with id {article_id}")
