"""The tag bar above an article: one chip per tag, and an input that completes tag names.

From the keyboard: type a name and press Enter (commas separate several); Tab reaches each
chip, and Delete, Backspace, Enter or Space on a chip removes its tag. Backspace in the empty
input moves to the last chip; Escape leaves the bar.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from PySide6.QtCore import QEvent, QObject, QSize, QStringListModel, Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import QCompleter, QLabel, QLineEdit, QToolButton, QWidget

from reader.ui.flow_layout import FlowLayout
from reader.ui.icons import icon
from reader.ui.key_guard import BUTTON_KEYS, keep_keys
from reader.ui.theme import LIGHT, Theme, tag_chip_colors

CHIP_HEIGHT = 24


def split_tag_input(text: str) -> list[str]:
    """ "a, b ,,c" -> ["a", "b", "c"]: names cleaned of extra spaces, empties dropped."""
    names: list[str] = []
    seen: set[str] = set()
    for part in text.split(","):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            names.append(name)
    return names


class TagChip(QToolButton):
    """A tag; pressing it (click, Enter, Space, Delete or Backspace) removes the tag."""

    remove_requested = Signal(str)

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name = name
        self.setObjectName("tagChip")
        self.setText(name)
        self.setIcon(icon("close"))
        self.setIconSize(QSize(11, 11))
        self.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFixedHeight(CHIP_HEIGHT)
        self.setToolTip(self.tr("Remove the tag “{name}”").format(name=name))
        self.setAccessibleName(self.tr("Tag {name}").format(name=name))
        self.setAccessibleDescription(self.tr("Press Delete to remove this tag"))
        self.clicked.connect(lambda: self.remove_requested.emit(self.name))
        keep_keys(self, (*BUTTON_KEYS, Qt.Key.Key_Delete, Qt.Key.Key_Backspace))
        self.color: str | None = None

    def set_color(self, color: str | None, theme: Theme) -> None:
        """Tint the chip with its tag's colour (None: the theme's plain chip)."""
        self.color = color
        if not color:
            self.setStyleSheet("")
            self.setIcon(icon("close"))
            return
        background, text = tag_chip_colors(color, theme)
        # Only the colours: shape, padding and the focus border come from the window's sheet.
        self.setStyleSheet(
            f"QToolButton#tagChip {{ background-color: {background.name()};"
            f" color: {text.name()}; }}"
        )
        self.setIcon(icon("close", QColor(text)))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (
            Qt.Key.Key_Delete,
            Qt.Key.Key_Backspace,
            Qt.Key.Key_Return,
            Qt.Key.Key_Enter,
        ):
            self.remove_requested.emit(self.name)
            return
        super().keyPressEvent(event)


class TagBar(QWidget):
    """Chips for the shown article's tags and an input for adding more."""

    tags_added = Signal(list)  # names
    tag_removed = Signal(str)
    # Escape in the input: the window gives focus back to the article list.
    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tagBar")
        self._layout = FlowLayout(self, spacing=6)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._label = QLabel(self)
        self._label.setPixmap(icon("tag").pixmap(16, 16))
        self._label.setFixedHeight(CHIP_HEIGHT)
        self._label.setToolTip(self.tr("Tags"))
        self._layout.addWidget(self._label)
        self._chips: list[TagChip] = []
        self.input = QLineEdit(self)
        self.input.setObjectName("tagInput")
        self.input.setPlaceholderText(self.tr("Add tag…"))
        self.input.setAccessibleName(self.tr("Add a tag"))
        self.input.setFixedHeight(CHIP_HEIGHT)
        self.input.setMinimumWidth(110)
        self.input.setMaximumWidth(220)
        self.input.setClearButtonEnabled(False)
        self._names = QStringListModel(self)
        self._completer = QCompleter(self._names, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self._completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        # The pop-up is a window of its own: named, the theme's style sheet gives it the
        # theme's colours and a border that shows on either background.
        popup = self._completer.popup()
        if popup is not None:
            popup.setObjectName("tagCompletions")
        self.input.setCompleter(self._completer)
        self.input.returnPressed.connect(self._commit)
        self.input.installEventFilter(self)
        self._layout.addWidget(self.input)
        self._tags: tuple[str, ...] = ()
        self._focus_after_removal: int | None = None
        self._theme = LIGHT
        self._colors: dict[str, str] = {}

    def refresh_icons(self) -> None:
        """Draw the icons again in the palette's colours (after a theme change)."""
        self._label.setPixmap(icon("tag").pixmap(16, 16))
        for chip in self._chips:
            chip.set_color(chip.color, self._theme)

    def set_theme(self, theme: Theme) -> None:
        self._theme = theme
        self.refresh_icons()

    def set_tag_colors(self, colors: Mapping[str, str | None]) -> None:
        """The colour of each tag by name (None or missing: none); the chips follow."""
        self._colors = {name.casefold(): color for name, color in colors.items() if color}
        for chip in self._chips:
            chip.set_color(self._colors.get(chip.name.casefold()), self._theme)

    @property
    def tags(self) -> tuple[str, ...]:
        return self._tags

    def chips(self) -> list[TagChip]:
        return list(self._chips)

    def set_tags(self, tags: Sequence[str]) -> None:
        tags = tuple(tags)
        if tags == self._tags and len(self._chips) == len(tags):
            return
        had_focus = self._focused_chip() is not None
        for chip in self._chips:
            self._layout.removeWidget(chip)
            chip.deleteLater()
        self._chips = []
        for place, name in enumerate(tags, start=1):
            chip = TagChip(name, self)
            color = self._colors.get(name.casefold())
            if color:
                chip.set_color(color, self._theme)
            chip.remove_requested.connect(self._remove)
            self._layout.insertWidget(place, chip)
            chip.show()
            self._chips.append(chip)
        self._tags = tags
        position, self._focus_after_removal = self._focus_after_removal, None
        if had_focus or position is not None:
            if position is not None and self._chips:
                self._chips[min(position, len(self._chips) - 1)].setFocus()
            else:
                self.input.setFocus()
        self.updateGeometry()

    def set_known_tags(self, names: Sequence[str]) -> None:
        """The names the input offers to complete."""
        self._names.setStringList(sorted(names, key=str.casefold))

    def focus_input(self) -> None:
        self.input.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.input.selectAll()

    def _commit(self) -> None:
        names = split_tag_input(self.input.text())
        existing = {t.casefold() for t in self._tags}
        fresh = [n for n in names if n.casefold() not in existing]
        self.input.clear()
        if fresh:
            self.tags_added.emit(fresh)

    def _remove(self, name: str) -> None:
        # Keep keyboard users in the bar: focus moves to the neighbouring chip or the input.
        names = [c.name for c in self._chips]
        if name in names and self._focused_chip() is not None:
            self._focus_after_removal = names.index(name)
        self.tag_removed.emit(name)

    def _focused_chip(self) -> TagChip | None:
        # The window's focus widget, not hasFocus(): that is false while a pop-up is active.
        focused = self.window().focusWidget()
        return focused if isinstance(focused, TagChip) and focused in self._chips else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.input and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            popup = self._completer.popup()
            if event.key() == Qt.Key.Key_Escape and not (popup is not None and popup.isVisible()):
                self.input.clear()
                self.finished.emit()
                return True
            if event.key() == Qt.Key.Key_Backspace and not self.input.text() and self._chips:
                self._chips[-1].setFocus(Qt.FocusReason.BacktabFocusReason)
                return True
        return super().eventFilter(watched, event)

    def sizeHint(self) -> QSize:
        width = max(self.width(), 300)
        return QSize(width, self._layout.heightForWidth(width))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._layout.heightForWidth(width)
