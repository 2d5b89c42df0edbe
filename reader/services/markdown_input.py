"""A Markdown file saved as an article: rendered to sanitized HTML, structure kept.

Metadata comes from a front-matter block when there is one (``---`` YAML, the form static
site generators and note-taking apps write): title, date, author, tags, url, description,
language. Only the flat part of YAML that front matter uses is read (``key: value``, inline
``[a, b]`` lists and ``- item`` lists, quoted or not); anything else is ignored rather than
refused, since the body is what matters. Without front matter, the title is the first heading.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from markdown_it import MarkdownIt

from reader.core.types import ExtractedPage
from reader.services.language import detect_language
from reader.services.sanitize import html_to_text, sanitize_html
from reader.services.textdates import find_dates

_FRONT_MATTER = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S
)
_KEY_VALUE = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:(?:[ \t]+(.*)|[ \t]*)$")
_LIST_ITEM = re.compile(r"^[ \t]+-[ \t]+(.*)$|^-[ \t]+(.*)$")
_ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$")
_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")

_TITLE_KEYS = ("title", "name", "headline")
_DATE_KEYS = ("date", "published", "pubdate", "publishdate", "created", "created_at")
_AUTHOR_KEYS = ("author", "authors", "by")
_TAG_KEYS = ("tags", "tag", "categories", "category", "keywords")
_URL_KEYS = ("url", "canonical_url", "canonical", "link", "source")
_DESCRIPTION_KEYS = ("description", "summary", "excerpt", "subtitle")
_LANGUAGE_KEYS = ("lang", "language", "locale")

FrontMatterValue = str | list[str]


def _scalar(raw: str) -> str:
    value = raw.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    # A trailing comment is not part of the value ("draft: true  # for now").
    return re.sub(r"\s+#.*$", "", value)


def parse_front_matter(text: str) -> tuple[dict[str, FrontMatterValue], str]:
    """The front matter of a Markdown text (keys lower-cased) and the body after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    data: dict[str, FrontMatterValue] = {}
    current: str | None = None
    for line in match.group(1).splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = _LIST_ITEM.match(line)
        if item and current is not None:
            value = _scalar(item.group(1) or item.group(2) or "")
            existing = data.get(current)
            data[current] = [*existing, value] if isinstance(existing, list) else [value]
            continue
        pair = _KEY_VALUE.match(line)
        if not pair:
            current = None
            continue
        key, raw = pair.group(1).lower(), (pair.group(2) or "").strip()
        current = key
        if raw.startswith("[") and raw.endswith("]"):
            data[key] = [_scalar(part) for part in raw[1:-1].split(",") if part.strip()]
        elif raw:
            data[key] = _scalar(raw)
            current = None
        else:
            data[key] = []
    return data, text[match.end() :]


def _first(data: dict[str, FrontMatterValue], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = data.get(key)
        if isinstance(value, list):
            value = ", ".join(part for part in value if part)
        if value:
            return value
    return None


def _tags(data: dict[str, FrontMatterValue]) -> tuple[str, ...]:
    tags: list[str] = []
    for key in _TAG_KEYS:
        value = data.get(key)
        if isinstance(value, str):
            value = re.split(r"[,;]", value)
        for raw in value or []:
            tag = raw.strip().lstrip("#").strip()
            if tag and tag.lower() not in (t.lower() for t in tags):
                tags.append(tag)
    return tuple(tags)


def _date(raw: str | None) -> tuple[datetime | None, bool]:
    """The date a front matter gives, and whether it gave only the day."""
    if not raw:
        return None, False
    found = find_dates(raw)
    if found:
        return found[0].moment(), not found[0].has_time
    try:
        day = date.fromisoformat(raw.strip()[:10])
    except ValueError:
        return None, False
    return datetime(day.year, day.month, day.day, 12, tzinfo=UTC), True


def _first_heading(body: str) -> tuple[str | None, int | None]:
    """Text of the first heading (ATX ``#`` or setext underline), skipping code fences, and
    its level."""
    in_fence = False
    previous = ""
    for line in body.splitlines():
        if re.match(r"^ {0,3}(```|~~~)", line):
            in_fence = not in_fence
            previous = ""
            continue
        if in_fence:
            continue
        atx = _ATX_HEADING.match(line)
        if atx:
            return atx.group(2).strip(), len(atx.group(1))
        underline = _SETEXT_UNDERLINE.match(line)
        if underline and previous.strip() and not _LIST_ITEM.match(previous):
            return previous.strip(), 1 if underline.group(1)[0] == "=" else 2
        previous = line
    return None, None


def _plain_heading(text: str) -> str:
    """Heading text without inline Markdown (emphasis, code, links)."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", text).strip()


def _renderer() -> MarkdownIt:
    # Raw HTML in Markdown is allowed through to the sanitizer, which keeps only safe markup.
    return MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])


def extract_markdown(text: str, url: str | None = None) -> ExtractedPage:
    """A Markdown document as an article: sanitized HTML keeping its headings, lists,
    emphasis, links, code and quotes; metadata from front matter or the first heading."""
    data, body = parse_front_matter(text)
    heading, level = _first_heading(body)
    title = _first(data, _TITLE_KEYS) or (_plain_heading(heading) if heading else "")
    html = sanitize_html(_renderer().render(body), url)
    # The reading pane shows the title above the body; a leading <h1> repeating it would
    # show it twice.
    if heading and level == 1 and _plain_heading(heading) == title:
        html = re.sub(r"\A\s*<h1>.*?</h1>\s*", "", html, count=1, flags=re.S)
    plain = html_to_text(html)
    if not title:
        first_line = next((line.strip() for line in plain.splitlines() if line.strip()), "")
        title = first_line[:120]
    language = _first(data, _LANGUAGE_KEYS)
    if language:
        language = language.replace("_", "-").split("-")[0].lower()
    published, date_only = _date(_first(data, _DATE_KEYS))
    return ExtractedPage(
        title=title,
        html=html,
        text=plain,
        url=url or _first(data, _URL_KEYS),
        author=_first(data, _AUTHOR_KEYS),
        published=published,
        published_date_only=date_only,
        language=language or detect_language(plain),
        description=_first(data, _DESCRIPTION_KEYS),
        tags=_tags(data),
        method="markdown",
    )
