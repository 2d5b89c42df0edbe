"""The user's changes from the window, handed to the library in order from one thread, so the
window never waits for them to be stored."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QObject, Signal

from reader.app.tasks import TaskRunner


class EditController(QObject):
    """Runs each change (a call of the library) in the order they were made, on a thread of
    its own that only calls the library and waits: the library's writer thread stores the
    change, a user's edit ahead of any bulk work (a refresh, an import) waiting there.

    While a change to some articles is on its way, :meth:`is_busy` says so for them: the
    window already shows the change, and a notification about those articles from before it
    landed would briefly undo it on screen.
    """

    # A change failed and its caller gave no handler for that (the exception).
    failed = Signal(object)
    # A change to these articles failed: show what the library holds for them again (ids).
    reverted = Signal(list)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._runner = TaskRunner(workers=1, parent=self)
        self._busy: Counter[int] = Counter()

    def run(
        self,
        fn: Callable[[], Any],
        done: Callable[[Any], None] | None = None,
        failed: Callable[[BaseException], None] | None = None,
        *,
        article_ids: Sequence[int] = (),
    ) -> None:
        """Run ``fn`` after the changes before it; ``done(result)`` or ``failed(exc)`` follow
        on this thread."""
        ids = list(article_ids)
        self._busy.update(ids)

        def finish() -> None:
            self._busy.subtract(ids)
            self._busy += Counter()  # drops the ids back at zero

        def ok(result: Any) -> None:
            finish()
            if done is not None:
                done(result)

        def bad(exc: BaseException) -> None:
            finish()
            if failed is not None:
                failed(exc)
            else:
                self.failed.emit(exc)
            if ids:
                self.reverted.emit(ids)

        self._runner.run(fn, ok, bad)

    def is_busy(self, article_id: int) -> bool:
        return article_id in self._busy

    def busy_ids(self) -> set[int]:
        return set(self._busy)

    def shutdown(self) -> None:
        """Wait for the changes already made; later results are dropped."""
        self._runner.shutdown()
