"""The feed's properties show how many items a refresh reads, and what the last one kept."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from reader.core.types import Feed
from reader.core.updates import FeedUpdate
from reader.library import Library
from reader.store import feeds as store_feeds
from reader.ui.feed_properties_dialog import FeedPropertiesDialog
from reader.ui.sidebar_model import feed_node


def test_the_items_a_refresh_reads_can_be_set_and_the_notice_is_shown(qtbot: QtBot) -> None:
    feed = Feed(
        id=3,
        url="https://busy.example/feed.xml",
        title="Busy",
        notice="kept the newest 1,000 of its 500,000 items",
    )
    dialog = FeedPropertiesDialog(feed, ["News"])
    qtbot.addWidget(dialog)
    assert dialog.keep_items.value() == 1000
    assert dialog.changes().keep_items == 1000
    dialog.keep_items.setValue(250)
    assert dialog.changes().keep_items == 250
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "never; kept the newest 1,000 of its 500,000 items" in labels


def test_a_feed_with_its_own_number_shows_it(qtbot: QtBot) -> None:
    feed = Feed(id=4, url="https://podcast.example/feed.xml", title="Podcast", keep_items=5000)
    dialog = FeedPropertiesDialog(feed, [])
    qtbot.addWidget(dialog)
    assert dialog.keep_items.value() == 5000


def test_the_sidebar_tooltip_says_what_the_last_refresh_left_out(library: Library) -> None:
    feed = library.add_feed("https://busy.example/feed.xml", title="Busy")
    notice = "kept the newest 1,000 of its 500,000 items"
    library.writer.run(lambda: store_feeds.update_feed(feed.id, FeedUpdate(notice=notice)))
    [brief] = library.list_feeds_brief()
    assert feed_node(brief).tooltip == (
        "https://busy.example/feed.xml\n\n"
        "The last refresh kept the newest 1,000 of its 500,000 items."
    )
