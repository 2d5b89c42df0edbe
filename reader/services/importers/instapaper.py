"""Instapaper's CSV export: URL,Title,Selection,Folder and, in newer files, Timestamp,Tags."""

from __future__ import annotations

from collections.abc import Iterator

from reader.core.errors import ImportFormatError
from reader.core.transfer import ImportHighlight, ImportItem, ImportProblem
from reader.services.importers.common import (
    Entry,
    cell,
    check_url,
    clean_tags,
    clean_title,
    csv_rows,
    decode_text,
    from_epoch,
    header_index,
    split_tags,
)
from reader.services.json_input import load_json


def looks_like_instapaper_csv(header: list[str]) -> bool:
    names = {h.strip().lower() for h in header}
    return {"url", "title", "selection", "folder"} <= names


def _tags(value: str) -> tuple[str, ...]:
    """Tags are a JSON list in the files that have them; a plain comma list is accepted too."""
    if value.startswith("["):
        try:
            parsed = load_json(value)
        except ValueError:
            return split_tags(value.strip("[]"), ",")
        if isinstance(parsed, list):
            return clean_tags(t.get("name") if isinstance(t, dict) else t for t in parsed)
    return split_tags(value, ",")


def parse_instapaper_csv(data: bytes) -> Iterator[Entry]:
    index: dict[str, int] | None = None
    for row in csv_rows(decode_text(data), ""):
        if isinstance(row, ImportProblem):
            yield row
            continue
        position, values = row
        if index is None:
            if not looks_like_instapaper_csv(values):
                raise ImportFormatError(
                    "the file is not an Instapaper CSV export"
                    " (expected the columns URL,Title,Selection,Folder)"
                )
            index = header_index(values)
            continue
        if not any(v.strip() for v in values):
            continue
        url = check_url(cell(values, index, "url"), position)
        if isinstance(url, ImportProblem):
            yield url
            continue
        folder = cell(values, index, "folder")
        tags = list(_tags(cell(values, index, "tags")))
        lowered = folder.lower()
        archived = lowered == "archive"
        starred = lowered == "starred"
        if folder and lowered not in ("unread", "archive", "starred"):
            # A folder of the user's own: the nearest thing Folio has is a tag.
            tags.insert(0, folder)
        selection = cell(values, index, "selection")
        yield ImportItem(
            url=url,
            title=clean_title(cell(values, index, "title")),
            added=from_epoch(cell(values, index, "timestamp")),
            tags=clean_tags(tags),
            read=archived,
            archived=archived,
            starred=starred,
            # The passage the user had selected when saving the page.
            highlights=(ImportHighlight(selection),) if selection else (),
            position=position,
        )
