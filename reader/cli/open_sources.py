"""``folio FILE…`` and ``folio URL…``: what a file manager's "Open with Folio" runs.

A first argument that is not a command but a file or a web address opens the window with it
(``folio gui FILE…``). Command names win: a file called ``search`` is opened as ``./search``.
"""

from __future__ import annotations

import os
from collections.abc import Collection, Sequence
from pathlib import Path
from urllib.parse import urlsplit

from reader.core.errors import UserError
from reader.core.urls import is_http_url

# Options of the top-level parser that take a value as the next argument.
_OPTIONS_WITH_VALUE = ("--db",)


def _looks_like_source(arg: str) -> bool:
    if is_http_url(arg) or arg.lower().startswith("file:"):
        return True
    # Command names are single words; a dot or a slash makes a file name.
    return "/" in arg or os.sep in arg or "." in arg or Path(arg).exists()


def first_positional(args: Sequence[str]) -> int:
    """The index in ``args`` of the first argument that is neither a top-level option nor its
    value: the command, or a file or address; ``len(args)`` when there is none."""
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            return index + 1
        if arg in _OPTIONS_WITH_VALUE:
            index += 2
            continue
        if arg.startswith("-") and arg != "-":
            index += 1
            continue
        break
    return min(index, len(args))


def with_gui_command(argv: Sequence[str], commands: Collection[str]) -> list[str]:
    """``argv`` with ``gui`` put before a first positional argument that is a file or an
    address rather than a command name."""
    args = list(argv)
    index = first_positional(args)
    if index >= len(args):
        return args
    first = args[index]
    if first in commands or not _looks_like_source(first):
        return args
    return [*args[:index], "gui", *args[index:]]


def resolve_sources(sources: Sequence[str], cwd: Path | None = None) -> list[str]:
    """Web addresses as given, files as absolute paths (the window that saves them may run
    in another folder). Raises UserError for a missing file or an address Folio cannot fetch."""
    base = Path(cwd) if cwd is not None else Path.cwd()
    resolved: list[str] = []
    for source in sources:
        text = source.strip()
        if is_http_url(text):
            resolved.append(text)
            continue
        if text.lower().startswith("file:"):
            parts = urlsplit(text)
            if parts.netloc not in ("", "localhost"):
                raise UserError(f"not a file on this computer: {text}")
            # Imported here: urllib.request brings the whole HTTP and e-mail stack with it.
            from urllib.request import url2pathname

            text = url2pathname(parts.path)
        elif "://" in text:
            raise UserError(f"not a web address Folio can fetch: {text!r} (http or https only)")
        path = Path(text).expanduser()
        if not path.is_absolute():
            path = base / path
        path = Path(os.path.normpath(path))
        if path.is_dir():
            raise UserError(f"{source} is a folder; give Folio the files in it")
        if not path.is_file():
            raise UserError(f"no such file: {source}")
        resolved.append(str(path))
    return resolved
