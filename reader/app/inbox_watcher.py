"""The inbox folder: pages saved from the browser as files (Save Page As, "Save as text") land
there, and Folio saves each one and moves it out of the way.

A file is taken once it stops changing: its size and time of change (and those of the
``NAME_files`` folder a browser writes beside a complete page) are the same at two looks a
moment apart. Saving runs on a worker thread through the library. The file then moves to the
``done`` subfolder, or to ``failed`` with ``NAME.reason.txt`` saying why; a name already taken
there gets a number. Nothing is ever deleted.

One Folio at a time watches a folder (a lock named after it), so two windows on two libraries
never take the same file.
"""

from __future__ import annotations

import logging
import os
import shutil
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, Qt, QTimer, Signal, Slot

from reader.app.single_instance import ProcessLock, instance_key, runtime_dir
from reader.core.errors import UserError
from reader.core.types import SaveResult
from reader.library import Library

log = logging.getLogger(__name__)

DONE_FOLDER = "done"
FAILED_FOLDER = "failed"
REASON_SUFFIX = ".reason.txt"
# How often files waiting to settle are looked at; two equal looks in a row take a file.
CHECK_INTERVAL_MS = 1000
# An empty file is usually one a browser has just created: it must stay empty this many
# looks before it counts as finished (and fails, being empty).
EMPTY_LOOKS = 10
# The folder is listed again now and then: a change notice can be missed (network folders,
# a folder that was away and came back).
RESCAN_INTERVAL_MS = 30_000
# What browsers call the folder of pictures they write beside a complete page (Firefox and
# Chrome, English and German).
COMPANION_ENDINGS = ("_files", "-files", "-Dateien", "_Dateien")
_MAX_COMPANION_ENTRIES = 5000


def is_inbox_file(name: str) -> bool:
    """A page, text or Markdown file the inbox takes (not a hidden or partial download,
    not a reason file put back by hand)."""
    if name.startswith(".") or name.lower().endswith(REASON_SUFFIX):
        return False
    # Imported here: the saving code is loaded when a file comes, not with the window.
    from reader.library.saving import SAVABLE_SUFFIXES

    return Path(name).suffix.lower() in SAVABLE_SUFFIXES


def companion_folder(path: Path) -> Path | None:
    for ending in COMPANION_ENDINGS:
        candidate = path.with_name(path.stem + ending)
        if candidate.is_dir() and not candidate.is_symlink():
            return candidate
    return None


Signature = tuple[int, int, int, int, int]


def file_signature(path: Path) -> Signature | None:
    """Size and change time of the file and of its companion folder; None when it is gone."""
    try:
        info = path.stat()
    except OSError:
        return None
    count = total = newest = 0
    companion = companion_folder(path)
    if companion is not None:
        for root, _dirs, files in os.walk(companion):
            for name in files:
                try:
                    entry = Path(root, name).stat()
                except OSError:
                    continue
                count += 1
                total += entry.st_size
                newest = max(newest, entry.st_mtime_ns)
                if count >= _MAX_COMPANION_ENTRIES:
                    break
            if count >= _MAX_COMPANION_ENTRIES:
                break
    return (info.st_size, info.st_mtime_ns, count, total, newest)


def _numbered(stem: str, suffix: str, number: int) -> str:
    return f"{stem}{suffix}" if number == 1 else f"{stem} ({number}){suffix}"


def move_aside(path: Path, into: Path) -> Path:
    """Move ``path`` (and its companion folder) into the folder ``into``, under a name not
    taken there: ``page.html``, else ``page (2).html``… Returns where the file went."""
    into.mkdir(exist_ok=True)
    companion = companion_folder(path)
    ending = companion.name[len(path.stem) :] if companion is not None else ""
    number = 1
    while True:
        target = into / _numbered(path.stem, path.suffix, number)
        companion_target = (
            into / _numbered(path.stem, ending, number) if companion is not None else None
        )
        taken = [target, target.with_name(target.name + REASON_SUFFIX)]
        if companion_target is not None:
            taken.append(companion_target)
        if not any(p.exists() or p.is_symlink() for p in taken):
            break
        number += 1
    # A rename within the folder; shutil.move copies first when ``into`` is elsewhere and
    # removes the original only once the copy is complete.
    shutil.move(str(path), str(target))
    if companion is not None and companion_target is not None:
        try:
            shutil.move(str(companion), str(companion_target))
        except OSError as exc:
            log.warning("could not move %s beside %s: %s", companion, target, exc)
    return target


