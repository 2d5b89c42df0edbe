"""Fetching the links imports left waiting, politely: a few pages at a time, but one request at
a time per site, and after each answer a pause as long as the answer took (at most a few
seconds), so a list of a thousand links to one site never hammers it. A site that answers
"too many requests" (429) or "unavailable" (503) is left alone for as long as it asks, and its
links are tried again later in the same run.

Each result is stored as it comes, so stopping (a pause, quitting) loses nothing: the links not
fetched yet stay pending in the library and a later run takes them up.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import deque
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import partial
from urllib.parse import urlsplit

from reader.core.errors import UserError
from reader.core.transfer import FetchPendingReport
from reader.library.context import LibraryContext
from reader.library.saving import FetchedLink, Saving
from reader.store import transfer as store_transfer

log = logging.getLogger(__name__)

Progress = Callable[[int, int], None]
Clock = Callable[[], float]

# The longest pause after an answer before the next request to the same site.
MAX_GAP = 5.0
# How long a site that said 429 or 503 without saying how long is left alone.
DEFAULT_BACKOFF = 30.0
# The longest a site's "come back later" is honoured within one run; beyond it, its links
# wait for the next run.
MAX_BACKOFF = 300.0
# Tries of one link whose site keeps answering 429 or 503 before it counts as failed.
MAX_TRIES = 3


@dataclass(frozen=True, slots=True)
class PendingLink:
    article_id: int
    url: str
    title: str
    tries: int = 0

    @property
    def host(self) -> str:
        return (urlsplit(self.url).hostname or "").lower()


@dataclass(slots=True)
class _Host:
    busy: int = 0
    # No new request starts before this (monotonic seconds).
    ready_at: float = 0.0


@dataclass(slots=True)
class HostQueue:
    """Links waiting their turn, handed out so that no site has more than ``per_host``
    requests running, and none starts before the site's pause is over. Links of other sites
    go ahead of those of a site that must wait; otherwise links keep their order."""

    per_host: int = 1
    clock: Clock = time.monotonic
    _waiting: deque[PendingLink] = field(default_factory=deque)
    _hosts: dict[str, _Host] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self._waiting)

    def add(self, link: PendingLink) -> None:
        self._waiting.append(link)

    def _host(self, name: str) -> _Host:
        host = self._hosts.get(name)
        if host is None:
            host = self._hosts[name] = _Host()
        return host

    def _free(self, name: str, now: float) -> bool:
        host = self._hosts.get(name)
        return host is None or (host.busy < self.per_host and host.ready_at <= now)

    def take(self) -> PendingLink | None:
        """The first waiting link whose site may be asked now (marked busy), or None."""
        now = self.clock()
        for index, link in enumerate(self._waiting):
            if self._free(link.host, now):
                del self._waiting[index]
                self._host(link.host).busy += 1
                return link
        return None

    def finished(self, link: PendingLink, seconds: float, *, wait: float | None = None) -> None:
        """The request for ``link`` ended after ``seconds``; its site rests as long (at most
        :data:`MAX_GAP`), or ``wait`` seconds when it asked for that."""
        host = self._host(link.host)
        host.busy = max(0, host.busy - 1)
        pause = min(max(seconds, 0.0), MAX_GAP) if wait is None else wait
        host.ready_at = max(host.ready_at, self.clock() + pause)

    def drop_host(self, name: str) -> int:
        """Take the waiting links of the site ``name`` out of the queue; how many."""
        kept = deque(link for link in self._waiting if link.host != name)
        dropped = len(self._waiting) - len(kept)
        self._waiting = kept
        return dropped

    def next_ready_in(self) -> float | None:
        """Seconds until a waiting link's site may be asked (0: now); None when every waiting
        link's site is busy, or nothing waits."""
        now = self.clock()
        best: float | None = None
        for link in self._waiting:
            host = self._hosts.get(link.host)
            if host is None:
                return 0.0
            if host.busy >= self.per_host:
                continue
            left = max(0.0, host.ready_at - now)
            best = left if best is None else min(best, left)
            if best == 0.0:
                break
        return best


@dataclass(frozen=True, slots=True)
class _Refused:
    """A link's site said "come back later" (429, 503)."""

    message: str
    wait: float


