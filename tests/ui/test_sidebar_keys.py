"""Sidebar keys: one kind per class, and the text the window keeps between runs."""

from __future__ import annotations

import pytest

from reader.library.views import SmartView
from reader.ui.sidebar_keys import (
    FeedKey,
    FolderKey,
    HighlightsKey,
    SavedSearchKey,
    SidebarKey,
    TagKey,
    ViewKey,
    key_from_text,
    key_text,
)


def test_kinds_with_the_same_id_are_different_keys() -> None:
    by_key: dict[SidebarKey, str] = {FolderKey(3): "folder"}
    assert FeedKey(3) not in by_key
    assert len({FeedKey(3), FolderKey(3), SavedSearchKey(3)}) == 3
    assert TagKey("Python") == TagKey("python")
    assert hash(TagKey("PYTHON")) == hash(TagKey("python"))


@pytest.mark.parametrize(
    ("key", "text"),
    [
        (ViewKey(SmartView.UNREAD), "view\tunread"),
        (FeedKey(12), "feed\t12"),
        (FolderKey(4), "folder\t4"),
        (TagKey("Reading"), "tag\treading"),
        (SavedSearchKey(7), "search\t7"),
        (HighlightsKey(), "highlights"),
    ],
)
def test_text_kept_between_runs(key: SidebarKey, text: str) -> None:
    # The same text earlier versions kept, so the window reopens where it was left.
    assert key_text(key) == text
    assert key_from_text(text) == key


@pytest.mark.parametrize(
    "text", ["", "view", "view\tnowhere", "feed\tabc", "feed\t", "folder\t-1", "x\t1", "a\tb\tc"]
)
def test_text_that_names_nothing(text: str) -> None:
    assert key_from_text(text) is None
