"""Readers for the files people bring from other services: pure parsing, no database.

Each importer turns bytes into a stream of :class:`~reader.core.transfer.ImportItem` and
:class:`~reader.core.transfer.ImportProblem` (a skipped row with its position).
:func:`detect_format` names the format from the content; :func:`parse_items` reads it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from typing import Any

from reader.core.errors import ImportFormatError
from reader.services.importers import (
    bookmarks,
    bundle,
    delicious,
    elcurator,
    feedbin,
    instapaper,
    omnivore,
    omnivore_json,
    pocket,
    raindrop,
    readability,
    readwise_highlights,
    readwise_reader,
    wallabag,
    wallabag_v1,
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
    "wallabag-v1": "a wallabag 1.x JSON export",
    "readwise-highlights": "a Readwise highlights CSV",
    "readwise-reader": "a Readwise Reader CSV export",
    "raindrop": "a Raindrop.io CSV export",
    "raindrop-html": "a Raindrop.io HTML export",
    "readability": "a Readability JSON export",
    "delicious": "a Delicious JSON export",
    "elcurator": "an elCurator JSON export",
    "feedbin": "a Feedbin starred entries export",
    "bookmarks": "a bookmark file (Netscape HTML)",
    "pinboard": "a Pinboard JSON export",
    "firefox": "a Firefox bookmark backup",
    "chrome": "a Chrome bookmark file",
    bundle.KEY: "a .zip of exports",
}
ALIASES = {
    "json": "folio",
    "netscape": "bookmarks",
    "html": "bookmarks",
    "ril": "pocket-html",
    "csv": "pocket",
    "wallabag1": "wallabag-v1",
    "wallabag2": "wallabag",
    "raindrop-csv": "raindrop",
    "raindrop.io": "raindrop",
}

# The JSON shapes, in the order they are tried. Each test looks for keys no other shape has,
# so that a file is recognised as its own format only (the tests feed every format's sample
# to every test).
JSON_FORMATS: tuple[tuple[str, Callable[[Any], bool]], ...] = (
    ("folio", looks_like_folio),
    ("firefox", bookmarks.looks_like_firefox_json),
    ("chrome", bookmarks.looks_like_chrome_json),
    ("readability", readability.looks_like_readability),
    ("omnivore", omnivore_json.looks_like_omnivore_json),
    ("wallabag", wallabag.looks_like_wallabag),
    ("wallabag-v1", wallabag_v1.looks_like_wallabag_v1),
    ("elcurator", elcurator.looks_like_elcurator),
    ("delicious", delicious.looks_like_delicious),
    ("feedbin", feedbin.looks_like_feedbin),
    ("pinboard", bookmarks.looks_like_pinboard),
)
# CSV files, by the names of their columns.
CSV_FORMATS: tuple[tuple[str, Callable[[list[str]], bool]], ...] = (
    ("pocket", pocket.looks_like_pocket_csv),
    ("instapaper", instapaper.looks_like_instapaper_csv),
    ("readwise-highlights", readwise_highlights.looks_like_highlights_csv),
    ("readwise-reader", readwise_reader.looks_like_reader_csv),
    ("raindrop", raindrop.looks_like_raindrop_csv),
)
# HTML and XML files, by their text; Raindrop's bookmark file before bookmark files in general.
MARKUP_FORMATS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("opml", lambda text: "<opml" in text[:5000].lower()),
    ("pocket-html", pocket.looks_like_ril_export),
    ("raindrop-html", raindrop.looks_like_raindrop_html),
    ("bookmarks", bookmarks.looks_like_netscape),
)


# A name that stands for more than one format: the file's content says which is meant, and
# the first when it does not tell. "readwise" is first the highlights CSV, which is also what
# "folio export --format readwise" writes.
FAMILIES: dict[str, tuple[str, ...]] = {
    "readwise": ("readwise-highlights", "readwise-reader"),
}


def canonical_format(name: str, data: bytes | None = None) -> str:
    """The format key ``name`` (as given with --format) means for the file ``data``."""
    key = name.strip().lower()
    key = ALIASES.get(key, key)
    family = FAMILIES.get(key)
    if family is not None:
        told = [fmt for fmt in matching_formats(data) if fmt in family] if data else []
        return told[0] if told else family[0]
    if key not in FORMATS:
        raise ImportFormatError(f"unknown import format {name!r}; known formats: {_known()}")
    return key


def _known() -> str:
    return ", ".join(sorted([*FORMATS, *FAMILIES]))


def _json_or_none(data: bytes) -> Any:
    try:
        return load_json(decode_text(data))
    except JsonTooDeep as exc:
        raise ImportFormatError(f"the file is not an export Folio reads: {exc}") from None
    except ValueError:
        return None


def _names(formats: tuple[tuple[str, object], ...]) -> str:
    return ", ".join(FORMATS[key].split(" ", 1)[1] for key, _ in formats)


def _csv_header(text: str) -> list[str]:
    first_line = text.splitlines()[0] if text else ""
    try:
        return next(csv.reader([first_line]))
    except (csv.Error, StopIteration):
        return []


def matching_formats(data: bytes) -> list[str]:
    """Every format whose test accepts this (JSON, CSV, HTML or XML) content, in the order
    :func:`detect_format` tries them: one, for any file Folio reads."""
    text = decode_text(data[:1_000_000]).lstrip()
    if text.startswith(("{", "[")):
        parsed = _json_or_none(data)
        return [key for key, test in JSON_FORMATS if test(parsed)] if parsed is not None else []
    if text.startswith("<"):
        return [key for key, test in MARKUP_FORMATS if test(text)]
    header = _csv_header(text)
    return [key for key, test in CSV_FORMATS if test(header)]


def _zip_format(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
    except zipfile.BadZipFile as exc:
        raise ImportFormatError(f"the .zip file is damaged ({exc})") from exc
    if omnivore.is_omnivore_zip(names):
        return "omnivore"
    if any(n.rsplit("/", 1)[-1].startswith("part_") and n.endswith(".csv") for n in names):
        return "pocket"
    if bundle.export_members(names):
        return bundle.KEY
    raise ImportFormatError(
        "the .zip is neither a Pocket export (part_*.csv) nor an Omnivore export"
        " (metadata_*.json), and holds no other export files (.json, .csv, .html)"
    )


def detect_format(data: bytes, filename: str = "") -> str:
    """The format of an import file, judged from its content (the name only breaks ties)."""
    if not data.strip():
        raise ImportFormatError("the file is empty")
    if zipfile.is_zipfile(io.BytesIO(data)):
        return _zip_format(data)
    text = decode_text(data[:1_000_000]).lstrip()
    found = matching_formats(data)
    if found:
        return found[0]
    if text.startswith(("{", "[")):
        if _json_or_none(data) is None:
            raise ImportFormatError("the file looks like JSON but cannot be read as JSON")
        raise ImportFormatError(
            f"the JSON file is not in a format Folio reads ({_names(JSON_FORMATS)})"
        )
    if text.startswith("<"):
        raise ImportFormatError(
            "the file is HTML or XML but neither OPML, a bookmark file nor a Pocket export"
        )
    if filename.lower().endswith(".opml"):
        return "opml"
    raise ImportFormatError(f"cannot tell the file's format; give it with --format ({_known()})")


def parse_items(data: bytes, format_name: str) -> Iterator[Entry]:
    """Items and problems of an article or bookmark file ("folio" and "opml" are read
    elsewhere: they hold more than articles)."""
    fmt = canonical_format(format_name, data)
    is_zip = zipfile.is_zipfile(io.BytesIO(data))
    if fmt == bundle.KEY:
        if not is_zip:
            raise ImportFormatError("this is not a .zip file")
        return bundle.parse_bundle(data, detect_format, parse_items)
    if fmt == "pocket":
        return pocket.parse_pocket_zip(data) if is_zip else pocket.parse_pocket_csv(data)
    if fmt == "omnivore" and is_zip:
        return omnivore.parse_omnivore_zip(data)
    text_parsers: dict[str, Callable[[bytes], Iterator[Entry]]] = {
        "pocket-html": pocket.parse_ril_export,
        "instapaper": instapaper.parse_instapaper_csv,
        "readwise-highlights": readwise_highlights.parse_highlights_csv,
        "readwise-reader": readwise_reader.parse_reader_csv,
        "raindrop": raindrop.parse_raindrop_csv,
        "raindrop-html": raindrop.parse_raindrop_html,
        "bookmarks": bookmarks.parse_netscape,
    }
    if fmt in text_parsers:
        return text_parsers[fmt](data)
    json_parsers: dict[str, Callable[[Any], Iterator[Entry]]] = {
        "omnivore": omnivore_json.parse_omnivore_json,
        "wallabag": wallabag.parse_wallabag,
        "wallabag-v1": wallabag_v1.parse_wallabag_v1,
        "readability": readability.parse_readability,
        "delicious": delicious.parse_delicious,
        "elcurator": elcurator.parse_elcurator,
        "feedbin": feedbin.parse_feedbin,
        "pinboard": bookmarks.parse_pinboard_json,
        "firefox": bookmarks.parse_firefox_json,
        "chrome": bookmarks.parse_chrome_json,
    }
    if fmt in json_parsers:
        parsed = _json_or_none(data)
        if parsed is None:
            raise ImportFormatError(f"the file is not valid JSON, so not {FORMATS[fmt]}")
        return json_parsers[fmt](parsed)
    raise ImportFormatError(f"{FORMATS[fmt]} is not a list of articles")
