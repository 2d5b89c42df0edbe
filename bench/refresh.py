"""Refresh benchmark: N generated feeds served from 127.0.0.1, refreshed by ``folio refresh``.

Generates N feeds (RSS 2.0 and Atom mixed, 20 to 50 items each, 1 to 5 KB of HTML per item),
serves them from a separate process on 127.0.0.1 (optionally adding latency to every request),
subscribes a new library to them and times three runs of ``folio refresh --all`` as real
processes:

  1. first pass: every feed answers 200 with ETag and Last-Modified;
  2. second pass: every feed answers 304 to the conditional GET;
  3. third pass: the server drops its validators and sends the same bytes again (200).

For each it prints wall time, CPU time (the command and its parser processes), peak RSS
(largest process, and the whole process tree sampled) and the articles stored.

When newsboat is installed, each pass is run by it too, right after Folio's, on the same feeds
from the same server (``newsboat -x reload`` with 16 reload threads and a cache of its own that
persists across the passes as Folio's library does), and the ratios Folio/newsboat of the wall
and CPU times are printed. Run the whole benchmark under ``nice`` or not at all: both readers
are then measured alike. On a machine shared with other work the wall times follow its load;
the CPU times, and each run's ratio, are steadier.

Targets on 2 cores with N=500: first pass <= newsboat's, second <= 1.5 s, third <= 3 s.

    python bench/refresh.py [--feeds 500] [--latency-ms 0] [--jobs N] [--seed 1] [--no-newsboat]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from hashlib import sha1
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}

_WORDS = (  # noqa: SIM905
    "reader feed article morning river garden window station paper letter engine quiet "
    "bright travel market winter summer theory method signal network library stone harbour "
    "mountain question answer history future simple careful polite server client thread "
    "process"
).split()


# -- feed generation ----------------------------------------------------------------------------


def _sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(_WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def _body(rng: random.Random, base: str) -> str:
    target = rng.randint(1000, 5000)
    parts: list[str] = []
    size = 0
    while size < target:
        kind = rng.random()
        if kind < 0.15:
            part = f"<h3>{_sentence(rng, 4)}</h3>"
        elif kind < 0.25:
            items = "".join(f"<li>{_sentence(rng, 6)}</li>" for _ in range(3))
            part = f"<ul>{items}</ul>"
        elif kind < 0.3:
            part = f'<p><img src="{base}img/{rng.randint(1, 999)}.jpg" alt="x"></p>'
        elif kind < 0.33:
            part = f'<img src="{base}pixel.gif" width="1" height="1">'
        else:
            link = f'<a href="{base}post/{rng.randint(1, 9999)}?utm_source=feed">link</a>'
            part = f"<p>{_sentence(rng, 14)} {link} <em>{_sentence(rng, 3)}</em></p>"
        parts.append(part)
        size += len(part)
    return "".join(parts)


def make_feed(index: int, seed: int, origin: str) -> bytes:
    rng = random.Random(seed * 1_000_003 + index)
    count = rng.randint(20, 50)
    site = f"{origin}/site{index}/"
    start = datetime(2025, 1, 1, tzinfo=UTC)
    if index % 2:
        items = []
        for n in range(count):
            when = format_datetime(start + timedelta(hours=index + n * 7))
            items.append(
                f"<item><title>{_sentence(rng, 6)}</title><link>{site}post/{n}</link>"
                f"<guid isPermaLink='false'>feed{index}-item{n}</guid><pubDate>{when}</pubDate>"
                f"<category>{rng.choice(_WORDS)}</category>"
                f"<description><![CDATA[{_body(rng, site)}]]></description></item>"
            )
        return (
            "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Feed {index}</title><link>{site}</link><description>Feed {index}</description>"
            + "".join(items)
            + "</channel></rss>"
        ).encode()
    entries = []
    for n in range(count):
        when = (start + timedelta(hours=index + n * 7)).strftime("%Y-%m-%dT%H:%M:%SZ")
        entries.append(
            f"<entry><title>{_sentence(rng, 6)}</title><link href='{site}post/{n}'/>"
            f"<id>urn:feed{index}:item{n}</id><updated>{when}</updated>"
            f"<author><name>Author {n % 5}</name></author>"
            f"<content type='html'><![CDATA[{_body(rng, site)}]]></content></entry>"
        )
    return (
        "<?xml version='1.0' encoding='utf-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        f"<title>Feed {index}</title><id>urn:feed{index}</id><link href='{site}'/>"
        f"<updated>2025-01-01T00:00:00Z</updated>" + "".join(entries) + "</feed>"
    ).encode()


# -- the server (its own process, so it does not share our CPU accounting) ------------------


class QuietServer(ThreadingHTTPServer):
    """A client closing its idle pooled connections at exit is normal, not worth a traceback."""

    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def serve(port_out: Any, count: int, seed: int, latency: float) -> None:
    validators = {"on": True}
    docs: dict[str, bytes] = {}
    tags: dict[str, str] = {}

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def _send(self, status: int, body: bytes, headers: dict[str, str]) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            if latency:
                time.sleep(latency)
            if self.path.startswith("/_validators/"):
                validators["on"] = self.path.endswith("/on")
                self._send(200, b"ok", {})
                return
            doc = docs.get(self.path)
            if doc is None:
                self._send(404, b"not found", {"Content-Type": "text/plain"})
                return
            headers = {"Content-Type": "application/xml; charset=utf-8"}
            if validators["on"]:
                etag = tags[self.path]
                if self.headers.get("If-None-Match") == etag:
                    self._send(304, b"", {"ETag": etag})
                    return
                headers["ETag"] = etag
                headers["Last-Modified"] = "Wed, 01 Jan 2025 00:00:00 GMT"
            self._send(200, doc, headers)

    server = QuietServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    for index in range(count):
        path = f"/feeds/{index}.xml"
        docs[path] = make_feed(index, seed, origin)
        tags[path] = '"' + sha1(docs[path]).hexdigest() + '"'
    port_out.send((server.server_address[1], sum(len(d) for d in docs.values())))
    server.serve_forever()


# -- measuring ------------------------------------------------------------------------------------


def _tree_rss(root: int) -> int:
    """Resident bytes of a process and all its descendants (Linux /proc); 0 elsewhere."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    proc = Path("/proc")
    if not proc.exists():
        return 0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            status = (entry / "status").read_text()
        except OSError:
            continue
        pid = int(entry.name)
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        children.setdefault(int(fields.get("PPid", "0").strip() or 0), []).append(pid)
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0]) * 1024
    total = 0
    stack = [root]
    while stack:
        pid = stack.pop()
        total += rss.get(pid, 0)
        stack.extend(children.get(pid, []))
    return total


