"""Saving commands: save, extract, reextract."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from reader.cli.common import (
    article_json,
    file_size,
    parse_ids,
    print_json,
    print_json_line,
    published_iso,
)
from reader.core.errors import UserError

if TYPE_CHECKING:
    from reader.core.types import ExtractedPage
    from reader.library import Library


def register(sub: Any) -> None:
    p = sub.add_parser(
        "save",
        help="save an article from a URL, a file or stdin",
        description="Save an article: a web address, a saved page (.html, .htm, .xhtml, .mhtml,"
        " .mht), a page saved as text (.txt, .md), or - to read it from stdin. A PDF or an image"
        " address is saved as a link item with its type.",
    )
    p.add_argument("source", metavar="URL|FILE|-")
    p.add_argument(
        "--tag", metavar="T", action="append", default=[], help="add this tag (repeatable)"
    )
    p.add_argument("--title", metavar="T", help="use this title")
    p.add_argument("--json", action="store_true", help="print the saved article as JSON")
    images = p.add_mutually_exclusive_group()
    images.add_argument(
        "--no-images",
        dest="images",
        action="store_false",
        default=None,
        help="download none of its images: they stay remote, loaded in the window only when"
        " asked (tracking pixels are never downloaded)",
    )
    images.add_argument(
        "--images",
        dest="images",
        action="store_true",
        help="download its images, even from a local file when 'file-images off' is set",
    )
    p.set_defaults(handler=cmd_save)

    p = sub.add_parser(
        "extract",
        help="show what saving a page would keep, without saving",
        description="Run the same extraction as 'save' on each source and print the result;"
        " nothing is stored. With --json, one JSON object per source per line.",
    )
    p.add_argument("sources", metavar="URL|FILE", nargs="+")
    p.add_argument("--json", action="store_true", help="one JSON object per source per line")
    p.set_defaults(handler=cmd_extract)

    p = sub.add_parser(
        "reextract",
        help="extract saved articles again",
        description="Extract saved articles again (after an upgrade) from the pages kept with"
        " them, keeping tags, read and star state and notes. An article saved before pages were"
        " kept is fetched from its web address.",
    )
    p.add_argument("ids", metavar="ID", nargs="*", help="article ids")
    p.add_argument("--all", action="store_true", help="every saved article")
    p.add_argument(
        "--refetch",
        action="store_true",
        help="fetch each page from its web address again (and keep the new copy)",
    )
    p.set_defaults(handler=cmd_reextract)

    p = sub.add_parser(
        "keep-pages",
        help="whether saved articles keep their original page",
        description="Saved articles keep the page they came from (compressed), so 'reextract'"
        " works offline. 'off' stops keeping new ones; --drop forgets those kept (their"
        " articles stay). Without an argument, show the setting and what is kept.",
    )
    p.add_argument("state", metavar="on|off", nargs="?")
    p.add_argument("--drop", action="store_true", help="forget every kept page")
    p.set_defaults(handler=cmd_keep_pages)

    p = sub.add_parser(
        "file-images",
        help="whether saving a local file downloads its images",
        description="Saving a local HTML or Markdown file downloads the remote images it shows,"
        " so it reads offline. 'off' leaves them remote (nothing is fetched when saving; the"
        " window loads them only when asked). Tracking pixels are never downloaded. Without an"
        " argument, show the setting.",
    )
    p.add_argument("state", metavar="on|off", nargs="?")
    p.set_defaults(handler=cmd_file_images)


def cmd_file_images(lib: Library, args: argparse.Namespace) -> int:
    if args.state is not None:
        state = args.state.strip().lower()
        if state not in ("on", "off"):
            raise UserError(f"not on or off: {args.state!r}")
        lib.set_fetch_file_images(state == "on")
    print(
        "Saving a local file downloads its images"
        if lib.fetch_file_images
        else "Saving a local file leaves its images remote"
    )
    return 0


def cmd_keep_pages(lib: Library, args: argparse.Namespace) -> int:
    if args.state is not None:
        state = args.state.strip().lower()
        if state not in ("on", "off"):
            raise UserError(f"not on or off: {args.state!r}")
        lib.set_keep_pages(state == "on")
    if args.drop:
        print(f"Forgot {lib.drop_kept_pages()} kept page(s)")
    stats = lib.stats()
    print(
        ("Saved articles keep their original page" if lib.keep_pages else "Pages are not kept")
        + f"; {stats.kept_pages} kept ({file_size(stats.kept_pages_bytes)} compressed)"
    )
    return 0


def cmd_save(lib: Library, args: argparse.Namespace) -> int:
    if args.source == "-":
        data = sys.stdin.buffer.read()
        result = lib.save_text(
            data, tags=args.tag, title=args.title, name="stdin", images=args.images
        )
    else:
        result = lib.save(args.source, tags=args.tag, title=args.title, images=args.images)
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


def extracted_json(source: str, page: ExtractedPage) -> dict[str, Any]:
    from reader.core.text import word_count

    return {
        "source": source,
        "url": page.url,
        "title": page.title,
        "author": page.author,
        "published": published_iso(page.published, page.published_date_only),
        "site_name": page.site_name,
        "language": page.language,
        "word_count": word_count(page.text),
        "text": page.text,
        "html": page.html,
        "method": page.method,
        "notes": list(page.notes),
    }


def cmd_extract(lib: Library, args: argparse.Namespace) -> int:
    failed = 0
    for source in args.sources:
        try:
            page = (
                lib.extract_bytes(sys.stdin.buffer.read())
                if source == "-"
                else (lib.extract(source))
            )
        except UserError as exc:
            # One bad source does not stop the others; it is reported where it belongs.
            failed += 1
            if args.json:
                print_json_line({"source": source, "error": str(exc)})
            print(f"folio: error: {source}: {exc}", file=sys.stderr)
            continue
        if args.json:
            print_json_line(extracted_json(source, page))
            continue
        data = extracted_json(source, page)
        print(f"# {page.title}")
        for key in ("url", "author", "published", "site_name", "language", "word_count", "method"):
            if data[key] is not None:
                print(f"{key}: {data[key]}")
        for note in page.notes:
            print(f"note: {note}")
        print()
        print(page.text)
        print()
    return 1 if failed else 0


def cmd_reextract(lib: Library, args: argparse.Namespace) -> int:
    if args.all and args.ids:
        raise UserError("give article ids or --all, not both")
    if not args.all and not args.ids:
        raise UserError("give the ids of the articles to extract again, or --all")
    ids = None if args.all else parse_ids(args.ids)
    unplaced = lib.highlights.unplaced(ids)
    failures = lib.reextract(ids, refetch=args.refetch)
    for message in failures:
        print(f"folio: error: {message}", file=sys.stderr)
    done = "every saved article" if ids is None else f"{len(ids)} article(s)"
    print(f"Extracted {done} again; {len(failures)} failed")
    # Highlights whose passage the new text lacks are kept and listed apart: say where.
    for article_id, count in sorted(lib.highlights.unplaced(ids).items()):
        lost = count - unplaced.get(article_id, 0)
        if lost > 0:
            print(
                f"Article {article_id}: {lost} highlight{'s' if lost != 1 else ''} could not be"
                f" placed in the new text; kept (see 'folio highlights {article_id}')"
            )
    return 1 if failures else 0
