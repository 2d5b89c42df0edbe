"""The open library: its file, database connection, clock and single background writer."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from platformdirs import user_data_path

from reader import APP_NAME
from reader.core.errors import LibraryError
from reader.store import connection as store_connection
from reader.store import database as store_database

if TYPE_CHECKING:
    from reader.services.http import HttpClient

log = logging.getLogger(__name__)

T = TypeVar("T")

DB_ENV = "FOLIO_DB"
DB_FILENAME = "library.sqlite"


def default_library_path() -> Path:
    """``$FOLIO_DB`` if set, else ``library.sqlite`` in the platform's user data directory
    (made if missing: a library given by name must be in a folder that exists)."""
    override = os.environ.get(DB_ENV)
    if override:
        return Path(override).expanduser()
    folder = user_data_path(APP_NAME, appauthor=False)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise LibraryError(
            f"cannot create the folder {folder} for the library: {exc.strerror}"
        ) from exc
    return folder / DB_FILENAME


class LibraryBase:
    """Holds the connection. Reads may happen on any thread (WAL keeps them unblocked);
    background writes go through :meth:`submit_write`, one thread, one transaction each."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Callable[[], datetime] | None = None,
        allow_damaged: bool = False,
    ) -> None:
        self.path = Path(path)
        self._db = store_database.open_database(
            self.path,
            on_warning=lambda message: self.notify("warning", message),
            allow_damaged=allow_damaged,
        )
        self._clock = clock or (lambda: datetime.now(UTC))
        self._writer: ThreadPoolExecutor | None = None
        self._writer_lock = threading.Lock()
        self._listeners: list[Callable[[str, Any], None]] = []
        self._http: HttpClient | None = None
        self._http_lock = threading.Lock()
        self._closed = False

    # -- lifecycle -------------------------------------------------------------------------
    def close(self) -> None:
        self._closed = True
        with self._http_lock:
            client, self._http = self._http, None
        if client is not None:
            client.close()
        with self._writer_lock:
            if self._writer is not None:
                self._writer.shutdown(wait=True)
                self._writer = None
        self._db.close()

    def __enter__(self) -> LibraryBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- network -----------------------------------------------------------------------------
    def http_client(self) -> HttpClient:
        """The library's HTTP client: one connection pool for feeds, pages and images.

        Made on first use, so commands and a window that fetch nothing never load it."""
        self._refuse_if_closed()
        with self._http_lock:
            if self._http is None:
                from reader.services.http import HttpClient

                self._http = HttpClient()
            return self._http

    def configure_http(
        self,
        *,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        max_bytes: int | None = None,
    ) -> None:
        """Replace the HTTP client with one using these limits (settings, tests)."""
        from reader.services import http as http_service

        client = http_service.HttpClient(
            timeout=timeout or http_service.DEFAULT_TIMEOUT,
            connect_timeout=connect_timeout or http_service.DEFAULT_CONNECT_TIMEOUT,
            max_bytes=max_bytes or http_service.DEFAULT_MAX_BYTES,
        )
        with self._http_lock:
            old, self._http = self._http, client
        if old is not None:
            old.close()

    @property
    def schema_version(self) -> int:
        return store_database.SCHEMA_VERSION

    def now(self) -> datetime:
        return self._clock()

    # -- writing ---------------------------------------------------------------------------
    def transaction(self) -> Any:
        """A write transaction on the calling thread (one-row user writes, the command line)."""
        self._refuse_if_closed()
        return store_connection.write_transaction(self._db)

    def submit_write(self, fn: Callable[[], T]) -> Future[T]:
        """Run ``fn`` in one transaction on the library's single writer thread."""
        self._refuse_if_closed()
        with self._writer_lock:
            if self._writer is None:
                self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="folio-writer")
            writer = self._writer

        return writer.submit(store_connection.run_write, self._db, fn)

    def _refuse_if_closed(self) -> None:
        # A worker still running when the window quit (a refresh behind a slow server) must
        # not open the library again behind the close.
        if self._closed:
            raise LibraryError(f"the library {self.path} was closed; nothing more is saved")

    # -- hooks that feature mixins fill in ---------------------------------------------------
    def on_articles_added(self, article_ids: Sequence[int]) -> None:
        """Called after new articles were committed (refresh, save, import): rules run here."""

    def fetch_full_text_for(self, article_ids: Sequence[int]) -> list[str]:
        """Fetch and extract the linked pages of feed articles whose feed asks for full text.

        Returns one message per article that failed (its summary is kept)."""
        raise NotImplementedError

    # -- change notification ------------------------------------------------------------------
    def add_listener(self, listener: Callable[[str, Any], None]) -> None:
        """``listener(kind, detail)`` is called after a change ("articles", "feeds", "tags").

        It may be called from the writer thread; the window's controller re-posts it to the
        GUI thread.
        """
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[str, Any], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def notify(self, kind: str, detail: Any = None) -> None:
        for listener in list(self._listeners):
            try:
                listener(kind, detail)
            except Exception:
                log.exception("a library listener failed")
