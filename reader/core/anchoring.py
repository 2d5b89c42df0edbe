"""Placing highlights in an article's reading text, however the text changed.

A highlight is placed, in order of preference:

1. by its position, when the text there is still its quote (with the same few characters
   around it);
2. by its quote, when the quote occurs in the text: of several occurrences, the one whose
   surroundings are most like the ones the highlight remembers, then the nearest;
3. by its quote read loosely: whitespace, case, and typographic quotes, dashes and spaces
   count as the same (imports spell these their own way);
4. by an approximate match, for text that was edited or extracted a little differently: rare
   pieces of the quote are looked up in the text, and where several of them agree the quote
   is compared with the text there by edit distance (Myers' bit-parallel algorithm), accepted
   with at most one error in five characters.

A highlight none of these finds is "could not be placed": the caller keeps it, with its quote
and note, and tries again when the text next changes.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.highlights import CONTEXT_CHARS, TextAnchor

# Typographic variants read as their plain form; one character for one, so positions in the
# folded text are positions in the text.
_FOLDS = {
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032\u02bc\u00b4`", "'"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
    **dict.fromkeys("\t\n\r\f\v\u00a0\u2002\u2003\u2009\u200a\u202f\u205f\u3000", " "),
}
# Replacing just these is several times faster than translating every character.
_FOLDABLE = re.compile("[" + re.escape("".join(_FOLDS)) + "]")
_SPACES = re.compile(r"\s+")
_SPACE_RUN = re.compile(r" {2,}")

# An occurrence search stops after this many: a quote found more often is a word or two,
# and its surroundings decide among the first ones.
_MAX_OCCURRENCES = 2000
# Approximate matching: a quote this short is too easily found by accident.
_MIN_FUZZY_CHARS = 12
_ERROR_RATE = 5  # at most one error per this many characters
# The rarest words of a quote are looked up, as long as the places they point to together stay
# this few.
_MAX_SEEDS = 8
# Shifts of earlier anchors tried for the next one.
_SHIFTS = 3
_MAX_ORIGINS = 1500
_CANDIDATES = 6
# The characters next to a position that must agree for it to be trusted as it is.
_NEAR_CONTEXT = 8


def fold(text: str) -> str:
    """``text`` with typography and case folded, character for character."""
    folded = _FOLDABLE.sub(lambda match: _FOLDS[match.group(0)], text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    # A few characters lower to two ("İ"): those stay as they are.
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in folded)


def squash(text: str) -> str:
    """Whitespace runs as one space, ends trimmed: how quotes are compared."""
    return _SPACES.sub(" ", text).strip()


def make_anchor(text: str, start: int, end: int) -> TextAnchor:
    """The anchor of ``text[start:end]``, its ends moved in past any whitespace.

    ValueError when the range is outside the text or holds nothing but whitespace."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"the range {start}–{end} is not inside a text of {len(text)} characters")
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start == end:
        raise ValueError("the range holds only whitespace")
    return TextAnchor(
        exact=text[start:end],
        prefix=text[max(0, start - CONTEXT_CHARS) : start],
        suffix=text[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
    )


class AnchorText:
    """A text prepared for placing many anchors in it (the folded copy is made once)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._folded: str | None = None
        self._words: dict[str, list[int]] | None = None
        # The folded text with its runs of spaces made one, and where its pieces start in
        # it and in the text.
        self._squashed: tuple[str, list[int], list[int]] | None = None
        # How far the last anchors placed had moved, latest first: text added or removed
        # moves every anchor after it by the same amount, so the next one is likely there.
        self._shifts: list[int] = []

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.text)
        return self._folded

    # -- placing -----------------------------------------------------------------------------
    def place(self, anchor: TextAnchor) -> tuple[int, int] | None:
        """Where ``anchor`` is in the text now, or None if it cannot be placed."""
        if not anchor.exact.strip():
            return None
        found = self._at_position(anchor) or self._at_shifted_position(anchor)
        if found is None:
            exact = self._occurrences(anchor.exact)
            if exact:
                found = self.choose(exact, anchor)
        if found is None:
            loose = self._loose_occurrences(anchor.exact)
            if loose:
                found = self.choose(loose, anchor)
        if found is None:
            found = self._approximate(anchor)
        if found is not None and anchor.start is not None:
            self._remember_shift(found[0] - anchor.start)
        return found

    def _remember_shift(self, shift: int) -> None:
        if self._shifts and self._shifts[0] == shift:
            return
        if shift in self._shifts:
            self._shifts.remove(shift)
        self._shifts.insert(0, shift)
        del self._shifts[_SHIFTS:]

    def _at_shifted_position(self, anchor: TextAnchor) -> tuple[int, int] | None:
        if anchor.start is None or anchor.end is None:
            return None
        for shift in self._shifts:
            if shift == 0:
                continue
            moved = TextAnchor(
                anchor.exact, anchor.prefix, anchor.suffix, anchor.start + shift, anchor.end + shift
            )
            found = self._at_position(moved)
            if found is not None:
                return found
        return None

    def find(self, quote: str) -> list[tuple[int, int]]:
        """Every place ``quote`` occurs, exactly or read loosely (no approximate matches)."""
        return self._occurrences(quote) or self._loose_occurrences(quote)

    def _at_position(self, anchor: TextAnchor) -> tuple[int, int] | None:
        start, end = anchor.start, anchor.end
        if start is None or end is None or not 0 <= start < end <= len(self.text):
            return None
        if self.text[start:end] != anchor.exact:
            return None
        before = anchor.prefix[-_NEAR_CONTEXT:]
        after = anchor.suffix[:_NEAR_CONTEXT]
        if self.text[max(0, start - len(before)) : start] != before:
            return None
        if self.text[end : end + len(after)] != after:
            return None
        return start, end

    def _occurrences(self, quote: str) -> list[tuple[int, int]]:
        found: list[tuple[int, int]] = []
        text = self.text
        at = text.find(quote)
        while at != -1 and len(found) < _MAX_OCCURRENCES:
            found.append((at, at + len(quote)))
            at = text.find(quote, at + 1)
        return found

    def _squashed_text(self) -> tuple[str, list[int], list[int]]:
        if self._squashed is None:
            folded = self.folded  # its whitespace is all spaces
            parts: list[str] = []
            squashed_starts: list[int] = [0]
            text_starts: list[int] = [0]
            length = position = 0
            for run in _SPACE_RUN.finditer(folded):
                parts.append(folded[position : run.start() + 1])
                length += run.start() + 1 - position
                position = run.end()
                squashed_starts.append(length)
                text_starts.append(position)
            parts.append(folded[position:])
            self._squashed = ("".join(parts), squashed_starts, text_starts)
        return self._squashed

    def _loose_occurrences(self, quote: str) -> list[tuple[int, int]]:
        """Occurrences of the quote with whitespace, case and typography read loosely: a
        search of the folded text with its runs of spaces made one."""
        wanted = squash(fold(quote))
        if not wanted:
            return []
        squashed, squashed_starts, text_starts = self._squashed_text()

        def to_text(offset: int) -> int:
            piece = bisect_right(squashed_starts, offset) - 1
            return text_starts[piece] + offset - squashed_starts[piece]

        found: list[tuple[int, int]] = []
        at = squashed.find(wanted)
        while at != -1 and len(found) < _MAX_OCCURRENCES:
            found.append((to_text(at), to_text(at + len(wanted) - 1) + 1))
            at = squashed.find(wanted, at + 1)
        return found

    def choose(self, spans: list[tuple[int, int]], anchor: TextAnchor) -> tuple[int, int]:
        """Of several places of a quote, the one whose surroundings are most like the
        anchor's, else the nearest to where it was."""
        if len(spans) == 1:
            return spans[0]
        prefix = squash(fold(anchor.prefix))
        suffix = squash(fold(anchor.suffix))
        old = anchor.start

        def score(span: tuple[int, int]) -> tuple[int, int]:
            context = _common_suffix(prefix, self._before(span[0], len(prefix))) + _common_prefix(
                suffix, self._after(span[1], len(suffix))
            )
            distance = abs(span[0] - old) if old is not None else span[0]
            return context, -distance

        return max(spans, key=score)

    def _before(self, start: int, length: int) -> str:
        # Twice the length, as whitespace runs shrink when squashed.
        return squash(self.folded[max(0, start - 2 * length - 4) : start])[-length:]

    def _after(self, end: int, length: int) -> str:
        return squash(self.folded[end : end + 2 * length + 4])[:length]

    # -- approximate matching ------------------------------------------------------------------
    def _approximate(self, anchor: TextAnchor) -> tuple[int, int] | None:
        pattern = squash(fold(anchor.exact))
        if len(pattern) < _MIN_FUZZY_CHARS:
            return None
        errors = len(pattern) // _ERROR_RATE
        text = self.folded
        windows = self._candidate_windows(pattern, errors)
        if not windows and anchor.start is not None and 0 <= anchor.start < len(text):
            # Where it used to be, in case no word of it was rare enough to look up.
            slack = errors + 16
            windows.append((0, anchor.start - slack, anchor.start + len(pattern) + slack))
        best: tuple[int, int, int, int] | None = None  # (distance, votes, low, end)
        for votes, first, last in windows:
            if best is not None and votes < best[1]:
                break  # fewer of its words agree on this place than on the one found
            low = max(0, first)
            distance, end = _best_end(pattern, text[low:last])
            if distance <= errors and (best is None or distance < best[0]):
                best = (distance, votes, low, low + end)
        if best is None:
            return None
        _, _, low, end = best
        # The start: the same search backwards from the end found.
        reach = text[max(low, end - len(pattern) - errors) : end]
        _, back_end = _best_end(pattern[::-1], reach[::-1])
        start = end - back_end
        # The match's ends move in past whitespace, like a selection's.
        while start < end and text[start] == " ":
            start += 1
        while end > start and text[end - 1] == " ":
            end -= 1
        return (start, end) if start < end else None

    def _word_index(self) -> dict[str, list[int]]:
        """Where each word of the folded text starts (made on the first approximate search:
        a dictionary lookup per word of a quote instead of a pass over the text)."""
        if self._words is None:
            index: dict[str, list[int]] = {}
            position = 0
            # Words as the text's spaces separate them (punctuation stays on them, as it does
            # on the quote's words looked up here).
            for word in self.folded.split(" "):
                if word:
                    index.setdefault(word, []).append(position)
                position += len(word) + 1
            self._words = index
        return self._words

    def _candidate_windows(self, pattern: str, errors: int) -> list[tuple[int, int, int]]:
        """Stretches of the text where the quote may be, as (votes, start, end), most
        promising first: where several of its rarest words agree it starts."""
        index = self._word_index()
        words: list[tuple[int, str, int]] = []
        position = 0
        for word in pattern.split(" "):
            words.append((position, word, len(index.get(word, ()))))
            position += len(word) + 1
        # The rarest words first, as long as the places they point to stay few enough to sort.
        origins: list[tuple[int, int]] = []  # (where the quote would start, word offset)
        seeds = 0
        for offset, word, count in sorted(words, key=lambda w: (w[2], -len(w[1]))):
            if count == 0:
                continue
            if seeds >= _MAX_SEEDS or len(origins) + count > _MAX_ORIGINS:
                break
            origins.extend((at - offset, offset) for at in index[word])
            seeds += 1
        # Origins within the errors allowed of each other are one place (text added or
        # removed inside the quote moves its later words' origins a little).
        origins.sort()
        clusters: list[tuple[set[int], int, int]] = []
        for origin, offset in origins:
            if clusters and origin - clusters[-1][2] <= errors + 1:
                seen, low, _ = clusters[-1]
                seen.add(offset)
                clusters[-1] = (seen, low, origin)
            else:
                clusters.append(({offset}, origin, origin))
        # One word found alone is no evidence when several were looked for, nor two of eight.
        needed = 1 if seeds < 3 else max(2, seeds // 3 + 1)
        ranked = sorted(
            (c for c in clusters if len(c[0]) >= needed), key=lambda c: (-len(c[0]), c[1])
        )
        margin = errors + 2
        return [
            (len(seen), low - margin, high + len(pattern) + margin)
            for seen, low, high in ranked[:_CANDIDATES]
        ]


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _common_suffix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(reversed(a), reversed(b), strict=False):
        if x != y:
            break
        n += 1
    return n


def _peq(pattern: str) -> dict[str, int]:
    table: dict[str, int] = {}
    for i, ch in enumerate(pattern):
        table[ch] = table.get(ch, 0) | (1 << i)
    return table


def _best_end(pattern: str, text: str) -> tuple[int, int]:
    """The lowest edit distance of ``pattern`` to a substring of ``text`` and the end of the
    first such substring (Myers' bit-vector algorithm, with the match free to start
    anywhere)."""
    m = len(pattern)
    mask = (1 << m) - 1
    high = 1 << (m - 1)
    peq = _peq(pattern)
    pv, mv, score = mask, 0, m
    best, best_end = m, 0
    for j, ch in enumerate(text):
        eq = peq.get(ch, 0)
        xv = eq | mv
        xh = ((((eq & pv) + pv) & mask) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = (ph << 1) & mask
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
        if score < best:
            best, best_end = score, j + 1
    return best, best_end


def place_all(text: str, anchors: Sequence[TextAnchor]) -> list[tuple[int, int] | None]:
    """Each anchor's place in ``text`` (None where it cannot be placed)."""
    prepared = AnchorText(text)
    return [prepared.place(anchor) for anchor in anchors]


@dataclass(frozen=True, slots=True)
class Relocated:
    """An anchor placed in a new text: its new anchor (quote and surroundings as the text now
    has them), or the old one unchanged when it could not be placed."""

    anchor: TextAnchor
    placed: bool


def relocate(prepared: AnchorText, anchor: TextAnchor) -> Relocated:
    """``anchor`` placed in ``prepared``'s text: its quote and surroundings taken from the text
    where it was found, or the anchor unchanged when it was not found."""
    span = prepared.place(anchor)
    if span is None:
        return Relocated(anchor, False)
    return Relocated(make_anchor(prepared.text, *span), True)
