"""Bookmarks: Netscape bookmark HTML (Firefox, Chrome, Safari, Shaarli, Pinboard), Pinboard
JSON, and the JSON backups of Firefox and Chrome.

A bookmark folder becomes a tag named after its path ("Reading/Python"); the browsers' own
top-level folders (the toolbar, "Other bookmarks" …) say nothing about the page and are left out.
A bookmark whose address is a relative link with a description is a Shaarli note ("?abc123",
"/shaare/abc123"): it becomes a saved note whose text is the description.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from html.parser import HTMLParser
from typing import Any

from reader.core.errors import ImportFormatError
from reader.core.import_counts import FAILED
from reader.core.transfer import ImportItem, ImportKind, ImportProblem
from reader.services.importers.common import (
    Entry,
    check_url,
    clean_tags,
    clean_title,
    decode_text,
    flag,
    from_epoch,
    from_webkit,
    parse_date,
    split_tags,
    split_written_tags,
    text_or_none,
    unreadable,
)

EMPTY_NOTE = "a note without text"
TOO_DEEP = "folders nested too deeply"
# An address with a scheme ("https:", "place:") or a host ("//example.org") is no note's.
_HAS_SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|//)")
# Shaarli's permalinks: "?abc123" in older versions, "/shaare/abc123" (under its path) since.
_SHAARLI_LINK = re.compile(r"^(?:\./)?(?:\?[\w-]{4,}|(?:.*/)?shaare/[\w-]+)$")

_ROOT_FOLDERS = frozenset(
    name.casefold()
    for name in (
        "Bookmarks",
        "Bookmarks bar",
        "Bookmarks Toolbar",
        "Bookmarks Menu",
        "Other bookmarks",
        "Other Bookmarks",
        "Mobile bookmarks",
        "Mobile Bookmarks",
        "Unsorted Bookmarks",
        "Favorites",
        "Favourites",
        "Favorites bar",
        "Favourites bar",
        "Reading List",
        "BookmarksBar",
        "BookmarksMenu",
        "menu",
        "toolbar",
        "unfiled",
        "mobile",
    )
)


def folder_tag(path: list[str], roots: Iterable[str] = ()) -> str | None:
    parts = [clean_title(p).replace("/", "-") for p in path]
    parts = [p for p in parts if p]
    own_roots = _ROOT_FOLDERS | {r.casefold() for r in roots}
    while parts and parts[0].casefold() in own_roots:
        parts.pop(0)
    return "/".join(parts) or None


def note_html(text: str) -> str:
    """Plain text as HTML: paragraphs at blank lines, line breaks kept, nothing interpreted."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line.strip()) for line in p.splitlines()) + "</p>"
        for p in paragraphs
    )


def _is_note_link(href: str) -> bool:
    return bool(href) and not _HAS_SCHEME.match(href)


def looks_like_netscape(text: str) -> bool:
    head = text[:2000].upper()
    return "NETSCAPE-BOOKMARK-FILE" in head or ("<DL" in text.upper() and "<DT" in text.upper())


