"""Omnivore's export .zip: metadata_*.json, content/<slug>.html and highlights/<slug>.md."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reader.core.errors import ImportFormatError
from reader.core.import_counts import WARNING
from reader.core.limits import MAX_DOWNLOAD_BYTES
from reader.core.transfer import ImportHighlight, ImportItem, ImportProblem
from reader.services.importers.archive import ExportArchive, MemberTooLarge
from reader.services.importers.common import (
    Entry,
    check_url,
    clean_title,
    decode_text,
    flag,
    parse_date,
    tag_names,
    text_or_none,
    unreadable,
)
from reader.services.json_input import load_json

# Omnivore counts an article as read once its progress bar is (nearly) full.
READ_PROGRESS = 95
_BACKLINK = re.compile(r"\s*\[[^\]]*\]\([^)]*\)\s*$")
DELETED = "deleted in Omnivore"


def is_omnivore_zip(names: list[str]) -> bool:
    return any(re.fullmatch(r"(.*/)?metadata_[^/]*\.json", n) for n in names)


def parse_highlights_markdown(text: str) -> tuple[ImportHighlight, ...]:
    """Each highlight is a block quote, optionally followed by the user's note on it."""
    highlights: list[ImportHighlight] = []
    quote: list[str] = []
    note: list[str] = []

    def flush() -> None:
        body = "\n".join(quote).strip()
        if body:
            highlights.append(ImportHighlight(body, note="\n".join(note).strip() or None))
        quote.clear()
        note.clear()

    closed = False  # a blank line ended the current quote
    for line in text.splitlines():
        if line.startswith(">"):
            if note or closed:
                flush()
            closed = False
            quote.append(_BACKLINK.sub("", line[1:].strip()))
        elif not line.strip():
            closed = bool(quote)
        elif line.startswith("#") and not quote:
            continue
        elif quote:
            note.append(line.strip())
    flush()
    return tuple(highlights)


def labels(value: object) -> tuple[str, ...]:
    return tag_names(value, "name")


def is_deleted(entry: dict[str, Any]) -> bool:
    return str(entry.get("state") or "").lower() == "deleted"


def entry_item(
    entry: dict[str, Any],
    url: str,
    position: str,
    *,
    content: str | None = None,
    highlights: tuple[ImportHighlight, ...] = (),
) -> ImportItem:
    """An Omnivore article (a metadata_*.json entry, or a node of the API's export) as an item.

    Omnivore has no star: its states are reading (or "succeeded"), archived and deleted, and an
    article counts as read once its progress bar is (nearly) full or it was marked read."""
    state = str(entry.get("state") or "").lower()
    progress = entry.get("readingProgress", entry.get("readingProgressPercent"))
    archived = state == "archived" or flag(entry.get("isArchived"))
    try:
        finished = float(progress or 0) >= READ_PROGRESS
    except (TypeError, ValueError):
        finished = False
    read = archived or finished
    image = text_or_none(entry.get("thumbnail")) or text_or_none(entry.get("image"))
    return ImportItem(
        url=url,
        title=clean_title(entry.get("title")),
        added=parse_date(entry.get("savedAt")) or parse_date(entry.get("createdAt")),
        updated=parse_date(entry.get("updatedAt")),
        published=parse_date(entry.get("publishedAt")),
        author=clean_title(entry.get("author")) or None,
        tags=labels(entry.get("labels")),
        read=read,
        archived=archived,
        content_html=content,
        summary=clean_title(entry.get("description")) or None,
        highlights=highlights,
        site_name=text_or_none(entry.get("siteName")),
        image_url=image,
        position=position,
    )


def parse_omnivore_zip(data: bytes) -> Iterator[Entry]:
    with ExportArchive(data) as archive:
        names = archive.names()
        metadata = sorted(n for n in names if re.fullmatch(r"(.*/)?metadata_[^/]*\.json", n))
        if not metadata:
            raise ImportFormatError("the .zip is not an Omnivore export (no metadata_*.json)")
        by_base = {n.rsplit("/", 1)[-1]: n for n in names}
        for meta_name in metadata:
            try:
                entries = load_json(archive.read(meta_name))
            except (ValueError, UnicodeDecodeError) as exc:
                yield unreadable(meta_name, f"unreadable JSON ({exc})")
                continue
            if not isinstance(entries, list):
                yield unreadable(meta_name, "not a list of articles")
                continue
            for number, entry in enumerate(entries, start=1):
                position = f"{meta_name} entry {number}"
                if not isinstance(entry, dict):
                    yield unreadable(position, "not an article")
                    continue
                url = check_url(entry.get("url") or entry.get("originalUrl"), position)
                if isinstance(url, ImportProblem):
                    yield url
                    continue
                if is_deleted(entry):
                    yield ImportProblem(position, f"deleted in Omnivore: {url}", reason=DELETED)
                    continue
                slug = str(entry.get("slug") or entry.get("id") or "")
                content = None
                highlights: tuple[ImportHighlight, ...] = ()
                if slug:
                    content_name = by_base.get(f"{slug}.html")
                    md_name = by_base.get(f"{slug}.md")
                    try:
                        # An article's page or notes: no larger than a page Folio downloads.
                        if content_name:
                            page = archive.read(content_name, limit=MAX_DOWNLOAD_BYTES)
                            content = decode_text(page) or None
                        if md_name:
                            notes = archive.read(md_name, limit=MAX_DOWNLOAD_BYTES)
                            highlights = parse_highlights_markdown(decode_text(notes))
                    except MemberTooLarge as exc:
                        yield ImportProblem(
                            position, f"{exc}; imported without it", outcome=WARNING
                        )
                yield entry_item(entry, url, position, content=content, highlights=highlights)
