"""Library change notifications, brought to the GUI thread and gathered into batches."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer, Signal, Slot

from reader.core.file_warnings import FilesReplaced
from reader.library import Library


@dataclass
class ChangeBatch:
    """What changed since the last batch.

    ``article_ids`` are the articles named by notifications; ``everything`` is set when a
    notification named none (a bulk change), so lists should reload as a whole.
    """

    kinds: set[str] = field(default_factory=set)
    article_ids: set[int] = field(default_factory=set)
    feed_ids: set[int] = field(default_factory=set)
    # Articles whose highlights changed.
    highlight_ids: set[int] = field(default_factory=set)
    everything: bool = False

    @property
    def articles(self) -> bool:
        return bool(self.kinds & {"articles", "tags"}) or self.everything

    @property
    def feeds(self) -> bool:
        return "feeds" in self.kinds or "folders" in self.kinds

    @property
    def tags(self) -> bool:
        return "tags" in self.kinds


class LibraryEvents(QObject):
    """Listens to the library on any thread; emits ``changed`` on the GUI thread.

    Notifications that arrive within ``delay_ms`` of each other become one batch, so a refresh
    that stores two thousand feeds does not recount the sidebar two thousand times.
    """

    changed = Signal(object)  # ChangeBatch
    warned = Signal(str)  # something the user should know about the library file, said once
    _posted = Signal(str, object)
    _warning_posted = Signal(str)

    def __init__(self, library: Library, *, delay_ms: int = 40, parent: QObject | None = None):
        super().__init__(parent)
        self._library = library
        self._pending = ChangeBatch()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(delay_ms)
        self._timer.timeout.connect(self.flush)
        self._posted.connect(self._collect, Qt.ConnectionType.QueuedConnection)
        self._warning_posted.connect(self.warned, Qt.ConnectionType.QueuedConnection)
        library.add_listener(self._listener)

    def _listener(self, kind: str, detail: Any) -> None:
        # Called on whatever thread changed the library; the queued connection hops over.
        if kind == "warning":
            self._warning_posted.emit(_warning_text(detail))
            return
        # The detail travels as a list (or an empty tuple for "none"), never as a bare None,
        # which PySide6 on Python 3.11 miscounts across threads.
        ids = _int_ids(detail)
        self._posted.emit(kind, () if ids is None else ids)

    @Slot(str, object)
    def _collect(self, kind: str, posted: Any) -> None:
        detail = None if isinstance(posted, tuple) else posted
        batch = self._pending
        batch.kinds.add(kind)
        ids = _int_ids(detail)
        if kind in ("articles", "tags"):
            if ids is None:
                batch.everything = kind == "articles" or batch.everything
            else:
                batch.article_ids.update(ids)
        elif kind == "highlights" and ids is not None:
            batch.highlight_ids.update(ids)
        elif kind in ("feeds", "folders") and ids is not None:
            batch.feed_ids.update(ids)
        if not self._timer.isActive():
            self._timer.start()

    @Slot()
    def flush(self) -> None:
        """Emit what has gathered now (tests and shutdown call this directly)."""
        self._timer.stop()
        batch, self._pending = self._pending, ChangeBatch()
        if batch.kinds:
            self.changed.emit(batch)

    def detach(self) -> None:
        self._timer.stop()
        self._library.remove_listener(self._listener)


def _warning_text(detail: Any) -> str:
    if not isinstance(detail, FilesReplaced):
        return str(detail)
    # On whatever thread wrote: translated without a QObject, in the window's language.
    return QCoreApplication.translate(
        "LibraryEvents",
        "Another program replaced {files} while Folio had the library open; Folio reopened"
        " the library and kept your change. If something you did just before is missing,"
        " please do it again.",
    ).format(files=", ".join(detail.names))


def _int_ids(detail: Any) -> list[int] | None:
    if detail is None:
        return None
    if isinstance(detail, int):
        return [detail]
    if isinstance(detail, Iterable) and not isinstance(detail, (str, bytes)):
        return [d for d in detail if isinstance(d, int)]
    return None
