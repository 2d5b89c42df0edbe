"""Pocket's exports: the CSV (one file, or a .zip of part_*.csv files with optional
annotations) and the older ril_export.html."""

from __future__ import annotations

from collections.abc import Iterator
from html.parser import HTMLParser
from typing import IO

from reader.core.errors import ImportFormatError
from reader.core.transfer import ImportHighlight, ImportItem, ImportProblem
from reader.services.importers.archive import ExportArchive
from reader.services.importers.common import (
    Entry,
    cell,
    check_url,
    clean_title,
    csv_rows,
    decode_text,
    from_epoch,
    header_index,
    split_tags,
)
from reader.services.json_input import load_json


def looks_like_pocket_csv(header: list[str]) -> bool:
    names = {h.strip().lower() for h in header}
    return {"url", "time_added", "status"} <= names


def parse_pocket_csv(
    data: bytes | IO[str],
    *,
    label: str = "",
    highlights: dict[str, tuple[ImportHighlight, ...]] | None = None,
) -> Iterator[Entry]:
    """A Pocket CSV: the file's bytes, or a text stream read as the rows are used."""
    rows = csv_rows(decode_text(data) if isinstance(data, bytes) else data, label)
    index: dict[str, int] | None = None
    for row in rows:
        if isinstance(row, ImportProblem):
            yield row
            continue
        position, values = row
        if index is None:
            if not looks_like_pocket_csv(values):
                raise ImportFormatError(
                    f"{label.rstrip(' ') or 'the file'} is not a Pocket CSV export"
                    " (expected the columns title,url,time_added,tags,status)"
                )
            index = header_index(values)
            continue
        if not any(v.strip() for v in values):
            continue
        url = check_url(cell(values, index, "url"), position)
        if isinstance(url, ImportProblem):
            yield url
            continue
        status = cell(values, index, "status").lower()
        done = status in ("archive", "archived", "read")
        yield ImportItem(
            url=url,
            title=clean_title(cell(values, index, "title")),
            added=from_epoch(cell(values, index, "time_added")),
            tags=split_tags(cell(values, index, "tags"), "|"),
            read=done,
            archived=done,
            starred=cell(values, index, "favorite").lower() in ("1", "true", "yes"),
            highlights=(highlights or {}).get(url, ()),
            position=position,
        )


def _zip_highlights(archive: ExportArchive) -> dict[str, tuple[ImportHighlight, ...]]:
    """Highlights from annotations/*.json: a list of {url, highlights: [{quote, created_at}]}."""
    found: dict[str, tuple[ImportHighlight, ...]] = {}
    for name in sorted(archive.names()):
        if not (name.startswith("annotations/") and name.endswith(".json")):
            continue
        try:
            entries = load_json(archive.read(name))
        except (ValueError, UnicodeDecodeError):
            continue
        if not isinstance(entries, list):
            continue
        for entry in entries:
            if not isinstance(entry, dict) or not isinstance(entry.get("url"), str):
                continue
            quotes = tuple(
                ImportHighlight(str(h["quote"]).strip(), created=from_epoch(h.get("created_at")))
                for h in entry.get("highlights") or []
                if isinstance(h, dict) and str(h.get("quote") or "").strip()
            )
            if quotes:
                found[entry["url"].strip()] = quotes
    return found


def pocket_csv_parts(names: list[str]) -> list[str]:
    parts = sorted(
        n for n in names if n.rsplit("/", 1)[-1].startswith("part_") and n.endswith(".csv")
    )
    return parts or sorted(n for n in names if n.lower().endswith(".csv"))


def parse_pocket_zip(data: bytes) -> Iterator[Entry]:
    with ExportArchive(data) as archive:
        parts = pocket_csv_parts(archive.names())
        if not parts:
            raise ImportFormatError("the .zip holds no Pocket CSV files (part_*.csv)")
        highlights = _zip_highlights(archive)
        for name in parts:
            with archive.open_text(name) as text:
                yield from parse_pocket_csv(text, label=f"{name} ", highlights=highlights)


class _RilParser(HTMLParser):
    """ril_export.html: an <h1> per list ("Unread", "Read Archive"), then <ul><li><a …>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.entries: list[Entry] = []
        self._section = ""
        self._in_h1 = False
        self._link: dict[str, str | None] | None = None
        self._text: list[str] = []
        self._count = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h1":
            self._in_h1 = True
            self._text = []
        elif tag == "a":
            self._link = dict(attrs)
            self._text = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1" and self._in_h1:
            self._in_h1 = False
            self._section = clean_title("".join(self._text)).lower()
        elif tag == "a" and self._link is not None:
            self._count += 1
            self._finish(self._link, clean_title("".join(self._text)))
            self._link = None

    def handle_data(self, data: str) -> None:
        if self._in_h1 or self._link is not None:
            self._text.append(data)

    def _finish(self, attrs: dict[str, str | None], title: str) -> None:
        position = f"link {self._count}"
        url = check_url(attrs.get("href"), position)
        if isinstance(url, ImportProblem):
            self.entries.append(url)
            return
        done = "archive" in self._section or "read" in self._section.replace("unread", "")
        self.entries.append(
            ImportItem(
                url=url,
                title=title if title != url else "",
                added=from_epoch(attrs.get("time_added")),
                tags=split_tags(attrs.get("tags"), ","),
                read=done,
                archived=done,
                position=position,
            )
        )


def looks_like_ril_export(text: str) -> bool:
    head = text[:4000].lower()
    return "time_added=" in text.lower() and ("pocket export" in head or "<h1>unread" in head)


def parse_ril_export(data: bytes) -> Iterator[Entry]:
    parser = _RilParser()
    parser.feed(decode_text(data))
    parser.close()
    yield from parser.entries
