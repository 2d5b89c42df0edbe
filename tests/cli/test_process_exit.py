"""A refresh killed with SIGKILL leaves no process behind: its parser workers and
multiprocessing's resource tracker exit with it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.services.feeds import INLINE_PARSE_BYTES
from tests.faults import FOLIO, ROOT, folio
from tests.library.feed_docs import Item, rss

pytestmark = [
    pytest.mark.subprocess,
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc"),
    pytest.mark.skipif(
        len(os.sched_getaffinity(0)) < 2, reason="one core: refresh parses without workers"
    ),
]


def wait_for(condition: Callable[[], bool], what: str, deadline: float = 60.0) -> None:
    """Poll ``condition`` until it holds, failing after ``deadline`` seconds."""
    end = time.monotonic() + deadline
    pause = threading.Event()
    while not condition():
        if time.monotonic() > end:
            raise AssertionError(f"gave up waiting for {what}")
        pause.wait(0.05)


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (name) state ppid …": the name may hold spaces, so split after its ")".
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid:
            found.add(int(entry.name))
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie waiting for a parent to reap it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def command_line(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


@pytest.fixture
def feeds() -> Iterator[tuple[HTTPServer, threading.Event]]:
    """Six feeds that answer at once, and one that answers only when the test lets it."""
    server = HTTPServer(threaded=True)
    server.start()
    release = threading.Event()

    def slow(_request: Request) -> Response:
        release.wait(120)
        return Response(rss("Slow", [Item("s1", "Slow story")]), content_type="application/rss+xml")

    # Each fast feed is larger than what a refresh parses in its own process, so that it goes
    # to a worker.
    body = (
        "<p>" + "Heat pumps and district heating compared. " * (INLINE_PARSE_BYTES // 600) + "</p>"
    )
    for n in range(6):
        items = [Item(f"f{n}-{i}", f"Feed {n} story {i}", body=body) for i in range(20)]
        document = rss(f"Feed {n}", items)
        assert len(document) > INLINE_PARSE_BYTES
        server.expect_request(f"/feed{n}.xml").respond_with_data(
            document, content_type="application/rss+xml"
        )
    server.expect_request("/slow.xml").respond_with_handler(slow)
    try:
        yield server, release
    finally:
        release.set()
        server.clear()
        server.stop()


def test_a_killed_refresh_leaves_no_worker_running(
    tmp_path: Path, feeds: tuple[HTTPServer, threading.Event]
) -> None:
    server, release = feeds
    urls = [server.url_for(f"/feed{n}.xml") for n in range(6)] + [server.url_for("/slow.xml")]
    opml = tmp_path / "subscriptions.opml"
    outlines = "".join(f'<outline type="rss" text="f" xmlUrl="{u}"/>' for u in urls)
    opml.write_text(f"<opml version='2.0'><body>{outlines}</body></opml>", encoding="utf-8")
    db = tmp_path / "library.sqlite"
    assert folio("--db", str(db), "import", str(opml)).returncode == 0

    with subprocess.Popen(
        [*FOLIO, "--db", str(db), "refresh"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        cwd=ROOT,
    ) as refresh:
        # The fast feeds are parsed by worker processes while the slow one keeps the
        # refresh running.
        def workers_started() -> bool:
            lines = [command_line(pid) for pid in children(refresh.pid)]
            return sum("spawn_main" in line for line in lines) >= 2

        wait_for(workers_started, "the parser workers to start")
        left = children(refresh.pid)
        assert any("resource_tracker" in command_line(pid) for pid in left)
        refresh.send_signal(signal.SIGKILL)
        refresh.wait(timeout=60)
        try:
            wait_for(
                lambda: not any(running(pid) for pid in left),
                f"the workers and the resource tracker to exit: {sorted(left)}",
            )
        finally:
            for pid in left:
                if running(pid):  # what this test started does not outlive it
                    os.kill(pid, signal.SIGKILL)
    release.set()
