"""The sync model: item ids, the queue's meaning, per-field last-writer-wins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from reader.core import sync as model
from reader.core.sync import (
    Entity,
    FeedLink,
    FirstLink,
    KnownItem,
    LocalFeed,
    LocalState,
    Outcome,
    PendingChange,
    ServerState,
    Subscription,
)

T0 = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)


def at(minutes: int) -> datetime:
    return T0 + timedelta(minutes=minutes)


# -- ids ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "number"),
    [
        ("tag:google.com,2005:reader/item/00000000148b9369", 0x148B9369),
        ("tag:google.com,2005:reader/item/2f2", 0x2F2),
        ("000000000000048c", 0x48C),
        ("12345", 12345),
        ("1700000000000001", 1700000000000001),
        ("tag:google.com,2005:reader/item/ffffffffffffffff", -1),
    ],
)
def test_every_spelling_of_an_item_id_is_read(spelling: str, number: int) -> None:
    assert model.parse_item_id(spelling) == number


def test_ids_go_out_in_the_long_form_that_means_the_same_everywhere() -> None:
    assert model.long_item_id(12345) == "tag:google.com,2005:reader/item/0000000000003039"
    for number in (1, 12345, 1700000000000001, -1):
        assert model.parse_item_id(model.long_item_id(number)) == number


def test_garbage_is_not_an_item_id() -> None:
    with pytest.raises(ValueError, match="not an item id"):
        model.parse_item_id("feed/12")


def test_labels_and_states_of_any_user_are_recognised() -> None:
    assert model.label_name("user/-/label/News/Tech") == "News/Tech"
    assert model.label_name("user/1/label/Tech") == "Tech"
    assert model.label_name("user/-/state/com.google/read") is None
    assert model.is_state("user/1/state/com.google/read", "read")
    assert not model.is_state("user/1/state/com.google/starred", "read")


# -- the queue ------------------------------------------------------------------------------------


def test_change_times_key_the_queue_by_entity_and_field() -> None:
    rows = [PendingChange(1, Entity.ARTICLE, 7, "label:Energy", at(4))]
    assert model.change_times(rows) == {(7, "label:Energy"): at(4)}


# -- conflict rules -------------------------------------------------------------------------------


def flag(base: bool | None, local: bool, server: bool, **times: datetime | None) -> Outcome:
    return model.resolve(
        base_local=base,
        base_server=base,
        local=local,
        server=server,
        local_at=times.get("local_at"),
        remote_at=times.get("remote_at"),
        first_link=FirstLink.TRUE,
    )


def test_only_one_side_changed_so_it_wins() -> None:
    assert flag(False, True, False, local_at=at(1)) is Outcome.PUSH
    assert flag(False, False, True) is Outcome.PULL
    assert flag(True, True, True) is Outcome.SAME


def test_both_sides_making_the_same_change_agree() -> None:
    # Read here and read on the phone: nothing to send, nothing to take.
    assert flag(False, True, True, local_at=at(5)) is Outcome.SAME
    # A flag has two values: both sides moving away from the agreed one end up agreeing, so
    # a side showing the agreed value did not change it (or changed it and back).
    assert flag(True, False, True, local_at=at(5)) is Outcome.PUSH


def test_a_conflict_goes_to_the_later_change() -> None:
    # Baselines that disagree only when a sync was cut short; with times, the later wins.
    assert (
        model.resolve(
            base_local="A",
            base_server="A",
            local="B",
            server="C",
            local_at=at(10),
            remote_at=at(5),
            first_link=FirstLink.SERVER,
        )
        is Outcome.PUSH
    )
    assert (
        model.resolve(
            base_local="A",
            base_server="A",
            local="B",
            server="C",
            local_at=at(3),
            remote_at=at(5),
            first_link=FirstLink.SERVER,
        )
        is Outcome.PULL
    )


def test_without_a_local_time_the_server_wins_a_conflict() -> None:
    assert (
        model.resolve(
            base_local="A",
            base_server="A",
            local="B",
            server="C",
            local_at=None,
            remote_at=at(5),
            first_link=FirstLink.SERVER,
        )
        is Outcome.PULL
    )


def test_first_link_keeps_a_flag_set_on_either_side() -> None:
    # Read for months here before the account was added: the fresh server's "unread" must
    # not undo that, and what the phone read stays read too.
    assert flag(None, True, False) is Outcome.PUSH
    assert flag(None, False, True) is Outcome.PULL


def test_first_link_with_a_dated_local_change_weighs_the_times() -> None:
    # Marked unread here at +10 (after the server's change at +5): here wins.
    assert flag(None, False, True, local_at=at(10), remote_at=at(5)) is Outcome.PUSH
    assert flag(None, False, True, local_at=at(1), remote_at=at(5)) is Outcome.PULL


def test_the_server_time_counts_only_between_the_last_sync_and_now() -> None:
    previous, now = at(0), at(60)
    assert model.remote_change_time(at(30), previous, now) == at(30)
    # Older than the last sync: it dates something else (the article's own update).
    assert model.remote_change_time(at(-30), previous, now) == previous
    # In the future: a wrong clock.
    assert model.remote_change_time(at(90), previous, now) == previous
    assert model.remote_change_time(None, previous, now) == previous
    assert model.remote_change_time(None, None, now) is None


# -- items ----------------------------------------------------------------------------------------


def server_state(
    ids: set[int],
    unread: set[int],
    starred: set[int],
    labels: dict[str, frozenset[int]] | None = None,
) -> ServerState:
    return ServerState(frozenset(ids), frozenset(unread), frozenset(starred), labels)


def test_plan_sends_local_changes_and_takes_the_servers() -> None:
    known = {
        1: KnownItem(1, 101, read=False, starred=False),
        2: KnownItem(2, 102, read=False, starred=False),
        3: KnownItem(3, 103, read=True, starred=True),
        4: KnownItem(4, None, read=False, starred=False),  # deleted here
        5: KnownItem(5, 105, read=False, starred=False),  # gone from the server
    }
    local = {
        101: LocalState(read=True, starred=False),  # read here
        102: LocalState(read=False, starred=False),
        103: LocalState(read=True, starred=True),
        105: LocalState(read=False, starred=False),
    }
    # On the server: 2 was starred and read elsewhere, 3 unstarred, 6 is new.
    server = server_state({1, 2, 3, 4, 6}, unread={1, 4, 6}, starred={2})
    changes = {(101, "read"): at(3)}
    plan = model.plan_items(known, server, local, changes, previous_sync=T0, labels=False)
    assert plan.push_read == [1]
    assert plan.set_read == [102]
    assert plan.set_star == [102]
    assert plan.set_unstar == [103]
    assert plan.fetch == [6]
    assert plan.forget == [5]
    assert plan.baselines[1] == (True, False, None)
    assert plan.baselines[2] == (True, True, None)
    assert plan.baselines[4] == (False, False, None)
    assert plan.pushes == 1
    assert plan.pulls == 3


def test_each_field_of_an_item_is_decided_on_its_own() -> None:
    # Read here; unstarred on the phone: both happen, neither undoes the other.
    known = {1: KnownItem(1, 101, read=False, starred=True)}
    local = {101: LocalState(read=True, starred=True)}
    server = server_state({1}, unread={1}, starred=set())
    plan = model.plan_items(
        known, server, local, {(101, "read"): at(10)}, previous_sync=T0, labels=False
    )
    assert plan.push_read == [1]
    assert plan.set_unstar == [101]
    assert plan.baselines[1] == (True, False, None)


def test_labels_first_synced_on_a_known_item_weigh_the_times() -> None:
    # Labels were not synced before (base None): a label removed here after the last sync
    # beats the server still having it; one never touched here is taken from the server.
    known = {1: KnownItem(1, 101, read=False, starred=False, labels=None)}
    local = {101: LocalState(False, False, frozenset())}
    server = server_state(
        {1}, unread={1}, starred=set(), labels={"a": frozenset({1}), "b": frozenset({1})}
    )
    plan = model.plan_items(
        known, server, local, {(101, "label:a"): at(5)}, previous_sync=T0, labels=True
    )
    assert plan.push_label_remove == {"a": [1]}
    assert plan.add_tags == {101: ["b"]}


def test_labels_merge_label_by_label() -> None:
    known = {1: KnownItem(1, 101, read=False, starred=False, labels=frozenset({"a", "b"}))}
    # Here "c" was added and "a" removed; there "d" was added and "b" removed.
    local = {101: LocalState(False, False, frozenset({"b", "c"}))}
    server = server_state(
        {1},
        unread={1},
        starred=set(),
        labels={"a": frozenset({1}), "d": frozenset({1}), "b": frozenset()},
    )
    changes = {(101, "label:c"): at(1), (101, "label:a"): at(2)}
    plan = model.plan_items(known, server, local, changes, previous_sync=T0, labels=True)
    assert plan.push_label_add == {"c": [1]}
    assert plan.push_label_remove == {"a": [1]}
    assert plan.add_tags == {101: ["d"]}
    assert plan.remove_tags == {101: ["b"]}
    assert plan.baselines[1][2] == frozenset({"c", "d"})


def test_a_new_item_matching_an_article_here_merges_as_a_first_link() -> None:
    plan = model.ItemPlan()
    model.plan_new_item(
        plan,
        9,
        article_id=109,
        local=LocalState(read=True, starred=False, labels=frozenset({"x"})),
        server_read=False,
        server_starred=True,
        server_labels=frozenset({"y"}),
        changes={},
        remote_at=None,
    )
    # Read here, starred there, a label on each side: all of it survives.
    assert plan.push_read == [9]
    assert plan.set_star == [109]
    assert plan.push_label_add == {"x": [9]}
    assert plan.add_tags == {109: ["y"]}
    assert plan.baselines[9] == (True, True, frozenset({"x", "y"}))


# -- subscriptions ------------------------------------------------------------------------------


def link(feed_id: int, remote: str, title: str, folder: str | None, label: str) -> FeedLink:
    return FeedLink(feed_id, remote, title, title, folder, label)


def test_subscriptions_follow_each_side() -> None:
    server = [
        Subscription("feed/1", "https://a.example/feed", "A renamed there", "News"),
        Subscription("feed/2", "https://b.example/feed", "B", "Moved"),
        Subscription("feed/4", "https://d.example/feed", "D", "All"),
        Subscription("feed/5", "https://E.example/feed/", "E there", "Tech"),
    ]
    local = [
        LocalFeed(1, "https://a.example/feed", "A", "News"),
        LocalFeed(2, "https://b.example/feed", "B", "News"),
        LocalFeed(3, "https://c.example/feed", "C", None),  # removed there
        LocalFeed(5, "https://e.example/feed", "E here", None),  # same address
        LocalFeed(6, "https://f.example/feed", "F", "Blogs"),  # new here
    ]
    links = [
        link(1, "feed/1", "A", "News", "News"),
        link(2, "feed/2", "B", "News", "News"),
        link(3, "feed/3", "C", None, "All"),
    ]
    plan = model.plan_subscriptions(
        server,
        local,
        links,
        removed_here=["feed/9"],
        changes={},
        previous_sync=T0,
        now=at(60),
    )
    assert plan.pull_title == [(1, "A renamed there"), (5, "E there")]
    assert plan.pull_folder == [(2, "Moved")]
    assert plan.remove_local == [3]
    assert [(f.feed_id, s.remote_id) for f, s in plan.link] == [(5, "feed/5")]
    assert [s.remote_id for s in plan.create_local] == ["feed/4"]
    assert [f.feed_id for f in plan.subscribe] == [6]
    # feed/9 was removed here but is no longer on the server either.
    assert plan.unsubscribe == []


def test_a_local_rename_and_move_are_sent() -> None:
    server = [Subscription("feed/1", "https://a.example/feed", "A", "News")]
    local = [LocalFeed(1, "https://a.example/feed", "A better", "Reading/News")]
    links = [link(1, "feed/1", "A", "News", "News")]
    plan = model.plan_subscriptions(
        server,
        local,
        links,
        removed_here=[],
        changes={(1, "title"): at(5), (1, "folder"): at(5)},
        previous_sync=T0,
        now=at(60),
    )
    assert plan.push_title == [("feed/1", "A better")]
    assert plan.push_label == [("feed/1", "News", "Reading/News")]


def test_a_top_level_feed_in_the_servers_default_folder_is_no_conflict() -> None:
    server = [Subscription("feed/1", "https://a.example/feed", "A", "All")]
    local = [LocalFeed(1, "https://a.example/feed", "A", None)]
    links = [FeedLink(1, "feed/1", "A", "A", None, "All")]
    plan = model.plan_subscriptions(
        server, local, links, removed_here=[], changes={}, previous_sync=T0, now=at(1)
    )
    assert not (plan.push_label or plan.pull_folder or plan.push_title or plan.pull_title)


def test_a_server_that_lost_most_feeds_at_once_removes_nothing_here() -> None:
    local = [LocalFeed(i, f"https://{i}.example/feed", str(i), None) for i in range(1, 11)]
    links = [link(i, f"feed/{i}", str(i), None, "All") for i in range(1, 11)]
    plan = model.plan_subscriptions(
        [], local, links, removed_here=[], changes={}, previous_sync=T0, now=at(1)
    )
    assert plan.remove_local == []
    assert plan.held_removals == 10


def test_a_new_item_weighs_a_dated_change_here_against_the_servers_time() -> None:
    plan = model.ItemPlan()
    # Marked unread here at +10; the server's copy was last changed (read) at +20.
    model.plan_new_item(
        plan,
        9,
        article_id=109,
        local=LocalState(read=False, starred=False),
        server_read=True,
        server_starred=False,
        server_labels=None,
        changes={(109, "read"): at(10)},
        remote_at=at(20),
    )
    assert plan.set_read == [109]
    plan = model.ItemPlan()
    model.plan_new_item(
        plan,
        9,
        article_id=109,
        local=LocalState(read=False, starred=False),
        server_read=True,
        server_starred=False,
        server_labels=None,
        changes={(109, "read"): at(30)},
        remote_at=at(20),
    )
    assert plan.push_unread == [9]
