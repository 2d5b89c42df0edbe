"""Highlighting in the reading pane: making a highlight of the selection (``h``, the context
menu, the floating button), changing its colour or note or removing it (the popup a click on
it opens), and the article's own note. Every change is handed to the library's writer (the
window never waits for it) and can be undone.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QPoint
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from reader.app.edit_controller import EditController
from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.errors import UserError
from reader.core.highlights import Highlight, HighlightColor
from reader.library import Library
from reader.ui.actions import command
from reader.ui.article_pane import ArticlePane
from reader.ui.highlight_layer import COLOR_NAMES, color_actions
from reader.ui.highlight_popup import HighlightPopup
from reader.ui.prompts import Prompts
from reader.ui.reading_controller import ReadingController
from reader.ui.status_bar import StatusBar
from reader.ui.undo import UndoEntry, UndoStack


class HighlightCommandsController(QObject):
    def __init__(
        self,
        *,
        library: Library,
        pane: ArticlePane,
        reading: ReadingController,
        edits: EditController,
        undo_stack: UndoStack,
        prompts: Prompts,
        status: StatusBar,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._pane = pane
        self._layer = pane.highlights
        self._reading = reading
        self._edits = edits
        self._undo = undo_stack
        self._prompts = prompts
        self._status = status
        self.popup: HighlightPopup | None = None
        self._layer.highlight_requested.connect(lambda name: self.highlight(HighlightColor(name)))
        pane.highlight_clicked.connect(self.open_popup)
        pane.note_requested.connect(self.edit_note)
        pane.browser.menu_extender = self._extend_menu

    # -- making ------------------------------------------------------------------------------
    @command(
        "highlight_selection",
        QT_TRANSLATE_NOOP("Action", "&Highlight Selection"),
        "Reading",
        ("H",),
        tip=QT_TRANSLATE_NOOP("Action", "Highlight the selected text (the colour used last)"),
    )
    def highlight_selection(self) -> None:
        self.highlight(self._layer.last_color)

    def highlight(self, color: HighlightColor) -> None:
        """Highlight the pane's selection in ``color``."""
        article = self._pane.article
        if article is None:
            self._status.show_message(self.tr("Select an article, then the text to highlight"))
            return
        span = self._layer.selected_range()
        if span is None:
            self._status.show_message(self.tr("Select some of the article's text to highlight it"))
            return
        article_id = article.id
        start, end = span
        self._layer.set_last_color(color)
        # The selection goes: the highlight replaces it on screen when it is stored.
        cursor = self._pane.browser.textCursor()
        cursor.clearSelection()
        self._pane.browser.setTextCursor(cursor)
        library = self._library
        self._change(
            self.tr("Highlight"),
            lambda: library.highlights.add(article_id, start, end, color=color),
            lambda made: library.highlights.remove(made.id),
            article_id,
            lambda made: self.tr("Highlighted in {colour}").format(
                colour=QCoreApplication.translate("HighlightLayer", COLOR_NAMES[made.color]).lower()
            ),
        )

    # -- changing ----------------------------------------------------------------------------
    def open_popup(self, highlight_id: int, at: QPoint) -> None:
        """The popup for one highlight of the article shown, under ``at`` (global)."""
        highlight = self._layer.get(highlight_id)
        if highlight is None:
            return
        if self.popup is not None:
            self.popup.close()
        popup = HighlightPopup(highlight, self._pane.window())
        popup.color_chosen.connect(lambda name: self.set_color(highlight, HighlightColor(name)))
        popup.note_changed.connect(lambda text: self.set_note(highlight, text))
        popup.remove_requested.connect(lambda: self.remove(highlight))
        popup.destroyed.connect(lambda _obj=None: self._popup_gone(popup))
        self.popup = popup
        popup.show_at(at)

    def _popup_gone(self, popup: HighlightPopup) -> None:
        if self.popup is popup:
            self.popup = None

    def set_color(self, highlight: Highlight, color: HighlightColor) -> None:
        library = self._library
        self._change(
            self.tr("Colour changed"),
            lambda: library.highlights.edit(highlight.id, color=color),
            lambda result: library.highlights.restore_edit(result[0]),
            highlight.article_id,
        )
        self._layer.set_last_color(color)

    def set_note(self, highlight: Highlight, text: str) -> None:
        library = self._library
        note = text or None
        self._change(
            self.tr("Note saved") if note else self.tr("Note removed"),
            lambda: library.highlights.edit(highlight.id, note=note),
            lambda result: library.highlights.restore_edit(result[0]),
            highlight.article_id,
        )

    def remove(self, highlight: Highlight) -> None:
        library = self._library
        self._change(
            self.tr("Highlight removed"),
            lambda: library.highlights.remove(highlight.id),
            library.highlights.restore,
            highlight.article_id,
        )

    # -- the article's note ------------------------------------------------------------------
    @command("edit_note", QT_TRANSLATE_NOOP("Action", "Article &Note…"), "Article", ("Shift+H",))
    def edit_note(self) -> None:
        article = self._pane.article
        if article is None:
            self._status.show_message(self.tr("Select an article to write a note on it"))
            return
        text = self._prompts.ask_long_text(
            self.tr("Note"),
            self.tr("Your note on “{title}”:").format(title=article.title or self.tr("(untitled)")),
            article.note or "",
        )
        if text is None or (text.strip() or None) == (article.note or None):
            return
        article_id = article.id
        library = self._library
        self._change(
            self.tr("Note saved") if text.strip() else self.tr("Note removed"),
            lambda: library.highlights.set_note(article_id, text),
            lambda previous: library.highlights.set_note(article_id, previous),
            article_id,
        )

    # -- the pane's context menu ----------------------------------------------------------------
    def _extend_menu(self, menu: QMenu, pos: QPoint) -> None:
        """Highlighting the selection, or changing the highlight clicked, first in the menu."""
        browser = self._pane.browser
        entries: list[QAction] = []
        if self._layer.selected_range() is not None:
            colors = QMenu(self.tr("&Highlight"), menu)
            for action in color_actions(colors):
                colors.addAction(action)
            colors.triggered.connect(lambda a: self.highlight(HighlightColor(str(a.data()))))
            entries.append(colors.menuAction())
        position = browser.cursorForPosition(pos).position()
        found = self._layer.highlight_at(position) or self._layer.highlight_at(position - 1)
        if found is not None:
            edit = QAction(self.tr("Edit Highlight…"), menu)
            edit.triggered.connect(
                lambda: self.open_popup(found.id, browser.viewport().mapToGlobal(pos))
            )
            remove = QAction(self.tr("Remove Highlight"), menu)
            remove.triggered.connect(lambda: self.remove(found))
            entries += [edit, remove]
        if not entries:
            return
        existing = menu.actions()
        if existing:
            menu.insertActions(existing[0], entries)
            menu.insertSeparator(existing[0])
        else:
            menu.addActions(entries)

    # -- writing -------------------------------------------------------------------------------
    def _write(
        self,
        fn: Callable[[], Any],
        article_id: int,
        done: Callable[[Any], None] | None = None,
    ) -> None:
        """Hand ``fn`` to the writer; a failure is said in the status bar and the pane shows
        what the library holds."""

        def failed(exc: BaseException) -> None:
            message = (
                str(exc)
                if isinstance(exc, UserError)
                else self.tr("Could not save: {exc}").format(exc=exc)
            )
            self._status.show_message(message)
            self._reading.refresh_shown()

        self._edits.run(fn, done, failed, article_ids=[article_id])

    def _change(
        self,
        description: str,
        change: Callable[[], Any],
        undo: Callable[[Any], Any],
        article_id: int,
        message: Callable[[Any], str] | None = None,
    ) -> None:
        """Hand ``change`` to the writer and offer its undo at once: ``undo`` gets what
        ``change`` returned (the highlight made, its state before an edit). Both run on the
        window's one edit thread, in order, so an undo asked for before the change is
        stored still follows it."""
        made: list[Any] = []

        def write() -> Any:
            result = change()
            made.append(result)
            return result

        def done(result: Any) -> None:
            self._reading.refresh_shown()
            self._status.show_message(message(result) if message else description)

        def write_undo() -> None:
            if made:  # else the change itself failed, and was said so
                undo(made[0])

        def take_back() -> None:
            self._write(write_undo, article_id, lambda _result: self._reading.refresh_shown())

        self._write(write, article_id, done)
        self._undo.push(UndoEntry(description, take_back))
