"""What opening a file with Folio does: save it as an article, or import it.

A file manager's "Open with Folio" and ``folio FILE`` hand over saved pages as often as
subscription lists and exports from other services; the file itself says which it is.
"""

from __future__ import annotations

import enum
from pathlib import Path

from reader.core.urls import is_http_url
from reader.library.saving import HTML_SUFFIXES, SAVABLE_SUFFIXES
from reader.services.importers import pocket
from reader.services.importers.common import decode_text

# Files whose names say they hold a list to import rather than a page to read.
IMPORT_SUFFIXES = (".opml", ".xml", ".json", ".csv", ".zip")
_SNIFF_BYTES = 8192


class OpenAction(enum.Enum):
    SAVE = "save"
    IMPORT = "import"


def _is_link_list(path: Path) -> bool:
    """A bookmark file or a Pocket export, which are HTML too."""
    try:
        with path.open("rb") as handle:
            head = decode_text(handle.read(_SNIFF_BYTES))
    except OSError:
        return False
    # Only the bookmark file's own doctype counts: an article may hold a <dl> list too.
    return "NETSCAPE-BOOKMARK-FILE" in head[:2000].upper() or pocket.looks_like_ril_export(head)


def open_action(source: str) -> OpenAction:
    """SAVE for web addresses, pages, texts and Markdown; IMPORT for OPML, exports and
    bookmark files."""
    if is_http_url(source):
        return OpenAction.SAVE
    path = Path(source)
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES and _is_link_list(path):
        return OpenAction.IMPORT
    if suffix in SAVABLE_SUFFIXES:
        return OpenAction.SAVE
    return OpenAction.IMPORT if suffix in IMPORT_SUFFIXES else OpenAction.SAVE
