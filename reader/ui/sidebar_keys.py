"""Keys that name what the article list can show: a sidebar item, or what the search box found.

One small class per kind of item, so code that needs a feed's id asks for a ``FeedKey`` and
gets an ``int``, and a feed and a folder with the same id are different keys.
The window remembers the last list it showed as text (``"feed\\t12"``); :func:`key_text` and
:func:`key_from_text` write and read that form.
"""

from __future__ import annotations

from typing import Literal, NamedTuple

from reader.library.views import SmartView

# Named tuples rather than dataclasses: the window's start defines them, and a named tuple
# costs a fraction of a frozen dataclass to define. As tuples compare by value, each carries
# its kind, so that FeedKey(3) and FolderKey(3) stay different keys.


class ViewKey(NamedTuple):
    """A smart view: Unread, Today, Starred, Saved, Archive, All."""

    view: SmartView
    kind: Literal["view"] = "view"


class HighlightsKey(NamedTuple):
    """The library's highlights, newest first (a list of highlights, not of articles)."""

    kind: Literal["highlights"] = "highlights"


class FolderKey(NamedTuple):
    id: int
    kind: Literal["folder"] = "folder"


class FeedKey(NamedTuple):
    id: int
    kind: Literal["feed"] = "feed"


class _TagKey(NamedTuple):
    name: str
    kind: Literal["tag"] = "tag"


class TagKey(_TagKey):
    """A tag, whatever the case it is written in ("Python" and "python" are one tag)."""

    __slots__ = ()

    def __new__(cls, name: str) -> TagKey:
        return super().__new__(cls, name.casefold())


class SavedSearchKey(NamedTuple):
    id: int
    kind: Literal["search"] = "search"


class AccountKey(NamedTuple):
    """The sync account (a library has one at most). Not a list: it opens the account."""

    kind: Literal["account"] = "account"


class SectionKey(NamedTuple):
    """A section header ("views", "feeds", "tags", …) or, with no name, the tree's root."""

    name: str
    kind: Literal["section"] = "section"


class QueryKey(NamedTuple):
    """What the search box found for ``text``: a list, but not a sidebar item."""

    text: str
    kind: Literal["query"] = "query"


SidebarKey = (
    ViewKey
    | HighlightsKey
    | FolderKey
    | FeedKey
    | TagKey
    | SavedSearchKey
    | AccountKey
    | SectionKey
)
ListKey = SidebarKey | QueryKey

DEFAULT_VIEW = ViewKey(SmartView.UNREAD)
ROOT_KEY = SectionKey("")


def key_text(key: SidebarKey) -> str:
    """``key`` as the text kept in the settings between runs."""
    match key:
        case ViewKey(view):
            return f"view\t{view.value}"
        case HighlightsKey():
            return "highlights"
        case FolderKey(folder_id):
            return f"folder\t{folder_id}"
        case FeedKey(feed_id):
            return f"feed\t{feed_id}"
        case TagKey(name):
            return f"tag\t{name}"
        case SavedSearchKey(search_id):
            return f"search\t{search_id}"
        case AccountKey():
            # Never the list shown, so never read back (see key_from_text).
            return "account"
        case SectionKey(name):
            return f"section\t{name}"


def key_from_text(text: str) -> SidebarKey | None:
    """The key written by :func:`key_text`, or None for text that names no item."""
    if text == "highlights":
        return HighlightsKey()
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
