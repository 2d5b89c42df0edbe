"""Saving commands: save, extract, reextract."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reader.cli.common import article_json, print_json

if TYPE_CHECKING:
    from reader.library import Library


def register(sub: Any) -> None:
    p = sub.add_parser(
        "save",
        help="save an article from a URL, a file or stdin",
        description="Save an article: a web address, a saved page (.html, .htm, .mhtml),"
        " a page saved as text (.txt, .md), or - to read text from stdin.",
    )
    p.add_argument("source", metavar="URL|FILE|-")
    p.add_argument("--tag", metavar="T", action="append", default=[], help="add this tag (repeatable)")
    p.add_argument("--title", metavar="T", help="use this title")
    p.add_argument("--json", action="store_true", help="print the saved article as JSON")
    p.set_defaults(handler=cmd_save)


def cmd_save(lib: Library, args: argparse.Namespace) -> int:
    if args.source == "-":
        data = sys.stdin.buffer.read()
        result = lib.save_text(data, tags=args.tag, title=args.title)
    else:
        result = lib.save(args.source, tags=args.tag, title=args.title)
    article = result.article
    if args.json:
        data_out = article_json(article)
        data_out["created"] = result.created
        data_out["notes"] = list(result.notes)
        print_json(data_out)
    else:
        verb = "Saved" if result.created else "Already in the library; updated"
        print(f"{verb}: {article.title} (id {article.id}, {article.word_count} words)")
        for note in result.notes:
            print(f"  {note}")
    return 0
