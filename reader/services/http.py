"""One shared HTTP client for feeds, pages and images.

Blocking and safe to use from many threads at once: one connection pool, a few connections per
host at most, connect and total timeouts, a size cap that stops the download, conditional GET,
redirects followed with permanent ones reported, and ``Retry-After`` parsed for 429 and 503.

The total timeout is a deadline for the whole request: connecting, sending, the headers and
every byte of the body, redirects included. httpx's own timeouts are per operation, so a server
that sends one byte a second would never trip them; here every socket operation waits at most
for the time the request has left, and none starts once it has run out.
"""

from __future__ import annotations

import email.utils
import itertools
import ssl
import threading
import time
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from urllib.parse import urlencode, urlsplit

import httpcore
import httpx

from reader import __version__
from reader.core.errors import FetchError
from reader.core.limits import MAX_DOWNLOAD_BYTES

USER_AGENT = f"Folio/{__version__} (+desktop feed reader)"
DEFAULT_TIMEOUT = 30.0
DEFAULT_CONNECT_TIMEOUT = 10.0
DEFAULT_MAX_BYTES = MAX_DOWNLOAD_BYTES
DEFAULT_PER_HOST = 4
_MAX_REDIRECTS = 10
_PERMANENT_REDIRECTS = frozenset({301, 308})
_CHUNK = 64 * 1024

_REASONS = {
    400: "bad request",
    401: "login required",
    403: "access forbidden",
    404: "not found",
    405: "method not allowed",
    406: "not acceptable",
    408: "request timeout",
    410: "gone (removed for good)",
    429: "too many requests",
    451: "unavailable for legal reasons",
    500: "server error",
    502: "bad gateway",
    503: "service unavailable",
    504: "gateway timeout",
}


@dataclass(frozen=True, slots=True)
class FetchResponse:
    """What a GET brought back. ``content`` is decoded (gzip/deflate undone) and empty for 304."""

    url: str
    status: int
    headers: Mapping[str, str] = field(repr=False)
    content: bytes = field(repr=False)
    content_type: str | None
    permanent_redirect: str | None = None
    not_modified: bool = False
    retry_after: datetime | None = None

    @property
    def etag(self) -> str | None:
        return self.headers.get("etag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("last-modified")

    @property
    def charset(self) -> str | None:
        """The charset named in Content-Type, if any."""
        raw = self.headers.get("content-type", "")
        for part in raw.split(";")[1:]:
            name, _, value = part.partition("=")
            if name.strip().lower() == "charset" and value.strip():
                return value.strip().strip("\"'").lower()
        return None


class HttpStatusError(FetchError):
    """The server answered with an error status (4xx, 5xx)."""

    def __init__(
        self,
        message: str,
        *,
        status: int,
        url: str,
        retry_after: datetime | None = None,
        permanent_redirect: str | None = None,
        body: bytes = b"",
    ) -> None:
        super().__init__(message, status=status)
        self.url = url
        self.retry_after = retry_after
        self.permanent_redirect = permanent_redirect
        # The start of the error page, where an API puts its reason (requests only).
        self.body = body


def parse_retry_after(value: str | None, *, now: datetime | None = None) -> datetime | None:
    """``Retry-After`` as a UTC time: either delay seconds or an HTTP date. None if unreadable."""
    if not value:
        return None
    value = value.strip()
    now = now or datetime.now(UTC)
    if value.isdigit():
        # Servers have sent absurd delays; a day is the most we believe.
        return now + timedelta(seconds=min(int(value), 86_400))
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(when.astimezone(UTC), now)


def _describe_status(status: int) -> str:
    reason = _REASONS.get(status)
    if reason is None:
        reason = "client error" if status < 500 else "server error"
    return f"HTTP {status} {reason}"


def _media_type(value: str | None) -> str | None:
    if not value:
        return None
    media = value.split(";", 1)[0].strip().lower()
    return media or None


def _host_key(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.hostname or '').lower()}:{parts.port or ''}"


