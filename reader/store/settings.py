"""Library-wide settings kept in the library file (retention policy and the like)."""

from __future__ import annotations

import json
from typing import Any

from reader.store import models as m


def get_setting(key: str, default: Any = None) -> Any:
    row = m.Setting.get_or_none(m.Setting.key == key)
    return default if row is None else json.loads(row.value)


def set_setting(key: str, value: Any) -> None:
    m.Setting.insert(key=key, value=json.dumps(value)).on_conflict_replace().execute()
