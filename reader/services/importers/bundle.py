"""A .zip of exports: several export files zipped together (or a service's one file zipped,
as Feedbin mails its starred entries). Each member is read as the file it is, its format
judged from its content like any file's; its items say which format they came from, so the
import's report counts each format apart.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace

from reader.core.errors import ImportFormatError
from reader.core.import_counts import FAILED
from reader.core.transfer import ImportProblem
from reader.services.importers.archive import ExportArchive, MemberTooLarge
from reader.services.importers.common import UNREADABLE, Entry

KEY = "zip"
# Formats a member cannot have: they hold more than articles, or are archives themselves.
_ON_THEIR_OWN = frozenset({"folio", "opml", KEY})
_SUFFIXES = (".json", ".csv", ".html", ".htm")

Detect = Callable[[bytes, str], str]
Parse = Callable[[bytes, str], Iterator[Entry]]


def export_members(names: list[str]) -> list[str]:
    """The members that may be exports: files (not folders, not macOS's resource forks) with
    a suffix exports have."""
    return sorted(
        n
        for n in names
        if not n.endswith("/")
        and not n.startswith("__MACOSX/")
        and not n.rsplit("/", 1)[-1].startswith(".")
        and n.lower().endswith(_SUFFIXES)
    )


def _failed(position: str, message: str) -> ImportProblem:
    return ImportProblem(position, message, reason=UNREADABLE, outcome=FAILED, source=KEY)


def parse_bundle(data: bytes, detect: Detect, parse: Parse) -> Iterator[Entry]:
    with ExportArchive(data) as archive:
        members = export_members(archive.names())
        if not members:
            raise ImportFormatError("the .zip holds no export files (.json, .csv or .html)")
        for name in members:
            try:
                content = archive.read(name)
            except MemberTooLarge as exc:
                yield _failed(name, str(exc))
                continue
            try:
                # A .zip inside: unpacking archives within archives is how zip bombs grow.
                nested = zipfile.is_zipfile(io.BytesIO(content))
                fmt = KEY if nested else detect(content, name)
            except ImportFormatError as exc:
                yield _failed(name, str(exc))
                continue
            if fmt in _ON_THEIR_OWN:
                yield _failed(name, "import this file on its own")
                continue
            try:
                for entry in parse(content, fmt):
                    position = f"{name} {entry.position}".strip()
                    yield replace(entry, position=position, source=entry.source or fmt)
            except ImportFormatError as exc:
                yield _failed(name, str(exc))