class _NetscapeParser(HTMLParser):
    def __init__(self, roots: Iterable[str] = ()) -> None:
        super().__init__(convert_charrefs=True)
        self.roots = tuple(roots)
        self.entries: list[Entry] = []
        self.any_toread = False
        self.toread: set[int] = set()
        self.notes: dict[int, str] = {}  # entry index -> the relative link of a note
        self._folders: list[str | None] = []
        self._pending_folder: str | None = None
        self._in_folder_title = False
        self._link: dict[str, str | None] | None = None
        self._last_item: int | None = None
        self._in_description = False
        self._text: list[str] = []
        self._count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h3":
            self._end_description()
            self._in_folder_title = True
            self._text = []
        elif tag == "dl":
            self._end_description()
            self._folders.append(self._pending_folder)
            self._pending_folder = None
        elif tag == "a":
            self._end_description()
            self._link = {k.lower(): v for k, v in attrs}
            self._text = []
        elif tag == "dd":
            self._in_description = True
            self._text = []
        elif tag == "dt":
            self._end_description()

    def handle_endtag(self, tag: str) -> None:
        if tag == "h3" and self._in_folder_title:
            self._in_folder_title = False
            self._pending_folder = clean_title("".join(self._text))
        elif tag == "dl":
            self._end_description()
            if self._folders:
                self._folders.pop()
        elif tag == "a" and self._link is not None:
            self._count += 1
            self._add(self._link, clean_title("".join(self._text)))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._in_folder_title or self._link is not None or self._in_description:
            self._text.append(data)

    def _end_description(self) -> None:
        if not self._in_description:
            return
        self._in_description = False
        text = "\n".join(line.strip() for line in "".join(self._text).strip().splitlines())
        if text and self._last_item is not None:
            item = self.entries[self._last_item]
            if isinstance(item, ImportItem) and item.kind is ImportKind.NOTE:
                self.entries[self._last_item] = replace(item, content_html=note_html(text))
            elif isinstance(item, ImportItem):
                self.entries[self._last_item] = replace(item, note=text)

    def close(self) -> None:
        super().close()
        self._end_description()

    def _add(self, attrs: dict[str, str | None], title: str) -> None:
        position = f"bookmark {self._count}" + (f" ({title[:60]})" if title else "")
        href = (attrs.get("href") or "").strip()
        self._last_item = None
        # A Shaarli note is a relative link; its description (the <DD> after it) is the
        # note. Another relative link is a note only if it has one: see parse_netscape.
        url = None if _is_note_link(href) else check_url(href, position)
        if isinstance(url, ImportProblem):
            self.entries.append(url)
            return
        tags = list(split_written_tags(attrs.get("tags")))
        folder = folder_tag([f for f in self._folders if f], self.roots)
        if folder:
            tags.insert(0, folder)
        toread = attrs.get("toread")
        if toread is not None:
            self.any_toread = True
            self.toread.add(len(self.entries))
        self.entries.append(
            ImportItem(
                url=url,
                title=title if title != url else "",
                added=from_epoch(attrs.get("add_date")),
                updated=from_epoch(attrs.get("last_modified")),
                tags=clean_tags(tags),
                # Pinboard marks what is still to read; everything else there was read.
                read=toread is not None and toread.strip() not in ("1", "yes", "true"),
                # Raindrop.io writes its favourites and cover pictures as data- attributes.
                starred=flag(attrs.get("data-important")),
                image_url=text_or_none(attrs.get("data-cover")),
                position=position,
                kind=ImportKind.NOTE if url is None else ImportKind.LINK,
            )
        )
        if url is None:
            self.notes[len(self.entries) - 1] = href
        self._last_item = len(self.entries) - 1


def parse_netscape(data: bytes, *, roots: Iterable[str] = ()) -> Iterator[Entry]:
    """The bookmarks of a Netscape bookmark file; folders named in ``roots`` are, like the
    browsers' own top-level folders, no tag."""
    parser = _NetscapeParser(roots)
    parser.feed(decode_text(data))
    parser.close()
    for index, entry in enumerate(parser.entries):
        if isinstance(entry, ImportItem) and index in parser.notes:
            note = _finish_note(entry, parser.notes[index])
            if note is not None:
                yield note
                continue
        if isinstance(entry, ImportItem) and parser.any_toread and index not in parser.toread:
            # A file that marks some bookmarks "to read" (Pinboard) has read all the others.
            yield replace(entry, read=True)
        else:
            yield entry


def _finish_note(entry: ImportItem, href: str) -> Entry | None:
    """A note with its text, or why it is left out. A note without a description keeps its
    title as its text when its link is Shaarli's; any other relative link needs a text."""
    if entry.content_html:
        return entry
    shown = href if len(href) <= 80 else href[:77] + "…"
    if not _SHAARLI_LINK.match(href):
        return ImportProblem(
            entry.position, f"not a web address: {shown}", reason="not a web address"
        )
    if entry.title:
        return replace(entry, content_html=note_html(entry.title))
    return ImportProblem(entry.position, f"a note without text: {shown}", reason=EMPTY_NOTE)


# -- Pinboard JSON -----------------------------------------------------------------------------


def looks_like_pinboard(data: Any) -> bool:
    if not isinstance(data, list) or not data:
        return False
    sample = [e for e in data[:20] if isinstance(e, dict)]
    return bool(sample) and all("href" in e and ("time" in e or "hash" in e) for e in sample)


