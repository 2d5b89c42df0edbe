"""Export archives (.zip) read within limits, member by member, as streams.

A zip's directory says how large each member unpacks, and the reader stops there (a member that
unpacks to more fails its checksum), so checking the sizes before reading is enough to refuse a
zip bomb: a megabyte of zip holding a gigabyte of zeros took 7.5 GB of memory when read whole.
Members are read as streams, so a large CSV costs its rows, not its size.
"""

from __future__ import annotations

import codecs
import io
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO

from reader.core import limits
from reader.core.errors import ImportFormatError

_DAMAGE = (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError)


class MemberTooLarge(ImportFormatError):
    """A member unpacks to more than Folio reads of one."""


def _size(value: int) -> str:
    if value >= 1024**3:
        return f"{value / 1024**3:.1f} GB"
    return f"{value / 1024**2:.0f} MB"


class ExportArchive:
    """The members of an export .zip, each read at most once within the limits."""

    def __init__(
        self,
        data: bytes,
        *,
        member_limit: int | None = None,
        total_limit: int | None = None,
    ) -> None:
        try:
            self._zip = zipfile.ZipFile(io.BytesIO(data))
        except _DAMAGE as exc:
            raise ImportFormatError(f"the .zip file is damaged ({exc})") from None
        self.member_limit = limits.MAX_ZIP_MEMBER_BYTES if member_limit is None else member_limit
        self.total_limit = limits.MAX_ZIP_TOTAL_BYTES if total_limit is None else total_limit
        self._unpacked = 0

    def __enter__(self) -> ExportArchive:
        return self

    def __exit__(self, *exc: object) -> None:
        self._zip.close()

    def names(self) -> list[str]:
        return self._zip.namelist()

    def _claim(self, name: str, limit: int) -> zipfile.ZipInfo:
        """The member's entry, once it is known to fit; counts it against the total."""
        info = self._zip.getinfo(name)
        if info.file_size > limit:
            raise MemberTooLarge(
                f"{name} in the .zip unpacks to {_size(info.file_size)}; Folio reads members"
                f" of up to {_size(limit)}"
            )
        if self._unpacked + info.file_size > self.total_limit:
            raise ImportFormatError(
                f"the .zip unpacks to more than {_size(self.total_limit)}; Folio reads exports"
                " of up to that size (split it into smaller ones)"
            )
        self._unpacked += info.file_size
        return info

    def read(self, name: str, *, limit: int | None = None) -> bytes:
        """A member's bytes (small members: JSON, an article's HTML)."""
        info = self._claim(name, self.member_limit if limit is None else limit)
        try:
            with self._zip.open(info) as member:
                return member.read(info.file_size + 1)[: info.file_size]
        except _DAMAGE as exc:
            raise ImportFormatError(f"{name} in the .zip is damaged ({exc})") from None

    @contextmanager
    def open_text(self, name: str) -> Iterator[IO[str]]:
        """A member as text, read as it is used: UTF-8 or UTF-16 when a byte-order mark says
        so or the start reads as UTF-8, else Windows-1252 (what the CSV exporters write)."""
        info = self._claim(name, self.member_limit)
        try:
            with self._zip.open(info) as member:
                buffered = io.BufferedReader(member, buffer_size=256 * 1024)  # type: ignore[type-var]
                encoding = _encoding(buffered.peek(64 * 1024)[: 64 * 1024])
                text = io.TextIOWrapper(buffered, encoding=encoding, errors="replace", newline="")
                yield text
        except _DAMAGE as exc:
            raise ImportFormatError(f"{name} in the .zip is damaged ({exc})") from None


def _encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A character cut at the end of the sample is no reason to doubt the rest.
        if exc.start < len(head) - 3:
            return "cp1252"
    return "utf-8"
