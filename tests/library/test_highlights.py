"""Highlights and notes through the library: making, changing, undoing, showing, and keeping
them when the article's text is extracted again."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Response

from reader.core.errors import NotFoundError, UserError
from reader.core.highlights import HighlightColor
from reader.library import Library
from reader.library.highlights import cursor_after
from reader.store import articles as store_articles
from tests.factories import BASE_TIME, make_input
from tests.services.article_pages import PARAGRAPHS, article_page

TEXT = (
    "Heat pumps move heat instead of making it.\n\n"
    "In winter a heat pump takes warmth from the cold air outside; in summer it runs the"
    " other way.\n\n"
    "The best heat pump is the one sized for the house."
)


def _article(library: Library, text: str = TEXT, title: str = "Heat pumps") -> int:
    return library.writer.run(
        lambda: store_articles.insert_article(make_input(title, text), now=BASE_TIME)
    )


class Events:
    def __init__(self, library: Library) -> None:
        self.seen: list[tuple[str, Any]] = []
        self._lock = threading.Lock()
        library.add_listener(self.record)

    def record(self, kind: str, detail: Any) -> None:
        with self._lock:
            self.seen.append((kind, detail))


def test_a_quote_becomes_an_anchored_highlight(library: Library) -> None:
    article_id = _article(library)
    events = Events(library)
    made = library.highlights.add_quote(
        article_id, "takes warmth from the cold air", note="  nice  ", color=HighlightColor.GREEN
    )
    assert made.placed and made.note == "nice" and made.color is HighlightColor.GREEN
    text = library.highlights.reading_text(article_id)
    assert text[made.anchor.start : made.anchor.end] == "takes warmth from the cold air"
    assert made.anchor.prefix.endswith("In winter a heat pump ")
    assert ("highlights", [article_id]) in events.seen
    assert library.highlights.for_article(article_id) == [made]


def test_a_selection_by_position_is_a_highlight(library: Library) -> None:
    article_id = _article(library)
    text = library.highlights.reading_text(article_id)
    start = text.index("sized")
    made = library.highlights.add(article_id, start - 1, start + len("sized for the house"))
    assert made.quote == "sized for the house"
    with pytest.raises(UserError, match="cannot highlight that in article"):
        library.highlights.add(article_id, 5, 5_000)


def test_quotes_that_are_not_there_or_are_ambiguous_change_nothing(library: Library) -> None:
    article_id = _article(library)
    with pytest.raises(UserError, match="not in the text of article"):
        library.highlights.add_quote(article_id, "geothermal")
    with pytest.raises(UserError, match=r"occurs twice .* --occurrence \(1 to 2\)"):
        library.highlights.add_quote(article_id, "heat pump")
    with pytest.raises(UserError, match="--occurrence must be from 1 to 2"):
        library.highlights.add_quote(article_id, "heat pump", occurrence=3)
    with pytest.raises(UserError, match="the quote is empty"):
        library.highlights.add_quote(article_id, "   ")
    with pytest.raises(NotFoundError):
        library.highlights.add_quote(9999, "heat")
    assert library.highlights.for_article(article_id) == []
    # Read loosely, "HEAT PUMP" is also in "Heat pumps": the third one is the last.
    last = library.highlights.add_quote(article_id, "HEAT PUMP", occurrence=3)
    assert last.anchor.prefix.endswith("The best ")
    # The text around a selection says which one without counting.
    by_context = library.highlights.add_quote(
        article_id, "heat pump", prefix="In winter a ", suffix=" takes"
    )
    assert by_context.anchor.suffix.startswith(" takes warmth")


def test_edit_remove_and_undo(library: Library) -> None:
    article_id = _article(library)
    made = library.highlights.add_quote(article_id, "sized for the house", note="size")
    before, after = library.highlights.edit(made.id, color=HighlightColor.BLUE, note=None)
    assert before == made
    assert after.color is HighlightColor.BLUE and after.note is None
    assert library.highlights.restore_edit(before).note == "size"
    removed = library.highlights.remove(made.id)
    assert library.highlights.for_article(article_id) == []
    restored = library.highlights.restore(removed)
    assert restored.id == made.id and restored.note == "size"
    assert restored.anchor == made.anchor
    with pytest.raises(NotFoundError, match="no highlight with id 999"):
        library.highlights.remove(999)


def test_the_article_note_is_set_cleared_and_undone(library: Library) -> None:
    article_id = _article(library)
    assert library.highlights.set_note(article_id, "Read again in spring") is None
    assert library.highlights.note(article_id) == "Read again in spring"
    assert library.highlights.set_note(article_id, "  ") == "Read again in spring"
    assert library.highlights.note(article_id) is None
    with pytest.raises(NotFoundError):
        library.highlights.set_note(9999, "x")


def test_the_pane_shows_the_article_with_its_highlights_marked(library: Library) -> None:
    article_id = _article(library)
    made = library.highlights.add_quote(article_id, "cold air outside; in summer")
    marked = library.highlights.marked(article_id)
    assert (
        f'<mark class="hl hl-yellow" data-highlight-id="{made.id}">cold air outside; in summer'
        "</mark>"
    ) in marked.html
    assert marked.highlights == [made]


def test_the_library_lists_highlights_newest_first_a_page_at_a_time(library: Library) -> None:
    first = _article(library, title="First")
    second = _article(library, title="Second")
    made = [
        library.highlights.add_quote(first, "sized for the house"),
        library.highlights.add_quote(second, "move heat"),
        library.highlights.add_quote(first, "takes warmth"),
    ]
    page = library.highlights.recent(limit=2)
    assert [h.id for h in page] == [made[2].id, made[1].id]
    assert [h.article_title for h in page] == ["First", "Second"]
    rest = library.highlights.recent(after=cursor_after(page[-1]), limit=2)
    assert [h.id for h in rest] == [made[0].id]
    assert library.highlights.counts([first, second, 9999]) == {first: 2, second: 1}
    assert library.highlights.totals() == (3, 0)


def test_deleting_an_article_deletes_its_highlights(library: Library) -> None:
    article_id = _article(library)
    library.highlights.add_quote(article_id, "move heat")
    library.delete_articles([article_id])
    assert library.highlights.totals() == (0, 0)


def test_search_finds_notes_and_filters_by_highlights(library: Library) -> None:
    plain = _article(library, title="Plain")
    marked = _article(library, title="Marked")
    noted = _article(library, title="Noted")
    library.highlights.add_quote(marked, "move heat", note="compressor efficiency")
    library.highlights.set_note(noted, "ask the plumber")

    def found(query: str) -> set[int]:
        return {a.id for a in library.search(query)}

    assert found("compressor") == {marked}
    assert found("plumber") == {noted}
    assert found("has:highlights") == {marked}
    assert found("has:note") == {marked, noted}
    assert found("-has:highlights") == {plain, noted}
    assert found("heat has:highlights") == {marked}
    # The words of a removed note are no longer found.
    (highlight,) = library.highlights.for_article(marked)
    library.highlights.edit(highlight.id, note=None)
    assert found("compressor") == set()
    assert found("has:note") == {noted}


def _serve(httpserver: HTTPServer, pages: dict[str, str]) -> str:
    httpserver.expect_request("/gardens").respond_with_handler(
        lambda request: Response(pages["page"], content_type="text/html")
    )
    return httpserver.url_for("/gardens")


def test_reextraction_that_moves_the_text_moves_the_highlights(
    library: Library, httpserver: HTTPServer
) -> None:
    pages = {"page": article_page()}
    article_id = library.save(_serve(httpserver, pages)).article.id
    compost = library.highlights.add_quote(article_id, "a handful of compost each spring")
    sun = library.highlights.add_quote(article_id, "Most vegetables want six hours of sun a day")
    water = library.highlights.add_quote(article_id, "a deep soak once a week", note="weekly")
    # The site rewrote the page: a new first paragraph, "each" became "every", and the
    # paragraph on water is gone.
    pages["page"] = article_page(
        paragraphs=(
            "An introduction the page did not have before, long enough to move everything.",
            PARAGRAPHS[0],
            PARAGRAPHS[1].replace("each spring", "every spring"),
            PARAGRAPHS[2],
        )
    )
    assert library.reextract([article_id], refetch=True) == []
    text = library.highlights.reading_text(article_id)
    by_id = {h.id: h for h in library.highlights.for_article(article_id)}
    moved = by_id[sun.id]
    assert moved.placed and moved.anchor.start > sun.anchor.start  # type: ignore[operator]
    assert text[moved.anchor.start : moved.anchor.end] == sun.quote
    edited = by_id[compost.id]
    assert edited.placed and edited.quote == "a handful of compost every spring"
    lost = by_id[water.id]
    assert not lost.placed
    assert lost.quote == "a deep soak once a week" and lost.note == "weekly"
    # Placed ones come first, in the order of the text; the one not placed is still listed.
    assert [h.id for h in library.highlights.for_article(article_id)] == [
        compost.id,
        sun.id,
        water.id,
    ]
    assert water.id not in {
        h.id for h in library.highlights.marked(article_id).highlights if h.placed
    }
    # Its quote stays findable by search.
    assert article_id in {a.id for a in library.search('"deep soak"')}
    assert library.highlights.totals() == (3, 1)
    # The paragraph comes back: the highlight is placed again.
    pages["page"] = article_page()
    assert library.reextract([article_id], refetch=True) == []
    assert library.highlights.get(water.id).placed


def test_a_highlighted_feed_article_outlives_retention_and_its_feed(library: Library) -> None:
    from datetime import timedelta

    from reader.core.types import SourceKind
    from reader.store import feeds as store_feeds

    def fill() -> tuple[int, list[int]]:
        feed_id = store_feeds.add_feed("https://feeds.example/rss", title="F", now=BASE_TIME)
        return feed_id, [
            store_articles.insert_article(
                make_input(f"Entry {i}", f"Entry number {i} says something.", kind=SourceKind.FEED),
                now=BASE_TIME,
                feed_id=feed_id,
                entry_key=f"e{i}",
                read=True,
            )
            for i in range(3)
        ]

    feed_id, ids = library.writer.run(fill)
    library.highlights.add_quote(ids[0], "says something")
    deleted = library.writer.run(
        lambda: store_feeds.delete_old_read(feed_id, BASE_TIME + timedelta(days=1), [])
    )
    assert deleted == 2
    assert store_articles.existing_ids(ids) == {ids[0]}
    library.remove_feed(feed_id)
    kept = library.get_article(ids[0])
    assert kept.feed_id is None
    assert len(library.highlights.for_article(ids[0])) == 1


def test_exports_carry_highlights_and_notes(library: Library, tmp_path: Any) -> None:
    article_id = _article(library)
    _article(library, "Nothing marked here.", title="Plain")
    library.highlights.add_quote(article_id, "move heat", note="the point")
    library.highlights.add_quote(article_id, "sized for the house", color=HighlightColor.PINK)
    library.highlights.set_note(article_id, "Compare with gas")
    assert library.export_file(tmp_path / "hl.csv", format="readwise") == 2
    rows = (tmp_path / "hl.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0] == "Highlight,Title,Author,URL,Note,Location,Date"
    assert rows[1].startswith("move heat,Heat pumps,,,the point,1,")
    assert library.export_file(tmp_path / "notes", format="markdown") == 2
    note = (tmp_path / "notes" / "Heat pumps.md").read_text(encoding="utf-8")
    assert "Heat pumps ==move heat== instead" in note
    assert "## Notes\n\nCompare with gas" in note
    assert "> move heat\n\nthe point\n\n> sized for the house\n" in note
    assert library.export_file(tmp_path / "all.html") == 2
    page = (tmp_path / "all.html").read_text(encoding="utf-8")
    assert 'class="hl hl-pink"' in page and "Compare with gas" in page


def test_a_link_without_text_cannot_be_highlighted_yet(library: Library) -> None:
    from reader.core.types import ArticleInput, SourceKind

    article_id = library.writer.run(
        lambda: store_articles.insert_article(
            ArticleInput(title="Later", source_kind=SourceKind.URL, url="https://l.example/"),
            now=BASE_TIME,
            fetch_status="pending",
        )
    )
    with pytest.raises(UserError, match="has no text to highlight yet"):
        library.highlights.add_quote(article_id, "anything")
