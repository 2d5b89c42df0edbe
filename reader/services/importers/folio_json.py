"""Folio's own JSON export, read back: the document checked for shape, not yet stored."""

from __future__ import annotations

from typing import Any

from reader.core.errors import ImportFormatError
from reader.services.json_input import load_json

FORMAT_NAME = "folio-library"
FORMAT_VERSION = 1
SECTIONS = (
    "folders",
    "tags",
    "feeds",
    "feed_icons",
    "images",
    "articles",
    "saved_searches",
    "rules",
    "settings",
)


def looks_like_folio(data: Any) -> bool:
    return isinstance(data, dict) and data.get("format") == FORMAT_NAME


def load_folio_document(data: Any) -> dict[str, list[dict[str, Any]]]:
    """The sections of a Folio export, each a list of row objects."""
    if not looks_like_folio(data):
        raise ImportFormatError("the file is not a Folio JSON export")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise ImportFormatError("the Folio export has no valid version number")
    if version > FORMAT_VERSION:
        raise ImportFormatError(
            f"the Folio export is version {version}, newer than this Folio reads"
            f" ({FORMAT_VERSION}); update Folio to import it"
        )
    document: dict[str, list[dict[str, Any]]] = {}
    for name in SECTIONS:
        rows = data.get(name, [])
        if not isinstance(rows, list):
            raise ImportFormatError(f"the Folio export's {name!r} is not a list")
        document[name] = rows
    return document


def parse_folio_json(raw: bytes) -> dict[str, list[dict[str, Any]]]:
    try:
        data = load_json(raw)
    except ValueError as exc:
        raise ImportFormatError(f"the file is not valid JSON ({exc})") from exc
    return load_folio_document(data)
