"""Counting words and reading time."""

import re

_WORD = re.compile(r"\w+", re.UNICODE)

# Silent reading of non-fiction runs near 230 words a minute for adults.
WORDS_PER_MINUTE = 230


def word_count(text: str) -> int:
    return sum(1 for _ in _WORD.finditer(text))


def reading_minutes(words: int) -> int:
    """Whole minutes, at least one for any text at all."""
    if words <= 0:
        return 0
    return max(1, round(words / WORDS_PER_MINUTE))
