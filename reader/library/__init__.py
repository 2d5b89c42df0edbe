"""The library API: what the command line and the window both use.

It orchestrates services (network, parsing, extraction) and the store; it knows no Qt.
:class:`Library` is a thin facade over parts that share one :class:`LibraryContext`.
"""

from __future__ import annotations

from reader.library.context import LibraryContext, default_library_path
from reader.library.facade import Library

__all__ = ["Library", "LibraryContext", "default_library_path"]
