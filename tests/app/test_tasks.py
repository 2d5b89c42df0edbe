from __future__ import annotations

import threading

import pytest
from pytestqt.qtbot import QtBot

from reader.app.tasks import TaskRunner
from reader.core.errors import UserError


def test_results_come_back_on_the_gui_thread(qtbot: QtBot) -> None:
    runner = TaskRunner(workers=2)
    main = threading.get_ident()
    results: list[tuple[object, int]] = []
    worker_threads: list[int] = []

    def work() -> int:
        worker_threads.append(threading.get_ident())
        return 42

    with qtbot.waitSignal(runner.busy_changed) as blocker:
        runner.run(work, lambda value: results.append((value, threading.get_ident())))
    assert blocker.args == [True]
    qtbot.waitUntil(lambda: results == [(42, main)])
    assert worker_threads and worker_threads[0] != main
    qtbot.waitUntil(lambda: not runner.busy)
    runner.shutdown()


def test_errors_reach_the_error_callback(qtbot: QtBot) -> None:
    runner = TaskRunner()
    errors: list[BaseException] = []

    def fail() -> None:
        raise UserError("that file is not there")

    runner.run(fail, lambda _v: None, errors.append)
    qtbot.waitUntil(lambda: len(errors) == 1)
    assert str(errors[0]) == "that file is not there"
    runner.shutdown()


def test_a_bug_without_an_error_callback_goes_to_the_crash_handler(qtbot: QtBot) -> None:
    runner = TaskRunner()

    def bug() -> None:
        raise ZeroDivisionError("oops")

    with qtbot.captureExceptions() as exceptions:
        runner.run(bug)
        qtbot.waitUntil(lambda: not runner.busy)
    assert [type(e[1]) for e in exceptions] == [ZeroDivisionError]
    runner.shutdown()


def test_forgotten_results_are_dropped(qtbot: QtBot) -> None:
    runner = TaskRunner()
    gate = threading.Event()
    results: list[int] = []
    token = runner.run(lambda: gate.wait(5) and 1, results.append)
    runner.forget(token)
    gate.set()
    qtbot.waitUntil(lambda: not runner.busy)
    assert results == []
    runner.shutdown()


@pytest.mark.parametrize("workers", [1])
def test_one_worker_keeps_order(qtbot: QtBot, workers: int) -> None:
    runner = TaskRunner(workers=workers)
    seen: list[int] = []
    for i in range(20):

        def value(i: int = i) -> int:
            return i

        runner.run(value, seen.append)
    qtbot.waitUntil(lambda: len(seen) == 20)
    assert seen == list(range(20))
    runner.shutdown()
