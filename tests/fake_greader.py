"""An in-process Google Reader API server on 127.0.0.1, speaking as Miniflux or as FreshRSS.

It keeps feeds, folders, labels and items in memory and answers the calls Folio makes, with
each server's quirks (see the ``flavor`` checks): Miniflux 2.2 reads bare ids as hexadecimal,
*toggles* read and starred in ``edit-tag``, answers 400 for contents of vanished items, has no
labels and reads the edit token only from the form; FreshRSS lives under /api/greader.php,
has an edit token unlike its auth token, takes one tag per ``edit-tag``, pages id lists by the
last id, puts bodies in ``summary`` and dresses titles in full-width look-alikes.

Faults for tests: ``fail(path, status, times)`` answers an error, ``hang(path)`` holds the
answer until the server closes (a timeout), ``stop()`` refuses connections (server down).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from werkzeug import Request, Response
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

MINIFLUX = "miniflux"
FRESHRSS = "freshrss"
_STATE = "user/-/state/com.google/"


@dataclass
class FakeFeed:
    id: int
    url: str
    title: str
    label: str


@dataclass
class FakeItem:
    id: int
    feed_id: int
    title: str
    link: str
    content: str
    published: int
    read: bool = False
    starred: bool = False
    labels: set[str] = field(default_factory=set)
    changed_at: int = 0


@dataclass
class Call:
    method: str
    path: str
    form: list[tuple[str, str]]
    query: list[tuple[str, str]]


class FakeGReader:
    def __init__(self, flavor: str = MINIFLUX, *, user: str = "reader", password: str = "secret"):
        self.flavor = flavor
        self.user = user
        self.password = password
        self.auth = f"{user}/" + hashlib.sha1(f"{user}:{password}".encode()).hexdigest()
        self.token = (
            hashlib.sha1(f"token:{user}".encode()).hexdigest().ljust(57, "Z")
            if flavor == FRESHRSS
            else self.auth
        )
        self.default_label = "All" if flavor == MINIFLUX else "Uncategorized"
        self.feeds: dict[int, FakeFeed] = {}
        self.items: dict[int, FakeItem] = {}
        self.labels: set[str] = set()
        self.folders: set[str] = {self.default_label}
        self.calls: list[Call] = []
        self.unreachable: set[str] = set()
        self._faults: dict[str, list[int]] = {}
        self._hangs: dict[str, int] = {}
        self._release = threading.Event()
        # Set when a request reaches a path told to hang: the client is waiting now.
        self.hanging = threading.Event()
        self._feed_ids = itertools.count(1)
        self._item_ids = itertools.count(1_700_000_000_000_001 if flavor == FRESHRSS else 1)
        self._lock = threading.RLock()
        self.clock: Callable[[], int] = _now_seconds
        self._server: BaseWSGIServer | None = None
        self._port = 0
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------------
    def start(self, port: int = 0) -> FakeGReader:
        """Serve (again, on the same port when given: a server back after being down)."""
        self._release.clear()
        self._server = make_server(
            "127.0.0.1", port, self._wsgi, threaded=True, request_handler=_QuietHandler
        )
        self._port = int(self._server.server_port)
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    @property
    def port(self) -> int:
        return self._port

    @property
    def url(self) -> str:
        base = f"http://127.0.0.1:{self.port}"
        return base + "/api/greader.php" if self.flavor == FRESHRSS else base

    def stop(self) -> None:
        self._release.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join()

    def __enter__(self) -> FakeGReader:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- test helpers ------------------------------------------------------------------------
    def fail(self, path: str, status: int, times: int = 1) -> None:
        self._faults.setdefault(path, []).extend([status] * times)

    def hang(self, path: str, *, after: int = 0) -> None:
        """Hold answers to ``path`` (after letting ``after`` of them through)."""
        self._hangs[path] = after

    def unhang(self) -> None:
        self._hangs.clear()
        self._release.set()

    def add_feed(self, url: str, title: str, label: str | None = None) -> FakeFeed:
        with self._lock:
            feed = FakeFeed(next(self._feed_ids), url, title, label or self.default_label)
            self.folders.add(feed.label)
            self.feeds[feed.id] = feed
            return feed

    def add_item(self, feed: FakeFeed, n: int, **state: Any) -> FakeItem:
        with self._lock:
            item = FakeItem(
                id=next(self._item_ids),
                feed_id=feed.id,
                title=state.pop("title", f"{feed.title} item {n}"),
                link=state.pop("link", f"{feed.url.rsplit('/', 1)[0]}/post/{n}"),
                content=state.pop("content", f"<p>Body of item {n} in {feed.title}.</p>"),
                published=state.pop("published", 1_760_000_000 + n * 60),
                changed_at=self.clock(),
                **state,
            )
            self.items[item.id] = item
            return item

    def set_state(self, item: FakeItem, **state: Any) -> None:
        """A change made by another device, at the server's clock."""
        with self._lock:
            for name, value in state.items():
                setattr(item, name, value)
            item.changed_at = self.clock()

    def calls_to(self, path: str) -> list[Call]:
        return [c for c in self.calls if c.path.endswith(path)]

    # -- HTTP ----------------------------------------------------------------------------------
    def _wsgi(self, environ: dict[str, Any], start_response: Any) -> Iterator[bytes]:
        request = Request(environ)
        response = self._answer(request)
        return iter(response(environ, start_response))

    def _answer(self, request: Request) -> Response:
        path = request.path
        if self.flavor == FRESHRSS:
            if not path.startswith("/api/greader.php"):
                return Response("Not found", 404)
            path = path[len("/api/greader.php") :]
        form = list(request.form.items(multi=True)) if request.method == "POST" else []
        with self._lock:
            self.calls.append(
                Call(request.method, path, form, list(request.args.items(multi=True)))
            )
            faults = self._faults.get(path)
            status = faults.pop(0) if faults else None
            seen = sum(1 for call in self.calls if call.path == path)
        if path in self._hangs and seen > self._hangs[path]:
            self.hanging.set()
            self._release.wait(30)
            return Response("late", 503)
        if status is not None:
            return Response(f"fault {status}", status)
        if path == "/accounts/ClientLogin":
            return self._login(request)
        if not path.startswith("/reader/api/0/"):
            return Response("Not found", 404)
        if not self._authorised(request):
            headers = {
                "X-Reader-Google-Bad-Token"
                if self.flavor == MINIFLUX
                else "Google-Bad-Token": "true"
            }
            return Response("Unauthorized", 401, headers=headers)
        handler = getattr(
            self, "_" + path[len("/reader/api/0/") :].replace("/", "_").replace("-", "_"), None
        )
        if handler is None:
            return self._json([]) if self.flavor == MINIFLUX else Response("Bad Request!", 400)
        with self._lock:
            result: Response = handler(request)
        return result

    def _authorised(self, request: Request) -> bool:
        header = request.headers.get("Authorization", "")
        has_header = header == f"GoogleLogin auth={self.auth}"
        if request.method == "GET":
            return has_header
        token = request.form.get("T", "")
        if self.flavor == MINIFLUX:
            # Miniflux reads POST credentials from the form only.
            return token == self.token
        return has_header and token == self.token

    def _login(self, request: Request) -> Response:
        email, passwd = request.form.get("Email", ""), request.form.get("Passwd", "")
        if email != self.user or passwd != self.password:
            if self.flavor == MINIFLUX:
                return self._json({"error_message": "access unauthorized"}, 401)
            return Response("Unauthorized!", 401, headers={"Google-Bad-Token": "true"})
        lsid = "null" if self.flavor == FRESHRSS else self.auth
        return Response(f"SID={self.auth}\nLSID={lsid}\nAuth={self.auth}\n", 200)

    @staticmethod
    def _json(data: Any, status: int = 200) -> Response:
        return Response(json.dumps(data), status, content_type="application/json")

    # -- endpoints ---------------------------------------------------------------------------------
    def _token(self, request: Request) -> Response:
        return Response(self.token + ("\n" if self.flavor == FRESHRSS else ""), 200)

    def _user_info(self, request: Request) -> Response:
        return self._json({"userId": "1", "userName": self.user})

    def _tag_list(self, request: Request) -> Response:
        tags: list[dict[str, Any]] = [{"id": _STATE + "starred"}]
        for name in sorted(self.folders):
            tags.append({"id": "user/-/label/" + name, "label": name, "type": "folder"})
        if self.flavor == FRESHRSS:
            for name in sorted(self.labels):
                unread = sum(1 for i in self.items.values() if name in i.labels and not i.read)
                tags.append({"id": "user/-/label/" + name, "type": "tag", "unread_count": unread})
        return self._json({"tags": tags})

    def _subscription_list(self, request: Request) -> Response:
        subs = []
        for feed in self.feeds.values():
            category: dict[str, str] = {"id": "user/-/label/" + feed.label, "label": feed.label}
            if self.flavor == MINIFLUX:
                category["type"] = "folder"
            subs.append(
                {
                    "id": f"feed/{feed.id}",
                    "title": _dress(feed.title, extended=True)
                    if self.flavor == FRESHRSS
                    else feed.title,
                    "categories": [category],
                    "url": feed.url,
                    "htmlUrl": feed.url.rsplit("/", 1)[0] + "/",
                    "iconUrl": "",
                }
            )
        return self._json({"subscriptions": subs})

    def _subscription_edit(self, request: Request) -> Response:
        action = request.form.get("ac", "")
        streams = request.form.getlist("s")
        title = request.form.get("t", "")
        add = request.form.get("a", "")
        remove = request.form.get("r", "")
        label = add.partition("/label/")[2] if "/label/" in add else ""
        if action == "subscribe":
            url = streams[0].removeprefix("feed/")
            if url in self.unreachable:
                return self._json({"error_message": f"unable to fetch {url}"}, 500)
            if any(f.url == url for f in self.feeds.values()):
                return self._json({"error_message": "This feed already exists."}, 500)
            self.add_feed(url, title or f"Feed at {url}", label or None)
            return Response("OK")
        feeds = []
        for stream in streams:
            feed = self.feeds.get(int(stream.removeprefix("feed/") or 0))
            if feed is None:
                return self._json({"error_message": "feed not found"}, 500)
            feeds.append(feed)
        if action == "unsubscribe":
            for feed in feeds:
                del self.feeds[feed.id]
                for item_id in [i.id for i in self.items.values() if i.feed_id == feed.id]:
                    del self.items[item_id]
            return Response("OK")
        if action == "edit":
            if title:
                feeds[0].title = title
            if label:
                feeds[0].label = label
                self.folders.add(label)
            elif remove and self.flavor == FRESHRSS:
                feeds[0].label = self.default_label
            return Response("OK")
        return self._json({"error_message": "unrecognized action"}, 500)

    def _rename_tag(self, request: Request) -> Response:
        old = request.form.get("s", "").partition("/label/")[2]
        new = request.form.get("dest", "").partition("/label/")[2]
        if old in self.folders:
            self.folders.discard(old)
            self.folders.add(new)
            for feed in self.feeds.values():
                if feed.label == old:
                    feed.label = new
            return Response("OK")
        if self.flavor == FRESHRSS and old in self.labels:
            self.labels.discard(old)
            self.labels.add(new)
            for item in self.items.values():
                if old in item.labels:
                    item.labels.discard(old)
                    item.labels.add(new)
            return Response("OK")
        return self._json({"error_message": "Not Found"}, 404)

    def _parse_id(self, value: str) -> int:
        if value.startswith("tag:google.com,2005:reader/item/"):
            return int(value.rsplit("/", 1)[1], 16)
        if self.flavor == MINIFLUX:
            # Miniflux 2.2: anything else is read as hexadecimal, decimal ids included.
            return int(value, 16)
        return int(value) if value.isdigit() and not value.startswith("0") else int(value, 16)

    def _stream_items_ids(self, request: Request) -> Response:
        stream = request.args.get("s", "")
        excluded = request.args.getlist("xt")
        default = 10_000 if self.flavor == MINIFLUX else 20
        count = int(request.args.get("n", default) or default)
        if self.flavor == MINIFLUX:
            count = min(count, 10_000) if count > 0 else 10_000
        items = sorted(self.items.values(), key=lambda i: (i.published, i.id), reverse=True)
        if stream.endswith("/state/com.google/reading-list"):
            chosen = items
        elif stream.endswith("/state/com.google/starred"):
            chosen = [i for i in items if i.starred]
        elif stream.endswith("/state/com.google/read"):
            chosen = [i for i in items if i.read]
        elif stream.startswith("feed/"):
            chosen = [i for i in items if i.feed_id == int(stream[5:])]
        elif "/label/" in stream and self.flavor == FRESHRSS:
            name = stream.partition("/label/")[2]
            chosen = [i for i in items if name in i.labels or self.feeds[i.feed_id].label == name]
        else:
            return self._json({"error_message": "unknown stream type"}, 500)
        if any(x.endswith("/state/com.google/read") for x in excluded):
            chosen = [i for i in chosen if not i.read]
        continuation = request.args.get("c", "")
        if self.flavor == MINIFLUX:
            start = int(continuation or 0)
            page = chosen[start : start + count]
            answer: dict[str, Any] = {"itemRefs": [{"id": str(i.id)} for i in page]}
            if start + len(page) < len(chosen):
                answer["continuation"] = str(start + len(page))
            return self._json(answer)
        if continuation:
            after = int(continuation)
            chosen = [i for i in chosen if (i.published, i.id) < self._key(after)]
        page = chosen[:count]
        answer = {"itemRefs": [{"id": str(i.id)} for i in page]}
        if len(page) >= count and page:
            answer["continuation"] = str(page[-1].id)
        return self._json(answer)

    def _key(self, item_id: int) -> tuple[int, int]:
        item = self.items.get(item_id)
        return (item.published, item.id) if item else (0, item_id)

    def _stream_items_contents(self, request: Request) -> Response:
        ids = [self._parse_id(v) for v in request.form.getlist("i")]
        found = [self.items[i] for i in ids if i in self.items]
        if not found and self.flavor == MINIFLUX:
            return self._json({"error_message": "no items returned from the database"}, 400)
        return self._json({"id": _STATE + "reading-list", "items": [self._item(i) for i in found]})

    def _item(self, item: FakeItem) -> dict[str, Any]:
        feed = self.feeds[item.feed_id]
        categories = [_STATE + "reading-list", "user/-/label/" + feed.label]
        if item.read:
            categories.append(_STATE + "read")
        if item.starred:
            categories.append(_STATE + "starred")
        categories += ["user/-/label/" + name for name in sorted(item.labels)]
        data: dict[str, Any] = {
            "id": f"tag:google.com,2005:reader/item/{item.id:016x}",
            "categories": categories,
            "title": item.title,
            "crawlTimeMsec": str(item.published * 1000),
            "timestampUsec": str(item.published * 1_000_000),
            "published": item.published,
            "canonical": [{"href": item.link}],
            "alternate": [{"href": item.link, "type": "text/html"}],
            "origin": {"streamId": f"feed/{feed.id}", "title": feed.title},
            "author": "Somebody",
        }
        if self.flavor == MINIFLUX:
            data["updated"] = item.changed_at
            data["content"] = {"direction": "ltr", "content": item.content}
            data["summary"] = {"direction": "ltr", "content": item.content}
            data["enclosure"] = []
        else:
            data["title"] = _dress(item.title, extended=False)
            data["summary"] = {"content": item.content}
        return data

    def _edit_tag(self, request: Request) -> Response:
        ids = [self._parse_id(v) for v in request.form.getlist("i")]
        adds = request.form.getlist("a")
        removes = request.form.getlist("r")
        if self.flavor == FRESHRSS:
            # PHP keeps the last of repeated names: one tag to add, one to remove.
            adds, removes = adds[-1:], removes[-1:]
        items = [self.items[i] for i in ids if i in self.items]
        for tag, value in [*((t, True) for t in adds), *((t, False) for t in removes)]:
            if "/label/" in tag:
                if self.flavor == MINIFLUX:
                    return self._json({"error_message": "unsupported tag type: LabelStream"}, 500)
                name = tag.partition("/label/")[2]
                self.labels.add(name)
                for item in items:
                    (item.labels.add if value else item.labels.discard)(name)
                continue
            attribute = "read" if tag.endswith("/read") else "starred"
            for item in items:
                if self.flavor == MINIFLUX and value:
                    # Miniflux 2.2 toggles on "add": adding "read" to a read item makes it
                    # unread again (removing is safe).
                    setattr(item, attribute, not getattr(item, attribute))
                else:
                    setattr(item, attribute, value)
                item.changed_at = self.clock()
        return Response("OK")


def _now_seconds() -> int:
    return int(datetime.now(UTC).timestamp())


class _QuietHandler(WSGIRequestHandler):
    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Tests read the server's ``calls``, not a log on stderr."""


def _dress(text: str, *, extended: bool) -> str:
    """FreshRSS's "compat" titles: characters old clients choked on, as full-width look-alikes."""
    table = {"&": "＆", "<": "＜", ">": "＞"}
    if extended:
        table.update({"?": "？", "\\": "＼", "/": "／", ",": "，", ";": "；"})
    return "".join(table.get(c, c) for c in text)