def _permanent_target(history: list[httpx.Response], final: httpx.Response) -> str | None:
    """Where the chain's leading permanent redirects lead: the address to store from now on.

    A temporary redirect after a permanent one ends the permanent part: 301 A→B then 302 B→C
    means the feed lives at B, served today from C.
    """
    target: str | None = None
    hops = [*history, final]
    for hop, following in itertools.pairwise(hops):
        if hop.status_code not in _PERMANENT_REDIRECTS:
            break
        target = str(following.request.url)
    return target


# -- the deadline ----------------------------------------------------------------------------

# The monotonic time by which the request running on this thread must be done. A connection in
# the pool serves one request at a time, on the thread that asked, so the stream can look the
# deadline up when it reads rather than carry it.
_request = threading.local()


def _time_left(timeout: float | None, expired: type[Exception]) -> float | None:
    """``timeout`` shortened to what the running request has left; ``expired`` once none is."""
    deadline: float | None = getattr(_request, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise expired("the request ran out of time")
    return left if timeout is None else min(timeout, left)


@contextmanager
def _deadline(seconds: float) -> Iterator[float]:
    """Every socket operation of this thread's request, from here, ends within ``seconds``."""
    deadline = time.monotonic() + seconds
    _request.deadline = deadline
    try:
        yield deadline
    finally:
        _request.deadline = None


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every read and write ends by the request's deadline."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _time_left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _time_left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self,
        ssl_context: ssl.SSLContext,
        server_hostname: str | None = None,
        timeout: float | None = None,
    ) -> httpcore.NetworkStream:
        left = _time_left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._stream.start_tls(ssl_context, server_hostname, left))

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _DeadlineBackend(httpcore.NetworkBackend):
    """Opens connections that keep to the request's deadline."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[Any] | None = None,
    ) -> httpcore.NetworkStream:
        left = _time_left(timeout, httpcore.ConnectTimeout)
        stream = self._backend.connect_tcp(host, port, left, local_address, socket_options)
        return _DeadlineStream(stream)

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Iterable[Any] | None = None
    ) -> httpcore.NetworkStream:
        left = _time_left(timeout, httpcore.ConnectTimeout)
        return _DeadlineStream(self._backend.connect_unix_socket(path, left, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


def _keep_to_deadlines(client: httpx.Client) -> None:
    """Put the deadline under every connection pool of ``client`` (the direct one and those of
    proxies named in the environment). httpx offers no setting for a network backend, so its
    transports' pools are reached directly; a change there fails here, loudly, not silently."""
    transports = [client._transport, *client._mounts.values()]
    for transport in transports:
        if transport is None:
            continue
        pool = transport._pool  # type: ignore[attr-defined]
        backend = pool._network_backend
        if not isinstance(backend, _DeadlineBackend):
            pool._network_backend = _DeadlineBackend(backend)


