"""Hostile input benchmark: what each attack costs the ``folio`` command, in time and memory.

Every case runs the real command line as a separate process against servers and files this
script makes on 127.0.0.1 and in a temporary folder, and prints its wall time, the peak memory
of its process tree (sampled from /proc, parser workers included), its exit code and the first
line it printed. A case still running after ``--timeout`` seconds is killed and shown as such:
that is what "hangs" looks like.

  drip-add-feed, drip-refresh, drip-save   a server sending one byte a second
  author-64k, author-256k                  a feed whose <author> is that long
  zip-bomb                                 a 1 MB Pocket .zip holding a 1 GB member
  big-title                                a 1 MB feed title and 200 items (library size too)
  many-items                               500,000 items in one feed
  year-0001                                "Mon, 01 Jan 0001" dates, listed west of UTC
  deep-json, nan-csv                       JSON nested 100,000 deep; NaN in a Pocket CSV

    python bench/hostile.py [--case NAME ...] [--timeout 120] [--source CHECKOUT]
                            [--memory-limit GB]

``--source`` runs another checkout's code (say, an export of main) for a before/after table;
``--memory-limit`` keeps such a run from taking the machine's memory (a command over it fails
with MemoryError, which it prints).
"""

from __future__ import annotations

import argparse
import io
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

ROOT = Path(__file__).resolve().parents[1]


# -- servers ------------------------------------------------------------------------------------