def run_pass(db: Path, jobs: int | None) -> dict[str, Any]:
    command = [sys.executable, "-m", "reader", "--db", str(db), "refresh", "--all"]
    if jobs:
        command += ["--jobs", str(jobs)]
    figures = _timed(command, ENV, ROOT)
    with sqlite3.connect(db) as connection:
        figures["articles"] = connection.execute("SELECT count(*) FROM article").fetchone()[0]
    out = figures["out"].strip()
    figures["summary"] = out.splitlines()[0] if out else ""
    return figures


def _timed(command: list[str], env: dict[str, str], cwd: Path) -> dict[str, Any]:
    """Run ``command`` to its end: wall and CPU time and peak RSS of it and its child processes
    (from its own accounting, not that of commands run before it), and its output."""
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )
    peak_tree = 0
    done = threading.Event()
    output: dict[str, str] = {}

    def sample() -> None:
        nonlocal peak_tree
        while not done.wait(0.05):
            peak_tree = max(peak_tree, _tree_rss(process.pid))

    def read(name: str, stream: Any) -> None:
        output[name] = stream.read()

    threads = [
        threading.Thread(target=sample, daemon=True),
        threading.Thread(target=read, args=("out", process.stdout), daemon=True),
        threading.Thread(target=read, args=("err", process.stderr), daemon=True),
    ]
    for thread in threads:
        thread.start()
    # wait4 rather than wait: the usage of this command alone, its children included.
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    done.set()
    for thread in threads:
        thread.join()
    if process.returncode != 0:
        raise SystemExit(
            f"{command[0]} failed ({process.returncode}):\n{output['out']}\n{output['err']}"
        )
    return {
        "wall": wall,
        "cpu": usage.ru_utime + usage.ru_stime,
        "rss": usage.ru_maxrss * 1024,
        "tree": peak_tree,
        "out": output["out"],
    }


