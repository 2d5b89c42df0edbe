"""Changes to what the sidebar lists (folders, feeds, tags, saved searches), all made one way.

Each command builds a :class:`SidebarEdit` saying what it writes and what to tell the user;
:class:`SidebarEditor` carries it out: ask, if there is a question; step off items that are
going away; write on the write thread; then say what was done, or why it was not.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from typing import Any, NamedTuple

from PySide6.QtCore import QCoreApplication

from reader.app.edit_controller import EditController
from reader.core.errors import UserError
from reader.ui.prompts import Prompts
from reader.ui.sidebar_controller import SidebarController
from reader.ui.sidebar_keys import SidebarKey
from reader.ui.sidebar_model import NodeKind, SidebarNode
from reader.ui.status_bar import StatusBar, sentence
from reader.ui.undo import UndoEntry, UndoStack


class SidebarEdit(NamedTuple):
    # Runs on the write thread; what it returns goes to ``message`` and ``done``.
    write: Callable[[], Any]
    # Shown in the status bar once written.
    message: str | Callable[[Any], str] | None = None
    # (title, question), asked first: "no" changes nothing.
    confirm: tuple[str, str] | None = None
    # Items that go away: if the list shows one, the first view opens instead.
    leaving: Collection[SidebarKey] = ()
    # (old key, new key) of a renamed item, so a list that shows it stays open.
    renaming: tuple[SidebarKey, SidebarKey] | None = None
    # More to do once written (on the GUI thread).
    done: Callable[[Any], None] | None = None
    # When the library refuses the change, say why in a dialog with this title, instead of
    # in the status bar.
    error_title: str | None = None
    # (what was done, how to take it back): offered for undo once written. The second runs on
    # the write thread like ``write``.
    undo: tuple[str, Callable[[], Any]] | None = None


class SidebarEditor:
    def __init__(
        self,
        sidebar: SidebarController,
        edits: EditController,
        prompts: Prompts,
        status: StatusBar,
        undo_stack: UndoStack | None = None,
    ) -> None:
        self._sidebar = sidebar
        self._edits = edits
        self._prompts = prompts
        self._status = status
        self._undo_stack = undo_stack

    def target(self, node: SidebarNode | None, kind: NodeKind, hint: str) -> SidebarNode | None:
        """``node`` (from a context menu), else the sidebar's selection, when it is of
        ``kind``; else None, with ``hint`` in the status bar."""
        node = node or self._sidebar.selected_node()
        if node is None or node.kind is not kind:
            self._status.show_message(hint)
            return None
        return node

    def apply(self, edit: SidebarEdit) -> bool:
        """Carry out ``edit``; False when the user said no."""
        if edit.confirm is not None and not self._prompts.confirm(*edit.confirm):
            return False
        if edit.renaming is not None:
            self._sidebar.follow(*edit.renaming)
        self._sidebar.leave(edit.leaving)
        # Ctrl+Z takes the change back at once (right after OK): the undo's write queues behind
        # this one, as every edit runs in order. The status bar offers it once the change is
        # written, and a refused change is forgotten.
        entry: UndoEntry | None = None
        if edit.undo is not None and self._undo_stack is not None:
            description, write = edit.undo
            back = SidebarEdit(
                write,
                message=QCoreApplication.translate("SidebarEditor", "Undone: {change}").format(
                    change=description
                ),
            )
            entry = UndoEntry(description, lambda: self._undo(back))
            self._undo_stack.push(entry, offer=False)
        self._edits.run(
            edit.write,
            lambda result: self._written(edit, result, entry),
            lambda exc: self._failed(edit, exc, entry),
        )
        return True

    def _written(self, edit: SidebarEdit, result: Any, entry: UndoEntry | None) -> None:
        if edit.done is not None:
            edit.done(result)
        message = edit.message(result) if callable(edit.message) else edit.message
        if message:
            self._status.show_message(message)
        if entry is not None and self._undo_stack is not None:
            self._undo_stack.offer(entry)

    def _undo(self, edit: SidebarEdit) -> None:
        self.apply(edit)

    def _failed(self, edit: SidebarEdit, exc: BaseException, entry: UndoEntry | None) -> None:
        if entry is not None and self._undo_stack is not None:
            self._undo_stack.discard(entry)
        if not isinstance(exc, UserError):
            self._status.show_write_failure(exc)
        elif edit.error_title is not None:
            self._prompts.show_error(edit.error_title, str(exc))
        else:
            self._status.show_message(sentence(str(exc)))
