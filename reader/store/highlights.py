"""Highlights: storing them, placing them again when an article's text changes, and the
words of notes in the search index.

Highlights are placed in the reading text of the article's stored HTML
(:func:`reader.core.anchoring_html.reading_text`). Whenever that HTML is replaced (a
re-extraction, a refresh of a feed entry, a pending link fetched), :func:`content_changed`
places them again in the same transaction and stores where they are now; one that cannot be
placed keeps its quote, note and last place and is marked unplaced, never removed.

Search finds articles by the words of their notes and of highlights that could not be
placed (the quotes of placed ones are in the article's text already): they are indexed after
the article's text in its full-text row.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any

import peewee

from reader.core.anchoring import AnchorText, relocate
from reader.core.anchoring_html import ReadingText, reading_text
from reader.core.errors import NotFoundError
from reader.core.highlights import (
    Highlight,
    HighlightColor,
    HighlightCursor,
    NewHighlight,
    Placement,
    TextAnchor,
)
from reader.store import models as m
from reader.store import search_index
from reader.store.fields import to_micros

_CHUNK = 500

# -- reading ------------------------------------------------------------------------------------

_H = m.Highlight


def _to_highlight(row: m.Highlight, title: str | None = None) -> Highlight:
    return Highlight(
        id=row.id,
        article_id=row.article_id,
        anchor=TextAnchor(
            exact=row.exact,
            prefix=row.prefix,
            suffix=row.suffix,
            start=row.text_start,
            end=row.text_end,
        ),
        color=_color(row.color),
        created=row.created,
        updated=row.updated,
        placed=bool(row.placed),
        note=row.note,
        article_title=title,
    )


def _color(value: str) -> HighlightColor:
    try:
        return HighlightColor(value)
    except ValueError:
        return HighlightColor.YELLOW


def _ordered(query: peewee.Query) -> peewee.Query:
    # Placed ones in the order of the text, then the unplaced in the order they were made.
    return query.order_by(_H.placed.desc(), _H.text_start, _H.id)


def for_article(article_id: int) -> list[Highlight]:
    return [_to_highlight(r) for r in _ordered(_H.select().where(_H.article == article_id))]


def for_articles(article_ids: Sequence[int]) -> dict[int, list[Highlight]]:
    found: dict[int, list[Highlight]] = {}
    for start in range(0, len(article_ids), _CHUNK):
        chunk = list(article_ids[start : start + _CHUNK])
        for row in _ordered(_H.select().where(_H.article.in_(chunk))):
            found.setdefault(row.article_id, []).append(_to_highlight(row))
    return found


def get_highlight(highlight_id: int) -> Highlight:
    row = _H.get_or_none(_H.id == highlight_id)
    if row is None:
        raise NotFoundError(f"no highlight with id {highlight_id}")
    return _to_highlight(row)


def recent(*, after: HighlightCursor | None = None, limit: int = 200) -> list[Highlight]:
    """The library's highlights, newest first, with their articles' titles; keyset-paged."""
    query = _H.select(_H, m.Article.title.alias("article_title")).join(m.Article).objects()
    if after is not None:
        query = query.where(
            (_H.created < after.created) | ((_H.created == after.created) & (_H.id < after.id))
        )
    query = query.order_by(_H.created.desc(), _H.id.desc()).limit(limit)
    return [_to_highlight(row, row.article_title) for row in query]


def count_by_article(article_ids: Sequence[int]) -> dict[int, int]:
    """How many highlights each of ``article_ids`` has (those with none are left out)."""
    counts: dict[int, int] = {}
    for start in range(0, len(article_ids), _CHUNK):
        chunk = list(article_ids[start : start + _CHUNK])
        query = (
            _H.select(_H.article_id, peewee.fn.COUNT(_H.id))
            .where(_H.article.in_(chunk))
            .group_by(_H.article_id)
            .tuples()
        )
        counts.update((int(a), int(n)) for a, n in query)
    return counts


def count_all() -> tuple[int, int]:
    """How many highlights the library has, and how many of them could not be placed."""
    row = _H.select(
        peewee.fn.COUNT(_H.id),
        peewee.fn.SUM(peewee.Case(None, [(_H.placed == False, 1)], 0)),  # noqa: E712
    ).tuples()
    total, unplaced = row.first() or (0, 0)
    return int(total or 0), int(unplaced or 0)


def unplaced_counts(article_ids: Sequence[int] | None = None) -> dict[int, int]:
    """How many highlights of each article (of ``article_ids``, else of all) could not be
    placed in its text (articles with none are left out)."""
    query = (
        _H.select(_H.article_id, peewee.fn.COUNT(_H.id))
        .where(_H.placed == False)  # noqa: E712
        .group_by(_H.article_id)
    )
    if article_ids is None:
        return {int(a): int(n) for a, n in query.tuples()}
    counts: dict[int, int] = {}
    for start in range(0, len(article_ids), _CHUNK):
        chunk = list(article_ids[start : start + _CHUNK])
        counts.update((int(a), int(n)) for a, n in query.where(_H.article.in_(chunk)).tuples())
    return counts


def article_html(article_id: int) -> str:
    row = m.ArticleContent.get_or_none(m.ArticleContent.article == article_id)
    if row is None:
        if not m.Article.select().where(m.Article.id == article_id).exists():
            raise NotFoundError(f"no article with id {article_id}")
        return ""
    return str(row.html or "")


# -- placing --------------------------------------------------------------------------------------


def content_changed(article_id: int, html: str) -> Placement:
    """The article's HTML was replaced: place its highlights in the new text and store where
    they are (in the caller's transaction). The caller indexes the article's text with
    :func:`annotation_text` after it, as what could not be placed may have changed."""
    rows = (
        _H.select(_H.id, _H.exact, _H.prefix, _H.suffix, _H.text_start, _H.text_end, _H.placed)
        .where(_H.article == article_id)
        # In the order of the text, so each one is looked for where the one before it went.
        .order_by(_H.text_start, _H.id)
        .tuples()
    )
    prepared: AnchorText | None = None
    placed = unplaced = 0
    changed: list[tuple[Any, ...]] = []
    for highlight_id, exact, prefix, suffix, start, end, was_placed in rows:
        if prepared is None:
            prepared = AnchorText(reading_text(html).text)
        anchor = TextAnchor(exact, prefix, suffix, start, end)
        moved = relocate(prepared, anchor)
        if moved.placed:
            placed += 1
        else:
            unplaced += 1
        if moved.anchor != anchor or moved.placed != bool(was_placed):
            new = moved.anchor
            changed.append(
                (new.exact, new.prefix, new.suffix, new.start, new.end, moved.placed, highlight_id)
            )
    if changed:
        m.database_proxy.obj.cursor().executemany(
            'UPDATE "highlight" SET "exact" = ?, "prefix" = ?, "suffix" = ?, "text_start" = ?,'
            ' "text_end" = ?, "placed" = ? WHERE "id" = ?',
            changed,
        )
    return Placement(placed, unplaced)


def reading_text_of(article_id: int) -> ReadingText:
    return reading_text(article_html(article_id))


# -- writing --------------------------------------------------------------------------------------


def _require_article(article_id: int) -> None:
    if not m.Article.select().where(m.Article.id == article_id).exists():
        raise NotFoundError(f"no article with id {article_id}")


def highlight_row(
    item: NewHighlight, anchor: TextAnchor, placed: bool, now: datetime
) -> dict[str, Any]:
    """A highlight's columns, all but its article's and its id (an import writes them with
    the article they belong to)."""
    created = item.created or now
    return {
        "color": item.color.value,
        "note": item.note,
        "exact": anchor.exact,
        "prefix": anchor.prefix,
        "suffix": anchor.suffix,
        "text_start": anchor.start,
        "text_end": anchor.end,
        "placed": placed,
        "created": created,
        "updated": item.updated or created,
    }


def _values(
    article_id: int, item: NewHighlight, anchor: TextAnchor, placed: bool, now: datetime
) -> dict[str, Any]:
    values = {"article": article_id, **highlight_row(item, anchor, placed, now)}
    if item.id is not None:
        values["id"] = item.id
    return values


def add_highlights(
    article_id: int,
    items: Sequence[NewHighlight],
    *,
    now: datetime,
    text: AnchorText | None = None,
    reindex: bool = True,
) -> tuple[list[int], Placement]:
    """Store ``items`` on the article, each placed in its current text (``text``, when the
    caller has it prepared); returns their ids and how many were placed."""
    _require_article(article_id)
    if not items:
        return [], Placement()
    prepared = text or AnchorText(reading_text(article_html(article_id)).text)
    ids: list[int] = []
    placed = unplaced = 0
    for item in items:
        moved = relocate(prepared, item.anchor)
        if moved.placed:
            placed += 1
        else:
            unplaced += 1
        values = _values(article_id, item, moved.anchor, moved.placed, now)
        ids.append(int(_H.insert(**values).execute()))
    if reindex:
        reindex_article(article_id)
    return ids, Placement(placed, unplaced)


_UNCHANGED: Any = object()


def update_highlight(
    highlight_id: int,
    *,
    now: datetime,
    color: HighlightColor | None = None,
    note: str | Any | None = _UNCHANGED,
) -> tuple[Highlight, Highlight]:
    """Change a highlight's colour and/or note; returns it before and after (for undo)."""
    before = get_highlight(highlight_id)
    fields: dict[peewee.Field, Any] = {_H.updated: now}
    if color is not None:
        fields[_H.color] = color.value
    if note is not _UNCHANGED:
        fields[_H.note] = note
    _H.update(fields).where(_H.id == highlight_id).execute()
    if note is not _UNCHANGED:
        reindex_article(before.article_id)
    return before, get_highlight(highlight_id)


def delete_highlight(highlight_id: int) -> Highlight:
    """Remove a highlight; returns it as it was (so it can be put back)."""
    before = get_highlight(highlight_id)
    _H.delete().where(_H.id == highlight_id).execute()
    reindex_article(before.article_id)
    return before


def add_missing(
    wanted: Mapping[int, Sequence[NewHighlight]], *, now: datetime, added: list[int] | None = None
) -> Placement:
    """Add to each article of ``wanted`` those of its highlights it does not have yet (the
    same quote, read loosely, with the same note); returns how the new ones were placed. The
    new highlights' ids go into ``added`` (an import records them, to undo it if it fails).

    The articles' highlights are read a chunk of articles at a time, so a file imported
    again, whose highlights are all there already, costs a few queries, not two an article."""
    from reader.core.anchoring import fold, squash

    def key(quote: str, note: str | None) -> tuple[str, str]:
        return squash(fold(quote)), (note or "").strip()

    placement = Placement()
    have_by_article = for_articles(list(wanted))
    for article_id, items in wanted.items():
        have = {key(h.quote, h.note) for h in have_by_article.get(article_id, ())}
        new: list[NewHighlight] = []
        for item in items:
            item_key = key(item.anchor.exact, item.note)
            if item_key not in have:
                have.add(item_key)
                new.append(item)
        if new:
            ids, placed = add_highlights(article_id, new, now=now)
            placement += placed
            if added is not None:
                added.extend(ids)
    return placement


def restore_highlight(highlight: Highlight) -> Highlight:
    """Put back a highlight removed by :func:`delete_highlight` (with its id), placed again
    in the article's text as it is now."""
    _require_article(highlight.article_id)
    item = NewHighlight(
        anchor=highlight.anchor,
        color=highlight.color,
        note=highlight.note,
        created=highlight.created,
        updated=highlight.updated,
        id=None if _H.select().where(_H.id == highlight.id).exists() else highlight.id,
    )
    ids, _ = add_highlights(highlight.article_id, [item], now=highlight.updated)
    return get_highlight(ids[0])


# -- the search index ----------------------------------------------------------------------------


def annotation_text(article_id: int) -> str:
    """What search should find an article by besides its text: its note, the notes of its
    highlights and the quotes of those not placed in its text."""
    parts: list[str] = []
    note = m.Article.select(m.Article.note).where(m.Article.id == article_id).scalar()
    if note and str(note).strip():
        parts.append(str(note).strip())
    query = _H.select(_H.note, _H.exact, _H.placed).where(_H.article == article_id).order_by(_H.id)
    for row_note, exact, placed in query.tuples():
        if not placed:
            parts.append(exact)
        if row_note:
            parts.append(row_note)
    return "\n\n".join(parts)


def annotations_of(note: object, rows: Iterable[Mapping[str, Any]]) -> str:
    """:func:`annotation_text` of an article not yet stored: its note and highlight rows."""
    parts: list[str] = []
    if isinstance(note, str) and note.strip():
        parts.append(note.strip())
    for row in rows:
        if not row.get("placed"):
            parts.append(str(row.get("exact") or ""))
        if row.get("note"):
            parts.append(str(row["note"]))
    return "\n\n".join(p for p in parts if p)


def search_text(text: str, annotations: str) -> str:
    return f"{text}\n\n{annotations}" if annotations else text


def reindex_article(article_id: int) -> None:
    """Write the article's full-text row again: its text followed by its notes."""
    row = (
        m.Article.select(m.Article.title, m.Article.author, m.Article.language)
        .where(m.Article.id == article_id)
        .tuples()
        .first()
    )
    if row is None:
        return
    title, author, language = row
    text = (
        m.ArticleContent.select(m.ArticleContent.text)
        .where(m.ArticleContent.article == article_id)
        .scalar()
    )
    tags = [
        name
        for (name,) in m.ArticleTag.select(m.Tag.name)
        .join(m.Tag)
        .where(m.ArticleTag.article == article_id)
        .order_by(m.Tag.name)
        .tuples()
    ]
    search_index.index_article(
        m.database_proxy.obj,
        article_id=article_id,
        title=title or "",
        author=author,
        text=search_text(str(text or ""), annotation_text(article_id)),
        tags=tags,
        language=language,
    )


# -- whole libraries: export and import ---------------------------------------------------------


def export_rows(article_ids: Sequence[int]) -> dict[int, list[dict[str, Any]]]:
    """Each article's highlights as export rows (column name: Python value)."""
    rows: dict[int, list[dict[str, Any]]] = {}
    for start in range(0, len(article_ids), _CHUNK):
        chunk = list(article_ids[start : start + _CHUNK])
        for row in _H.select().where(_H.article.in_(chunk)).order_by(_H.id):
            rows.setdefault(row.article_id, []).append(
                {
                    "id": row.id,
                    "color": row.color,
                    "note": row.note,
                    "exact": row.exact,
                    "prefix": row.prefix,
                    "suffix": row.suffix,
                    "text_start": row.text_start,
                    "text_end": row.text_end,
                    "placed": bool(row.placed),
                    "created": row.created,
                    "updated": row.updated,
                }
            )
    return rows


def document_rows(value: object) -> list[dict[str, Any]]:
    """The highlights of a document's article that can be put back (a row without a quote or
    a readable date is left out; the article keeps its others)."""
    if not isinstance(value, list):
        return []
    rows: list[dict[str, Any]] = []
    for row in value:
        if not isinstance(row, Mapping) or not isinstance(row.get("exact"), str):
            continue
        if not row["exact"].strip():
            continue
        try:
            _micros(row.get("created"))
            _micros(row.get("updated") or row.get("created"))
            _int_or_none(row.get("text_start"))
            _int_or_none(row.get("text_end"))
            if row.get("id") is not None:
                int(row["id"])
        except (TypeError, ValueError):
            continue
        rows.append(dict(row))
    return rows


def insert_exported(article_id: int, rows: Iterable[Mapping[str, Any]], *, keep_ids: bool) -> None:
    """Put back an export's highlights exactly as they were (their places included): the
    article's text came back with them. In the caller's transaction."""
    values: list[tuple[Any, ...]] = []
    for row in rows:
        note = row.get("note")
        values.append(
            (
                int(row["id"]) if keep_ids and row.get("id") is not None else None,
                article_id,
                _color(str(row.get("color") or "yellow")).value,
                str(note) if note else None,
                str(row["exact"]),
                str(row.get("prefix") or ""),
                str(row.get("suffix") or ""),
                _int_or_none(row.get("text_start")),
                _int_or_none(row.get("text_end")),
                1 if row.get("placed") else 0,
                _micros(row["created"]),
                _micros(row.get("updated") or row["created"]),
            )
        )
    m.database_proxy.obj.cursor().executemany(
        'INSERT INTO "highlight" ("id", "article_id", "color", "note", "exact", "prefix",'
        ' "suffix", "text_start", "text_end", "placed", "created", "updated")'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )


def _int_or_none(value: Any) -> int | None:
    if value is None or isinstance(value, bool):
        return None
    return int(value)


def _micros(value: Any) -> int:
    if isinstance(value, datetime):
        return to_micros(value)
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    parsed = datetime.fromisoformat(value)
    if parsed.tzinfo is None:
        from datetime import UTC

        parsed = parsed.replace(tzinfo=UTC)
    return to_micros(parsed)


def articles_with_highlights() -> set[int]:
    return {int(a) for (a,) in _H.select(_H.article_id).distinct().tuples()}
