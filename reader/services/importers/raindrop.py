"""Raindrop.io's exports: the CSV (id, title, note, excerpt, url, folder, tags, created, cover,
highlights, favorite; columns found by name, as Raindrop's own import reads them) and the HTML,
a Netscape bookmark file with collections as folders.

A collection becomes a tag named after its path ("Reading/Python"), as bookmark folders do;
"Unsorted" is Raindrop's inbox, not a collection of the user's. The note is the user's, the
excerpt the page's own description.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.core.errors import ImportFormatError
from reader.core.transfer import ImportHighlight, ImportItem, ImportProblem
from reader.services.importers.bookmarks import folder_tag, looks_like_netscape, parse_netscape
from reader.services.importers.common import (
    Entry,
    cell,
    check_url,
    clean_tags,
    clean_title,
    csv_rows,
    decode_text,
    flag,
    header_index,
    parse_date,
    split_written_tags,
)

ROOTS = ("Unsorted",)
_HIGHLIGHT = re.compile(r"^\s*highlight\s*:\s*", re.IGNORECASE | re.MULTILINE)
_NOTE = re.compile(r"\n\s*note\s*:\s*", re.IGNORECASE)


def looks_like_raindrop_csv(header: list[str]) -> bool:
    names = {h.strip().lower() for h in header}
    return {"url", "folder"} <= names and bool(
        names & {"excerpt", "cover", "highlights", "favorite", "created"}
    )


def looks_like_raindrop_html(text: str) -> bool:
    """A bookmark file Raindrop.io wrote: its title says so, or its links carry Raindrop's
    data- attributes, or its top level holds Raindrop's inbox folder."""
    if not looks_like_netscape(text):
        return False
    head = text[:3000].lower()
    return (
        "raindrop" in head
        or "data-cover=" in text[:200_000].lower()
        or bool(re.search(r"<h3[^>]*>\s*unsorted\s*</h3>", text[:200_000], re.IGNORECASE))
    )


def highlights(value: str) -> tuple[ImportHighlight, ...]:
    """The highlights cell: "Highlight: …" blocks, each maybe with a "Note: …", or one text."""
    text = value.strip()
    if not text:
        return ()
    parts = _HIGHLIGHT.split(text) if _HIGHLIGHT.match(text) else [text]
    found: list[ImportHighlight] = []
    for part in parts:
        pieces = _NOTE.split(part.strip(), maxsplit=1)
        quote = pieces[0].strip()
        note = pieces[1].strip() if len(pieces) > 1 else ""
        if quote:
            found.append(ImportHighlight(quote, note=note or None))
    return tuple(found)


def parse_raindrop_csv(data: bytes) -> Iterator[Entry]:
    index: dict[str, int] | None = None
    for row in csv_rows(decode_text(data), ""):
        if isinstance(row, ImportProblem):
            yield row
            continue
        position, values = row
        if index is None:
            if not looks_like_raindrop_csv(values):
                raise ImportFormatError(
                    "the file is not a Raindrop.io CSV export (expected the columns url and"
                    " folder, with excerpt, created or cover)"
                )
            index = header_index(values)
            continue
        if not any(v.strip() for v in values):
            continue
        url = check_url(cell(values, index, "url"), position)
        if isinstance(url, ImportProblem):
            yield url
            continue
        tags = list(split_written_tags(cell(values, index, "tags")))
        folder = folder_tag(cell(values, index, "folder").split("/"), ROOTS)
        if folder:
            tags.insert(0, folder)
        yield ImportItem(
            url=url,
            title=clean_title(cell(values, index, "title")),
            added=parse_date(cell(values, index, "created")),
            tags=clean_tags(tags),
            starred=flag(cell(values, index, "favorite")),
            summary=clean_title(cell(values, index, "excerpt")) or None,
            note=cell(values, index, "note") or None,
            highlights=highlights(cell(values, index, "highlights")),
            image_url=cell(values, index, "cover") or None,
            position=position,
        )


def parse_raindrop_html(data: bytes) -> Iterator[Entry]:
    return parse_netscape(data, roots=ROOTS)