class _Documents(BaseHTTPRequestHandler):
    documents: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def do_GET(self) -> None:
        found = self.documents.get(self.path)
        if found is None:
            self.send_error(404)
            return
        kind, body = found
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def serve(documents: dict[str, tuple[str, bytes]]) -> Iterator[str]:
    handler = type("Handler", (_Documents,), {"documents": documents})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def drip(seconds_per_byte: float = 1.0) -> Iterator[str]:
    """A server that answers every request one byte a second, for as long as it is listened to."""
    stop = threading.Event()
    listener = socket.socket()
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    listener.settimeout(0.2)
    answer = (
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 100000\r\n\r\n"
        + b"<html>" + b" " * 99_994
    )  # fmt: skip

    def talk(conn: socket.socket) -> None:
        with conn:
            try:
                conn.recv(65536)
                for index in range(len(answer)):
                    if stop.wait(seconds_per_byte):
                        return
                    conn.sendall(answer[index : index + 1])
            except OSError:
                return

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            threading.Thread(target=talk, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        listener.close()


# -- measuring ----------------------------------------------------------------------------------


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        children.setdefault(int(fields.get("PPid", "0").strip() or 0), []).append(int(entry.name))
        rss[int(entry.name)] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


@dataclass
class Outcome:
    seconds: float
    peak_bytes: int
    code: int | None  # None: killed at the timeout
    said: str


# Bytes of address space each command may take (0: no limit), so that running the old code
# on a zip bomb cannot take the machine's memory from everyone else.
MEMORY_LIMIT = 0


def folio(source: Path, db: Path, *args: str, timeout: float, tz: str | None = None) -> Outcome:
    """Run ``folio --db DB ARGS`` from ``source`` as its own process group and measure it."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    # The old code's internal errors go to a log: this run's own, not the user's.
    for name in ("XDG_STATE_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        env[name] = str(db.parent / name.lower())
    if tz:
        env["TZ"] = tz
    command = [sys.executable, "-m", "reader", "--db", str(db), *args]
    start = time.perf_counter()
    process = subprocess.Popen(
        command,
        cwd=source,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    if MEMORY_LIMIT:
        # Set from outside just after the start: the command is still importing.
        resource.prlimit(process.pid, resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    peak = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not done.wait(0.1):
            peak = max(peak, _tree_rss(process.pid))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = process.communicate(timeout=timeout)
        code: int | None = process.returncode
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, 9)
        out, err = process.communicate()
        code = None
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    text = (err.strip() or out.strip()).splitlines()
    return Outcome(seconds, peak, code, text[0][:110] if text else "")


# -- the cases ----------------------------------------------------------------------------------


def _rss_feed(title: str, items: str) -> bytes:
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>{title}</title><link>http://127.0.0.1/</link>{items}</channel></rss>"
    ).encode()


def _one_item(extra: str = "") -> str:
    return f"<item><title>One</title><guid>one</guid>{extra}</item>"


Case = Callable[[Path, Path, float], tuple[Outcome, str]]


def _drip_case(*command: str) -> Case:
    def run(source: Path, work: Path, timeout: float) -> tuple[Outcome, str]:
        db = work / "lib.sqlite"
        with drip() as url:
            if command[0] == "refresh":
                _subscribe_without_fetching(source, db, url + "/feed")
                return folio(source, db, *command, timeout=timeout), ""
            return folio(source, db, *command, url + "/page", timeout=timeout), ""

    return run


def _subscribe_without_fetching(source: Path, db: Path, url: str) -> None:
    code = (
        "import sys; from reader.library import Library\n"
        "with Library(sys.argv[1]) as lib: lib.add_feed(sys.argv[2])"
    )
    subprocess.run([sys.executable, "-c", code, str(db), url], cwd=source, check=True)


def _author_case(size: int) -> Case:
    def run(source: Path, work: Path, timeout: float) -> tuple[Outcome, str]:
        blob = ("a.b-" * (size // 4 + 1))[:size]
        feed = _rss_feed("Authors", _one_item(f"<author>{blob}</author>"))
        with serve({"/feed": ("application/rss+xml", feed)}) as base:
            return folio(
                source, work / "lib.sqlite", "add-feed", base + "/feed", timeout=timeout
            ), ""

    return run


def _zip_bomb(source: Path, work: Path, timeout: float) -> tuple[Outcome, str]:
    bomb = work / "pocket.zip"
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
        archive.open("part_000000.csv", "w", force_zip64=True) as member,
    ):
        member.write(b"title,url,time_added,tags,status\n")
        zeros = b"\0" * (1 << 20)
        for _ in range(1024):
            member.write(zeros)
    bomb.write_bytes(buffer.getvalue())
    note = f"zip {bomb.stat().st_size / 1e6:.1f} MB"
    return folio(source, work / "lib.sqlite", "import", str(bomb), timeout=timeout), note


def _big_title(source: Path, work: Path, timeout: float) -> tuple[Outcome, str]:
    items = "".join(
        f"<item><title>Item {n}</title><guid>g{n}</guid><description>Body {n}</description></item>"
        for n in range(200)
    )
    feed = _rss_feed("T" * 1_000_000, items)
    db = work / "lib.sqlite"
    with serve({"/feed": ("application/rss+xml", feed)}) as base:
        outcome = folio(source, db, "add-feed", base + "/feed", timeout=timeout)
    size = sum(p.stat().st_size for p in work.glob("lib.sqlite*"))
    return outcome, f"library {size / 1e6:.1f} MB"


def _many_items(source: Path, work: Path, timeout: float) -> tuple[Outcome, str]:
    items = "".join(f"<item><guid>{n}</guid></item>" for n in range(500_000))
    feed = _rss_feed("Many", items)
    db = work / "lib.sqlite"
    with serve({"/feed": ("application/rss+xml", feed)}) as base:
        outcome = folio(source, db, "add-feed", base + "/feed", timeout=timeout)
    return outcome, f"feed {len(feed) / 1e6:.1f} MB"


def _year_one(source: Path, work: Path, timeout: float) -> tuple[Outcome, str]:
    feed = _rss_feed("Hugo", _one_item("<pubDate>Mon, 01 Jan 0001 00:00:00 +0000</pubDate>"))
    db = work / "lib.sqlite"
    with serve({"/feed": ("application/rss+xml", feed)}) as base:
        added = folio(source, db, "add-feed", base + "/feed", timeout=timeout)
    if added.code != 0:
        return added, "add-feed failed"
    shown = folio(source, db, "list", timeout=timeout, tz="America/New_York")
    return shown, "then: TZ=America/New_York folio list"


def _deep_json(source: Path, work: Path, timeout: float) -> tuple[Outcome, str]:
    deep = work / "deep.json"
    deep.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    return folio(source, work / "lib.sqlite", "import", str(deep), timeout=timeout), ""


def _nan_csv(source: Path, work: Path, timeout: float) -> tuple[Outcome, str]:
    csv = work / "pocket.csv"
    csv.write_text(
        "title,url,time_added,tags,status\nA,https://a.example/,NaN,,unread\n", encoding="utf-8"
    )
    return folio(source, work / "lib.sqlite", "import", str(csv), timeout=timeout), ""


CASES: dict[str, Case] = {
    "drip-add-feed": _drip_case("add-feed"),
    "drip-refresh": _drip_case("refresh"),
    "drip-save": _drip_case("save"),
    "author-64k": _author_case(64 * 1024),
    "author-256k": _author_case(256 * 1024),
    "zip-bomb": _zip_bomb,
    "big-title": _big_title,
    "many-items": _many_items,
    "year-0001": _year_one,
    "deep-json": _deep_json,
    "nan-csv": _nan_csv,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--case", action="append", choices=sorted(CASES), help="only these")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds before a kill")
    parser.add_argument("--source", type=Path, default=ROOT, help="the checkout to run")
    parser.add_argument(
        "--memory-limit", type=float, default=0, metavar="GB", help="address space per command"
    )
    args = parser.parse_args()
    source = args.source.resolve()
    global MEMORY_LIMIT  # noqa: PLW0603
    MEMORY_LIMIT = int(args.memory_limit * 1024**3)
    limit = f"   memory limit: {args.memory_limit:g} GB" if MEMORY_LIMIT else ""
    print(f"source: {source}   timeout: {args.timeout:g} s{limit}")
    print(f"{'case':<14} {'time':>9} {'peak':>9}  {'exit':<6} outcome")
    for name in args.case or CASES:
        work = Path(tempfile.mkdtemp(prefix="folio-hostile-"))
        try:
            outcome, note = CASES[name](source, work, args.timeout)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        code = "killed" if outcome.code is None else str(outcome.code)
        said = f"{outcome.said}" + (f"  [{note}]" if note else "")
        figures = f"{outcome.seconds:>8.1f}s {outcome.peak_bytes / 1e6:>7.0f}MB"
        print(f"{name:<14} {figures}  {code:<6} {said}", flush=True)


if __name__ == "__main__":
    main()
