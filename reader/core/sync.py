"""The sync model: ids, the pending-changes queue's meaning, and who wins a conflict.

Everything here is pure: sets, ids and times in, decisions out. The engine
(:mod:`reader.library.sync`) fetches the server's state, reads the library's, asks these
functions what to do, then does it. docs/design/sync.md explains the model in prose.

Three values meet for every synced field (an article's read or starred flag, one label on an
article, a feed's title or folder):

- the *baseline*: the value both sides agreed on at the end of the last sync;
- the *server's* value now;
- the *local* value now, with the time of the last local change when the queue recorded one.

A side whose value differs from the baseline changed it. When only one side changed, its value
goes to the other. When both changed to different values, the later change wins: the local
time comes from the queue; the server's from the item's own time where the server gives one
that falls between the last sync and now, and otherwise from the end of the last sync, the
earliest the change can have happened (so a change made here since then wins).
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TypeVar

from reader.core.urls import normalize_url

T = TypeVar("T")

# -- identifiers ------------------------------------------------------------------------------

ITEM_PREFIX = "tag:google.com,2005:reader/item/"
STATE_PREFIX = "user/-/state/com.google/"
LABEL_PREFIX = "user/-/label/"
READING_LIST = STATE_PREFIX + "reading-list"
READ = STATE_PREFIX + "read"
STARRED = STATE_PREFIX + "starred"
FEED_PREFIX = "feed/"


def long_item_id(item_id: int) -> str:
    """The long form every server accepts: the id as 16 hexadecimal digits after the prefix.

    (Servers list ids in decimal but some read a bare number as hexadecimal, so the long form
    is the only one that means the same item everywhere.)"""
    return f"{ITEM_PREFIX}{item_id & 0xFFFF_FFFF_FFFF_FFFF:016x}"


def parse_item_id(value: str) -> int:
    """An item id as a number, from any spelling servers use.

    ``tag:google.com,2005:reader/item/<hex>`` (padded or not), 16 bare hexadecimal digits,
    or a decimal number. Raises ValueError for anything else."""
    text = value.strip()
    if text.startswith(ITEM_PREFIX):
        number = int(text[len(ITEM_PREFIX) :], 16)
    elif len(text) == 16 and not text.isdigit():
        number = int(text, 16)
    elif text.isdigit():
        number = int(text)
    else:
        raise ValueError(f"not an item id: {value!r}")
    # Ids are signed 64-bit numbers on every server; the long form wraps the sign.
    return number - (1 << 64) if number >= 1 << 63 else number


def label_stream(name: str) -> str:
    return LABEL_PREFIX + name


def label_name(stream: str) -> str | None:
    """The label of ``user/-/label/X`` or ``user/<id>/label/X``; None for other streams."""
    if not stream.startswith("user/"):
        return None
    _, _, rest = stream.partition("/")
    _, sep, name = rest.partition("/label/")
    return name if sep and name and "/" not in rest.partition("/label/")[0] else None


def is_state(stream: str, state: str) -> bool:
    """Whether ``stream`` is the state ``state`` ("read", "starred") of any user."""
    if not stream.startswith("user/"):
        return False
    return stream.split("/", 2)[-1] == "state/com.google/" + state


def folder_label(path: str | None) -> str:
    """The server label for a local folder path: nested folders keep their path ("News/Tech");
    the top level is the empty label (the server puts such feeds in its default folder)."""
    return path or ""


def same_name(a: str | None, b: str | None) -> bool:
    return (a or "").casefold() == (b or "").casefold()


# -- the queue ---------------------------------------------------------------------------------


class Entity(enum.StrEnum):
    ARTICLE = "article"
    FEED = "feed"
    FOLDER = "folder"


# Fields the queue records. An article's label is "label:<name>".
READ_FIELD = "read"
STARRED_FIELD = "starred"
LABEL_FIELD = "label:"
TITLE_FIELD = "title"
FOLDER_FIELD = "folder"
SUBSCRIBE_FIELD = "subscribe"
UNSUBSCRIBE_FIELD = "unsubscribe"


@dataclass(frozen=True, slots=True)
class PendingChange:
    """One row of the queue: "this field of this thing changed here at ``changed_at``".

    The queue keeps one row per (entity, id, field): a later change of the same field replaces
    the row's time, so the queue never grows with repeated edits. The value is not kept: the
    library's current value is what is sent. ``detail`` carries what the library no longer
    holds (the server's id of a feed removed here)."""

    id: int
    entity: Entity
    entity_id: int
    field: str
    changed_at: datetime
    detail: str | None = None
    error: str | None = None
    retry_after: datetime | None = None


def change_times(changes: Iterable[PendingChange]) -> dict[tuple[int, str], datetime]:
    """(entity id, field) → time of the last local change, for one kind of entity."""
    return {(c.entity_id, c.field): c.changed_at for c in changes}


# -- conflict rules ----------------------------------------------------------------------------


class Outcome(enum.Enum):
    SAME = "same"  # both sides hold the same value
    PUSH = "push"  # the local value goes to the server
    PULL = "pull"  # the server's value comes here


class FirstLink(enum.Enum):
    """What decides a field seen for the first time on both sides with different values."""

    SERVER = "server"  # the server's value (a feed's title and folder)
    TRUE = "true"  # whichever side set the flag: read stays read, starred stays starred


def remote_change_time(
    stamp: datetime | None, previous_sync: datetime | None, now: datetime
) -> datetime | None:
    """When the server's change happened, as well as we can tell.

    A server time counts only between the previous sync and now (a later one is a wrong clock,
    an earlier one dates something else, such as the article's own update). Without one, the
    change is dated at the previous sync, the earliest it can have happened; None when there
    was no previous sync."""
    if stamp is not None and (previous_sync is None or stamp > previous_sync) and stamp <= now:
        return stamp
    return previous_sync


def resolve(
    *,
    base_local: T | None,
    base_server: T | None,
    local: T,
    server: T,
    local_at: datetime | None,
    remote_at: datetime | None,
    first_link: FirstLink,
    equal: Callable[[T, T], bool] | None = None,
) -> Outcome:
    """Per-field last-writer-wins.

    ``base_local``/``base_server`` are what each side held at the end of the last sync (the
    same value for flags; they differ where the two sides spell it differently, such as a top-
    level feed the server keeps in its default folder); None when the field was never synced.
    ``local_at`` is the queue's time of the last local change; ``remote_at`` the server's
    (see :func:`remote_change_time`)."""
    same = equal or (lambda a, b: a == b)
    if same(local, server):
        return Outcome.SAME
    if base_local is None or base_server is None:
        if local_at is not None and (remote_at is None or local_at > remote_at):
            return Outcome.PUSH
        if local_at is not None:
            return Outcome.PULL
        if first_link is FirstLink.TRUE:
            return Outcome.PUSH if local else Outcome.PULL
        return Outcome.PULL
    local_changed = not same(local, base_local)
    server_changed = not same(server, base_server)
    if local_changed and not server_changed:
        return Outcome.PUSH
    if server_changed and not local_changed:
        return Outcome.PULL
    if not local_changed and not server_changed:
        # Both hold their baselines yet differ: the baselines disagree, which only a sync cut
        # short between the two sides' writes can leave. The server's value is the shared one.
        return Outcome.PULL
    if local_at is not None and (remote_at is None or local_at > remote_at):
        return Outcome.PUSH
    return Outcome.PULL


# -- items: read, starred, labels ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KnownItem:
    """A server item Folio has seen, with the state both sides agreed on last time.

    ``article_id`` is None when the article was deleted here: the item is remembered so it
    is not fetched again. ``labels`` is None where labels are not synced."""

    remote_id: int
    article_id: int | None
    read: bool
    starred: bool
    labels: frozenset[str] | None = None


@dataclass(frozen=True, slots=True)
class LocalState:
    read: bool
    starred: bool
    labels: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class ServerState:
    """What the server's id lists say. ``labels`` maps a label to its item ids, or is None
    when the server has no labels."""

    ids: frozenset[int]
    unread: frozenset[int]
    starred: frozenset[int]
    labels: Mapping[str, frozenset[int]] | None = None

    def is_read(self, item: int) -> bool:
        return item not in self.unread

    def labels_of(self, item: int) -> frozenset[str]:
        if not self.labels:
            return frozenset()
        return frozenset(name for name, ids in self.labels.items() if item in ids)


@dataclass(slots=True)
class ItemPlan:
    """What a sync does about items. Remote ids in ``push_*``; article ids in ``set_*``."""

    fetch: list[int] = field(default_factory=list)
    forget: list[int] = field(default_factory=list)
    push_read: list[int] = field(default_factory=list)
    push_unread: list[int] = field(default_factory=list)
    push_star: list[int] = field(default_factory=list)
    push_unstar: list[int] = field(default_factory=list)
    push_label_add: dict[str, list[int]] = field(default_factory=dict)
    push_label_remove: dict[str, list[int]] = field(default_factory=dict)
    set_read: list[int] = field(default_factory=list)
    set_unread: list[int] = field(default_factory=list)
    set_star: list[int] = field(default_factory=list)
    set_unstar: list[int] = field(default_factory=list)
    add_tags: dict[int, list[str]] = field(default_factory=dict)
    remove_tags: dict[int, list[str]] = field(default_factory=dict)
    # remote id → (read, starred, labels) both sides hold once the plan is carried out.
    baselines: dict[int, tuple[bool, bool, frozenset[str] | None]] = field(default_factory=dict)

    @property
    def pushes(self) -> int:
        return (
            len(self.push_read)
            + len(self.push_unread)
            + len(self.push_star)
            + len(self.push_unstar)
            + sum(map(len, self.push_label_add.values()))
            + sum(map(len, self.push_label_remove.values()))
        )

    @property
    def pulls(self) -> int:
        return (
            len(self.set_read)
            + len(self.set_unread)
            + len(self.set_star)
            + len(self.set_unstar)
            + sum(map(len, self.add_tags.values()))
            + sum(map(len, self.remove_tags.values()))
        )


def _label_key(name: str) -> str:
    return name.casefold()


def plan_items(
    known: Mapping[int, KnownItem],
    server: ServerState,
    local: Mapping[int, LocalState],
    changes: Mapping[tuple[int, str], datetime],
    *,
    previous_sync: datetime | None,
    labels: bool,
) -> ItemPlan:
    """Decide, item by item and field by field, what goes where.

    ``known`` are the items linked before this sync (new ones are linked as they are fetched,
    see :func:`plan_new_item`); ``local`` holds the state of their articles; ``changes`` the
    queue's times by (article id, field).

    A flag (and each label) has two values, so when both sides moved away from the value they
    agreed on, they agree again: times only decide where there is no agreed value yet (a
    label on an item whose labels were never synced)."""
    plan = ItemPlan()
    plan.fetch = sorted(server.ids - known.keys())
    for remote_id, item in known.items():
        if remote_id not in server.ids:
            plan.forget.append(remote_id)
            continue
        server_read = server.is_read(remote_id)
        server_star = remote_id in server.starred
        server_labels = server.labels_of(remote_id) if labels else None
        state = local.get(item.article_id) if item.article_id is not None else None
        if state is None:
            # Deleted here: the server's state is only remembered.
            plan.baselines[remote_id] = (server_read, server_star, server_labels)
            continue
        article = item.article_id
        assert article is not None
        remote_at = previous_sync
        read = _decide_flag(
            item.read, state.read, server_read, changes.get((article, READ_FIELD)), remote_at
        )
        star = _decide_flag(
            item.starred,
            state.starred,
            server_star,
            changes.get((article, STARRED_FIELD)),
            remote_at,
        )
        final_read = _apply_flag(plan, read, state.read, remote_id, article, kind="read")
        final_star = _apply_flag(plan, star, state.starred, remote_id, article, kind="star")
        final_labels: frozenset[str] | None = None
        if server_labels is not None:
            final_labels = _plan_labels(
                plan,
                remote_id,
                article,
                base=item.labels,
                mine=state.labels,
                theirs=server_labels,
                changes=changes,
                remote_at=remote_at,
            )
        plan.baselines[remote_id] = (final_read, final_star, final_labels)
    return plan


def _decide_flag(
    base: bool, local: bool, server: bool, local_at: datetime | None, remote_at: datetime | None
) -> Outcome:
    return resolve(
        base_local=base,
        base_server=base,
        local=local,
        server=server,
        local_at=local_at,
        remote_at=remote_at,
        first_link=FirstLink.TRUE,
    )


def _apply_flag(
    plan: ItemPlan, outcome: Outcome, local: bool, remote_id: int, article: int, *, kind: str
) -> bool:
    """Record the outcome in the plan; returns the value both sides hold afterwards."""
    if outcome is Outcome.SAME:
        return local
    if outcome is Outcome.PUSH:
        if kind == "read":
            (plan.push_read if local else plan.push_unread).append(remote_id)
        else:
            (plan.push_star if local else plan.push_unstar).append(remote_id)
        return local
    value = not local
    if kind == "read":
        (plan.set_read if value else plan.set_unread).append(article)
    else:
        (plan.set_star if value else plan.set_unstar).append(article)
    return value


def _plan_labels(
    plan: ItemPlan,
    remote_id: int,
    article: int,
    *,
    base: frozenset[str] | None,
    mine: frozenset[str],
    theirs: frozenset[str],
    changes: Mapping[tuple[int, str], datetime],
    remote_at: datetime | None,
) -> frozenset[str]:
    """Each label is a flag of its own: added on one side, removed on the other, both kept."""
    names: dict[str, str] = {}
    for name in (*theirs, *mine, *(base or ())):
        names.setdefault(_label_key(name), name)
    mine_keys = {_label_key(n) for n in mine}
    theirs_keys = {_label_key(n) for n in theirs}
    base_keys = None if base is None else {_label_key(n) for n in base}
    # Queue rows name the label as it was spelled here.
    label_times = {
        _label_key(f[len(LABEL_FIELD) :]): t
        for (a, f), t in changes.items()
        if a == article and f.startswith(LABEL_FIELD)
    }
    final: set[str] = set()
    for key, name in names.items():
        here, there = key in mine_keys, key in theirs_keys
        was = None if base_keys is None else key in base_keys
        outcome = resolve(
            base_local=was,
            base_server=was,
            local=here,
            server=there,
            local_at=label_times.get(key),
            remote_at=remote_at,
            first_link=FirstLink.TRUE,
        )
        value = there if outcome is Outcome.PULL else here
        if outcome is Outcome.PUSH:
            target = plan.push_label_add if here else plan.push_label_remove
            target.setdefault(name, []).append(remote_id)
        elif outcome is Outcome.PULL:
            target_tags = plan.add_tags if there else plan.remove_tags
            target_tags.setdefault(article, []).append(name)
        if value:
            final.add(name)
    return frozenset(final)


def plan_new_item(
    plan: ItemPlan,
    remote_id: int,
    *,
    article_id: int | None,
    local: LocalState | None,
    server_read: bool,
    server_starred: bool,
    server_labels: frozenset[str] | None,
    changes: Mapping[tuple[int, str], datetime],
    remote_at: datetime | None,
) -> None:
    """A server item seen for the first time. When it matched an article Folio already had
    (from its own refresh of the same feed), the two states merge as a first link: a change
    the queue dated here is weighed against the server's time; without one, a flag set on
    either side stays set, and labels from both sides are kept."""
    if local is None or article_id is None:
        plan.baselines[remote_id] = (server_read, server_starred, server_labels)
        return
    outcomes = [
        resolve(
            base_local=None,
            base_server=None,
            local=mine,
            server=theirs,
            local_at=changes.get((article_id, name)),
            remote_at=remote_at,
            first_link=FirstLink.TRUE,
        )
        for name, mine, theirs in (
            (READ_FIELD, local.read, server_read),
            (STARRED_FIELD, local.starred, server_starred),
        )
    ]
    final_read = _apply_flag(plan, outcomes[0], local.read, remote_id, article_id, kind="read")
    final_star = _apply_flag(plan, outcomes[1], local.starred, remote_id, article_id, kind="star")
    labels: frozenset[str] | None = None
    if server_labels is not None:
        labels = _plan_labels(
            plan,
            remote_id,
            article_id,
            base=None,
            mine=local.labels,
            theirs=server_labels,
            changes=changes,
            remote_at=remote_at,
        )
    plan.baselines[remote_id] = (final_read, final_star, labels)


# -- subscriptions -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Subscription:
    """A feed as the server lists it. ``label`` is its folder there ("" for none)."""

    remote_id: str
    url: str
    title: str
    label: str = ""
    site_url: str | None = None


@dataclass(frozen=True, slots=True)
class LocalFeed:
    feed_id: int
    url: str
    title: str
    folder: str | None


@dataclass(frozen=True, slots=True)
class FeedLink:
    """A local feed linked to a server subscription, with each side's baseline."""

    feed_id: int
    remote_id: str
    local_title: str
    remote_title: str
    local_folder: str | None
    remote_label: str


@dataclass(slots=True)
class SubscriptionPlan:
    subscribe: list[LocalFeed] = field(default_factory=list)
    unsubscribe: list[str] = field(default_factory=list)
    link: list[tuple[LocalFeed, Subscription]] = field(default_factory=list)
    create_local: list[Subscription] = field(default_factory=list)
    remove_local: list[int] = field(default_factory=list)
    # (remote id, new title) / (remote id, old label, new label)
    push_title: list[tuple[str, str]] = field(default_factory=list)
    push_label: list[tuple[str, str, str]] = field(default_factory=list)
    pull_title: list[tuple[int, str]] = field(default_factory=list)
    pull_folder: list[tuple[int, str | None]] = field(default_factory=list)
    # Links that only need their baselines brought up to date.
    unchanged: list[int] = field(default_factory=list)
    # Set when the server lost so many feeds at once that removing them here looks like a
    # fault on the server, not a choice: nothing is removed and the user is told.
    held_removals: int = 0


def url_key(url: str) -> str:
    """A feed address as compared between the library and the server."""
    return normalize_url(url).rstrip("/").casefold()


def plan_subscriptions(
    server: Iterable[Subscription],
    local: Iterable[LocalFeed],
    links: Iterable[FeedLink],
    *,
    removed_here: Collection[str],
    changes: Mapping[tuple[int, str], datetime],
    previous_sync: datetime | None,
    now: datetime,
) -> SubscriptionPlan:
    """Subscriptions, both ways. Once linked, the library's feeds are the account's
    subscriptions: a feed added here is subscribed there and the other way round; a removal
    on either side removes it on the other; title and folder follow per-field
    last-writer-wins. When a server feed and a local one first meet (same address), the
    server's title and folder are kept: the other devices already read them that way."""
    plan = SubscriptionPlan()
    server_by_id = {s.remote_id: s for s in server}
    local_by_id = {f.feed_id: f for f in local}
    linked_remote = set()
    linked_local = set()
    remote_at = remote_change_time(None, previous_sync, now)
    lost: list[int] = []
    for link in links:
        linked_remote.add(link.remote_id)
        linked_local.add(link.feed_id)
        feed = local_by_id.get(link.feed_id)
        sub = server_by_id.get(link.remote_id)
        if feed is None:
            continue
        if sub is None:
            lost.append(feed.feed_id)
            continue
        title = resolve(
            base_local=link.local_title,
            base_server=link.remote_title,
            local=feed.title,
            server=sub.title,
            local_at=changes.get((feed.feed_id, TITLE_FIELD)),
            remote_at=remote_at,
            first_link=FirstLink.SERVER,
        )
        folder = resolve(
            base_local=link.local_folder or "",
            base_server=link.remote_label,
            local=folder_label(feed.folder),
            server=sub.label,
            local_at=changes.get((feed.feed_id, FOLDER_FIELD)),
            remote_at=remote_at,
            first_link=FirstLink.SERVER,
            equal=same_name,
        )
        # Only a change on one side is a reason to write: a top-level feed the server keeps in
        # its default folder differs from it for good, and that is no conflict.
        local_moved = not same_name(folder_label(feed.folder), link.local_folder)
        server_moved = not same_name(sub.label, link.remote_label)
        if title is Outcome.PUSH and feed.title.strip():
            plan.push_title.append((sub.remote_id, feed.title))
        elif title is Outcome.PULL and sub.title.strip() and sub.title != link.remote_title:
            plan.pull_title.append((feed.feed_id, sub.title))
        if folder is Outcome.PUSH and local_moved:
            plan.push_label.append((sub.remote_id, sub.label, folder_label(feed.folder)))
        elif folder is Outcome.PULL and server_moved:
            plan.pull_folder.append((feed.feed_id, sub.label or None))
        plan.unchanged.append(feed.feed_id)
    plan.unsubscribe = [r for r in removed_here if r in server_by_id]
    gone_here = set(plan.unsubscribe)
    if lost and len(lost) > max(5, len(linked_local) // 2):
        plan.held_removals = len(lost)
    else:
        plan.remove_local = lost
    by_url: dict[str, LocalFeed] = {}
    for feed in local_by_id.values():
        if feed.feed_id not in linked_local:
            by_url.setdefault(url_key(feed.url), feed)
    for sub in server_by_id.values():
        if sub.remote_id in linked_remote or sub.remote_id in gone_here:
            continue
        match = by_url.pop(url_key(sub.url), None)
        if match is not None:
            plan.link.append((match, sub))
            # First meeting: the server's title and folder win, except that a feed at the top
            # level here stays there (the server may have no top level, only a default folder).
            if sub.title.strip() and sub.title != match.title:
                plan.pull_title.append((match.feed_id, sub.title))
            if match.folder is not None and not same_name(match.folder, sub.label):
                plan.pull_folder.append((match.feed_id, sub.label or None))
        else:
            plan.create_local.append(sub)
    plan.subscribe = sorted(by_url.values(), key=lambda f: f.feed_id)
    return plan
