"""Writers for the files Folio hands out: its own lossless JSON, OPML (written by the feeds
code), Markdown, one HTML file, EPUB, Netscape bookmarks and a Pocket-style CSV."""

from __future__ import annotations

from pathlib import Path

from reader.core.errors import UserError

FORMATS: dict[str, str] = {
    "folio": "Folio JSON (everything, lossless)",
    "opml": "OPML subscription list",
    "markdown": "Markdown files with front matter (a folder, or a .zip)",
    "html": "one self-contained HTML file",
    "epub": "an EPUB book",
    "bookmarks": "Netscape bookmark HTML",
    "csv": "Pocket-style CSV",
    "readwise": "highlights as a CSV in the layout Readwise imports",
}
ALIASES = {
    "json": "folio",
    "md": "markdown",
    "obsidian": "markdown",
    "netscape": "bookmarks",
    "pocket": "csv",
    # The import side has two Readwise CSVs; this one is the highlights CSV.
    "readwise-highlights": "readwise",
}
_BY_SUFFIX = {
    ".json": "folio",
    ".opml": "opml",
    ".xml": "opml",
    ".md": "markdown",
    ".zip": "markdown",
    ".html": "html",
    ".htm": "html",
    ".epub": "epub",
    ".csv": "csv",
}


def export_format(name: str | None, path: Path) -> str:
    """The format asked for, else the one the file name suggests (a name without a suffix
    is a folder of Markdown files)."""
    if name:
        key = ALIASES.get(name.strip().lower(), name.strip().lower())
        if key not in FORMATS:
            raise UserError(
                f"unknown export format {name!r}; known formats: {', '.join(sorted(FORMATS))}"
            )
        return key
    suffix = path.suffix.lower()
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if not suffix or path.is_dir():
        return "markdown"
    raise UserError(
        f"cannot tell the export format from {path.name!r}; give it with --format"
        f" ({', '.join(sorted(FORMATS))})"
    )
