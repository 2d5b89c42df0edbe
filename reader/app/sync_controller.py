"""Syncing with the account's server on a thread of its own, with progress for the status bar,
and the account's other work (testing a connection, adding, removing, reading its status) off
the GUI thread as well.

One sync at a time: a request made while one runs is merged into one more run after it, since
the running one may have read the queue before the change that prompted the request.
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot

from reader.core.errors import UserError
from reader.library import Library

if TYPE_CHECKING:
    # The sync's own module is loaded with the first sync or account read, not with the window.
    from reader.library.sync import AccountStatus, AddedAccount, SyncEngine, SyncReport

log = logging.getLogger(__name__)

# Often enough that the phone's reading shows up here while the window is open, seldom enough
# to be polite to a small server: a sync with nothing new is about ten small requests.
SYNC_INTERVAL_MS = 15 * 60 * 1000
# The first sync after the window opens waits until it is on screen and has read its sidebar.
FIRST_SYNC_DELAY_MS = 3_000
# How long closing waits for a sync told to stop: it stops between two steps, and a request
# in flight ends within the HTTP deadline whatever happens; what it did not finish waits in
# the queue for the next sync.
SHUTDOWN_WAIT_S = 10.0


@dataclass(frozen=True, slots=True)
class SyncResult:
    """How a sync ended, with the account's status read just after."""

    report: SyncReport | None = None
    # One line saying why the sync did not finish (None when it did).
    error: str | None = None
    # The failure is not the user's or the server's doing (a bug, logged with its traceback).
    internal: bool = False
    status: AccountStatus | None = None
    # Asked by the schedule or after a refresh, not by the user.
    quiet: bool = False
    # There was no account to sync (a scheduled run before one was added): nothing happened.
    no_account: bool = False


class _Outcome:
    # Signals carry this wrapper rather than a bare None (see reader.app.tasks._Outcome).
    __slots__ = ("error", "result")

    def __init__(self, result: Any, error: BaseException | None) -> None:
        self.result = result
        self.error = error


