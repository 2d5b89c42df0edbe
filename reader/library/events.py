"""What the library tells others after a change is committed.

Two kinds of hearers, kept apart: the front ends' *listeners*, told that something changed
("articles", "feeds", "tags", "rules", "saved-searches") so they can reload it, and the
library's own parts that *react* to an event (rules run on new articles), subscribed by name
when the library is put together.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

Listener = Callable[[str, Any], None]


class Topic(Generic[T]):
    """An event with an ordered list of subscribers. Each is called on the publishing thread;
    one that fails is logged and does not keep the others from hearing it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._subscribers: list[Callable[[T], None]] = []
        self._lock = threading.Lock()

    def subscribe(self, subscriber: Callable[[T], None]) -> None:
        with self._lock:
            self._subscribers.append(subscriber)

    def unsubscribe(self, subscriber: Callable[[T], None]) -> None:
        with self._lock:
            if subscriber in self._subscribers:
                self._subscribers.remove(subscriber)

    def publish(self, value: T) -> None:
        with self._lock:
            subscribers = list(self._subscribers)
        for subscriber in subscribers:
            try:
                subscriber(value)
            except Exception:
                log.exception("a subscriber to %r failed", self.name)


class Events:
    """The change notifications of one library."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._lock = threading.Lock()
        # New articles were committed (a refresh, a save, an import): their ids.
        self.articles_added: Topic[list[int]] = Topic("articles added")

    def add_listener(self, listener: Listener) -> None:
        """``listener(kind, detail)`` is called after a change, on the thread that made it (the
        window's controller re-posts it to the GUI thread). ``detail`` names the ids changed,
        or is None for "anything may have changed"."""
        with self._lock:
            self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        with self._lock:
            if listener in self._listeners:
                self._listeners.remove(listener)

    def notify(self, kind: str, detail: Any = None) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for listener in listeners:
            try:
                listener(kind, detail)
            except Exception:
                log.exception("a library listener failed")
