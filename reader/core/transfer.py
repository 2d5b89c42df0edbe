"""What import files hold and what an import did: plain values shared by importers and library."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reader.core.import_counts import FAILED, SKIPPED, WARNING, FormatCounts, short_name


@dataclass(frozen=True, slots=True)
class ImportHighlight:
    """A highlight as an export file gives it: the quoted text, and the note, colour and date
    when the file has them. It is placed in the article's text when the article is stored
    (or, for a link still to be fetched, when its text comes)."""

    quote: str
    note: str | None = None
    color: str | None = None
    created: datetime | None = None


class ImportKind(enum.Enum):
    """What an import item stands for, which decides how the library finds it and stores it."""

    # A web page, known by its ``url``: added (with its text, or as a link to fetch), or, when
    # the library has the address already, merged into that article.
    LINK = "link"
    # A note of the user's own with no address (a Shaarli note): ``content_html`` is its
    # text. It is saved as a note, and known again by its text.
    NOTE = "note"
    # An article the library must already have, named only by its ``title`` (Readwise's
    # highlights export knows articles by title): its tags and highlights go to the one
    # article of that title, and nothing is added when there is none.
    BY_TITLE = "by title"


@dataclass(frozen=True, slots=True)
class ImportItem:
    """One article or bookmark as an export file describes it.

    ``content_html`` is the file's HTML as it is (not yet sanitized); ``None`` when the file
    carries only the link, which makes the item a link waiting to be fetched. ``kind`` says
    what the item stands for: a link has a ``url``; a note and an article named by its title
    have none (see :class:`ImportKind`). ``position`` says where in the file the item was
    ("row 12", "entry 3") for messages about it; ``source`` names its format when a file holds
    several (a .zip of exports), else the file's format is meant.
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
    source: str = ""
    kind: ImportKind = ImportKind.LINK

    def __post_init__(self) -> None:
        # An item without an address is a note or an article named by its title, never
        # a link that lost its address: importers say which.
        if (self.url is None) != (self.kind is not ImportKind.LINK):
            raise ValueError(f"an import item of kind {self.kind.value!r} with url {self.url!r}")
        if self.kind is ImportKind.BY_TITLE and not self.title:
            raise ValueError("an import item named by its title has no title")


@dataclass(frozen=True, slots=True)
class ImportProblem:
    """A row or entry that was skipped or could not be read, and why.

    ``reason`` is what the report counts it under ("no web address"); ``outcome`` says whether
    the entry was skipped, failed, or came in without something (a warning); ``source`` is as
    for :class:`ImportItem`.
    """

    position: str
    message: str
    reason: str = ""
    outcome: str = SKIPPED
    source: str = ""

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
    # The subscriptions the import added (not fetched yet).
    feed_ids: list[int] = field(default_factory=list)
    cancelled: bool = False
    # Items (articles, links, bookmarks) the file holds, and how many of them, from its start,
    # were dealt with: all of them unless the import was stopped.
    total: int = 0
    done: int = 0
    # What happened to the items of each format the file held (see reader.core.import_counts).
    formats: dict[str, FormatCounts] = field(default_factory=dict)
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

    def counts(self, key: str, label: str) -> FormatCounts:
        """The counts of the format ``key`` (called ``label`` in messages), made when first met."""
        found = self.formats.get(key)
        if found is None:
            found = self.formats[key] = FormatCounts(key=key, name=short_name(label))
        return found

    def count_problem(self, problem: ImportProblem, key: str, label: str) -> None:
        """Record a problem of the file: listed, and counted under its format and reason."""
        self.problems.append(str(problem))
        if problem.outcome == WARNING:
            return
        counts = self.counts(key, label)
        counts.found += 1
        reason = problem.reason or problem.message
        if problem.outcome == FAILED:
            counts.fail(reason)
        else:
            counts.skip(reason)

    def format_lines(self) -> list[str]:
        """One line per format: found, added, already present, skipped (why) and failed. The
        formats a .zip of exports held come before the .zip's own line (members it could not
        read), which says least."""
        own = short_name(self.format_name)
        ordered = sorted(self.formats.values(), key=lambda c: c.name == own)
        return [counts.line() for counts in ordered]

    def as_dict(self) -> dict[str, Any]:
        """The report as one JSON object (what ``folio import --json`` prints)."""
        return {
            "format": self.format_name,
            "added": self.added,
            "with_content": self.with_content,
            "pending": self.pending,
            "already_present": self.existing,
            "feeds_added": self.feeds_added,
            "feeds_existing": self.feeds_existing,
            "folders_added": self.folders_added,
            "skipped": sum(c.skipped_total for c in self.formats.values()),
            "failed": sum(c.failed_total for c in self.formats.values()),
            "cancelled": self.cancelled,
            "items": {"total": self.total, "done": self.done},
            "formats": {key: counts.as_dict() for key, counts in self.formats.items()},
            "highlights": {
                "total": self.highlights_placed
                + self.highlights_unplaced
                + self.highlights_waiting,
                "placed": self.highlights_placed,
                "unplaced": self.highlights_unplaced,
                "waiting": self.highlights_waiting,
            },
            "problems": list(self.problems),
        }

    def status_line(self) -> str:
        """The report on one line, as the window's status bar shows it: what each format
        brought (the lines the command line prints) and the highlights."""
        lines = self.format_lines()
        if not lines:
            return self.summary()
        counted = (
            (self.highlights_placed, "placed"),
            (self.highlights_unplaced, "not placed"),
            (self.highlights_waiting, "waiting for their page"),
        )
        total = sum(number for number, _ in counted)
        if total:
            # Shorter than highlights_summary(): the status bar has one line for everything.
            detail = ", ".join(f"{number:,} {what}" for number, what in counted if number)
            lines.append(f"{_count(total, 'highlight')} ({detail})")
        return "; ".join(lines) + self._stopped_brief()

    def _stopped_brief(self) -> str:
        if not self.cancelled:
            return ""
        if not self.total:
            return " (stopped before the end)"
        return f" (stopped: {self.done:,} of the file's {self.total:,} items came in)"

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
        highlights = self.highlights_summary()
        if highlights:
            parts.append(highlights)
        if self.problems:
            parts.append(f"{len(self.problems)} skipped")
        text = f"Imported from {self.format_name}: " + "; ".join(parts)
        if not self.cancelled:
            return text
        if not self.total:
            # Stopped before the items were counted (or a file that holds none).
            return text + " (stopped before the end)"
        if self.done == 0:
            return text + f". Stopped before any of the file's {self.total} items came in"
        return text + (
            f". Stopped: the file's first {self.done} of {self.total} items came in;"
            " import it again to bring in the rest"
        )


@dataclass(slots=True)
class FetchPendingReport:
    """What fetching the queued links did."""

    fetched: int = 0
    failed: int = 0
    remaining: int = 0
    problems: list[str] = field(default_factory=list)
    cancelled: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "fetched": self.fetched,
            "failed": self.failed,
            "remaining": self.remaining,
            "cancelled": self.cancelled,
            "problems": list(self.problems),
        }

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
