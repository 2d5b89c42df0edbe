"""Matching the pane's text with the reading text a highlight is anchored in."""

from __future__ import annotations

from reader.core.text_map import TextMap

READING = "A title line\n\nFirst paragraph with words.\n\n[ ] a task\n\nLast one."
# As Qt's document holds it: paragraph separators, an image's object character, the task
# list's "[ ]" drawn as a check box, a soft hyphen kept.
SHOWN = (
    "Header\u2029A title line\u2029First para\u00adgraph \ufffc with words.\u2029a task"
    "\u2029Last one."
)


def test_a_selection_on_screen_is_its_range_of_the_reading_text() -> None:
    start = SHOWN.index("A title")
    text_map = TextMap.build(READING, SHOWN, start)
    a = SHOWN.index("First")
    b = SHOWN.index("words") + len("words")
    found = text_map.reading_range(a, b)
    assert found is not None
    assert READING[found[0] : found[1]] == "First paragraph with words"


def test_text_after_what_only_one_side_has_still_matches() -> None:
    text_map = TextMap.build(READING, SHOWN, SHOWN.index("A title"))
    a = SHOWN.index("a task")
    found = text_map.reading_range(a, a + len("a task"))
    assert found is not None and READING[found[0] : found[1]] == "a task"
    a = SHOWN.index("Last")
    found = text_map.reading_range(a, len(SHOWN))
    assert found is not None and READING[found[0] : found[1]] == "Last one."


def test_the_header_is_not_article_text() -> None:
    text_map = TextMap.build(READING, SHOWN, SHOWN.index("A title"))
    assert text_map.reading_range(0, len("Header")) is None
    assert text_map.reading_at(2) is None
    assert text_map.reading_at(SHOWN.index("Last")) == READING.index("Last")


def test_a_range_of_the_reading_text_is_found_on_screen() -> None:
    text_map = TextMap.build(READING, SHOWN, SHOWN.index("A title"))
    start = READING.index("with words")
    found = text_map.shown_range(start, start + len("with words"))
    assert found is not None and SHOWN[found[0] : found[1]] == "with words"
    assert text_map.shown_range(len(READING) + 5, len(READING) + 9) is None


def test_texts_that_differ_in_a_word_match_around_it() -> None:
    reading = "one two three four five six seven eight nine ten eleven twelve thirteen"
    shown = "one two THREE four five six seven eight nine ten eleven twelve thirteen"
    text_map = TextMap.build(reading, shown)
    a = shown.index("nine")
    found = text_map.reading_range(a, a + 4)
    assert found is not None and reading[found[0] : found[1]] == "nine"
