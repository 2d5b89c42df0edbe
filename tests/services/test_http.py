"""The shared HTTP client against a real loopback server."""

from __future__ import annotations

import gzip
import threading
import zlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from reader.core.errors import FetchError
from reader.services.http import HttpClient, HttpStatusError, parse_retry_after


@pytest.fixture
def client() -> Iterator[HttpClient]:
    with HttpClient(timeout=5, connect_timeout=2, trust_env=False) as c:
        yield c


def test_plain_200_reports_headers_and_type(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/feed").respond_with_data(
        b"<rss/>", headers={"ETag": '"v1"'}, content_type="application/rss+xml; charset=utf-8"
    )
    response = client.get(httpserver.url_for("/feed"))
    assert response.status == 200
    assert response.content == b"<rss/>"
    assert response.content_type == "application/rss+xml"
    assert response.charset == "utf-8"
    assert response.etag == '"v1"'
    assert response.headers["etag"] == '"v1"'
    assert response.permanent_redirect is None
    assert not response.not_modified


def test_sends_user_agent_and_accept(httpserver: HTTPServer, client: HttpClient) -> None:
    seen: dict[str, str] = {}

    def handler(request: Request) -> Response:
        seen.update({k.lower(): v for k, v in request.headers.items()})
        return Response(b"ok")

    httpserver.expect_request("/ua").respond_with_handler(handler)
    client.get(httpserver.url_for("/ua"), accept="application/rss+xml")
    assert seen["user-agent"].startswith("Folio/")
    assert seen["accept"] == "application/rss+xml"
    assert "gzip" in seen["accept-encoding"]


def test_conditional_get_with_etag(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/f", headers={"If-None-Match": '"abc"'}).respond_with_data(
        b"", status=304, headers={"ETag": '"abc"'}
    )
    response = client.get(httpserver.url_for("/f"), etag='"abc"')
    assert response.not_modified
    assert response.status == 304
    assert response.content == b""


def test_conditional_get_with_last_modified(httpserver: HTTPServer, client: HttpClient) -> None:
    stamp = "Wed, 21 Oct 2015 07:28:00 GMT"
    httpserver.expect_request("/f", headers={"If-Modified-Since": stamp}).respond_with_data(
        b"", status=304
    )
    response = client.get(httpserver.url_for("/f"), last_modified=stamp)
    assert response.not_modified


