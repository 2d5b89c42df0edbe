"""What every part of the library shares: the file, its one writer, the clock, the HTTP client
and the change notifications."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from reader import APP_NAME
from reader.core.errors import LibraryError
from reader.library.events import Events
from reader.library.writer import Writer
from reader.store import database as store_database

if TYPE_CHECKING:
    from reader.services.http import HttpClient

DB_ENV = "FOLIO_DB"
DB_FILENAME = "library.sqlite"

Clock = Callable[[], datetime]


def default_library_path() -> Path:
    """``$FOLIO_DB`` if set, else ``library.sqlite`` in the platform's user data directory
    (made if missing: a library given by name must be in a folder that exists)."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    folder = user_data_path(APP_NAME, appauthor=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(
            f"cannot create the folder {folder} for the library: {exc.strerror}"
        ) from exc
    return folder / DB_FILENAME


def _utc_now() -> datetime:
    return datetime.now(UTC)


class HttpClients:
    """The library's HTTP client: one connection pool for feeds, pages and images.

    Made on first use, so commands and a window that fetch nothing never load httpx. Once
    closed it makes none again: a worker still running when the window quit (a refresh behind
    a slow server) gets a :class:`LibraryError` instead of a new pool behind the close."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._client: HttpClient | None = None
        self._lock = threading.Lock()
        self._closed = False

    def client(self) -> HttpClient:
        with self._lock:
            if self._closed:
                raise LibraryError(f"the library {self._path} was closed; nothing more is saved")
            if self._client is None:
                from reader.services.http import HttpClient

                self._client = HttpClient()
            return self._client

    def configure(
        self,
        *,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        max_bytes: int | None = None,
    ) -> None:
        """Replace the client with one using these limits (settings, tests)."""
        from reader.services import http as http_service

        client = http_service.HttpClient(
            timeout=timeout or http_service.DEFAULT_TIMEOUT,
            connect_timeout=connect_timeout or http_service.DEFAULT_CONNECT_TIMEOUT,
            max_bytes=max_bytes or http_service.DEFAULT_MAX_BYTES,
        )
        with self._lock:
            old, self._client = self._client, client
        if old is not None:
            old.close()

    def close(self) -> None:
        with self._lock:
            self._closed = True
            client, self._client = self._client, None
        if client is not None:
            client.close()


@dataclass(frozen=True, slots=True)
class LibraryContext:
    """One open library file, as the parts of the library see it.

    Reads may happen on any thread (each has its own connection; WAL keeps them unblocked).
    Every write goes through :attr:`writer`.
    """

    path: Path
    writer: Writer
    clock: Clock
    http: HttpClients
    events: Events

    @classmethod
    def open(
        cls, path: Path, *, clock: Clock | None = None, allow_damaged: bool = False
    ) -> LibraryContext:
        """Open (creating or migrating) the library at ``path``. A library found damaged
        before is refused unless ``allow_damaged`` (restoring it)."""
        path = Path(path)
        events = Events()
        return cls(
            path=path,
            # Told once when another program disturbed the file under the open library.
            writer=Writer(
                path,
                on_warning=lambda message: events.notify("warning", message),
                allow_damaged=allow_damaged,
            ),
            clock=clock or _utc_now,
            http=HttpClients(path),
            events=events,
        )

    def now(self) -> datetime:
        return self.clock()

    @property
    def schema_version(self) -> int:
        return store_database.SCHEMA_VERSION

    def close(self) -> None:
        """Stop the writer (after what is queued) and the HTTP client."""
        self.http.close()
        self.writer.close()
        self.writer.close_reader()
