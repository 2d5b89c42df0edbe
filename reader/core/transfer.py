"""What import files hold and what an import did: plain values shared by importers and library."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ImportItem:
    """One article or bookmark as an export file describes it.

    ``content_html`` is the file's HTML as it is (not yet sanitized); ``None`` when the file
    carries only the link, which makes the item a link waiting to be fetched. ``position`` says
    where in the file the item was ("row 12", "entry 3") for messages about it.
    """

    url: str | None
    title: str = ""
    added: datetime | None = None
    published: datetime | None = None
    updated: datetime | None = None
    author: str | None = None
    tags: tuple[str, ...] = ()
    read: bool = False
    archived: bool = False
    starred: bool = False
    content_html: str | None = None
    summary: str | None = None
    note: str | None = None
    highlights: tuple[str, ...] = ()
    site_name: str | None = None
    image_url: str | None = None
    language: str | None = None
    position: str = ""


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A row or entry that was skipped, and why."""

    position: str
    message: str

    def __str__(self) -> str:
        return f"{self.position}: {self.message}" if self.position else self.message


@dataclass(slots=True)
class ImportReport:
    """What an import brought in and what it skipped."""

    format_name: str
    added: int = 0
    with_content: int = 0
    pending: int = 0
    existing: int = 0
    feeds_added: int = 0
    feeds_existing: int = 0
    folders_added: int = 0
    problems: list[str] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    cancelled: bool = False
    # Items (articles, links, bookmarks) the file holds, and how many of them, from its start,
    # were dealt with: all of them unless the import was stopped.
    total: int = 0
    done: int = 0

    def summary(self) -> str:
        parts: list[str] = []
        if self.feeds_added or self.feeds_existing:
            parts.append(
                f"{_count(self.feeds_added, 'feed')} subscribed"
                + (f", {self.feeds_existing} already subscribed" if self.feeds_existing else "")
            )
        if self.folders_added:
            parts.append(f"{_count(self.folders_added, 'folder')} created")
        if self.added or not parts:
            detail = []
            if self.with_content:
                detail.append(f"{self.with_content} with their text")
            if self.pending:
                detail.append(f"{self.pending} queued for fetching")
            parts.append(
                f"{_count(self.added, 'article')} added"
                + (f" ({', '.join(detail)})" if detail else "")
            )
        if self.existing:
            parts.append(f"{self.existing} already in the library")
        if self.problems:
            parts.append(f"{len(self.problems)} skipped")
        text = f"Imported from {self.format_name}: " + "; ".join(parts)
        if self.cancelled and self.done == 0:
            text += f". Stopped before any of the file's {self.total} items came in"
        elif self.cancelled:
            text += (
                f". Stopped: the file's first {self.done} of {self.total} items came in;"
                " import it again to bring in the rest"
            )
        return text


@dataclass(slots=True)
class FetchPendingReport:
    """What fetching the queued links did."""

    fetched: int = 0
    failed: int = 0
    remaining: int = 0
    problems: list[str] = field(default_factory=list)
    cancelled: bool = False

    def summary(self) -> str:
        text = f"{_count(self.fetched, 'link')} fetched"
        if self.failed:
            text += f", {self.failed} failed"
        if self.remaining:
            text += f", {self.remaining} still waiting"
        if self.cancelled:
            text += " (stopped)"
        return text


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
