"""What every importer shares: decoding, dates, tags and URLs as export files spell them."""

from __future__ import annotations

import csv
import io
import math
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import UTC, datetime, timedelta
from typing import IO

from dateutil import parser as date_parser

from reader.core.bounded import sane_date
from reader.core.import_counts import FAILED
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
    if text.endswith((" UTC", " GMT")):
        # "2015-09-09 11:10:32 UTC" (elCurator): ISO 8601 but for the zone, read as such
        # rather than by the general parser, which is many times slower.
        text = text[:-4] + "+00:00"
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


def split_written_tags(value: str | None) -> tuple[str, ...]:
    """Tags written in one text as people write them: split on commas when there are any
    ("python, web dev"), else on spaces ("private secret", as Shaarli and Pinboard write)."""
    if not value:
        return ()
    return split_tags(value, ",") if "," in value else clean_tags(value.split())


def tag_names(value: object, *keys: str) -> tuple[str, ...]:
    """Tags however a JSON export holds them: a list of names or of objects with the name
    under one of ``keys``, or one text of names (split as :func:`split_written_tags` does)."""
    if isinstance(value, str):
        return split_written_tags(value)
    if not isinstance(value, list):
        return ()
    names: list[object] = []
    for tag in value:
        if isinstance(tag, dict):
            names.append(next((tag[k] for k in keys if isinstance(tag.get(k), str)), None))
        elif isinstance(tag, str | int | float) and not isinstance(tag, bool):
            names.append(tag)
    return clean_tags(names)


def flag(value: object) -> bool:
    """A yes/no as exports write it: true, 1, "1", "true", "True", "yes"."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        return value == 1
    return str(value or "").strip().lower() in ("1", "true", "yes", "y")


def text_or_none(value: object) -> str | None:
    """A text field, stripped; None when missing, empty or not text."""
    if isinstance(value, str):
        return value.strip() or None
    return None


# What the report counts skipped entries under.
NO_ADDRESS = "no web address"
NOT_WEB = "not a web address"
BROWSER_PAGE = "a browser's own page"
UNREADABLE = "unreadable"
_BROWSER_SCHEMES = ("place:", "about:", "chrome:", "edge:", "opera:", "vivaldi:", "brave:")


def check_url(value: object, position: str) -> str | ImportProblem:
    """The item's web address, or the problem that makes the item unusable."""
    url = str(value or "").strip()
    if not url:
        return ImportProblem(position, "no URL", reason=NO_ADDRESS)
    if not is_http_url(url):
        shown = url if len(url) <= 80 else url[:77] + "…"
        browser = url.lower().startswith(_BROWSER_SCHEMES)
        reason = BROWSER_PAGE if browser else NOT_WEB
        return ImportProblem(position, f"not a web address: {shown}", reason=reason)
    return url


def unreadable(position: str, message: str) -> ImportProblem:
    """An entry that could not be read at all: counted as failed, not skipped."""
    return ImportProblem(position, message, reason=UNREADABLE, outcome=FAILED)


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
            yield unreadable(position, f"unreadable CSV ({exc})")
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


def json_entries(
    data: object, what: str
) -> Iterator[tuple[str, dict[str, object]] | ImportProblem]:
    """The objects of a JSON list with their position ("entry 3"); anything else in the list
    is an entry that could not be read."""
    if not isinstance(data, list):
        return
    for number, entry in enumerate(data, start=1):
        position = f"entry {number}"
        if isinstance(entry, dict):
            yield position, entry
        else:
            yield unreadable(position, f"not {what}")


def most_match(data: object, signature: Callable[[dict[str, object]], bool]) -> bool:
    """Whether a JSON list is made of entries of one shape: most of its first objects (and at
    least one) have the ``signature`` keys, so a few entries missing a field do not hide it."""
    if not isinstance(data, list) or not data:
        return False
    sample = [e for e in data[:20] if isinstance(e, dict)]
    hits = sum(1 for e in sample if signature(e))
    return hits > 0 and hits * 2 >= len(sample)
