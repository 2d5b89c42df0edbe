"""Word forms for search: folding case and accents the way the full-text index does, and
Snowball stems per language, so "Partnerschaften" finds "Partnerschaft" and "running" "runs".

The index stores words as written (folded); a side table maps each stem to the indexed words
that share it. A query word is looked up by its stem and searched as all those forms, so an
exact phrase stays exact and highlighted snippets show the words as they appear.
"""

from __future__ import annotations

import threading
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

import snowballstemmer

from reader.core.query import WORD_PATTERN

# ISO 639-1 codes (and a few 639-2 and English names) to Snowball algorithms.
_ALGORITHMS = {
    "ar": "arabic",
    "hy": "armenian",
    "eu": "basque",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "nl": "dutch",
    "en": "english",
    "eo": "esperanto",
    "et": "estonian",
    "fi": "finnish",
    "fr": "french",
    "de": "german",
    "el": "greek",
    "hi": "hindi",
    "hu": "hungarian",
    "id": "indonesian",
    "ga": "irish",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "no": "norwegian",
    "nb": "norwegian",
    "nn": "norwegian",
    "fa": "persian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "st": "sesotho",
    "es": "spanish",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
_THREE_LETTER = {
    "ara": "ar", "eng": "en", "deu": "de", "ger": "de", "fra": "fr", "fre": "fr", "spa": "es",
    "ita": "it", "por": "pt", "nld": "nl", "dut": "nl", "swe": "sv", "dan": "da", "nor": "no",
    "fin": "fi", "rus": "ru", "pol": "pl", "ces": "cs", "cze": "cs", "tur": "tr", "ell": "el",
    "gre": "el", "hun": "hu", "ron": "ro", "rum": "ro", "cat": "ca",
}  # fmt: skip
_AVAILABLE = set(snowballstemmer.algorithms())
_BY_NAME = {name: code for code, name in _ALGORITHMS.items() if name in _AVAILABLE}
SUPPORTED = frozenset(code for code, name in _ALGORITHMS.items() if name in _AVAILABLE)

# Articles whose language nobody told us are stemmed as English, the most common case.
DEFAULT_LANGUAGE = "en"

# Words this short are rarely inflected in a way worth following, and stems of them collide.
_MIN_STEM_LENGTH = 3


def stem_language(language: str | None) -> str | None:
    """The code whose stemmer suits ``language`` ("en-GB", "de_DE", "German", "deu"), or
    None when there is no stemmer for it."""
    if not language:
        return None
    code = language.strip().lower().replace("_", "-").split("-")[0]
    code = _THREE_LETTER.get(code, code)
    if code in SUPPORTED:
        return code
    return _BY_NAME.get(code)


def index_language(language: str | None) -> str | None:
    """The stemmer an article is indexed with: its own language's, English when the language
    is unknown, none for a language without a stemmer (Chinese, Japanese …)."""
    if not language or not language.strip():
        return DEFAULT_LANGUAGE
    return stem_language(language)


def _fold_char(ch: str) -> str:
    # Like SQLite's unicode61 tokenizer with remove_diacritics 2: Latin letters lose their
    # accents; other scripts keep them.
    code = ord(ch)
    if code < 0x80:
        return ch
    if 0x300 <= code <= 0x36F:
        return ""
    if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
        base = unicodedata.normalize("NFD", ch)
        return "".join(c for c in base if not 0x300 <= ord(c) <= 0x36F)
    if ch == "ς":
        return "σ"
    return ch


@lru_cache(maxsize=65536)
def fold(word: str) -> str:
    """Lower case without accents on Latin letters: "Müller" → "muller"."""
    low = word.lower()
    if low.isascii():
        return low
    return "".join(_fold_char(c) for c in low)


_local = threading.local()


def _stemmer(code: str) -> Any:
    # One stemmer per thread: the C stemmers keep state while they work.
    stemmers: dict[str, Any] | None = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    found = stemmers.get(code)
    if found is None:
        found = stemmers[code] = snowballstemmer.stemmer(_ALGORITHMS[code])
        if hasattr(found, "maxCacheSize"):
            # The C stemmer's own cache costs more than it saves; stem() has a cache.
            found.maxCacheSize = 0
    return found


@lru_cache(maxsize=65536)
def stem(word: str, language: str) -> str:
    """The folded Snowball stem of a (lower-case) word in ``language`` (a supported code)."""
    if len(word) < _MIN_STEM_LENGTH or not word.isalpha():
        return fold(word)
    return fold(_stemmer(language).stemWord(word))


# Per language: lower-case pieces of text between spaces ("running," or "e-mail") that hold
# no word with a stem of its own, and those that do, with their (stem, folded word) pairs.
# Indexing looks up every piece of every article, so these are plain sets and dicts (set
# difference runs in C), cleared when they grow big.
_PLAIN: dict[str, set[str]] = {}
_PAIRS: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {}
_CACHE_LIMIT = 300_000


_PUNCTUATION = ".,;:!?\"'()[]{}«»“”‘’…"


def _pairs_of(piece: str, language: str) -> tuple[tuple[str, str], ...]:
    bare = piece.strip(_PUNCTUATION)
    words = [bare] if bare.isalpha() else WORD_PATTERN.findall(piece)
    found = []
    for word in words:
        stemmed = stem(word, language)
        folded = fold(word)
        if stemmed != folded:
            found.append((stemmed, folded))
    return tuple(found)


def _pairs_of_many(pieces: list[str], language: str) -> list[tuple[tuple[str, str], ...]]:
    """:func:`_pairs_of` of each of ``pieces``: the bare words among them (most of them) are
    stemmed by one call of the stemmer, which costs a fifth of a call per word."""
    found: list[tuple[tuple[str, str], ...]] = [()] * len(pieces)
    at: list[int] = []
    words: list[str] = []
    for index, bare in enumerate([piece.strip(_PUNCTUATION) for piece in pieces]):
        if not bare.isalpha():
            found[index] = _pairs_of(pieces[index], language)
        elif len(bare) >= _MIN_STEM_LENGTH:
            at.append(index)
            words.append(bare)
    stems = _stemmer(language).stemWords(words) if words else []
    for index, word, stem_of_word in zip(at, words, stems, strict=True):
        if word != stem_of_word:
            # Pieces are lower case: plain ASCII is folded already.
            folded = word if word.isascii() else fold(word)
            stemmed = stem_of_word if stem_of_word.isascii() else fold(stem_of_word)
            if stemmed != folded:
                found[index] = ((stemmed, folded),)
    return found


def text_pieces(texts: Iterable[str]) -> set[str]:
    """The distinct lower-case pieces between spaces of ``texts`` (splitting on spaces runs in
    C; most pieces repeat, so the slower split into words runs once per distinct piece)."""
    pieces: set[str] = set()
    for text in texts:
        if text:
            pieces.update(text.lower().split())
    return pieces


def piece_pairs(
    pieces: set[str], language: str, *, skip: Iterable[set[str]] = ()
) -> tuple[set[tuple[str, str]], set[str]]:
    """The (stem, folded word) pairs of ``pieces`` (lower case, as :func:`text_pieces` makes
    them) whose stem differs from the word, leaving out the pieces in the ``skip`` sets; and
    the pieces those pairs came from."""
    plain = _PLAIN.get(language)
    known = _PAIRS.get(language)
    if plain is None or known is None or len(plain) + len(known) > _CACHE_LIMIT:
        plain = _PLAIN[language] = set()
        known = _PAIRS[language] = {}
    rest = pieces - plain
    for known_pieces in skip:
        rest -= known_pieces
    sources = rest & known.keys()
    pairs: set[tuple[str, str]] = set()
    for piece in sources:
        pairs.update(known[piece])
    fresh = list(rest - sources)
    for piece, found in zip(fresh, _pairs_of_many(fresh, language), strict=True):
        if not found:
            plain.add(piece)
            continue
        known[piece] = found
        pairs.update(found)
        sources.add(piece)
    return pairs, sources


def stem_pairs(texts: Iterable[str], language: str) -> set[tuple[str, str]]:
    """(stem, word) for the words of ``texts`` whose stem differs from the folded word.

    Words that are their own stem need no entry: a query always searches for the stem itself.
    """
    return piece_pairs(text_pieces(texts), language)[0]


def query_stems(word: str, languages: Iterable[str]) -> set[str]:
    """The stems a query word may have in any of ``languages``."""
    low = word.lower()
    return {stem(low, code) for code in languages if code in SUPPORTED}
