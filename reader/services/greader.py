"""A client for the Google Reader API as Miniflux, FreshRSS and their kin speak it.

Blocking and thread-safe (the pooled :class:`~reader.services.http.HttpClient` underneath):
the sync engine fetches item contents from a few threads at once. Every failure is a
:class:`SyncError` with a one-line message, a refused password a :class:`SyncAuthError`.

Servers differ in small ways this client absorbs:

- Miniflux reads the edit token only from the form (``T``), FreshRSS also wants the header,
  so both are sent; FreshRSS's edit token differs from its auth token, so it is asked for.
- Id lists come in decimal, contents in hexadecimal; Miniflux 2.2 reads a bare number as
  hexadecimal, so ids always go out in the long form.
- FreshRSS takes one tag per ``edit-tag`` request; Miniflux 2.2 *toggles* read and starred
  (adding "read" to a read item makes it unread), so the engine only ever sends changes.
- Miniflux answers 400 when none of the asked-for items exists any more (they were removed
  between the id list and the request): that is an empty answer, not a failure.
- FreshRSS puts the body in ``summary`` and enclosures under ``href``; Miniflux in
  ``content`` and under ``url``. Miniflux's ``updated`` is the time of the item's last change
  (read, starred), which conflict resolution uses.
- FreshRSS lists folders and labels in ``tag/list`` with their ``type``; Miniflux has
  folders only. A FreshRSS account is found under ``/api/greader.php`` of its site.
- FreshRSS writes ``&<>`` in item titles, and also ``?\\/,;`` in feed titles, as full-width
  look-alikes (for clients of old); they are turned back.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit

from reader.core import sync as model
from reader.core.errors import FetchError, UserError
from reader.core.types import Enclosure
from reader.services.http import FetchResponse, HttpClient, HttpStatusError
from reader.services.parsed_feed import ParsedEntry, make_entry

# Ids per request: id lists in pages of this many (Miniflux's largest page), contents and
# edits in batches that keep a request's body and the server's work small.
ID_PAGE = 10_000
CONTENTS_BATCH = 250
EDIT_BATCH = 250
# Item contents can be large (whole articles); a batch's answer may take this much.
_MAX_ANSWER = 256 * 1024 * 1024
_FRESHRSS_PATH = "/api/greader.php"
_LOOKALIKES = str.maketrans("＆＜＞", "&<>")
_LOOKALIKES_FEED = str.maketrans("＆＜＞？＼／，；", "&<>?\\/,;")


class SyncError(UserError):
    """The server could not be reached or did not do what was asked."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


class SyncAuthError(SyncError):
    """The server refused the user name or password."""


@dataclass(frozen=True, slots=True)
class TagList:
    """The server's folders and, where it has them, labels (None: it has none)."""

    folders: frozenset[str]
    labels: frozenset[str] | None


@dataclass(frozen=True, slots=True)
class RemoteItem:
    """An item's contents as the server gives them, not yet sanitized."""

    remote_id: int
    feed_stream: str
    title: str
    link: str | None
    content_html: str
    author: str | None
    published: datetime | None
    updated: datetime | None
    read: bool
    starred: bool
    categories: tuple[str, ...]
    enclosures: tuple[Enclosure, ...] = ()


