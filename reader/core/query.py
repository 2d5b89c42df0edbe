"""Turning what a user typed into a valid FTS5 match expression.

Any string is accepted: the worst case is a search for its plain words.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(r"\w+\*?", re.UNICODE)


def to_fts_query(text: str) -> str | None:
    """All words must match; a trailing ``*`` makes a prefix search. None when no word."""
    terms: list[str] = []
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        prefix = token.endswith("*")
        word = token.rstrip("*").replace('"', "")
        if not word:
            continue
        terms.append(f'"{word}"' + ("*" if prefix else ""))
    if not terms:
        return None
    return " ".join(terms)
