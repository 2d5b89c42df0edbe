"""Placing highlights in a text that moved, changed a little, or lost them."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.anchoring import AnchorText, _best_end, fold, make_anchor, place_all, relocate
from reader.core.errors import UserError
from reader.core.highlights import TextAnchor, parse_color

TEXT = (
    "Heat pumps move heat instead of making it.\n\n"
    "In winter a heat pump takes warmth from the cold air outside and brings it in; in summer"
    " it can run the other way.\n\n"
    "The best heat pump is the one sized for the house, not the biggest one the installer has."
)


def _anchor(text: str, quote: str, nth: int = 0) -> TextAnchor:
    start = -1
    for _ in range(nth + 1):
        start = text.index(quote, start + 1)
    return make_anchor(text, start, start + len(quote))


def test_an_anchor_holds_the_quote_its_surroundings_and_its_place() -> None:
    anchor = _anchor(TEXT, "takes warmth from the cold air")
    assert anchor.exact == "takes warmth from the cold air"
    assert anchor.prefix == TEXT[anchor.start - 32 : anchor.start]  # type: ignore[operator]
    assert anchor.suffix == " outside and brings it in; in su"
    assert TEXT[anchor.start : anchor.end] == anchor.exact


def test_a_selection_loses_the_whitespace_at_its_ends() -> None:
    start = TEXT.index(" takes")
    anchor = make_anchor(TEXT, start, start + len(" takes warmth "))
    assert anchor.exact == "takes warmth"


@pytest.mark.parametrize(("start", "end"), [(-1, 4), (5, 5), (10, 4), (0, len(TEXT) + 1)])
def test_a_range_outside_the_text_is_refused(start: int, end: int) -> None:
    with pytest.raises(ValueError, match="not inside"):
        make_anchor(TEXT, start, end)


def test_a_range_of_only_whitespace_is_refused() -> None:
    at = TEXT.index("\n\n")
    with pytest.raises(ValueError, match="only whitespace"):
        make_anchor(TEXT, at, at + 2)


def test_an_unchanged_text_places_by_position() -> None:
    anchors = [_anchor(TEXT, "heat pump", 1), _anchor(TEXT, "sized for the house")]
    assert place_all(TEXT, anchors) == [(a.start, a.end) for a in anchors]


def test_text_added_before_moves_the_highlight_with_its_words() -> None:
    anchor = _anchor(TEXT, "sized for the house")
    moved = "A new first paragraph that pushes everything down.\n\n" + TEXT
    (span,) = place_all(moved, [anchor])
    assert span is not None
    assert moved[span[0] : span[1]] == "sized for the house"
    assert span[0] == anchor.start + 52  # type: ignore[operator]


def test_of_several_occurrences_the_one_with_the_same_surroundings_wins() -> None:
    # "heat pump" occurs twice; the highlight is the second one.
    anchor = _anchor(TEXT, "heat pump", 1)
    moved = "Preface.\n\n" + TEXT
    (span,) = place_all(moved, [anchor])
    assert span is not None
    assert moved[span[0] - 9 : span[1]] == "The best heat pump"


def test_a_repeated_quote_without_surroundings_goes_to_the_nearest_occurrence() -> None:
    text = "one two one two one two"
    anchor = TextAnchor("two", start=12, end=15)
    assert AnchorText(text).place(anchor) == (12, 15)
    assert AnchorText("x " + text).place(anchor) == (14, 17)


def test_an_import_spelling_whitespace_case_and_quotes_its_own_way_is_placed() -> None:
    text = "She said “don’t wait” — and   left.\n\nThe End"
    anchor = TextAnchor('said "DON\'T wait" - and left. the end')
    span = AnchorText(text).place(anchor)
    assert span is not None
    assert text[span[0] : span[1]] == "said “don’t wait” — and   left.\n\nThe End"


def test_an_edited_quote_is_placed_approximately() -> None:
    anchor = _anchor(TEXT, "takes warmth from the cold air outside and brings it in")
    edited = TEXT.replace("cold air outside", "chilly air outdoors")
    relocated = relocate(AnchorText(edited), anchor)
    assert relocated.placed
    assert relocated.anchor.exact == "takes warmth from the chilly air outdoors and brings it in"
    assert edited[relocated.anchor.start : relocated.anchor.end] == relocated.anchor.exact


def test_a_passage_that_is_gone_cannot_be_placed() -> None:
    anchor = _anchor(TEXT, "in summer it can run the other way")
    gone = TEXT.replace("in summer it can run the other way", "that is all")
    relocated = relocate(AnchorText(gone), anchor)
    assert not relocated.placed
    assert relocated.anchor == anchor  # kept as it was


def test_a_short_quote_is_not_matched_approximately() -> None:
    anchor = _anchor(TEXT, "cold air")
    assert AnchorText(TEXT.replace("cold air", "cool air")).place(anchor) is None


def test_a_rewritten_article_keeps_most_highlights_and_reports_the_rest() -> None:
    rng = random.Random(3)
    words = [
        "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(2, 9)))
        for _ in range(400)
    ]
    paragraphs = [" ".join(rng.choice(words) for _ in range(40)) + "." for _ in range(120)]
    text = "\n\n".join(paragraphs)
    quotes = [" ".join(p.split()[10:22]) for p in paragraphs]
    anchors = [_anchor(text, quote) for quote in quotes]
    # Re-extraction: an introduction added, a word changed in every tenth highlighted
    # passage, and two paragraphs gone.
    changed = ["An introduction the old extraction missed."]
    edited: dict[int, str] = {}
    for i, paragraph in enumerate(paragraphs):
        if i in (50, 51):
            continue
        if i % 10 == 3:
            old = quotes[i].split()[5]
            edited[i] = quotes[i].replace(f" {old} ", " replaced ", 1)
            changed.append(paragraph.replace(quotes[i], edited[i]))
        else:
            changed.append(paragraph)
    new_text = "\n\n".join(changed)
    spans = place_all(new_text, anchors)
    for i, span in enumerate(spans):
        if i in (50, 51):
            assert span is None
            continue
        assert span is not None, i
        assert new_text[span[0] : span[1]] == edited.get(i, quotes[i]), i


def test_fold_keeps_every_position() -> None:
    text = "İstanbul “quoted” – Straße\u00a0x"
    assert len(fold(text)) == len(text)
    assert fold("“Don’t”—X") == '"don\'t"-x'


def _edit_distance_anywhere(pattern: str, text: str) -> int:
    """The textbook dynamic programme: pattern against any substring of text."""
    previous = [0] * (len(text) + 1)
    for i, p in enumerate(pattern, start=1):
        current = [i] + [0] * len(text)
        for j, t in enumerate(text, start=1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (p != t))
        previous = current
    return min(previous)


@settings(max_examples=300, deadline=None)
@given(st.text("abc ", min_size=1, max_size=40), st.text("abcd ", max_size=80))
def test_the_bit_vector_search_finds_the_edit_distance(pattern: str, text: str) -> None:
    distance, end = _best_end(pattern, text)
    assert distance == _edit_distance_anywhere(pattern, text)
    assert _edit_distance_anywhere(pattern, text[:end]) == distance


def test_colours_are_read_by_name_and_by_other_services_names() -> None:
    assert parse_color("Green").value == "green"
    assert parse_color("red").value == "pink"
    assert parse_color("highlight_blue").value == "blue"
    with pytest.raises(UserError, match="unknown colour 'mauve'; the colours are yellow"):
        parse_color("mauve")
