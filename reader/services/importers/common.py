"""What every importer shares: decoding, dates, tags and URLs as export files spell them."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import IO

from dateutil import parser as date_parser

from reader.core.bounded import sane_date
from reader.core.limits import MAX_TAG_CHARS
from reader.core.transfer import ImportItem, ImportProblem
from reader.core.urls import is_http_url

Entry = ImportItem | ImportProblem

# Browsers write dates as seconds, milliseconds or microseconds since 1970; anything past this
# many seconds must be in a finer unit (the year 5138 is not a plausible bookmark date).
_SECONDS_LIMIT = 10**11
_WINDOWS_EPOCH = datetime(1601, 1, 1, tzinfo=UTC)
_UNIX_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def decode_text(data: bytes) -> str:
    """Text of a file: UTF-8 (with or without BOM) or UTF-16 with BOM, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def from_epoch(value: object) -> datetime | None:
    """A datetime from seconds, milliseconds or microseconds since 1970 (text or number)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        number = float(str(value).strip())
    except ValueError:
        return None
    # "nan" and "inf" read as numbers, and no date is either.
    if not math.isfinite(number) or number <= 0:
        return None
    while abs(number) >= _SECONDS_LIMIT:
        number /= 1000
    try:
        return sane_date(_UNIX_EPOCH + timedelta(seconds=number))
    except (OverflowError, ValueError):
        return None


def from_webkit(value: object) -> datetime | None:
    """Chrome's microseconds since 1601."""
    try:
        micros = int(str(value).strip())
    except ValueError:
        return None
    if micros <= 0:
        return None
    try:
        return sane_date(_WINDOWS_EPOCH + timedelta(microseconds=micros))
    except (OverflowError, ValueError):
        return None


def parse_date(value: object) -> datetime | None:
    """An ISO-8601 or similar date; one without a zone is taken as UTC."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return from_epoch(value)
    text = str(value).strip()
    if not text:
        return None
    if re.fullmatch(r"\d{9,}(\.\d+)?", text):
        return from_epoch(text)
    try:
        parsed = date_parser.isoparse(text)
    except (ValueError, OverflowError):
        try:
            parsed = date_parser.parse(text)
        except (ValueError, OverflowError, date_parser.ParserError):
            return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    try:
        return sane_date(parsed.astimezone(UTC))
    except (OverflowError, ValueError):
        return None  # year 1 west of UTC has no UTC time


def clean_tags(names: Iterable[object]) -> tuple[str, ...]:
    """Tags without blanks or repeats (compared without case), in the order given."""
    seen: set[str] = set()
    result: list[str] = []
    for name in names:
        if name is None:
            continue
        cleaned = " ".join(str(name).split())[:MAX_TAG_CHARS].strip()
        if not cleaned or cleaned.casefold() in seen:
            continue
        seen.add(cleaned.casefold())
        result.append(cleaned)
    return tuple(result)


def split_tags(value: str | None, separators: str) -> tuple[str, ...]:
    if not value:
        return ()
    return clean_tags(re.split("[" + re.escape(separators) + "]", value))


def check_url(value: object, position: str) -> str | ImportProblem:
    """The item's web address, or the problem that makes the item unusable."""
    url = str(value or "").strip()
    if not url:
        return ImportProblem(position, "no URL")
    if not is_http_url(url):
        shown = url if len(url) <= 80 else url[:77] + "…"
        return ImportProblem(position, f"not a web address: {shown}")
    return url


def clean_title(value: object) -> str:
    return " ".join(str(value or "").split())


def csv_rows(text: str | IO[str], label: str) -> Iterator[tuple[str, list[str]] | ImportProblem]:
    """Rows of a CSV text (or a text stream, read as the rows are used) with their spreadsheet
    position (the header is row 1); a row the csv module cannot read becomes a problem instead
    of ending the file."""
    reader = csv.reader(io.StringIO(text, newline="") if isinstance(text, str) else text)
    number = 0
    while True:
        number += 1
        position = f"{label}row {number}"
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield ImportProblem(position, f"unreadable CSV ({exc})")
            continue
        yield position, row


def header_index(header: list[str]) -> dict[str, int]:
    return {name.strip().lower(): i for i, name in enumerate(header)}


def cell(row: list[str], index: dict[str, int], name: str) -> str:
    i = index.get(name)
    if i is None or i >= len(row):
        return ""
    return row[i].strip()


csv.field_size_limit(64 * 1024 * 1024)
