"""Folder and tag commands: make, rename, move and delete folders; rename, colour and delete
tags. From the Feeds menu (on the sidebar's selection) or the sidebar's context menu."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, QLocale, QObject

from reader.app.translations import QT_TRANSLATE_NOOP
from reader.core.errors import DuplicateError, NotFoundError
from reader.core.types import Folder
from reader.library import Library
from reader.ui.actions import WindowActions, command
from reader.ui.article_list_controller import ArticleListController
from reader.ui.article_list_model import FilterSource
from reader.ui.prompts import Prompts
from reader.ui.sidebar_controller import SidebarController
from reader.ui.sidebar_edits import SidebarEdit, SidebarEditor
from reader.ui.sidebar_keys import FolderKey, TagKey
from reader.ui.sidebar_model import NodeKind, SidebarNode
from reader.ui.status_bar import StatusBar

# What the colour dialog starts on for a tag without a colour.
DEFAULT_TAG_COLOUR = "#3a7bd5"


class FolderTagCommandsController(QObject):
    def __init__(
        self,
        *,
        library: Library,
        sidebar: SidebarController,
        articles: ArticleListController,
        editor: SidebarEditor,
        prompts: Prompts,
        status: StatusBar,
        actions: WindowActions,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._library = library
        self._sidebar = sidebar
        self._articles = articles
        self._editor = editor
        self._prompts = prompts
        self._status = status
        self._actions = actions
        # The item a list was opened on before the tree was read is there once it is.
        sidebar.current_changed.connect(self._update_actions)
        sidebar.tree_loaded.connect(self._update_actions)
        self._update_actions()

    def _update_actions(self) -> None:
        node = self._sidebar.selected_node()
        is_tag = node is not None and node.kind is NodeKind.TAG
        is_folder = node is not None and node.kind is NodeKind.FOLDER
        for name in ("rename_tag", "tag_color", "delete_tag"):
            self._actions[name].setEnabled(is_tag)
        for name in ("rename_folder", "delete_folder"):
            self._actions[name].setEnabled(is_folder)

    # -- folders ---------------------------------------------------------------------------------
    @command("new_folder", QT_TRANSLATE_NOOP("Action", "&New Folder…"), "Feeds", icon="folder")
    def new_folder_in_selection(self) -> None:
        self.new_folder(self._sidebar.selected_node())

    def new_folder(self, node: SidebarNode | None = None) -> None:
        """Ask for a name and make a folder: inside ``node`` when it is a folder, else at the
        top level. "A/B" makes a folder B inside A (A made too when missing)."""
        parent: Folder | None = node.payload if node is not None else None
        if node is None or node.kind is not NodeKind.FOLDER or not isinstance(parent, Folder):
            parent = None
        where = (
            self.tr("inside “{name}”").format(name=parent.name)
            if parent
            else self.tr("at the top level")
        )
        text = self._prompts.ask_text(
            self.tr("New folder"), self.tr("Name of the new folder {where}:").format(where=where)
        )
        if text is None:
            return
        parts = [" ".join(part.split()) for part in text.split("/")]
        parts = [part for part in parts if part]
        if not parts:
            self._status.show_message(self.tr("A folder needs a name"))
            return
        library = self._library

        def made(result: tuple[int, str]) -> None:
            self._sidebar.reveal(FolderKey(result[0]))

        self._editor.apply(
            SidebarEdit(
                lambda: _create_folder(library, parent, parts),
                message=lambda result: self.tr("Made the folder “{value}”").format(value=result[1]),
                done=made,
            )
        )

    @command("rename_folder", QT_TRANSLATE_NOOP("Action", "Rena&me Folder…"), "Feeds")
    def rename_folder(self, node: SidebarNode | None = None) -> None:
        node = self._editor.target(node, NodeKind.FOLDER, self.tr("Select a folder to rename it"))
        if node is None:
            return
        folder: Folder = node.payload
        old = node.title
        text = self._prompts.ask_text(
            self.tr("Rename folder"), self.tr("New name for “{old}”:").format(old=old), old
        )
        if text is None:
            return
        new = " ".join(text.split())
        if not new:
            self._status.show_message(self.tr("A folder needs a name"))
            return
        if "/" in new:
            self._status.show_message(
                self.tr("A folder name cannot hold “/” (drag feeds to move them instead)")
            )
            return
        if new == old:
            return
        library, key = self._library, node.key

        def rename() -> None:
            _check_folder_exists(library.list_folders(), folder.id, old)
            library.rename_folder(folder.id, new)  # refuses a name a sibling has

        def renamed(_result: object) -> None:
            if self._sidebar.current_key == key and isinstance(self._articles.source, FilterSource):
                self._articles.retitle(new)

        self._editor.apply(
            SidebarEdit(
                rename,
                message=self.tr("Renamed the folder “{old}” to “{new}”").format(old=old, new=new),
                done=renamed,
            )
        )

    @command(
        "delete_folder", QT_TRANSLATE_NOOP("Action", "Delete &Folder…"), "Feeds", icon="delete"
    )
    def delete_folder(self, node: SidebarNode | None = None) -> None:
        node = self._editor.target(node, NodeKind.FOLDER, self.tr("Select a folder to delete it"))
        if node is None:
            return
        folder: Folder = node.payload
        name = node.title
        inside = [n for n in node.walk() if n is not node]
        subfolders = sum(1 for n in inside if n.kind is NodeKind.FOLDER)
        feeds = sum(1 for n in inside if n.kind is NodeKind.FEED)
        if subfolders:
            question = self.tr(
                "Delete the folder “{name}” and the %n folder(s) inside it?", "", subfolders
            ).format(name=name)
        else:
            question = self.tr("Delete the folder “{name}”?").format(name=name)
        if feeds:
            moves = self.tr("Its %n feed(s) move(s) to the top level.", "", feeds)
            question += "\n\n" + moves + " " + self.tr("No feeds or articles are deleted.")
        else:
            question += "\n\n" + self.tr("No feeds or articles are deleted.")
        library = self._library

        def delete() -> None:
            _check_folder_exists(library.list_folders(), folder.id, name)
            library.delete_folder(folder.id)

        self._editor.apply(
            SidebarEdit(
                delete,
                message=self.tr("Deleted the folder “{name}”").format(name=name),
                confirm=(self.tr("Delete folder"), question),
                leaving={n.key for n in node.walk() if n.kind is NodeKind.FOLDER},
            )
        )

    def move_folders(self, folder_ids: list[int], parent_id: int | None) -> None:
        """Put the folders (dragged in the sidebar) inside ``parent_id``, or at the top level."""
        library = self._library
        nodes = [self._sidebar.node(FolderKey(i)) for i in folder_ids]
        moved = [(folder_id, n.title) for folder_id, n in zip(folder_ids, nodes, strict=True) if n]
        target = self._sidebar.node(FolderKey(parent_id)) if parent_id else None
        target_name = target.title if target is not None else None
        parents = {
            folder_id: node.payload.parent_id
            for folder_id, node in zip(folder_ids, nodes, strict=True)
            if node is not None and isinstance(node.payload, Folder)
        }

        def move_back() -> None:
            for folder_id, old_parent in parents.items():
                library.move_folder(folder_id, old_parent)

        def move() -> None:
            for folder_id, name in moved:
                folders = library.list_folders()
                _check_folder_exists(folders, folder_id, name)
                if parent_id is not None and target_name is not None:
                    _check_folder_exists(folders, parent_id, target_name)
                library.move_folder(folder_id, parent_id)  # refuses a name taken there

        locale = QLocale()
        names = locale.createSeparatedList([locale.quoteString(name) for _, name in moved])
        message = (
            self.tr("Moved {names} into “{target_name}”").format(
                names=names, target_name=target_name
            )
            if target_name
            else self.tr("Moved {names} to the top level").format(names=names)
        )
        self._editor.apply(SidebarEdit(move, message=message, undo=(message, move_back)))

    # -- tags ------------------------------------------------------------------------------------
    @command("rename_tag", QT_TRANSLATE_NOOP("Action", "&Rename Tag…"), "Feeds")
    def rename_tag(self, node: SidebarNode | None = None) -> None:
        node = self._editor.target(node, NodeKind.TAG, self.tr("Select a tag to rename it"))
        if node is None:
            return
        old = node.title
        typed = self._prompts.ask_text(
            self.tr("Rename tag"), self.tr("New name for “{old}”:").format(old=old), old
        )
        new = " ".join((typed or "").split())
        if typed is None or not new or new == old:
            return
        library = self._library
        self._editor.apply(
            SidebarEdit(
                lambda: library.rename_tag(old, new),
                message=self.tr("Renamed the tag “{old}” to “{new}”").format(old=old, new=new),
                renaming=(node.key, TagKey(new)),
            )
        )

    @command("tag_color", QT_TRANSLATE_NOOP("Action", "Tag &Colour…"), "Feeds")
    def choose_tag_color(self, node: SidebarNode | None = None) -> None:
        node = self._editor.target(node, NodeKind.TAG, self.tr("Select a tag to give it a colour"))
        if node is None:
            return
        chosen = self._prompts.pick_colour(
            self.tr("Colour for the tag “{title}”").format(title=node.title),
            node.color or DEFAULT_TAG_COLOUR,
        )
        if chosen is not None:
            self.set_tag_color(node, chosen)

    def set_tag_color(self, node: SidebarNode, color: str | None) -> None:
        """Give the tag of ``node`` a colour ("#rrggbb"), or take its colour away (None)."""
        name = node.title
        library = self._library
        self._editor.apply(
            SidebarEdit(
                lambda: library.set_tag_color(name, color),
                message=self.tr("The tag “{name}” is now {color}").format(name=name, color=color)
                if color
                else self.tr("The tag “{name}” has no colour").format(name=name),
            )
        )

    @command("delete_tag", QT_TRANSLATE_NOOP("Action", "&Delete Tag…"), "Feeds", icon="delete")
    def delete_tag(self, node: SidebarNode | None = None) -> None:
        node = self._editor.target(node, NodeKind.TAG, self.tr("Select a tag to delete it"))
        if node is None:
            return
        name = node.title
        library = self._library
        self._editor.apply(
            SidebarEdit(
                lambda: library.delete_tag(name),
                message=self.tr("Deleted the tag “{name}”").format(name=name),
                confirm=(
                    self.tr("Delete tag"),
                    self.tr("Delete the tag “{name}”? The articles themselves stay.").format(
                        name=name
                    ),
                ),
                leaving={node.key},
            )
        )


def _check_folder_exists(folders: Sequence[Folder], folder_id: int, name: str) -> None:
    """The folder the sidebar showed is still there. The library would take a stale id for
    the path of a folder named by that number, and SQLite may give a deleted folder's id to
    the next one made: the name must match too."""
    if not any(f.id == folder_id and f.name == name for f in folders):
        raise NotFoundError(
            QCoreApplication.translate(
                "FolderTagCommands", "the folder “{name}” is no longer there"
            ).format(name=name)
        )


def _create_folder(
    library: Library, parent: Folder | None, parts: Sequence[str]
) -> tuple[int, str]:
    """Make the folder ``parts`` (a path of names) inside ``parent``; folders on the way that
    exist already (in any case) are used as they are, the last one may not. Runs on the write
    thread; returns the new folder's id and path."""
    paths = dict(library.folder_paths())
    prefix: list[str] = []
    if parent is not None:
        _check_folder_exists(library.list_folders(), parent.id, parent.name)
        prefix = [paths[parent.id]]
    wanted = "/".join([*prefix, *parts])
    taken = next((path for path in paths.values() if path.casefold() == wanted.casefold()), None)
    if taken is not None:
        raise DuplicateError(
            QCoreApplication.translate(
                "FolderTagCommands", "there is already a folder “{name}” there"
            ).format(name=taken.rsplit("/", 1)[-1])
        )
    folder_id = library.create_folder(wanted)
    return folder_id, dict(library.folder_paths())[folder_id]