class LinkFetcher:
    """Fetches the waiting links with ``saving`` and stores what it finds."""

    def __init__(self, context: LibraryContext, saving: Saving) -> None:
        self._ctx = context
        self._saving = saving

    def run(
        self,
        *,
        progress: Progress | None = None,
        cancel: threading.Event | None = None,
        jobs: int = 4,
        per_host: int = 1,
    ) -> FetchPendingReport:
        report = FetchPendingReport()
        cancel = cancel or threading.Event()
        jobs = max(1, jobs)
        queue = HostQueue(per_host=max(1, per_host))
        total = store_transfer.count_pending()
        done = 0
        after = 0
        exhausted = False
        # Sites that asked to be left alone longer than a run waits: their links stay pending.
        resting: set[str] = set()
        running: dict[Future[FetchedLink | str | _Refused], tuple[PendingLink, float]] = {}
        if progress:
            progress(0, total)
        with ThreadPoolExecutor(max_workers=jobs, thread_name_prefix="folio-fetch") as pool:
            while True:
                if not exhausted and len(queue) < jobs * 8 and not cancel.is_set():
                    rows = store_transfer.pending_links(limit=jobs * 16, after_id=after)
                    if rows:
                        after = rows[-1][0]
                        for article_id, url, title in rows:
                            found = PendingLink(article_id, url, title)
                            if found.host not in resting:
                                queue.add(found)
                    else:
                        exhausted = True
                while not cancel.is_set() and len(running) < jobs:
                    link = queue.take()
                    if link is None:
                        break
                    running[pool.submit(self._fetch, link)] = (link, time.monotonic())
                if not running:
                    if cancel.is_set() or (exhausted and not len(queue)):
                        break
                    pause = queue.next_ready_in()
                    cancel.wait(pause if pause is not None else 0.1)
                    continue
                pause = None if cancel.is_set() else queue.next_ready_in()
                finished, _ = wait(list(running), timeout=pause, return_when=FIRST_COMPLETED)
                for future in finished:
                    link, began = running.pop(future)
                    outcome = future.result()
                    if isinstance(outcome, _Refused):
                        queue.finished(link, time.monotonic() - began, wait=outcome.wait)
                        if outcome.wait > MAX_BACKOFF:
                            resting.add(link.host)
                            queue.drop_host(link.host)
                            continue
                        if link.tries + 1 < MAX_TRIES:
                            queue.add(replace(link, tries=link.tries + 1))
                            continue
                        outcome = outcome.message
                    else:
                        queue.finished(link, time.monotonic() - began)
                    self._store(link, outcome, report)
                    done += 1
                    if progress:
                        progress(done, max(total, done))
        report.cancelled = cancel.is_set()
        report.remaining = store_transfer.count_pending()
        return report

    def _store(
        self, link: PendingLink, outcome: FetchedLink | str, report: FetchPendingReport
    ) -> None:
        if isinstance(outcome, str):
            report.failed += 1
            report.problems.append(f"{link.url}: {outcome}")
            failed = partial(store_transfer.set_fetch_failed, link.article_id, outcome)
            self._ctx.writer.run(failed, bulk=True)
        else:
            fetched = outcome
            if link.title and link.title != link.url:
                fetched = replace(fetched, item=replace(fetched.item, title=link.title))
            self._saving.store_fetched_link(link.article_id, fetched)
            report.fetched += 1
        self._ctx.events.notify("articles", [link.article_id])

    def _fetch(self, link: PendingLink) -> FetchedLink | str | _Refused:
        """The extracted article (images downloaded) for a link, or why there is none."""
        from reader.services.http import HttpStatusError

        try:
            return self._saving.fetch_link(link.url)
        except HttpStatusError as exc:
            if exc.status in (429, 503):
                return _Refused(str(exc), _seconds_until(exc.retry_after))
            return str(exc)
        except UserError as exc:
            return str(exc)
        except Exception as exc:  # our bug: log it, keep fetching the others
            log.exception("fetching %s failed", link.url)
            return f"internal error: {type(exc).__name__}: {exc}"


def _seconds_until(when: datetime | None) -> float:
    if when is None:
        return DEFAULT_BACKOFF
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
