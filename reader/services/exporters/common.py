"""What the article exporters share: the article shape they take, images, names and dates."""

from __future__ import annotations

import base64
import hashlib
import re
import unicodedata
from collections.abc import Callable, Sequence
from datetime import UTC, datetime

import lxml.html
from lxml import etree

from reader.core.highlights import Highlight
from reader.core.limits import drop_controls
from reader.core.types import Article
from reader.core.urls import safe_link

# (article, image URL as the HTML writes it) -> (MIME type, bytes) of a stored image, or None.
ImageSource = Callable[[Article, str], tuple[str, bytes] | None]
# An article's highlights: placed ones in the order of its text, then the others.
HighlightSource = Callable[[Article], Sequence[Highlight]]
# (articles done, articles in all) after each article.
Progress = Callable[[int, int], None]

IMAGE_EXTENSIONS = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/gif": "gif",
    "image/webp": "webp",
    "image/svg+xml": "svg",
    "image/avif": "avif",
}


def no_images(article: Article, url: str) -> tuple[str, bytes] | None:
    return None


def no_highlights(article: Article) -> Sequence[Highlight]:
    return ()


def iso_utc(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def parse_fragment(html: str) -> etree._Element:
    """An article body as a <div> holding it (an empty <div> for no body), its links checked
    again (:func:`drop_unsafe_links`): the stored HTML was cleaned when it was stored, but an
    export is opened elsewhere, by programs that trust it, perhaps from an older library."""
    if not html.strip():
        return lxml.html.Element("div")
    try:
        root: etree._Element = lxml.html.fragment_fromstring(
            drop_controls(html), create_parent="div"
        )
    except (etree.ParserError, ValueError):
        div = lxml.html.Element("div")
        div.text = drop_controls(html)
        return div
    drop_unsafe_links(root)
    return root


# Where an exported body may point, by attribute: the web (and mail and fragments for links),
# images inline or in the library.
_LINK_ATTRIBUTES = ("href", "src", "cite", "srcset", "poster", "action", "formaction", "data")


def _allowed(element: str, attribute: str, value: str) -> bool:
    value = value.strip()
    if attribute == "href" and (value.startswith("#") or safe_link(value, mailto=True)):
        return True
    if (
        attribute == "src"
        and element == "img"
        and value.startswith(("data:image/", "folio-image:"))
    ):
        return True
    if attribute == "srcset":
        return all(
            safe_link(part.strip().split(" ", 1)[0]) for part in value.split(",") if part.strip()
        )
    return attribute in ("src", "cite") and safe_link(value) is not None


def drop_unsafe_links(root: etree._Element) -> None:
    """Remove every address that is not a web address (or a mail link, a fragment, an image
    of the library), every event handler and every script from ``root``."""
    for element in list(root.iter()):
        if not isinstance(element.tag, str):
            continue
        if element.tag in ("script", "iframe", "object", "embed", "style"):
            element.drop_tree()
            continue
        for name in list(element.attrib):
            lowered = name.lower()
            if lowered.startswith("on") or (
                lowered in _LINK_ATTRIBUTES
                and not _allowed(element.tag, lowered, element.get(name) or "")
            ):
                del element.attrib[name]


def safe_url(article: Article) -> str | None:
    """The article's address as an export may link it: a web address, or none."""
    return safe_link(article.url)


def inner_html(root: etree._Element) -> str:
    return (root.text or "") + "".join(
        etree.tostring(child, encoding="unicode", method="html") for child in root
    )


def rewrite_images(
    root: etree._Element,
    article: Article,
    images: ImageSource,
    replace: Callable[[str, str, bytes], str | None],
) -> None:
    """Point each <img> the library holds at ``replace(sha, mime, data)``; an image it does
    not hold keeps its address, unless ``replace`` is asked for it and returns None."""
    for img in list(root.iter("img")):
        src = (img.get("src") or "").strip()
        if not src or src.startswith("data:"):
            continue
        found = images(article, src)
        if found is None:
            continue
        mime, data = found
        sha = src.split(":", 1)[1] if src.startswith("folio-image:") else sha256_hex(data)
        target = replace(sha, mime, data)
        if target is not None:
            img.set("src", target)


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def data_url(mime: str, data: bytes) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


# Characters Windows, macOS or Obsidian refuse in a file name (Obsidian also links badly
# through # ^ [ ] |).
_UNSAFE = re.compile(r'[\\/:*?"<>|#^\[\]\x00-\x1f\x7f]')
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"}
    | {f"com{i}" for i in range(1, 10)}
    | {f"lpt{i}" for i in range(1, 10)}
)


def safe_file_stem(title: str, *, fallback: str = "Untitled", limit: int = 100) -> str:
    """A file name (without extension) that works on every system and as an Obsidian link."""
    text = unicodedata.normalize("NFC", title)
    text = _UNSAFE.sub(" ", text)
    text = " ".join(text.split()).strip(" .")
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0].strip(" .") or text[:limit]
    if not text or text.lower() in _RESERVED:
        text = fallback
    return text


class UniqueNames:
    """Hands out names that differ without regard to case: "Title", "Title 2", "Title 3"."""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def take(self, stem: str, suffix: str) -> str:
        candidate = stem + suffix
        number = 2
        while candidate.casefold() in self._taken:
            candidate = f"{stem} {number}{suffix}"
            number += 1
        self._taken.add(candidate.casefold())
        return candidate
