"""The full article in the window: "Load Full Article" reads a feed article's page through the
same extraction as saving, and the pane shows it; turning on a feed's "fetch the full article"
offers to do it for the articles it already has."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from pytest_httpserver import HTTPServer
from pytestqt.qtbot import QtBot

from reader.core.types import ArticleFilter
from reader.library import Library
from reader.ui.main_window import MainWindow
from reader.ui.sidebar_keys import FeedKey
from tests.library.feed_docs import FeedServer, simple_feed
from tests.library.test_refresh import serve_pages
from tests.ui.keyboard import press
from tests.ui.library_data import add_saved
from tests.ui.scripted_prompts import ScriptedPrompts


@pytest.fixture
def summaries(library: Library, httpserver: HTTPServer) -> int:
    """A feed of three summaries whose pages are on the loopback server (one of them gone)."""
    serve_pages(httpserver, "s", 2)
    httpserver.expect_request("/site/s2").respond_with_data("gone", status=404)
    feed = library.add_feed(
        FeedServer(httpserver).add("/s.xml", simple_feed("Summaries", 3, prefix="s"))
    )
    library.refresh([feed.id])
    return feed.id


def _text(library: Library, article_id: int) -> str:
    return library.get_article(article_id).text or ""


def test_load_full_article_shows_the_page_in_the_pane(
    library: Library, summaries: int, window: MainWindow, qtbot: QtBot
) -> None:
    window.sidebar_controller.open_key(FeedKey(summaries))
    article = next(
        a
        for a in library.list_articles(ArticleFilter(feed_id=summaries))
        if (a.url or "").endswith("s0")
    )
    window.list_controller.select_article(article.id)
    assert "whole page" not in _text(library, article.id)
    assert window.commands.load_full_text.isEnabled()
    with qtbot.waitSignal(window.full_text.finished, timeout=20_000):
        window.article_view.setFocus()
        press(window.article_view, Qt.Key.Key_F)
        assert window.statusBar().currentMessage() == "Loading the full article…"
    assert "The whole page of story" in _text(library, article.id)
    qtbot.waitUntil(lambda: "The whole page of story" in window.article_pane.browser.toPlainText())
    assert window.statusBar().currentMessage() == "Loaded the full article"


def test_a_page_that_cannot_be_read_keeps_the_summary_and_says_why(
    library: Library, summaries: int, window: MainWindow, qtbot: QtBot
) -> None:
    window.sidebar_controller.open_key(FeedKey(summaries))
    gone = next(
        a
        for a in library.list_articles(ArticleFilter(feed_id=summaries))
        if (a.url or "").endswith("s2")
    )
    window.list_controller.select_article(gone.id)
    before = _text(library, gone.id)
    with qtbot.waitSignal(window.full_text.finished, timeout=20_000):
        window.commands.load_full_text.trigger()
    assert "HTTP 404" in window.statusBar().currentMessage()
    assert _text(library, gone.id) == before


def test_saved_articles_have_no_full_article_to_load(
    library: Library, make_window: object, qtbot: QtBot
) -> None:
    add_saved(library, "Saved already", url="https://saved.example/a")
    window: MainWindow = make_window(library)  # type: ignore[operator]
    qtbot.waitUntil(lambda: window.article_list_model.rowCount() == 1)
    window.list_controller.select_first()
    assert not window.commands.load_full_text.isEnabled()


def test_turning_on_full_text_offers_it_for_the_articles_the_feed_has(
    library: Library,
    summaries: int,
    window: MainWindow,
    prompts: ScriptedPrompts,
    qtbot: QtBot,
) -> None:
    window.sidebar_controller.open_key(FeedKey(summaries))
    window.commands.feed_properties.trigger()
    dialog = window.feed_commands.properties_dialog
    assert dialog is not None
    dialog.full_text.setChecked(True)
    prompts.answer(True)
    with qtbot.waitSignal(window.full_text.finished, timeout=30_000) as finished:
        dialog.ok_button.click()
    (asked,) = prompts.take()
    assert asked.kind == "confirm" and "the 3 articles it already has" in asked.text
    done, problems = finished.args
    assert done == 3 and len(problems) == 1 and "HTTP 404" in problems[0]
    texts = [_text(library, a.id) for a in library.list_articles(ArticleFilter(feed_id=summaries))]
    assert sum("The whole page of story" in t for t in texts) == 2
    assert "Loaded the full article of 2 articles; 1 could not be loaded" in (
        window.statusBar().currentMessage()
    )
    assert library.get_feed(summaries).fetch_full_text
