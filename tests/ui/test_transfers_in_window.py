"""Files in and out from the window: the file is picked in a dialog; exports and imports run
in the background with progress in the status bar; a page or text file is saved as an article."""

from __future__ import annotations

from pathlib import Path

from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.ui.main_window import MainWindow
from reader.ui.save_article_dialog import FILE_FILTER
from reader.ui.sidebar_keys import FeedKey
from reader.ui.transfer_commands import EXPORT_FORMATS, IMPORT_FILTER
from tests.library.feed_docs import FeedServer, simple_feed
from tests.ui.library_data import add_feed_with_articles
from tests.ui.scripted_prompts import Asked, ScriptedPrompts


def test_export_then_import_subscriptions(
    library: Library,
    window: MainWindow,
    qtbot: QtBot,
    prompts: ScriptedPrompts,
    tmp_path: Path,
    httpserver: HTTPServer,
) -> None:
    feed_id, _ = add_feed_with_articles(library, "Alpha", 1, folder="News")
    url = FeedServer(httpserver).add("/alpha.xml", simple_feed("Alpha", 3))
    library.set_feed_options(feed_id, url=url)
    # A name without a suffix takes the chosen format's.
    prompts.answer((tmp_path / "subscriptions", "Subscriptions as OPML (*.opml)"))
    with qtbot.waitSignal(window.transfers.finished, timeout=10_000):
        window.commands.export.trigger()
    target = tmp_path / "subscriptions.opml"
    assert url in target.read_text()
    assert window.statusBar().currentMessage().startswith("Exported")
    assert not window.status_bar.progress.isVisible()

    library.remove_feed(feed_id)
    # Cancelling the dialog does nothing.
    prompts.answer(None)
    window.commands["import"].trigger()
    assert not window.transfers.running
    prompts.answer(target)
    # The feed the import brought is fetched at once.
    with (
        qtbot.waitSignal(window.refresher.finished, timeout=20_000),
        qtbot.waitSignal(window.transfers.finished, timeout=10_000),
    ):
        window.commands["import"].trigger()
    (feed,) = library.list_feeds()
    assert feed.url == url and feed.folder == "News" and feed.total == 3
    assert window.statusBar().currentMessage().startswith("Refreshed 1 feed")
    qtbot.waitUntil(lambda: window.sidebar_model.node_for_key(FeedKey(feed.id)) is not None)
    assert prompts.take() == [
        Asked("pick_save_file", "Export", ";;".join(label for _f, label, _s in EXPORT_FORMATS)),
        Asked("pick_open_file", "Import", IMPORT_FILTER),
        Asked("pick_open_file", "Import", IMPORT_FILTER),
    ]


def test_save_an_article_from_a_file_picked_in_the_dialog(
    library: Library, window: MainWindow, qtbot: QtBot, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    page = tmp_path / "notes.md"
    page.write_text("# Picked notes\n\nSome words from a file picked in the save dialog.\n")
    window.commands.save_article.trigger()
    dialog = window.transfer_commands.save_dialog
    assert dialog is not None
    prompts.answer(page)
    dialog.browse.click()
    assert dialog.url.text() == str(page)
    dialog.tags.setText("notes")
    with qtbot.waitSignal(window.saver.saved, timeout=10_000) as saved:
        dialog.ok_button.click()
    assert saved.args[1].article.title == "Picked notes"
    assert library.get_article(saved.args[1].article.id).tags == ("notes",)
    assert window.statusBar().currentMessage() == "Saved “Picked notes”"
    assert prompts.take() == [Asked("pick_open_file", "Save an article from a file", FILE_FILTER)]
