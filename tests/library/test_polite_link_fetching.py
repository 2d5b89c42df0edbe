"""Links imports left waiting are fetched politely: one request at a time per site, sites that
say "too many requests" are left alone as long as they ask, failures are listed with their
cause and can be tried again."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from reader.library import Library
from reader.library.link_fetching import MAX_GAP, HostQueue, PendingLink
from tests.library.test_transfer_fetch import PAGE, import_links


@dataclass
class CountingServer:
    """Serves an article page at every path, counting the requests running at once; the
    paths in ``refuse`` answer 429 with Retry-After the first ``refusals`` times, those in
    ``missing`` 404."""

    refuse: set[str] = field(default_factory=set)
    missing: set[str] = field(default_factory=set)
    refusals: int = 1
    running: int = 0
    most_at_once: int = 0
    requests: list[str] = field(default_factory=list)
    # Each answer waits for this, so requests overlap if the client lets them.
    hold: threading.Event = field(default_factory=threading.Event)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    def start(self) -> None:
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                owner.answer(self)

            def log_message(self, *args: object) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.hold.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def url(self, path: str) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_port}{path}"

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        with self._lock:
            self.running += 1
            self.most_at_once = max(self.most_at_once, self.running)
            self.requests.append(handler.path)
            refused = handler.path in self.refuse and self.requests.count(handler.path) <= (
                self.refusals
            )
        # Long enough for a second request to arrive if the client sends one.
        self.hold.wait(0.05)
        with self._lock:
            self.running -= 1
        if refused:
            handler.send_response(429)
            handler.send_header("Retry-After", "0")
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        if handler.path in self.missing:
            handler.send_response(404)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        body = PAGE.encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)


@pytest.fixture
def site() -> Iterator[CountingServer]:
    server = CountingServer()
    server.start()
    yield server
    server.stop()


def test_one_site_gets_one_request_at_a_time(
    library: Library, tmp_path: Path, site: CountingServer
) -> None:
    import_links(library, tmp_path, [site.url(f"/page/{n}") for n in range(6)])
    report = library.fetch_pending(jobs=4)
    assert (report.fetched, report.failed, report.remaining) == (6, 0, 0)
    assert len(site.requests) == 6
    assert site.most_at_once == 1


def test_a_site_that_says_too_many_requests_is_asked_again_later(
    library: Library, tmp_path: Path, site: CountingServer
) -> None:
    site.refuse = {"/busy"}
    import_links(library, tmp_path, [site.url("/busy"), site.url("/calm")])
    report = library.fetch_pending()
    assert (report.fetched, report.failed) == (2, 0)
    assert site.requests.count("/busy") == 2


def test_a_site_that_keeps_refusing_fails_with_its_answer_and_can_be_retried(
    library: Library, tmp_path: Path, site: CountingServer
) -> None:
    site.refuse, site.refusals = {"/busy"}, 10
    site.missing = {"/gone"}
    import_links(library, tmp_path, [site.url("/busy"), site.url("/gone"), site.url("/ok")])
    report = library.fetch_pending()
    assert (report.fetched, report.failed) == (1, 2)
    failed = {link.url: link.error for link in library.failed_links()}
    assert set(failed) == {site.url("/busy"), site.url("/gone")}
    assert failed[site.url("/busy")].startswith("HTTP 429")
    assert failed[site.url("/gone")].startswith("HTTP 404")
    assert library.count_failed_links() == 2
    # Trying one again puts only that one back in the queue.
    gone = next(link for link in library.failed_links() if link.url == site.url("/gone"))
    site.missing = set()
    assert library.retry_links([gone.article_id]) == 1
    assert library.count_pending() == 1
    again = library.fetch_pending()
    assert (again.fetched, again.failed) == (1, 0)
    assert [link.url for link in library.failed_links()] == [site.url("/busy")]


def test_retrying_leaves_feed_articles_whose_full_text_failed_alone(library: Library) -> None:
    from reader.store import articles as store_articles
    from tests.ui.library_data import add_feed_with_articles

    _feed_id, (article_id,) = add_feed_with_articles(library, "Summaries", 1)
    library.writer.run(lambda: store_articles.set_fetch_error(article_id, "HTTP 500 server error"))
    assert library.failed_links() == []
    assert library.retry_links() == 0
    assert library.count_pending() == 0


class FakeClock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _link(n: int, host: str) -> PendingLink:
    return PendingLink(n, f"https://{host}/{n}", "")


def test_the_queue_lets_other_sites_go_ahead_of_one_that_rests() -> None:
    clock = FakeClock()
    queue = HostQueue(per_host=1, clock=clock)
    for n, host in enumerate(["a.example", "a.example", "b.example", "a.example"]):
        queue.add(_link(n, host))
    first = queue.take()
    assert first is not None and first.article_id == 0
    # a.example is busy: b.example's link goes next, then nothing until a.example answers.
    second = queue.take()
    assert second is not None and second.article_id == 2
    assert queue.take() is None
    assert queue.next_ready_in() is None
    # a.example answered after 2 s: it rests 2 s before its next request.
    queue.finished(first, 2.0)
    assert queue.take() is None
    assert queue.next_ready_in() == pytest.approx(2.0)
    clock.now += 2.0
    third = queue.take()
    assert third is not None and third.article_id == 1
    # A slow answer makes a rest of at most MAX_GAP; a site's own "come back in" wins.
    queue.finished(third, 60.0)
    assert queue.next_ready_in() == pytest.approx(MAX_GAP)
    queue.finished(second, 0.1, wait=30.0)
    assert queue.drop_host("a.example") == 1
    assert len(queue) == 0
