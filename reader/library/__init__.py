"""The library API: what the command line and the window both use.

It orchestrates services (network, parsing, extraction) and the store; it knows no Qt.
"""

from __future__ import annotations

from reader.library.articles import ArticlesMixin
from reader.library.base import LibraryBase, default_library_path
from reader.library.feeds import FeedsMixin
from reader.library.saving import SavingMixin
from reader.library.search import SearchMixin
from reader.library.transfer import TransferMixin
from reader.library.views import ViewsMixin

__all__ = ["Library", "LibraryBase", "default_library_path"]


class Library(SearchMixin, ArticlesMixin, FeedsMixin, SavingMixin, ViewsMixin, TransferMixin):
    """One open library file. Open it with ``Library(path)``, close it with ``close()``."""

    def __enter__(self) -> Library:
        return self
