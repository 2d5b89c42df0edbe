"""The sync engine against the in-process Google Reader server, as Miniflux and as FreshRSS."""

from __future__ import annotations

import pytest

from reader.core.errors import UserError
from reader.library import Library
from tests.fake_greader import FRESHRSS, MINIFLUX, FakeGReader
from tests.library.sync_helpers import articles, by_title, connect


def fill(greader: FakeGReader, count: int = 3) -> None:
    news = greader.add_feed("https://news.example/feed.xml", "News site", "News")
    blog = greader.add_feed("https://blog.example/feed.xml", "A blog", "Blogs/Friends")
    for n in range(count):
        greader.add_item(news, n)
        greader.add_item(blog, n)


def test_a_first_sync_brings_feeds_folders_articles_and_their_state(
    library: Library, greader: FakeGReader
) -> None:
    fill(greader)
    first = greader.items[min(greader.items)]
    greader.set_state(first, read=True, starred=True)
    connect(library, greader)
    report = library.sync.sync()
    assert report.new_articles == 6
    feeds = {f.url: f for f in library.list_feeds()}
    assert feeds["https://news.example/feed.xml"].folder == "News"
    assert feeds["https://blog.example/feed.xml"].folder == "Blogs/Friends"
    got = by_title(library)
    assert got[first.title].read and got[first.title].starred
    assert got["A blog item 2"].feed_title == "A blog"
    assert "Body of item 2 in A blog" in (library.get_article(got["A blog item 2"].id).text or "")
    # Nothing new: a second sync changes nothing and sends nothing.
    before = len(greader.calls_to("/edit-tag"))
    again = library.sync.sync()
    assert again.new_articles == 0 and again.sent == 0 and again.received == 0
    assert len(articles(library)) == 6
    assert len(greader.calls_to("/edit-tag")) == before
    status = library.sync.status()
    assert status is not None and status.line().startswith("Synced ")
    assert status.pending == 0


def test_articles_a_sync_brings_meet_the_rules_as_a_refreshs_do(
    library: Library, greader: FakeGReader
) -> None:
    fill(greader)
    library.add_rule('feed:"A blog"', "tag", "friends")
    connect(library, greader)
    assert library.sync.sync().new_articles == 6
    tagged = {a.title for a in articles(library) if "friends" in a.tags}
    assert tagged == {f"A blog item {n}" for n in range(3)}


def test_local_changes_go_out_in_batches(library: Library, greader: FakeGReader) -> None:
    feed = greader.add_feed("https://news.example/feed.xml", "News", "News")
    for n in range(300):
        greader.add_item(feed, n)
    connect(library, greader)
    library.sync.sync()
    ids = [a.id for a in articles(library)]
    library.mark(ids, read=True)
    library.mark(ids[:3], starred=True)
    assert library.sync.status().pending == 303  # type: ignore[union-attr]
    report = library.sync.sync()
    assert report.sent == 303
    edits = greader.calls_to("/edit-tag")
    sizes = sorted(sum(1 for name, _ in call.form if name == "i") for call in edits)
    assert sizes == [3, 50, 250]
    assert all(item.read for item in greader.items.values())
    assert sum(item.starred for item in greader.items.values()) == 3
    assert library.sync.status().pending == 0  # type: ignore[union-attr]


def test_changes_made_elsewhere_arrive(library: Library, greader: FakeGReader) -> None:
    fill(greader)
    connect(library, greader)
    library.sync.sync()
    item = greader.items[max(greader.items)]
    greader.set_state(item, read=True, starred=True)
    report = library.sync.sync()
    assert report.received == 2
    article = by_title(library)[item.title]
    assert article.read and article.starred
    # Nothing goes back: the change was the server's.
    assert library.sync.status().pending == 0  # type: ignore[union-attr]
    assert not greader.calls_to("/edit-tag")


def test_a_change_on_each_side_both_survive(library: Library, greader: FakeGReader) -> None:
    fill(greader)
    connect(library, greader)
    library.sync.sync()
    item = greader.items[max(greader.items)]
    article = by_title(library)[item.title]
    library.mark([article.id], starred=True)
    greader.set_state(item, read=True)
    library.sync.sync()
    assert greader.items[item.id].starred and greader.items[item.id].read
    article = library.get_article(article.id)
    assert article.starred and article.read


def test_miniflux_toggling_edit_tag_is_never_asked_twice(
    library: Library, miniflux_fake: FakeGReader
) -> None:
    fill(miniflux_fake)
    connect(library, miniflux_fake)
    library.sync.sync()
    item = miniflux_fake.items[max(miniflux_fake.items)]
    # Read on the phone and here: Miniflux 2.2 would make it unread again if asked to add
    # "read" to a read item.
    miniflux_fake.set_state(item, read=True)
    library.mark([by_title(library)[item.title].id], read=True)
    library.sync.sync()
    assert miniflux_fake.items[item.id].read
    assert not miniflux_fake.calls_to("/edit-tag")


