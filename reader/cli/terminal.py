"""Nothing printed can command the terminal.

Feed titles, article text, error messages naming an address: the command line prints what
others wrote. An escape sequence among it can recolour the terminal, retitle its window, hide
text or, on some terminals, write to files or the clipboard. While a command runs, stdout and
stderr drop control characters and escape sequences from everything written to them (line
breaks and tabs stay). Folio's own progress bars and highlighting write to :func:`raw`.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterable
from typing import Any, TextIO

from reader.core.limits import drop_controls

# JSON escapes the C0 controls itself but writes DEL and the C1 controls as they are.
_JSON_RAW_CONTROLS = re.compile(r"[\x7f-\x9f]")


def clean(text: str) -> str:
    """``text`` without control characters or escape sequences; ``\\n`` and ``\\t`` stay."""
    return drop_controls(text)


def json_text(text: str) -> str:
    """JSON text with DEL and C1 controls written as ``\\u`` escapes: the same data, nothing a
    terminal acts on, nothing :class:`SafeStream` would have to drop."""
    return _JSON_RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)


class SafeStream:
    """A text stream passing on what is written to it without control characters."""

    def __init__(self, stream: TextIO) -> None:
        self.raw_stream = stream

    def write(self, text: str) -> int:
        self.raw_stream.write(clean(text))
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        # flush, isatty, fileno, encoding, buffer…: those of the stream itself.
        return getattr(self.raw_stream, name)


def raw(stream: TextIO) -> TextIO:
    """The stream under a :class:`SafeStream` (for Folio's own escape codes), else itself."""
    return stream.raw_stream if isinstance(stream, SafeStream) else stream


def protect() -> Callable[[], None]:
    """Make stdout and stderr drop control characters; returns what puts them back."""
    out, err = sys.stdout, sys.stderr
    if not isinstance(out, SafeStream):
        sys.stdout = SafeStream(out)
    if not isinstance(err, SafeStream):
        sys.stderr = SafeStream(err)

    def restore() -> None:
        sys.stdout, sys.stderr = out, err

    return restore
