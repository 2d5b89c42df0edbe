"""Readwise Reader's CSV export of saved documents: Title, URL, Document tags, Saved date,
Reading progress, Location and Seen (newer files add ID and others; columns are found by name).
It holds no highlights: Reader hands those to Readwise, whose highlights CSV is another file
(see readwise_highlights.py).

Location is Reader's list: new (the inbox), later, shortlist, archive or feed. The shortlist is
what the user picked out to read, which is what Folio's star means. An archived document, or one
read to its end, is read; Seen only says a document left the inbox's bold "unseen" state, so it
is not taken as read. Tags are written as a Python list ("['ai', 'long read']") or, by hand-made
files, as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.core.errors import ImportFormatError
from reader.core.transfer import ImportItem, ImportProblem
from reader.services.importers.common import (
    Entry,
    cell,
    check_url,
    clean_tags,
    clean_title,
    csv_rows,
    decode_text,
    header_index,
    parse_date,
    split_written_tags,
)

# Reader's progress is 0 to 1; an article this far through counts as read.
READ_PROGRESS = 0.95
_QUOTED = re.compile(r"""'((?:[^'\\]|\\.)*)'|"((?:[^"\\]|\\.)*)\"""")


def looks_like_reader_csv(header: list[str]) -> bool:
    names = {h.strip().lower() for h in header}
    return {"url", "saved date", "location"} <= names


def document_tags(value: str) -> tuple[str, ...]:
    """Tags from the export's "['a', "b's"]" (a Python list), or from plain text."""
    text = value.strip()
    if text.startswith("[") and text.endswith("]"):
        names = [
            (single if single is not None and double is None else double or single or "")
            .replace("\\'", "'")
            .replace('\\"', '"')
            .replace("\\\\", "\\")
            for single, double in (m.groups() for m in _QUOTED.finditer(text))
        ]
        if names:
            return clean_tags(names)
        text = text[1:-1]
    return split_written_tags(text)


def _progress(value: str) -> float:
    text = value.strip().rstrip("%")
    try:
        number = float(text)
    except ValueError:
        return 0.0
    # "95%" and 95 mean what 0.95 means.
    return number / 100 if value.strip().endswith("%") or number > 1 else number


def parse_reader_csv(data: bytes) -> Iterator[Entry]:
    index: dict[str, int] | None = None
    for row in csv_rows(decode_text(data), ""):
        if isinstance(row, ImportProblem):
            yield row
            continue
        position, values = row
        if index is None:
            if not looks_like_reader_csv(values):
                raise ImportFormatError(_not_reader(values))
            index = header_index(values)
            continue
        if not any(v.strip() for v in values):
            continue
        url = check_url(cell(values, index, "url"), position)
        if isinstance(url, ImportProblem):
            yield url
            continue
        location = cell(values, index, "location").lower()
        archived = location == "archive"
        finished = _progress(cell(values, index, "reading progress")) >= READ_PROGRESS
        yield ImportItem(
            url=url,
            title=clean_title(cell(values, index, "title")),
            added=parse_date(cell(values, index, "saved date")),
            author=clean_title(cell(values, index, "author")) or None,
            tags=document_tags(cell(values, index, "document tags")),
            read=archived or finished,
            archived=archived,
            starred=location == "shortlist",
            summary=clean_title(cell(values, index, "summary")) or None,
            note=cell(values, index, "document note") or cell(values, index, "note") or None,
            position=position,
        )


def _not_reader(header: list[str]) -> str:
    # Rows of highlights are Readwise's other CSV (readwise_highlights.py).
    if "highlight" in {h.strip().lower() for h in header}:
        return (
            "the file is a Readwise highlights CSV, not Readwise Reader's list of documents;"
            " import it as readwise-highlights"
        )
    return (
        "the file is not a Readwise Reader CSV export"
        " (expected the columns Title, URL, Saved date, Location)"
    )