def test_labels_sync_where_the_server_has_them(
    library: Library, freshrss_fake: FakeGReader
) -> None:
    fill(freshrss_fake)
    item = freshrss_fake.items[max(freshrss_fake.items)]
    freshrss_fake.set_state(item, labels={"energy"})
    freshrss_fake.labels.add("energy")
    connect(library, freshrss_fake)
    library.sync.sync()
    article = by_title(library)[item.title]
    assert article.tags == ("energy",)
    library.add_tags(article.id, ["solar", "wind"])
    library.remove_tags(article.id, ["energy"])
    library.sync.sync()
    assert freshrss_fake.items[item.id].labels == {"solar", "wind"}
    # FreshRSS takes one tag per request.
    for call in freshrss_fake.calls_to("/edit-tag"):
        assert len([n for n, _ in call.form if n in ("a", "r")]) == 1
    freshrss_fake.set_state(freshrss_fake.items[item.id], labels={"solar"})
    library.sync.sync()
    assert library.get_article(article.id).tags == ("solar",)


def test_without_labels_on_the_server_tags_stay_here(
    library: Library, miniflux_fake: FakeGReader
) -> None:
    fill(miniflux_fake)
    connect(library, miniflux_fake)
    library.sync.sync()
    article = articles(library)[0]
    library.add_tags(article.id, ["keep-here"])
    library.sync.sync()
    assert not miniflux_fake.calls_to("/edit-tag")
    assert library.get_article(article.id).tags == ("keep-here",)
    assert library.sync.status().labels is False  # type: ignore[union-attr]


def test_saved_articles_stay_local(library: Library, greader: FakeGReader) -> None:
    from tests.factories import add_articles

    connect(library, greader)
    saved = add_articles(library, 2)
    library.mark(saved, read=True, starred=True)
    library.add_tags(saved[0], ["mine"])
    assert library.sync.status().pending == 0  # type: ignore[union-attr]
    library.sync.sync()
    assert not greader.calls_to("/edit-tag")
    assert not greader.feeds


def test_subscriptions_made_here_reach_the_server(library: Library, greader: FakeGReader) -> None:
    connect(library, greader)
    library.add_feed("https://here.example/feed.xml", folder="Reading/Local", title="Here")
    library.add_feed("https://top.example/feed.xml", title="Top")
    report = library.sync.sync()
    assert report.feeds_there == 2
    remote = {f.url: f for f in greader.feeds.values()}
    assert remote["https://here.example/feed.xml"].label == "Reading/Local"
    assert remote["https://here.example/feed.xml"].title == "Here"
    # A top-level feed goes to the server's default folder and stays top level here.
    assert remote["https://top.example/feed.xml"].label == greader.default_label
    library.sync.sync()
    assert library.resolve_feed("https://top.example/feed.xml").folder is None
    # Rename and move here; remove one.
    here = library.resolve_feed("https://here.example/feed.xml")
    library.set_feed_options(here.id, title="Here, renamed", folder="Elsewhere")
    library.remove_feed("https://top.example/feed.xml")
    library.sync.sync()
    remote = {f.url: f for f in greader.feeds.values()}
    assert set(remote) == {"https://here.example/feed.xml"}
    assert remote["https://here.example/feed.xml"].title == "Here, renamed"
    assert remote["https://here.example/feed.xml"].label == "Elsewhere"
    assert library.sync.status().pending == 0  # type: ignore[union-attr]


def test_a_folder_renamed_here_renames_the_label(library: Library, greader: FakeGReader) -> None:
    fill(greader)
    connect(library, greader)
    library.sync.sync()
    library.rename_folder("News", "Press")
    library.sync.sync()
    assert greader.calls_to("/rename-tag")
    assert {f.label for f in greader.feeds.values()} == {"Press", "Blogs/Friends"}


def test_subscriptions_changed_elsewhere_arrive(library: Library, greader: FakeGReader) -> None:
    fill(greader)
    connect(library, greader)
    library.sync.sync()
    news = next(f for f in greader.feeds.values() if f.title == "News site")
    news.title = "News, renamed there"
    news.label = "Moved"
    blog = next(f for f in greader.feeds.values() if f.title == "A blog")
    del greader.feeds[blog.id]
    library.sync.sync()
    feeds = library.list_feeds()
    assert [(f.title, f.folder) for f in feeds] == [("News, renamed there", "Moved")]


def test_a_feed_the_server_cannot_add_is_retried_later_not_every_sync(
    library: Library, greader: FakeGReader
) -> None:
    connect(library, greader)
    greader.unreachable.add("https://intranet.example/feed.xml")
    library.add_feed("https://intranet.example/feed.xml")
    report = library.sync.sync()
    assert "could not be added on the server" in report.line()
    library.sync.sync()
    assert len(greader.calls_to("/subscription/edit")) == 1
    assert library.sync.status().pending == 1  # type: ignore[union-attr]