class Newsboat:
    """newsboat refreshing the same feeds into a cache of its own, kept across passes."""

    def __init__(self, program: str, folder: Path, urls: list[str], threads: int) -> None:
        self.program = program
        self.folder = folder
        (folder / "home").mkdir()
        (folder / "urls.txt").write_text("".join(url + "\n" for url in urls))
        # Nothing else differs from newsboat's defaults: every item is kept, none is
        # downloaded beyond the feed.
        (folder / "config").write_text(f"reload-threads {threads}\n")
        self.env = {
            **{k: v for k, v in os.environ.items() if not k.startswith("XDG_")},
            "HOME": str(folder / "home"),
            "LANG": "C.UTF-8",
        }

    def run_pass(self) -> dict[str, Any]:
        command = [
            self.program, "-x", "reload",
            "-u", str(self.folder / "urls.txt"),
            "-c", str(self.folder / "cache.db"),
            "-C", str(self.folder / "config"),
        ]  # fmt: skip
        figures = _timed(command, self.env, self.folder)
        with sqlite3.connect(self.folder / "cache.db") as connection:
            figures["articles"] = connection.execute("SELECT count(*) FROM rss_item").fetchone()[0]
        figures["summary"] = ""
        return figures


def _print_figures(label: str, figures: dict[str, Any]) -> None:
    print(
        f"{label:<36} wall {figures['wall']:6.2f} s   cpu {figures['cpu']:6.2f} s   "
        f"peak RSS {figures['rss'] / 1e6:5.0f} MB (tree {figures['tree'] / 1e6:5.0f} MB)"
        f"   articles {int(figures['articles'])}"
    )
    if figures["summary"]:
        print(f"{'':<36} {figures['summary']}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--feeds", type=int, default=500)
    parser.add_argument("--latency-ms", type=float, default=0.0)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--no-newsboat", action="store_true", help="time Folio only, even if newsboat is installed"
    )
    options = parser.parse_args()
    newsboat_program = None if options.no_newsboat else shutil.which("newsboat")

    receive, send = multiprocessing.Pipe(duplex=False)
    server = multiprocessing.get_context("spawn").Process(
        target=serve,
        args=(send, options.feeds, options.seed, options.latency_ms / 1000),
        daemon=True,
    )
    server.start()
    port, total_bytes = receive.recv()
    origin = f"http://127.0.0.1:{port}"
    print(
        f"{options.feeds} feeds, {total_bytes / 1e6:.1f} MB, served from {origin}"
        f" (latency {options.latency_ms:g} ms); {os.cpu_count()} cores"
    )

    sys.path.insert(0, str(ROOT))
    from reader.library import Library

    if newsboat_program is None and not options.no_newsboat:
        print("newsboat not installed: Folio is timed alone (apt-get install newsboat)")
    urls = [f"{origin}/feeds/{index}.xml" for index in range(options.feeds)]
    with tempfile.TemporaryDirectory() as folder:
        db = Path(folder) / "bench.sqlite"
        with Library(db) as lib:
            for url in urls:
                lib.add_feed(url)
        newsboat = None
        if newsboat_program is not None:
            (Path(folder) / "newsboat").mkdir()
            newsboat = Newsboat(
                newsboat_program, Path(folder) / "newsboat", urls, options.jobs or 16
            )
        passes = (
            ("first (200)", "on"),
            ("second (304)", "on"),
            ("third (same bytes, no validators)", "off"),
        )
        import urllib.request

        for label, validators in passes:
            urllib.request.urlopen(f"{origin}/_validators/{validators}").read()
            figures = run_pass(db, options.jobs)
            _print_figures(label, figures)
            if newsboat is not None:
                peer = newsboat.run_pass()
                _print_figures("  newsboat", peer)
                print(
                    f"{'':<36} Folio/newsboat {figures['wall'] / peer['wall']:.2f}x wall,"
                    f" {figures['cpu'] / max(peer['cpu'], 0.01):.2f}x cpu"
                )
    server.terminate()


if __name__ == "__main__":
    main()
