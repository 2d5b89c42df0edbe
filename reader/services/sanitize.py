"""Sanitizing article HTML and rendering it as plain text.

Stored HTML never holds script, style, frames, objects, forms, event handlers or
``javascript:`` URLs (in ``href``, ``src``, ``cite`` and every candidate of a ``srcset``);
tracking pixels and tracking parameters are removed. Everything the reading pane shows has been
through :func:`sanitize_html`.
"""

from __future__ import annotations

import html as html_module
import re
from collections.abc import Mapping
from urllib.parse import urljoin

import lxml.html
import nh3
from lxml import etree

from reader.core.limits import MAX_URL_CHARS
from reader.core.urls import normalize_url, safe_link

_TAGS = {
    "a", "abbr", "address", "article", "aside", "b", "bdi", "bdo", "blockquote", "br",
    "caption", "cite", "code", "col", "colgroup", "dd", "del", "details", "dfn", "div", "dl",
    "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre", "q", "rp", "rt", "ruby", "s",
    "samp", "section", "small", "source", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
}  # fmt: skip
_ATTRIBUTES = {
    "*": {"title", "lang", "dir"},
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "source": {"srcset", "type", "media"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"},
    "ol": {"start", "reversed", "type"},
    "li": {"value"},
    "time": {"datetime"},
    "abbr": {"title"},
    "blockquote": {"cite"},
    "q": {"cite"},
}
_URL_SCHEMES = {"http", "https", "mailto", "data", "folio-image"}
# Elements removed with everything inside them, not just unwrapped.
_CLEAN_CONTENT = {"script", "style", "noscript", "iframe", "object", "embed", "form", "template",
                  "svg", "math", "button", "select", "textarea", "input", "canvas", "audio",
                  "video", "head", "title", "nav", "frame", "frameset", "applet"}  # fmt: skip

# What gives a tracking pixel away, judged before anything is fetched: a size of at most two
# pixels, a style that hides it, or an address of a known tracker.
_MAX_PIXEL_SIDE = 2
_PIXEL_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0*)?\s*(?:;|$|!)"
    r"|(?:^|[;\s])(?:max-)?(?:width|height)\s*:\s*[0-2](?:\.\d+)?(?:px)?\s*(?:;|$|!)",
    re.IGNORECASE,
)
_TRACKER_HINTS = re.compile(
    r"(pixel|beacon|tracking|/track/|/open\.gif|feedburner\.com/~r|/~ff/|doubleclick|"
    r"stats\.wordpress|quantserve|scorecardresearch|pixel\.wp\.com|/emimp/|mf\.gif|"
    r"/wf/open|/e/o/|piwik\.php|matomo\.php|/collect\?|/__utm\.gif)",
    re.IGNORECASE,
)
# Hosts that serve nothing but counters (and their subdomains).
_TRACKER_HOSTS = (
    "google-analytics.com", "googletagmanager.com", "doubleclick.net", "facebook.com/tr",
    "bat.bing.com", "ads.linkedin.com", "analytics.twitter.com", "t.co/i/adsct",
    "ct.pinterest.com", "mc.yandex.ru", "scorecardresearch.com", "quantserve.com",
    "list-manage.com/track", "sendgrid.net", "mailgun.org", "hubspotlinks.com",
    "pixel.wp.com", "stats.wp.com", "sb.scorecardresearch.com", "chartbeat.net",
    "omtrdc.net", "2o7.net", "krxd.net", "adnxs.com", "moatads.com",
)  # fmt: skip


def _side(value: str | None) -> float | None:
    if value is None:
        return None
    text = value.strip().lower().removesuffix("px").strip()
    try:
        return float(text)
    except ValueError:
        return None


def is_tracker_address(url: str) -> bool:
    """Whether ``url`` is a known counter's: its host, or words in it that only counters use."""
    if _TRACKER_HINTS.search(url):
        return True
    lowered = url.lower()
    host_and_path = lowered.split("://", 1)[-1]
    host = host_and_path.split("/", 1)[0].rsplit("@", 1)[-1].split(":", 1)[0]
    path = host_and_path.split("/", 1)[-1] if "/" in host_and_path else ""
    for tracker in _TRACKER_HOSTS:
        tracker_host, _, tracker_path = tracker.partition("/")
        on_host = host == tracker_host or host.endswith("." + tracker_host)
        if on_host and (not tracker_path or path.startswith(tracker_path)):
            return True
    return False


def is_tracking_pixel(attributes: Mapping[str, str]) -> bool:
    """Whether an ``<img>`` with these attributes (names in lower case) is a tracking pixel."""
    for side in ("width", "height"):
        size = _side(attributes.get(side))
        if size is not None and size <= _MAX_PIXEL_SIDE:
            return True
    style = attributes.get("style")
    if style and _PIXEL_STYLE.search(style):
        return True
    return is_tracker_address(attributes.get("src", ""))


