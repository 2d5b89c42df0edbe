from __future__ import annotations

from reader.core.text import reading_minutes, word_count


def test_word_count_counts_words_in_any_script() -> None:
    assert word_count("Grüße aus Köln — straße, 2025!") == 5
    assert word_count("") == 0


def test_reading_minutes_rounds_and_never_says_zero_for_text() -> None:
    assert reading_minutes(0) == 0
    assert reading_minutes(10) == 1
    assert reading_minutes(230 * 7) == 7