class SyncController(QObject):
    """Syncs ``library`` with its account in the background.

    Signals arrive on the GUI thread: ``started(quiet)`` once a sync of an existing account
    begins, ``progressed(done, total)`` while new articles are fetched, ``finished(SyncResult)``
    at the end, whether it worked or not.
    """

    started = Signal(bool)
    progressed = Signal(int, int)
    finished = Signal(object)  # SyncResult
    _started_posted = Signal(bool)
    _progress_posted = Signal(int, int)
    _done_posted = Signal(object)  # SyncResult
    _job_posted = Signal(int, object)  # token, _Outcome

    def __init__(self, library: Library, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._library = library
        self._thread: threading.Thread | None = None
        self._cancel = threading.Event()
        self._closing = False
        # A request made while a sync ran: None for none, else whether it was quiet.
        self._queued: bool | None = None
        self._started_posted.connect(self.started, Qt.ConnectionType.QueuedConnection)
        self._progress_posted.connect(self.progressed, Qt.ConnectionType.QueuedConnection)
        self._done_posted.connect(self._finish, Qt.ConnectionType.QueuedConnection)
        self._job_posted.connect(self._deliver, Qt.ConnectionType.QueuedConnection)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.sync_due)
        self._tokens = itertools.count(1)
        self._reader = ThreadPoolExecutor(
            max_workers=1,
            thread_name_prefix="folio-sync-status",
            initializer=library.limit_read_cache,
        )
        self._callbacks: dict[int, tuple[Callable[[Any], None], Callable[[BaseException], None]]]
        self._callbacks = {}

    @property
    def running(self) -> bool:
        return self._thread is not None

    # -- syncing ---------------------------------------------------------------------------------
    def start_schedule(
        self, interval_ms: int = SYNC_INTERVAL_MS, *, first_ms: int = FIRST_SYNC_DELAY_MS
    ) -> None:
        """Sync soon, then every ``interval_ms``, as long as the library has an account."""
        self._timer.start(interval_ms)
        QTimer.singleShot(first_ms, self, self.sync_due)

    def sync_due(self) -> None:
        """A scheduled sync: quiet, and skipped while one runs."""
        if not self.running and not self._closing:
            self._start(quiet=True)

    def sync(self, *, quiet: bool = False) -> None:
        """Sync now, or right after the sync that is running."""
        if self._closing:
            return
        if self.running:
            self._queued = quiet if self._queued is None else (self._queued and quiet)
            return
        self._start(quiet=quiet)

    def cancel(self) -> None:
        """Stop the running sync at its next step; the rest waits for the next sync."""
        self._queued = None
        self._cancel.set()

    def _start(self, *, quiet: bool) -> None:
        self._cancel = threading.Event()
        cancel = self._cancel
        engine = self._library.sync

        def progress(done: int, total: int) -> None:
            self._progress_posted.emit(done, total)

        def work() -> None:
            result = self._run(engine, cancel, progress, quiet=quiet)
            self._done_posted.emit(result)

        self._thread = threading.Thread(target=work, name="folio-sync", daemon=True)
        self._thread.start()

    def _run(
        self,
        engine: SyncEngine,
        cancel: threading.Event,
        progress: Callable[[int, int], None],
        *,
        quiet: bool,
    ) -> SyncResult:
        """Runs on the sync thread."""
        try:
            if engine.status() is None:
                return SyncResult(quiet=quiet, no_account=True)
            self._started_posted.emit(quiet)
            report = engine.sync(cancel=cancel, progress=progress)
        except UserError as exc:
            return SyncResult(error=str(exc), status=_status(engine), quiet=quiet)
        except Exception as exc:
            log.error("sync failed\n%s", traceback.format_exc())
            return SyncResult(
                error=self.tr("sync failed: {kind}: {exc}").format(
                    kind=type(exc).__name__, exc=exc
                ),
                internal=True,
                status=_status(engine),
                quiet=quiet,
            )
        return SyncResult(report=report, status=_status(engine), quiet=quiet)

    @Slot(object)
    def _finish(self, result: SyncResult) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=5)
        if self._closing:
            return
        queued, self._queued = self._queued, None
        self.finished.emit(result)
        # A handler of ``finished`` may have started the next sync already.
        if queued is not None and not result.no_account and not self.running:
            self._start(quiet=queued)

    # -- the account -----------------------------------------------------------------------------
    def test_connection(
        self,
        url: str,
        username: str,
        password: str,
        done: Callable[[str], None],
        failed: Callable[[BaseException], None],
    ) -> int:
        """Log in to the server and read what it holds; ``done(line)`` says what was found."""
        engine = self._library.sync
        return self._job(
            lambda: engine.test_connection(url, username, password), done, failed, network=True
        )

    def add_account(
        self,
        url: str,
        username: str,
        password: str,
        done: Callable[[AddedAccount], None],
        failed: Callable[[BaseException], None],
    ) -> int:
        """Test the connection, then keep the account (its password in the keyring, or in a
        file only the user can read, which ``AddedAccount.warning`` then says)."""
        engine = self._library.sync
        return self._job(
            lambda: engine.add_account(url, username, password), done, failed, network=True
        )

    def remove_account(
        self, done: Callable[[AccountStatus], None], failed: Callable[[BaseException], None]
    ) -> int:
        """Forget the account and its password; the library keeps everything it holds."""
        if self.running:
            raise UserError(self.tr("a sync is running; remove the account when it is done"))
        engine = self._library.sync
        return self._job(engine.remove_account, done, failed, network=True)

    def read_status(
        self,
        done: Callable[[AccountStatus | None], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> int:
        """The account's status (None: there is none), read in the background."""
        library = self._library

        # The sync engine is made (its modules imported) there too: the window asks for the
        # status as it opens, and the first page must not wait for it.
        def status() -> AccountStatus | None:
            return library.sync.status()

        return self._job(status, done, failed or _log_failure, network=False)

    def forget(self, token: int) -> None:
        """Drop the callbacks of a job whose answer nobody wants any more."""
        self._callbacks.pop(token, None)

    def _job(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None],
        failed: Callable[[BaseException], None],
        *,
        network: bool,
    ) -> int:
        # Work that talks to the server gets a thread of its own: a server that does not
        # answer holds it for up to the HTTP deadline, and neither the status reads, nor the
        # window's own reads, nor closing the window may wait behind it. Status reads (after
        # every change the window hears of) share one long-lived thread and its connection.
        token = next(self._tokens)
        if self._closing:
            # The window is closing: nobody is there to hear the answer.
            return token
        self._callbacks[token] = (done, failed)

        def work() -> None:
            try:
                result = fn()
            except BaseException as exc:  # reported on the GUI thread, never lost
                if not isinstance(exc, UserError):
                    log.error("sync account task failed\n%s", traceback.format_exc())
                self._job_posted.emit(token, _Outcome(None, exc))
            else:
                self._job_posted.emit(token, _Outcome(result, None))

        if network:
            threading.Thread(target=work, name="folio-sync-account", daemon=True).start()
        else:
            self._reader.submit(work)
        return token

    @Slot(int, object)
    def _deliver(self, token: int, outcome: _Outcome) -> None:
        callbacks = self._callbacks.pop(token, None)
        if callbacks is None or self._closing:
            return
        done, failed = callbacks
        if outcome.error is None:
            done(outcome.result)
        else:
            failed(outcome.error)

    # -- closing ---------------------------------------------------------------------------------
    def shutdown(self, timeout: float = SHUTDOWN_WAIT_S) -> None:
        """Stop the schedule, stop a running sync and wait a while for it; answers that
        arrive later are dropped."""
        self._closing = True
        self._timer.stop()
        self._callbacks.clear()
        self._reader.shutdown(wait=False, cancel_futures=True)
        self._queued = None
        self._cancel.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout=timeout)
        self._thread = None


def _status(engine: SyncEngine) -> AccountStatus | None:
    try:
        status = engine.status()
    except Exception:
        log.exception("could not read the sync account's status")
        return None
    return status


def _log_failure(exc: BaseException) -> None:
    log.warning("could not read the sync account's status: %s", exc)