def _srcset_candidates(value: str) -> list[tuple[str, str]]:
    """``srcset`` as (address, descriptor) pairs: an address runs to the next whitespace (a
    comma inside it belongs to it), a descriptor to the next comma."""
    found: list[tuple[str, str]] = []
    pos, end = 0, len(value)
    while pos < end:
        while pos < end and (value[pos].isspace() or value[pos] == ","):
            pos += 1
        start = pos
        while pos < end and not value[pos].isspace():
            pos += 1
        url = value[start:pos]
        descriptor = ""
        if url.endswith(","):
            url = url.rstrip(",")
        else:
            comma = value.find(",", pos)
            comma = end if comma == -1 else comma
            descriptor = value[pos:comma].strip()
            pos = comma + 1
        if url:
            found.append((url, descriptor))
    return found


def _safe_srcset(value: str, base_url: str | None) -> str | None:
    """The candidates of a ``srcset`` that are web (or relative) addresses, resolved; None
    when none is."""
    kept: list[str] = []
    for url, descriptor in _srcset_candidates(value):
        address = url
        if base_url and not url.startswith(("http://", "https://")):
            address = urljoin(base_url, url)
        if _safe_address("source", "srcset", address) is not None:
            kept.append(f"{address} {descriptor}".strip())
    return ", ".join(kept) or None


# A scheme as a browser reads it: after dropping the spaces, tabs and control characters it
# ignores ("java\tscript:" is javascript:).
_IGNORED_IN_SCHEME = re.compile(r"[\x00-\x20\x7f]")
_SCHEME = re.compile(r"[a-zA-Z][a-zA-Z0-9+.-]*:")


def _safe_address(element: str, attribute: str, value: str) -> str | None:
    """``value`` when the attribute may hold it: web addresses anywhere, ``mailto:`` and
    ``#fragment`` links, images inline (``data:``) or kept (``folio-image:``), and relative
    addresses (no base to resolve them against); None for any other scheme."""
    if value.startswith(("http://", "https://")):
        return value if len(value) <= MAX_URL_CHARS else None
    if value.startswith("#"):
        return value if attribute == "href" else None
    scheme = _SCHEME.match(_IGNORED_IN_SCHEME.sub("", value[:64]))
    if scheme is None:
        return value  # relative
    name = scheme.group(0).lower()
    if name in ("http:", "https:"):
        return safe_link(value)
    if name == "mailto:" and attribute == "href":
        return value
    if name in ("data:", "folio-image:") and element == "img" and attribute == "src":
        return value
    return None


def _rewrite_attribute(
    element: str, attribute: str, value: str, base_url: str | None
) -> str | None:
    if attribute == "srcset":
        # Not among the attributes the cleaner knows hold addresses: checked here.
        return _safe_srcset(value, base_url)
    if attribute in ("href", "src", "cite"):
        value = value.strip()
        # An absolute address needs no joining: urljoin would only take it apart and put it
        # back together, which was a fifth of the time a feed took to parse.
        if base_url and not value.startswith(
            ("#", "data:", "mailto:", "folio-image:", "http://", "https://")
        ):
            value = urljoin(base_url, value)
        safe = _safe_address(element, attribute, value)
        if safe is not None and attribute == "href" and safe.startswith(("http://", "https://")):
            return normalize_url(safe)
        return safe
    return value


# nh3 writes tag names in lower case, every attribute as name="value" (quotes inside escaped),
# and <img> is a void element, so image tags can be found and dropped exactly without parsing
# the whole body again, which cost as much as sanitizing it.
_IMG_TAG = re.compile(r'<img(?:\s+[^\s"\'>/=]+(?:="[^"]*")?)*\s*/?>', re.IGNORECASE)
_TAG_ATTRIBUTE = re.compile(r'([^\s"\'>/=]+)(?:="([^"]*)")?')


def _is_tracking_pixel(tag: str) -> bool:
    attributes = {
        name.lower(): html_module.unescape(value or "").strip()
        for name, value in _TAG_ATTRIBUTE.findall(tag[4:])
    }
    return is_tracking_pixel(attributes)


# Image tags as pages write them: any case, any quoting. A tag ends before the next "<", so a
# page of "<img" without an end costs one scan, not a square.
_PAGE_IMG = re.compile(r"<img\b[^<>]{0,8192}>", re.IGNORECASE)
_PAGE_ATTRIBUTE = re.compile(r"""([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?""")


def _page_img_attributes(tag: str) -> dict[str, str]:
    return {
        name.lower(): html_module.unescape(double or single or bare or "").strip()
        for name, double, single, bare in _PAGE_ATTRIBUTE.findall(tag[4:].rstrip("/>"))
    }


