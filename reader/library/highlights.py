"""Highlights and notes: the part of the library API that makes, changes, lists and shows them.

Every write goes through the library's single writer and returns what the change undoes:
:meth:`HighlightsPart.remove` returns the highlight removed, which :meth:`restore` puts back;
:meth:`edit` returns the highlight before and after. The text a highlight is anchored in is the
reading text of the article's HTML (:mod:`reader.core.anchoring_html`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from reader.core.anchoring import AnchorText, make_anchor, relocate
from reader.core.anchoring_html import MarkedArticle, mark_article, reading_text
from reader.core.errors import UserError
from reader.core.highlights import (
    DEFAULT_COLOR,
    MAX_NOTE_CHARS,
    MAX_QUOTE_CHARS,
    Highlight,
    HighlightColor,
    HighlightCursor,
    NewHighlight,
    TextAnchor,
    clean_note,
    color_or_default,
)
from reader.library.context import LibraryContext
from reader.store import articles as store_articles
from reader.store import highlights as store

if TYPE_CHECKING:
    from reader.core.transfer import ImportHighlight

T = TypeVar("T")

# What listeners hear after a change (with the ids of the articles it touched).
HIGHLIGHTS_CHANGED = "highlights"


class Unchanged:
    """Marks an argument left as it is (a note of None removes the note)."""


UNCHANGED = Unchanged()

__all__ = ["HIGHLIGHTS_CHANGED", "UNCHANGED", "HighlightsPart", "MarkedArticle", "Unchanged"]


class HighlightsPart:
    """Highlights and article notes, on the library's writer, reads on the calling thread."""

    def __init__(self, context: LibraryContext) -> None:
        self._ctx = context

    def _write(self, fn: Callable[[], T]) -> T:
        return self._ctx.writer.run(fn)

    def _changed(self, article_ids: Sequence[int]) -> None:
        self._ctx.events.notify(HIGHLIGHTS_CHANGED, list(dict.fromkeys(article_ids)))

    # -- reading ----------------------------------------------------------------------------------
    def for_article(self, article_id: int) -> list[Highlight]:
        """An article's highlights: those placed in the order of its text, then those that
        could not be placed."""
        store_articles.get_article(article_id, with_content=False)  # NotFoundError if missing
        return store.for_article(article_id)

    def get(self, highlight_id: int) -> Highlight:
        return store.get_highlight(highlight_id)

    def recent(self, *, after: HighlightCursor | None = None, limit: int = 200) -> list[Highlight]:
        """The library's highlights, newest first, each with its article's title (the
        Highlights view); page on with ``after`` (see :func:`cursor_after`)."""
        if limit < 1:
            raise UserError("the limit must be at least 1")
        return store.recent(after=after, limit=limit)

    def counts(self, article_ids: Sequence[int]) -> dict[int, int]:
        """How many highlights each article has (articles without any are left out)."""
        return store.count_by_article(list(article_ids))

    def totals(self) -> tuple[int, int]:
        """How many highlights the library holds, and how many could not be placed."""
        return store.count_all()

    def unplaced(self, article_ids: Sequence[int] | None = None) -> dict[int, int]:
        """How many highlights of each article could not be placed in its text as it is
        now (of ``article_ids``, else of every article; those with none are left out)."""
        return store.unplaced_counts(None if article_ids is None else list(article_ids))

    def reading_text(self, article_id: int) -> str:
        """The text highlights are anchored in (positions count its characters)."""
        return store.reading_text_of(article_id).text

    def marked(self, article_id: int) -> MarkedArticle:
        """The article's HTML with its highlights marked (``<mark class="hl hl-COLOR"
        data-highlight-id="ID">``), and its highlights as placed in it: what the reading
        pane shows."""
        html = store.article_html(article_id)
        return mark_article(html, store.for_article(article_id))

    # -- making -----------------------------------------------------------------------------------
    def add(
        self,
        article_id: int,
        start: int,
        end: int,
        *,
        color: HighlightColor = DEFAULT_COLOR,
        note: str | None = None,
    ) -> Highlight:
        """Highlight the characters ``start``–``end`` of the article's reading text."""
        html = store.article_html(article_id)
        text = reading_text(html).text
        try:
            anchor = make_anchor(text, start, end)
        except ValueError as exc:
            raise UserError(f"cannot highlight that in article {article_id}: {exc}") from None
        item = NewHighlight(anchor=anchor, color=color, note=clean_note(note))
        return self._store_new(article_id, html, AnchorText(text), item)

    def add_quote(
        self,
        article_id: int,
        quote: str,
        *,
        prefix: str = "",
        suffix: str = "",
        occurrence: int | None = None,
        color: HighlightColor = DEFAULT_COLOR,
        note: str | None = None,
    ) -> Highlight:
        """Highlight ``quote`` where it occurs in the article's text (read loosely: spacing,
        case and typographic quotes and dashes may differ). When it occurs more than once,
        ``occurrence`` (counting from 1) or the text around it (``prefix``, ``suffix``, as a
        selection gives them) says which."""
        if not quote.strip():
            raise UserError("the quote is empty")
        if len(quote) > MAX_QUOTE_CHARS:
            raise UserError(f"a quote can be at most {MAX_QUOTE_CHARS:,} characters long")
        html = store.article_html(article_id)
        prepared = AnchorText(reading_text(html).text)
        if not prepared.text.strip():
            raise UserError(
                f"article {article_id} has no text to highlight yet (a link still to be"
                " fetched: 'folio fetch-pending')"
            )
        spans = prepared.find(quote.strip())
        if not spans:
            raise UserError(f"the quote is not in the text of article {article_id}")
        if occurrence is not None:
            if not 1 <= occurrence <= len(spans):
                raise UserError(
                    f"the quote occurs {_times(len(spans))} in article {article_id};"
                    f" --occurrence must be from 1 to {len(spans)}"
                )
            span = spans[occurrence - 1]
        elif len(spans) == 1:
            span = spans[0]
        elif prefix or suffix:
            span = prepared.choose(spans, TextAnchor(quote, prefix, suffix))
        else:
            raise UserError(
                f"the quote occurs {_times(len(spans))} in article {article_id}; quote more of"
                f" the text, or say which with --occurrence (1 to {len(spans)})"
            )
        anchor = make_anchor(prepared.text, *span)
        item = NewHighlight(anchor=anchor, color=color, note=clean_note(note))
        return self._store_new(article_id, html, prepared, item)

    def _store_new(
        self,
        article_id: int,
        html: str,
        prepared: AnchorText,
        item: NewHighlight,
    ) -> Highlight:
        if len(item.anchor.exact) > MAX_QUOTE_CHARS:
            raise UserError(f"a highlight can be at most {MAX_QUOTE_CHARS:,} characters long")
        now = self._ctx.now()

        def write() -> int:
            # The text may have changed since it was read: then the highlight is placed in
            # the text as it is now.
            current = store.article_html(article_id)
            ids, _ = store.add_highlights(
                article_id, [item], now=now, text=prepared if current == html else None
            )
            return ids[0]

        highlight_id = self._write(write)
        self._changed([article_id])
        return store.get_highlight(highlight_id)

    # -- changing ---------------------------------------------------------------------------------
    def edit(
        self,
        highlight_id: int,
        *,
        color: HighlightColor | None = None,
        note: str | Unchanged | None = UNCHANGED,
    ) -> tuple[Highlight, Highlight]:
        """Change a highlight's colour or note (None removes the note); returns it before
        and after."""
        cleaned = note if isinstance(note, Unchanged) else clean_note(note)
        now = self._ctx.now()

        def write() -> tuple[Highlight, Highlight]:
            if isinstance(cleaned, Unchanged):
                return store.update_highlight(highlight_id, now=now, color=color)
            return store.update_highlight(highlight_id, now=now, color=color, note=cleaned)

        before, after = self._write(write)
        self._changed([after.article_id])
        return before, after

    def remove(self, highlight_id: int) -> Highlight:
        """Remove a highlight; returns it, for :meth:`restore` to undo."""
        removed = self._write(lambda: store.delete_highlight(highlight_id))
        self._changed([removed.article_id])
        return removed

    def restore(self, highlight: Highlight) -> Highlight:
        """Put back a removed highlight (undo), with its id, colour, note and dates."""
        restored = self._write(lambda: store.restore_highlight(highlight))
        self._changed([restored.article_id])
        return restored

    def restore_edit(self, before: Highlight) -> Highlight:
        """Undo :meth:`edit`: the highlight's colour and note as they were."""
        _, after = self.edit(before.id, color=before.color, note=before.note)
        return after

    # -- the article's own note -------------------------------------------------------------------
    def note(self, article_id: int) -> str | None:
        return store_articles.get_article(article_id, with_content=False).note

    def set_note(self, article_id: int, note: str | None) -> str | None:
        """Set the note above an article's text (None or blank removes it); returns the note
        it had, for undo."""
        cleaned = clean_note(note)

        def write() -> str | None:
            previous = store_articles.get_article(article_id, with_content=False).note
            store_articles.set_note(article_id, cleaned)
            return previous

        previous = self._write(write)
        self._ctx.events.notify("articles", [article_id])
        return previous


