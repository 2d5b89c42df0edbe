"""Subscription commands: add-feed, feeds, remove-feed, refresh."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from reader.cli.common import feed_json, print_json, short_date

if TYPE_CHECKING:
    from reader.library import Library


def _jobs(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a whole number: {value!r}") from None
    if not 1 <= number <= 64:
        raise argparse.ArgumentTypeError("must be between 1 and 64")
    return number


def register(sub: Any) -> None:
    p = sub.add_parser(
        "add-feed",
        help="subscribe to a feed",
        description="Subscribe to a feed, given its address or the address of a site that has one.",
    )
    p.add_argument("url", metavar="URL")
    p.add_argument("--folder", metavar="NAME", help="put the feed in this folder (Parent/Child for nested)")
    p.add_argument("--title", metavar="T", help="use this title instead of the feed's own")
    p.set_defaults(handler=cmd_add_feed)

    p = sub.add_parser("feeds", help="list subscriptions", description="List subscriptions with their counts and errors.")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_feeds)

    p = sub.add_parser(
        "remove-feed",
        help="unsubscribe",
        description="Unsubscribe from a feed. Its starred and tagged articles stay, as saved articles.",
    )
    p.add_argument("feed", metavar="ID|URL")
    p.set_defaults(handler=cmd_remove_feed)

    p = sub.add_parser("refresh", help="fetch new articles", description="Fetch new articles from feeds that are due (or the ones named).")
    p.add_argument("feeds", metavar="ID|URL", nargs="*")
    p.add_argument("--jobs", metavar="N", type=_jobs, default=None, help="feeds fetched at once (default 16)")
    p.add_argument("--all", action="store_true", help="fetch every feed, even those not due yet")
    p.set_defaults(handler=cmd_refresh)


def cmd_add_feed(lib: Library, args: argparse.Namespace) -> int:
    result = lib.subscribe(args.url, folder=args.folder, title=args.title)
    feed = result.feed
    print(f"Subscribed to {feed.title or feed.url} ({feed.url}), id {feed.id}")
    for other in result.alternatives:
        print(f"  also found: {other}")
    for note in result.notes:
        print(f"  {note}")
    return 0


def cmd_feeds(lib: Library, args: argparse.Namespace) -> int:
    feeds = lib.list_feeds()
    if args.json:
        print_json([feed_json(f) for f in feeds])
        return 0
    for feed in feeds:
        folder = f"[{feed.folder}] " if feed.folder else ""
        state = f"{feed.unread}/{feed.total}"
        fetched = short_date(feed.last_fetched).strip() or "never fetched"
        print(f"{feed.id:>5} {folder}{feed.title or feed.url}  {state}  {fetched}")
        print(f"      {feed.url}")
        if feed.disabled:
            print("      disabled")
        if feed.last_error:
            print(f"      error: {feed.last_error}")
    if not feeds:
        print("No subscriptions. Add one with: folio add-feed URL")
    return 0


def cmd_remove_feed(lib: Library, args: argparse.Namespace) -> int:
    feed = lib.resolve_feed(args.feed)
    deleted = lib.remove_feed(feed.id)
    print(f"Unsubscribed from {feed.title or feed.url}; {deleted} articles deleted")
    return 0


def cmd_refresh(lib: Library, args: argparse.Namespace) -> int:
    from reader.cli.progress import run_refresh

    return run_refresh(lib, args.feeds, jobs=args.jobs, force=args.all)
