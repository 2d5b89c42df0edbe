"""The worker processes that parse feeds, shared by subscribing and refreshing.

Parsing someone else's document is the one step of a refresh whose cost its author decides:
each parse runs in a worker that is stopped when it overruns :attr:`FeedParsers.budget`
(see :mod:`reader.services.parse_pool`). The workers start on first need, so commands that
never parse a feed never start them.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from typing import TYPE_CHECKING

from reader.core.limits import FEED_PARSE_SECONDS

if TYPE_CHECKING:
    from reader.services.parse_pool import BudgetPool

log = logging.getLogger(__name__)

# Parsing is CPU-bound: more workers than this only take processors from everything else.
MAX_WORKERS = 4


def _warm_up() -> None:
    import reader.services.feeds  # noqa: F401  (imports feedparser, lxml and nh3 once)


def _usable_cores() -> int:
    """The cores this process may run on (a container or affinity mask may allow fewer than
    the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


class FeedParsers:
    """A library's feed parsers: worker processes, each parse within :attr:`budget`."""

    def __init__(self, *, budget: float = FEED_PARSE_SECONDS) -> None:
        self._budget = budget
        self._pool: BudgetPool | None = None
        self._lock = threading.Lock()

    @property
    def budget(self) -> float:
        """How long parsing one feed may take before its worker is stopped, in seconds."""
        return self._budget

    @budget.setter
    def budget(self, seconds: float) -> None:
        with self._lock:
            self._budget = seconds
            if self._pool is not None:
                self._pool.budget = seconds

    def pool(self) -> BudgetPool | None:
        """The workers, started on first need; None where processes cannot be made (then
        feeds are parsed in the calling thread)."""
        from reader.services.parse_pool import BudgetPool

        with self._lock:
            if self._pool is None:
                try:
                    # Spawned workers are clean interpreters (no copy of this process's threads
                    # or locks) and our own children, so their CPU time is accounted to us.
                    self._pool = BudgetPool(
                        min(_usable_cores(), MAX_WORKERS),
                        budget=self._budget,
                        initializer=_warm_up,
                        context=multiprocessing.get_context("spawn"),
                        name="folio-parser",
                    )
                except (OSError, NotImplementedError, ValueError):
                    log.warning("no worker processes for parsing; parsing in threads")
                    return None
            return self._pool

    def close(self) -> None:
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.close(wait=True)
