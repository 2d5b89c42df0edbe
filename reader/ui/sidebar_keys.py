"""Keys that name what the article list can show: a sidebar item, or what the search box found.

One small frozen class per kind of item, so code that needs a feed's id asks for a
``FeedKey`` and gets an ``int``, and a feed and a folder with the same id are different keys.
The window remembers the last list it showed as text (``"feed\\t12"``); :func:`key_text` and
:func:`key_from_text` write and read that form.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.library.views import SmartView


@dataclass(frozen=True, slots=True)
class ViewKey:
    """A smart view: Unread, Today, Starred, Saved, Archive, All."""

    view: SmartView


@dataclass(frozen=True, slots=True)
class FolderKey:
    id: int


@dataclass(frozen=True, slots=True)
class FeedKey:
    id: int


@dataclass(frozen=True, slots=True)
class TagKey:
    """A tag, whatever the case it is written in ("Python" and "python" are one tag)."""

    name: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", self.name.casefold())


@dataclass(frozen=True, slots=True)
class SavedSearchKey:
    id: int


@dataclass(frozen=True, slots=True)
class SectionKey:
    """A section header ("views", "feeds", "tags", …) or, with no name, the tree's root."""

    name: str


@dataclass(frozen=True, slots=True)
class QueryKey:
    """What the search box found for ``text``: a list, but not a sidebar item."""

    text: str


SidebarKey = ViewKey | FolderKey | FeedKey | TagKey | SavedSearchKey | SectionKey
ListKey = SidebarKey | QueryKey

DEFAULT_VIEW = ViewKey(SmartView.UNREAD)
ROOT_KEY = SectionKey("")


def key_text(key: SidebarKey) -> str:
    """``key`` as the text kept in the settings between runs."""
    match key:
        case ViewKey(view):
            return f"view\t{view.value}"
        case FolderKey(folder_id):
            return f"folder\t{folder_id}"
        case FeedKey(feed_id):
            return f"feed\t{feed_id}"
        case TagKey(name):
            return f"tag\t{name}"
        case SavedSearchKey(search_id):
            return f"search\t{search_id}"
        case SectionKey(name):
            return f"section\t{name}"


def key_from_text(text: str) -> SidebarKey | None:
    """The key written by :func:`key_text`, or None for text that names no item."""
    kind, _tab, value = text.partition("\t")
    if not value or "\t" in value:
        return None
    if kind == "view":
        try:
            return ViewKey(SmartView(value))
        except ValueError:
            return None
    if kind == "tag":
        return TagKey(value)
    if not value.isdigit():
        return None
    if kind == "folder":
        return FolderKey(int(value))
    if kind == "feed":
        return FeedKey(int(value))
    if kind == "search":
        return SavedSearchKey(int(value))
    return None