@dataclass
class _Waiting:
    signature: Signature | None = None
    equal_looks: int = 0


@dataclass
class _Outcome:
    """What became of one file (sent whole: PySide6 on Python 3.11 miscounts None sent
    through queued connections)."""

    folder: Path
    name: str
    result: SaveResult | None
    reason: str
    moved_to: Path | None
    move_error: str


class InboxWatcher(QObject):
    """Watches one folder while the window runs.

    ``saved(name, SaveResult)`` and ``failed(name, reason)`` report each file;
    ``message(text)`` says the same for the status bar, and ``problem(text)`` what keeps the
    folder from being watched. ``looked()`` follows each look at the files still settling.
    """

    saved = Signal(str, object)
    failed = Signal(str, str)
    message = Signal(str)
    problem = Signal(str)
    looked = Signal()
    _finished = Signal(object)  # _Outcome

    def __init__(
        self,
        library: Library,
        *,
        check_interval_ms: int = CHECK_INTERVAL_MS,
        rescan_interval_ms: int = RESCAN_INTERVAL_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._folder: Path | None = None
        self._lock: ProcessLock | None = None
        self._waiting: dict[str, _Waiting] = {}
        self._saving: set[str] = set()
        # Files that could not be moved away: taking them again would save them again.
        self._stuck: set[str] = set()
        self._missing_said = False
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="folio-inbox")
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._scan)
        self._look_timer = QTimer(self)
        self._look_timer.setInterval(check_interval_ms)
        self._look_timer.timeout.connect(self._look)
        self._rescan_timer = QTimer(self)
        self._rescan_timer.setInterval(rescan_interval_ms)
        self._rescan_timer.timeout.connect(self._scan)
        self._finished.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @property
    def folder(self) -> Path | None:
        """The folder watched, or None (none chosen, or another Folio watches it)."""
        return self._folder

    @property
    def busy(self) -> bool:
        return bool(self._waiting or self._saving)

    def set_folder(self, folder: Path | None) -> None:
        """Watch ``folder`` (None: watch nothing); what is in it already is taken now."""
        self._stop()
        if folder is None or not str(folder).strip():
            return
        folder = Path(folder).expanduser().absolute()
        try:
            lock = ProcessLock(runtime_dir() / f"folio-inbox-{instance_key(folder)}.lock")
        except UserError as exc:
            self.problem.emit(str(exc))
            return
        if not lock.acquire():
            self.problem.emit(
                QCoreApplication.translate(
                    "InboxWatcher",
                    "Another Folio window takes the files of the inbox folder {folder}",
                ).format(folder=folder)
            )
            return
        self._lock = lock
        self._folder = folder
        self._rescan_timer.start()
        self._scan()

    def _stop(self) -> None:
        self._look_timer.stop()
        self._rescan_timer.stop()
        directories = self._watcher.directories()
        if directories:
            self._watcher.removePaths(directories)
        self._waiting.clear()
        self._stuck.clear()
        self._missing_said = False
        self._folder = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def shutdown(self) -> None:
        """Stop watching; a file being saved is finished and moved first."""
        self._stop()
        self._pool.shutdown(wait=True, cancel_futures=True)

    @Slot()
    def _scan(self, *_args: object) -> None:
        folder = self._folder
        if folder is None:
            return
        if not folder.is_dir():
            if not self._missing_said:
                self._missing_said = True
                self.problem.emit(
                    QCoreApplication.translate(
                        "InboxWatcher",
                        "The inbox folder {folder} is not there; Folio takes files from it"
                        " once it is back",
                    ).format(folder=folder)
                )
            return
        if not os.access(folder, os.W_OK | os.X_OK):
            if not self._missing_said:
                self._missing_said = True
                self.problem.emit(
                    QCoreApplication.translate(
                        "InboxWatcher",
                        "Folio cannot move files out of the inbox folder {folder}, so it takes"
                        " none: the folder is read-only",
                    ).format(folder=folder)
                )
            return
        self._missing_said = False
        if str(folder) not in self._watcher.directories():
            self._watcher.addPath(str(folder))
        try:
            entries = list(os.scandir(folder))
        except OSError as exc:
            log.warning("cannot list the inbox folder %s: %s", folder, exc)
            return
        for entry in entries:
            name = entry.name
            if name in self._waiting or name in self._saving or name in self._stuck:
                continue
            try:
                is_file = entry.is_file()
            except OSError:
                continue
            if is_file and is_inbox_file(name):
                self._waiting[name] = _Waiting()
        if self._waiting and not self._look_timer.isActive():
            self._look_timer.start()

    @Slot()
    def _look(self) -> None:
        folder = self._folder
        if folder is None:
            self._look_timer.stop()
            return
        for name, waiting in list(self._waiting.items()):
            signature = file_signature(folder / name)
            if signature is None:
                del self._waiting[name]
                continue
            if signature == waiting.signature:
                waiting.equal_looks += 1
            else:
                waiting.signature = signature
                waiting.equal_looks = 0
            needed = EMPTY_LOOKS if signature[0] == 0 else 1
            if waiting.equal_looks >= needed:
                del self._waiting[name]
                self._take(folder, name)
        if not self._waiting:
            self._look_timer.stop()
        self.looked.emit()

    def _take(self, folder: Path, name: str) -> None:
        self._saving.add(name)
        library = self._library

        def work() -> None:
            path = folder / name
            result: SaveResult | None = None
            reason = ""
            try:
                result = library.save_file(path)
            except UserError as exc:
                reason = str(exc)
            except Exception as exc:
                log.error("saving %s from the inbox failed\n%s", path, traceback.format_exc())
                reason = self.tr("internal error: {kind}: {exc}").format(
                    kind=type(exc).__name__, exc=exc
                )
            moved_to: Path | None = None
            move_error = ""
            try:
                moved_to = move_aside(path, folder / (DONE_FOLDER if result else FAILED_FOLDER))
            except OSError as exc:
                move_error = str(exc)
                log.warning("could not move %s out of the inbox: %s", path, exc)
            if moved_to is not None and result is None:
                try:
                    _write_reason(moved_to, name, reason)
                except OSError as exc:
                    log.warning("could not write why %s failed: %s", moved_to, exc)
            self._finished.emit(_Outcome(folder, name, result, reason, moved_to, move_error))

        self._pool.submit(work)

    @Slot(object)
    def _deliver(self, outcome: _Outcome) -> None:
        self._saving.discard(outcome.name)
        if outcome.move_error:
            self._stuck.add(outcome.name)
            self.problem.emit(
                QCoreApplication.translate(
                    "InboxWatcher",
                    "Could not move {name} out of the inbox folder ({error}); it stays there"
                    " and is not taken again until Folio starts anew",
                ).format(name=outcome.name, error=outcome.move_error)
            )
        if outcome.result is not None:
            result = outcome.result
            text = (
                QCoreApplication.translate("InboxWatcher", "Saved “{title}” from the inbox folder")
                if result.created
                else QCoreApplication.translate(
                    "InboxWatcher", "Updated “{title}” from the inbox folder"
                )
            )
            self.message.emit(text.format(title=result.article.title))
            self.saved.emit(outcome.name, result)
        else:
            text = (
                QCoreApplication.translate(
                    "InboxWatcher",
                    "Could not save {name} from the inbox folder: {reason} (it is in “failed”)",
                )
                if outcome.moved_to is not None
                else QCoreApplication.translate(
                    "InboxWatcher", "Could not save {name} from the inbox folder: {reason}"
                )
            )
            self.message.emit(text.format(name=outcome.name, reason=outcome.reason))
            self.failed.emit(outcome.name, outcome.reason)
        if outcome.folder == self._folder:
            # The folder may have changed while this file was saved.
            self._scan()


def _write_reason(moved_to: Path, name: str, reason: str) -> None:
    when = datetime.now().astimezone().strftime("%Y-%m-%d %H:%M")
    moved_to.with_name(moved_to.name + REASON_SUFFIX).write_text(
        QCoreApplication.translate(
            "InboxWatcher",
            "Folio could not save {name} ({when}):\n{reason}\n\nMove the "
            "file back into the inbox folder to try again.\n",
        ).format(name=name, when=when, reason=reason),
        encoding="utf-8",
    )
