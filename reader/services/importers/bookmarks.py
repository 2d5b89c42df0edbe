"""Bookmarks: Netscape bookmark HTML (Firefox, Chrome, Safari, Shaarli, Pinboard), Pinboard
JSON, and the JSON backups of Firefox and Chrome.

A bookmark folder becomes a tag named after its path ("Reading/Python"); the browsers' own
top-level folders (the toolbar, "Other bookmarks" …) say nothing about the page and are left out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from typing import Any

from reader.core.errors import ImportFormatError
from reader.core.transfer import ImportItem, ImportProblem
from reader.services.importers.common import (
    Entry,
    check_url,
    clean_tags,
    clean_title,
    decode_text,
    from_epoch,
    from_webkit,
    parse_date,
    split_tags,
)

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


def folder_tag(path: list[str]) -> str | None:
    parts = [clean_title(p).replace("/", "-") for p in path]
    parts = [p for p in parts if p]
    while parts and parts[0].casefold() in _ROOT_FOLDERS:
        parts.pop(0)
    return "/".join(parts) or None


def looks_like_netscape(text: str) -> bool:
    head = text[:2000].upper()
    return "NETSCAPE-BOOKMARK-FILE" in head or ("<DL" in text.upper() and "<DT" in text.upper())


class _NetscapeParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[Entry] = []
        self.any_toread = False
        self.toread: set[int] = set()
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
            if isinstance(item, ImportItem):
                self.entries[self._last_item] = replace(item, note=text)

    def close(self) -> None:
        super().close()
        self._end_description()

    def _add(self, attrs: dict[str, str | None], title: str) -> None:
        position = f"bookmark {self._count}" + (f" ({title[:60]})" if title else "")
        url = check_url(attrs.get("href"), position)
        self._last_item = None
        if isinstance(url, ImportProblem):
            self.entries.append(url)
            return
        tags = list(split_tags(attrs.get("tags"), ","))
        folder = folder_tag([f for f in self._folders if f])
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
                position=position,
            )
        )
        self._last_item = len(self.entries) - 1


def parse_netscape(data: bytes) -> Iterator[Entry]:
    parser = _NetscapeParser()
    parser.feed(decode_text(data))
    parser.close()
    for index, entry in enumerate(parser.entries):
        if isinstance(entry, ImportItem) and parser.any_toread and index not in parser.toread:
            # A file that marks some bookmarks "to read" (Pinboard) has read all the others.
            yield replace(entry, read=True)
        else:
            yield entry


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
            yield ImportProblem(position, "not a bookmark")
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
                yield ImportProblem(_folder_position(path), "folders nested too deeply; skipped")
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
                yield ImportProblem(_folder_position(path), "folders nested too deeply; skipped")
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
