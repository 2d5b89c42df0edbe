"""Files in and out from the window: the file is picked in a dialog; exports and imports run
in the background with progress in the status bar; a page or text file is saved as an article."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from reader.library import Library
from reader.ui.main_window import MainWindow
from reader.ui.save_article_dialog import FILE_FILTER
from reader.ui.sidebar_keys import FeedKey
from reader.ui.transfer_commands import EXPORT_FORMATS, IMPORT_FILTER
from tests.ui.library_data import add_feed_with_articles
from tests.ui.scripted_prompts import Asked, ScriptedPrompts


def test_export_then_import_subscriptions(
    library: Library, window: MainWindow, qtbot: QtBot, prompts: ScriptedPrompts, tmp_path: Path
) -> None:
    feed_id, _ = add_feed_with_articles(library, "Alpha", 1, folder="News")
    # A name without a suffix takes the chosen format's.
    prompts.answer((tmp_path / "subscriptions", "Subscriptions as OPML (*.opml)"))
    with qtbot.waitSignal(window.transfers.finished, timeout=10_000):
        window.commands.export.trigger()
    target = tmp_path / "subscriptions.opml"
    assert "https://alpha.example/feed.xml" in target.read_text()
    assert window.statusBar().currentMessage().startswith("Exported")
    assert not window.status_bar.progress.isVisible()

    library.remove_feed(feed_id)
    # Cancelling the dialog does nothing.
    prompts.answer(None)
    window.commands["import"].trigger()
    assert not window.transfers.running
    prompts.answer(target)
    with qtbot.waitSignal(window.transfers.finished, timeout=10_000):
        window.commands["import"].trigger()
    (feed,) = library.list_feeds()
    assert feed.url == "https://alpha.example/feed.xml" and feed.folder == "News"
    assert window.statusBar().currentMessage().startswith("Imported subscriptions.opml")
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
