"""Bytes of a page or a text file to ``str``: byte-order mark, declared charset, detection.

A browser trusts a BOM first, then the charset the server or the page declares; we do the
same, but check that a declaration fits the bytes (pages often claim ISO-8859-1 and send UTF-8)
and fall back to detection when nothing fits.
"""

from __future__ import annotations

import codecs
import re

from reader.core.errors import ExtractionError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
# Control characters that never occur in text; a few of them mean the bytes are not text.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def _bom(data: bytes) -> tuple[str, int] | None:
    for mark, name in _BOMS:
        if data.startswith(mark):
            return name, len(mark)
    return None


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text in any encoding we read (images, archives, PDFs…)."""
    if _bom(data) is not None:
        return False
    head = data[:8192]
    if not head:
        return False
    controls = len(_BINARY_BYTES.findall(head))
    return controls > max(2, len(head) // 200)


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in ``<meta>`` or an XML declaration, if Python knows it."""
    head = data[:16384]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    return _codec(match.group(1).decode("ascii", "ignore"))


def decode_bytes(data: bytes, *, http_charset: str | None = None, html: bool = True) -> str:
    """Decode page or file bytes: a BOM, else UTF-8 when the bytes are valid UTF-8, else the
    HTTP charset, then ``<meta charset>``, then detection. A declared charset that does not
    fit the bytes is skipped."""
    bom = _bom(data)
    if bom is not None:
        name, size = bom
        return data[size:].decode(name, errors="replace")
    candidates: list[str] = []
    for declared in (_codec(http_charset), declared_charset(data) if html else None):
        if declared and declared not in candidates:
            candidates.append(declared)
    # A page that declares Latin-1 is decoded by browsers as windows-1252 (the WHATWG rule).
    candidates = ["cp1252" if c in ("latin-1", "iso8859-1", "ascii") else c for c in candidates]
    # Bytes that are valid UTF-8 (and not plain ASCII) are UTF-8 in practice, whatever a page
    # declares: sites often claim Latin-1 and send UTF-8, never the other way round.
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    for name in candidates:
        try:
            return data.decode(name)
        except (UnicodeDecodeError, LookupError):
            continue
    return _detect(data)


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding:
        try:
            return data.decode(best.encoding, errors="replace")
        except LookupError:
            pass
    return data.decode("cp1252", errors="replace")


def decode_text_file(data: bytes, *, name: str) -> str:
    """Decode a text or HTML file the user gave us, or say why it cannot be read."""
    if not data.strip():
        raise ExtractionError(f"{name} is empty; nothing to save")
    if looks_binary(data):
        raise ExtractionError(f"{name} is a binary file, not a web page or text")
    text = decode_bytes(data)
    if not text.strip():
        raise ExtractionError(f"{name} holds no text; nothing to save")
    return text


# UTF-8 read as windows-1252 or Latin-1 ("donâ€™t", "cafÃ©"): a lead byte's character followed
# by a continuation byte's. Pages serve this when a template double-encodes its text.
_MOJIBAKE = re.compile(
    "[\u00c2\u00c3\u00e2][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e"
    "\u0192\u02c6\u02dc\u2013\u2014\u2018-\u201e\u2020-\u2022\u2026\u2030\u2039"
    "\u203a\u20ac\u2122]"
)
_MOJIBAKE_SAMPLE = 200_000
_MOJIBAKE_SIGNS = 3


def repair_mojibake(text: str) -> str:
    """``text`` with double-encoded UTF-8 decoded once more, when it shows several signs of
    it; otherwise unchanged (the check is cheap, the repair is not)."""
    if len(_MOJIBAKE.findall(text, 0, _MOJIBAKE_SAMPLE)) < _MOJIBAKE_SIGNS:
        return text
    import ftfy

    repaired: str = ftfy.fix_encoding(text)
    return repaired
