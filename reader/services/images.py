"""Downloading an article's images so it reads offline, and pointing its HTML at the copies.

Stored HTML refers to a kept image as ``folio-image:<sha256>``; the reading pane resolves that
from the library and loads nothing from the network. An image that cannot be fetched (too
large, not an image, a dead link) is left out of the article rather than left remote.

Tracking pixels are recognised before anything is fetched (their size, a hiding style, a
counter's address): they are neither downloaded nor kept. Where images are not to be fetched
at all (a local file, when the user says so), remote images stay remote, as in feed articles,
and the reading pane loads them only when asked.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core.errors import UserError

if TYPE_CHECKING:
    from lxml import etree

log = logging.getLogger(__name__)

SCHEME = "folio-image:"
MAX_IMAGE_BYTES = 10 * 1024 * 1024
MAX_IMAGES = 60
MAX_TOTAL_BYTES = 60 * 1024 * 1024

# Formats the reading pane can show, recognised by their first bytes (servers mislabel
# images often enough that the Content-Type alone is not trusted). SVG is left out on purpose:
# it is a document that can carry scripts and remote references of its own.
_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"BM", 0, "image/bmp"),
    (b"\x00\x00\x01\x00", 0, "image/x-icon"),
)

# (content type, bytes) of a URL, or raises UserError; the caller supplies the transport.
Fetcher = Callable[[str], tuple[str | None, bytes]]


@dataclass(frozen=True, slots=True)
class StoredImage:
    url: str
    sha256: str
    mime: str
    data: bytes


@dataclass(frozen=True, slots=True)
class LocalizedHtml:
    """The article's HTML with kept images as ``folio-image:`` URLs, and the images."""

    html: str
    images: tuple[StoredImage, ...]
    # url -> sha256 of every image the HTML now refers to (also the ones already stored)
    mapping: dict[str, str]
    failed: int


def sniff_image(data: bytes) -> str | None:
    """The image type of ``data`` by its signature, or None when it is not an image we show."""
    for signature, offset, mime in _SIGNATURES:
        if data[offset : offset + len(signature)] == signature:
            return mime
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "image/webp"
    if data[4:12] in (b"ftypavif", b"ftypavis"):
        return "image/avif"
    return None


def _is_pixel(img: etree._Element) -> bool:
    from reader.services.sanitize import is_tracking_pixel

    return is_tracking_pixel({str(k).lower(): str(v) for k, v in img.attrib.items()})


def image_urls(html: str) -> list[str]:
    """Addresses of the images an HTML fragment shows, in order, without repeats; tracking
    pixels left out."""
    root = _fragment(html)
    if root is None:
        return []
    urls: list[str] = []
    for img in root.iter("img"):
        src = (img.get("src") or "").strip()
        if src.startswith(("http://", "https://")) and src not in urls and not _is_pixel(img):
            urls.append(src)
    return urls


def _fragment(html: str) -> etree._Element | None:
    # lxml loads on first use: the command line opens the library without touching images.
    import lxml.html
    from lxml import etree

    if not html.strip():
        return None
    try:
        root: etree._Element = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return None
    return root


def _serialize(root: etree._Element) -> str:
    from lxml import etree

    return (root.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in root
    )


def rewrite_images(html: str, mapping: Mapping[str, str], *, keep_remote: bool = False) -> str:
    """Point every ``<img>`` whose address is in ``mapping`` at its stored copy; drop the
    images that were not kept (with ``keep_remote``, a web image not fetched stays as it is)
    and every ``<source>`` (they only name remote alternatives). Tracking pixels go."""
    root = _fragment(html)
    if root is None:
        return html
    for source in list(root.iter("source")):
        source.drop_tree()
    for img in list(root.iter("img")):
        src = (img.get("src") or "").strip()
        if src.startswith((SCHEME, "data:")):
            continue
        sha = mapping.get(src)
        if sha is not None:
            img.set("src", SCHEME + sha)
        elif not (keep_remote and src.startswith(("http://", "https://")) and not _is_pixel(img)):
            img.drop_tree()
    return _serialize(root)


def localize_images(
    html: str,
    fetch: Fetcher,
    *,
    known: Mapping[str, str] | None = None,
    resources: Mapping[str, tuple[str, bytes]] | None = None,
    fetch_remote: bool = True,
) -> LocalizedHtml:
    """Fetch the images of ``html`` and rewrite it to refer to them.

    ``known`` maps URLs already stored to their sha256 (nothing is fetched for them);
    ``resources`` holds images that came with the page (MHTML) by URL. Without
    ``fetch_remote`` nothing is fetched: the images the page brought are kept, the others stay
    remote.
    """
    known = known or {}
    resources = resources or {}
    mapping: dict[str, str] = {}
    images: list[StoredImage] = []
    seen: set[str] = set()
    failed = 0
    total = 0
    for url in image_urls(html)[:MAX_IMAGES]:
        if url in known:
            mapping[url] = known[url]
            continue
        if url not in resources and not fetch_remote:
            continue
        try:
            declared: str | None
            if url in resources:
                declared, data = resources[url]
            else:
                declared, data = fetch(url)
        except UserError as exc:
            log.info("image %s not kept: %s", url, exc)
            failed += 1
            continue
        mime = sniff_image(data)
        if mime is None or len(data) > MAX_IMAGE_BYTES or total + len(data) > MAX_TOTAL_BYTES:
            log.info("image %s not kept: %s, %d bytes", url, declared or "no type", len(data))
            failed += 1
            continue
        sha = hashlib.sha256(data).hexdigest()
        mapping[url] = sha
        if sha not in seen:
            seen.add(sha)
            total += len(data)
            images.append(StoredImage(url=url, sha256=sha, mime=mime, data=data))
    return LocalizedHtml(
        html=rewrite_images(html, mapping, keep_remote=not fetch_remote),
        images=tuple(images),
        mapping=mapping,
        failed=failed,
    )
