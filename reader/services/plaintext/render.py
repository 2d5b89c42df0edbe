"""The article's lines as blocks (paragraphs, headings, list items), in HTML and in text."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from dataclasses import dataclass

from reader.services.plaintext.headline import HEADING_END, is_meta_line
from reader.services.plaintext.lines import BULLET, SENTENCE_END, Line

_NUMBERED_SUBSECTION = re.compile(r"^\d+\.\d+")
_NUMBERED_HEADING = re.compile(r"^\d{1,2}[.)]\s")
# A line this long repeated in the article is a second copy (a teaser, a print view).
_REPEAT_CHARS = 40


@dataclass(frozen=True, slots=True)
class Block:
    kind: str  # "p", "h2", "h3", "li"
    text: str


def _is_heading(lines: Sequence[Line], index: int, end: int, language: str | None) -> bool:
    line = lines[index]
    if not 1 <= line.words <= 15 or HEADING_END.search(line.text):
        return False
    if is_meta_line(line.text, language):
        return False
    if BULLET.match(line.text) and not _NUMBERED_HEADING.match(line.text):
        return False
    following = next((lines[i] for i in range(index + 1, end) if lines[i].words), None)
    if following is None:
        return False
    return following.words >= 2 * line.words and bool(SENTENCE_END.search(following.text))


def blocks(
    lines: Sequence[Line], keep: Sequence[int], end: int, language: str | None
) -> list[Block]:
    out: list[Block] = []
    seen: set[str] = set()
    for index in keep:
        line = lines[index]
        text = line.shown.replace("\t", " ").strip()
        # Some pages repeat their article (a teaser, a print copy): keep the first.
        if len(text) > _REPEAT_CHARS and text in seen:
            continue
        seen.add(text)
        if _is_heading(lines, index, end, language):
            level = "h3" if _NUMBERED_SUBSECTION.match(text) else "h2"
            out.append(Block(level, text))
        elif BULLET.match(text) and not re.match(r"^\d", text):
            out.append(Block("li", BULLET.sub("", text, count=1)))
        else:
            out.append(Block("p", text))
    return out


def render_text(items: Sequence[Block]) -> str:
    parts: list[str] = []
    for i, block in enumerate(items):
        if block.kind == "li":
            item = f"- {block.text}"
            if i and items[i - 1].kind == "li":
                parts[-1] += "\n" + item
            else:
                parts.append(item)
        else:
            parts.append(block.text)
    return "\n\n".join(parts)


def render_html(items: Sequence[Block]) -> str:
    out: list[str] = []
    in_list = False
    for block in items:
        if block.kind == "li" and not in_list:
            out.append("<ul>")
            in_list = True
        elif block.kind != "li" and in_list:
            out.append("</ul>")
            in_list = False
        out.append(f"<{block.kind}>{html.escape(block.text, quote=False)}</{block.kind}>")
    if in_list:
        out.append("</ul>")
    return "\n".join(out)