def cursor_after(highlight: Highlight) -> HighlightCursor:
    """Where the page after ``highlight`` starts, in :meth:`HighlightsPart.recent`."""
    return HighlightCursor(highlight.created, highlight.id)


def _times(count: int) -> str:
    return "twice" if count == 2 else f"{count} times"


# -- highlights that come with an import ------------------------------------------------------


def _imported(highlights: Sequence[ImportHighlight]) -> list[NewHighlight]:
    """An import item's highlights as highlights to store (the same quote and note only once;
    a quote too long to be a highlight left out, a note too long cut)."""
    seen: set[tuple[str, str]] = set()
    found: list[NewHighlight] = []
    for highlight in highlights:
        quote = highlight.quote.strip()
        note = (highlight.note or "").strip()[:MAX_NOTE_CHARS] or None
        if not quote or len(quote) > MAX_QUOTE_CHARS or (quote, note or "") in seen:
            continue
        seen.add((quote, note or ""))
        found.append(
            NewHighlight(
                anchor=TextAnchor(quote),
                color=color_or_default(highlight.color),
                note=note,
                created=highlight.created,
                updated=highlight.created,
            )
        )
    return found


def imported_highlights(highlights: Sequence[ImportHighlight]) -> list[NewHighlight]:
    """Highlights of an import item for an article the library already has."""
    return _imported(highlights)


def imported_rows(
    highlights: Sequence[ImportHighlight], html: str, *, now: datetime
) -> list[dict[str, Any]]:
    """Highlights of an import item, placed in the text of its (sanitised) ``html``, as rows
    for :class:`reader.store.transfer.ArticleRow`. Without HTML (a link still to fetch) they
    wait, unplaced, for the text to come."""
    items = _imported(highlights)
    if not items:
        return []
    prepared = AnchorText(reading_text(html).text) if html else None
    rows: list[dict[str, Any]] = []
    for item in items:
        anchor, placed = item.anchor, False
        if prepared is not None:
            moved = relocate(prepared, item.anchor)
            anchor, placed = moved.anchor, moved.placed
        rows.append(store.highlight_row(item, anchor, placed, now))
    return rows