def drop_tracking_pixels(page: str) -> str:
    """A page's HTML without its tracking pixels, judged on the page as it came, before
    extraction drops the sizes and styles that give them away and before anything is fetched."""
    if "<img" not in page and "<IMG" not in page:
        return page
    return _PAGE_IMG.sub(
        lambda m: "" if is_tracking_pixel(_page_img_attributes(m.group(0))) else m.group(0), page
    )


def _drop_pixels(html: str) -> str:
    if "<img" not in html:
        return html
    return _IMG_TAG.sub(lambda m: "" if _is_tracking_pixel(m.group(0)) else m.group(0), html)


def sanitize_html(html: str, base_url: str | None = None) -> str:
    """Safe HTML for storage and display; relative links resolved against ``base_url``."""
    if not html:
        return ""
    cleaned: str = nh3.clean(
        html,
        tags=_TAGS,
        clean_content_tags=_CLEAN_CONTENT,
        attributes=_ATTRIBUTES,
        url_schemes=_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
        attribute_filter=lambda element, attribute, value: _rewrite_attribute(
            element, attribute, value, base_url
        ),
    )
    return _drop_pixels(cleaned).strip()


_BLOCK = {"p", "div", "section", "article", "blockquote", "pre", "ul", "ol", "dl", "table",
          "figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "details", "address",
          "header", "footer", "aside", "main"}  # fmt: skip
_LINE = {"li", "tr", "dt", "dd", "caption", "summary"}
_SKIP = {"script", "style", "noscript", "template", "head", "title"}


# Marks where a block starts or ends in the text lxml serialises, and where a list item's
# marker goes; private-use characters no article carries (any that does is dropped first).
_BLOCK_MARK = "\ue000"
_ITEM_MARK = "\ue001"
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_TEXT_SHAPING = (*_BLOCK, *_LINE, "br", "td", "th", *_SKIP)


def _int(value: str | None) -> int | None:
    try:
        return int((value or "").strip())
    except ValueError:
        return None


def _item_numbers(root: etree._Element) -> dict[etree._Element, int]:
    """The number a browser shows beside each item of an ordered list (``start``,
    ``reversed`` and an item's own ``value`` included)."""
    numbers: dict[etree._Element, int] = {}
    for listing in root.iter("ol"):
        items = [child for child in listing if child.tag == "li"]
        step = -1 if listing.get("reversed") is not None else 1
        start = _int(listing.get("start"))
        number = start if start is not None else (len(items) if step < 0 else 1)
        for item in items:
            own = _int(item.get("value"))
            number = own if own is not None else number
            numbers[item] = number
            number += step
    return numbers


def html_to_text(html: str) -> str:
    """Plain text of an HTML fragment: paragraphs separated by blank lines, list items as
    ``- item``, or ``1. item`` in an ordered list. Used for search and word counts, never for
    display."""
    if not html or not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(
            html.replace(_BLOCK_MARK, "").replace(_ITEM_MARK, ""), create_parent="div"
        )
    except (etree.ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", html).strip()
    numbers = _item_numbers(root)
    # Only the few elements that shape the text are visited in Python; lxml serialises the
    # text of all the others, which is several times faster than walking every node.
    for element in list(root.iter(*_TEXT_SHAPING)):
        tag = element.tag
        if tag in _SKIP:
            element.drop_tree()  # its content goes, its tail stays
        elif tag == "br":
            element.tail = "\n" + (element.tail or "")
        elif tag in ("td", "th"):
            element.tail = "\t" + (element.tail or "")
        else:
            lead = _BLOCK_MARK
            if tag == "li":
                number = numbers.get(element)
                marker = f"{number}. " if number is not None else "- "
                lead += _ITEM_MARK + marker + _ITEM_MARK
            element.text = lead + (element.text or "")
            element.tail = _BLOCK_MARK + (element.tail or "")
    text = etree.tostring(root, method="text", encoding="unicode", with_tail=False)
    blocks: list[str] = []
    # An item whose text sits in a paragraph inside it gets its marker on that paragraph,
    # not on a line of its own.
    pending = ""
    for chunk in text.split(_BLOCK_MARK):
        content = chunk
        if chunk.startswith(_ITEM_MARK):
            _, pending, content = chunk.split(_ITEM_MARK, 2)
        block = _SPACES.sub(" ", content).strip()
        if "\n" in block:
            block = "\n".join(line.strip() for line in block.split("\n")).strip()
        if block:
            blocks.append(pending + block)
            pending = ""
    return "\n\n".join(blocks)


def text_to_html(text: str) -> str:
    """Plain text as safe HTML paragraphs (blank lines separate paragraphs)."""
    import html as html_module

    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n".join(
        "<p>" + html_module.escape(p).replace("\n", "<br>") + "</p>" for p in paragraphs
    )
