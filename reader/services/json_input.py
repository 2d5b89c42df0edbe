"""Reading JSON that came from elsewhere (feeds, export files) without being hurt by it.

Python's reader recurses once per level of nesting and gives up past about a thousand with a
RecursionError, which is no ValueError: a file of a hundred thousand ``[`` took the command
line down as an internal error. It also accepts ``NaN`` and ``Infinity``, which JSON does not
have and which no date, size or count can be; they are read as null here.
"""

from __future__ import annotations

import json
from typing import Any


class JsonTooDeep(ValueError):
    """The text nests arrays or objects deeper than Python's reader goes."""


def load_json(data: bytes | str) -> Any:
    """The JSON value of ``data``; raises ValueError (a :class:`json.JSONDecodeError`, or
    :class:`JsonTooDeep`) with a one-line reason when it is not usable JSON."""
    try:
        return json.loads(data, parse_constant=lambda _name: None)
    except RecursionError:
        raise JsonTooDeep("arrays or objects are nested too deeply to be read") from None
