"""A feed's icon: the one the feed declares, else the one its site's page names, else the
site's ``/favicon.ico``. Only images are accepted, and only small ones."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree

from reader.core.errors import FetchError
from reader.services.http import HttpClient

MAX_ICON_BYTES = 256 * 1024
MAX_PAGE_BYTES = 1024 * 1024
_ACCEPT = "image/png, image/x-icon, image/vnd.microsoft.icon, image/svg+xml, image/*;q=0.8"


def sniff_image(data: bytes) -> str | None:
    """The image type of ``data`` from its first bytes, or None if it is not an image."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if data.startswith((b"\x00\x00\x01\x00", b"\x00\x00\x02\x00")):
        return "image/x-icon"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "image/gif"
    if data.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "image/webp"
    head = data[:512].lstrip().lower()
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return "image/svg+xml"
    return None


def icon_links(html: bytes, page_url: str) -> list[str]:
    """Icons a page names in ``<link rel="icon">`` (and the older "shortcut icon"), the
    plain icons before Apple's large touch icons."""
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    plain: list[str] = []
    touch: list[str] = []
    for element in root.iter("link"):
        rel = (element.get("rel") or "").lower().split()
        href = (element.get("href") or "").strip()
        if not href:
            continue
        url = urljoin(page_url, href)
        if "icon" in rel:
            plain.append(url)
        elif "apple-touch-icon" in rel:
            touch.append(url)
    return plain + touch


def _fetch_image(client: HttpClient, url: str) -> tuple[str, bytes] | None:
    try:
        response = client.get(url, max_bytes=MAX_ICON_BYTES, accept=_ACCEPT, timeout=15)
    except FetchError:
        return None
    mime = sniff_image(response.content)
    if mime is None:
        return None
    return mime, response.content


def fetch_icon(
    client: HttpClient, *, icon_url: str | None, site_url: str | None, feed_url: str
) -> tuple[str, bytes] | None:
    """``(mime, bytes)`` of the feed's icon, or None when there is none to be had."""
    tried: set[str] = set()
    if icon_url:
        tried.add(icon_url)
        found = _fetch_image(client, icon_url)
        if found:
            return found
    page = site_url or feed_url
    parts = urlsplit(page)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if site_url:
        try:
            response = client.get(
                site_url, max_bytes=MAX_PAGE_BYTES, accept="text/html", timeout=15
            )
        except FetchError:
            response = None
        if response is not None and (response.content_type or "").endswith("html"):
            for link in icon_links(response.content, response.url)[:3]:
                if link not in tried:
                    tried.add(link)
                    found = _fetch_image(client, link)
                    if found:
                        return found
    fallback = f"{parts.scheme}://{parts.netloc}/favicon.ico"
    if fallback in tried:
        return None
    return _fetch_image(client, fallback)