@pytest.mark.parametrize("status", [301, 308])
def test_permanent_redirect_is_reported(
    httpserver: HTTPServer, client: HttpClient, status: int
) -> None:
    httpserver.expect_request("/old").respond_with_data(
        b"", status=status, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data(b"<feed/>")
    response = client.get(httpserver.url_for("/old"))
    assert response.content == b"<feed/>"
    assert response.url == httpserver.url_for("/new")
    assert response.permanent_redirect == httpserver.url_for("/new")


def test_temporary_redirect_is_not_permanent(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/a").respond_with_data(b"", status=301, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data(b"", status=302, headers={"Location": "/c"})
    httpserver.expect_request("/c").respond_with_data(b"body")
    response = client.get(httpserver.url_for("/a"))
    assert response.url == httpserver.url_for("/c")
    # The feed now lives at /b; /c is only where it is served today.
    assert response.permanent_redirect == httpserver.url_for("/b")


def test_302_alone_reports_nothing(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/a").respond_with_data(b"", status=302, headers={"Location": "/b"})
    httpserver.expect_request("/b").respond_with_data(b"body")
    assert client.get(httpserver.url_for("/a")).permanent_redirect is None


def test_redirect_loop_is_an_error(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/loop").respond_with_data(
        b"", status=302, headers={"Location": "/loop"}
    )
    with pytest.raises(FetchError, match="too many redirects"):
        client.get(httpserver.url_for("/loop"))


@pytest.mark.parametrize(("status", "words"), [(404, "not found"), (410, "gone"), (500, "server")])
def test_error_statuses_raise(
    httpserver: HTTPServer, client: HttpClient, status: int, words: str
) -> None:
    httpserver.expect_request("/x").respond_with_data(b"nope", status=status)
    with pytest.raises(HttpStatusError) as info:
        client.get(httpserver.url_for("/x"))
    assert info.value.status == status
    assert words in str(info.value)
    assert "\n" not in str(info.value)


@pytest.mark.parametrize("status", [429, 503])
def test_retry_after_seconds(httpserver: HTTPServer, client: HttpClient, status: int) -> None:
    httpserver.expect_request("/busy").respond_with_data(
        b"", status=status, headers={"Retry-After": "120"}
    )
    before = datetime.now(UTC)
    with pytest.raises(HttpStatusError) as info:
        client.get(httpserver.url_for("/busy"))
    assert info.value.status == status
    retry = info.value.retry_after
    assert retry is not None
    assert before + timedelta(seconds=119) <= retry <= datetime.now(UTC) + timedelta(seconds=121)


def test_retry_after_http_date() -> None:
    now = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    when = parse_retry_after("Wed, 01 May 2024 13:30:00 GMT", now=now)
    assert when == datetime(2024, 5, 1, 13, 30, tzinfo=UTC)
    # A date already past means "now", a garbage value means "no advice".
    assert parse_retry_after("Mon, 01 Jan 2024 00:00:00 GMT", now=now) == now
    assert parse_retry_after("soon", now=now) is None
    assert parse_retry_after("99999999", now=now) == now + timedelta(days=1)


def test_too_slow_server_times_out(httpserver: HTTPServer) -> None:
    release = threading.Event()

    def handler(request: Request) -> Response:
        release.wait(10)
        return Response(b"late")

    httpserver.expect_request("/slow").respond_with_handler(handler)
    with HttpClient(timeout=0.3, connect_timeout=0.3, trust_env=False) as slow_client:
        try:
            with pytest.raises(FetchError, match="timed out"):
                slow_client.get(httpserver.url_for("/slow"))
        finally:
            release.set()


def test_oversize_declared_length_stops(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/big").respond_with_data(b"x" * 5000)
    with pytest.raises(FetchError, match="larger than"):
        client.get(httpserver.url_for("/big"), max_bytes=1000)


def test_oversize_streamed_without_length_stops(httpserver: HTTPServer, client: HttpClient) -> None:
    def handler(request: Request) -> Response:
        # A generator body goes out chunked, without Content-Length.
        return Response(iter([b"y" * 4096] * 64))

    httpserver.expect_request("/stream").respond_with_handler(handler)
    with pytest.raises(FetchError, match="larger than"):
        client.get(httpserver.url_for("/stream"), max_bytes=10_000)


def test_gzip_bomb_is_capped_on_decoded_size(httpserver: HTTPServer, client: HttpClient) -> None:
    packed = gzip.compress(b"\0" * 2_000_000)
    httpserver.expect_request("/bomb").respond_with_data(
        packed, headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError, match="larger than"):
        client.get(httpserver.url_for("/bomb"), max_bytes=100_000)


def test_gzip_and_deflate_are_decoded(httpserver: HTTPServer, client: HttpClient) -> None:
    body = b"<rss>" + b"a" * 1000 + b"</rss>"
    httpserver.expect_request("/gz").respond_with_data(
        gzip.compress(body), headers={"Content-Encoding": "gzip"}
    )
    httpserver.expect_request("/df").respond_with_data(
        zlib.compress(body), headers={"Content-Encoding": "deflate"}
    )
    assert client.get(httpserver.url_for("/gz")).content == body
    assert client.get(httpserver.url_for("/df")).content == body


def test_connection_refused_is_one_line(client: HttpClient) -> None:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(FetchError, match=r"could not connect to 127\.0\.0\.1") as info:
        client.get(f"http://127.0.0.1:{port}/feed")
    assert "\n" not in str(info.value)


def test_not_a_web_address(client: HttpClient) -> None:
    with pytest.raises(FetchError, match="not a web address"):
        client.get("ftp://example.org/feed")


def test_used_from_many_threads(httpserver: HTTPServer, client: HttpClient) -> None:
    for i in range(20):
        httpserver.expect_request(f"/p{i}").respond_with_data(f"page {i}".encode())
    results: dict[int, bytes] = {}
    errors: list[BaseException] = []

    def fetch(i: int) -> None:
        try:
            results[i] = client.get(httpserver.url_for(f"/p{i}")).content
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=fetch, args=(i,)) for i in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert results == {i: f"page {i}".encode() for i in range(20)}


def test_broken_compression_is_a_fetch_error(httpserver: HTTPServer, client: HttpClient) -> None:
    httpserver.expect_request("/bad").respond_with_data(
        b"this is not gzip at all", headers={"Content-Encoding": "gzip"}
    )
    with pytest.raises(FetchError, match="could not be decompressed"):
        client.get(httpserver.url_for("/bad"))


def test_304_after_a_permanent_redirect_reports_it(
    httpserver: HTTPServer, client: HttpClient
) -> None:
    httpserver.expect_request("/old").respond_with_data(
        b"", status=308, headers={"Location": "/new"}
    )
    httpserver.expect_request("/new").respond_with_data(b"", status=304)
    response = client.get(httpserver.url_for("/old"), etag='"x"')
    assert response.not_modified
    assert response.permanent_redirect == httpserver.url_for("/new")


# -- a total deadline, whatever the server does ------------------------------------------------


def _time_out_message(client: HttpClient, url: str) -> str:
    with pytest.raises(FetchError) as caught:
        client.get(url)
    return str(caught.value)


def test_headers_sent_a_byte_at_a_time_end_at_the_deadline() -> None:
    from tests.drip_server import drip_server, feed_head

    # Longer than the server drips for: only a client that gives up by itself ends this.
    head = feed_head(10).replace(b"\r\n\r\n", b"\r\nX-Padding: " + b"p" * 2000 + b"\r\n\r\n")
    with (
        drip_server(head + b"x" * 10) as server,
        HttpClient(timeout=0.5, connect_timeout=0.5, trust_env=False) as slow_client,
    ):
        message = _time_out_message(slow_client, server.url("/feed"))
    assert message == "timed out fetching from 127.0.0.1 after 0.5 s"
    assert not server.gave_up


def test_a_body_sent_a_byte_at_a_time_ends_at_the_deadline() -> None:
    """Each byte comes well within the per-read timeout; only a total deadline ends this."""
    from tests.drip_server import drip_server, feed_head

    body = b"<rss>" + b" " * 100_000 + b"</rss>"
    with (
        drip_server(feed_head(len(body)), body, drip_head=False) as server,
        HttpClient(timeout=0.5, connect_timeout=0.5, trust_env=False) as slow_client,
    ):
        message = _time_out_message(slow_client, server.url("/feed"))
    assert message == "timed out fetching from 127.0.0.1 after 0.5 s"
    assert not server.gave_up


def test_the_deadline_holds_for_each_request_not_the_client() -> None:
    """A pooled connection used again gets the new request's deadline, not a spent one."""
    from tests.drip_server import drip_server, feed_head

    with (
        drip_server(feed_head(2) + b"ok", interval=0.001) as server,
        HttpClient(timeout=5, connect_timeout=2, trust_env=False) as quick_client,
    ):
        for _ in range(3):
            assert quick_client.get(server.url("/")).content == b"ok"


def test_the_deadline_covers_proxies_from_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A proxy named in the environment gets a pool of its own; it keeps to deadlines too."""
    from tests.drip_server import drip_server, feed_head

    head = feed_head(10).replace(b"\r\n\r\n", b"\r\nX-Padding: " + b"p" * 2000 + b"\r\n\r\n")
    with drip_server(head + b"x" * 10) as proxy:
        monkeypatch.setenv("HTTP_PROXY", proxy.url())
        monkeypatch.delenv("NO_PROXY", raising=False)
        monkeypatch.delenv("no_proxy", raising=False)
        with HttpClient(timeout=0.5, connect_timeout=0.5, trust_env=True) as proxied:
            message = _time_out_message(proxied, "http://example.invalid/feed")
        assert proxy.connections == 1
        assert not proxy.gave_up
    assert message == "timed out fetching from example.invalid after 0.5 s"
