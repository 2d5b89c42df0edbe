"""Tags: names, renames that merge, colours."""

from __future__ import annotations

import pytest

from reader.core.errors import NotFoundError, UserError
from reader.library import Library
from tests.factories import add_articles


def test_tag_names_are_case_insensitive_and_trimmed(library: Library) -> None:
    (a,) = add_articles(library, 1)
    library.add_tags(a, ["  Deep   Work ", "deep work"])
    assert library.get_article(a).tags == ("Deep Work",)
    library.remove_tags(a, ["DEEP WORK"])
    assert library.get_article(a).tags == ()


def test_empty_tag_is_refused(library: Library) -> None:
    (a,) = add_articles(library, 1)
    with pytest.raises(UserError, match="empty"):
        library.add_tags(a, ["   "])


def test_rename_onto_an_existing_tag_merges(library: Library) -> None:
    a, b = add_articles(library, 2)
    library.add_tags(a, ["ml"])
    library.add_tags(b, ["ml", "machine learning"])
    library.rename_tag("ml", "machine learning")
    tags = {t.name: t.total for t in library.list_tags()}
    assert tags == {"machine learning": 2}
    assert library.get_article(b).tags == ("machine learning",)


def test_tag_counts_include_unread(library: Library) -> None:
    a, b = add_articles(library, 2)
    library.add_tags(a, ["t"])
    library.add_tags(b, ["t"])
    library.mark([a], read=True)
    (tag,) = library.list_tags()
    assert (tag.total, tag.unread) == (2, 1)


def test_unknown_article_or_tag_gives_not_found(library: Library) -> None:
    with pytest.raises(NotFoundError):
        library.add_tags(999, ["x"])
    with pytest.raises(NotFoundError):
        library.rename_tag("nope", "other")


def test_tags_differing_only_in_case_are_one_beyond_ascii(library: Library) -> None:
    a, b, c = add_articles(library, 3)
    library.add_tags(a, ["Über", "Straße"])
    library.add_tags(b, ["über", "STRASSE"])
    library.add_tags(c, ["ÜBER"])
    assert [(t.name, t.total) for t in library.list_tags()] == [("Straße", 2), ("Über", 3)]
    library.remove_tags(c, ["über"])
    assert library.get_article(c).tags == ()
    library.rename_tag("über", "Über-all")
    assert library.get_article(a).tags == ("Straße", "Über-all")
