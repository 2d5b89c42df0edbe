"""Highlight and note commands: highlights, highlight, highlight-edit, highlight-remove, note."""

from __future__ import annotations

import argparse
import re
import sys
from typing import TYPE_CHECKING, Any

from reader.cli.common import iso, parse_ids, print_json, short_date, whole_number
from reader.core.errors import UserError

if TYPE_CHECKING:
    from reader.core.highlights import Highlight, HighlightColor
    from reader.library import Library

_COLORS = "yellow, green, blue, pink, orange or purple"
# Control characters from an imported quote or note must not reach the terminal as such.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SHOWN_QUOTE = 300


def register(sub: Any) -> None:
    p = sub.add_parser(
        "highlights",
        help="list highlights and notes",
        description="List the highlights of one article (in the order of its text, then those"
        " that could not be placed after its text changed), or of the whole library, newest"
        " first.",
    )
    p.add_argument("id", metavar="ID", nargs="?", help="an article id")
    p.add_argument(
        "--limit",
        metavar="N",
        type=whole_number(),
        default=50,
        help="at most N highlights of the library (default 50)",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_highlights)

    p = sub.add_parser(
        "highlight",
        help="highlight a quote in an article",
        description="Highlight a passage of an article, given as a quote of its text (spacing,"
        " case and typographic quotes may differ).",
    )
    p.add_argument("id", metavar="ID", help="the article id")
    p.add_argument("--quote", metavar="TEXT", required=True, help="the passage to highlight")
    p.add_argument("--note", metavar="TEXT", help="a note on the highlight")
    p.add_argument("--color", metavar="NAME", help=f"{_COLORS} (default yellow)")
    p.add_argument(
        "--occurrence",
        metavar="N",
        type=whole_number(),
        help="which occurrence of the quote, when it occurs more than once",
    )
    p.add_argument("--json", action="store_true", help="print the highlight as JSON")
    p.set_defaults(handler=cmd_highlight)

    p = sub.add_parser(
        "highlight-edit",
        help="change a highlight's colour or note",
        description="Change the colour or the note of a highlight (ids: see 'folio highlights').",
    )
    p.add_argument("highlight", metavar="HIGHLIGHT", help="the highlight's id")
    p.add_argument("--color", metavar="NAME", help=_COLORS)
    notes = p.add_mutually_exclusive_group()
    notes.add_argument("--note", metavar="TEXT", help="the new note")
    notes.add_argument("--no-note", action="store_true", help="remove the note")
    p.set_defaults(handler=cmd_highlight_edit)

    p = sub.add_parser(
        "highlight-remove",
        help="remove highlights",
        description="Remove highlights (ids: see 'folio highlights').",
    )
    p.add_argument("highlights", metavar="HIGHLIGHT", nargs="+")
    p.set_defaults(handler=cmd_highlight_remove)

    p = sub.add_parser(
        "note",
        help="write or show an article's note",
        description="Set the note that sits above an article's text (- reads it from stdin;"
        " an empty text or --clear removes it). Without a text, show the note.",
    )
    p.add_argument("id", metavar="ID", help="the article id")
    p.add_argument("text", metavar="TEXT", nargs="?")
    p.add_argument("--clear", action="store_true", help="remove the note")
    p.set_defaults(handler=cmd_note)


def _shown(text: str) -> str:
    return _CONTROL.sub("", text)


def _one_line(text: str, limit: int = _SHOWN_QUOTE) -> str:
    flat = " ".join(_shown(text).split())
    return flat if len(flat) <= limit else flat[: limit - 1].rstrip() + "…"


def highlight_json(highlight: Highlight) -> dict[str, Any]:
    anchor = highlight.anchor
    return {
        "id": highlight.id,
        "article_id": highlight.article_id,
        "article_title": highlight.article_title,
        "quote": anchor.exact,
        "prefix": anchor.prefix,
        "suffix": anchor.suffix,
        "start": anchor.start,
        "end": anchor.end,
        "placed": highlight.placed,
        "color": highlight.color.value,
        "note": highlight.note,
        "created": iso(highlight.created),
        "updated": iso(highlight.updated),
    }


