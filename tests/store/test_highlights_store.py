"""The highlight table: the migration that adds it, and placing highlights again when an
article's content is replaced."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from pathlib import Path

from reader.core.anchoring import make_anchor
from reader.core.anchoring_html import reading_text
from reader.core.highlights import NewHighlight, Placement
from reader.library import Library
from reader.store import articles as store_articles
from reader.store import highlights as store_highlights
from tests.factories import BASE_TIME, make_input
from tests.store.test_database import _schema

DATA = Path(__file__).parent / "data"


def test_a_version_10_library_gains_highlights_and_its_notes_become_searchable(
    tmp_path: Path,
) -> None:
    old = tmp_path / "old.sqlite"
    con = sqlite3.connect(str(old))
    con.executescript((DATA / "schema_v10.sql").read_text())
    con.execute(
        "INSERT INTO article (id, source_kind, title, added, sort_date, word_count, read,"
        " starred, archived, fetch_status, note) VALUES (3, 'url', 'Boilers', 1, 1, 2, 0, 0,"
        " 0, 'ok', 'ask the plumber')"
    )
    con.execute(
        "INSERT INTO article_content (article_id, html, text) VALUES (3, '<p>Gas boilers</p>',"
        " 'Gas boilers')"
    )
    con.execute(
        "INSERT INTO article_search (rowid, title, author, text, tags)"
        " VALUES (3, 'Boilers', '', 'Gas boilers', '')"
    )
    con.commit()
    con.close()
    with Library(old) as lib:
        assert [a.id for a in lib.search("plumber")] == [3]
        assert [a.id for a in lib.search("boilers")] == [3]
        made = lib.highlights.add_quote(3, "gas boilers")
        assert made.placed
    fresh = tmp_path / "fresh.sqlite"
    Library(fresh).close()
    assert _schema(old) == _schema(fresh)


def test_replacing_the_content_places_the_highlights_again(library: Library) -> None:
    item = make_input("Pumps", "Alpha beta gamma delta.\n\nEpsilon zeta eta theta.")
    text = reading_text(item.content_html).text
    anchors = [
        make_anchor(text, text.index("gamma"), text.index("gamma") + 11),
        make_anchor(text, text.index("zeta"), text.index("zeta") + 8),
    ]

    def fill() -> tuple[int, list[int], Placement]:
        article_id = store_articles.insert_article(item, now=BASE_TIME)
        ids, placement = store_highlights.add_highlights(
            article_id, [NewHighlight(a) for a in anchors], now=BASE_TIME
        )
        return article_id, ids, placement

    article_id, ids, placement = library.writer.run(fill)
    assert placement == Placement(2, 0)
    changed = replace(
        item,
        content_html="<p>New opening.</p><p>Alpha beta gamma delta.</p>",
        text="New opening.\n\nAlpha beta gamma delta.",
    )
    assert library.writer.run(lambda: store_articles.update_article(article_id, changed))
    moved, lost = (store_highlights.get_highlight(i) for i in ids)
    assert moved.placed and moved.anchor.start == anchors[0].start + len("New opening.\n\n")  # type: ignore[operator]
    assert not lost.placed and lost.anchor == anchors[1]
    # Its quote is still found by search.
    assert [a.id for a in library.search('"zeta eta"')] == [article_id]


def test_a_note_stays_searchable_when_the_content_is_replaced(library: Library) -> None:
    item = make_input("Boilers", "Gas boilers heat water.")
    changed = replace(item, content_html="<p>Oil boilers too.</p>", text="Oil boilers too.")

    def note_then_replace() -> int:
        article_id = store_articles.insert_article(item, now=BASE_TIME)
        store_articles.set_note(article_id, "ask the plumber")
        assert store_articles.update_article(article_id, changed)
        return article_id

    article_id = library.writer.run(note_then_replace)
    assert [a.id for a in library.search("plumber")] == [article_id]


def test_highlights_an_old_import_kept_as_note_text_become_highlights(tmp_path: Path) -> None:
    old = tmp_path / "old.sqlite"
    con = sqlite3.connect(str(old))
    con.executescript((DATA / "schema_v10.sql").read_text())
    notes = {
        # wallabag: a note of the user's above two highlights, one with a note on it.
        1: "Check the dates\n\nHighlights:\n\n> Gas boilers heat water\n\n"
        "> burn less\n>\n> why not oil?",
        # A quote of two paragraphs that are both in the text.
        2: "Highlights:\n\n> Gas boilers heat water.\n>\n> Heat pumps burn less.",
        # A link not fetched yet: waits for its text.
        3: "Highlights:\n\n> Anything at all",
        # A note of the user's own that only looks a little like one.
        4: "Highlights: none yet\n\n> not an import",
    }
    html = "<p>Gas boilers heat water.</p><p>Heat pumps burn less.</p>"
    for article_id, note in notes.items():
        con.execute(
            "INSERT INTO article (id, source_kind, title, added, sort_date, word_count, read,"
            " starred, archived, fetch_status, note) VALUES (?, 'url', 'Boilers', 1000000, 1,"
            " 2, 0, 0, 0, ?, ?)",
            (article_id, "pending" if article_id == 3 else "ok", note),
        )
        if article_id != 3:
            con.execute(
                "INSERT INTO article_content (article_id, html, text) VALUES (?, ?, ?)",
                (article_id, html, "Gas boilers heat water.\n\nHeat pumps burn less."),
            )
    con.commit()
    con.close()
    with Library(old) as lib:

        def shown(article_id: int) -> list[tuple[str, bool, str | None]]:
            return [(h.quote, h.placed, h.note) for h in lib.highlights.for_article(article_id)]

        assert shown(1) == [
            ("Gas boilers heat water", True, None),
            ("burn less", True, "why not oil?"),
        ]
        assert lib.get_article(1).note == "Check the dates"
        assert shown(2) == [("Gas boilers heat water.\n\nHeat pumps burn less.", True, None)]
        assert lib.get_article(2).note is None
        assert shown(3) == [("Anything at all", False, None)]
        assert shown(4) == []
        assert lib.get_article(4).note == notes[4]
        assert {a.id for a in lib.search("oil")} == {1}
        assert {a.id for a in lib.search("dates")} == {1}
