"""Which stored article a feed entry is: its identity within a feed.

An entry is known by its guid (RSS ``guid``, Atom ``id``, JSON Feed ``id``), else by its link,
else by a hash of its title and content. Feeds that regenerate guids while the entry stays the
same (same link, same title) are matched on link and title as a second chance, so the entry is
updated rather than duplicated.
"""

from __future__ import annotations

import hashlib

from reader.core.urls import is_http_url, normalize_url

# Keys longer than this are hashed: some feeds put whole URLs with long queries in their guids.
_MAX_KEY = 512


def _bounded(prefix: str, value: str) -> str:
    if len(value) <= _MAX_KEY:
        return prefix + value
    return prefix + "sha256:" + hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


def entry_key(*, guid: str | None, link: str | None, title: str | None, content: str | None) -> str:
    """The identity of an entry within its feed, as stored in ``article.entry_key``."""
    guid = (guid or "").strip()
    if guid:
        return _bounded("guid:", guid)
    link = (link or "").strip()
    if link:
        return _bounded("link:", normalize_url(link) if is_http_url(link) else link)
    digest = hashlib.sha256()
    digest.update(" ".join((title or "").split()).encode("utf-8", "surrogatepass"))
    digest.update(b"\0")
    digest.update((content or "").encode("utf-8", "surrogatepass"))
    return "hash:" + digest.hexdigest()


def link_title_key(link: str | None, title: str | None) -> tuple[str, str] | None:
    """The second-chance identity (link and title), or None when either is missing."""
    link = (link or "").strip()
    title = " ".join((title or "").split())
    if not link or not title:
        return None
    return (normalize_url(link) if is_http_url(link) else link, title)
