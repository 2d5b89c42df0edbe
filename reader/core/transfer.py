"""What import files hold and what an import did: plain values shared by importers and library."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class ImportHighlight:
    """A highlight as an export file gives it: the quoted text, and the note, colour and date
    when the file has them. It is placed in the article's text when the article is stored
    (or, for a link still to be fetched, when its text comes)."""

    quote: str
    note: str | None = None
    color: str | None = None
    created: datetime | None = None


@dataclass(frozen=True, slots=True)
class ImportItem:
    """One article or bookmark as an export file describes it.

    ``content_html`` is the file's HTML as it is (not yet sanitized); ``None`` when the file
    carries only the link, which makes the item a link waiting to be fetched. ``position`` says
    where in the file the item was ("row 12", "entry 3") for messages about it. An item
    without a URL names an article the library already has by its ``title`` (Readwise's CSV
    export knows articles only by title).
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
    highlights: tuple[ImportHighlight, ...] = ()
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
    problems: list[str] = field(default_factory=list)
    article_ids: list[int] = field(default_factory=list)
    cancelled: bool = False
    # Highlights brought in: placed in their article's text, not found in it, or waiting for
    # the text of a link still to be fetched.
    highlights_placed: int = 0
    highlights_unplaced: int = 0
    highlights_waiting: int = 0

    def highlights_summary(self) -> str | None:
        total = self.highlights_placed + self.highlights_unplaced + self.highlights_waiting
        if not total:
            return None
        detail = [f"{self.highlights_placed} placed in their article's text"]
        if self.highlights_unplaced:
            detail.append(f"{self.highlights_unplaced} could not be placed (kept with their quote)")
        if self.highlights_waiting:
            detail.append(f"{self.highlights_waiting} placed once their link is fetched")
        return f"{_count(total, 'highlight')}: {', '.join(detail)}"

    def summary(self) -> str:
        parts: list[str] = []
        if self.feeds_added or self.feeds_existing:
            parts.append(
                f"{_count(self.feeds_added, 'feed')} subscribed"
                + (f", {self.feeds_existing} already subscribed" if self.feeds_existing else "")
            )
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
        highlights = self.highlights_summary()
        if highlights:
            parts.append(highlights)
        if self.problems:
            parts.append(f"{len(self.problems)} skipped")
        text = f"Imported from {self.format_name}: " + "; ".join(parts)
        if self.cancelled:
            text += " (stopped before the end)"
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
