"""``folio refresh`` on a terminal: a progress bar (feeds done of total, new articles, errors)
on stderr while it runs, then one summary line and the feeds that failed."""

from __future__ import annotations

import shutil
import sys
import threading
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

from reader.cli.terminal import raw

if TYPE_CHECKING:
    from reader.library import Library
    from reader.library.refresh import RefreshProgress, RefreshSummary

# Redraw at most this often: a terminal is slower than a loopback server.
_REDRAW_SECONDS = 0.1


class ProgressBar:
    """One self-overwriting line on a terminal; nothing at all elsewhere."""

    def __init__(self, stream: TextIO, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self._last_draw = 0.0
        self._shown = False

    def update(self, event: RefreshProgress, *, force: bool = False) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if not force and event.done < event.total and now - self._last_draw < _REDRAW_SECONDS:
            return
        self._last_draw = now
        width = shutil.get_terminal_size((80, 20)).columns
        self.stream.write("\r" + render_line(event, width) + "\x1b[K")
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        if self.enabled and self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False


def render_line(event: RefreshProgress, width: int) -> str:
    """``[#######-------]  120/500 feeds  3400 new  2 errors`` fitted to ``width`` columns."""
    counts = f" {event.done}/{event.total} feeds  {event.new_articles} new"
    if event.errors:
        counts += f"  {event.errors} error{'' if event.errors == 1 else 's'}"
    room = max(width - len(counts) - 3, 0)
    bar_width = min(room, 40)
    if bar_width < 10:
        return counts.strip()[: max(width - 1, 1)]
    filled = round(bar_width * event.done / event.total) if event.total else bar_width
    return "[" + "#" * filled + "-" * (bar_width - filled) + "]" + counts


def print_summary(summary: RefreshSummary, out: TextIO) -> None:
    out.write(summary.line() + "\n")
    for failure in summary.errors:
        out.write(f"  {failure.title}: {failure.message}\n")
    for note in summary.notes:
        out.write(f"  note: {note}\n")


def run_refresh(
    lib: Library,
    refs: Sequence[str],
    *,
    jobs: int | None = None,
    force: bool = False,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    """Refresh and report. Exit code 0 when the refresh ran (some feeds may have failed; they
    are listed), 1 when every feed failed, 130 when interrupted."""
    out = out or sys.stdout
    err = err or sys.stderr
    # The bar is Folio's own escape codes; the summary (feed titles, errors) is not.
    bar_stream = raw(err)
    feed_ids = [lib.resolve_feed(ref).id for ref in refs] if refs else None
    bar = ProgressBar(bar_stream, enabled=bar_stream.isatty())
    cancel = threading.Event()
    result: list[RefreshSummary] = []
    failure: list[BaseException] = []

    def work() -> None:
        try:
            result.append(
                lib.refresh(feed_ids, jobs=jobs, force=force, progress=bar.update, cancel=cancel)
            )
        except BaseException as exc:
            failure.append(exc)

    # The refresh runs on its own thread so Ctrl-C reaches this one and can stop it cleanly.
    worker = threading.Thread(target=work, name="folio-refresh")
    worker.start()
    interrupted = False
    while worker.is_alive():
        try:
            worker.join(0.2)
        except KeyboardInterrupt:
            interrupted = True
            cancel.set()
            bar.clear()
            err.write("Stopping after the feeds being fetched now…\n")
            err.flush()
    bar.clear()
    if failure:
        raise failure[0]
    summary = result[0]
    print_summary(summary, out)
    if interrupted:
        return 130
    if summary.total and len(summary.errors) == summary.total:
        return 1
    return 0
