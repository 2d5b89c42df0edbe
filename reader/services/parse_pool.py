"""Worker processes that run one call at a time each, within a time budget.

Parsing someone else's document can take far longer than it should (a regular expression that
grows with the square of a field, a parser falling back to a slow path on broken markup). A
thread cannot be stopped, and a ``ProcessPoolExecutor`` cannot stop one of its workers; here a
call that overruns its budget has its worker killed, the caller gets :class:`BudgetExceeded`,
and the next call starts a fresh worker. The budget starts when the worker receives the call,
after it has started and loaded its modules.

Workers are started by :func:`start_worker` only, so what every worker needs (the modules it
loads first, how it ends with its parent) is decided in one place. A worker ends when its
connection to the parent closes, which happens when the parent exits, however it exits; and,
since a worker busy with a long parse reads nothing from that connection, it also watches its
parent and exits the moment the parent is gone (see :mod:`reader.services.parent_watch`), so a
process killed with SIGKILL leaves no worker, nor multiprocessing's resource tracker, behind.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import Any, TypeVar

from reader.services.parent_watch import exit_with_parent

log = logging.getLogger(__name__)

T = TypeVar("T")

# How long a new worker may take to start and load its modules before it is given up on.
STARTUP_SECONDS = 60.0


class BudgetExceeded(Exception):
    """The call ran longer than its budget; its worker was stopped."""


class WorkerLost(Exception):
    """The worker ended (crashed, was killed, ran out of memory) before it answered."""


def _serve(connection: Connection, initializer: Callable[[], None] | None, parent_pid: int) -> None:
    """A worker's life: load what it needs, say so, then answer calls until told to stop."""
    exit_with_parent(parent_pid)
    if initializer is not None:
        initializer()
    connection.send(("ready", None))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if job is None:
            return
        function, args = job
        try:
            answer: tuple[str, Any] = ("ok", function(*args))
        except Exception as exc:
            answer = ("error", exc)
        try:
            connection.send(answer)
        except (EOFError, OSError):
            return
        except Exception as exc:  # the answer could not be pickled
            connection.send(("error", RuntimeError(f"{type(exc).__name__}: {exc}")))


class _Worker:
    def __init__(self, process: BaseProcess, connection: Connection) -> None:
        self.process = process
        self.connection = connection

    def stop(self, *, kill: bool) -> None:
        if kill:
            self.process.kill()
        else:
            try:
                self.connection.send(None)
            except (OSError, ValueError):
                self.process.kill()
        self.process.join(5)
        if self.process.is_alive():
            self.process.kill()
            self.process.join()
        self.connection.close()


def start_worker(
    context: BaseContext, initializer: Callable[[], None] | None, *, name: str
) -> _Worker:
    """Start one worker process and wait until it is ready for calls."""
    parent_end, child_end = context.Pipe()
    process = context.Process(  # type: ignore[attr-defined]
        target=_serve, args=(child_end, initializer, os.getpid()), name=name, daemon=True
    )
    process.start()
    child_end.close()
    worker = _Worker(process, parent_end)
    try:
        if not parent_end.poll(STARTUP_SECONDS):
            raise WorkerLost(f"a {name} process did not start within {STARTUP_SECONDS:g} s")
        parent_end.recv()
    except (EOFError, OSError) as exc:
        worker.stop(kill=True)
        raise WorkerLost(f"a {name} process ended while starting") from exc
    except WorkerLost:
        worker.stop(kill=True)
        raise
    return worker


class BudgetPool:
    """Up to ``workers`` processes, started when first needed; thread-safe."""

    def __init__(
        self,
        workers: int,
        *,
        budget: float,
        initializer: Callable[[], None] | None = None,
        context: BaseContext | None = None,
        name: str = "folio-worker",
    ) -> None:
        self.budget = budget
        self._context = context or multiprocessing.get_context("spawn")
        self._initializer = initializer
        self._name = name
        self._slots = threading.BoundedSemaphore(max(1, workers))
        self._idle: queue.SimpleQueue[_Worker] = queue.SimpleQueue()
        self._busy: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False

    def run(self, function: Callable[..., T], *args: Any, budget: float | None = None) -> T:
        """``function(*args)`` in a worker; its exception is raised here. Raises
        :class:`BudgetExceeded` after ``budget`` seconds (the pool's by default) and
        :class:`WorkerLost` when the worker died on it."""
        limit = self.budget if budget is None else budget
        with self._slots:
            worker = self._take()
            try:
                worker.connection.send((function, args))
                if not worker.connection.poll(limit):
                    self._discard(worker, kill=True)
                    raise BudgetExceeded(f"took longer than {limit:g} s")
                status, value = worker.connection.recv()
            except (EOFError, OSError) as exc:
                self._discard(worker, kill=True)
                raise WorkerLost("the worker process ended before it answered") from exc
            except BaseException:
                if worker in self._busy:
                    self._discard(worker, kill=True)
                raise
            self._give_back(worker)
        if status == "error":
            raise value
        result: T = value
        return result

    def _take(self) -> _Worker:
        with self._lock:
            if self._closed:
                raise WorkerLost("the worker pool is closed")
        try:
            worker = self._idle.get_nowait()
        except queue.Empty:
            worker = start_worker(self._context, self._initializer, name=self._name)
        with self._lock:
            self._busy.add(worker)
        return worker

    def _give_back(self, worker: _Worker) -> None:
        with self._lock:
            self._busy.discard(worker)
            if not self._closed:
                self._idle.put(worker)
                return
        worker.stop(kill=False)

    def _discard(self, worker: _Worker, *, kill: bool) -> None:
        with self._lock:
            self._busy.discard(worker)
        worker.stop(kill=kill)

    def close(self, *, wait: bool = True) -> None:
        """Stop the idle workers (busy ones stop when their call ends); with ``wait`` False
        they are killed rather than asked to finish."""
        with self._lock:
            self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            worker.stop(kill=not wait)
