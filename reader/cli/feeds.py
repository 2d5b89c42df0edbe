"""Subscription commands: add-feed, feeds, edit-feed, remove-feed, refresh, folders, how often
feeds are refreshed and the retention policy."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from reader.cli.common import feed_json, print_json, whole_number
from reader.cli.locale_format import count, short_day
from reader.core.limits import DEFAULT_KEEP_ITEMS, MAX_KEEP_ITEMS
from reader.core.schedule import describe_interval, parse_interval

if TYPE_CHECKING:
    from reader.library import Library


def register(sub: Any) -> None:
    p = sub.add_parser(
        "add-feed",
        help="subscribe to a feed",
        description="Subscribe to a feed, given its address or the address of a site that has one.",
    )
    p.add_argument("url", metavar="URL")
    p.add_argument(
        "--folder", metavar="NAME", help="put the feed in this folder (Parent/Child for nested)"
    )
    p.add_argument("--title", metavar="T", help="use this title instead of the feed's own")
    p.set_defaults(handler=cmd_add_feed)

    p = sub.add_parser(
        "feeds",
        help="list subscriptions",
        description="List subscriptions with their counts and errors.",
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_feeds)

    p = sub.add_parser(
        "remove-feed",
        help="unsubscribe",
        description=(
            "Unsubscribe from a feed. Its starred and tagged articles stay, as saved articles."
        ),
    )
    p.add_argument("feed", metavar="ID|URL")
    p.set_defaults(handler=cmd_remove_feed)

    p = sub.add_parser(
        "refresh",
        help="fetch new articles",
        description="Fetch new articles from feeds that are due (or the ones named).",
    )
    p.add_argument("feeds", metavar="ID|URL", nargs="*")
    p.add_argument(
        "--jobs",
        metavar="N",
        type=whole_number(1, 64),
        default=None,
        help="feeds fetched at once (default 16)",
    )
    p.add_argument("--all", action="store_true", help="fetch every feed, even those not due yet")
    p.set_defaults(handler=cmd_refresh)

    p = sub.add_parser(
        "edit-feed",
        help="change a subscription",
        description="Change a feed's title, address, folder, tags or options.",
    )
    p.add_argument("feed", metavar="ID|URL")
    p.add_argument("--title", metavar="T", help="a new title")
    p.add_argument("--url", metavar="URL", help="a new feed address")
    where = p.add_mutually_exclusive_group()
    where.add_argument(
        "--folder", metavar="PATH", help="move it to this folder (created if missing)"
    )
    where.add_argument("--no-folder", action="store_true", help="move it to the top level")
    p.add_argument(
        "--tags", metavar="A,B", help="tags every new article of this feed gets ('' for none)"
    )
    full = p.add_mutually_exclusive_group()
    full.add_argument(
        "--full-text",
        dest="full_text",
        action="store_true",
        default=None,
        help="fetch the whole article for new entries",
    )
    full.add_argument(
        "--no-full-text", dest="full_text", action="store_false", help="keep what the feed gives"
    )
    p.add_argument(
        "--keep",
        metavar="N",
        type=whole_number(1, MAX_KEEP_ITEMS),
        help=f"read only the N newest items at each refresh (default {DEFAULT_KEEP_ITEMS:,})",
    )
    p.add_argument(
        "--every",
        metavar="INTERVAL",
        help="refresh it this often (30m, 2h, 1d; 5 minutes to a week), or 'default' for the"
        " library's interval (folio refresh-interval)",
    )
    state = p.add_mutually_exclusive_group()
    state.add_argument(
        "--disable", dest="disabled", action="store_true", default=None, help="stop refreshing it"
    )
    state.add_argument("--enable", dest="disabled", action="store_false", help="refresh it again")
    p.set_defaults(handler=cmd_edit_feed)

    p = sub.add_parser(
        "folders",
        help="list folders",
        description="List feed folders, nested ones as Parent/Child.",
    )
    p.set_defaults(handler=cmd_folders)

    p = sub.add_parser(
        "add-folder",
        help="create a folder",
        description="Create a folder (and its parents: Parent/Child).",
    )
    p.add_argument("path", metavar="PATH")
    p.set_defaults(handler=cmd_add_folder)

    p = sub.add_parser("rename-folder", help="rename a folder", description="Rename a folder.")
    p.add_argument("folder", metavar="ID|PATH")
    p.add_argument("name", metavar="NAME")
    p.set_defaults(handler=cmd_rename_folder)

    p = sub.add_parser(
        "remove-folder",
        help="delete a folder",
        description="Delete a folder and its subfolders; their feeds move to the top level.",
    )
    p.add_argument("folder", metavar="ID|PATH")
    p.set_defaults(handler=cmd_remove_folder)

    p = sub.add_parser(
        "retention",
        help="how long read feed articles are kept",
        description=(
            "Delete read feed articles this many days after they were read, at each refresh."
            " Starred, tagged, archived and annotated articles and saved pages are never deleted."
            " Without an argument, show the current setting."
        ),
    )
    p.add_argument("days", metavar="DAYS|off", nargs="?")
    p.set_defaults(handler=cmd_retention)

    p = sub.add_parser(
        "refresh-interval",
        help="how often feeds are refreshed",
        description=(
            "How long after a refresh a feed is due again (30m, 2h, 1d; 5 minutes to a week):"
            " what 'folio refresh' fetches and how often the window refreshes by itself. A feed"
            " can have its own (folio edit-feed ID --every 2h). Without an argument, show the"
            " current setting."
        ),
    )
    p.add_argument("interval", metavar="INTERVAL", nargs="?")
    p.set_defaults(handler=cmd_refresh_interval)


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
        state = f"{count(feed.unread)}/{count(feed.total)}"
        fetched = short_day(feed.last_fetched) if feed.last_fetched else "never fetched"
        print(f"{feed.id:>5} {folder}{feed.title or feed.url}  {state}  {fetched}")
        print(f"      {feed.url}")
        if feed.disabled:
            print("      disabled")
        if feed.last_error:
            times = f" ({feed.error_count} times in a row)" if feed.error_count > 1 else ""
            print(f"      error{times}: {feed.last_error}")
        if feed.notice:
            print(f"      note: {feed.notice}")
        if feed.refresh_minutes:
            print(f"      refreshed every {describe_interval(feed.refresh_minutes)}")
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


def cmd_edit_feed(lib: Library, args: argparse.Namespace) -> int:
    feed = lib.resolve_feed(args.feed)
    options: dict[str, Any] = {
        "title": args.title,
        "url": args.url,
        "fetch_full_text": args.full_text,
        "disabled": args.disabled,
        "keep_items": args.keep,
    }
    if args.folder is not None or args.no_folder:
        options["folder"] = args.folder
    if args.every is not None:
        every = args.every.strip().lower()
        options["refresh_minutes"] = None if every == "default" else parse_interval(every)
    changed = lib.set_feed_options(feed.id, **options)
    if args.tags is not None:
        names = [name.strip() for name in args.tags.split(",") if name.strip()]
        changed = lib.set_feed_tags(feed.id, names)
    folder = changed.folder or "top level"
    tags = ", ".join(changed.tags) or "no tags"
    print(f"{changed.id}: {changed.title or changed.url} ({changed.url}) in {folder}; {tags}")
    if args.every is not None:
        minutes = changed.refresh_minutes
        print(
            f"  refreshed every {describe_interval(minutes)}"
            if minutes
            else f"  refreshed as the library says (every {_library_interval(lib)})"
        )
    return 0


def _library_interval(lib: Library) -> str:
    return describe_interval(int(lib.refresh_interval.total_seconds() // 60))


def cmd_refresh_interval(lib: Library, args: argparse.Namespace) -> int:
    if args.interval is not None:
        lib.set_refresh_interval(parse_interval(args.interval))
    print(f"Feeds are refreshed every {_library_interval(lib)} (unless they have their own)")
    return 0


def cmd_folders(lib: Library, args: argparse.Namespace) -> int:
    paths = lib.folder_paths()
    for folder_id, path in paths:
        print(f"{folder_id:>5} {path}")
    if not paths:
        print("No folders. Create one with: folio add-folder NAME")
    return 0


def cmd_add_folder(lib: Library, args: argparse.Namespace) -> int:
    folder_id = lib.create_folder(args.path)
    # As stored: an existing folder spelled in another case is the one meant.
    print(f"Folder {dict(lib.folder_paths())[folder_id]}, id {folder_id}")
    return 0


def cmd_rename_folder(lib: Library, args: argparse.Namespace) -> int:
    lib.rename_folder(args.folder, args.name)
    print(f"Renamed {args.folder} to {args.name.strip()}")
    return 0


def cmd_remove_folder(lib: Library, args: argparse.Namespace) -> int:
    lib.delete_folder(args.folder)
    print(f"Deleted folder {args.folder}; its feeds are at the top level now")
    return 0


def cmd_retention(lib: Library, args: argparse.Namespace) -> int:
    from reader.core.errors import UserError

    if args.days is not None:
        text = args.days.strip().lower()
        if text in ("off", "never", "0"):
            lib.set_retention(None)
        elif text.isdigit():
            lib.set_retention(int(text))
        else:
            raise UserError(f"not a number of days: {args.days!r} (give DAYS or off)")
    days = lib.retention_days
    if days is None:
        print("Read feed articles are kept (retention off)")
    else:
        print(f"Read feed articles are deleted {days} days after they were read")
    return 0
