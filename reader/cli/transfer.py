"""Moving things in and out: import, export, fetch-pending, backup, restore."""

from __future__ import annotations

import argparse
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from reader.cli.common import print_json, whole_number
from reader.cli.terminal import raw
from reader.core.errors import UserError

if TYPE_CHECKING:
    from reader.core.transfer import FetchPendingReport
    from reader.library import Library

# Problems printed before "… and N more": a 20,000-row file can have thousands.
_SHOWN_PROBLEMS = 50


def register(sub: Any) -> None:
    p = sub.add_parser(
        "import",
        help="import subscriptions, articles or bookmarks",
        description="Import a file; its format is detected from the content. Reads OPML,"
        " Pocket (.csv, .zip, ril_export.html), Instapaper CSV, Omnivore (.zip or JSON),"
        " wallabag JSON (1.x and 2.x), Readwise's highlights CSV (its export, or the layout"
        " it imports), Readwise Reader's CSV of documents, Raindrop.io (CSV or HTML),"
        " Readability, Delicious and elCurator JSON, Feedbin's starred entries, bookmark files"
        " (Firefox, Chrome, Safari, Shaarli, Pinboard), Pinboard JSON, Firefox and Chrome"
        " bookmark backups, a .zip holding several of these, and Folio's own JSON export."
        " Highlights come in as highlights placed in their article's text. It reports, for"
        " each format, the items found, added, already present, skipped (and why) and failed,"
        " and how many highlights were placed. Links that come without their text are"
        " fetched by 'folio fetch-pending' (or --fetch).",
    )
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument(
        "--format",
        metavar="F",
        help="force the format (folio, opml, pocket, pocket-html, instapaper, omnivore,"
        " wallabag, wallabag-v1, readwise-highlights, readwise-reader, raindrop, raindrop-html,"
        " readability, delicious, elcurator, feedbin, bookmarks, pinboard, firefox, chrome,"
        " zip); readwise is either Readwise CSV, told from its columns",
    )
    p.add_argument(
        "--fetch", action="store_true", help="fetch the imported links' pages right away"
    )
    p.add_argument("--json", action="store_true", help="print the report as one JSON object")
    p.set_defaults(handler=cmd_import)

    p = sub.add_parser(
        "export",
        help="export articles, subscriptions or everything",
        description="Export to a file. Formats: folio (JSON, everything, lossless), opml,"
        " markdown (a folder, or a .zip), html (one file), epub, bookmarks (Netscape HTML),"
        " csv (Pocket-style), readwise (highlights, in the CSV layout Readwise imports). The"
        " format is guessed from the file name if left out. Highlights and notes go into"
        " folio, markdown, html and readwise exports.",
    )
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--format", metavar="F", default=None, help="the format")
    p.add_argument(
        "--query",
        metavar="QUERY",
        help="export only the articles this search finds (the whole library otherwise)",
    )
    p.set_defaults(handler=cmd_export)

    p = sub.add_parser(
        "fetch-pending",
        help="fetch the pages of imported links",
        description="Fetch and extract the pages of links that were imported without their"
        " text. Stopping (Ctrl-C) loses nothing: the rest wait for the next run.",
    )
    p.add_argument(
        "--jobs",
        metavar="N",
        type=whole_number(1, 32),
        default=4,
        help="pages fetched at once (default 4)",
    )
    p.add_argument(
        "--retry-failed", action="store_true", help="try again the links that failed before"
    )
    p.set_defaults(handler=cmd_fetch_pending)

    p = sub.add_parser(
        "backup",
        help="copy the library to a file",
        description="Write a consistent copy of the library, safe while Folio is running."
        " Without FILE it goes to the backups folder beside the library.",
    )
    p.add_argument("file", metavar="FILE", type=Path, nargs="?")
    p.set_defaults(handler=cmd_backup)

    p = sub.add_parser(
        "restore",
        help="bring back a library from a backup",
        description="Replace the library's content with a backup. The current library is"
        " copied to the backups folder first.",
    )
    p.add_argument("file", metavar="FILE", type=Path)
    p.add_argument("--yes", action="store_true", help="do not ask for confirmation")
    # A damaged library is what restore is for: it opens one that other commands refuse.
    p.set_defaults(handler=cmd_restore, opens_damaged=True)