def _print_highlight(highlight: Highlight, *, with_article: bool = False) -> None:
    color = "" if highlight.color.value == "yellow" else f" ({highlight.color.value})"
    quote = f"“{_one_line(highlight.quote)}”{color}"
    if with_article:
        title = _one_line(highlight.article_title or "", 80)
        print(
            f"{highlight.id:>6}  {short_date(highlight.created)}  {title}  [article"
            f" {highlight.article_id}]"
        )
        print(f"{'':>8}{quote}")
    else:
        print(f"{highlight.id:>6}  {quote}")
    if highlight.note:
        lines = _shown(highlight.note).splitlines()
        print(f"{'':>8}note: {lines[0] if lines else ''}")
        for line in lines[1:]:
            print(f"{'':>14}{line}")


def cmd_highlights(lib: Library, args: argparse.Namespace) -> int:
    if args.id is None:
        found = lib.highlights.recent(limit=args.limit)
        if args.json:
            print_json([highlight_json(h) for h in found])
            return 0
        for highlight in found:
            _print_highlight(highlight, with_article=True)
        if not found:
            print("No highlights.")
        return 0
    (article_id,) = parse_ids([args.id])
    article = lib.get_article(article_id)
    highlights = lib.highlights.for_article(article_id)
    if args.json:
        print_json(
            {
                "article_id": article.id,
                "title": article.title,
                "url": article.url,
                "note": article.note,
                "highlights": [
                    highlight_json(h) | {"article_title": article.title} for h in highlights
                ],
            }
        )
        return 0
    print(f"{_one_line(article.title, 100)}  [article {article.id}]")
    if article.note:
        print("Note: " + _shown(article.note).replace("\n", "\n      "))
    placed = [h for h in highlights if h.placed]
    unplaced = [h for h in highlights if not h.placed]
    for highlight in placed:
        _print_highlight(highlight)
    if unplaced:
        print("Could not be placed in the article's text as it is now:")
        for highlight in unplaced:
            _print_highlight(highlight)
    if not highlights:
        print("No highlights.")
    return 0


def _color(name: str | None) -> HighlightColor | None:
    from reader.core.highlights import parse_color

    return None if name is None else parse_color(name)


def cmd_highlight(lib: Library, args: argparse.Namespace) -> int:
    from reader.core.highlights import DEFAULT_COLOR

    (article_id,) = parse_ids([args.id])
    made = lib.highlights.add_quote(
        article_id,
        args.quote,
        occurrence=args.occurrence,
        color=_color(args.color) or DEFAULT_COLOR,
        note=args.note,
    )
    if args.json:
        print_json(highlight_json(made))
    else:
        print(f"Highlight {made.id} in article {article_id}: “{_one_line(made.quote)}”")
    return 0


def _highlight_id(value: str) -> int:
    if not value.strip().isdigit():
        raise UserError(
            f"not a highlight id: {value!r} (ids are whole numbers; see 'folio highlights')"
        )
    return int(value)


def cmd_highlight_edit(lib: Library, args: argparse.Namespace) -> int:
    from reader.library.highlights import UNCHANGED, Unchanged

    highlight_id = _highlight_id(args.highlight)
    color = _color(args.color)
    note: str | Unchanged | None = UNCHANGED
    if args.no_note:
        note = None
    elif args.note is not None:
        note = args.note
    if color is None and note is UNCHANGED:
        raise UserError("give --color, --note or --no-note")
    _, after = lib.highlights.edit(highlight_id, color=color, note=note)
    print(f"Highlight {after.id}: {after.color.value}" + (", with a note" if after.note else ""))
    return 0


def cmd_highlight_remove(lib: Library, args: argparse.Namespace) -> int:
    ids = [_highlight_id(v) for v in args.highlights]
    for highlight_id in ids:
        lib.highlights.get(highlight_id)  # all must exist before any is removed
    for highlight_id in ids:
        lib.highlights.remove(highlight_id)
    print(f"{len(ids)} highlight{'s' if len(ids) != 1 else ''} removed")
    return 0


def cmd_note(lib: Library, args: argparse.Namespace) -> int:
    (article_id,) = parse_ids([args.id])
    if args.clear and args.text is not None:
        raise UserError("give a note or --clear, not both")
    if args.text is None and not args.clear:
        note = lib.highlights.note(article_id)
        print(_shown(note) if note else f"Article {article_id} has no note.")
        return 0
    text = None if args.clear else args.text
    if text == "-":
        text = sys.stdin.read()
    lib.highlights.set_note(article_id, text)
    stored = lib.highlights.note(article_id)
    print(f"Article {article_id}: " + ("note saved" if stored else "note removed"))
    return 0
