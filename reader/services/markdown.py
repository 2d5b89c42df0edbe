"""Sanitized article HTML to Markdown (for ``folio show --format markdown`` and exports)."""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

_HEADINGS = {"h1": "#", "h2": "##", "h3": "###", "h4": "####", "h5": "#####", "h6": "######"}
_BLOCKS = {
    "p",
    "div",
    "section",
    "article",
    "figure",
    "figcaption",
    "table",
    "tr",
    "details",
    "summary",
}


def escape_markdown(text: str) -> str:
    """``text`` with the characters Markdown would read as formatting escaped."""
    return re.sub(r"([\\`*_\[\]])", r"\\\1", text)


def _inline(el: etree._Element) -> str:
    parts: list[str] = [escape_markdown(el.text or "")]
    for child in el:
        parts.append(_render_inline(child))
        parts.append(escape_markdown(child.tail or ""))
    return "".join(parts)


def _render_inline(el: etree._Element) -> str:
    tag = el.tag if isinstance(el.tag, str) else ""
    inner = _inline(el)
    if tag in ("strong", "b"):
        return f"**{inner.strip()}**" if inner.strip() else ""
    if tag in ("em", "i"):
        return f"*{inner.strip()}*" if inner.strip() else ""
    if tag == "code":
        return f"`{el.text_content()}`"
    if tag == "a":
        href = el.get("href")
        return f"[{inner.strip()}]({href})" if href and inner.strip() else inner
    if tag == "img":
        src = el.get("src")
        return f"![{el.get('alt') or ''}]({src})" if src else ""
    if tag == "br":
        return "  \n"
    if tag == "mark" and inner.strip():
        # Obsidian's highlight; the spaces stay outside it, where it needs them.
        lead = inner[: len(inner) - len(inner.lstrip())]
        trail = inner[len(inner.rstrip()) :]
        return f"{lead}=={inner.strip()}=={trail}"
    return inner


def _render_block(el: etree._Element, out: list[str], depth: int = 0) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _HEADINGS:
        out.append(f"{_HEADINGS[tag]} {' '.join(_inline(el).split())}")
    elif tag == "pre":
        out.append("```\n" + el.text_content().rstrip("\n") + "\n```")
    elif tag == "blockquote":
        inner: list[str] = []
        _render_children(el, inner, depth)
        out.append(
            "\n".join("> " + line if line else ">" for line in "\n\n".join(inner).split("\n"))
        )
    elif tag in ("ul", "ol"):
        lines: list[str] = []
        for number, li in enumerate((c for c in el if c.tag == "li"), start=1):
            marker = f"{number}." if tag == "ol" else "-"
            nested: list[str] = []
            text_parts = [escape_markdown(li.text or "")]
            for child in li:
                if child.tag in ("ul", "ol"):
                    _render_block(child, nested, depth + 1)
                else:
                    text_parts.append(_render_inline(child))
                text_parts.append(escape_markdown(child.tail or ""))
            lines.append("  " * depth + f"{marker} " + " ".join("".join(text_parts).split()))
            lines.extend(nested)
        out.append("\n".join(lines))
    elif tag == "hr":
        out.append("---")
    elif tag in _BLOCKS or tag == "":
        has_blocks = any(
            isinstance(c.tag, str)
            and (
                c.tag in _BLOCKS
                or c.tag in _HEADINGS
                or c.tag in ("ul", "ol", "pre", "blockquote", "hr")
            )
            for c in el
        )
        if has_blocks:
            if el.text and el.text.strip():
                out.append(escape_markdown(el.text.strip()))
            _render_children(el, out, depth)
        else:
            text = _inline(el).strip()
            if text:
                out.append(text)
    else:
        text = _render_inline(el).strip()
        if text:
            out.append(text)


def _render_children(el: etree._Element, out: list[str], depth: int) -> None:
    for child in el:
        _render_block(child, out, depth)
        if child.tail and child.tail.strip():
            out.append(escape_markdown(child.tail.strip()))


def html_to_markdown(html: str) -> str:
    if not html.strip():
        return ""
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return html
    out: list[str] = []
    if root.text and root.text.strip():
        out.append(escape_markdown(root.text.strip()))
    _render_children(root, out, 0)
    return "\n\n".join(block for block in out if block.strip()) + "\n"
