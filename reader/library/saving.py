"""Saving articles: web addresses, saved pages (HTML, MHTML), text and Markdown files, stdin.

Every source goes through the same steps: read or fetch it, extract the article, download its
images, then store article, images and search row in one transaction on the writer thread.
Nothing is written until everything before it has worked, so a failure leaves no trace.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from reader.core.errors import ExtractionError, FetchError, NotFoundError, UserError
from reader.core.limits import MAX_DOWNLOAD_BYTES
from reader.core.types import (
    ArticleInput,
    Enclosure,
    ExtractedPage,
    KeptSource,
    SaveResult,
    SourceKind,
)
from reader.core.urls import is_http_url, normalize_url
from reader.library.context import LibraryContext
from reader.services import images as image_service
from reader.services.encoding import decode_bytes, decode_text_file, looks_binary
from reader.store import articles as store_articles
from reader.store import images as store_images
from reader.store import settings as store_settings
from reader.store import sources as store_sources
from reader.store import tags as store_tags

if TYPE_CHECKING:
    from reader.services.http import FetchResponse, HttpClient

log = logging.getLogger(__name__)

HTML_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
MHTML_SUFFIXES = (".mhtml", ".mht")
TEXT_SUFFIXES = (".txt", ".text")
MARKDOWN_SUFFIXES = (".md", ".markdown")
SAVABLE_SUFFIXES = HTML_SUFFIXES + MHTML_SUFFIXES + TEXT_SUFFIXES + MARKDOWN_SUFFIXES
# The largest page or file Folio reads: the same cap as any download.
MAX_SOURCE_BYTES = MAX_DOWNLOAD_BYTES
# Sources larger than this are not kept: re-extracting such an article fetches it again.
MAX_KEPT_SOURCE_BYTES = 16 * 1024 * 1024
KEEP_PAGES_KEY = "keep_pages"
FILE_IMAGES_KEY = "fetch_file_images"

_DOMAIN_LIKE = re.compile(r"(?:[\w-]+\.)+[a-z]{2,}(?:/\S*)?", re.IGNORECASE)
_PAGE_ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1"
_HTML_TYPES = ("text/html", "application/xhtml+xml", "application/xml", "text/xml")
_TEXT_TYPES = ("text/plain",)
_MARKDOWN_TYPES = ("text/markdown", "text/x-markdown")
_MHTML_TYPES = ("multipart/related", "message/rfc822", "application/x-mimearchive")
# Documents Folio does not read but keeps as a link to open elsewhere, named for the user.
_LINK_TYPES = {
    "application/pdf": "PDF document",
    "application/epub+zip": "EPUB book",
    "application/msword": "Word document",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
    "application/vnd.oasis.opendocument.text": "OpenDocument text",
}
_LINK_PREFIXES = {"image/": "image", "audio/": "audio file", "video/": "video"}


@dataclass(frozen=True, slots=True)
class _Prepared:
    """An extracted source, ready to store."""

    page: ExtractedPage
    kind: SourceKind
    url: str | None
    resources: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    enclosures: tuple[Enclosure, ...] = ()
    # False for text without images to fetch and for link items.
    has_images: bool = True
    # The bytes it came from, kept with the article (None for link items).
    source: KeptSource | None = None


@dataclass(frozen=True, slots=True)
class FetchedLink:
    """A pending link's article, fetched and extracted, not yet stored."""

    item: ArticleInput
    images: image_service.LocalizedHtml
    source: KeptSource | None


def _link_kind(content_type: str | None) -> str | None:
    if not content_type:
        return None
    if content_type in _LINK_TYPES:
        return _LINK_TYPES[content_type]
    for prefix, name in _LINK_PREFIXES.items():
        if content_type.startswith(prefix):
            return name
    return None


def _name_from_url(url: str) -> str:
    path = unquote(urlsplit(url).path.rstrip("/"))
    return path.rsplit("/", 1)[-1] or (urlsplit(url).hostname or url)


def _plain_page(text: str, *, url: str | None, markdown: bool) -> ExtractedPage:
    """A page saved as text cleaned down to its article, or a Markdown file rendered."""
    if markdown:
        # markdown-it is loaded only when a Markdown file is saved.
        from reader.services.markdown_input import extract_markdown

        return extract_markdown(text, url)
    from reader.services.plaintext import extract_plain_text

    return extract_plain_text(text, url)