def test_an_article_folio_already_has_is_linked_not_duplicated(
    library: Library, greader: FakeGReader
) -> None:
    from reader.core.types import SourceKind
    from reader.store.transfer import ArticleRow, TagCache, insert_articles

    feed = greader.add_feed("https://news.example/feed.xml", "News", "News")
    item = greader.add_item(feed, 1, link="https://news.example/post/1")
    greader.add_item(feed, 2, link="https://news.example/post/2")
    # Folio refreshed the same feed itself and read the first entry.
    local = library.add_feed("https://news.example/feed.xml", folder="News", title="News")
    library.writer.run(
        lambda: insert_articles(
            [
                ArticleRow(
                    columns={
                        "feed_id": local.id,
                        "source_kind": SourceKind.FEED.value,
                        "entry_key": "guid:urn:1",
                        "guid": "urn:1",
                        "url": "https://news.example/post/1",
                        "canonical_url": "https://news.example/post/1",
                        "title": item.title,
                        "added": library.now(),
                        "sort_date": library.now(),
                        "read": True,
                    },
                    html="<p>x</p>",
                    text="x",
                )
            ],
            tags=TagCache(),
        )
    )
    connect(library, greader)
    report = library.sync.sync()
    assert report.new_articles == 1
    assert len(articles(library)) == 2
    # Read here before the account existed: that reaches the greader.
    assert greader.items[item.id].read


def test_a_deleted_article_is_not_fetched_again(library: Library, greader: FakeGReader) -> None:
    fill(greader)
    connect(library, greader)
    library.sync.sync()
    doomed = articles(library)[0]
    library.delete_articles([doomed.id])
    report = library.sync.sync()
    assert report.new_articles == 0
    assert doomed.title not in by_title(library)


# -- faults -----------------------------------------------------------------------------------


def test_a_wrong_password_says_so_and_keeps_the_queue(
    library: Library, greader: FakeGReader
) -> None:
    fill(greader)
    connect(library, greader)
    library.sync.sync()
    library.mark([articles(library)[0].id], read=True)
    greader.password = "changed"
    with pytest.raises(UserError, match="refused the user name or password"):
        library.sync.sync()
    status = library.sync.status()
    assert status is not None and status.pending == 1
    assert status.line().startswith("Sync failed: ") and "1 change waiting" in status.line()


def test_a_server_that_is_down_loses_nothing(library: Library, greader: FakeGReader) -> None:
    fill(greader)
    connect(library, greader)
    library.sync.sync()
    target = articles(library)[0]
    library.mark([target.id], starred=True)
    port = greader.port
    greader.stop()
    with pytest.raises(UserError, match="could not connect"):
        library.sync.sync()
    assert library.sync.status().pending == 1  # type: ignore[union-attr]
    greader.start(port)
    library.sync.sync()
    assert any(i.starred for i in greader.items.values())
    assert library.sync.status().pending == 0  # type: ignore[union-attr]


def test_a_server_error_midway_is_resumed(library: Library, greader: FakeGReader) -> None:
    feed = greader.add_feed("https://news.example/feed.xml", "News", "News")
    for n in range(600):
        greader.add_item(feed, n)
    connect(library, greader)
    greader.fail("/reader/api/0/stream/items/contents", 502)
    with pytest.raises(UserError, match="HTTP 502"):
        library.sync.sync()
    stored = len(articles(library))
    assert stored < 600
    library.sync.sync()
    assert len(articles(library)) == 600
    assert len({a.url for a in articles(library)}) == 600


def test_a_failed_edit_is_sent_again(library: Library, greader: FakeGReader) -> None:
    fill(greader)
    connect(library, greader)
    library.sync.sync()
    library.mark([a.id for a in articles(library)], read=True)
    greader.fail("/reader/api/0/edit-tag", 500)
    with pytest.raises(UserError, match="HTTP 500"):
        library.sync.sync()
    assert not any(i.read for i in greader.items.values())
    library.sync.sync()
    assert all(i.read for i in greader.items.values())
    assert all(a.read for a in articles(library))


def test_a_timeout_is_one_line_and_resumable(library: Library, greader: FakeGReader) -> None:
    fill(greader)
    connect(library, greader)
    library.configure_http(timeout=0.5)
    greader.hang("/reader/api/0/stream/items/ids")
    with pytest.raises(UserError, match="timed out"):
        library.sync.sync()
    greader.unhang()
    library.sync.sync()
    assert len(articles(library)) == 6


def test_no_account_says_how_to_add_one(library: Library) -> None:
    with pytest.raises(UserError, match="folio account add"):
        library.sync.sync()


def test_one_account_at_a_time(library: Library, greader: FakeGReader) -> None:
    connect(library, greader)
    with pytest.raises(UserError, match="one account at a time"):
        connect(library, greader)


def test_removing_the_account_keeps_the_library(library: Library, greader: FakeGReader) -> None:
    fill(greader)
    connect(library, greader)
    library.sync.sync()
    library.sync.remove_account()
    assert library.sync.status() is None
    assert len(articles(library)) == 6
    # And the password is gone from where it was kept.
    from reader.services.secrets import SecretStore

    assert SecretStore()._read_file() == {}


@pytest.mark.parametrize("flavor", [MINIFLUX, FRESHRSS])
def test_a_wrong_password_is_refused_when_adding(library: Library, flavor: str) -> None:
    with FakeGReader(flavor) as fake, pytest.raises(UserError, match="refused"):
        library.sync.add_account(fake.url, fake.user, "nope")
    assert library.sync.status() is None
