"""What every command shares: opening the library, printing, JSON shapes."""

from __future__ import annotations

import argparse
import json
import sys
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reader.cli.locale_format import day_column
from reader.cli.terminal import json_text

if TYPE_CHECKING:
    from reader.core.types import Article, Feed
    from reader.library import Library

Handler = Callable[["Library", argparse.Namespace], int]


@contextmanager
def open_library(path: Path | None) -> Iterator[Library]:
    from reader.library import Library, default_library_path

    lib = Library(path or default_library_path())
    try:
        yield lib
    finally:
        lib.close()


def iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def published_iso(value: datetime | None, date_only: bool) -> str | None:
    """A publication date: ISO-8601 in UTC, or the day alone when no time is known."""
    if value is not None and date_only:
        return value.astimezone(UTC).date().isoformat()
    return iso(value)


def article_json(article: Article, *, with_content: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "feed_id": article.feed_id,
        "feed_title": article.feed_title,
        "author": article.author,
        "published": published_iso(article.published, article.published_date_only),
        "added": iso(article.added),
        "updated": iso(article.updated),
        "language": article.language,
        "site_name": article.site_name,
        "word_count": article.word_count,
        "reading_minutes": article.reading_minutes,
        "read": article.read,
        "starred": article.starred,
        "archived": article.archived,
        "source": article.source_kind.value,
        "tags": list(article.tags),
    }
    if article.snippet is not None:
        data["snippet"] = article.snippet
    if with_content:
        data["summary"] = article.summary
        data["note"] = article.note
        data["text"] = article.text
        data["html"] = article.content_html
        data["enclosures"] = [
            {"url": e.url, "type": e.type, "length": e.length} for e in article.enclosures
        ]
    return data


def feed_json(feed: Feed) -> dict[str, Any]:
    return {
        "id": feed.id,
        "url": feed.url,
        "title": feed.title,
        "site_url": feed.site_url,
        "folder": feed.folder,
        "unread": feed.unread,
        "total": feed.total,
        "last_fetched": iso(feed.last_fetched),
        "next_fetch": iso(feed.next_fetch),
        "last_error": feed.last_error,
        "error_count": feed.error_count,
        "disabled": feed.disabled,
        "fetch_full_text": feed.fetch_full_text,
        "tags": list(feed.tags),
        "keep_items": feed.keep_items,
        "notice": feed.notice,
        "refresh_minutes": feed.refresh_minutes,
    }


def print_json(data: Any) -> None:
    sys.stdout.write(json_text(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def print_json_line(data: Any) -> None:
    sys.stdout.write(json_text(json.dumps(data, ensure_ascii=False)) + "\n")


def short_date(value: datetime | None, *, date_only: bool = False) -> str:
    """The day of ``value`` in the user's locale, as a column of the same width on every line."""
    return day_column(value, date_only=date_only)


def article_line(article: Article) -> str:
    flags = ("*" if article.starred else " ") + (" " if article.read else "•")
    source = article.feed_title or article.site_name or article.source_kind.value
    tags = ("  #" + " #".join(article.tags)) if article.tags else ""
    date = short_date(
        article.sort_date,
        date_only=article.published_date_only and article.sort_date == article.published,
    )
    return f"{article.id:>6} {flags} {date}  {article.title}  — {source}{tags}"


def log_internal_error(exc: BaseException) -> Path:
    """Write the traceback of a bug to Folio's log file and return its path."""
    from platformdirs import user_log_path

    from reader import APP_NAME

    folder = user_log_path(APP_NAME, appauthor=False)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "folio.log"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(f"--- {datetime.now(UTC).isoformat()}\n")
        handle.write("".join(traceback.format_exception(exc)))
    return path


def parse_ids(values: list[str]) -> list[int]:
    from reader.core.errors import UserError

    ids: list[int] = []
    for value in values:
        if not value.strip().isdigit():
            raise UserError(
                f"not an article id: {value!r} (ids are whole numbers; see 'folio list')"
            )
        ids.append(int(value))
    return ids


def whole_number(low: int = 1, high: int | None = None) -> Callable[[str], int]:
    """An argparse type: a whole number from ``low`` to ``high`` (no upper bound if None)."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
        if number < low or (high is not None and number > high):
            wanted = f"at least {low}" if high is None else f"between {low} and {high}"
            raise argparse.ArgumentTypeError(f"must be {wanted}")
        return number

    return parse


def file_size(size: int) -> str:
    """A size in bytes as people read it: "12 kB", "3.4 MB"."""
    if size < 1000 * 1024:
        return f"{max(1, round(size / 1024)) if size else 0} kB"
    return f"{size / 1_048_576:.1f} MB"
