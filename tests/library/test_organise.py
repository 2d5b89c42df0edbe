"""Saved searches, rules on new articles, tag housekeeping, and the search index kept in step
with every kind of change."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer

from reader.core.errors import DuplicateError, NotFoundError, UserError
from reader.core.rules import RuleAction
from reader.core.types import ArticleFilter
from reader.library import Library
from reader.store import articles as store_articles
from tests.factories import BASE_TIME, make_input
from tests.library.feed_docs import FeedServer, Item, rss


def add(library: Library, title: str, text: str, **kw: Any) -> int:
    item = make_input(title, text, **kw)
    return library.writer.run(lambda: store_articles.insert_article(item, now=BASE_TIME))


def ids(library: Library, query: str) -> set[int]:
    return {a.id for a in library.search(query)}


class Events:
    def __init__(self, library: Library) -> None:
        self.seen: list[tuple[str, Any]] = []
        library.add_listener(lambda kind, detail: self.seen.append((kind, detail)))

    def kinds(self) -> list[str]:
        return [k for k, _ in self.seen]


# -- saved searches ----------------------------------------------------------------------------


def test_saved_searches_count_live(library: Library) -> None:
    first = add(library, "Tomato harvest", "Tomatoes ripen in August.")
    add(library, "Bean rows", "Beans climb.")
    events = Events(library)
    saved = library.save_search("  Garden   notes ", "tomato OR bean")
    assert saved.name == "Garden notes"
    assert "saved-searches" in events.kinds()
    (listed,) = library.list_saved_searches()
    assert (listed.unread, listed.total) == (2, 2)
    library.mark([first], read=True)
    (listed,) = library.list_saved_searches()
    assert (listed.unread, listed.total) == (1, 2)
    assert library.saved_search_unread_counts() == {saved.id: 1}
    assert library.list_saved_searches(counts=False)[0].unread is None


def test_saved_search_names_are_unique_and_found_by_name_or_id(library: Library) -> None:
    saved = library.save_search("Daily", "is:unread")
    with pytest.raises(DuplicateError):
        library.save_search("daily", "is:starred")
    replaced = library.save_search("DAILY", "is:starred", replace=True)
    assert replaced.id == saved.id and replaced.query == "is:starred"
    assert library.get_saved_search("daily").id == saved.id
    assert library.get_saved_search(str(saved.id)).name == "Daily"
    other = library.save_search("Weekly", "after:7d")
    with pytest.raises(DuplicateError):
        library.rename_saved_search(other.id, "daily")
    assert library.rename_saved_search("weekly", "Week").name == "Week"
    library.move_saved_search("Week", 0)
    assert [s.name for s in library.list_saved_searches(counts=False)] == ["Week", "Daily"]
    assert library.update_saved_search("Week", "after:14d").query == "after:14d"
    library.delete_saved_search("Daily")
    with pytest.raises(NotFoundError, match="no saved search named 'Daily'"):
        library.get_saved_search("Daily")


@pytest.mark.parametrize(("name", "query"), [("", "x"), ("   ", "x"), ("ok", ""), ("ok", "  ")])
def test_saved_search_needs_a_name_and_a_query(library: Library, name: str, query: str) -> None:
    with pytest.raises(UserError):
        library.save_search(name, query)
    assert library.list_saved_searches() == []


# -- rules -------------------------------------------------------------------------------------


def test_rules_run_in_order_on_new_articles_only(library: Library) -> None:
    old = add(library, "Old rocket news", "A rocket launched long ago.")
    tag_rule = library.add_rule("rocket*", "tag:space")
    star_rule = library.add_rule("tag:space", RuleAction.STAR)
    read_rule = library.add_rule("sponsored", "read")
    archive_rule = library.add_rule("obituary", "archive")
    library.update_rule(archive_rule.id, enabled=False)
    new = add(library, "Rockets again", "Rockets and a sponsored obituary.")
    other = add(library, "Gardens", "Nothing about space.")
    events = Events(library)
    library.context.events.articles_added.publish([new, other])
    article = library.get_article(new)
    assert article.tags == ("space",)
    assert article.starred and article.read and not article.archived
    assert library.get_article(other).tags == ()
    assert library.get_article(old).tags == ()
    assert {"articles", "tags"} <= set(events.kinds())
    assert [r.id for r in library.list_rules()] == [
        tag_rule.id,
        star_rule.id,
        read_rule.id,
        archive_rule.id,
    ]
    assert library.apply_rules([]) == {}


def test_rule_actions_are_checked(library: Library) -> None:
    with pytest.raises(UserError, match="unknown rule action"):
        library.add_rule("x", "explode")
    with pytest.raises(UserError, match="needs the tag"):
        library.add_rule("x", "tag")
    with pytest.raises(UserError, match="takes no argument"):
        library.add_rule("x", "read:now")
    with pytest.raises(UserError, match="empty"):
        library.add_rule("  ", "read")
    with pytest.raises(NotFoundError):
        library.remove_rule(42)
    rule = library.add_rule("x", "tag", "to read")
    assert rule.describe() == "when x: add tag to read"
    library.remove_rule(rule.id)
    assert library.list_rules() == []


def test_preview_counts_what_matches_now(library: Library) -> None:
    for n in range(5):
        add(library, f"Report {n}", "Quarterly figures.")
    add(library, "Other", "Nothing.")
    total, shown = library.preview_rule("report", limit=2)
    assert total == 5
    assert len(shown) == 2
    assert library.preview_rule("") == (0, [])


def test_rules_run_when_an_article_is_saved(library: Library, tmp_path: Path) -> None:
    library.add_rule("compost", "tag:garden")
    page = tmp_path / "compost.txt"
    page.write_text("Compost\n\nA heap of compost warms up in a week.\n", encoding="utf-8")
    result = library.save(str(page))
    assert result.created
    assert "garden" in library.get_article(result.article.id).tags


def test_feed_tags_and_rules_apply_on_refresh(library: Library, httpserver: HTTPServer) -> None:
    feeds = FeedServer(httpserver)
    first = rss("Space", [Item("g1", "Launch day", "https://site.example/1")])
    url = feeds.add("/space.xml", first)
    feed = library.add_feed(url)
    library.set_feed_tags(feed.id, ["from-space"])
    library.add_rule("tag:from-space launch", "star")
    library.add_rule("landing", "tag:landed")
    library.refresh(force=True)
    (launch,) = library.list_articles(ArticleFilter(feed_id=feed.id))
    assert launch.tags == ("from-space",)
    assert launch.starred
    feeds.update(
        "/space.xml",
        rss(
            "Space",
            [
                Item("g2", "Landing day", "https://site.example/2"),
                Item("g1", "Launch day", "https://site.example/1"),
            ],
        ),
    )
    library.refresh(force=True)
    by_title = {a.title: a for a in library.list_articles(ArticleFilter(feed_id=feed.id))}
    assert by_title["Landing day"].tags == ("from-space", "landed")
    assert not by_title["Landing day"].starred
    assert by_title["Launch day"].tags == ("from-space",)


def test_a_failing_rule_does_not_stop_the_others(
    library: Library, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import reader.library.rules as rules_module

    broken = library.add_rule("word", "star")
    library.add_rule("word", "tag:second")
    new = add(library, "Word", "A word.")
    real = rules_module._apply_action

    def failing(rule: Any, article_ids: list[int], now: Any) -> None:
        real(rule, article_ids, now)
        if rule.id == broken.id:
            raise RuntimeError("injected failure")

    monkeypatch.setattr(rules_module, "_apply_action", failing)
    changed = library.apply_rules([new])
    article = library.get_article(new)
    # The failing rule's half-done work is undone; the next rule still ran.
    assert not article.starred
    assert article.tags == ("second",)
    assert broken.id not in changed
    assert "injected failure" in caplog.text
    with pytest.raises(UserError, match="at most 100"):
        library.add_rule("x", "tag", "t" * 101)


# -- tags ----------------------------------------------------------------------------------------


def test_tag_rename_merge_delete_and_colour(library: Library) -> None:
    a = add(library, "One", "First text.")
    b = add(library, "Two", "Second text.")
    library.add_tags(a, ["Climate"])
    library.add_tags(b, ["weather", "storms"])
    library.set_tag_color("climate", "#3A7BD5")
    assert library.tag_color("Climate") == "#3a7bd5"
    library.set_tag_color("climate", "f00")
    assert library.tag_color("Climate") == "#ff0000"
    with pytest.raises(UserError, match="not a colour"):
        library.set_tag_color("climate", "blue-ish")
    library.set_tag_color("climate", None)
    assert library.tag_color("climate") is None
    library.merge_tags(["weather", "storms"], "Climate")
    assert library.get_article(b).tags == ("Climate",)
    assert ids(library, "tag:climate") == {a, b}
    library.rename_tag("Climate", "Planet")
    assert ids(library, "tag:planet") == {a, b}
    assert ids(library, "tag:climate") == set()
    with pytest.raises(NotFoundError):
        library.merge_tags(["nothing-like-this"], "Planet")
    library.delete_tag("Planet")
    assert ids(library, "tag:planet") == set()
    assert [t.name for t in library.list_tags()] == []


# -- the index in step with every change ---------------------------------------------------------


def test_search_follows_tags_renames_deletes_reextraction_and_import(
    library: Library, tmp_path: Path
) -> None:
    first = add(library, "Allotments", "Growing runner beans on the allotment.")
    second = add(library, "Kitchens", "Cooking beans slowly.")
    # Tagging: the tag's words are searchable, and tag: finds it.
    library.add_tags(first, ["Vegetable patch"])
    assert ids(library, "vegetable") == {first}
    assert ids(library, 'tag:"vegetable patch"') == {first}
    # Renaming a tag renames it in the index too.
    library.rename_tag("Vegetable patch", "Kitchen garden")
    assert ids(library, "vegetable") == set()
    assert ids(library, "garden") == {first}
    # Re-extraction: new text replaces the old, with its own word forms.
    stews = make_input("Kitchens", "Slow cookers simmered the stews overnight.")
    library.writer.run(lambda: store_articles.update_article(second, stews))
    assert ids(library, "cooking") == set()
    assert ids(library, "simmer") == {second}
    assert ids(library, '"slow cookers"') == {second}
    # Deleting takes the article out of the index.
    library.delete_articles([first])
    assert ids(library, "allotment") == set()
    assert ids(library, "tag:kitchen*") == set()
    # Importing: another library's export arrives searchable, in every form.
    other = Library(tmp_path / "other.sqlite")
    try:
        orchards = make_input(
            "Orchards", "Pruning the apple trees in winter.", url="https://o.example/1"
        )
        other.writer.run(lambda: store_articles.insert_article(orchards, now=BASE_TIME))
        other.export_file(tmp_path / "other.json")
    finally:
        other.close()
    library.import_file(tmp_path / "other.json")
    (imported,) = library.search("pruned apples")
    assert imported.title == "Orchards"
    # Rules run on articles imported from elsewhere (a restored Folio export keeps its own
    # tags and states as they were).
    library.add_rule("pear*", "tag:fruit")
    bookmarks = tmp_path / "bookmarks.html"
    bookmarks.write_text(
        "<!DOCTYPE NETSCAPE-Bookmark-file-1>\n<DL><p>\n"
        '<DT><A HREF="https://p.example/pears" ADD_DATE="1700000000">Pears in autumn</A>\n'
        "</DL><p>\n",
        encoding="utf-8",
    )
    library.import_file(bookmarks)
    (pears,) = library.search("pear")
    assert pears.tags == ("fruit",)
    assert library.count_search("winter") == 1
