"""Where a search's words appear in a text, so a reader sees why an article matched.

The words are found as the full-text index finds them: case and Latin accents folded, a word
in any form sharing its Snowball stem ("lenses" for "lens"), a prefix at the start of a word,
a phrase as its words one after another. Negated words are not looked for.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.query import WORD_PATTERN, Query, Term, TermKind, text_words
from reader.core.stemming import fold, index_language, stem


@dataclass(frozen=True, slots=True)
class SearchTerms:
    """What to look for: single words (lower case), and folded word beginnings and runs of
    words."""

    words: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    # Each a run of words to find in a row; the last may be a beginning (``prefix_runs``).
    runs: tuple[tuple[str, ...], ...] = ()
    prefix_runs: tuple[tuple[str, ...], ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.words or self.prefixes or self.runs or self.prefix_runs)


def search_terms(query: Query) -> SearchTerms:
    """The words ``query`` looks for in the text (not those it leaves out)."""
    terms = [a for a in query.atoms() if isinstance(a, Term) and not a.negated]
    return terms_of(terms)


def terms_of(terms: Iterable[Term]) -> SearchTerms:
    words: set[str] = set()
    prefixes: list[str] = []
    runs: list[tuple[str, ...]] = []
    prefix_runs: list[tuple[str, ...]] = []
    for term in terms:
        folded = tuple(fold(w) for w in text_words(term.text))
        if not folded:
            continue
        if term.kind is TermKind.PREFIX:
            if len(folded) == 1:
                prefixes.append(folded[0])
            else:
                prefix_runs.append(folded)
        elif len(folded) == 1:
            words.add(term.text.lower())
        else:
            runs.append(folded)
    return SearchTerms(frozenset(words), tuple(prefixes), tuple(runs), tuple(prefix_runs))


class TermFinder:
    """Finds :class:`SearchTerms` in the texts of one article (in its language)."""

    def __init__(self, terms: SearchTerms, language: str | None) -> None:
        self._terms = terms
        self._language = index_language(language)
        # A word matches one of the search's words in any form sharing its stem.
        self._stems = {stem(w, self._language) for w in terms.words} if self._language else set()
        self._exact = {fold(w) for w in terms.words}

    def _word_matches(self, word: str) -> bool:
        folded = fold(word)
        if folded in self._exact:
            return True
        if any(folded.startswith(p) for p in self._terms.prefixes):
            return True
        return bool(self._stems) and stem(word.lower(), self._language or "") in self._stems

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where the terms are in ``text``: (start, end) offsets, in order, not overlapping."""
        if self._terms.empty or not text:
            return []
        tokens = [(m.start(), m.end(), m.group(0)) for m in WORD_PATTERN.finditer(text)]
        found: list[tuple[int, int]] = []
        folded: list[str] | None = None
        runs = self._terms.runs or self._terms.prefix_runs
        if runs:
            folded = [fold(t[2]) for t in tokens]
        covered_until = -1
        for i, (start, end, word) in enumerate(tokens):
            if start < covered_until:
                continue
            length = self._run_at(folded, i) if folded is not None else 0
            if length:
                last_end = tokens[i + length - 1][1]
                found.append((start, last_end))
                covered_until = last_end
            elif self._word_matches(word):
                found.append((start, end))
        return found

    def _run_at(self, folded: list[str], i: int) -> int:
        """The number of words of the longest run starting at word ``i`` (0 for none)."""
        best = 0
        for run in self._terms.runs:
            if len(run) > best and tuple(folded[i : i + len(run)]) == run:
                best = len(run)
        for run in self._terms.prefix_runs:
            size = len(run)
            window = folded[i : i + size]
            if (
                size > best
                and len(window) == size
                and tuple(window[:-1]) == run[:-1]
                and window[-1].startswith(run[-1])
            ):
                best = size
        return best
