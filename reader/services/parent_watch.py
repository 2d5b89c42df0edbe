"""Worker processes that end when the process that started them ends.

A process killed with SIGKILL cannot stop its workers. A parser worker of a process pool
waits for work on a pipe that its sibling workers also hold open, so it would never see its
parent go; nor would multiprocessing's resource tracker, which waits for all of them. Each
worker therefore watches its parent itself.

Linux's PR_SET_PDEATHSIG is no help here: it fires when the *thread* that started the worker
ends, and a pool starts its workers from whichever thread submits work first, a fetch thread
that ends long before the pool does.
"""

from __future__ import annotations

import os
import select
import threading
import time

# Without pidfd (not Linux, or an old kernel) the parent is looked for this often.
POLL_SECONDS = 1.0


def exit_with_parent(parent_pid: int) -> None:
    """In a worker process: exit as soon as the process ``parent_pid`` is gone."""
    if os.getppid() != parent_pid:
        os._exit(0)  # the parent died before the worker got this far
    threading.Thread(
        target=_watch, args=(parent_pid,), name="folio-parent-watch", daemon=True
    ).start()


def _watch(parent_pid: int) -> None:
    try:
        handle = os.pidfd_open(parent_pid)
    except (AttributeError, OSError):
        handle = None
    if handle is not None:
        # The parent may have died, and its number been reused, before pidfd_open: a worker
        # whose parent died has another parent now.
        if os.getppid() == parent_pid:
            select.select([handle], [], [])  # readable once the parent has exited
        os._exit(0)
    while os.getppid() == parent_pid:
        time.sleep(POLL_SECONDS)
    os._exit(0)
