"""``folio install-desktop``: Folio in the desktop's menu, with its icon and file types.

The work needs Qt (the icon is drawn at each size from its SVG), which the command line does
not import: the composition root hands in the function that does it.
"""

from __future__ import annotations

from typing import Any

COMMAND = "install-desktop"


def register(sub: Any) -> None:
    p = sub.add_parser(
        COMMAND,
        help="add Folio to the desktop's menu and 'Open with' lists (for this user)",
        description="Install Folio's menu entry, its icon in every size the icon theme asks for,"
        " and the file types it opens (web pages, pages saved as text, Markdown, OPML), under"
        " $XDG_DATA_HOME (~/.local/share). The entry starts this Folio, wherever it is"
        " installed. --remove takes away exactly what was installed.",
    )
    p.add_argument(
        "--remove", action="store_true", help="remove what an earlier install-desktop installed"
    )
