"""Size limits that several layers agree on, and cutting text to them.

A feed, a page or an import file is someone else's data: any field of it may be absurd (a
megabyte title, a gigabyte zip member, half a million items). Every limit here is far above what
a real article, feed or export holds, and low enough that the work and the storage one hostile
source can cause stay bounded.
"""

from __future__ import annotations

import re
import unicodedata

# The most Folio downloads or reads for one page, feed or file: enough for any article, small
# enough that a wrong link to a video or an archive cannot fill memory.
MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024

# -- stored fields (characters) ----------------------------------------------------------------
MAX_TITLE_CHARS = 500
MAX_AUTHOR_CHARS = 256
MAX_SITE_NAME_CHARS = 300
MAX_URL_CHARS = 8192
MAX_GUID_CHARS = 2048
MAX_SUMMARY_CHARS = 2000
MAX_LANGUAGE_CHARS = 35
MAX_TAG_CHARS = 100
MAX_TAGS_PER_ARTICLE = 100
MAX_ENCLOSURES = 50
MAX_FEED_DESCRIPTION_CHARS = 2000
# A long book chapter is a few hundred kilobytes of HTML; these leave room for ten times that.
MAX_CONTENT_HTML_CHARS = 5_000_000
MAX_TEXT_CHARS = 2_000_000
MAX_NOTE_CHARS = 1_000_000

# -- feeds -------------------------------------------------------------------------------------
# How many of a feed's items a refresh reads, newest first, unless the feed says otherwise.
DEFAULT_KEEP_ITEMS = 1000
MAX_KEEP_ITEMS = 100_000
# How long parsing one feed document may take before its worker is stopped.
FEED_PARSE_SECONDS = 30.0

# -- imports -----------------------------------------------------------------------------------
# A member of an import .zip, unpacked, and all the members one import unpacks together.
MAX_ZIP_MEMBER_BYTES = 64 * 1024 * 1024
MAX_ZIP_TOTAL_BYTES = 1024 * 1024 * 1024

# C0 and C1 control characters (tab and line feed aside) and DEL: nothing a title or a name
# holds on purpose, and what a terminal takes as commands. Escape sequences go whole, so no
# "[31m" is left behind: CSI (ESC [ or its one-byte form) with its parameters, OSC and the
# other string commands up to their terminator, and two-character escapes. A lone C1 character
# goes alone: in text it is far more often a mis-decoded quote than a command.
_CONTROLS = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]PX^_][^\x07\x1b\x9c]{0,4096}(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -~]?"
    r"|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
)
# Characters that belong to the one before them: cutting before one would change a letter
# (an accent, a variation selector) or break an emoji sequence.
_JOINERS = frozenset({"\u200d", "\u200c", "\ufe0e", "\ufe0f"})


def _is_attached(char: str) -> bool:
    return (
        char in _JOINERS
        or unicodedata.combining(char) != 0
        or "\U0001f3fb" <= char <= "\U0001f3ff"  # skin tones
        or "\U000e0020" <= char <= "\U000e007f"  # tag characters of flag sequences
        or "\udc00" <= char <= "\udfff"  # the second half of a surrogate pair
    )


def cut_text(text: str, limit: int) -> str:
    """``text`` shortened to at most ``limit`` characters without splitting a character as a
    reader sees it: a base letter keeps its accents, an emoji sequence stays whole or goes."""
    if len(text) <= limit:
        return text
    end = max(limit, 0)
    while end > 0 and (_is_attached(text[end]) or text[end - 1] == "\u200d"):
        end -= 1
    return text[:end]


def cut_line(text: str | None, limit: int) -> str | None:
    """A one-line field (title, author, name) as stored: control characters dropped,
    whitespace runs made one space, cut to ``limit`` with an ellipsis when it was longer.
    Cutting what was cut changes nothing."""
    if text is None:
        return None
    if len(text) > 4 * limit:
        text = text[: 4 * limit]  # a megabyte of spaces must not cost a megabyte of work
    text = " ".join(drop_controls(text).split())
    if len(text) <= limit:
        return text
    return cut_text(text, limit - 1).rstrip() + "…"


def drop_controls(text: str) -> str:
    """``text`` without control characters and terminal escape sequences; line breaks and
    tabs are kept."""
    return _CONTROLS.sub("", text) if _CONTROLS.search(text) is not None else text


def cut_html(html: str, limit: int) -> str:
    """HTML cut to at most ``limit`` characters at a tag boundary, so no tag or entity is
    left half written; the tags left open are closed by whoever parses it next."""
    if len(html) <= limit:
        return html
    end = html.rfind("<", 0, limit)
    if end <= 0:
        # No tag to cut at: cut the text, but not inside an entity.
        end = limit
        amp = html.rfind("&", max(0, limit - 12), limit)
        if amp != -1 and html.find(";", amp, limit) == -1:
            end = amp
    return cut_text(html, end)
