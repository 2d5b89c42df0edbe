"""MHTML ("single file" web pages, .mhtml/.mht): the page's HTML part and the images inside.

Browsers write a MIME ``multipart/related`` message: the page first (or the part named by the
``start`` parameter), then every resource with its ``Content-Location``.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass, field
from email.message import Message

from reader.core.errors import ExtractionError
from reader.services.encoding import decode_bytes

_HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True, slots=True)
class MhtmlPage:
    """The page of an MHTML file.

    ``url`` is where the browser saved it from (``Snapshot-Content-Location`` or the HTML part's
    ``Content-Location``); ``resources`` maps each image's URL to ``(mime, bytes)``.
    """

    html: str
    url: str | None
    resources: dict[str, tuple[str, bytes]] = field(default_factory=dict)


def looks_like_mhtml(data: bytes) -> bool:
    head = data[:4096].lower()
    return b"multipart/related" in head and b"mime-version" in head


def _location(part: Message) -> str | None:
    value = str(part.get("Content-Location") or "").strip()
    return value or None


def read_mhtml(data: bytes, *, name: str = "the file") -> MhtmlPage:
    """Parse MHTML bytes; raises :class:`ExtractionError` when there is no HTML part."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    if not message.is_multipart():
        raise ExtractionError(f"{name} is not an MHTML page (no multipart/related message)")
    parts = [p for p in message.walk() if not p.is_multipart()]
    start = message.get_param("start")
    start_id = str(start).strip("<>") if isinstance(start, str) else None
    page: Message | None = None
    if start_id:
        for part in parts:
            if str(part.get("Content-ID", "")).strip("<>") == start_id:
                page = part
                break
    if page is None:
        page = next((p for p in parts if p.get_content_type() in _HTML_TYPES), None)
    if page is None:
        raise ExtractionError(f"{name} holds no HTML page")
    payload = page.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.strip():
        raise ExtractionError(f"the page inside {name} is empty")
    html = decode_bytes(payload, http_charset=page.get_content_charset())
    url = str(message.get("Snapshot-Content-Location") or "").strip() or _location(page)
    resources: dict[str, tuple[str, bytes]] = {}
    for part in parts:
        if part is page or not part.get_content_type().startswith("image/"):
            continue
        location = _location(part)
        body = part.get_payload(decode=True)
        if location and isinstance(body, bytes) and body:
            resources[location] = (part.get_content_type(), body)
        content_id = str(part.get("Content-ID", "")).strip("<> ")
        if content_id and isinstance(body, bytes) and body:
            resources["cid:" + content_id] = (part.get_content_type(), body)
    return MhtmlPage(html=html, url=url or None, resources=resources)
