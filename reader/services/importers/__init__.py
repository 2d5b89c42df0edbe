"""Readers for the files people bring from other services: pure parsing, no database.

Each importer turns bytes into a stream of :class:`~reader.core.transfer.ImportItem` and
:class:`~reader.core.transfer.ImportProblem` (a skipped row with its position).
:func:`detect_format` names the format from the content; :func:`parse_items` reads it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from typing import Any

from reader.core.errors import ImportFormatError
from reader.services.importers import (
    bookmarks,
    instapaper,
    omnivore,
    pocket,
    readwise,
    wallabag,
)
from reader.services.importers.common import Entry, decode_text
from reader.services.importers.folio_json import looks_like_folio
from reader.services.json_input import JsonTooDeep, load_json

# Format names the user can give with --format, and what they are called in messages.
FORMATS: dict[str, str] = {
    "folio": "a Folio JSON export",
    "opml": "an OPML subscription list",
    "pocket": "a Pocket CSV export",
    "pocket-html": "a Pocket HTML export (ril_export.html)",
    "instapaper": "an Instapaper CSV export",
    "omnivore": "an Omnivore export",
    "wallabag": "a wallabag JSON export",
    "readwise": "a Readwise CSV",
    "bookmarks": "a bookmark file (Netscape HTML)",
    "pinboard": "a Pinboard JSON export",
    "firefox": "a Firefox bookmark backup",
    "chrome": "a Chrome bookmark file",
}
ALIASES = {
    "json": "folio",
    "netscape": "bookmarks",
    "html": "bookmarks",
    "ril": "pocket-html",
    "csv": "pocket",
}


def canonical_format(name: str) -> str:
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    if key not in FORMATS:
        raise ImportFormatError(
            f"unknown import format {name!r}; known formats: {', '.join(sorted(FORMATS))}"
        )
    return key


def _json_or_none(data: bytes) -> Any:
    try:
        return load_json(decode_text(data))
    except JsonTooDeep as exc:
        raise ImportFormatError(f"the file is not an export Folio reads: {exc}") from None
    except ValueError:
        return None


def detect_format(data: bytes, filename: str = "") -> str:
    """The format of an import file, judged from its content (the name only breaks ties)."""
    if not data.strip():
        raise ImportFormatError("the file is empty")
    if zipfile.is_zipfile(io.BytesIO(data)):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
        except zipfile.BadZipFile as exc:
            raise ImportFormatError(f"the .zip file is damaged ({exc})") from exc
        if omnivore.is_omnivore_zip(names):
            return "omnivore"
        if pocket.pocket_csv_parts(names):
            return "pocket"
        raise ImportFormatError(
            "the .zip is neither a Pocket export (part_*.csv) nor an Omnivore export"
            " (metadata_*.json)"
        )
    text = decode_text(data[:1_000_000]).lstrip()
    if text.startswith(("{", "[")):
        parsed = _json_or_none(data)
        if parsed is None:
            raise ImportFormatError("the file looks like JSON but cannot be read as JSON")
        if looks_like_folio(parsed):
            return "folio"
        if bookmarks.looks_like_firefox_json(parsed):
            return "firefox"
        if bookmarks.looks_like_chrome_json(parsed):
            return "chrome"
        if wallabag.looks_like_wallabag(parsed):
            return "wallabag"
        if bookmarks.looks_like_pinboard(parsed):
            return "pinboard"
        raise ImportFormatError(
            "the JSON file is not in a format Folio reads (Folio, wallabag, Pinboard, Firefox"
            " or Chrome bookmarks)"
        )
    if text.startswith("<"):
        lowered = text[:5000].lower()
        if "<opml" in lowered:
            return "opml"
        if pocket.looks_like_ril_export(text):
            return "pocket-html"
        if bookmarks.looks_like_netscape(text):
            return "bookmarks"
        raise ImportFormatError(
            "the file is HTML or XML but neither OPML, a bookmark file nor a Pocket export"
        )
    first_line = text.splitlines()[0] if text else ""
    try:
        header = next(csv.reader([first_line]))
    except (csv.Error, StopIteration):
        header = []
    if pocket.looks_like_pocket_csv(header):
        return "pocket"
    if instapaper.looks_like_instapaper_csv(header):
        return "instapaper"
    if readwise.looks_like_readwise_csv(header):
        return "readwise"
    if filename.lower().endswith(".opml"):
        return "opml"
    raise ImportFormatError(
        f"cannot tell the file's format; give it with --format ({', '.join(sorted(FORMATS))})"
    )


def parse_items(data: bytes, format_name: str) -> Iterator[Entry]:
    """Items and problems of an article or bookmark file ("folio" and "opml" are read
    elsewhere: they hold more than articles)."""
    fmt = canonical_format(format_name)
    if fmt == "pocket":
        if zipfile.is_zipfile(io.BytesIO(data)):
            return pocket.parse_pocket_zip(data)
        return pocket.parse_pocket_csv(data)
    if fmt == "pocket-html":
        return pocket.parse_ril_export(data)
    if fmt == "instapaper":
        return instapaper.parse_instapaper_csv(data)
    if fmt == "readwise":
        return readwise.parse_readwise_csv(data)
    if fmt == "omnivore":
        if not zipfile.is_zipfile(io.BytesIO(data)):
            raise ImportFormatError("an Omnivore export is a .zip file; this is not one")
        return omnivore.parse_omnivore_zip(data)
    if fmt == "bookmarks":
        return bookmarks.parse_netscape(data)
    parsers = {
        "wallabag": wallabag.parse_wallabag,
        "pinboard": bookmarks.parse_pinboard_json,
        "firefox": bookmarks.parse_firefox_json,
        "chrome": bookmarks.parse_chrome_json,
    }
    if fmt in parsers:
        parsed = _json_or_none(data)
        if parsed is None:
            raise ImportFormatError(f"the file is not valid JSON, so not {FORMATS[fmt]}")
        return parsers[fmt](parsed)
    raise ImportFormatError(f"{FORMATS[fmt]} is not a list of articles")
