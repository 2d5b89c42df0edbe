"""The window's changes: one after another on one thread, with the articles they touch marked
busy until written, and failures reported back on the GUI thread."""

from __future__ import annotations

import threading

from pytestqt.qtbot import QtBot

from reader.app.edit_controller import EditController
from reader.core.errors import UserError


def test_changes_run_in_order_off_the_gui_thread(qtbot: QtBot) -> None:
    edits = EditController()
    gui = threading.get_ident()
    release = threading.Event()
    ran: list[tuple[str, int]] = []
    done: list[object] = []

    def first() -> str:
        release.wait(timeout=10)
        ran.append(("first", threading.get_ident()))
        return "one"

    def second() -> str:
        ran.append(("second", threading.get_ident()))
        return "two"

    edits.run(first, done.append, article_ids=[7, 8])
    edits.run(second, done.append, article_ids=[8])
    assert edits.is_busy(7) and edits.is_busy(8) and not edits.is_busy(9)
    release.set()
    qtbot.waitUntil(lambda: done == ["one", "two"])
    assert [name for name, _thread in ran] == ["first", "second"]
    assert len({thread for _name, thread in ran}) == 1 and ran[0][1] != gui
    assert edits.busy_ids() == set()
    edits.shutdown()


def test_a_failed_change_is_reported_and_its_articles_shown_again(qtbot: QtBot) -> None:
    edits = EditController()
    handled: list[BaseException] = []

    def refused() -> None:
        raise UserError("there is already a tag named 'x'")

    # With a handler of its own, the caller hears of it; the articles are shown again.
    with qtbot.waitSignal(edits.reverted) as reverted:
        edits.run(refused, failed=handled.append, article_ids=[3])
    assert reverted.args == [[3]]
    assert [str(exc) for exc in handled] == ["there is already a tag named 'x'"]
    assert not edits.is_busy(3)
    # Without one, ``failed`` says so.
    with qtbot.waitSignal(edits.failed) as failed:
        edits.run(refused)
    assert isinstance(failed.args[0], UserError)
    edits.shutdown()