def _read_file(path: Path) -> bytes:
    if path.is_dir():
        raise UserError(f"{path} is a folder, not a file")
    if not path.is_file():
        raise UserError(f"no such file: {path}")
    size = path.stat().st_size
    if size > MAX_SOURCE_BYTES:
        raise ExtractionError(
            f"{path} is {size / (1024 * 1024):.0f} MB; Folio saves pages and texts up to"
            f" {MAX_SOURCE_BYTES / (1024 * 1024):.0f} MB"
        )
    try:
        return path.read_bytes()
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror or exc}") from exc


def prepare_bytes(
    data: bytes,
    *,
    name: str,
    suffix: str = "",
    url: str | None = None,
    charset: str | None = None,
    content_type: str | None = None,
) -> _Prepared:
    """Extract a source's bytes by what its name, type or first bytes say it is."""
    prepared = _prepare_bytes(
        data, name=name, suffix=suffix, url=url, charset=charset, content_type=content_type
    )
    source = KeptSource(
        data=data,
        name=name,
        suffix=suffix.lower(),
        url=url,
        charset=charset,
        content_type=content_type,
    )
    return replace(prepared, source=source if len(data) <= MAX_KEPT_SOURCE_BYTES else None)


def prepare_kept(source: KeptSource) -> _Prepared:
    """Extract a kept source again, as it was extracted when it was saved."""
    prepared = prepare_bytes(
        source.data,
        name=source.name,
        suffix=source.suffix,
        url=source.url,
        charset=source.charset,
        content_type=source.content_type,
    )
    # Kept as it was: no need to store it a second time.
    return replace(prepared, url=_web_address(source.url or prepared.url), source=None)


def _web_address(url: str | None) -> str | None:
    return normalize_url(url) if url and is_http_url(url) else None


def _prepare_bytes(
    data: bytes,
    *,
    name: str,
    suffix: str,
    url: str | None,
    charset: str | None,
    content_type: str | None,
) -> _Prepared:
    # The extractors load here, on the first save, so that starting a command or the window
    # does not pay for them.
    from reader.services.extract import extract_page
    from reader.services.mhtml import looks_like_mhtml, read_mhtml
    from reader.services.sanitize import drop_tracking_pixels

    suffix = suffix.lower()
    if not data.strip():
        raise ExtractionError(f"{name} is empty; nothing to save")
    is_mhtml = suffix in MHTML_SUFFIXES or content_type in _MHTML_TYPES or looks_like_mhtml(data)
    if is_mhtml:
        archive = read_mhtml(data, name=name)
        page = extract_page(drop_tracking_pixels(archive.html), url or archive.url)
        return _Prepared(page, SourceKind.HTML_FILE, page.url, resources=archive.resources)
    if looks_binary(data):
        raise ExtractionError(f"{name} is a binary file, not a web page or text; nothing saved")
    is_markdown = suffix in MARKDOWN_SUFFIXES or content_type in _MARKDOWN_TYPES
    is_text = suffix in TEXT_SUFFIXES or content_type in _TEXT_TYPES
    is_html = suffix in HTML_SUFFIXES or content_type in _HTML_TYPES
    if not (is_markdown or is_text or is_html):
        is_html = _looks_like_html(data)
    kind = SourceKind.URL if url and content_type is not None else None
    if is_html:
        text = decode_bytes(data, http_charset=charset)
        # Pixels are told by their sizes and styles, which extraction drops: decided here.
        page = extract_page(drop_tracking_pixels(text), url)
        return _Prepared(page, kind or SourceKind.HTML_FILE, page.url)
    text = (
        decode_text_file(data, name=name)
        if charset is None
        else decode_bytes(data, http_charset=charset, html=False)
    )
    page = _plain_page(text, url=url, markdown=is_markdown)
    if not page.text.strip():
        raise ExtractionError(f"{name} holds no text; nothing to save")
    return _Prepared(page, kind or SourceKind.TEXT_FILE, url, has_images=is_markdown)


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<body")) or (
        b"<html" in head or b"<body" in head or b"<p>" in head or b"<div" in head
    )