class HttpClient:
    """A pooled, thread-safe HTTP client. Close it when done (or use it as a context manager)."""

    def __init__(
        self,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        connect_timeout: float = DEFAULT_CONNECT_TIMEOUT,
        max_bytes: int = DEFAULT_MAX_BYTES,
        user_agent: str = USER_AGENT,
        max_connections: int = 32,
        max_per_host: int = DEFAULT_PER_HOST,
        trust_env: bool = True,
    ) -> None:
        self.timeout = timeout
        self.connect_timeout = min(connect_timeout, timeout)
        self.max_bytes = max_bytes
        self.user_agent = user_agent
        self._max_per_host = max_per_host
        self._host_slots: dict[str, threading.BoundedSemaphore] = {}
        self._slots_lock = threading.Lock()
        self._client = httpx.Client(
            timeout=httpx.Timeout(timeout, connect=self.connect_timeout, pool=timeout),
            limits=httpx.Limits(
                max_connections=max_connections,
                max_keepalive_connections=max_connections,
                keepalive_expiry=30.0,
            ),
            follow_redirects=True,
            max_redirects=_MAX_REDIRECTS,
            headers={"User-Agent": user_agent, "Accept-Encoding": "gzip, deflate"},
            trust_env=trust_env,
        )
        _keep_to_deadlines(self._client)

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> HttpClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _host_slot(self, url: str) -> Iterator[None]:
        """At most ``max_per_host`` requests to one host at a time: politeness to servers."""
        key = _host_key(url)
        with self._slots_lock:
            slot = self._host_slots.get(key)
            if slot is None:
                slot = self._host_slots[key] = threading.BoundedSemaphore(self._max_per_host)
        with slot:
            yield

    def get(
        self,
        url: str,
        *,
        etag: str | None = None,
        last_modified: str | None = None,
        max_bytes: int | None = None,
        accept: str | None = None,
        timeout: float | None = None,
    ) -> FetchResponse:
        """GET ``url``; raises :class:`FetchError` with a one-line message on any failure.

        304 Not Modified is not a failure: it comes back with ``not_modified=True``.
        """
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not a web address: {url!r}")
        limit = self.max_bytes if max_bytes is None else max_bytes
        total = self.timeout if timeout is None else timeout
        headers: dict[str, str] = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        if accept:
            headers["Accept"] = accept
        request_timeout = httpx.Timeout(total, connect=min(self.connect_timeout, total), pool=total)
        host = parts.hostname
        try:
            # The deadline starts once a slot for the host is free: waiting behind our own
            # other requests to it is not the server's slowness.
            with (
                self._host_slot(url),
                _deadline(total) as deadline,
                self._client.stream(
                    "GET", url.strip(), headers=headers, timeout=request_timeout
                ) as response,
            ):
                return self._read(response, limit=limit, deadline=deadline, total=total)
        except httpx.TimeoutException as exc:
            phase = "connecting to" if isinstance(exc, httpx.ConnectTimeout) else "fetching from"
            raise FetchError(f"timed out {phase} {host} after {total:g} s") from None
        except httpx.TooManyRedirects:
            raise FetchError(f"too many redirects from {url}") from None
        except httpx.ConnectError as exc:
            raise FetchError(f"could not connect to {host}: {_short_reason(exc)}") from None
        except httpx.DecodingError:
            raise FetchError(f"{host} sent a body that could not be decompressed") from None
        except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
            raise FetchError(f"connection to {host} failed: {_short_reason(exc)}") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
            raise FetchError(f"not a usable address: {url!r} ({_short_reason(exc)})") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"fetching {url} failed: {_short_reason(exc)}") from None

    def request(
        self,
        method: str,
        url: str,
        *,
        params: Sequence[tuple[str, str]] | None = None,
        data: Sequence[tuple[str, str]] | None = None,
        headers: Mapping[str, str] | None = None,
        max_bytes: int | None = None,
        timeout: float | None = None,
    ) -> FetchResponse:
        """Any method with query ``params`` and a form body ``data`` (pairs, so a name may
        repeat): an API call. Errors and limits as for :meth:`get`; redirects are not followed
        (a POST must not turn into a GET on the way)."""
        parts = urlsplit(url.strip())
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not a web address: {url!r}")
        limit = self.max_bytes if max_bytes is None else max_bytes
        total = self.timeout if timeout is None else timeout
        request_timeout = httpx.Timeout(total, connect=min(self.connect_timeout, total), pool=total)
        body = urlencode(data).encode() if data is not None else None
        send_headers = dict(headers or {})
        if body is not None:
            send_headers["Content-Type"] = "application/x-www-form-urlencoded"
        with (
            self._host_slot(url),
            _deadline(total) as deadline,
            _api_errors(url.strip(), parts.hostname, total),
        ):
            request = self._client.build_request(
                method,
                url.strip(),
                params=list(params) if params is not None else None,
                content=body,
                headers=send_headers,
                timeout=request_timeout,
            )
            response = self._client.send(request, stream=True, follow_redirects=False)
            try:
                if response.status_code >= 400:
                    raise _api_status_error(response)
                return self._read(response, limit=limit, deadline=deadline, total=total)
            finally:
                response.close()

    def _read(
        self, response: httpx.Response, *, limit: int, deadline: float, total: float
    ) -> FetchResponse:
        final_url = str(response.url)
        headers = {k.lower(): v for k, v in response.headers.items()}
        permanent = _permanent_target(list(response.history), response)
        status = response.status_code
        retry_after = (
            parse_retry_after(headers.get("retry-after")) if status in (429, 503) else None
        )
        if status == 304:
            return FetchResponse(
                url=final_url,
                status=status,
                headers=headers,
                content=b"",
                content_type=_media_type(headers.get("content-type")),
                permanent_redirect=permanent,
                not_modified=True,
            )
        if status >= 400:
            message = f"{_describe_status(status)} from {final_url}"
            if retry_after is not None:
                message += f" (retry after {retry_after:%Y-%m-%d %H:%M} UTC)"
            raise HttpStatusError(
                message,
                status=status,
                url=final_url,
                retry_after=retry_after,
                permanent_redirect=permanent,
            )
        declared = headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(_too_large(final_url, limit), status=status)
        chunks: list[bytes] = []
        received = 0
        for chunk in response.iter_bytes(_CHUNK):
            received += len(chunk)
            if received > limit:
                raise FetchError(_too_large(final_url, limit), status=status)
            if time.monotonic() > deadline:
                host = urlsplit(final_url).hostname
                raise FetchError(f"timed out fetching from {host} after {total:g} s")
            chunks.append(chunk)
        return FetchResponse(
            url=final_url,
            status=status,
            headers=headers,
            content=b"".join(chunks),
            content_type=_media_type(headers.get("content-type")),
            permanent_redirect=permanent,
            retry_after=retry_after,
        )


