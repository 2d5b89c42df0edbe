"""elCurator's JSON export: a list of shared links with their tags, the sharer's description
and whether the user kept ("saved") them, which Folio takes as starred."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reader.core.errors import ImportFormatError
from reader.core.transfer import ImportItem, ImportProblem
from reader.services.importers.common import (
    Entry,
    check_url,
    clean_title,
    flag,
    json_entries,
    most_match,
    parse_date,
    tag_names,
    text_or_none,
)


def _signature(entry: dict[str, object]) -> bool:
    return "url" in entry and "is_saved" in entry


def looks_like_elcurator(data: Any) -> bool:
    return most_match(data, _signature)


def parse_elcurator(data: Any) -> Iterator[Entry]:
    if not isinstance(data, list):
        raise ImportFormatError("the file is not an elCurator export (expected a list)")
    for entry in json_entries(data, "a link"):
        if isinstance(entry, ImportProblem):
            yield entry
            continue
        position, row = entry
        url = check_url(row.get("url"), position)
        if isinstance(url, ImportProblem):
            yield url
            continue
        yield ImportItem(
            url=url,
            title=clean_title(row.get("title")),
            added=parse_date(row.get("created_at")),
            tags=tag_names(row.get("tags"), "name", "label"),
            starred=flag(row.get("is_saved")),
            note=text_or_none(row.get("description")),
            position=position,
        )