class _ProgressLine:
    """``label done/total`` overwriting itself on a terminal's stderr; silent elsewhere."""

    def __init__(self, label: str, stream: TextIO | None = None) -> None:
        self.label = label
        # Folio's own escape codes: past the filter on what commands print.
        self.stream = raw(stream or sys.stderr)
        self.enabled = self.stream.isatty()
        self._last = 0.0
        self._lock = threading.Lock()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        with self._lock:
            if done < total and now - self._last < 0.1:
                return
            self._last = now
            self.stream.write(f"\r{self.label} {done}/{total}\x1b[K")
            self.stream.flush()

    def clear(self) -> None:
        if self.enabled:
            self.stream.write("\r\x1b[K")
            self.stream.flush()


def _print_problems(problems: list[str], prefix: str) -> None:
    for problem in problems[:_SHOWN_PROBLEMS]:
        print(f"  {prefix}: {problem}")
    if len(problems) > _SHOWN_PROBLEMS:
        print(f"  … and {len(problems) - _SHOWN_PROBLEMS} more")


def _interruptible(run: Callable[[threading.Event], Any]) -> Any:
    """Run ``run(cancel)`` in a thread so Ctrl-C can ask it to stop between steps."""
    cancel = threading.Event()
    outcome: dict[str, Any] = {}

    def target() -> None:
        try:
            outcome["result"] = run(cancel)
        except BaseException as exc:  # handed to the main thread below
            outcome["error"] = exc

    worker = threading.Thread(target=target, name="folio-transfer")
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.2)
    except KeyboardInterrupt:
        cancel.set()
        print("\nstopping after the current step…", file=sys.stderr)
        worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["result"]


def cmd_import(lib: Library, args: argparse.Namespace) -> int:
    line = _ProgressLine("importing")
    report = _interruptible(
        lambda cancel: lib.import_file(args.file, format=args.format, progress=line, cancel=cancel)
    )
    line.clear()
    if args.json:
        data = report.as_dict()
        code = 130 if report.cancelled else 0
        if report.pending and args.fetch:
            fetched = _fetch_quietly(lib)
            data["fetch"] = fetched.as_dict()
            code = 130 if fetched.cancelled else code
        print_json(data)
        return code
    print(report.summary())
    for format_line in report.format_lines():
        print(f"  {format_line}")
    _print_problems(report.problems, "skipped")
    if report.pending:
        if args.fetch:
            return _fetch(lib, jobs=4, retry_failed=False)
        print("Fetch the pages of the new links with: folio fetch-pending")
    return 130 if report.cancelled else 0


def _fetch_quietly(lib: Library) -> FetchPendingReport:
    line = _ProgressLine("fetching")
    report: FetchPendingReport = _interruptible(
        lambda cancel: lib.fetch_pending(progress=line, cancel=cancel, jobs=4)
    )
    line.clear()
    return report


def cmd_export(lib: Library, args: argparse.Namespace) -> int:
    line = _ProgressLine("exporting")
    count = lib.export_file(args.file, format=args.format, query=args.query, progress=line)
    line.clear()
    from reader.services.exporters import export_format

    noun = "highlight" if export_format(args.format, args.file) == "readwise" else "item"
    print(f"Exported {count} {noun}{'' if count == 1 else 's'} to {args.file}")
    return 0


def _fetch(lib: Library, *, jobs: int, retry_failed: bool) -> int:
    line = _ProgressLine("fetching")
    report = _interruptible(
        lambda cancel: lib.fetch_pending(
            progress=line, cancel=cancel, jobs=jobs, retry_failed=retry_failed
        )
    )
    line.clear()
    print(report.summary())
    _print_problems(report.problems, "failed")
    return 130 if report.cancelled else 0


def cmd_fetch_pending(lib: Library, args: argparse.Namespace) -> int:
    return _fetch(lib, jobs=args.jobs, retry_failed=args.retry_failed)


def cmd_backup(lib: Library, args: argparse.Namespace) -> int:
    target = lib.backup(args.file)
    print(f"Backed up the library to {target}")
    return 0


def cmd_restore(lib: Library, args: argparse.Namespace) -> int:
    lib.check_library_file(args.file)  # a clear error before any question
    if not args.yes:
        if not sys.stdin.isatty():
            raise UserError("restoring replaces the whole library; add --yes to confirm")
        answer = input(f"Replace the library {lib.path} with {args.file}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing restored.")
            return 1
    safety = lib.restore(args.file)
    print(f"Restored the library from {args.file}; the previous one is in {safety}")
    return 0
