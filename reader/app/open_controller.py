"""Files and web addresses given to the window: on its command line, or handed over by a
second ``folio`` on the same library.

Pages and addresses are saved (two at a time, by the window's saver); OPML files, exports and
bookmark files are imported one after another (by the window's transfers). Once every page of
a request is saved, the last one given is shown.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from reader.app.save_controller import SaveController
from reader.app.transfer_controller import TransferController
from reader.core.types import SaveResult
from reader.library.open_action import OpenAction, open_action

log = logging.getLogger(__name__)


@dataclass
class _Batch:
    """The pages of one request, in the order given, and how each ended."""

    sources: list[str]
    waiting: list[str]
    saved: dict[str, int] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)


class OpenController(QObject):
    """``reveal(article_id)`` asks the window to show a saved article; ``message(text)`` is
    for its status bar."""

    reveal = Signal(int)
    message = Signal(str)

    def __init__(
        self,
        saver: SaveController,
        transfers: TransferController,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._saver = saver
        self._transfers = transfers
        self._batches: list[_Batch] = []
        self._imports: list[Path] = []
        self._importing = False
        saver.saved.connect(self._saved)
        saver.failed.connect(self._failed)
        transfers.finished.connect(self._next_import)
        transfers.failed.connect(self._next_import)

    @property
    def busy(self) -> bool:
        """Whether a page or list given is still waiting or being saved or imported."""
        return bool(self._batches or self._imports) or self._importing

    def open(self, sources: Sequence[str]) -> None:
        pages: list[str] = []
        for source in sources:
            if open_action(source) is OpenAction.IMPORT:
                self._imports.append(Path(source))
            else:
                pages.append(source)
        if pages:
            self._batches.append(_Batch(list(pages), list(pages)))
            for page in pages:
                self._saver.save(page)
        self._next_import()

    @Slot()
    def _next_import(self, *_args: object) -> None:
        # Called when any import or export ends (the user's own too): start the next one.
        if not self._transfers.running:
            self._importing = False
        while self._imports and not self._transfers.running:
            path = self._imports.pop(0)
            if self._transfers.import_file(path):
                self._importing = True
                return

    def _batch_waiting_for(self, source: str) -> _Batch | None:
        return next((b for b in self._batches if source in b.waiting), None)

    @Slot(str, object)
    def _saved(self, source: str, result: SaveResult) -> None:
        batch = self._batch_waiting_for(source)
        if batch is None:
            return
        batch.waiting.remove(source)
        batch.saved[source] = result.article.id
        self._finish(batch)

    @Slot(str, str)
    def _failed(self, source: str, message: str) -> None:
        batch = self._batch_waiting_for(source)
        if batch is None:
            return
        batch.waiting.remove(source)
        batch.failures.append((source, message))
        self._finish(batch)

    def _finish(self, batch: _Batch) -> None:
        if batch.waiting:
            return
        self._batches.remove(batch)
        last = next((batch.saved[s] for s in reversed(batch.sources) if s in batch.saved), None)
        if last is not None:
            self.reveal.emit(last)
        if batch.failures and len(batch.sources) > 1:
            # Each failure was shown as it came; with several pages they hide one another.
            source, reason = batch.failures[0]
            self.message.emit(
                QCoreApplication.translate(
                    "OpenController", "Saved {saved} of {total}; could not save {source}: {reason}"
                ).format(
                    saved=len(batch.saved), total=len(batch.sources), source=source, reason=reason
                )
            )
