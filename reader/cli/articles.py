"""Commands that read and change articles: list, show, tag, tags, mark, delete, stats.

(search, views, rule and tag-edit are in cli/search.py.)
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from reader.cli.common import (
    article_json,
    article_line,
    file_size,
    parse_ids,
    print_json,
    whole_number,
)
from reader.cli.locale_format import count, day_and_time

if TYPE_CHECKING:
    from reader.library import Library


def register(sub: Any) -> None:
    p = sub.add_parser(
        "list", help="list articles, newest first", description="List articles, newest first."
    )
    p.add_argument("--unread", action="store_true", help="only unread articles")
    p.add_argument("--starred", action="store_true", help="only starred articles")
    p.add_argument("--archived", action="store_true", help="only archived articles")
    p.add_argument("--saved", action="store_true", help="only saved articles (not from feeds)")
    p.add_argument("--tag", metavar="T", help="only articles with this tag")
    p.add_argument("--feed", metavar="ID", type=int, help="only articles of this feed")
    p.add_argument(
        "--limit",
        metavar="N",
        type=whole_number(),
        default=50,
        help="at most N articles (default 50)",
    )
    p.add_argument("--oldest-first", action="store_true", help="oldest first")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_list)

    p = sub.add_parser("show", help="show one article", description="Show one article.")
    p.add_argument("id", metavar="ID")
    p.add_argument("--format", choices=["text", "html", "markdown", "json"], default="text")
    p.set_defaults(handler=cmd_show)

    p = sub.add_parser(
        "tag", help="add or remove tags", description="Add tags to an article, or remove them."
    )
    p.add_argument("id", metavar="ID")
    p.add_argument("tags", metavar="TAG", nargs="+")
    p.add_argument("--remove", action="store_true", help="remove these tags instead")
    p.set_defaults(handler=cmd_tag)

    p = sub.add_parser(
        "tags", help="list tags with counts", description="List tags with their counts."
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_tags)

    p = sub.add_parser(
        "mark",
        help="mark articles read, starred, archived…",
        description="Change the state of articles.",
    )
    p.add_argument("ids", metavar="ID", nargs="+")
    state = p.add_mutually_exclusive_group(required=True)
    for flag in ("read", "unread", "star", "unstar", "archive", "unarchive"):
        state.add_argument(f"--{flag}", dest="state", action="store_const", const=flag)
    p.set_defaults(handler=cmd_mark)

    p = sub.add_parser(
        "delete", help="delete articles", description="Delete articles from the library."
    )
    p.add_argument("ids", metavar="ID", nargs="+")
    p.set_defaults(handler=cmd_delete)

    p = sub.add_parser(
        "stats", help="library statistics", description="Show what the library holds."
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_stats)


def cmd_list(lib: Library, args: argparse.Namespace) -> int:
    from reader.core.types import ArticleFilter

    if args.feed is not None:
        lib.get_feed(args.feed)  # a clear error for an unknown feed
    flt = ArticleFilter(
        unread=args.unread,
        starred=args.starred,
        archived=True if args.archived else None,
        saved=args.saved,
        tag=args.tag,
        feed_id=args.feed,
    )
    articles = lib.list_articles(flt, limit=args.limit, newest_first=not args.oldest_first)
    if args.json:
        print_json([article_json(a) for a in articles])
    else:
        for article in articles:
            print(article_line(article))
        if not articles:
            print("No articles.")
    return 0


def cmd_show(lib: Library, args: argparse.Namespace) -> int:
    (article_id,) = parse_ids([args.id])
    article = lib.get_article(article_id)
    if args.format == "json":
        print_json(article_json(article, with_content=True))
    elif args.format == "html":
        print(article.content_html or "")
    elif args.format == "markdown":
        from reader.services.markdown import html_to_markdown

        print(f"# {article.title}\n")
        if article.url:
            print(f"<{article.url}>\n")
        print(html_to_markdown(article.content_html or ""))
    else:
        print(article.title)
        meta = [m for m in (article.feed_title or article.site_name, article.author) if m]
        if article.published:
            meta.append(day_and_time(article.published, date_only=article.published_date_only))
        meta.append(f"{article.reading_minutes} min read")
        print(" · ".join(meta))
        if article.url:
            print(article.url)
        if article.tags:
            print("Tags: " + ", ".join(article.tags))
        print()
        print(article.text or "")
    return 0


def cmd_tag(lib: Library, args: argparse.Namespace) -> int:
    (article_id,) = parse_ids([args.id])
    if args.remove:
        lib.remove_tags(article_id, args.tags)
    else:
        lib.add_tags(article_id, args.tags)
    tags = lib.get_article(article_id).tags
    print(f"{article_id}: " + (", ".join(tags) if tags else "no tags"))
    return 0


def cmd_tags(lib: Library, args: argparse.Namespace) -> int:
    tags = lib.list_tags()
    if args.json:
        print_json(
            [
                {"id": t.id, "name": t.name, "color": t.color, "total": t.total, "unread": t.unread}
                for t in tags
            ]
        )
    else:
        for tag in tags:
            print(f"{tag.name}  ({count(tag.total)}, {count(tag.unread)} unread)")
        if not tags:
            print("No tags.")
    return 0


_STATES = {
    "read": {"read": True},
    "unread": {"read": False},
    "star": {"starred": True},
    "unstar": {"starred": False},
    "archive": {"archived": True},
    "unarchive": {"archived": False},
}


def cmd_mark(lib: Library, args: argparse.Namespace) -> int:
    ids = parse_ids(args.ids)
    changed = lib.mark(ids, **_STATES[args.state])
    print(f"{changed} article{'s' if changed != 1 else ''} marked {args.state}")
    return 0


def cmd_delete(lib: Library, args: argparse.Namespace) -> int:
    ids = parse_ids(args.ids)
    deleted = lib.delete_articles(ids)
    print(f"{deleted} article{'s' if deleted != 1 else ''} deleted")
    return 0


def cmd_stats(lib: Library, args: argparse.Namespace) -> int:
    from dataclasses import asdict

    stats = lib.stats()
    data = asdict(stats)
    data["path"] = str(lib.path)
    highlights, unplaced = lib.highlights.totals()
    data["highlights"] = highlights
    data["highlights_unplaced"] = unplaced
    if args.json:
        print_json(data)
    else:
        print(f"Library: {lib.path}")
        print(
            f"{count(stats.articles)} articles ({count(stats.unread)} unread,"
            f" {count(stats.starred)} starred, {count(stats.archived)} archived,"
            f" {count(stats.saved)} saved)"
        )
        print(
            f"{count(stats.feeds)} feeds in {count(stats.folders)} folders,"
            f" {count(stats.tags)} tags"
        )
        if highlights:
            lost = f" ({count(unplaced)} could not be placed in their text)" if unplaced else ""
            print(f"{count(highlights)} highlight{'s' if highlights != 1 else ''}{lost}")
        print(f"{file_size(stats.database_bytes)}, library version {stats.schema_version}")
        if stats.kept_pages:
            print(
                f"{count(stats.kept_pages)} original page{'s' if stats.kept_pages != 1 else ''}"
                " kept for re-extraction"
                f" ({file_size(stats.kept_pages_bytes)} compressed)"
            )
    return 0
