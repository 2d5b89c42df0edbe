"""Worker processes with a time budget: an overrunning call is stopped, its worker replaced."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator

import pytest

from reader.services.parse_pool import BudgetExceeded, BudgetPool, WorkerLost


@pytest.fixture
def pool() -> Iterator[BudgetPool]:
    workers = BudgetPool(1, budget=5.0, name="test-worker")
    try:
        yield workers
    finally:
        workers.close()


def test_a_call_runs_in_a_worker_and_returns_its_value(pool: BudgetPool) -> None:
    assert pool.run(os.getpid) != os.getpid()
    assert pool.run(len, b"abc") == 3


def test_the_worker_is_kept_between_calls(pool: BudgetPool) -> None:
    assert pool.run(os.getpid) == pool.run(os.getpid)


def test_an_exception_comes_back_to_the_caller(pool: BudgetPool) -> None:
    with pytest.raises(ValueError, match="invalid literal"):
        pool.run(int, "not a number")
    assert pool.run(int, "7") == 7


def test_a_call_over_budget_is_stopped_and_its_worker_replaced(pool: BudgetPool) -> None:
    first = pool.run(os.getpid)
    with pytest.raises(BudgetExceeded, match=r"longer than 0\.2 s"):
        pool.run(time.sleep, 60, budget=0.2)  # the worker sleeps; this test waits 0.2 s
    second = pool.run(os.getpid)
    assert second != first
    with pytest.raises(ProcessLookupError):
        os.kill(first, 0)


def test_a_worker_that_dies_is_reported_and_replaced(pool: BudgetPool) -> None:
    with pytest.raises(WorkerLost):
        pool.run(os._exit, 3)
    assert pool.run(len, "ok") == 2


def test_closing_stops_the_workers() -> None:
    workers = BudgetPool(2, budget=5.0)
    pid = workers.run(os.getpid)
    workers.close()
    with pytest.raises(WorkerLost):
        workers.run(os.getpid)
    # Joined on close: the process no longer exists (not even as a zombie).
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)
