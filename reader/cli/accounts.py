"""``folio account add|list|remove|sync``: the sync account (Google Reader API servers such as
Miniflux, FreshRSS, Inoreader, The Old Reader, BazQux)."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING, Any

from reader.cli.common import iso, print_json
from reader.core.errors import UserError

if TYPE_CHECKING:
    from reader.library import Library
    from reader.library.sync import AccountStatus

_WHERE = {"keyring": "the system keyring", "file": "a file only you can read"}


def register(sub: Any) -> None:
    account = sub.add_parser(
        "account",
        help="sync with a server (Miniflux, FreshRSS, …)",
        description=(
            "Sync feeds, folders, read and starred state (and labels, where the server has"
            " them) with a Google Reader API server. Saved articles stay on this computer."
        ),
    )
    commands = account.add_subparsers(dest="account_command", metavar="ACTION", required=True)

    p = commands.add_parser(
        "add",
        help="add the sync account",
        description=(
            "Add the sync account after testing the connection. The API password is asked"
            " for (or read from standard input with --password-stdin) and kept in the system"
            " keyring, or, without one, in a file only you can read."
        ),
    )
    p.add_argument("url", metavar="URL", help="the server, e.g. https://rss.example.org")
    p.add_argument("username", metavar="USER")
    p.add_argument(
        "--password-stdin", action="store_true", help="read the API password from standard input"
    )
    p.add_argument(
        "--no-check", action="store_true", help="keep the account without testing the connection"
    )
    p.set_defaults(handler=cmd_add)

    p = commands.add_parser(
        "list", help="show the account and how its sync stands", description="Show the account."
    )
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(handler=cmd_list)

    p = commands.add_parser(
        "remove",
        help="remove the sync account",
        description="Remove the account and its password. The library keeps all it holds.",
    )
    p.set_defaults(handler=cmd_remove)

    p = commands.add_parser(
        "sync", help="sync now", description="Send the changes made here and fetch the server's."
    )
    p.set_defaults(handler=cmd_sync)


def _password(args: argparse.Namespace) -> str:
    if args.password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    elif sys.stdin.isatty():
        import getpass

        password = getpass.getpass("API password: ")
    else:
        raise UserError("give the API password on standard input with --password-stdin")
    if not password:
        raise UserError("the API password is empty")
    return password


def status_json(status: AccountStatus) -> dict[str, Any]:
    return {
        "url": status.url,
        "username": status.username,
        "status": status.status,
        "message": status.message,
        "line": status.line(),
        "last_success": iso(status.last_success),
        "last_attempt": iso(status.last_attempt),
        "pending_changes": status.pending,
        "password_in": status.password_in,
        "labels": status.labels,
    }


def cmd_add(lib: Library, args: argparse.Namespace) -> int:
    password = _password(args)
    added = lib.sync.add_account(args.url, args.username, password, check=not args.no_check)
    if added.connection:
        print(added.connection)
    if added.warning:
        print(f"folio: warning: {added.warning}", file=sys.stderr)
    status = added.status
    print(
        f"Added {status.username} at {status.url}; the password is in"
        f" {_WHERE.get(status.password_in, status.password_in)}. Sync with: folio account sync"
    )
    return 0


def cmd_list(lib: Library, args: argparse.Namespace) -> int:
    status = lib.sync.status()
    if args.json:
        print_json([] if status is None else [status_json(status)])
        return 0
    if status is None:
        print("No sync account. Add one with: folio account add URL USER")
        return 0
    print(f"{status.username} at {status.url}")
    from reader.cli.locale_format import day_and_time

    print(f"  {status.line(when=day_and_time)}")
    return 0


def cmd_remove(lib: Library, args: argparse.Namespace) -> int:
    status = lib.sync.remove_account()
    print(f"Removed {status.username} at {status.url}; the library keeps everything it holds.")
    return 0


def cmd_sync(lib: Library, args: argparse.Namespace) -> int:
    shown = [False]
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if not sys.stderr.isatty():
            return
        now = time.monotonic()
        if done < total and now - last[0] < 0.1:
            return
        last[0] = now
        sys.stderr.write(f"\rFetching new articles: {done} of {total}\x1b[K")
        sys.stderr.flush()
        shown[0] = True

    try:
        report = lib.sync.sync(progress=progress)
    finally:
        if shown[0]:
            sys.stderr.write("\r\x1b[K")
            sys.stderr.flush()
    print(report.line())
    return 0
