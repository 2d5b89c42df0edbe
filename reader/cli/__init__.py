"""The ``folio`` command line, built on the same library API as the window.

Exit codes: 0 success, 1 a user error (one line on stderr, no traceback), 2 a usage error,
3 an internal error (logged with its traceback).
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from reader import __version__
from reader.cli import desktop as desktop_commands
from reader.cli import terminal
from reader.cli.common import Handler, open_library
from reader.cli.open_sources import first_positional, resolve_sources, with_gui_command
from reader.core.errors import UserError

log = logging.getLogger("reader.cli")

GuiLauncher = Callable[[argparse.Namespace], int]

EPILOG = """\
With no command, Folio opens its window; 'folio FILE|URL...' opens it and saves the pages and
addresses given (or imports subscription lists and exports), in the window already open on the
library if there is one.
The library is the file given by --db, else $FOLIO_DB, else library.sqlite in your user data folder.
Run 'folio COMMAND --help' for the options of a command."""


# The modules of reader.cli that register commands, in the order --help lists them, with the
# commands each registers. A run of one command imports and builds only its own module's
# commands; tests/cli/test_cli_start.py checks this list against what the modules register.
COMMAND_MODULES: dict[str, tuple[str, ...]] = {
    "feeds": (
        "add-feed",
        "feeds",
        "edit-feed",
        "remove-feed",
        "refresh",
        "folders",
        "add-folder",
        "rename-folder",
        "remove-folder",
        "retention",
        "refresh-interval",
    ),
    "saving": ("save", "extract", "reextract", "keep-pages", "file-images"),
    "articles": ("list", "show", "mark", "tag", "tags", "delete", "stats"),
    "highlights": ("highlight", "highlights", "highlight-edit", "highlight-remove", "note"),
    "search": ("search", "views", "rule", "tag-edit"),
    "transfer": ("import", "export", "fetch-pending", "backup", "restore"),
    "accounts": ("account",),
    "desktop": (desktop_commands.COMMAND,),
}
COMMAND_NAMES = frozenset({"gui", *(name for names in COMMAND_MODULES.values() for name in names)})


def _modules_for(argv: Sequence[str]) -> list[str]:
    """The command modules a parser for ``argv`` needs: the one of its command, or all when
    the command is unknown or the top-level help (which lists every command) is asked for."""
    index = first_positional(argv)
    if any(arg in ("-h", "--help") for arg in argv[:index]):
        return list(COMMAND_MODULES)
    if index >= len(argv) or argv[index] == "gui":
        return []  # the window: no command's parser is needed
    for module, names in COMMAND_MODULES.items():
        if argv[index] in names:
            return [module]
    return list(COMMAND_MODULES)


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or with ``argv`` only of the command it runs."""
    parser = argparse.ArgumentParser(
        prog="folio",
        description="Folio: a reader for saved articles and feeds, private and offline.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"folio {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        help="the library file to use (default: $FOLIO_DB or the user data folder)",
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", title="commands")
    gui = sub.add_parser(
        "gui",
        help="open the window (the default)",
        description="Open Folio's window, or bring forward the one already open on the library."
        " Pages and web addresses given are saved there and the last one shown; OPML files and"
        " exports from other services are imported.",
    )
    gui.add_argument(
        "--db",
        metavar="PATH",
        type=Path,
        default=argparse.SUPPRESS,
        help="the library file to open (same as folio --db PATH gui)",
    )
    gui.add_argument(
        "--lang",
        metavar="LANG",
        choices=("de", "en"),
        default=argparse.SUPPRESS,
        help="the window's language: de or en (default: as chosen in Preferences, else the"
        " system's)",
    )
    gui.add_argument(
        "--demo",
        action="store_true",
        help="open a temporary library filled with sample articles and feeds",
    )
    gui.add_argument(
        "sources",
        metavar="FILE|URL",
        nargs="*",
        help="a saved page, text or Markdown file, OPML or export file, or a web address",
    )
    modules = list(COMMAND_MODULES) if argv is None else _modules_for(argv)
    for module in modules:
        importlib.import_module(f"reader.cli.{module}").register(sub)
    return parser


def main(
    argv: Sequence[str] | None = None,
    *,
    gui: GuiLauncher | None = None,
    desktop: GuiLauncher | None = None,
) -> int:
    given = with_gui_command(list(sys.argv[1:] if argv is None else argv), COMMAND_NAMES)
    args = build_parser(given).parse_args(given)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if args.command in (None, "gui"):
        if gui is None:
            print("folio: error: the window is not available here", file=sys.stderr)
            return 1
        if args.command is None:
            args.demo = False
            args.sources = []
        try:
            args.sources = resolve_sources(args.sources)
        except UserError as exc:
            print(f"folio: error: {exc}", file=sys.stderr)
            return 1
        return gui(args)
    if args.command == desktop_commands.COMMAND and desktop is None:
        print("folio: error: desktop integration is not available here", file=sys.stderr)
        return 1
    handler: Handler | None = getattr(args, "handler", None)
    restore_terminal = terminal.protect()
    try:
        if handler is None and desktop is not None:
            # A command about the desktop, not the library.
            return desktop(args)
        assert handler is not None
        with open_library(args.db) as lib:
            return handler(lib, args)
    except UserError as exc:
        print(f"folio: error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("folio: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader of our output went away (``folio list | head``): not an error.
        return 0
    except Exception as exc:
        from reader.cli.common import log_internal_error

        where = log_internal_error(exc)
        print(
            f"folio: internal error: {type(exc).__name__}: {exc} (details in {where})",
            file=sys.stderr,
        )
        return 3
    finally:
        restore_terminal()