def prepare_response(response: FetchResponse, requested: str) -> _Prepared:
    """Extract a fetched page, or make a link item for a document Folio does not read."""
    name = response.url
    content_type = response.content_type
    link_kind = _link_kind(content_type)
    if link_kind is None and content_type in (None, "application/octet-stream"):
        sniffed = image_service.sniff_image(response.content)
        if response.content.startswith(b"%PDF-"):
            content_type, link_kind = "application/pdf", _LINK_TYPES["application/pdf"]
        elif sniffed:
            content_type, link_kind = sniffed, "image"
    if link_kind is not None:
        return _link_item(response.url, content_type or "", link_kind, len(response.content))
    readable = content_type is None or (
        content_type in _HTML_TYPES + _TEXT_TYPES + _MARKDOWN_TYPES + _MHTML_TYPES
    )
    if not readable and not (
        content_type == "application/octet-stream" and not looks_binary(response.content)
    ):
        raise ExtractionError(f"{requested} is {content_type}, not a web page; nothing saved")
    return prepare_bytes(
        response.content,
        name=name,
        url=response.url,
        charset=response.charset,
        content_type=content_type or "text/html",
    )


def _link_item(url: str, content_type: str, kind: str, size: int) -> _Prepared:
    import html as html_module

    name = _name_from_url(url)
    escaped = html_module.escape(url, quote=True)
    body = (
        f"<p>A {html_module.escape(kind)} ({html_module.escape(content_type)}):"
        f' <a href="{escaped}">{html_module.escape(name)}</a></p>'
    )
    from reader.services.sanitize import html_to_text

    page = ExtractedPage(
        title=name,
        html=body,
        text=html_to_text(body),
        url=url,
        method="link",
        notes=(f"saved as a link: the address is a {kind}, which Folio does not read",),
    )
    enclosure = Enclosure(url=url, type=content_type or None, length=size or None)
    return _Prepared(page, SourceKind.URL, url, enclosures=(enclosure,), has_images=False)


