"""Matching the text a reader sees on screen with the article's reading text.

The reading pane draws the article's HTML with its own layout: blocks end in paragraph
separators, pictures are object characters, tables add frame characters and a task list's
"[ ]" is a check box. Highlights are anchored in the reading text
(:mod:`reader.core.anchoring_html`), so a selection on screen must be turned into a range of
it, and a highlight into a place on screen. Both texts come from the same HTML: their visible
characters are the same apart from a few, so they are matched character by character, skipping
whitespace and what only one side has.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

# Characters that stand for layout, not text: whitespace, object and frame characters.
_LAYOUT = frozenset("\u2028\u2029\ufffc\ufdd0\ufdd1\ufeff\u00ad\u200b\u2060")
# How far ahead to look for the two texts to agree again after they differ.
_RESYNC_WINDOW = 400
_RESYNC_LENGTH = 12


def _visible(text: str, start: int = 0) -> tuple[str, list[int]]:
    chars: list[str] = []
    positions: list[int] = []
    for index in range(start, len(text)):
        ch = text[index]
        if ch in _LAYOUT or ch.isspace():
            continue
        chars.append(ch)
        positions.append(index)
    return "".join(chars), positions


def _common_length(a: str, i: int, b: str, j: int) -> int:
    """How many characters ``a[i:]`` and ``b[j:]`` have in common from their start."""
    low, high = 0, min(len(a) - i, len(b) - j)
    if a[i : i + high] == b[j : j + high]:
        return high
    while low < high:
        middle = (low + high + 1) // 2
        if a[i : i + middle] == b[j : j + middle]:
            low = middle
        else:
            high = middle - 1
    return low


@dataclass(frozen=True, slots=True)
class TextMap:
    """Pairs of matching positions: ``shown[k]`` in the screen's text is ``reading[k]`` in
    the reading text (both ascending)."""

    shown: list[int]
    reading: list[int]

    @classmethod
    def build(cls, reading_text: str, shown_text: str, shown_start: int = 0) -> TextMap:
        """Match ``reading_text`` with ``shown_text`` from ``shown_start`` on (where the
        article's own text begins on screen)."""
        r_chars, r_pos = _visible(reading_text)
        s_chars, s_pos = _visible(shown_text, shown_start)
        shown: list[int] = []
        reading: list[int] = []
        i = j = 0
        while i < len(r_chars) and j < len(s_chars):
            same = _common_length(r_chars, i, s_chars, j)
            if same:
                shown.extend(s_pos[j : j + same])
                reading.extend(r_pos[i : i + same])
                i += same
                j += same
                continue
            skip = _resync(r_chars, i, s_chars, j)
            if skip is None:
                break
            i, j = skip
        return cls(shown, reading)

    def reading_range(self, start: int, end: int) -> tuple[int, int] | None:
        """The range of the reading text shown at ``start``–``end`` on screen (None when
        nothing of it is article text)."""
        first = bisect_left(self.shown, start)
        last = bisect_left(self.shown, end) - 1
        if first > last or first >= len(self.shown):
            return None
        return self.reading[first], self.reading[last] + 1

    def reading_at(self, position: int) -> int | None:
        """The reading text's offset of the character at ``position`` on screen."""
        k = bisect_right(self.shown, position) - 1
        if k < 0 or self.shown[k] != position:
            return None
        return self.reading[k]

    def shown_range(self, start: int, end: int) -> tuple[int, int] | None:
        """Where the reading text's ``start``–``end`` is on screen."""
        first = bisect_left(self.reading, start)
        last = bisect_left(self.reading, end) - 1
        if first > last or first >= len(self.reading):
            return None
        return self.shown[first], self.shown[last] + 1


def _resync(a: str, i: int, b: str, j: int) -> tuple[int, int] | None:
    """Where ``a`` (from ``i``) and ``b`` (from ``j``) agree again: the fewest characters
    skipped on either side, looking a little way ahead."""
    best: tuple[int, int] | None = None
    for skip_a in range(_RESYNC_WINDOW):
        if i + skip_a >= len(a):
            break
        if best is not None and skip_a >= best[0] - i + best[1] - j:
            break
        probe = a[i + skip_a : i + skip_a + _RESYNC_LENGTH]
        found = b.find(probe, j, j + _RESYNC_WINDOW + len(probe))
        if found < 0:
            continue
        if best is None or skip_a + (found - j) < (best[0] - i) + (best[1] - j):
            best = (i + skip_a, found)
    if best is None or best == (i, j):
        return None
    return best
