"""The library API: what the command line and the window both use.

It orchestrates services (network, parsing, extraction) and the store; it knows no Qt.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from reader.library.articles import ArticlesMixin
from reader.library.base import LibraryBase, default_library_path
from reader.library.feeds import FeedsMixin
from reader.library.saving import SavingMixin
from reader.library.search import SearchMixin
from reader.library.transfer import TransferMixin
from reader.library.views import ViewsMixin

if TYPE_CHECKING:
    from reader.library.highlights import HighlightsPart
    from reader.library.sync import SyncEngine

__all__ = ["Library", "LibraryBase", "default_library_path"]


class Library(SearchMixin, ArticlesMixin, FeedsMixin, SavingMixin, ViewsMixin, TransferMixin):
    """One open library file. Open it with ``Library(path)``, close it with ``close()``."""

    def __enter__(self) -> Library:
        return self

    @property
    def sync(self) -> SyncEngine:
        """Sync with a Google Reader API account (made on first use)."""
        engine: SyncEngine | None = self.__dict__.get("_sync_engine")
        if engine is None:
            from reader.library.sync import SyncEngine
            from reader.store.sync import SyncStore

            def on_event(kind: str, detail: Any) -> None:
                # New articles from the server meet the rules, as a refresh's do.
                if kind == "articles-added":
                    self.on_articles_added(detail)
                else:
                    self.notify(kind, detail)

            engine = SyncEngine(
                store=SyncStore(),
                submit_write=self.submit_write,
                http=self.http_client,
                clock=self.now,
                on_event=on_event,
            )
            engine = self.__dict__.setdefault("_sync_engine", engine)
        return engine

    @property
    def highlights(self) -> HighlightsPart:
        """Highlights and article notes (made on first use)."""
        part: HighlightsPart | None = self.__dict__.get("_highlights_part")
        if part is None:
            from reader.library.highlights import HighlightsPart

            part = HighlightsPart(
                submit_write=self.submit_write, notify=self.notify, clock=self.now
            )
            part = self.__dict__.setdefault("_highlights_part", part)
        return part
