"""Every command of the window, as one QAction each: menus, toolbar, context menus and the
shortcut list all use these same objects."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import QWidget

from reader.ui.icons import icon


@dataclass(frozen=True)
class ActionSpec:
    name: str
    text: str
    group: str
    shortcuts: tuple[str, ...] = ()
    icon: str | None = None
    tip: str | None = None
    checkable: bool = False


SPECS: tuple[ActionSpec, ...] = (
    # Library
    ActionSpec(
        "add_feed",
        "&Add Feed…",
        "Library",
        ("Ctrl+N",),
        "add-feed",
        "Subscribe to a feed or a site",
    ),
    ActionSpec(
        "save_article",
        "&Save Article…",
        "Library",
        ("Ctrl+L",),
        "save",
        "Save an article from the web or a file",
    ),
    ActionSpec(
        "import",
        "&Import…",
        "Library",
        ("Ctrl+I",),
        "import",
        "Import subscriptions (OPML) or articles",
    ),
    ActionSpec(
        "export",
        "&Export…",
        "Library",
        ("Ctrl+Shift+E",),
        "export",
        "Export subscriptions or articles",
    ),
    ActionSpec(
        "refresh_all",
        "&Refresh All",
        "Library",
        ("F5",),
        "refresh",
        "Fetch new articles from every feed",
    ),
    ActionSpec(
        "refresh_feed",
        "Refresh &Feed",
        "Library",
        ("R",),
        None,
        "Fetch new articles from the selected feed or folder",
    ),
    ActionSpec("cancel_refresh", "Stop Refreshing", "Library", (), None),
    ActionSpec("preferences", "&Preferences…", "Library", ("Ctrl+,",), "settings"),
    ActionSpec("quit", "&Quit", "Library", ("Ctrl+Q",)),
    # Reading
    ActionSpec("next_article", "&Next Article", "Reading", ("J",)),
    ActionSpec("previous_article", "&Previous Article", "Reading", ("K",)),
    ActionSpec("next_unread", "Next &Unread", "Reading", ("N",)),
    ActionSpec("previous_unread", "Previous Unr&ead", "Reading", ("P",)),
    ActionSpec("page_down", "Page Down, Then Next Unread", "Reading", ("Space",)),
    ActionSpec(
        "open_in_browser",
        "&Open in Browser",
        "Reading",
        ("O",),
        "open-browser",
        "Open the article's page in your web browser",
    ),
    ActionSpec("copy_link", "&Copy Link", "Reading", ("Ctrl+Shift+C",), "copy-link"),
    ActionSpec("focus_search", "&Search", "Reading", ("/", "Ctrl+F"), "search"),
    # Article
    ActionSpec("toggle_read", "Mark &Read / Unread", "Article", ("M",), "mark-unread"),
    ActionSpec("toggle_star", "S&tar / Unstar", "Article", ("S",), "star", "Star the article"),
    ActionSpec(
        "toggle_archive",
        "&Archive / Unarchive",
        "Article",
        ("E",),
        "archive",
        "Move the article to the archive",
    ),
    ActionSpec("edit_tags", "&Tag…", "Article", ("T",), "tag", "Add a tag"),
    ActionSpec("delete", "&Delete", "Article", ("Delete",), "delete", "Delete the article"),
    ActionSpec(
        "mark_all_read",
        "Mark All as Rea&d",
        "Article",
        ("Shift+A",),
        "mark-read",
        "Mark every article in this list read",
    ),
    ActionSpec("undo", "&Undo", "Article", ("Ctrl+Z",), "undo"),
    # Feeds and tags (menus and context menus)
    ActionSpec("feed_properties", "Feed &Properties…", "Feeds", (), "properties"),
    ActionSpec("unsubscribe", "&Unsubscribe…", "Feeds", (), "delete"),
    ActionSpec("new_folder", "&New Folder…", "Feeds", (), "folder"),
    ActionSpec("rename_folder", "Rena&me Folder…", "Feeds", ()),
    ActionSpec("delete_folder", "Delete &Folder…", "Feeds", (), "delete"),
    ActionSpec("rename_tag", "&Rename Tag…", "Feeds", ()),
    ActionSpec("tag_color", "Tag &Colour…", "Feeds", ()),
    ActionSpec("delete_tag", "&Delete Tag…", "Feeds", (), "delete"),
    # View
    ActionSpec("zoom_in", "Zoom &In", "View", ("Ctrl++", "Ctrl+="), "zoom-in"),
    ActionSpec("zoom_out", "Zoom &Out", "View", ("Ctrl+-",), "zoom-out"),
    ActionSpec("zoom_reset", "&Actual Size", "View", ("Ctrl+0",)),
    ActionSpec("oldest_first", "&Oldest First", "View", (), "sort", checkable=True),
    ActionSpec("theme_system", "Follow the &System", "View", (), checkable=True),
    ActionSpec("theme_light", "&Light", "View", (), checkable=True),
    ActionSpec("theme_dark", "&Dark", "View", (), checkable=True),
    ActionSpec("shortcuts", "&Keyboard Shortcuts", "Help", ("?", "F1"), "keyboard"),
)


class WindowActions:
    """The window's actions by name: ``actions["toggle_star"]`` or ``actions.toggle_star``."""

    def __init__(self, parent: QWidget) -> None:
        self._actions: dict[str, QAction] = {}
        for spec in SPECS:
            action = QAction(spec.text, parent)
            action.setObjectName(spec.name)
            if spec.shortcuts:
                action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
                action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            if spec.icon:
                action.setIcon(icon(spec.icon))
            tip = spec.tip or spec.text.replace("&", "").rstrip("…")
            if spec.shortcuts:
                tip = f"{tip} ({_native(spec.shortcuts[0])})"
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.setCheckable(spec.checkable)
            parent.addAction(action)
            self._actions[spec.name] = action
        self.theme_group = QActionGroup(parent)
        for name in ("theme_system", "theme_light", "theme_dark"):
            self.theme_group.addAction(self._actions[name])

    def __getitem__(self, name: str) -> QAction:
        return self._actions[name]

    def __getattr__(self, name: str) -> QAction:
        try:
            return self.__dict__["_actions"][name]  # type: ignore[no-any-return]
        except KeyError as exc:
            raise AttributeError(name) from exc

    def all(self) -> dict[str, QAction]:
        return dict(self._actions)


def _native(shortcut: str) -> str:
    text = QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)
    # A plain letter is typed without Shift: show it as typed.
    return text.lower() if len(text) == 1 and text.isalpha() else text


def shortcut_rows() -> list[tuple[str, str, str]]:
    """(group, what it does, keys) for every action that has a shortcut."""
    rows = []
    for spec in SPECS:
        if spec.shortcuts:
            keys = ", ".join(_native(s) for s in spec.shortcuts)
            rows.append((spec.group, spec.text.replace("&", "").rstrip("…"), keys))
    return rows
