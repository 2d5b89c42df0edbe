"""Keeping the interpreter safe from a reference-counting defect in PySide6 6.12 on Python 3.11.

PySide6 6.12 returns ``True`` from ``Signal.emit()`` and passes ``None`` back from Python
overrides (``QAbstractItemModel.data``, ``QTextBrowser.loadResource`` …) without taking a
reference, as if they were immortal objects. They are, from Python 3.12 on; on 3.11 every such
call lowers their reference count by one, and after some thousands of calls the interpreter
aborts with "deallocating None" (or True). A window calls ``data()`` thousands of times a
second.

The cure here is Python 3.12's own: give the three singletons a reference count so large that
no run can use it up. It changes nothing on Python 3.12 and later.
"""

from __future__ import annotations

import ctypes
import sys

# Far beyond what any run could lose, far below the counter's limit (2**63).
_RESERVE = 1 << 48


def protect_singletons() -> bool:
    """Make None, True and False effectively immortal on Python < 3.12 (once per process).

    Returns whether anything was changed."""
    if sys.version_info >= (3, 12) or sys.getrefcount(None) > _RESERVE:
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every object; the GIL is held here.
        ctypes.c_ssize_t.from_address(id(obj)).value += _RESERVE
    return True
