"""Markdown: one file per article with YAML front matter, into a folder or a .zip.

File names are the titles made safe for every system and for Obsidian links; stored images go
to ``attachments/`` beside the notes and are linked relatively.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path

from reader.core.anchoring_html import mark_article
from reader.core.errors import UserError
from reader.core.highlights import Highlight
from reader.core.limits import drop_controls
from reader.core.types import Article
from reader.services.exporters.common import (
    IMAGE_EXTENSIONS,
    HighlightSource,
    ImageSource,
    Progress,
    UniqueNames,
    inner_html,
    iso_utc,
    no_highlights,
    no_images,
    parse_fragment,
    rewrite_images,
    safe_file_stem,
    safe_url,
)
from reader.services.markdown import escape_markdown, html_to_markdown

ATTACHMENTS = "attachments"


def _yaml_scalar(value: object) -> str:
    # A JSON string is a valid YAML double-quoted scalar, escapes included.
    return json.dumps(value, ensure_ascii=False)


def front_matter(article: Article, highlights: int = 0) -> str:
    lines = ["---", f"title: {_yaml_scalar(article.title)}"]
    url = safe_url(article)
    if url:
        lines.append(f"url: {_yaml_scalar(url)}")
    if article.author:
        lines.append(f"author: {_yaml_scalar(article.author)}")
    if article.site_name or article.feed_title:
        lines.append(f"source: {_yaml_scalar(article.feed_title or article.site_name)}")
    if article.published:
        lines.append(f"published: {iso_utc(article.published)}")
    lines.append(f"added: {iso_utc(article.added)}")
    if article.updated:
        lines.append(f"updated: {iso_utc(article.updated)}")
    if article.tags:
        lines.append("tags:")
        # Obsidian tags cannot hold spaces; a space becomes a dash there and here alike.
        lines.extend(f"  - {_yaml_scalar('-'.join(t.split()))}" for t in article.tags)
    lines.append(f"read: {'true' if article.read else 'false'}")
    lines.append(f"starred: {'true' if article.starred else 'false'}")
    lines.append(f"archived: {'true' if article.archived else 'false'}")
    if highlights:
        lines.append(f"highlights: {highlights}")
    lines.append("---")
    return "\n".join(lines) + "\n"


def _quoted(text: str) -> str:
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(f"> {escape_markdown(line)}" if line else ">" for line in lines)


def highlights_markdown(highlights: Sequence[Highlight]) -> str:
    """The article's highlights as block quotes, each followed by its note; those that could
    not be placed in the text as it is now come last, said so."""
    placed = [h for h in highlights if h.placed]
    unplaced = [h for h in highlights if not h.placed]
    parts = ["## Highlights"]
    for highlight in placed + unplaced:
        block = _quoted(highlight.quote)
        if not highlight.placed:
            block += "\n>\n> *(no longer found in the article's text)*"
        parts.append(block)
        if highlight.note:
            parts.append(highlight.note.strip())
    return "\n\n".join(parts) + "\n"


def article_markdown(
    article: Article,
    images: ImageSource,
    saved: dict[str, tuple[str, bytes]],
    highlights: Sequence[Highlight] = (),
) -> str:
    """The note for one article; the images it uses are added to ``saved`` by file name.
    Its highlights are marked in the text (``==like this==``, as Obsidian writes them) and
    listed with their notes at the end."""
    html = article.content_html or ""
    if highlights:
        marked = mark_article(html, highlights, merge=True)
        html, highlights = marked.html, marked.highlights
    root = parse_fragment(html)

    def attach(sha: str, mime: str, data: bytes) -> str | None:
        extension = IMAGE_EXTENSIONS.get(mime.split(";", maxsplit=1)[0].strip().lower(), "bin")
        name = f"{sha[:32]}.{extension}"
        saved[name] = (mime, data)
        return f"{ATTACHMENTS}/{name}"

    rewrite_images(root, article, images, attach)
    body = html_to_markdown(inner_html(root))
    parts = [front_matter(article, len(highlights)), f"# {article.title}\n"]
    url = safe_url(article)
    if url:
        parts.append(f"<{url}>\n")
    if article.note:
        # The article's note sits above its text, as in the window.
        parts.append("## Notes\n\n" + article.note.strip() + "\n")
    if body.strip():
        parts.append(body)
    if highlights:
        parts.append(highlights_markdown(highlights))
    # Notes are read in terminals too: no escape sequence from an older library's titles.
    return drop_controls("\n".join(parts))


def write_markdown(
    target: Path,
    articles: Iterable[Article],
    *,
    images: ImageSource = no_images,
    highlights: HighlightSource = no_highlights,
    total: int = 0,
    progress: Progress | None = None,
) -> int:
    """Write into the folder ``target`` (created if missing), into a .zip if it ends so, or
    into the one file ``target`` if it ends in .md (then it must be given one article)."""
    if target.suffix.lower() == ".md":
        return _write_single(target, articles, images, highlights)
    as_zip = target.suffix.lower() == ".zip"
    if not as_zip:
        if target.exists() and not target.is_dir():
            raise UserError(f"{target} is a file; give a folder (or a name ending in .zip)")
        target.mkdir(parents=True, exist_ok=True)
    names = UniqueNames()
    if not as_zip and target.exists():
        for existing in target.iterdir():
            names.take(existing.stem, existing.suffix)
    saved: dict[str, tuple[str, bytes]] = {}
    count = 0
    archive = zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) if as_zip else None
    try:
        for article in articles:
            text = article_markdown(article, images, saved, highlights(article))
            name = names.take(safe_file_stem(article.title), ".md")
            if archive is not None:
                archive.writestr(name, text)
            else:
                (target / name).write_text(text, encoding="utf-8")
            count += 1
            if progress:
                progress(count, total)
        for name, (_mime, data) in sorted(saved.items()):
            if archive is not None:
                archive.writestr(f"{ATTACHMENTS}/{name}", data)
            else:
                folder = target / ATTACHMENTS
                folder.mkdir(exist_ok=True)
                (folder / name).write_bytes(data)
    finally:
        if archive is not None:
            archive.close()
    return count


def _write_single(
    target: Path, articles: Iterable[Article], images: ImageSource, highlights: HighlightSource
) -> int:
    chosen = list(articles)
    if len(chosen) != 1:
        raise UserError(
            f"a .md file holds one article and {len(chosen)} were chosen; give a folder or a"
            " name ending in .zip"
        )
    saved: dict[str, tuple[str, bytes]] = {}
    text = article_markdown(chosen[0], images, saved, highlights(chosen[0]))
    target.write_text(text, encoding="utf-8")
    if saved:
        folder = target.parent / ATTACHMENTS
        folder.mkdir(exist_ok=True)
        for name, (_mime, data) in sorted(saved.items()):
            (folder / name).write_bytes(data)
    return 1
