"""Quitting the window, over and over: does the process ever crash on its way out?

Opens the real window (``reader.main.run``) on libraries of 1, 100 and 6,000 articles, opens a
few articles, then quits it each of these ways, many times: SIGTERM, SIGINT (Ctrl+C), closing
the window, the Quit action, closing it before its lists have loaded, and SIGTERM or closing
while a refresh waits on a slow server (a local one that answers after three seconds). Prints
how many runs ended with each exit code; a negative code is the signal that killed the process
(-11: a segmentation fault), and the Python stacks faulthandler wrote for it follow.

    xvfb-run -a -s "-screen 0 1280x800x24" python bench/quit.py [--runs 5] [--modes …]

Without xvfb-run it runs on Qt's offscreen platform.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.library import Library  # noqa: E402

MODES = ("sigterm", "sigint", "close", "quit_action", "early_close", "refresh_sigterm")
SIZES = (1, 100, 6000)

# The window, with a hook: once its sidebar is loaded it opens a few articles, starts a
# refresh if asked, prints "ready" and (for the modes that close it) closes itself.
CHILD = """
import faulthandler, sys
faulthandler.enable()
mode = sys.argv[2]
from PySide6.QtCore import QTimer
from reader.ui import main_window

shown = main_window.MainWindow.show

def show(self):
    shown(self)
    if mode == "early_close":
        print("ready", flush=True)
        QTimer.singleShot(0, self.close)
        return
    opened = [0]
    def ready():
        if not self.sidebar_controller.loaded:
            QTimer.singleShot(30, ready)
            return
        if opened[0] < 3:
            opened[0] += 1
            self.commands["next_article"].trigger()
            QTimer.singleShot(80, ready)
            return
        if mode.startswith("refresh"):
            self.commands["refresh_all"].trigger()
        print("ready", flush=True)
        if mode in ("close", "refresh_close"):
            QTimer.singleShot(100, self.close)
        elif mode == "quit_action":
            QTimer.singleShot(100, self.commands["quit"].trigger)
    QTimer.singleShot(30, ready)

main_window.MainWindow.show = show
from reader.main import run
run(["--db", sys.argv[1]])
"""


class SlowFeeds(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        threading.Event().wait(3)  # the slow server this is about
        items = "".join(
            f"<item><guid>{n}</guid><title>Story {n}</title><description>d</description></item>"
            for n in range(20)
        )
        body = f"<rss version='2.0'><channel><title>Slow</title>{items}</channel></rss>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        with contextlib.suppress(OSError):  # the window went away meanwhile
            self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


def build(path: Path, articles: int) -> None:
    from reader.core.text import word_count
    from reader.core.types import ArticleInput, SourceKind
    from reader.services.sanitize import text_to_html
    from reader.store import articles as store_articles

    rng = random.Random(articles)
    words = ["heat", "pump", "district", "network", "insulation", "winter", "river", "garden"]
    now = datetime(2025, 6, 1, tzinfo=UTC)

    def insert() -> None:
        for n in range(articles):
            text = "\n\n".join(
                " ".join(rng.choice(words) for _ in range(25)) + "." for _ in range(12)
            )
            store_articles.insert_article(
                ArticleInput(
                    title=f"Article {n}",
                    url=f"https://example.invalid/{n}",
                    source_kind=SourceKind.URL,
                    content_html=text_to_html(text),
                    text=text,
                    word_count=word_count(text),
                    language="en",
                    published=now - timedelta(minutes=n),
                ),
                now=now,
            )

    with Library(path) as library:
        library.writer.run(insert, bulk=True)


def one_run(template: Path, mode: str, origin: str) -> tuple[int | str, str]:
    home = Path(tempfile.mkdtemp(prefix="folio-quit-"))
    try:
        db = home / "library.sqlite"
        shutil.copy(template, db)
        if mode.startswith("refresh"):
            with Library(db) as library:
                for n in range(40):
                    library.add_feed(f"{origin}/feed{n}.xml")
        env = dict(os.environ, HOME=str(home), XDG_CONFIG_HOME=str(home / "config"))
        env.update(XDG_DATA_HOME=str(home / "data"), XDG_STATE_HOME=str(home / "state"))
        if not env.get("DISPLAY"):
            env["QT_QPA_PLATFORM"] = "offscreen"
        with subprocess.Popen(
            [sys.executable, "-c", CHILD, str(db), mode],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
            cwd=ROOT,
        ) as window:
            assert window.stdout is not None
            window.stdout.readline()
            if mode in ("sigterm", "sigint", "refresh_sigterm"):
                window.send_signal(signal.SIGINT if mode == "sigint" else signal.SIGTERM)
            try:
                _out, errors = window.communicate(timeout=120)
            except subprocess.TimeoutExpired:
                window.kill()
                _out, errors = window.communicate()
                return "hung", errors
            return window.returncode, errors
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="runs of each mode and size")
    parser.add_argument("--modes", default=",".join(MODES))
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)))
    options = parser.parse_args()
    server = ThreadingHTTPServer(("127.0.0.1", 0), SlowFeeds)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    platform = "xcb" if os.environ.get("DISPLAY") else "offscreen"
    results: Counter[tuple[int, str, int | str]] = Counter()
    crashes: list[str] = []
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="folio-quit-") as folder:
        for size in (int(s) for s in options.sizes.split(",")):
            template = Path(folder) / f"{size}.sqlite"
            build(template, size)
            for mode in options.modes.split(","):
                for _ in range(options.runs):
                    code, errors = one_run(template, mode, origin)
                    results[(size, mode, code)] += 1
                    if code != 0:
                        crashes.append(f"{size} articles, {mode}: exit {code}\n{errors[-3000:]}")
    server.shutdown()
    print(f"platform {platform}, {time.monotonic() - started:.0f} s")
    print(f"{'articles':>8}  {'how':16} {'exit':>5}  runs")
    for (size, mode, code), count in sorted(results.items(), key=str):
        print(f"{size:>8}  {mode:16} {code!s:>5}  {count}")
    for crash in crashes:
        print("----", crash, sep="\n")


if __name__ == "__main__":
    main()
