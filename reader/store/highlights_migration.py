"""Library version 11 → 12: the highlight table, and what older libraries kept instead.

Imports used to keep the highlights of Pocket, Instapaper, Omnivore and wallabag exports as
text at the end of the article's note::

    Highlights:

    > the first quote

    > a second quote
    >
    > and the note written on it

Each such block becomes a highlight placed in the article's text (or waiting for it, for a link
not fetched yet) and leaves the note, which keeps whatever the user wrote above it. A block
whose quote cannot be told from its note is tried both as one quote and as a quote (its first
paragraph) with a note; a note that does not end in blocks of that shape is left as it is.

Like every migration step this names tables and columns as strings: the models describe the
newest schema, not this one.
"""

from __future__ import annotations

from typing import Any

import peewee

from reader.core.anchoring import AnchorText, make_anchor
from reader.core.anchoring_html import reading_text
from reader.core.highlights import TextAnchor
from reader.store import search_index

HIGHLIGHT_TABLE_SQL = (
    'CREATE TABLE "highlight" ("id" INTEGER NOT NULL PRIMARY KEY, "article_id" INTEGER NOT NULL,'
    ' "color" TEXT NOT NULL, "note" TEXT, "exact" TEXT NOT NULL, "prefix" TEXT NOT NULL,'
    ' "suffix" TEXT NOT NULL, "text_start" INTEGER, "text_end" INTEGER,'
    ' "placed" INTEGER NOT NULL, "created" INTEGER NOT NULL, "updated" INTEGER NOT NULL,'
    ' FOREIGN KEY ("article_id") REFERENCES "article" ("id") ON DELETE CASCADE)',
    'CREATE INDEX "highlight_article_id_text_start" ON "highlight" ("article_id", "text_start")',
    'CREATE INDEX "highlight_created_id" ON "highlight" ("created", "id")',
)

_HEADING = "Highlights:\n\n"


def create_highlight_table(db: peewee.SqliteDatabase) -> None:
    """Migration step: the highlight table; highlights kept as note text become highlights,
    and the words of notes go into the search index."""
    for statement in HIGHLIGHT_TABLE_SQL:
        db.execute_sql(statement)
    rows = db.execute_sql(
        'SELECT a."id", a."note", a."added", c."html" FROM "article" a'
        ' LEFT JOIN "article_content" c ON c."article_id" = a."id"'
        ' WHERE a."note" IS NOT NULL AND trim(a."note") != \'\''
    ).fetchall()
    for article_id, note, added, html in rows:
        split = split_note(str(note))
        if split is not None:
            kept, blocks = split
            _convert(db, int(article_id), kept, blocks, added=int(added), html=str(html or ""))
        _reindex(db, int(article_id))


def split_note(note: str) -> tuple[str | None, list[str]] | None:
    """The note above its highlights and the highlights' blocks (their lines unquoted), or
    None when the note holds no highlights an import wrote."""
    if note.startswith(_HEADING):
        kept, body = "", note[len(_HEADING) :]
    else:
        at = note.rfind("\n\n" + _HEADING)
        if at == -1:
            return None
        kept, body = note[:at], note[at + 2 + len(_HEADING) :]
    blocks: list[str] = []
    for block in body.split("\n\n"):
        lines = block.split("\n")
        if not all(line == ">" or line.startswith("> ") for line in lines):
            return None
        blocks.append("\n".join(line[2:] for line in lines))
    if not blocks or not all(b.strip() for b in blocks):
        return None
    return kept.strip() or None, blocks


def _choose(prepared: AnchorText | None, block: str) -> tuple[TextAnchor, bool, str | None]:
    """The block's anchor, whether it was placed, and its note."""
    quote, _, rest = block.partition("\n\n")
    tries: list[tuple[str, str | None]] = [(block, None)]
    if rest.strip():
        tries.append((quote, rest.strip()))
    if prepared is not None:
        for text, note in tries:
            span = prepared.place(TextAnchor(text.strip()))
            if span is not None:
                return make_anchor(prepared.text, *span), True, note
    return TextAnchor(block.strip()), False, None


def _convert(
    db: peewee.SqliteDatabase,
    article_id: int,
    kept: str | None,
    blocks: list[str],
    *,
    added: int,
    html: str,
) -> None:
    prepared = AnchorText(reading_text(html).text) if html.strip() else None
    values: list[tuple[Any, ...]] = []
    for block in blocks:
        anchor, placed, note = _choose(prepared, block)
        values.append(
            (
                article_id,
                "yellow",
                note,
                anchor.exact,
                anchor.prefix,
                anchor.suffix,
                anchor.start,
                anchor.end,
                1 if placed else 0,
                added,
                added,
            )
        )
    db.cursor().executemany(
        'INSERT INTO "highlight" ("article_id", "color", "note", "exact", "prefix", "suffix",'
        ' "text_start", "text_end", "placed", "created", "updated")'
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        values,
    )
    db.execute_sql('UPDATE "article" SET "note" = ? WHERE "id" = ?', (kept, article_id))


def _reindex(db: peewee.SqliteDatabase, article_id: int) -> None:
    """The article's full-text row with its notes and unplaced quotes after its text."""
    row = db.execute_sql(
        'SELECT a."title", a."author", a."language", a."note", c."text" FROM "article" a'
        ' LEFT JOIN "article_content" c ON c."article_id" = a."id" WHERE a."id" = ?',
        (article_id,),
    ).fetchone()
    title, author, language, note, text = row
    parts = [str(note).strip()] if note and str(note).strip() else []
    for exact, highlight_note, placed in db.execute_sql(
        'SELECT "exact", "note", "placed" FROM "highlight" WHERE "article_id" = ? ORDER BY "id"',
        (article_id,),
    ):
        if not placed:
            parts.append(str(exact))
        if highlight_note:
            parts.append(str(highlight_note))
    tags = [
        str(name)
        for (name,) in db.execute_sql(
            'SELECT t."name" FROM "article_tag" at JOIN "tag" t ON t."id" = at."tag_id"'
            ' WHERE at."article_id" = ? ORDER BY t."name"',
            (article_id,),
        )
    ]
    annotations = "\n\n".join(parts)
    body = str(text or "")
    search_index.index_article(
        db,
        article_id=article_id,
        title=str(title or ""),
        author=author,
        text=f"{body}\n\n{annotations}" if annotations else body,
        tags=tags,
        language=language,
    )