def parse_pinboard_json(data: Any) -> Iterator[Entry]:
    if not isinstance(data, list):
        raise ImportFormatError("the file is not a Pinboard export (expected a list)")
    for number, entry in enumerate(data, start=1):
        position = f"bookmark {number}"
        if not isinstance(entry, dict):
            yield unreadable(position, "not a bookmark")
            continue
        url = check_url(entry.get("href"), position)
        if isinstance(url, ImportProblem):
            yield url
            continue
        toread = str(entry.get("toread") or "no").lower() == "yes"
        extended = str(entry.get("extended") or "").strip()
        yield ImportItem(
            url=url,
            title=clean_title(entry.get("description")),
            added=parse_date(entry.get("time")),
            tags=split_tags(str(entry.get("tags") or ""), " "),
            read=not toread,
            note=extended or None,
            position=position,
        )


# -- Firefox and Chrome JSON backups -------------------------------------------------------------


# Folders inside folders this deep are no one's bookmarks; walking deeper would exhaust the stack.
MAX_FOLDER_DEPTH = 64


def _folder_position(path: list[str]) -> str:
    shown = "/".join(path[:3])
    return f"folder {shown}/…" if shown else "a folder"


def _too_deep(path: list[str]) -> ImportProblem:
    message = "folders nested too deeply; skipped"
    return ImportProblem(_folder_position(path), message, reason=TOO_DEEP, outcome=FAILED)


def looks_like_firefox_json(data: Any) -> bool:
    return isinstance(data, dict) and str(data.get("type", "")).startswith("text/x-moz-place")


def looks_like_chrome_json(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("roots"), dict)


def parse_firefox_json(data: Any) -> Iterator[Entry]:
    if not looks_like_firefox_json(data):
        raise ImportFormatError("the file is not a Firefox bookmark backup")
    counter = [0]

    def walk(node: dict[str, Any], path: list[str]) -> Iterator[Entry]:
        kind = node.get("type")
        if kind == "text/x-moz-place-container":
            if len(path) >= MAX_FOLDER_DEPTH:
                yield _too_deep(path)
                return
            # The places root and its menu, toolbar and "other" roots are not the user's folders.
            inner = path if node.get("root") else [*path, str(node.get("title") or "")]
            for child in node.get("children") or []:
                if isinstance(child, dict):
                    yield from walk(child, inner)
            return
        if kind != "text/x-moz-place":
            return
        counter[0] += 1
        title = clean_title(node.get("title"))
        position = f"bookmark {counter[0]}" + (f" ({title[:60]})" if title else "")
        url = check_url(node.get("uri"), position)
        if isinstance(url, ImportProblem):
            yield url
            return
        tags = list(split_tags(str(node.get("tags") or ""), ","))
        folder = folder_tag(path)
        if folder:
            tags.insert(0, folder)
        yield ImportItem(
            url=url,
            title=title,
            added=from_epoch(node.get("dateAdded")),
            updated=from_epoch(node.get("lastModified")),
            tags=clean_tags(tags),
            position=position,
        )

    yield from walk(data, [])


def parse_chrome_json(data: Any) -> Iterator[Entry]:
    if not looks_like_chrome_json(data):
        raise ImportFormatError("the file is not a Chrome bookmark file")
    counter = [0]

    def walk(node: dict[str, Any], path: list[str]) -> Iterator[Entry]:
        if node.get("type") == "folder" or "children" in node:
            if len(path) >= MAX_FOLDER_DEPTH:
                yield _too_deep(path)
                return
            inner = [*path, str(node.get("name") or "")]
            for child in node.get("children") or []:
                if isinstance(child, dict):
                    yield from walk(child, inner)
            return
        counter[0] += 1
        title = clean_title(node.get("name"))
        position = f"bookmark {counter[0]}" + (f" ({title[:60]})" if title else "")
        url = check_url(node.get("url"), position)
        if isinstance(url, ImportProblem):
            yield url
            return
        folder = folder_tag(path[1:])  # path[0] is the root ("Bookmarks bar", "Other …")
        yield ImportItem(
            url=url,
            title=title,
            added=from_webkit(node.get("date_added")),
            tags=(folder,) if folder else (),
            position=position,
        )

    for root in data["roots"].values():
        if isinstance(root, dict):
            yield from walk(root, [])
