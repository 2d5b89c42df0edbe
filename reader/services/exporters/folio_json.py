"""Folio's own JSON export: every row of the library, written as it streams from the store.

Datetimes are ISO-8601 in UTC with microseconds, blobs base64; columns keep their database
names, so the file reads back into exactly the rows it came from.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from reader.services.importers.folio_json import FORMAT_NAME, FORMAT_VERSION, SECTIONS


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat()
    if isinstance(value, bytes | bytearray | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    raise TypeError(f"cannot write {type(value).__name__} to JSON")


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, default=_encode, sort_keys=True)


def write_folio_json(
    target: IO[str],
    sections: Mapping[str, Iterable[Mapping[str, Any]]],
    *,
    exported: datetime,
    schema_version: int,
) -> dict[str, int]:
    """Write a Folio document to ``target``; returns the number of rows per section."""
    counts: dict[str, int] = {}
    target.write("{\n")
    target.write(f'"format": {_dump(FORMAT_NAME)},\n"version": {FORMAT_VERSION},\n')
    target.write(f'"schema_version": {schema_version},\n')
    target.write(f'"exported": {_dump(exported)},\n')
    names = [s for s in SECTIONS if s in sections]
    for number, name in enumerate(names):
        target.write(f"{_dump(name)}: [")
        count = 0
        for row in sections[name]:
            target.write(("\n" if count == 0 else ",\n") + _dump(row))
            count += 1
        target.write("\n]" if count else "]")
        target.write(",\n" if number < len(names) - 1 else "\n")
        counts[name] = count
    target.write("}\n")
    return counts


def write_folio_json_file(
    path: Path,
    sections: Mapping[str, Iterable[Mapping[str, Any]]],
    *,
    exported: datetime,
    schema_version: int,
) -> dict[str, int]:
    with path.open("w", encoding="utf-8") as handle:
        return write_folio_json(handle, sections, exported=exported, schema_version=schema_version)