def _api_status_error(response: httpx.Response) -> HttpStatusError:
    """An API's error answer, with the start of its body (the reason it gives)."""
    body = b""
    for chunk in response.iter_bytes(_CHUNK):
        body += chunk
        if len(body) >= 4096:
            break
    status = response.status_code
    return HttpStatusError(
        f"{_describe_status(status)} from {response.url}",
        status=status,
        url=str(response.url),
        body=body[:4096],
    )


@contextmanager
def _api_errors(url: str, host: str, total: float) -> Iterator[None]:
    """httpx's exceptions as one-line :class:`FetchError` messages."""
    try:
        yield
    except httpx.TimeoutException as exc:
        phase = "connecting to" if isinstance(exc, httpx.ConnectTimeout) else "waiting for"
        raise FetchError(f"timed out {phase} {host} after {total:g} s") from None
    except httpx.ConnectError as exc:
        raise FetchError(f"could not connect to {host}: {_short_reason(exc)}") from None
    except httpx.DecodingError:
        raise FetchError(f"{host} sent a body that could not be decompressed") from None
    except (httpx.RemoteProtocolError, httpx.ReadError, httpx.WriteError) as exc:
        raise FetchError(f"connection to {host} failed: {_short_reason(exc)}") from None
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as exc:
        raise FetchError(f"not a usable address: {url!r} ({_short_reason(exc)})") from None
    except httpx.HTTPError as exc:
        raise FetchError(f"{url} failed: {_short_reason(exc)}") from None


def _too_large(url: str, limit: int) -> str:
    return f"{url} is larger than {limit / (1024 * 1024):.3g} MB; not downloaded"


def _short_reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    reason = text[-1] if text else type(exc).__name__
    # Socket errors arrive as "[Errno 111] Connection refused": the number tells the user nothing.
    if reason.startswith("[Errno") and "]" in reason:
        reason = reason.split("]", 1)[1].strip()
    return reason or type(exc).__name__