def _utc_seconds(value: Any) -> datetime | None:
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return None
    if seconds <= 0:
        return None
    try:
        return datetime.fromtimestamp(seconds, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def _href(links: Any) -> str | None:
    if isinstance(links, list):
        for link in links:
            if isinstance(link, dict) and isinstance(link.get("href"), str) and link["href"]:
                return str(link["href"])
    return None


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def parse_item(raw: Any) -> RemoteItem | None:
    """One item of a ``stream/items/contents`` answer; None when it is unusable."""
    if not isinstance(raw, dict):
        return None
    try:
        remote_id = model.parse_item_id(_text(raw.get("id")))
    except ValueError:
        return None
    categories = tuple(c for c in raw.get("categories") or () if isinstance(c, str))
    body = raw.get("content") or raw.get("summary") or {}
    enclosures: list[Enclosure] = []
    for enc in raw.get("enclosure") or ():
        if isinstance(enc, dict):
            url = enc.get("url") or enc.get("href")
            if isinstance(url, str) and url:
                length = enc.get("length")
                enclosures.append(
                    Enclosure(
                        url=url,
                        type=enc.get("type") or None,
                        length=length if isinstance(length, int) else None,
                    )
                )
    origin: dict[str, Any] = raw["origin"] if isinstance(raw.get("origin"), dict) else {}
    return RemoteItem(
        remote_id=remote_id,
        feed_stream=_text(origin.get("streamId")),
        title=_text(raw.get("title")),
        link=_href(raw.get("canonical")) or _href(raw.get("alternate")),
        content_html=_text(body.get("content")) if isinstance(body, dict) else "",
        author=_text(raw.get("author")) or None,
        published=_utc_seconds(raw.get("published")),
        updated=_utc_seconds(raw.get("updated")),
        read=any(model.is_state(c, "read") for c in categories),
        starred=any(model.is_state(c, "starred") for c in categories),
        categories=categories,
        enclosures=tuple(enclosures),
    )


class GReaderClient:
    """One account on one server. :meth:`login` first; every other call needs it."""

    def __init__(self, http: HttpClient, url: str, username: str, password: str) -> None:
        self._http = http
        self.base = url.strip().rstrip("/")
        self._username = username
        self._password = password
        self._auth: str | None = None
        self._token: str | None = None
        self._lock = threading.Lock()
        # FreshRSS dresses titles in full-width look-alikes; known from its login answer.
        self._dressed = self.base.endswith(_FRESHRSS_PATH)

    # -- authentication ------------------------------------------------------------------------
    def login(self) -> None:
        """ClientLogin, then the edit token. A FreshRSS site given without its API path is
        found under ``/api/greader.php``."""
        try:
            self._login_at(self.base)
        except SyncError as exc:
            if exc.status != 404 or self.base.endswith(_FRESHRSS_PATH):
                raise
            self._login_at(self.base + _FRESHRSS_PATH)
            self.base += _FRESHRSS_PATH

    def _login_at(self, base: str) -> None:
        response = self._send(
            "POST",
            base + "/accounts/ClientLogin",
            data=[("Email", self._username), ("Passwd", self._password)],
            authenticated=False,
        )
        auth = None
        for line in response.content.decode("utf-8", "replace").splitlines():
            name, _, value = line.partition("=")
            if name.strip() == "Auth" and value.strip():
                auth = value.strip()
            elif name.strip() == "LSID" and value.strip() == "null":
                self._dressed = True
        if auth is None:
            raise SyncError(f"{base} did not answer as a Google Reader API server")
        with self._lock:
            self._auth = auth
            self._token = None
        token = self._send("GET", base + "/reader/api/0/token").content
        with self._lock:
            self._token = token.decode("utf-8", "replace").strip() or auth

    # -- reading --------------------------------------------------------------------------------
    def subscriptions(self) -> list[model.Subscription]:
        answer = self._json("GET", "/reader/api/0/subscription/list", params=[("output", "json")])
        result: list[model.Subscription] = []
        for raw in (answer or {}).get("subscriptions") or ():
            if not isinstance(raw, dict):
                continue
            remote_id, url = _text(raw.get("id")), _text(raw.get("url"))
            if not remote_id.startswith(model.FEED_PREFIX):
                continue
            if not url:
                # Some servers spell the feed's address only in its id.
                url = remote_id[len(model.FEED_PREFIX) :]
            if not url.lower().startswith(("http://", "https://")):
                continue
            label = ""
            for category in raw.get("categories") or ():
                if isinstance(category, dict):
                    label = _text(category.get("label")) or (
                        model.label_name(_text(category.get("id"))) or ""
                    )
                    if label:
                        break
            title = _text(raw.get("title"))
            result.append(
                model.Subscription(
                    remote_id=remote_id,
                    url=url,
                    title=title.translate(_LOOKALIKES_FEED) if self._dressed else title,
                    label=label or "",
                    site_url=_text(raw.get("htmlUrl")) or None,
                )
            )
        return result

    def tags(self) -> TagList:
        answer = self._json("GET", "/reader/api/0/tag/list", params=[("output", "json")])
        folders: set[str] = set()
        labels: set[str] = set()
        typed = False
        for raw in (answer or {}).get("tags") or ():
            if not isinstance(raw, dict):
                continue
            name = model.label_name(_text(raw.get("id")))
            if name is None:
                continue
            kind = raw.get("type")
            typed = typed or kind == "tag"
            (labels if kind == "tag" else folders).add(name)
        return TagList(frozenset(folders), frozenset(labels) if typed else None)

    def has_labels(self, tags: TagList) -> bool:
        """Whether the server keeps labels on items apart from folders. Servers that list
        labels say so in ``tag/list``; one without any yet is asked for a label's ids, which
        a server without labels refuses."""
        if tags.labels is not None:
            return True
        try:
            self._json(
                "GET",
                "/reader/api/0/stream/items/ids",
                params=[("output", "json"), ("s", model.label_stream("Folio")), ("n", "1")],
            )
        except SyncError as exc:
            if exc.status is None or exc.status == 401:
                raise
            return False
        return True

    def item_ids(self, stream: str, *, exclude: str | None = None) -> set[int]:
        """Every item id of ``stream``, following continuations."""
        found: set[int] = set()
        continuation: str | None = None
        for _ in range(10_000):
            params = [("output", "json"), ("s", stream), ("n", str(ID_PAGE))]
            if exclude:
                params.append(("xt", exclude))
            if continuation:
                params.append(("c", continuation))
            answer = self._json("GET", "/reader/api/0/stream/items/ids", params=params)
            refs = (answer or {}).get("itemRefs") or ()
            before = len(found)
            for ref in refs:
                if isinstance(ref, dict):
                    try:
                        found.add(model.parse_item_id(str(ref.get("id", ""))))
                    except ValueError:
                        continue
            raw_next = (answer or {}).get("continuation")
            continuation = str(raw_next) if raw_next not in (None, "", 0, "0") else None
            # A continuation that brings nothing new would go round for ever.
            if not continuation or not refs or len(found) == before:
                break
        return found

    def contents(self, item_ids: Sequence[int]) -> list[RemoteItem]:
        """The contents of up to :data:`CONTENTS_BATCH` items."""
        if not item_ids:
            return []
        data = [("i", model.long_item_id(i)) for i in item_ids]
        try:
            answer = self._json(
                "POST",
                "/reader/api/0/stream/items/contents",
                params=[("output", "json")],
                data=data,
            )
        except SyncError as exc:
            # Miniflux: none of these items exists any more.
            if exc.status == 400:
                return []
            raise
        items = [item for item in map(parse_item, (answer or {}).get("items") or ()) if item]
        if self._dressed:
            items = [replace(i, title=i.title.translate(_LOOKALIKES)) for i in items]
        return items

    # -- writing --------------------------------------------------------------------------------
    def edit_tag(
        self, item_ids: Sequence[int], *, add: str | None = None, remove: str | None = None
    ) -> None:
        """Add or remove one tag (a state or a label) on items, in batches."""
        for batch in _batches(item_ids, EDIT_BATCH):
            data = [("i", model.long_item_id(i)) for i in batch]
            if add:
                data.append(("a", add))
            if remove:
                data.append(("r", remove))
            self._write("/reader/api/0/edit-tag", data)

    def subscribe(self, url: str, *, title: str | None, label: str) -> None:
        data = [("ac", "subscribe"), ("s", model.FEED_PREFIX + url)]
        if title:
            data.append(("t", title))
        if label:
            data.append(("a", model.label_stream(label)))
        self._write("/reader/api/0/subscription/edit", data)

    def unsubscribe(self, remote_id: str) -> None:
        self._write("/reader/api/0/subscription/edit", [("ac", "unsubscribe"), ("s", remote_id)])

    def edit_subscription(
        self, remote_id: str, *, title: str | None = None, label: str | None = None, old: str = ""
    ) -> None:
        """Rename (``title``) or move (``label``; "" for the server's default folder)."""
        data = [("ac", "edit"), ("s", remote_id)]
        if title:
            data.append(("t", title))
        if label:
            data.append(("a", model.label_stream(label)))
        elif label == "" and old:
            data.append(("r", model.label_stream(old)))
        self._write("/reader/api/0/subscription/edit", data)

    def rename_label(self, old: str, new: str) -> None:
        self._write(
            "/reader/api/0/rename-tag",
            [("s", model.label_stream(old)), ("dest", model.label_stream(new))],
        )

    # -- transport ------------------------------------------------------------------------------
    def _write(self, path: str, data: list[tuple[str, str]]) -> None:
        with self._lock:
            token = self._token or ""
        response = self._send("POST", self.base + path, data=[*data, ("T", token)])
        text = response.content.decode("utf-8", "replace").strip()
        if text and text != "OK" and not text.startswith("{"):
            raise SyncError(f"{self._host()} refused the change: {text[:200]}")

    def _json(
        self,
        method: str,
        path: str,
        *,
        params: list[tuple[str, str]] | None = None,
        data: list[tuple[str, str]] | None = None,
    ) -> Any:
        if method == "POST":
            with self._lock:
                token = self._token or ""
            data = [*(data or []), ("T", token)]
        response = self._send(method, self.base + path, params=params, data=data)
        try:
            return json.loads(response.content.decode("utf-8", "replace") or "null")
        except ValueError:
            raise SyncError(f"{self._host()} sent an answer that is not JSON") from None

    def _send(
        self,
        method: str,
        url: str,
        *,
        params: list[tuple[str, str]] | None = None,
        data: list[tuple[str, str]] | None = None,
        authenticated: bool = True,
        retried: bool = False,
    ) -> FetchResponse:
        headers = {"Accept": "application/json, text/plain"}
        if authenticated:
            with self._lock:
                auth = self._auth
            if auth is None:
                raise SyncError("not logged in to the sync server")
            headers["Authorization"] = f"GoogleLogin auth={auth}"
        try:
            response = self._http.request(
                method, url, params=params, data=data, headers=headers, max_bytes=_MAX_ANSWER
            )
        except HttpStatusError as exc:
            if exc.status == 401 and authenticated and not retried:
                # A token the server stopped accepting: log in again once.
                self._login_at(self.base)
                return self._send(
                    method, url, params=params, data=data, authenticated=True, retried=True
                )
            raise _status_error(exc, self._host(), authenticated=authenticated) from None
        except FetchError as exc:
            raise SyncError(str(exc)) from None
        if 300 <= response.status < 400:
            target = response.headers.get("location", "elsewhere")
            raise SyncError(
                f"{self._host()} sends its API to {target}; use that address for the account"
            )
        return response

    def _host(self) -> str:
        return urlsplit(self.base).netloc or self.base


def _status_error(exc: HttpStatusError, host: str, *, authenticated: bool) -> SyncError:
    status = exc.status
    if status in (401, 403) or (status == 400 and not authenticated):
        return SyncAuthError(
            f"{host} refused the user name or password (HTTP {status}); check the"
            " account's API password",
            status=status,
        )
    if status == 404 and not authenticated:
        return SyncError(
            f"{host} has no Google Reader API at this address (HTTP 404)", status=status
        )
    reason = _reason(exc.body)
    return SyncError(f"{exc}: {reason}" if reason else str(exc), status=status)


def _reason(body: bytes) -> str:
    """What an error answer says, in one short line: Miniflux's ``error_message`` or the
    first line of a text answer."""
    text = body.decode("utf-8", "replace").strip()
    if not text:
        return ""
    try:
        data = json.loads(text)
    except ValueError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("error_message"), str):
        text = data["error_message"]
    elif data is not None or text.startswith("<"):
        return ""
    line = " ".join(text.split())
    return line[:160]


def to_entry(item: RemoteItem, *, feed_url: str, now: datetime) -> ParsedEntry:
    """An item as the store takes a feed entry: sanitized, with its text and identity.

    Items carry no guid, so their identity is their link (as for a feed entry without one);
    a refresh of the same feed then finds and updates the article rather than adding it."""
    return make_entry(
        feed_url=feed_url,
        now=now,
        guid=None,
        link=item.link,
        title=item.title,
        content_html=item.content_html or None,
        content_base=item.link or feed_url,
        summary_html=None,
        summary_base=None,
        author=item.author,
        published=item.published,
        updated=None,
        site_name=None,
        language=None,
        image_url=None,
        enclosures=item.enclosures,
        categories=(),
    )


T = TypeVar("T")


def _batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def iter_batches(items: Iterable[int], size: int = CONTENTS_BATCH) -> Iterator[list[int]]:
    batch: list[int] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