class Saving:
    def __init__(self, context: LibraryContext) -> None:
        self._ctx = context

    # -- kept pages -------------------------------------------------------------------------------
    @property
    def keep_pages(self) -> bool:
        """Whether saved articles keep the page they came from (on unless turned off)."""
        return store_settings.get_setting(KEEP_PAGES_KEY) is not False

    def set_keep_pages(self, keep: bool) -> None:
        self._ctx.writer.run(lambda: store_settings.set_setting(KEEP_PAGES_KEY, keep))

    @property
    def fetch_file_images(self) -> bool:
        """Whether saving a local file (HTML, Markdown) downloads the remote images it shows
        (on unless turned off); when off they stay remote, loaded only when asked."""
        return store_settings.get_setting(FILE_IMAGES_KEY) is not False

    def set_fetch_file_images(self, fetch: bool) -> None:
        self._ctx.writer.run(lambda: store_settings.set_setting(FILE_IMAGES_KEY, fetch))

    def drop_kept_pages(self) -> int:
        """Forget every kept page (re-extraction then fetches pages again); returns how many."""
        return self._ctx.writer.run(store_sources.drop_sources)

    def _to_keep(self, prepared: _Prepared, item: ArticleInput) -> KeptSource | None:
        """The page to keep with ``item``: none for a feed's article (feeds bring thousands a
        month, and their links can be fetched again) or when keeping is turned off."""
        if prepared.source is None or item.source_kind is SourceKind.FEED:
            return None
        return prepared.source if self.keep_pages else None

    # -- transport ------------------------------------------------------------------------------
    def _saving_client(self) -> HttpClient:
        return self._ctx.http.client()

    def _fetch_image(self, url: str) -> tuple[str | None, bytes]:
        response = self._saving_client().get(
            url, max_bytes=image_service.MAX_IMAGE_BYTES, accept="image/*"
        )
        if response.content_type and not response.content_type.startswith(
            ("image/", "application/octet-stream", "binary/")
        ):
            raise FetchError(f"{url} is {response.content_type}, not an image")
        return response.content_type, response.content

    # -- reading sources --------------------------------------------------------------------------
    def _prepare(self, source: str) -> _Prepared:
        text = source.strip()
        if not text:
            raise UserError("nothing to save: give a web address, a file or - for stdin")
        if is_http_url(text):
            return self._prepare_url(text)
        if text.lower().startswith("file://"):
            from urllib.request import url2pathname

            text = url2pathname(urlsplit(text).path)
        path = Path(text).expanduser()
        if path.exists():
            return self._prepare_file(path)
        if "://" in text:
            raise UserError(f"not a web address Folio can fetch: {text!r} (http or https only)")
        if path.suffix.lower() not in SAVABLE_SUFFIXES and _DOMAIN_LIKE.fullmatch(text):
            raise UserError(f"no such file: {text} (for a web address, write https://{text})")
        raise UserError(f"no such file: {text}")

    def _prepare_url(self, url: str) -> _Prepared:
        requested = normalize_url(url)
        response = self._saving_client().get(requested, accept=_PAGE_ACCEPT)
        prepared = prepare_response(response, requested)
        return replace(prepared, url=normalize_url(response.url))

    def _prepare_file(self, path: Path) -> _Prepared:
        data = _read_file(path)
        suffix = path.suffix.lower()
        if suffix and suffix not in SAVABLE_SUFFIXES and looks_binary(data):
            raise ExtractionError(f"{path} is a binary file, not a web page or text; nothing saved")
        prepared = prepare_bytes(data, name=str(path), suffix=suffix)
        page = prepared.page
        if not page.title:
            page = replace(page, title=path.stem)
        return replace(prepared, page=page, url=_web_address(page.url))

    # -- public API -----------------------------------------------------------------------------
    def extract(self, source: str) -> ExtractedPage:
        """What saving ``source`` would store, without storing anything."""
        prepared = self._prepare(source)
        return replace(prepared.page, url=prepared.url or prepared.page.url)

    def fetch_link(self, url: str) -> FetchedLink:
        """Fetch ``url`` and extract its article with its images downloaded, storing nothing
        (for the links imports leave pending: see :meth:`store_fetched_link`). The address
        given stays the article's identity, so importing the same file again still finds it."""
        prepared = self._prepare_url(url)
        item = prepared.page.as_article_input(
            kind=SourceKind.URL, url=url, canonical_url=normalize_url(url)
        )
        localized = self._localize(prepared, item.content_html, {})
        return FetchedLink(
            replace(item, content_html=localized.html), localized, self._to_keep(prepared, item)
        )

    def store_fetched_link(self, article_id: int, fetched: FetchedLink) -> None:
        """Write what :meth:`fetch_link` found into the waiting article ``article_id``."""
        now = self._ctx.now()

        def write() -> None:
            store_articles.update_article(article_id, fetched.item)
            store_images.unlink_images(article_id)
            for image in fetched.images.images:
                store_images.store_image(image.sha256, image.mime, image.data, now=now)
            store_images.link_images(article_id, fetched.images.mapping)
            if fetched.source is not None:
                store_sources.keep_source(article_id, fetched.source, now=now)

        self._ctx.writer.run(write, bulk=True)

    def extract_bytes(self, data: bytes, *, name: str = "stdin") -> ExtractedPage:
        return prepare_bytes(data, name=name).page

    def save(
        self,
        source: str,
        *,
        tags: Sequence[str] | None = None,
        title: str | None = None,
        images: bool | None = None,
    ) -> SaveResult:
        """Save a web address or a file (.html, .htm, .xhtml, .mhtml, .mht, .txt, .md).
        ``images`` False keeps remote images remote (None: a web page's are fetched, a
        file's as :attr:`fetch_file_images` says)."""
        return self._save_prepared(self._prepare(source), tags, title, images)

    def save_file(
        self,
        path: Path | str,
        *,
        tags: Sequence[str] | None = None,
        title: str | None = None,
        images: bool | None = None,
    ) -> SaveResult:
        prepared = self._prepare_file(Path(path).expanduser())
        return self._save_prepared(prepared, tags, title, images)

    def save_text(
        self,
        data: bytes,
        *,
        tags: Sequence[str] | None = None,
        title: str | None = None,
        name: str = "the input",
        images: bool | None = None,
    ) -> SaveResult:
        """Save what came on stdin: a page saved as text, Markdown, or HTML."""
        if len(data) > MAX_SOURCE_BYTES:
            raise ExtractionError(
                f"{name} is larger than {MAX_SOURCE_BYTES / (1024 * 1024):.0f} MB; nothing saved"
            )
        return self._save_prepared(prepare_bytes(data, name=name), tags, title, images)

    # -- storing ----------------------------------------------------------------------------------
    def _article_input(self, prepared: _Prepared, title: str | None) -> ArticleInput:
        return prepared.page.as_article_input(
            kind=prepared.kind, url=prepared.url, title=title, enclosures=prepared.enclosures
        )

    def _localize(
        self, prepared: _Prepared, html: str, known: dict[str, str], images: bool | None = None
    ) -> image_service.LocalizedHtml:
        if not prepared.has_images:
            return image_service.LocalizedHtml(html=html, images=(), mapping={}, failed=0)
        if images is None:
            images = prepared.kind is SourceKind.URL or self.fetch_file_images
        return image_service.localize_images(
            html, self._fetch_image, known=known, resources=prepared.resources, fetch_remote=images
        )

    def _save_prepared(
        self,
        prepared: _Prepared,
        tags: Sequence[str] | None,
        title: str | None,
        images: bool | None = None,
    ) -> SaveResult:
        names = [store_tags.clean_tag_name(t) for t in tags or ()]
        item = self._article_input(prepared, title)
        if not item.text.strip() and not item.enclosures:
            raise ExtractionError("the article is empty; nothing saved")
        existing = store_articles.find_by_url(item.canonical_url) if item.canonical_url else None
        known = store_images.article_images(existing) if existing is not None else {}
        localized = self._localize(prepared, item.content_html, known, images)
        item = replace(item, content_html=localized.html)
        notes = list(item.notes)
        if localized.failed:
            notes.append(f"{localized.failed} image(s) could not be downloaded and were left out")
        source = self._to_keep(prepared, item)
        now = self._ctx.now()

        def write() -> tuple[int, bool]:
            found = store_articles.find_by_url(item.canonical_url) if item.canonical_url else None
            if found is not None:
                current = store_articles.get_article(found, with_content=False)
                # A feed's article saved by hand gets the page's content but stays the feed's.
                kept = (
                    item
                    if current.feed_id is None
                    else replace(item, source_kind=current.source_kind)
                )
                store_articles.update_article(found, kept)
                if names:
                    store_tags.add_tags(found, names)
                article_id, created = found, False
                store_images.unlink_images(article_id)
            else:
                article_id = store_articles.insert_article(item, now=now, tags=names)
                created = True
            for image in localized.images:
                store_images.store_image(image.sha256, image.mime, image.data, now=now)
            store_images.link_images(article_id, localized.mapping)
            if source is not None:
                store_sources.keep_source(article_id, source, now=now)
            if not created:
                store_images.delete_unused_images()
            return article_id, created

        article_id, created = self._ctx.writer.run(write)
        if created:
            self._ctx.events.articles_added.publish([article_id])
        else:
            notes.insert(0, f"already in the library (id {article_id}); updated it")
        self._ctx.events.notify("articles", [article_id])
        article = store_articles.get_article(article_id)
        return SaveResult(article=article, created=created, notes=tuple(notes))

    # -- images ------------------------------------------------------------------------------------
    def image(self, sha256: str) -> tuple[str, bytes] | None:
        """A stored image by its hash (what ``folio-image:<sha256>`` URLs name)."""
        value = sha256.removeprefix(image_service.SCHEME).strip().lower()
        if len(value) != 64:
            return None
        return store_images.get_image(value)

    def cache_images(self, article_id: int) -> int:
        """Download an article's remote images into the library (feed articles, on demand).
        Returns how many images the article now shows from the library."""
        article = store_articles.get_article(article_id)
        html = article.content_html or ""
        if not image_service.image_urls(html):
            return 0
        known = store_images.article_images(article_id)
        localized = image_service.localize_images(html, self._fetch_image, known=known)
        now = self._ctx.now()

        def write() -> None:
            for image in localized.images:
                store_images.store_image(image.sha256, image.mime, image.data, now=now)
            store_images.link_images(article_id, localized.mapping)
            store_images.set_article_html(article_id, localized.html)

        self._ctx.writer.run(write)
        self._ctx.events.notify("articles", [article_id])
        return len(localized.mapping)

    # -- re-extraction and full text --------------------------------------------------------
    def reextract(
        self, article_ids: Sequence[int] | None = None, *, refetch: bool = False
    ) -> list[str]:
        """Extract saved articles again (all of them when ``article_ids`` is None), keeping
        tags, read/star state and notes. Each is read from the page kept with it, or fetched
        from its web address when none is kept or ``refetch`` asks for the page as it is now
        (the new copy is then kept). Returns one message per failure."""
        if article_ids is None:
            ids = sorted(set(store_articles.saved_with_url()) | store_sources.with_sources())
        else:
            ids = list(dict.fromkeys(article_ids))
            missing = sorted(set(ids) - store_articles.existing_ids(ids))
            if missing:
                raise NotFoundError("no article with id " + ", ".join(str(i) for i in missing))
        failures: list[str] = []
        for article_id in ids:
            article = store_articles.get_article(article_id, with_content=False)
            address = article.url if article.url and is_http_url(article.url) else None
            kept = None if refetch and address else store_sources.get_source(article_id)
            try:
                if kept is not None:
                    prepared = prepare_kept(kept)
                elif address is not None:
                    prepared = self._prepare_url(address)
                else:
                    failures.append(
                        f"{article_id}: no kept page and no web address to fetch it from"
                    )
                    continue
                # A page without a title of its own keeps the one the article has (a file's
                # name, or one the user gave).
                item = self._article_input(prepared, None if prepared.page.title else article.title)
                if article.feed_id is not None:
                    item = replace(item, source_kind=article.source_kind)
                self._replace_content(article_id, prepared, item)
            except UserError as exc:
                failures.append(f"{article_id}: {exc}")
        return failures

    def _replace_content(self, article_id: int, prepared: _Prepared, item: ArticleInput) -> None:
        known = store_images.article_images(article_id)
        localized = self._localize(prepared, item.content_html, known)
        item = replace(item, content_html=localized.html)
        source = self._to_keep(prepared, item)
        now = self._ctx.now()

        def write() -> None:
            store_articles.update_article(article_id, item)
            store_images.unlink_images(article_id)
            for image in localized.images:
                store_images.store_image(image.sha256, image.mime, image.data, now=now)
            store_images.link_images(article_id, localized.mapping)
            store_images.delete_unused_images()
            if source is not None:
                store_sources.keep_source(article_id, source, now=now)

        self._ctx.writer.run(write, bulk=True)
        self._ctx.events.notify("articles", [article_id])

    def fetch_full_text_for(self, article_ids: Sequence[int]) -> list[str]:
        """Replace the summaries of feed articles by their linked pages' articles.

        A failure keeps the summary, is recorded on the article and returned as a message."""
        failures: list[str] = []
        for article_id in article_ids:
            try:
                article = store_articles.get_article(article_id, with_content=False)
            except NotFoundError:
                continue
            if not article.url or not is_http_url(article.url):
                continue
            try:
                prepared = self._prepare_url(article.url)
                if prepared.page.method == "link":
                    raise ExtractionError(prepared.page.notes[0])
                extracted = self._article_input(prepared, None)
                # The feed's own metadata is the publisher's word: it wins over the page's.
                item = replace(
                    extracted,
                    title=article.title or extracted.title,
                    source_kind=article.source_kind,
                    url=article.url,
                    canonical_url=article.canonical_url or extracted.canonical_url,
                    guid=article.guid,
                    author=article.author or extracted.author,
                    published=article.published or extracted.published,
                    summary=article.summary,
                    enclosures=article.enclosures or extracted.enclosures,
                )
                self._replace_content(article_id, prepared, item)
            except UserError as exc:
                message = f"{article.title or article.url}: full text not fetched: {exc}"
                failures.append(message)
                self._record_fetch_error(article_id, str(exc))
        return failures

    def _record_fetch_error(self, article_id: int, message: str) -> None:
        self._ctx.writer.run(lambda: store_articles.set_fetch_error(article_id, message), bulk=True)
